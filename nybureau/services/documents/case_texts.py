"""The texts an agenda item is written from: a decision's *sagsfremstilling* and *indstilling*,
the sections the project's own texts give an item (resumé, økonomi, konsekvenser), the status
item, and a network meeting's item for each project. :mod:`nybureau.services.meetings` stores
them (in Danish and English) when it plans a meeting; the decision paper in
:mod:`nybureau.services.documents` prints the same texts.

Every sagsfremstilling is written from what the project knows — its own texts, its bodies and
members, the workshop's result, the priorities, the criteria, the survey — never from a
description of the method; where something is not recorded yet, it says so. Everything is read
through ``tx`` (which may be a view of the records as of a date), never the clock.
"""

from __future__ import annotations

from typing import Any

from nybureau.domain.records import Project
from nybureau.domain.vocabulary import BODIES, PROJECT_TEXTS, counted, join_words, label
from nybureau.i18n import Msg
from nybureau.services.documents import case_substance as cs
from nybureau.services.documents.case_substance import date_of, q, w
from nybureau.services.documents.parts import (
    decision_rows,
    phase_checklist,
    project_facts,
    words,
)
from nybureau.workflow.spec import text

#: decision id → the kind of text written for it (the built-in workflows' decisions; a
#: definition's own decisions get the general text)
KINDS: dict[str, str] = {
    "project_description": "description", "application": "description",
    "organisation": "organisation", "network_organisation": "organisation",
    "seminar_participation": "seminar", "review_areas": "review_areas",
    "documentation_agents": "agents", "focus_areas": "focus_areas",
    "status_report": "priorities", "status_year_1": "status", "status_year_2": "status",
    "evaluation_plan": "evaluation_plan", "evaluation_design": "evaluation_plan",
    "effect_goals": "goals", "evaluation": "evaluation", "midterm_evaluation": "evaluation",
    "final_evaluation": "evaluation", "spreading": "spreading", "dissemination": "spreading",
}


def decision_recommendation(spec, decision_id: str) -> dict[str, str]:
    found = spec.decision(decision_id)
    rec = found[1].recommendation if found else {}
    title = found[1].title if found else {"da": decision_id, "en": decision_id}
    return {"da": rec.get("da") or f"»{text(title, 'da')}« godkendes",
            "en": rec.get("en") or f"“{text(title, 'en')}” is approved"}


def texts_of(tx, project: Project) -> dict[str, str]:
    """The project's own texts (field → text), as recorded."""
    from nybureau.services.process.texts import texts_of as _texts_of

    return _texts_of(tx, project)


_WORDS = {"da": ("nul", "en", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni", "ti"),
          "en": ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                 "ten")}


def in_words(n: int, lang: str) -> str:
    """Small numbers in words, as a secretariat writes them ("seks faser")."""
    return _WORDS[lang][n] if 0 <= n <= 10 else str(n)


def _section(field: str, value: str, lang: str) -> str:
    """A project text under its label ("Baggrund:" then the text's paragraphs)."""
    return f"{label(PROJECT_TEXTS, field, lang)}:\n{value}"


def _bodies(bodies: list[str], lang: str) -> str:
    return join_words([body_in_sentence(b, lang) for b in bodies], lang)


def body_in_sentence(body: str, lang: str) -> str:
    """A body's name inside a sentence: 'ledelsen', 'MED-udvalget'; 'management', 'the MED
    committee'."""
    word = label(BODIES, body, lang)
    if len(word) > 1 and word[1].islower():
        word = word[0].lower() + word[1:]
    if lang == "en" and body != "management":
        word = "the " + word
    return word


def _missing(fields: list[str], lang: str) -> str:
    names = join_words([label(PROJECT_TEXTS, f, lang).lower() for f in fields], lang)
    return w(lang, f"Projektets {names} er endnu ikke skrevet ind.",
             f"The project's {names} {'is' if len(fields) == 1 else 'are'} not recorded yet.")


