"""Honest reports (issue 13 §9): the evaluation report shows a figure only where one was
measured, each criterion with its target, its value and met / not met / not measured, and says
when the baseline was taken (warning when that was after the first pilot); the voting sheet is
anonymous and states the one point rule; the prioritisation proposal shows how each proposed
focus area follows from the votes, and the steering group's choice links back to it."""

from __future__ import annotations

from datetime import date

import pytest

from nybureau.domain.substance import point_rule


def build(store, name, lang="da", project="testrup"):
    from nybureau.services import documents

    with store.transaction("t", write=False) as tx:
        return documents.build(tx, name, lang, project=project)


def rendered(store, name, lang="da", fmt="md"):
    from nybureau.rendering import render

    return render(build(store, name, lang), fmt).decode("utf-8")


# -- the evaluation report ----------------------------------------------------------------------
def test_each_criterion_shows_its_target_its_value_and_whether_it_was_met(network_store):
    rows = {c["text"]: c for c in build(network_store, "evaluation-report")["criteria"]}
    goal = rows["Borgerens mål står i bestillingen"]
    assert (goal["target"], goal["measured"], goal["state_label"]) == \
        ("9 af 10 bestillinger", "7 af 10 bestillinger", "ikke opfyldt")
    assert goal["measured_on"] == date(2018, 4, 20)
    speed = rows["Tid fra henvendelse til indsats"]
    assert (speed["target"], speed["measured"], speed["state_label"]) == \
        ("under 2 uger", "8 dage i gennemsnit", "opfyldt")
    unmeasured = rows["Medarbejderne oplever mindre dobbeltarbejde"]
    assert (unmeasured["measured"], unmeasured["state"], unmeasured["state_label"]) == \
        ("", "not_measured", "ikke målt")
    md = rendered(network_store, "evaluation-report")
    assert ("| Borgerens mål står i bestillingen (kvalitet) | 9 af 10 bestillinger | "
            "7 af 10 bestillinger (20. april 2018) | ikke opfyldt |") in md
    assert ("| Medarbejderne oplever mindre dobbeltarbejde (arbejdsmiljø) | – | – | "
            "ikke målt |") in md
    en = {c["text"]: c["state_label"] for c in build(network_store, "evaluation-report",
                                                     "en")["criteria"]}
    assert sorted(en.values()) == ["met", "not measured", "not met"]


def test_no_survey_figure_is_copied_onto_a_governance_item(network_store):
    data = build(network_store, "evaluation-report")
    for thread in data["threads"]:
        assert "results" not in thread
        # the thread names the criteria and what they measured, never the project's averages
        assert "+0," not in thread["criteria"] and "+1," not in thread["criteria"]
    first = data["threads"][0]["criteria"]
    assert "Borgerens mål står i bestillingen: ikke opfyldt (7 af 10 bestillinger)" in first
    assert "Medarbejderne oplever mindre dobbeltarbejde: ikke målt" in first
    md = rendered(network_store, "evaluation-report")
    assert "| Resultater |" not in md


def test_question_1_says_when_the_baseline_was_taken_and_warns_when_after_the_first_pilot(
        network_store):
    facts = build(network_store, "evaluation-report")["questions"][0]["facts"]
    assert "Førmålingen »januar-2018« blev foretaget 22. januar 2018 (7 besvarelser)." in facts
    warning = [f for f in facts if f.startswith("Bemærk: førmålingen blev foretaget efter den "
                                                "første afprøvning")]
    assert warning and "Team Nord, 12. december 2017" in warning[0]


def test_a_baseline_before_the_first_pilot_carries_no_warning_and_none_says_so():
    from nybureau.services.documents.evaluation_report import _baseline

    rounds = {"rounds": [{"name": "maj-2017", "kind": "baseline", "date": date(2017, 5, 2),
                          "respondents": 1}]}
    protos = [{"title": "P", "iterations": [{"held_on": date(2017, 12, 12), "place": "Nord"}]}]
    assert _baseline(rounds, protos, "da") == [
        "Førmålingen »maj-2017« blev foretaget 2. maj 2017 (1 besvarelse)."]
    assert _baseline({"rounds": []}, protos, "en") == [
        "No baseline survey is recorded, so the starting point cannot be shown in figures."]


