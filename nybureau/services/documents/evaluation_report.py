"""The evaluation report: the common template of nine questions used in the cross-cutting
evaluation of the free-municipality trials (starting point, process, challenges, positive
experiences, the trust agenda, organisational learning, results for the core task, spreadability,
other lessons). Each question is answered from the records where they can answer it, and left
for the writer — with a prompt — where they cannot. Plain data; the rendering layer turns it into
a document with a before/after chart per bottom line."""

from __future__ import annotations

from typing import Any

from nybureau.domain.substance import (
    BOTTOM_LINES,
    CHAIN_ROLES as _CHAIN,
    CHARACTERS,
    EXPERIENCES,
    PROTOTYPE_STATUSES,
    SPREADING_KINDS,
    VERDICTS,
)
from nybureau.domain.vocabulary import ACTIVITY_KINDS, BODIES, OUTCOMES, label
from nybureau.services.common import get_project
from nybureau.workflow.spec import text
from nybureau.domain.vocabulary import counted

QUESTIONS: list[dict[str, str]] = [
    {"da": "Hvad var udgangspunktet, da projektet startede?",
     "en": "What was the starting point when the project began?"},
    {"da": "Hvordan er processen forløbet?", "en": "How did the process go?"},
    {"da": "Hvad har udfordringerne været på hhv. enhedsniveau og organisatorisk niveau?",
     "en": "What were the challenges at unit level and at organisational level?"},
    {"da": "Hvad har de positive erfaringer været?", "en": "What were the positive experiences?"},
    {"da": "Hvordan er arbejdet tænkt sammen med arbejdet med tillidsdagsordenen i øvrigt?",
     "en": "How is the work linked to the wider trust agenda?"},
    {"da": "Hvilken læring har organisationen overordnet kunnet uddrage af arbejdet?",
     "en": "What has the organisation learned from the work overall?"},
    {"da": "Har projektet givet konkrete resultater i forhold til forbedret løsning af "
           "kerneopgaven – og i givet fald hvilke?",
     "en": "Has the project given concrete results for a better solution of the core task — "
           "and if so, which?"},
    {"da": "I hvilket omfang vurderes erfaringerne at kunne bredes ud – og hvordan?",
     "en": "To what extent can the lessons be spread — and how?"},
    {"da": "Kan der i øvrigt uddrages relevante erfaringer – og i givet fald hvilke?",
     "en": "Are there other relevant lessons — and if so, which?"},
]

PROMPTS: dict[int, dict[str, str]] = {
    3: {"da": "Beskriv udfordringerne med egne ord: hvad var svært for enhederne, og hvad "
              "krævede organisationen?",
        "en": "Describe the challenges in your own words: what was hard for the units, and what "
              "did the organisation need to provide?"},
    4: {"da": "Beskriv, hvad medarbejdere og ledere selv fremhæver som godt.",
        "en": "Describe what staff and leaders themselves point out as good."},
    5: {"da": "Registreringerne kan ikke svare på dette. Beskriv, hvordan projektet hænger "
              "sammen med kommunens tillidsdagsorden, og om styring og tillid er blevet set som "
              "hinandens forudsætninger.",
        "en": "The records cannot answer this. Describe how the project fits the municipality's "
              "trust agenda, and whether governance and trust came to be seen as supporting "
              "each other."},
    6: {"da": "Saml læringen op: hvad gør organisationen anderledes næste gang?",
        "en": "Sum up the learning: what will the organisation do differently next time?"},
    9: {"da": "Tilføj andre erfaringer, som ikke passer under de foregående spørgsmål.",
        "en": "Add other lessons that do not fit the questions above."},
}


def _d(value, lang: str) -> str:
    """``1. juni 2017`` / ``1 June 2017`` (Babel, as every document writes a date)."""
    from nybureau.rendering.dates import short_date

    return short_date(value, lang)