# -- per kind of decision -----------------------------------------------------------------------
def _description(tx, project: Project, spec, lang: str) -> list[str]:
    texts = texts_of(tx, project)
    shown = [f for f in ("background", "goals", "success_criteria", "not_open") if f in texts]
    parts = [_section(f, texts[f], lang) for f in shown]
    missing = [f for f in ("background", "purpose", "goals") if f not in texts]
    if missing:
        parts.append(_missing(missing, lang))
    titles = [f"{p.number}. {text(p.title, lang)}" for p in spec.phases]
    parts.append(w(lang, f"Det overordnede forløb har {in_words(len(titles), lang)} faser: ",
                   f"The overall course has {in_words(len(titles), lang)} phases: ")
                 + join_words(titles, lang) + ".")
    return parts


def _people(rows: list[dict[str, Any]]) -> list[str]:
    return [f"- {m['name']}" + (f", {m['role']}" if m.get("role") else "") for m in rows]


def _organisation(tx, project: Project, spec, lang: str, approvers: list[str]) -> list[str]:
    from nybureau.services.documents import rows

    members = rows.members(tx, project)
    parts = []
    if members.get("steering_group"):
        parts.append("\n".join([w(lang, "Styregruppen består af:", "The steering group:")]
                               + _people(members["steering_group"])))
    else:
        parts.append(w(lang, "Styregruppens medlemmer er endnu ikke registreret.",
                       "The steering group's members are not recorded yet."))
    if members.get("project_group"):
        parts.append("\n".join([w(lang, "Projektgruppen er styregruppens sekretariat:",
                                  "The project group is the steering group's secretariat:")]
                               + _people(members["project_group"])))
    for body in ("working_group", "follow_group", "reference_group"):
        if members.get(body):
            parts.append(f"{label(BODIES, body, lang)}: "
                         + join_words([m["name"] for m in members[body]], lang) + ".")
    own = [text(d.title, lang) for p in spec.phases for d in p.decisions
           if "steering_group" in d.by]
    who = _bodies(approvers, lang)
    frame = w(lang, "Styregruppen kan ændre projektets kurs og økonomi inden for de rammer, som "
                    f"{who} godkender.",
              f"The steering group may change the project's course and budget within the frame "
              f"{who} approve.")
    if "not_open" in texts_of(tx, project):
        frame += w(lang, " Det, der ikke er til drøftelse, ligger fast.",
                   " What is not open for discussion stays as it is.")
    frame += w(lang, f" Hvad der går ud over mandatet, indstiller styregruppen til {who}.",
               f" The steering group puts anything beyond the mandate to {who}.")
    if own:
        frame += w(lang, " Styregruppen træffer selv beslutning om ",
                   " The steering group itself decides on ") + join_words(
            [q(t, lang) for t in own], lang) + "."
    parts.append(frame)
    return parts


def _seminar(tx, project: Project, lang: str) -> list[str]:
    from nybureau.services.documents.rows import activity_rows

    held = activity_rows(tx, project, lang, kinds={"seminar"})
    if not held:
        return [w(lang, "Der er endnu ikke holdt et seminar.", "No seminar has been held yet.")]
    lines = [w(lang, "Holdt indtil nu:", "Held so far:")]
    for a in held:
        lines.append(f"- {a['title']}, {date_of(a['held_on'], lang)} "
                     f"({counted(len(a['attendees']), 'participant', lang)})")
    return ["\n".join(lines)]


def _review_areas(tx, project: Project, lang: str) -> list[str]:
    texts = texts_of(tx, project)
    parts = []
    if project.area:
        parts.append(w(lang, f"Styringseftersynet gælder {project.area}.",
                       f"The governance review covers {project.area}."))
    if "target_groups" in texts:
        parts.append(_section("target_groups", texts["target_groups"], lang))
    if not parts:
        parts.append(w(lang, "Områderne for styringseftersynet er endnu ikke registreret.",
                       "The areas for the governance review are not recorded yet."))
    return parts