def test_each_chart_has_alt_text_that_says_what_it_shows(network_store):
    charts = build(network_store, "evaluation-report")["charts"]
    assert charts
    for c in charts:
        assert c["alt"].startswith(f"Søjlediagram over {c['title'].lower()}")
        assert "Alle: før " in c["alt"] and ", efter " in c["alt"]
    html = rendered(network_store, "evaluation-report", fmt="html")
    assert f'role="img" aria-label="{charts[0]["alt"]}"' in html


def test_a_measurement_is_refused_for_a_criterion_of_another_project_or_a_verdict_without_a_target(
        network_store):
    from nybureau.errors import InvalidInput, NotFound
    from nybureau.services.substance import measure_criterion

    with pytest.raises(NotFound):
        with network_store.transaction("t") as tx:
            measure_criterion(tx, "nabolund", 1, "5 af 10")
    with pytest.raises(InvalidInput) as err:
        with network_store.transaction("t") as tx:
            measure_criterion(tx, "testrup", 3, "Ja", met=True, on="2018-04-20")
    assert "--target" in err.value.render("en")


# -- the voting sheet ---------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_voting_sheet_is_anonymous_and_prints_a_card_per_item(network_store, fmt):
    text = rendered(network_store, "voting-sheet", fmt=fmt)
    assert "Navn" not in text and "Name" not in text
    assert "Stemmesedlen er anonym: skriv ikke dit navn." in text
    assert "Min rolle i styringskæden (sæt ét kryds):" in text
    items = build(network_store, "voting-sheet")["items"]
    for n, it in enumerate(items, start=1):
        assert f"Kort {n}: {it['title']}" in text
    if fmt == "html":
        assert text.count('<section class="card" style="break-before: page') == len(items)


def test_the_point_rule_comes_from_the_definition_and_is_worded_once(network_store):
    rule = point_rule({})
    assert rule["da"] == ("Hver deltager giver hvert styringselement 0–3 point, flest til de "
                          "elementer, hvor en ændring betyder mest for kerneopgaven.")
    assert point_rule({"max_points": 5})["en"].startswith(
        "Each participant gives each governance item 0–5 points")
    assert rule["da"] in rendered(network_store, "voting-sheet")
    assert rule["en"] in rendered(network_store, "voting-sheet", "en")


def test_the_workshop_guide_states_the_same_point_rule(cli, store):
    from nybureau.services import documents

    cli.ok("project create guide --name Guiden --municipality Testrup --workflow "
           "nybureaukratisering --date 2017-06-01")
    with store.transaction("t", write=False) as tx:
        data = documents.build(tx, "workshop-guide", "da", project="guide")
    assert data["point_rule"] == point_rule({})["da"]
    from nybureau.rendering import render

    md = render(data, "md").decode("utf-8")
    assert point_rule({})["da"] in md and "mærke" not in md


# -- the prioritisation proposal ----------------------------------------------------------------
def test_the_proposal_shows_how_each_area_follows_from_the_votes(network_store):
    data = build(network_store, "prioritisation-proposal")
    first = data["proposed"][0]
    assert first["title"] == "Bostøtte visiteres som ugentlige timer"
    assert first["why"] == ("6 af 6 deltagere stemte om elementet; 6 af dem for at forandre det "
                            "(18 point af i alt 18). Stemmerne fordeler sig i styringskæden: "
                            "frontlinjemedarbejder 2, leder 1, tillidsrepræsentant 1, MED 1, "
                            "forvaltning 1.")
    md = rendered(network_store, "prioritisation-proposal")
    assert "| Flest stemmer |" in md and "Førende" not in md


def test_the_steering_groups_areas_link_back_to_the_proposal_with_its_reasoning(network_store):
    areas = {f["title"]: f for f in build(network_store, "prioritisation-proposal")["focus_areas"]}
    fewer = areas["Færre statusskrivelser"]
    assert fewer["basis"] == [{"title": "Kvartalsvis statusskrivelse", "where": "forslag 2",
                               "leading": "fjerne", "points": "12 point"}]
    assert fewer["reason"] == "Frontlinjen og MED pegede begge på statusskrivelsen"
    md = rendered(network_store, "prioritisation-proposal")
    assert ("Bygger på: Kvartalsvis statusskrivelse (forslag 2; fjerne, 12 point)." in md)
    assert "Styregruppens begrundelse: Frontlinjen og MED pegede begge på statusskrivelsen" in md
