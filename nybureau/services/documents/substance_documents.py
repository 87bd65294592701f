"""The documents of phases 3–6: the mapping report (*kortlægning*), the voting sheet and the
agents' prioritisation proposal to the steering group, the evaluation report (the nine-question
template, with before/after charts) and the network's comparative report (its data in
:mod:`.network_report`). Each is available
once the project's records hold what it is made of. Each builder returns plain data for its
templates, with the records it comes from in ``sources``. Also provides the workshop guide's
mapped items."""

from __future__ import annotations

from typing import Any

from nybureau.domain.records import Project
from nybureau.domain.substance import (
    BOTTOM_LINES,
    CHAIN_ROLES,
    CHARACTERS,
    EXPERIENCES,
    HEARD_ROLES,
    ITEM_KINDS,
    MIN_GROUP,
    PROTOTYPE_STATUSES,
    SOURCES,
    SPREADING_KINDS,
    VERDICTS,
)
from nybureau.domain.vocabulary import counted, label
from nybureau.errors import InvalidInput
from nybureau.i18n import Msg
from nybureau.services.documents.fieldwork import felt, note_row
from nybureau.services.documents.parts import mean_number, project_facts, source, survey_cell
from nybureau.services.documents.registry import (
    DocumentData,
    Needs,
    Scope,
    Section,
    Words,
    document,
)

def _counts(scope: Scope) -> dict[str, int]:
    """The project's substance counts (governance items, prototypes), read once per scope."""
    return scope.memo("substance_counts",
                      lambda: scope.tx.substance_counts(scope.project["id"]))


def _item(it: dict[str, Any], lang: str) -> dict[str, Any]:
    return {**it,
            "kind_label": label(ITEM_KINDS, it["kind"], lang),
            "experience_label": label(EXPERIENCES, it["experience"], lang)
            if it["experience"] else "",
            "character_label": label(CHARACTERS, it["character"], lang)
            if it["character"] else "",
            "source_label": label(SOURCES, it["source"], lang) if it["source"] else "",
            "experienced_by_label": label(HEARD_ROLES, it["experienced_by"], lang)
            if it.get("experienced_by") else "",
            "felt": felt(it.get("experience"), it.get("experienced_by"), lang)}


def mapped_items(tx, project: Project) -> list[dict[str, Any]]:
    """The project's mapped governance items (kortlægningen) to work on at the prioritisation
    workshop: the workshop guide lists them (and says the mapping is not registered yet when
    there are none). Their labels are Danish in either language, as they have always been."""
    lang = "da"
    return [{"id": r["id"], "title": r["title"],
             "kind": label(ITEM_KINDS, r["kind"], lang),
             "where": r["applies_to"] or "–",
             "experience": label(EXPERIENCES, r["experience"], lang) if r["experience"] else "–",
             "evidence": r["evidence"]}
            for r in tx.gov_items(project.id)]


@document("mapping-report", title=Words("Kortlægning af styringen", "Mapping of governance"),
          stem=Words("kortlaegning", "mapping-report"), needs=Needs.PROJECT,
          section=Section.SUBSTANCE,
          available=lambda scope, _: bool(_counts(scope)["governance_items"]))
def mapping_report(tx, project: Project, lang: str) -> DocumentData:
    from nybureau.services.substance import governance

    m = governance.mapping_report(tx, project.slug)
    items = [{**_item(i, lang), "notes": [note_row(n, lang) for n in m["notes"].get(i["id"], [])],
              "conflict": m["conflicts"][i["id"]][lang] if i["id"] in m["conflicts"] else ""}
             for i in m["items"]]
    groups = [{"kind": k, "label": label(ITEM_KINDS, k, lang).capitalize(),
               "items": [i for i in items if i["kind"] == k]}
              for k in ITEM_KINDS if any(i["kind"] == k for i in items)]
    return {
        "project": project_facts(tx, project, lang),
        "items": items, "groups": groups,
        "experience": [{"label": label(EXPERIENCES, k, lang), "n": n}
                       for k, n in m["experience"].items()],
        "character": [{"label": label(CHARACTERS, k, lang), "n": n}
                      for k, n in m["character"].items()],
        "sources_count": [{"label": label(SOURCES, k, lang), "n": n}
                          for k, n in m["sources"].items() if n],
        "unclassified": sum(1 for i in items if not i["experience"]),
        "experienced_by": [{"label": label(HEARD_ROLES, r, lang).capitalize(),
                            "too_tight": n["too_tight"], "too_loose": n["too_loose"]}
                           for r, n in m["experienced_by"].items()],
        "conflicts": [{"title": i["title"], "why": i["conflict"]} for i in items
                      if i["conflict"]],
        "field_notes": sum(len(i["notes"]) for i in items),
        "agents": m["agents"], "period": m["period"],
        "sources": [source("governance item", i["id"], i["title"]) for i in items]
        + [source("field note", n["id"], Msg("evidence of {title}", title=i["title"]).render(lang))
           for i in items for n in i["notes"]],
        "subject": project.slug,
    }