def _agents(tx, project: Project, lang: str) -> list[str]:
    agents = tx.agents(project.id)
    said = words(tx, project, lang)
    if not agents:
        return [w(lang, f"Der er endnu ikke registreret {said['agents']}.",
                  f"No {said['agents']} are recorded yet.")]
    lines = [f"{said['The_agents']}:"]
    lines += [f"- {a.full_name}" + (f", {a.title}" if a.title else "") for a in agents]
    return ["\n".join(lines)]


def _goals(tx, project: Project, lang: str) -> list[str]:
    texts = texts_of(tx, project)
    parts = [_section(f, texts[f], lang) for f in ("goals", "success_criteria") if f in texts]
    if not parts:
        parts.append(_missing(["goals", "success_criteria"], lang))
    return parts + cs.evaluation_plan_paragraphs(tx, project, lang)


def _status(tx, project: Project, lang: str) -> list[str]:
    facts = project_facts(tx, project, lang)
    parts = [w(lang, f"Projektet er i fase {facts['phase_number']} af {facts['phase_count']}: "
                     f"{facts['phase_title']}.",
               f"The project is in phase {facts['phase_number']} of {facts['phase_count']}: "
               f"{facts['phase_title']}.") if not facts["completed"]
             else Msg("The project is completed.").render(lang)]
    done = [d for d in decision_rows(tx, project, lang) if d["outcome_key"] != "postponed"]
    if done:
        lines = [w(lang, "Besluttet indtil nu:", "Decided so far:")]
        lines += [f"- {d['title']}: {d['body']}, {d['outcome']} "
                  f"({date_of(d['decided_on'], lang)})" for d in done]
        parts.append("\n".join(lines))
    if tx.survey_rounds(project.id) or tx.notes(project.id):
        parts += cs.evaluation_paragraphs(tx, project, lang)
    return parts


def _general(spec, decision_id: str, lang: str) -> list[str]:
    phase, dspec = spec.decision(decision_id)
    if dspec.description.get(lang):
        return [dspec.description[lang]]
    return [w(lang, f"Sagen gælder {q(text(dspec.title, lang), lang)} i fasen "
                    f"{q(text(phase.title, lang), lang)}.",
              f"The matter is {q(text(dspec.title, lang), lang)} in the phase "
              f"{q(text(phase.title, lang), lang)}.")]


def _earlier(tx, project: Project, decision_id: str, lang: str) -> list[str]:
    from nybureau.rendering.dates import short_date

    parts = []
    for d in decision_rows(tx, project, lang, decision_id):
        line = Msg("{body} treated the item on {short_date}: {outcome}.", body=d["body"],
                   short_date=short_date(d["decided_on"], "en"), outcome=d["outcome"],
                   short_date_2=short_date(d["decided_on"], "da")).render(lang)
        if d["note"]:
            line += f" {d['note']}"
        parts.append(line)
    return parts