#: A criterion's state as the report prints it.
CRITERION_STATES: dict[str, dict[str, str]] = {
    "met": {"da": "opfyldt", "en": "met"},
    "not_met": {"da": "ikke opfyldt", "en": "not met"},
    "measured": {"da": "målt, ikke vurderet", "en": "measured, not judged"},
    "not_measured": {"da": "ikke målt", "en": "not measured"},
}


def criteria_rows(protos, lang: str) -> list[dict[str, Any]]:
    """Every evaluation criterion with its target, its measured value and met / not met / not
    measured: a figure only where one was measured."""
    from nybureau.services.substance.prototypes import criterion_view

    out = []
    for p in protos:
        for c in p["criteria"]:
            v = criterion_view(c)
            out.append({
                "prototype": p["title"],
                "prototype_status": label(PROTOTYPE_STATUSES, p["status"], lang),
                "text": v["text"],
                "bottom_line": label(BOTTOM_LINES, v["bottom_line"], lang)
                if v["bottom_line"] else "",
                "target": v["target"] or "",
                "measured": v["measured"] or "",
                "measured_on": v["measured_on"],
                "state": v["state"],
                "state_label": CRITERION_STATES[v["state"]][lang],
            })
    return out


def _baseline(summary: dict[str, Any], protos, lang: str) -> list[str]:
    """When the baseline was taken, and a warning when that was after the first pilot."""
    da = lang == "da"
    baselines = sorted((r for r in summary["rounds"] if r["kind"] == "baseline"),
                       key=lambda r: r["date"])
    firsts = sorted(((it["held_on"], p["title"], it["place"]) for p in protos
                     for it in p["iterations"]), key=lambda x: x[0])
    if not baselines:
        return ["Der er ikke registreret en førmåling, så udgangspunktet kan ikke belyses med "
                "tal." if da else
                "No baseline survey is recorded, so the starting point cannot be shown in "
                "figures."]
    b = baselines[0]
    out = [f"Førmålingen »{b['name']}« blev foretaget {_d(b['date'], lang)} "
           f"({counted(b['respondents'], 'respondent', 'da')})." if da else
           f"The baseline survey “{b['name']}” was taken on {_d(b['date'], lang)} "
           f"({counted(b['respondents'], 'respondent', 'en')})."]
    if firsts and firsts[0][0] < b["date"]:
        day, title, place = firsts[0]
        out.append(f"Bemærk: førmålingen blev foretaget efter den første afprøvning "
                   f"(»{title}«, {place}, {_d(day, lang)}). Den viser derfor ikke helt "
                   f"udgangspunktet, før projektet ændrede noget." if da else
                   f"Note: the baseline was taken after the first pilot (“{title}”, {place}, "
                   f"{_d(day, lang)}), so it does not fully show the starting point before "
                   f"the project changed anything.")
    return out


def _sentence(value: str) -> str:
    """User text as a sentence: ends with a full stop unless it ends in punctuation."""
    value = value.strip()
    return value if value[-1:] in ".!?…" else value + "."


def _body(body: str, lang: str) -> str:
    """'Ledelsen' → 'ledelsen' inside a sentence; 'MED-udvalget' keeps its capitals."""
    word = label(BODIES, body, lang)
    return word[0].lower() + word[1:] if len(word) > 1 and word[1].islower() else word


def _fmt(value: float | None, lang: str) -> str:
    if value is None:
        return "–"
    s = f"{value:+.2f}" if value != 0 else "0.00"
    return s.replace(".", ",") if lang == "da" else s


def _mean(value: float | None, lang: str) -> str:
    if value is None:
        return "–"
    s = f"{value:.2f}"
    return s.replace(".", ",") if lang == "da" else s