@document("voting-sheet", title=Words("Stemmeseddel til prioriteringsworkshop",
                                      "Voting sheet for the prioritisation workshop"),
          stem=Words("stemmeseddel", "voting-sheet"), needs=Needs.PROJECT,
          section=Section.SUBSTANCE,
          available=lambda scope, _: bool(_counts(scope)["governance_items"]))
def voting_sheet(tx, project: Project, lang: str) -> DocumentData:
    from nybureau.services.substance import workshop

    v = workshop.voting_sheet(tx, project.slug)
    if not v["items"]:
        raise InvalidInput(
            Msg("'{slug}' has no governance items to vote on yet; record the mapping "
                "first (`nybureau item import`).", slug=project.slug))
    return {
        "project": project_facts(tx, project, lang),
        "items": [_item(i, lang) for i in v["items"]],
        "verdicts": [{"id": k, "label": label(VERDICTS, k, lang)} for k in v["verdicts"]],
        "chain_roles": [{"id": k, "label": label(CHAIN_ROLES, k, lang)} for k in CHAIN_ROLES],
        "point_rule": v["point_rule"][lang], "max_points": v["max_points"],
        "sources": [source("governance item", i["id"], i["title"])
                    for i in v["items"]],
        "subject": project.slug,
    }


def _tally_rows(tally: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    rows = []
    for e in tally["items"]:
        rows.append({
            "id": e["id"], "title": e["title"], "kind": label(ITEM_KINDS, e["kind"], lang),
            "votes": e["votes"], "points": e["points"],
            "cells": [f"{e['counts'].get(v, 0)} ({e['verdict_points'].get(v, 0)} p)"
                      if e["counts"].get(v) else "–" for v in tally["verdicts"]],
            "leading": (Msg("tie").render(lang) if e["leading"] == "tie"
                        else label(VERDICTS, e["leading"], lang)),
            "chain": ", ".join(f"{label(CHAIN_ROLES, r, lang)} {n}"
                               for r, n in e["chain"].items()),
            "why": _why(e, tally["participants"], lang),
        })
    return rows


def _why(e: dict[str, Any], participants: int, lang: str) -> str:
    """How an item's place in the proposal follows from its votes: who voted, for what, and how
    the votes spread across the governance chain."""
    lead = e["leading"]
    if lead in (None, "tie"):
        return ""
    n_lead = e["counts"].get(lead, 0)
    spread = ", ".join(f"{label(CHAIN_ROLES, r, lang)} {n}" for r, n in e["chain"].items())
    if lang == "da":
        return (f"{e['votes']} af {counted(participants, 'participant', 'da')} stemte om "
                f"elementet; {n_lead} af dem for at {label(VERDICTS, lead, 'da')} det "
                f"({counted(e['verdict_points'].get(lead, 0), 'point', 'da')} af i alt "
                f"{e['points']}). Stemmerne fordeler sig i styringskæden: {spread}.")
    return (f"{e['votes']} of {counted(participants, 'participant', 'en')} voted on the item; "
            f"{n_lead} of them to {label(VERDICTS, lead, 'en')} it "
            f"({counted(e['verdict_points'].get(lead, 0), 'point', 'en')} of {e['points']} in "
            f"all). The votes spread across the governance chain: {spread}.")


def _decided(areas: list[dict[str, Any]], rows: list[dict[str, Any]],
             proposed_ids: list[int], lang: str) -> list[dict[str, Any]]:
    """The steering group's focus areas, each linked back to the proposal's items and votes,
    with its reasoning where one is recorded."""
    by_id = {r["id"]: r for r in rows}
    out = []
    for f in areas:
        basis = []
        for iid in f["items"]:
            r = by_id.get(iid)
            if r is None:
                continue
            if iid in proposed_ids:
                where = Msg("proposal {number}", number=proposed_ids.index(iid) + 1).render(lang)
            else:
                where = Msg("not among the proposed items").render(lang)
            basis.append({"title": r["title"], "where": where, "leading": r["leading"],
                          "points": counted(r["points"], "point", lang)})
        out.append({**f, "basis": basis, "reason": f["reason"] or ""})
    return out


@document("prioritisation-proposal", title=Words("Forslag til indsatsområder",
                                                 "Proposal for focus areas"),
          stem=Words("forslag-indsatsomraader", "prioritisation-proposal"), needs=Needs.PROJECT,
          section=Section.SUBSTANCE,
          available=lambda scope, _: bool(_counts(scope)["votes"]))
def prioritisation_proposal(tx, project: Project, lang: str) -> DocumentData:
    from nybureau.services.substance import workshop

    p = workshop.prioritisation_proposal(tx, project.slug)
    tally = p["tally"]
    proposed_order = [e["id"] for e in p["proposed"]]
    proposed_ids = set(proposed_order)
    rows = _tally_rows(tally, lang)
    registered = {i.id: i for i in tx.gov_items(project.id)}
    for r in rows:
        it = registered.get(r["id"])
        r["felt"] = felt(it.experience, it.experienced_by, lang) if it is not None else ""
    return {
        "project": project_facts(tx, project, lang),
        "verdicts": [label(VERDICTS, v, lang) for v in tally["verdicts"]],
        "rows": rows,
        "proposed": [r for r in rows if r["id"] in proposed_ids],
        "further": [r for r in rows if r["id"] in {e["id"] for e in p["further"]}],
        "anchor": [r for r in rows if r["id"] in {e["id"] for e in p["anchor"]}],
        "limit": p["limit"], "votes": tally["votes"], "participants": tally["participants"],
        "votes_from": Msg("{counted} from {counted_2}",
                          counted=counted(tally["votes"], "vote", "en"),
                          counted_2=counted(tally["participants"], "participant", "en"),
                          counted_3=counted(tally["votes"], "vote", "da"),
                          counted_4=counted(tally["participants"], "participant", "da")
                          ).render(lang),
        "by_role": [{"label": label(CHAIN_ROLES, r, lang), "n": n}
                    for r, n in tally["by_role"].items()],
        "warnings": [w[lang] for w in tally["warnings"]],
        "focus_areas": _decided(p["focus_areas"], rows, proposed_order, lang),
        "recommendation": Msg("the steering group chooses at most {limit} focus areas among the proposed "
                              "governance items (the small-steps principle)",
                              limit=p['limit']).render(lang),
        "sources": [source("workshop votes", None, Msg("{counted} from "
                                                       "{counted_2}",
                                                       counted=counted(tally['votes'], 'vote', 'en'),
                                                       counted_2=counted(tally['participants'], 'participant', 'en'),
                                                       counted_3=counted(tally['votes'], 'vote', 'da'),
                                                       counted_4=counted(tally['participants'], 'participant', 'da')).render(lang))]
        + [source("governance item", r["id"], r["title"]) for r in rows]
        + [source("focus area", f["id"], f["title"]) for f in p["focus_areas"]],
        "subject": project.slug,
    }


def _chart_alt(summary: dict[str, Any], line_key: str, title: str, lang: str) -> str:
    """What a before/after chart shows, in words (its alt text): the means before and after,
    for all and for each group shown."""
    line = next(b for b in summary["bottom_lines"] if b["bottom_line"] == line_key)

    def pair(before, after) -> str:
        return (f"{Msg('before').render(lang)} {survey_cell(before, lang)}, "
                f"{Msg('after').render(lang)} {survey_cell(after, lang)}")
    groups = "; ".join(f"{ro['role']}: {pair(ro['before'], ro['after'])}"
                       for ro in line["roles"])
    if lang == "da":
        return (f"Søjlediagram over {title.lower()}, gennemsnit på skalaen 1–5 før og efter. "
                f"Alle: {pair(line['before'], line['after'])}." + (f" {groups}." if groups else ""))
    return (f"Bar chart of {title.lower()}, means on the scale 1–5 before and after. "
            f"All: {pair(line['before'], line['after'])}." + (f" {groups}." if groups else ""))


@document("evaluation-report", title=Words("Evalueringsrapport", "Evaluation report"),
          stem=Words("evalueringsrapport", "evaluation-report"), needs=Needs.PROJECT,
          section=Section.SUBSTANCE,
          available=lambda scope, _: bool(_counts(scope)["survey_rounds"]
                                          or _counts(scope)["prototypes"]))
def evaluation_report(tx, project: Project, lang: str) -> DocumentData:
    from nybureau.rendering.charts import evaluation_charts
    from nybureau.services.documents import evaluation_report as er

    r = er.build(tx, project.slug, lang)
    s = r["survey"]
    table = []
    for b in s["bottom_lines"]:
        line = label(BOTTOM_LINES, b["bottom_line"], lang).capitalize()
        table.append({"bottom_line": line, "group": Msg("All").render(lang),
                      "before": survey_cell(b["before"], lang), "after": survey_cell(b["after"], lang),
                      "change": mean_number(b["change"], lang, signed=True)})
        for ro in b["roles"]:
            table.append({"bottom_line": "", "group": ro["role"],
                          "before": survey_cell(ro["before"], lang), "after": survey_cell(ro["after"], lang),
                          "change": mean_number(ro["change"], lang, signed=True)})
    titles = {k: label(BOTTOM_LINES, k, lang).capitalize() for k in BOTTOM_LINES}
    charts = [{**c, "alt": _chart_alt(s, c["bottom_line"], titles[c["bottom_line"]], lang)}
              for c in evaluation_charts(s, titles, lang)]
    threads = []
    for tr in r["traces"]:
        it = tr["item"]
        w = tr["workshop"]
        threads.append({
            "title": it["title"], "id": it["id"],
            "found": ", ".join(x for x in (
                er._d(it["date"], lang), it["agent"] or "",
                label(SOURCES, it["source"], lang) if it["source"] else "",
                label(EXPERIENCES, it["experience"], lang) if it["experience"] else "",
                label(CHARACTERS, it["character"], lang) if it["character"] else "") if x),
            "verdict": "–" if w is None else (
                (Msg("tie").render(lang) if w["leading"] == "tie"
                 else label(VERDICTS, w["leading"], lang))
                + f" ({w['votes']} {Msg('votes').render(lang)}, {w['points']} p)"),
            "focus_areas": ", ".join(f["title"] for f in tr["focus_areas"]) or "–",
            "prototypes": "; ".join(
                f"{p['title']} ({label(PROTOTYPE_STATUSES, p['status'], lang)}, "
                f"{len(p['iterations'])} {Msg('iterations').render(lang)})"
                for p in tr["prototypes"]) or "–",
            "criteria": "; ".join(
                f"{c['text']}: {c['state_label']}"
                + (f" ({c['measured']})" if c["measured"] else "")
                for c in r["criteria"]
                if c["prototype"] in {p["title"] for p in tr["prototypes"]}) or "–",
            "spreading": "; ".join(
                f"{label(SPREADING_KINDS, x['kind'], lang)}: {x['title']}"
                for x in tr["spreading"]) or "–",
        })
    rounds = [{"name": x["name"], "date": x["date"], "respondents": x["respondents"],
               "kind": Msg("baseline").render(lang) if x["kind"] == "baseline"
               else Msg("mid-term").render(lang) if x["kind"] == "mid_term"
               else Msg("follow-up").render(lang)} for x in s["rounds"]]
    return {
        "project": project_facts(tx, project, lang),
        "questions": r["questions"], "survey_table": table, "rounds": rounds,
        "charts": charts, "threads": threads, "min_group": MIN_GROUP,
        "criteria": r["criteria"], **r["sections"],
        "sources": [source("survey round", x["name"],
                           counted(x["respondents"], "respondent", lang)) for x in s["rounds"]]
        + [source("project", project.slug, Msg("phase history, decisions, activities, prototypes, notes and spreading").render(lang))],
        "subject": project.slug,
    }


@document("network-report", title=Words("Sammenlignende rapport for netværket",
                                        "Comparative report for the network"),
          stem=Words("netvaerksrapport", "network-report"), needs=Needs.PROJECT,
          section=Section.SUBSTANCE,
          available=lambda scope, _: scope.project.network_id is not None)
def network_report(tx, project: Project, lang: str, network: str | None = None
                   ) -> DocumentData:
    slug = network or project.network_slug
    if not slug:
        raise InvalidInput(Msg("'{slug}' is not in a network.", slug=project.slug))
    from nybureau.services.documents.network_report import network_data

    return network_data(tx, slug, lang)