def decision_case_text(tx, project: Project, spec, decision_id: str, body: str | None,
                       lang: str, *, earlier: bool = True) -> str:
    """The sagsfremstilling of a decision, written from what the project has recorded for it,
    then (unless ``earlier`` is false: the decision paper shows them as a table) the bodies'
    earlier treatments of it."""
    phase, dspec = spec.decision(decision_id)
    kind = KINDS.get(decision_id)
    if kind == "description":
        parts = _description(tx, project, spec, lang)
    elif kind == "organisation":
        parts = _organisation(tx, project, spec, lang, list(dspec.by))
    elif kind == "seminar":
        parts = _seminar(tx, project, lang)
    elif kind == "review_areas":
        parts = _review_areas(tx, project, lang)
    elif kind == "agents":
        parts = _agents(tx, project, lang)
    elif kind == "focus_areas":
        parts = cs.focus_area_paragraphs(tx, project, lang)
    elif kind == "priorities":
        parts = cs.priorities_paragraphs(tx, project, lang)
    elif kind == "status":
        parts = _status(tx, project, lang)
    elif kind == "evaluation_plan":
        texts = texts_of(tx, project)
        parts = ([_section("evaluation_design", texts["evaluation_design"], lang)]
                 if "evaluation_design" in texts else [])
        parts += cs.evaluation_plan_paragraphs(tx, project, lang)
    elif kind == "goals":
        parts = _goals(tx, project, lang)
    elif kind == "evaluation":
        # the bodies evaluate the project themselves: the definition says how, the records what
        parts = ([dspec.description[lang]] if dspec.description.get(lang) else [])
        parts += cs.evaluation_paragraphs(tx, project, lang)
    elif kind == "spreading":
        parts = cs.spreading_paragraphs(tx, project, lang)
    else:
        parts = _general(spec, decision_id, lang)
    if text(dspec.local_choice, lang):
        # where the model leaves the choice to the municipality, the paper says what was chosen
        parts.append(w(lang, "Lokalt valg: ", "Local choice: ") + text(dspec.local_choice, lang))
    if earlier:
        parts += _earlier(tx, project, decision_id, lang)
    return "\n\n".join(parts)


def decision_item_sections(tx, project: Project, spec, decision_id: str) -> dict[str, str]:
    """The item sections the project's own texts give a decision item: ``summary`` (resumé),
    ``finances`` (økonomi) and ``consequences`` (konsekvenser) — only those the texts give, as
    the project wrote them (one language)."""
    texts = texts_of(tx, project)
    kind = KINDS.get(decision_id)
    out: dict[str, str] = {}
    if kind == "description":
        if "purpose" in texts:
            out["summary"] = texts["purpose"]
        if "economy" in texts:
            out["finances"] = texts["economy"]
        if "target_groups" in texts:
            out["consequences"] = texts["target_groups"]
    return out


def status_case_text(tx, project: Project, lang: str) -> str:
    """The status item's text: the phase and its requirements, met or still missing, and the
    focus areas decided."""
    facts = project_facts(tx, project, lang)
    if facts["completed"]:
        return Msg("The project is completed.").render(lang)
    head = Msg("The project is in phase {phase_number} of {phase_count}: "
               "{phase_title}. The phase requires:",
               phase_number=facts['phase_number'], phase_count=facts['phase_count'],
               phase_title=facts['phase_title']).render(lang)
    lines = [head]
    for r in phase_checklist(tx, project, project.phase, lang):
        mark = Msg("met").render(lang) if r["met"] else \
            (Msg("missing").render(lang) + (f": {r['missing']}" if r["missing"] else ""))
        lines.append(f"- {r['text']} ({mark})")
    areas = tx.focus_areas(project.id)
    if areas:
        lines.append("")
        lines.append(w(lang, "Indsatsområder: ", "Focus areas: ")
                     + join_words([q(f.title, lang) for f in areas], lang) + ".")
    return "\n".join(lines)


def network_project_case(tx, project: Project) -> dict[str, str]:
    """A network agenda's item for one project: its phase and its open points."""
    out = {}
    for lang in ("da", "en"):
        facts = project_facts(tx, project, lang)
        open_points = [r for r in phase_checklist(tx, project, project.phase, lang)
                       if not r["met"]]
        if facts["completed"]:
            head = Msg("{name} ({municipality}) is completed.", name=project.name,
                       municipality=project.municipality).render(lang)
        else:
            head = Msg("{name} ({municipality}) is in phase "
                       "{phase_number}: {phase_title}.", name=project.name,
                       municipality=project.municipality,
                       phase_number=facts['phase_number'],
                       phase_title=facts['phase_title']).render(lang)
        lines = [head]
        if open_points:
            lines.append(Msg("Open points:").render(lang))
            lines += [f"- {r['text']}" + (f" ({r['missing']})" if r["missing"] else "")
                      for r in open_points]
        elif not facts["completed"]:
            lines.append(Msg("The phase's requirements are met.").render(lang))
        out[lang] = "\n".join(lines)
    return out
