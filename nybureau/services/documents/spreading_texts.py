"""The story a project's spreading drafts tell (the newsletter and the article): a headline, a
lead, sections of plain paragraphs, quotes and a facts box, each sentence made from the project's
own records as of the document's day — the mapping, the focus areas, the prototypes with their
iterations and evaluated criteria, the survey's change per bottom line, the drivers and the
barriers overcome in the risk log, the spreading decision and the activities. A sentence whose
records are missing is left out, never guessed; a communications officer edits the draft."""

from __future__ import annotations

from typing import Any

from nybureau.domain.records import Project
from nybureau.domain.substance import BOTTOM_LINES, CHAIN_ROLES
from nybureau.domain.vocabulary import counted, label
from nybureau.rendering.dates import month_year, short_date
from nybureau.services.documents.parts import words


def _num(value: float, lang: str) -> str:
    s = f"{value:.1f}"
    return s.replace(".", ",") if lang == "da" else s


def _lower_first(text: str) -> str:
    """``Fast dagsorden`` → ``fast dagsorden`` inside a sentence; ``MED``, ``Team Nord`` and
    ``Odder Kommune`` stay as written (an abbreviation, or a name: another word capitalised)."""
    words = text.split()
    if not words:
        return text
    first = words[0]
    if (len(first) > 1 and first[0].isupper() and first[1:].islower()
            and not any(w[:1].isupper() for w in words[1:])):
        return text[0].lower() + text[1:]
    return text


# the governance chain's roles as a group of people, for running text
_CHAIN_PLURAL = {
    "frontline": ("frontlinjemedarbejdere", "frontline staff"),
    "leader": ("ledere", "leaders"),
    "administration": ("forvaltningen", "the administration"),
    "med": ("MED", "MED"),
    "union_rep": ("tillidsrepræsentanter", "union representatives"),
}
# a spreading activity named in running text ("gennem artiklen …")
_SPREAD_DEFINITE = {
    "article": ("artiklen", "the article"), "newsletter": ("nyhedsbrevet", "the newsletter"),
    "publication": ("publikationen", "the publication"),
    "dialogue_meeting": ("dialogmødet", "the dialogue meeting"),
    "conference_talk": ("konferenceoplægget", "the conference talk"),
}


def _and(parts: list[str], lang: str) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + (" og " if lang == "da" else " and ") + parts[-1]


def _chain(role: str | None, lang: str) -> str:
    return _CHAIN_PLURAL.get(role or "", ("", ""))[0 if lang == "da" else 1]


def _end(text: str) -> str:
    text = text.strip()
    return text if text[-1:] in ".!?»“”\"" else text + "."


def _names(titles: list[str], lang: str) -> str:
    quoted = [f"»{t}«" if lang == "da" else f"“{t}”" for t in titles]
    if len(quoted) == 1:
        return quoted[0]
    return ", ".join(quoted[:-1]) + (" og " if lang == "da" else " and ") + quoted[-1]


def _q(text: str, lang: str) -> str:
    return f"»{text}«" if lang == "da" else f"“{text}”"