def build(tx, slug: str, lang: str = "da") -> dict[str, Any]:
    """The report's data: the nine answers, the survey summary for the charts, and the threads of
    the items that became focus areas."""
    from nybureau.services.substance import evaluation, focus_areas, governance, trace, workshop

    project = get_project(tx, slug)
    spec = tx.workflow_spec(project["workflow_definition_id"])
    da = lang == "da"
    items = governance.list_items(tx, slug)
    tally = workshop.tally(tx, slug)
    areas = focus_areas.list_focus_areas(tx, slug)
    protos = [p for p in tx.prototypes(project["id"])]
    summary = evaluation.survey_summary(tx, project)
    notes = tx.notes(project["id"])
    spreading = tx.spreading(project["id"])
    transitions = tx.transitions(project["id"])
    decisions = tx.decisions(project["id"])
    own = {a["full_name"] for a in tx.agents(project["id"])}
    # a network's meetings count for this project when its own agents were there
    activities = [a for a in tx.activities(project) if a["project_id"] == project["id"]
                  or own.intersection(a["attendees"])]

    answers: list[list[str]] = [[] for _ in QUESTIONS]
    # 1. starting point
    a = answers[0]
    a.append((f"{project['municipality']} startede projektet »{project['name']}« den "
              f"{_d(project['started_on'], lang)}" if da else
              f"{project['municipality']} started the project “{project['name']}” on "
              f"{_d(project['started_on'], lang)}")
             + (f" ({project['area']})." if project["area"] else "."))
    if items:
        tight = sum(1 for i in items if i["experience"] == "too_tight")
        loose = sum(1 for i in items if i["experience"] == "too_loose")
        waste = sum(1 for i in items if i["character"] == "waste_of_time")
        a.append(f"Kortlægningen fandt {counted(len(items), 'governance_item', 'da')}; {tight} opleves som for "
                 f"stramme, {loose} som for slappe, og {waste} opleves som tidsspilde."
                 if da else
                 f"The mapping found {counted(len(items), 'governance_item', 'en')}; {tight} are experienced as "
                 f"too tight, {loose} as too loose, and {waste} as a waste of time.")
    if summary["rounds"] or protos:
        a.extend(_baseline(summary, protos, lang))
    for b in summary["bottom_lines"]:
        if b["before"]["mean"] is not None:
            a.append(f"Førmåling, {label(BOTTOM_LINES, b['bottom_line'], lang)}: gennemsnit "
                     f"{_mean(b['before']['mean'], lang)} på en skala 1–5 (n = "
                     f"{b['before']['n']})." if da else
                     f"Baseline, {label(BOTTOM_LINES, b['bottom_line'], lang)}: mean "
                     f"{_mean(b['before']['mean'], lang)} on a 1–5 scale (n = "
                     f"{b['before']['n']}).")
    # 2. process
    a = answers[1]
    for t in transitions:
        title = text(spec.title_of(t["to_phase"]), lang)
        if t["kind"] in ("jump", "back"):
            move = {"jump": ("spring", "jump"), "back": ("tilbageløb", "going back")}[t["kind"]]
            when = _d(t["on_date"], lang)
            a.append(f"{when}: {move[0]} til »{title}« – {t['reason']}" if da else
                     f"{when}: {move[1]} to “{title}” — {t['reason']}")
        else:
            a.append(f"{_d(t['on_date'], lang)}: {title}")
    kinds: dict[str, int] = {}
    for act in activities:
        kinds[act["kind"]] = kinds.get(act["kind"], 0) + 1
    if kinds:
        listing = ", ".join(f"{n} × {label(ACTIVITY_KINDS, k, lang)}" for k, n in kinds.items())
        a.append(("Aktiviteter: " if da else "Activities: ") + listing + ".")
    if tally["votes"]:
        roles = ", ".join(f"{label(_CHAIN, r, lang)} {n}" for r, n in tally["by_role"].items()
                          if n)
        a.append(f"Prioriteringsworkshoppen: {counted(tally['participants'], 'participant', 'da')} "
                 f"afgav {counted(tally['votes'], 'vote', 'da')} ({roles})." if da else
                 f"The prioritisation workshop: {counted(tally['participants'], 'participant', 'en')} "
                 f"cast {counted(tally['votes'], 'vote', 'en')} ({roles}).")
    # 3. challenges
    a = answers[2]
    for d in decisions:
        if d["outcome"] in ("postponed", "rejected"):
            found = spec.decision(d["decision_key"])
            title = text(found[1].title, lang) if found else d["decision_key"]
            a.append(f"{_d(d['decided_on'], lang)}: »{title}« {label(OUTCOMES, d['outcome'], lang)}"
                     f" af {_body(d['body'], lang)}"
                     + (f" – {d['note']}" if d["note"] else "") if da else
                     f"{_d(d['decided_on'], lang)}: “{title}” {label(OUTCOMES, d['outcome'], lang)}"
                     f" by the {_body(d['body'], lang)}"
                     + (f" — {d['note']}" if d["note"] else ""))
    for w in tally["warnings"]:
        a.append(w[lang])
    for p in protos:
        if p["status"] == "dropped":
            a.append(f"Prototypen »{p['title']}« blev opgivet." if da else
                     f"The prototype “{p['title']}” was dropped.")
    for b in summary["bottom_lines"]:
        if b["change"] is not None and b["change"] < 0:
            a.append(f"{label(BOTTOM_LINES, b['bottom_line'], lang).capitalize()} faldt med "
                     f"{_fmt(b['change'], lang)} point." if da else
                     f"{label(BOTTOM_LINES, b['bottom_line'], lang).capitalize()} fell by "
                     f"{_fmt(b['change'], lang)} points.")
    # 4. positive experiences
    a = answers[3]
    for b in summary["bottom_lines"]:
        if b["change"] is not None and b["change"] > 0:
            a.append(f"{label(BOTTOM_LINES, b['bottom_line'], lang).capitalize()} steg fra "
                     f"{_mean(b['before']['mean'], lang)} til {_mean(b['after']['mean'], lang)} "
                     f"({_fmt(b['change'], lang)})." if da else
                     f"{label(BOTTOM_LINES, b['bottom_line'], lang).capitalize()} rose from "
                     f"{_mean(b['before']['mean'], lang)} to {_mean(b['after']['mean'], lang)} "
                     f"({_fmt(b['change'], lang)}).")
    for p in protos:
        if p["status"] == "adopted":
            a.append(f"»{p['title']}« er forankret i drift." if da else
                     f"“{p['title']}” has been adopted.")
    # 6. organisational learning
    a = answers[5]
    for p in protos:
        for it in p["iterations"]:
            if it["learned"] or it["changed"]:
                said = [f"{word} {_sentence(value)}" for word, value in (
                    ("Lært:" if da else "Learned:", it["learned"]),
                    ("Ændret:" if da else "Changed:", it["changed"])) if value]
                a.append(f"»{p['title']}«, afprøvning {it['number']} ({it['place']}, "
                         f"{_d(it['held_on'], lang)}): " + " ".join(said) if da else
                         f"“{p['title']}”, iteration {it['number']} ({it['place']}, "
                         f"{_d(it['held_on'], lang)}): " + " ".join(said))
    for n in notes:
        if n["kind"] == "learning_meeting":
            a.append(f"{_d(n['held_on'], lang)} {n['title']}: {n['text']}")
    # 7. concrete results
    a = answers[6]
    for f in areas:
        a.append(("Indsatsområde: " if da else "Focus area: ") + f["title"])
    criteria = criteria_rows(protos, lang)
    for p in protos:
        mine = [c for c in criteria if c["prototype"] == p["title"]]
        n_met = sum(1 for c in mine if c["state"] == "met")
        n_measured = sum(1 for c in mine if c["state"] != "not_measured")
        status = label(PROTOTYPE_STATUSES, p["status"], lang)
        if not mine:
            a.append(f"»{p['title']}« ({status}): ingen evalueringskriterier." if da else
                     f"“{p['title']}” ({status}): no evaluation criteria.")
        elif not n_measured:
            a.append(f"»{p['title']}« ({status}): ingen af kriterierne er målt endnu." if da
                     else f"“{p['title']}” ({status}): none of its criteria has been measured "
                          "yet.")
        else:
            a.append(f"»{p['title']}« ({status}): {n_measured} af "
                     f"{counted(len(mine), 'criterion', 'da')} er målt, {n_met} opfyldt." if da
                     else f"“{p['title']}” ({status}): {n_measured} of "
                          f"{counted(len(mine), 'criterion', 'en')} measured, {n_met} met.")
    for b in summary["bottom_lines"]:
        if b["before"]["mean"] is not None or b["after"]["mean"] is not None:
            a.append(f"{label(BOTTOM_LINES, b['bottom_line'], lang).capitalize()}: før "
                     f"{_mean(b['before']['mean'], lang)} (n = {b['before']['n'] or '–'}), efter "
                     f"{_mean(b['after']['mean'], lang)} (n = {b['after']['n'] or '–'}), ændring "
                     f"{_fmt(b['change'], lang)}." if da else
                     f"{label(BOTTOM_LINES, b['bottom_line'], lang).capitalize()}: before "
                     f"{_mean(b['before']['mean'], lang)} (n = {b['before']['n'] or '–'}), after "
                     f"{_mean(b['after']['mean'], lang)} (n = {b['after']['n'] or '–'}), change "
                     f"{_fmt(b['change'], lang)}.")
    # 8. spreadability
    a = answers[7]
    for s in spreading:
        a.append(f"{_d(s['held_on'], lang)}: {label(SPREADING_KINDS, s['kind'], lang)} – "
                 f"{s['title']} ({'målgruppe' if da else 'audience'}: {s['audience']})")
    for d in decisions:
        if d["decision_key"] == "spreading" and d["note"]:
            a.append(d["note"])
            break
    # 9. other lessons
    a = answers[8]
    for n in notes:
        if n["kind"] == "interview":
            a.append(f"{_d(n['held_on'], lang)} {n['title']}: {n['text']}")

    from nybureau.services.documents import evaluation_sections as sec

    for number, more in sec.extra_answers(tx, project, lang).items():
        answers[number - 1].extend(more)
    questions = []
    for i, q in enumerate(QUESTIONS, start=1):
        facts = answers[i - 1]
        # what is missing, said plainly, when the records do not answer the question
        prompt = (sec.MISSING.get(i, {}).get(lang) or PROMPTS.get(i, {}).get(lang)
                  if not facts else PROMPTS.get(i, {}).get(lang))
        questions.append({"number": i, "question": q[lang], "facts": facts,
                          "part": sec.PARTS.get(i, {}).get(lang),
                          "from_records": bool(facts), "prompt": prompt})
        if not facts and questions[-1]["prompt"] is None:
            questions[-1]["prompt"] = ("Registreringerne svarer ikke på dette endnu; skriv "
                                       "svaret her." if da else
                                       "The records do not answer this yet; write the answer "
                                       "here.")
    return {
        "project": {"slug": slug, "name": project["name"],
                    "municipality": project["municipality"], "area": project["area"]},
        "lang": lang,
        "questions": questions,
        "criteria": criteria,
        "survey": summary,
        "sections": sec.build(tx, project, summary, lang),
        "traces": trace.traces(tx, slug),
        "labels": {"bottom_lines": {k: v[lang] for k, v in BOTTOM_LINES.items()},
                   "verdicts": {k: v[lang] for k, v in VERDICTS.items()},
                   "experience": {k: v[lang] for k, v in EXPERIENCES.items()},
                   "character": {k: v[lang] for k, v in CHARACTERS.items()}},
    }