def story(tx, project: Project, facts: dict[str, Any], lang: str) -> dict[str, Any]:
    """The material of both drafts (see the module's description)."""
    from nybureau.services.documents.evaluation_report import criteria_rows
    from nybureau.services.substance.evaluation import survey_summary

    da = lang == "da"
    town = project.municipality
    items = tx.gov_items(project.id)
    areas = tx.focus_areas(project.id)
    protos = [p for p in tx.prototypes(project.id)]
    votes = tx.votes(project.id)
    summary = survey_summary(tx, project)
    risks = tx.risks(project.id)
    spreading = tx.spreading(project.id)
    decisions = [d for d in tx.decisions(project.id) if d.decision_key == "spreading"
                 and d.outcome in ("approved", "approved_with_changes")]
    notes = [n for n in tx.notes(project.id) if n.kind == "learning_meeting"]
    adopted = [p for p in protos if p.status == "adopted"]
    tried = [p for p in protos if p.iterations and p.status != "dropped"]

    # -- headline and lead ----------------------------------------------------------------------
    if adopted:
        headline = (f"{_q(adopted[0].title, lang)} bliver hverdag i {town}" if da else
                    f"{_q(adopted[0].title, lang)} becomes everyday practice in {town}")
    elif tried:
        headline = (f"{town} afprøver ny styring: {_q(tried[0].title, lang)}" if da else
                    f"{town} tries out new governance: {_q(tried[0].title, lang)}")
    elif areas:
        headline = (f"{town} har valgt, hvor styringen skal forandres" if da else
                    f"{town} has chosen where governance is to change")
    elif items:
        headline = (f"{town} kortlægger den styring, medarbejderne møder" if da else
                    f"{town} maps the governance its staff meet")
    else:
        headline = (f"{town} tager fat på styringen" if da else
                    f"{town} takes a fresh look at governance")
    area = f" ({project.area.lower()})" if project.area else ""
    lead = [(f"Hvordan bliver styringen en hjælp i arbejdet og ikke en byrde? Det har {town} "
             f"arbejdet med siden {month_year(project.started_on, lang)} i projektet "
             f"»{project.name}«{area}." if da else
             f"How does governance become a help in the work rather than a burden? {town} has "
             f"worked on that since {month_year(project.started_on, lang)} in the project "
             f"“{project.name}”{area}.")]
    lines = [b for b in summary["bottom_lines"] if b["change"] is not None]
    rose = [b for b in lines if b["change"] > 0]
    if rose:
        best = max(rose, key=lambda b: b["change"])
        word = label(BOTTOM_LINES, best["bottom_line"], lang)
        lead.append(f"Evalueringen viser fremgang: i spørgeskemaet steg vurderingen af {word} "
                    f"fra {_num(best['before']['mean'], lang)} til "
                    f"{_num(best['after']['mean'], lang)} på en skala fra 1 til 5." if da else
                    f"The evaluation shows progress: in the survey, the rating of {word} rose from "
                    f"{_num(best['before']['mean'], lang)} to {_num(best['after']['mean'], lang)}"
                    " on a scale of 1 to 5.")
    elif tried:
        lead.append(f"Nu afprøves den nye styring i praksis." if da else
                    "The new governance is now being tried out in practice.")

    sections: list[dict[str, Any]] = []

    def section(key: str, da_heading: str, en_heading: str, paragraphs: list[str]) -> None:
        if paragraphs:
            sections.append({"key": key, "heading": da_heading if da else en_heading,
                             "paragraphs": paragraphs})

    # -- the starting point: the mapping ----------------------------------------------------------
    start = []
    if items:
        tight = sum(1 for i in items if i.experience == "too_tight")
        waste = sum(1 for i in items if i.character == "waste_of_time")
        agents = words(tx, project, lang)["The_agents"]
        start.append(f"{agents} begyndte med at kortlægge den styring, "
                     f"medarbejderne møder i hverdagen: mål, regler og dokumentationskrav. De "
                     f"fandt {counted(len(items), 'governance_item', 'da')}." if da else
                     f"{agents} began by mapping the governance staff meet in "
                     f"their daily work: goals, rules and documentation. They found "
                     f"{counted(len(items), 'governance_item', 'en')}.")
        if tight or waste:
            parts = [x for x in (
                (f"{tight} af dem som for stramme" if da else f"{tight} of them as too tight")
                if tight else "",
                (f"{waste} som spild af tid" if da else f"{waste} as a waste of time")
                if waste else "") if x]
            start[-1] += (" Medarbejderne oplever " if da else " Staff experience ") \
                + _and(parts, lang) + "."
    section("start", "Udgangspunktet", "The starting point", start)

    # -- the choice: the workshop and the focus areas ---------------------------------------------
    chosen = []
    if areas:
        who = {v.chain_role for v in votes}
        if votes:
            roles = [_chain(r, lang) for r in CHAIN_ROLES if r in who]
            people = len({v.participant for v in votes})
            chosen.append(
                f"På en workshop prioriterede {counted(people, 'participant', 'da')} fra hele "
                f"styringskæden – {_and(roles, lang)} – hvad der skulle fjernes, forandres eller "
                "forankres." if da else
                f"At a workshop, {counted(people, 'participant', 'en')} from the whole "
                f"governance chain – {_and(roles, lang)} – prioritised what to remove, change or "
                "anchor.")
        chosen.append(
            f"Styregruppen valgte {counted(len(areas), 'focus_area', 'da')}: "
            f"{_names([a.title for a in areas], lang)}." if da else
            f"The steering group chose {counted(len(areas), 'focus_area', 'en')}: "
            f"{_names([a.title for a in areas], lang)}.")
    section("choice", "Det valgte de", "What they chose", chosen)

    # -- the prototypes and their iterations --------------------------------------------------------
    tests, quotes = [], []
    for p in protos:
        its = list(p.iterations)
        if not its and p.status != "dropped":
            tests.append(f"Arbejdsgruppen har udviklet {_q(p.title, lang)}, som endnu ikke er "
                         "afprøvet." if da else
                         f"The working group has developed {_q(p.title, lang)}, which has not "
                         "been tried out yet.")
            continue
        if its:
            first = its[0]
            tests.append(f"{_q(p.title, lang)} er afprøvet {len(its)} "
                         f"{'gang' if len(its) == 1 else 'gange'}, første gang i "
                         f"{month_year(first.held_on, lang)} ({first.place})." if da else
                         f"{_q(p.title, lang)} has been tried out {len(its)} "
                         f"{'time' if len(its) == 1 else 'times'}, first in "
                         f"{month_year(first.held_on, lang)} ({first.place}).")
        changes = [i.changed.strip() for i in its if i.changed and i.changed.strip()]
        if len(changes) == 1:
            tests.append(("Undervejs blev den justeret: " if da else
                          "It was adjusted along the way: ") + _end(_lower_first(changes[0])))
        elif changes:
            tests.append("Undervejs blev den justeret:" if da else
                         "It was adjusted along the way:")
            tests.append([_end(c) for c in changes])
        if p.status == "adopted":
            tests.append("Den er nu forankret i driften." if da else "It has now been adopted.")
        elif p.status == "dropped":
            tests.append(f"{_q(p.title, lang)} blev opgivet undervejs." if da else
                         f"{_q(p.title, lang)} was dropped along the way.")
        for i in [i for i in its if i.learned]:
            first = not any(q["rank"] == 0 and q["prototype"] == p.id for q in quotes)
            quotes.append({"rank": 0 if first else 2, "prototype": p.id,
                           "text": _end(i.learned),
                           "source": (f"Fra afprøvningen i {month_year(i.held_on, lang)}"
                                      f" – {i.place}" if da else
                                      f"From the trial in {month_year(i.held_on, lang)}"
                                      f" – {i.place}")})
    for n in notes:
        quotes.append({"rank": 1, "prototype": None, "text": _end(n.text),
                       "source": (f"{n.title}, {short_date(n.held_on, lang)}")})
    # one lesson per prototype first, then the learning meetings, then the rest: four at most
    quotes = [{"text": q["text"], "source": q["source"]}
              for q in sorted(quotes, key=lambda q: q["rank"])[:4]]
    section("tests", "Det har de afprøvet", "What they tried out", tests)

    # -- the results: the criteria and the survey ---------------------------------------------------
    results = []
    moves = []
    for b in lines:
        word = label(BOTTOM_LINES, b["bottom_line"], lang)
        before, after = _num(b["before"]["mean"], lang), _num(b["after"]["mean"], lang)
        if b["change"] == 0:
            moves.append(f"{word} var uændret på {before}" if da else
                         f"{word} stayed at {before}")
        else:
            verb = ("steg" if b["change"] > 0 else "faldt") if da else \
                ("rose" if b["change"] > 0 else "fell")
            moves.append(f"{word} {verb} fra {before} til {after}" if da else
                         f"{word} {verb} from {before} to {after}")
    if moves:
        results.append(("I spørgeskemaet gik vurderingerne sådan fra før- til eftermålingen: "
                        if da else "In the survey, the ratings moved from baseline to "
                        "follow-up as follows: ") + _and(moves, lang)
                       + (" (på en skala fra 1 til 5)." if da else " (on a scale of 1 to 5)."))
    day = getattr(tx, "last", None)
    for c in criteria_rows(protos, lang):
        if c["state"] == "not_measured" or not c["measured"] or (
                day is not None and c["measured_on"] is not None and c["measured_on"] > day):
            continue
        met = c["state"] == "met"
        target = (f" Målet var {c['target']}" if da else f" The target was {c['target']}") \
            if c["target"] else ""
        verdict = (("; det er nået." if met else "; det er ikke nået endnu.") if da else
                   ("; it was met." if met else "; it has not been met yet.")) if target else ""
        results.append(f"{_q(c['text'], lang)}: målingen viste {c['measured']}.{target}"
                       f"{verdict}" if da else
                       f"{_q(c['text'], lang)}: the measurement showed {c['measured']}.{target}"
                       f"{verdict}")
    if results:
        results[0:0] = ["Projektet evaluerer på Fremfærds tre bundlinjer: kvalitet, arbejdsmiljø "
                        "og effektivitet." if da else
                        "The project is evaluated on Fremfærd's three bottom lines: quality, "
                        "working environment and efficiency."]
    section("results", "Det viser evalueringen", "What the evaluation shows", results)

    # -- drivers and barriers (the risk log) ---------------------------------------------------------
    carried = []
    drivers = [r for r in risks if r.kind == "driver"]
    if drivers:
        carried.append("Projektets drivkræfter har især været:" if da else
                       "The project's drivers have above all been:")
        carried.append([r.what.strip().rstrip(".") + (f" ({_chain(r.chain_role, lang)})"
                                                      if r.chain_role else "") + "."
                        for r in drivers])
    for r in risks:
        if r.kind != "barrier":
            continue
        what = _q(r.what.rstrip("."), lang)
        if r.status == "closed":
            how = f" {_end(r.close_note)}" if r.close_note else ""
            carried.append(f"En barriere undervejs var {what}.{how}" if da else
                           f"One barrier along the way was {what}.{how}")
        elif r.action:
            carried.append(f"Der arbejdes stadig med barrieren {what}: {_end(r.action)}" if da
                           else f"Work continues on the barrier {what}: {_end(r.action)}")
    section("drivers", "Det har båret projektet", "What carried the project", carried)

    # -- what now: the spreading decision and activities ------------------------------------------------
    now = []
    if decisions and decisions[-1].note:
        now.append(_end(decisions[-1].note))
    if spreading:
        shared = [f"{_SPREAD_DEFINITE[x.kind][0 if da else 1]} {_q(x.title, lang)} "
                  f"({short_date(x.held_on, lang)}, {x.audience})" for x in spreading]
        if len(shared) == 1:
            now.append(("Indtil nu er erfaringerne delt gennem " if da else
                        "So far the lessons have been shared through ") + shared[0] + ".")
        else:
            now.append("Indtil nu er erfaringerne delt gennem:" if da else
                       "So far the lessons have been shared through:")
            now.append([x[0].upper() + x[1:] for x in shared])
    if not facts["completed"]:
        now.append(f"Projektet er nu i fase {facts['phase_number']} af {facts['phase_count']}, "
                   f"»{facts['phase_title']}«." if da else
                   f"The project is now in phase {facts['phase_number']} of "
                   f"{facts['phase_count']}, “{facts['phase_title']}”.")
    section("next", "Det sker nu", "What happens now", now)

    # -- the facts box ------------------------------------------------------------------------------------
    rounds = ", ".join(f"{r['name']} ({counted(r['respondents'], 'respondent', lang)})"
                       for r in summary["rounds"])
    box = [
        ("Kommune" if da else "Municipality", town),
        ("Projekt" if da else "Project", project.name),
        ("Område" if da else "Area", project.area or ""),
        ("Startet" if da else "Started", short_date(project.started_on, lang)),
        ("Fase" if da else "Phase",
         ("afsluttet" if da else "completed") if facts["completed"] else
         f"{facts['phase_number']} {'af' if da else 'of'} {facts['phase_count']}: "
         f"{facts['phase_title']}"),
        ("Metode" if da else "Method", facts["workflow"]),
        ("Kortlagt" if da else "Mapped",
         counted(len(items), "governance_item", lang) if items else ""),
        ("Indsatsområder" if da else "Focus areas", "; ".join(a.title for a in areas)),
        ("Prototyper" if da else "Prototypes", "; ".join(p.title for p in protos)),
        ("Målinger" if da else "Surveys", rounds),
    ]
    return {"headline": headline, "lead": lead, "sections": sections, "quotes": quotes,
            "facts_box": [(k, v) for k, v in box if v],
            "counts": {"items": len(items), "focus_areas": len(areas),
                       "prototypes": len(protos), "risks": len(risks),
                       "spreading": len(spreading)}}
