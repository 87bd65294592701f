"""Document data: what each document is built from.

Every builder reads records through ``tx`` and returns plain data for a template: the texts the
project's own records and workflow definition give, in Danish or English, plus ``sources`` — the
records each statement comes from (project, decisions, activities, meetings, items), so a reader
can trace it back. Templates (``templates/``) add the fixed wording; ``nybureau.rendering`` turns
the result into Markdown, HTML, DOCX.

Requirement sentences come from :mod:`nybureau.workflow.requirements` (``evaluate(...).text``),
the one place that turns a requirement into text. The pieces every document shares (the project's
facts, a phase's checklist, decision rows, ``sources`` entries) are in
:mod:`nybureau.services.document_parts`; the texts planned into agenda items, which the decision
paper prints too, in :mod:`nybureau.services.case_texts`.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Callable

from nybureau.domain.vocabulary import (
    ACTIVITY_KINDS,
    BODIES,
    OUTCOMES,
    TRANSITION_KINDS,
    join_words,
    label,
)
from nybureau.errors import InvalidInput, NotFound
from nybureau.services import meetings as ms
from nybureau.services import substance_documents as _substance
from nybureau.services.case_texts import decision_case_text, decision_recommendation
from nybureau.services.common import get_network, get_project
from nybureau.services.document_parts import (
    decision_rows,
    phase_checklist,
    project_facts,
    source,
    t,
)
from nybureau.services.meetings import NETWORK_THEMES, STATUSES, aware, meeting_name
from nybureau.workflow.spec import text

# -- the documents -------------------------------------------------------------------------------
# name → Danish/English title, the file-name stem per language, what it needs.
DOCUMENTS: dict[str, dict[str, Any]] = {
    "agenda": {"da": "Dagsorden", "en": "Agenda", "stem": {"da": "dagsorden", "en": "agenda"},
               "needs": "meeting"},
    "minutes": {"da": "Referat", "en": "Minutes", "stem": {"da": "referat", "en": "minutes"},
                "needs": "meeting"},
    "decision-paper": {"da": "Beslutningsoplæg", "en": "Decision paper",
                       "stem": {"da": "beslutningsoplaeg", "en": "decision-paper"},
                       "needs": "decision"},
    "project-description": {"da": "Projektbeskrivelse", "en": "Project description",
                            "stem": {"da": "projektbeskrivelse", "en": "project-description"},
                            "needs": "project"},
    "mandate": {"da": "Kommissorium for styregruppen", "en": "Steering group mandate",
                "stem": {"da": "kommissorium", "en": "mandate"}, "needs": "project"},
    "seminar-guide": {"da": "Drejebog for seminar om fælles sprog",
                      "en": "Seminar guide: a common language of governance",
                      "stem": {"da": "drejebog-seminar", "en": "seminar-guide"},
                      "needs": "project"},
    "workshop-guide": {"da": "Drejebog for prioriteringsworkshop",
                       "en": "Workshop guide: prioritisation workshop",
                       "stem": {"da": "drejebog-workshop", "en": "workshop-guide"},
                       "needs": "project"},
    "module-outline": {"da": "Undervisningsmodul", "en": "Teaching module",
                       "stem": {"da": "undervisningsmodul", "en": "module-outline"},
                       "needs": "number"},
    "network-agenda": {"da": "Dagsorden for netværksmøde", "en": "Network meeting agenda",
                       "stem": {"da": "dagsorden-netvaerksmoede", "en": "network-agenda"},
                       "needs": "network_number"},
    "status-report": {"da": "Statusrapport til ledelse og MED",
                      "en": "Status report to management and MED",
                      "stem": {"da": "statusrapport", "en": "status-report"}, "needs": "project"},
    "phase-summary": {"da": "Fasesammenfatning", "en": "Phase summary",
                      "stem": {"da": "fasesammenfatning", "en": "phase-summary"},
                      "needs": "phase"},
}
# The documents of phases 3–6 (mapping, workshop, evaluation, network) live in their own module.
DOCUMENTS.update(_substance.DOCS)


# -- shared pieces -------------------------------------------------------------------------------
def _members(tx, project: dict[str, Any], lang: str) -> dict[str, list[dict[str, Any]]]:
    bodies: dict[str, list[dict[str, Any]]] = {}
    for m in tx.members(project["id"]):
        bodies.setdefault(m["body"], []).append({"name": m["full_name"], "role": m["role"]})
    return bodies


def _bodies_list(tx, project: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    members = _members(tx, project, lang)
    return [{"id": b, "label": label(BODIES, b, lang), "members": members[b]}
            for b in BODIES if b in members]


def _activity_rows(tx, project: dict[str, Any], lang: str, start: date | None = None,
                   end: date | None = None, kinds: set[str] | None = None
                   ) -> list[dict[str, Any]]:
    own = {a["full_name"] for a in tx.agents(project["id"])}
    rows = []
    for a in tx.activities(project):
        if a["project_id"] != project["id"] and not own.intersection(a["attendees"]):
            continue
        if kinds and a["kind"] not in kinds:
            continue
        if start and a["held_on"] < start or end and a["held_on"] > end:
            continue
        kind = label(ACTIVITY_KINDS, a["kind"], lang)
        if a["number"]:
            kind = f"{kind} {a['number']}"
        rows.append({"id": a["id"], "kind": a["kind"], "kind_label": kind, "number": a["number"],
                     "title": a["title"] or kind[:1].upper() + kind[1:],
                     "held_on": a["held_on"], "attendees": a["attendees"]})
    return rows


def _meeting_rows(tx, project: dict[str, Any], lang: str, start: date | None = None,
                  end: date | None = None) -> list[dict[str, Any]]:
    """The project's meetings (optionally between two dates) with their status and how many
    items have a recorded outcome."""
    rows = []
    for m in tx.meeting_list(project_id=project["id"]):
        when = aware(m["starts_at"])
        if start and when.date() < start or end and when.date() > end:
            continue
        decided = sum(1 for it in tx.items(m["id"]) if it["outcome"])
        rows.append({"id": m["id"], "name": meeting_name(m, lang), "starts_at": when,
                     "place": m["place"], "status": m["status"],
                     "status_label": STATUSES[m["status"]][lang], "item_count": m["items"],
                     "decided": decided})
    return rows


def _agents(tx, project: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"name": a["full_name"], "title": a["title"], "appointed_on": a["appointed_on"]}
            for a in tx.agents(project["id"])]


# -- hook for the governance register (mapping) ---------------------------------------------------
# Filled by the substance feature: a function (tx, project) -> list of mapped governance items,
# each a dict with at least "title" and, where known, "kind", "where", "experience", "evidence".
MAPPED_ITEMS_PROVIDERS: list[Callable[[Any, dict[str, Any]], list[dict[str, Any]]]] = []


def mapped_items(tx, project: dict[str, Any]) -> list[dict[str, Any]]:
    """The project's mapped governance items (kortlægningen) to work on at the prioritisation
    workshop. Empty until a governance register provides them (see MAPPED_ITEMS_PROVIDERS); the
    workshop guide then says that the mapping is not registered yet."""
    items: list[dict[str, Any]] = []
    for provider in MAPPED_ITEMS_PROVIDERS:
        items.extend(provider(tx, project))
    return items


MAPPED_ITEMS_PROVIDERS.append(_substance.guide_items)


# -- meeting documents ---------------------------------------------------------------------------
def _paragraphs(value: str) -> list[dict[str, Any]]:
    """Text → blocks: paragraphs, and bullet lists from lines starting with '- '."""
    blocks: list[dict[str, Any]] = []
    for chunk in (value or "").split("\n\n"):
        lines = [ln.rstrip() for ln in chunk.strip().splitlines() if ln.strip()]
        if not lines:
            continue
        para: list[str] = []
        bullets: list[str] = []
        for ln in lines:
            if ln.lstrip().startswith("- "):
                bullets.append(ln.lstrip()[2:])
            elif bullets:
                bullets[-1] += " " + ln.strip()
            else:
                para.append(ln.strip())
        if para:
            blocks.append({"type": "p", "text": " ".join(para)})
        if bullets:
            blocks.append({"type": "ul", "items": bullets})
    return blocks


def _meeting_subject(meeting: dict[str, Any]) -> str:
    """What a meeting's file names are made of: the committee's own name is specific enough
    ("dagsorden-hoved-med-2017-06-14"); a body label alone ("styregruppen") gets the project or
    network added."""
    return " ".join(p for p in (
        meeting_name(meeting, "da"),
        None if meeting["committee"] else (meeting["project_slug"] or meeting["network_slug"]),
        aware(meeting["starts_at"]).date().isoformat()) if p)


def _next_meeting(tx, meeting: dict[str, Any]) -> dict[str, Any] | None:
    """The same body's next planned meeting, if there is one."""
    rows = tx.meeting_list(project_id=meeting["project_id"]) if meeting["project_id"] else \
        tx.meeting_list(network_id=meeting["network_id"])
    later = [r for r in rows if r["body"] == meeting["body"] and r["status"] != "cancelled"
             and aware(r["starts_at"]) > meeting["starts_at"]]
    return later[0] if later else None


def meeting_data(tx, meeting_id: Any, lang: str, public: bool = False) -> dict[str, Any]:
    shown = ms.show_meeting(tx, meeting_id)
    m = shown["meeting"]
    project = get_project(tx, m["project_slug"]) if m["project_slug"] else None
    spec = tx.workflow_spec(project["workflow_definition_id"]) if project else None
    previous = tx.meeting_previous(m)  # the last meeting not cancelled
    items = []
    sources = [source("meeting", m["id"], t(lang, "mødet: tid, sted, deltagere, afbud, referent",
                                            "the meeting: time, place, participants, "
                                            "apologies, minute-taker"))]
    for it in shown["items"]:
        if public and it["closed"]:
            continue
        subject = None
        if it["standing"]:
            title = ms.STANDING[it["standing"]][lang]
            if it["standing"] == "approve_minutes" and previous:
                from nybureau.rendering.dates import short_date

                title = t(lang, f"Godkendelse af referat fra mødet den "
                                 f"{short_date(ms.aware(previous['starts_at']).date(), 'da')}",
                          f"Approval of the minutes of the meeting on "
                          f"{short_date(ms.aware(previous['starts_at']).date(), 'en')}")
            if it["standing"] == "theme" and m["number"]:
                title = f"{title}: {ms.NETWORK_THEMES[m['number']][lang]}"
            if it["standing"] == "project_news" and it["subject_project_id"]:
                subject = next((p for p in tx.project_list()
                                if p["id"] == it["subject_project_id"]), None)
                if subject:
                    title = t(lang, f"Nyt fra {subject['municipality']}",
                              f"News from {subject['municipality']}")
        elif it["decision_key"] and spec and spec.decision(it["decision_key"]):
            title = text(spec.decision(it["decision_key"])[1].title, lang)
        else:
            title = it["title"] or ""
        if it["title"]:
            title = it["title"]
        background = ms.item_background(it, lang)
        if it["standing"] == "theme":
            background = ""  # the theme is the title
        if it["standing"] == "next_meeting" and not background:
            following = _next_meeting(tx, m)
            if following:
                from nybureau.rendering.dates import long_datetime

                when = long_datetime(ms.aware(following["starts_at"]), lang)
                place = f", {following['place']}" if following["place"] else ""
                background = t(lang, f"Næste møde er planlagt {when}{place}.",
                               f"The next meeting is planned for {when}{place}.")
                sources.append(source("meeting", following["id"],
                                      t(lang, "næste møde", "the next meeting")))
        recs = [ms.in_lang(r, lang) for r in (it["recommendations"] or [])]
        attachments = [a for a in it["attachments"] if a["publishable"] or not public]
        if it["standing"] == "approve_minutes" and previous:
            from nybureau.rendering.dates import short_date

            from nybureau.rendering.text import slugify

            day = ms.aware(previous["starts_at"]).date()
            stem = DOCUMENTS["minutes"]["stem"][lang]
            attachments = [{"title": t(lang, f"Referat fra mødet den {short_date(day, 'da')}",
                                       f"Minutes of the meeting on {short_date(day, 'en')}"),
                            "location": slugify(f"{stem}-{_meeting_subject(previous)}", 120)
                            + ".docx",
                            "publishable": True}] + attachments
            sources.append(source("meeting", previous["id"],
                                  t(lang, "sidste møde og dets referat",
                                    "the last meeting and its minutes")))
        items.append({
            "number": it["position"], "title": title, "kind": it["kind"],
            "kind_label": ms.ITEM_KINDS[it["kind"]][lang], "closed": it["closed"],
            "case_number": it["case_number"], "background": _paragraphs(background),
            "recommendations": recs, "finances": _paragraphs(it["finances"] or ""),
            "attachments": [{"title": a["title"], "location": a["location"],
                             "publishable": a["publishable"]} for a in attachments],
            "outcome": it["outcome"],
            "outcome_label": label(OUTCOMES, it["outcome"], lang) if it["outcome"] else None,
            "decision_text": it["decision_text"], "decision_key": it["decision_key"],
            "subject": subject["name"] if subject else None,
        })
        sources.append(source("agenda_item", it["id"],
                              t(lang, f"punkt {it['position']}", f"item {it['position']}")))
    if project:
        shown_keys = {it["decision_key"] for it in items if it["decision_key"]}
        for d in tx.decisions(project["id"]):
            if d["source"] == f"meeting:{m['id']}" and d["decision_key"] in shown_keys:
                sources.append(source("decision", d["id"], t(
                    lang, f"beslutningen «{d['decision_key']}» registreret fra mødet",
                    f"the decision “{d['decision_key']}” recorded from the meeting")))
    people = shown["people"]
    return _one_line_texts({
        "meeting": {
            "id": m["id"], "name": ms.meeting_name(m, lang), "body": m["body"],
            "body_label": label(BODIES, m["body"], lang) if m["body"] in BODIES else
            t(lang, "Netværket", "The network"),
            "title": m["title"], "starts_at": m["starts_at"], "ends_at": m["ends_at"],
            "place": m["place"], "minute_taker": m["minute_taker"], "status": m["status"],
            "status_label": ms.STATUSES[m["status"]][lang], "approved_on": m["approved_on"],
            "number": m["number"], "network": m["network_name"],
            "participants": [{"name": p["full_name"], "role": p["role"]} for p in people
                             if p["attendance"] == "participant"],
            "apologies": [{"name": p["full_name"], "role": p["role"]} for p in people
                          if p["attendance"] == "apology"],
        },
        "project": project_facts(tx, project, lang) if project else None,
        "items": items,
        "public": public,
        "omitted_closed": sum(1 for it in shown["items"] if it["closed"]) if public else 0,
        "sources": sources,
        "subject": _meeting_subject(m),
        "date": m["starts_at"].date(),
    })


def _one_line(value: Any) -> Any:
    """Text printed within one line of a document: a line break in it becomes a space and white
    space at its end goes (other text is returned as it is)."""
    if type(value) is not str or (value.isprintable() and value[-1:] != " "):
        return value  # no line break, no white space but single spaces (the usual case)
    lines = value.splitlines()
    if len(lines) < 2:
        return value.rstrip()
    return " ".join(line.strip() for line in lines if line.strip())


def _one_line_texts(data: dict[str, Any]) -> dict[str, Any]:
    """The free text an agenda prints outside table cells (the meeting's and project's names,
    item titles, case numbers, recommendations, attachments) made one line each, and empty
    recommendations left out; ``one_line_texts`` says so. With it the built-in agenda's
    Markdown is tidy as written (rendering then skips its tidy check): every value is one line
    without white space at its end, table cells are made one line by the ``cell`` filter, and
    the paragraphs and bullets of backgrounds come from :func:`_paragraphs`."""
    m = data["meeting"]
    m["name"], m["network"] = _one_line(m["name"]), _one_line(m["network"])
    if data["project"]:
        data["project"] = {**data["project"], "name": _one_line(data["project"]["name"]),
                           "municipality": _one_line(data["project"]["municipality"])}
    safe = True
    for it in data["items"]:
        it["title"], it["case_number"] = _one_line(it["title"]), _one_line(it["case_number"])
        if it["recommendations"]:
            it["recommendations"] = [r for r in map(_one_line, it["recommendations"]) if r]
        for a in it["attachments"]:
            a["title"], a["location"] = _one_line(a["title"]), _one_line(a["location"])
        if not it["title"] or type(it["number"]) is not int:
            safe = False
    data["one_line_texts"] = safe
    return data


# -- project documents ---------------------------------------------------------------------------
def decision_paper(tx, project: dict[str, Any], decision_id: str, lang: str) -> dict[str, Any]:
    spec = tx.workflow_spec(project["workflow_definition_id"])
    found = spec.decision(decision_id)
    if found is None:
        raise NotFound(
            f"The workflow '{spec.id}' has no decision '{decision_id}'. Its decisions are: "
            f"{', '.join(spec.decision_ids)}.",
            f"Workflowet '{spec.id}' har ingen beslutning '{decision_id}'. Dets beslutninger er: "
            f"{', '.join(spec.decision_ids)}.",
        )
    phase, dspec = found
    facts = tx.facts(project)
    from nybureau.domain.vocabulary import SATISFYING_OUTCOMES

    ok = SATISFYING_OUTCOMES | ({"noted"} if dspec.allow_noted else set())
    bodies = [{"label": label(BODIES, b, lang),
               "outcome": label(OUTCOMES, facts.decisions[(decision_id, b)], lang)
               if (decision_id, b) in facts.decisions else None,
               "settled": facts.decisions.get((decision_id, b)) in ok} for b in dspec.by]
    history = decision_rows(tx, project, lang, decision_id)
    agenda = []
    for m in tx.meeting_list(project_id=project["id"]):
        if m["status"] == "cancelled":
            continue  # the decision was not put to a cancelled meeting
        for it in tx.items(m["id"]):
            if it["decision_key"] == decision_id:
                agenda.append({"meeting": m["id"], "name": meeting_name(m, lang),
                               "starts_at": aware(m["starts_at"]), "number": it["position"]})
    checklist = phase_checklist(tx, project, phase.id, lang)
    sources = [source("workflow", f"{spec.id} v{spec.version}", t(
        lang, f"beslutningen «{decision_id}»: beskrivelse og indstilling",
        f"the decision “{decision_id}”: description and recommendation")),
        source("project", project["id"], t(lang, "projektets navn, kommune og fase",
                                           "the project's name, municipality and phase"))]
    sources += [source("decision", d["id"], t(lang, f"{d['body']}: {d['outcome']}",
                                              f"{d['body']}: {d['outcome']}"))
                for d in history]
    return {
        "project": project_facts(tx, project, lang),
        "decision": {"id": decision_id, "title": text(dspec.title, lang),
                     "phase_number": phase.number, "phase_title": text(phase.title, lang),
                     "bodies": bodies, "allow_noted": dspec.allow_noted,
                     "pending": not all(b["settled"] for b in bodies)},
        "case": _paragraphs(decision_case_text(tx, project, spec, decision_id, None, lang)),
        "recommendations": [decision_recommendation(spec, decision_id)[lang]],
        "checklist": checklist,
        "history": history,
        "agenda": agenda,
        "sources": sources,
        "subject": _decision_subject(spec, project, dspec, lang),
    }


def _phase_rows(tx, project: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    spec = tx.workflow_spec(project["workflow_definition_id"])
    entered: dict[str, date] = {}
    for tr in tx.transitions(project["id"]):
        entered.setdefault(tr["to_phase"], tr["on_date"])
    current = spec.index(project["phase"])
    rows = []
    for p in spec.phases:
        idx = spec.index(p.id)
        state = ("done" if idx < current else "current" if idx == current else "coming")
        rows.append({"number": p.number, "id": p.id, "title": text(p.title, lang),
                     "purpose": text(p.purpose, lang), "state": state,
                     "entered_on": entered.get(p.id),
                     "decisions": [text(d.title, lang) for d in p.decisions]})
    return rows


def project_description(tx, project: dict[str, Any], lang: str) -> dict[str, Any]:
    return {
        "project": project_facts(tx, project, lang),
        "bodies": _bodies_list(tx, project, lang),
        "agents": _agents(tx, project),
        "phases": _phase_rows(tx, project, lang),
        "decisions": decision_rows(tx, project, lang),
        "sources": [
            source("project", project["id"], t(lang, "navn, kommune, område, start",
                                               "name, municipality, area, start")),
            source("workflow", None, t(lang, "faserne, deres formål og beslutninger",
                                       "the phases, their purpose and decisions")),
            source("membership", None, t(lang, "organisationen: organer og medlemmer",
                                         "the organisation: bodies and members")),
            source("agent", None, t(lang, "dokumentationsagenterne", "the documentation agents")),
            source("decision", None, t(lang, "beslutningerne indtil nu", "decisions so far")),
            source("phase_transition", None, t(lang, "datoerne for faserne",
                                               "the dates of the phases")),
        ],
        "subject": project["slug"],
    }


def mandate(tx, project: dict[str, Any], lang: str) -> dict[str, Any]:
    spec = tx.workflow_spec(project["workflow_definition_id"])
    members = _members(tx, project, lang)
    own = [{"phase_number": p.number, "phase": text(p.title, lang), "title": text(d.title, lang),
            "recommendation": decision_recommendation(spec, d.id)[lang]}
           for p in spec.phases for d in p.decisions if "steering_group" in d.by]
    from nybureau.domain.vocabulary import SATISFYING_OUTCOMES

    approvals = [d for d in decision_rows(tx, project, lang, "organisation")
                 if d["outcome_key"] in SATISFYING_OUTCOMES]
    meetings = [{"id": m["id"], "starts_at": aware(m["starts_at"]), "place": m["place"],
                 "status": m["status"]}
                for m in tx.meeting_list(project_id=project["id"])
                if m["body"] == "steering_group" and m["status"] != "cancelled"]
    return {
        "project": project_facts(tx, project, lang),
        "members": members.get("steering_group", []),
        "secretariat": members.get("project_group", []),
        "own_decisions": own,
        "approvals": approvals,
        "meetings": meetings,
        "phases": _phase_rows(tx, project, lang),
        "sources": [
            source("membership", None, t(lang, "styregruppens og projektgruppens medlemmer",
                                         "members of the steering group and project group")),
            source("workflow", f"{spec.id} v{spec.version}", t(
                lang, "de beslutninger, workflowet lægger hos styregruppen",
                "the decisions the workflow gives the steering group")),
            *[source("decision", d["id"], t(lang, f"godkendelse af organiseringen: {d['body']}",
                                            f"approval of the organisation: {d['body']}"))
              for d in approvals],
            *[source("meeting", m["id"], t(lang, "styregruppemøde", "steering group meeting"))
              for m in meetings],
        ],
        "subject": project["slug"],
    }


def _phase_with(spec, kind: str, **params) -> Any:
    """The first phase with a requirement of ``kind`` matching ``params`` (e.g. the seminar)."""
    for p in spec.phases:
        for r in p.requirements:
            if r.kind != kind:
                continue
            if kind == "activity" and params.get("activity") not in r.params["activities"]:
                continue
            if kind in ("module_attendance",) and r.params["module"] != params.get("number"):
                continue
            if kind == "network_meeting" and r.params["number"] != params.get("number"):
                continue
            return p
    return None


def _phase_block(spec, phase, lang: str) -> dict[str, Any] | None:
    if phase is None:
        return None
    return {"number": phase.number, "title": text(phase.title, lang),
            "purpose": text(phase.purpose, lang),
            "decisions": [{"title": text(d.title, lang),
                           "bodies": join_words([label(BODIES, b, lang) for b in d.by], lang)}
                          for d in phase.decisions]}


def seminar_guide(tx, project: dict[str, Any], lang: str) -> dict[str, Any]:
    spec = tx.workflow_spec(project["workflow_definition_id"])
    phase = _phase_with(spec, "activity", activity="seminar")
    members = _members(tx, project, lang)
    seminars = _activity_rows(tx, project, lang, kinds={"seminar"})
    return {
        "project": project_facts(tx, project, lang),
        "phase": _phase_block(spec, phase, lang),
        "facilitators": members.get("project_group", []),
        "participants": [{"label": label(BODIES, b, lang), "members": members[b]}
                         for b in ("management", "med", "steering_group", "working_group")
                         if b in members],
        "seminars": seminars,
        "sources": [
            source("workflow", f"{spec.id} v{spec.version}", t(
                lang, "fasens formål og de beslutninger, seminaret forbereder",
                "the phase's purpose and the decisions the seminar prepares")),
            source("membership", None, t(lang, "facilitatorer og deltagere",
                                         "facilitators and participants")),
            *[source("activity", a["id"], a["title"]) for a in seminars],
        ],
        "subject": project["slug"],
    }


def workshop_guide(tx, project: dict[str, Any], lang: str) -> dict[str, Any]:
    spec = tx.workflow_spec(project["workflow_definition_id"])
    phase = _phase_with(spec, "activity", activity="workshop") \
        if spec.phase("prioritisation") is None else spec.phase("prioritisation")
    mapping_phase = _phase_with(spec, "module_attendance", number=1)
    members = _members(tx, project, lang)
    transitions = tx.transitions(project["id"])
    first_entry = {tr["to_phase"]: tr["on_date"] for tr in reversed(transitions)}
    last_entry = {tr["to_phase"]: tr["on_date"] for tr in transitions}
    left = {tr["from_phase"]: tr["on_date"] for tr in transitions if tr["from_phase"]}
    start = first_entry.get(mapping_phase.id) if mapping_phase else None
    workshop_start = last_entry.get(phase.id) if phase else None
    basis = [a for a in _activity_rows(tx, project, lang, start=start,
                                       kinds={"interview", "observation", "workshop"})
             if workshop_start is None or a["held_on"] < workshop_start]
    items = mapped_items(tx, project)
    workshops = []
    if workshop_start is not None:
        end = left.get(phase.id)
        workshops = _activity_rows(tx, project, lang, start=workshop_start,
                                   end=end if end and end >= workshop_start else None,
                                   kinds={"workshop"})
    return {
        "project": project_facts(tx, project, lang),
        "phase": _phase_block(spec, phase, lang),
        "agents": _agents(tx, project),
        "project_group": members.get("project_group", []),
        "participants": [{"label": label(BODIES, b, lang), "members": members[b]}
                         for b in ("management", "med", "steering_group", "working_group")
                         if b in members],
        "basis": basis,
        "mapped_items": items,
        "workshops": workshops,
        "sources": [
            source("workflow", f"{spec.id} v{spec.version}", t(
                lang, "prioriteringsfasen og beslutningen om indsatsområder",
                "the prioritisation phase and the focus-area decision")),
            source("agent", None, t(lang, "dokumentationsagenterne (facilitatorer)",
                                    "the documentation agents (facilitators)")),
            *[source("activity", a["id"], a["title"]) for a in basis + workshops],
            source("governance register", None, t(
                lang, f"{len(items)} kortlagte styringselementer",
                f"{len(items)} mapped governance items")),
        ],
        "subject": project["slug"],
    }


def module_outline(tx, project: dict[str, Any], number: int, lang: str) -> dict[str, Any]:
    if not 1 <= int(number) <= 3:
        raise InvalidInput("There are teaching modules 1–3; give --number 1, 2 or 3.",
                           "Der er undervisningsmodul 1–3; angiv --number 1, 2 eller 3.")
    number = int(number)
    spec = tx.workflow_spec(project["workflow_definition_id"])
    phase = _phase_with(spec, "module_attendance", number=number)
    held = [a for a in _activity_rows(tx, project, lang, kinds={"module"})
            if a["number"] == number]
    attended = set(held[0]["attendees"]) if held else set()
    agents = [{**a, "attended": a["name"] in attended} for a in _agents(tx, project)]
    return {
        "project": project_facts(tx, project, lang),
        "number": number,
        "phase": _phase_block(spec, phase, lang),
        "agents": agents,
        "held": held[0] if held else None,
        "sources": [
            source("workflow", f"{spec.id} v{spec.version}", t(
                lang, f"fasen, der kræver modul {number}",
                f"the phase that requires module {number}")),
            source("agent", None, t(lang, "deltagerne: dokumentationsagenterne",
                                    "participants: the documentation agents")),
            *[source("activity", a["id"], a["title"]) for a in held],
        ],
        "subject": f"{number}-{project['slug']}",
    }


def network_agenda(tx, network: dict[str, Any], number: int, lang: str) -> dict[str, Any]:
    if not 1 <= int(number) <= 4:
        raise InvalidInput("There are network meetings 1–4; give --number 1 to 4.",
                           "Der er netværksmøde 1–4; angiv --number 1 til 4.")
    number = int(number)
    projects = []
    sources = [source("network", network["id"], network["name"])]
    for p in tx.project_list(network_id=network["id"]):
        facts = project_facts(tx, p, lang)
        open_points = [r for r in phase_checklist(tx, p, p["phase"], lang) if not r["met"]]
        projects.append({**facts, "open_points": open_points, "agents": _agents(tx, p)})
        sources.append(source("project", p["id"], t(lang, f"{p['name']}: fase og åbne punkter",
                                                    f"{p['name']}: phase and open points")))
    held = None
    for a in tx.activities({"id": -1, "network_id": network["id"]}):
        if a["kind"] == "network_meeting" and a["number"] == number:
            held = {"held_on": a["held_on"], "title": a["title"], "attendees": a["attendees"]}
            sources.append(source("activity", a["id"], a["title"] or ""))
    planned = [m for m in tx.meeting_list(network_id=network["id"])
               if m["number"] == number and m["status"] != "cancelled"]
    meeting = None
    if planned:
        m = planned[0]
        meeting = {"id": m["id"], "starts_at": aware(m["starts_at"]), "place": m["place"]}
        sources.append(source("meeting", m["id"], t(lang, "netværksmødets tid og sted",
                                                    "time and place of the network meeting")))
    return {
        "network": {"slug": network["slug"], "name": network["name"]},
        "number": number, "theme": NETWORK_THEMES[number][lang],
        "projects": projects, "held": held, "meeting": meeting,
        "sources": sources,
        "subject": f"{number}-{network['slug']}",
    }


def status_report(tx, project: dict[str, Any], lang: str) -> dict[str, Any]:
    from nybureau.services.phases import status

    st = status(tx, project["slug"], lang)
    activities = _activity_rows(tx, project, lang)
    counts: dict[str, int] = {}
    for a in activities:
        k = label(ACTIVITY_KINDS, a["kind"], lang)
        counts[k] = counts.get(k, 0) + 1
    return {
        "project": project_facts(tx, project, lang),
        "checklist": [{"text": r["text"], "met": r["met"], "missing": r["missing"]}
                      for r in st["requirements"]],
        "can_advance": st["can_advance"],
        "next_phase_title": st["next_phase_title"],
        "phases": _phase_rows(tx, project, lang),
        "decisions": decision_rows(tx, project, lang),
        "activity_counts": sorted(counts.items()),
        "recent": activities[-8:],
        "meetings": _meeting_rows(tx, project, lang),
        "agents": _agents(tx, project),
        "sources": [
            source("project", project["id"], t(lang, "fase og fasedato", "phase and its date")),
            source("decision", None, t(lang, "alle registrerede beslutninger",
                                       "every recorded decision")),
            source("activity", None, t(lang, "alle registrerede aktiviteter",
                                       "every recorded activity")),
            source("workflow", None, t(lang, "fasens krav (samme sætninger som `status`)",
                                       "the phase's requirements (the sentences of `status`)")),
            source("meeting", None, t(lang, "projektets møder", "the project's meetings")),
        ],
        "subject": project["slug"],
    }


def _decision_subject(spec, project: dict[str, Any], dspec, lang: str) -> str:
    """The decision paper's file name in the document's language
    (beslutningsoplaeg-odder-bostoette-projektbeskrivelse-og-overordnet-forloeb); the
    decision's id is added when another decision of the workflow has the same title."""
    title = text(dspec.title, lang)
    same = sum(1 for p in spec.phases for d in p.decisions if text(d.title, lang) == title)
    return f"{project['slug']}-{title}" + (f"-{dspec.id}" if same > 1 else "")


def phase_summary(tx, project: dict[str, Any], phase_id: str, lang: str) -> dict[str, Any]:
    spec = tx.workflow_spec(project["workflow_definition_id"])
    phase = spec.phase(phase_id)
    if phase is None:
        raise NotFound(f"The workflow has no phase '{phase_id}'. Phases: "
                       f"{', '.join(spec.phase_ids)}.",
                       f"Workflowet har ingen fase '{phase_id}'. Faser: "
                       f"{', '.join(spec.phase_ids)}.")
    transitions = tx.transitions(project["id"])
    spells = []
    start = None
    for tr in transitions:
        if tr["to_phase"] == phase_id:
            start = tr["on_date"]
        elif tr["from_phase"] == phase_id and start is not None:
            spells.append({"entered_on": start, "left_on": tr["on_date"],
                           "to": text(spec.title_of(tr["to_phase"]), lang),
                           "kind": tr["kind"], "kind_label": label(TRANSITION_KINDS, tr["kind"], lang),
                           "reason": tr["reason"], "id": tr["id"]})
            start = None
    if not spells:
        raise InvalidInput(
            f"'{project['slug']}' has not left the phase '{phase_id}' yet; a phase summary is "
            "written when a phase is left.",
            f"'{project['slug']}' har ikke forladt fasen '{phase_id}' endnu; en "
            "fasesammenfatning skrives, når en fase forlades.",
        )
    first, last = spells[0]["entered_on"], spells[-1]["left_on"]
    activities = [a for a in _activity_rows(tx, project, lang, start=first, end=last)
                  if any(s["entered_on"] <= a["held_on"] <= s["left_on"] for s in spells)]
    keys = {d.id for d in phase.decisions}
    decisions = [d for d in decision_rows(tx, project, lang) if d["key"] in keys]
    meetings = [m for m in _meeting_rows(tx, project, lang, start=first, end=last)
                if any(s["entered_on"] <= m["starts_at"].date() <= s["left_on"] for s in spells)]
    return {
        "project": project_facts(tx, project, lang),
        "phase": {"number": phase.number, "title": text(phase.title, lang),
                  "purpose": text(phase.purpose, lang), "id": phase.id},
        "spells": spells,
        "activities": activities,
        "decisions": decisions,
        "meetings": meetings,
        "checklist": phase_checklist(tx, project, phase_id, lang),
        "sources": [
            *[source("phase_transition", s["id"], f"{s['kind_label']}: {s['to']}")
              for s in spells],
            *[source("decision", d["id"], f"{d['body']}: {d['title']}") for d in decisions],
            *[source("meeting", m["id"], f"{m['name']}") for m in meetings],
            source("activity", None, t(lang, f"{len(activities)} aktiviteter i fasen",
                                       f"{len(activities)} activities in the phase")),
        ],
        "subject": f"{project['slug']}-{phase.number}-{text(phase.title, lang)}",
    }


# -- one entry point -----------------------------------------------------------------------------
def build(tx, name: str, lang: str = "da", *, project: str | None = None,
          meeting: Any = None, decision: str | None = None, number: int | None = None,
          phase: str | None = None, network: str | None = None,
          public: bool = False) -> dict[str, Any]:
    """The data of document ``name``; raises InvalidInput naming what is missing."""
    if name not in DOCUMENTS:
        raise NotFound(f"Unknown document '{name}'. Documents: {', '.join(DOCUMENTS)}.",
                       f"Ukendt dokument '{name}'. Dokumenter: {', '.join(DOCUMENTS)}.")
    info = DOCUMENTS[name]
    needs = info["needs"]

    def need(value, option: str) -> Any:
        if value is None:
            raise InvalidInput(f"The document '{name}' needs {option}.",
                               f"Dokumentet '{name}' kræver {option}.")
        return value

    if needs == "meeting":
        data = meeting_data(tx, need(meeting, "--meeting ID"), lang, public)
        ms.refuse_document_of_cancelled(data["meeting"], name)
    elif needs == "network_number":
        if network is None:
            p = get_project(tx, need(project, "--project P (or --network N)"))
            if p["network_id"] is None:
                raise InvalidInput(f"'{p['slug']}' is not in a network; give --network.",
                                   f"'{p['slug']}' er ikke med i et netværk; angiv --network.")
            network = p["network_slug"]
        data = network_agenda(tx, get_network(tx, network), need(number, "--number N"), lang)
    else:
        p = get_project(tx, need(project, "--project P"))
        if needs == "decision":
            data = decision_paper(tx, p, need(decision, "--decision ID"), lang)
        elif needs == "number":
            data = module_outline(tx, p, need(number, "--number N"), lang)
        elif needs == "phase":
            data = phase_summary(tx, p, need(phase, "--phase ID"), lang)
        else:
            data = {"project-description": project_description, "mandate": mandate,
                    "seminar-guide": seminar_guide, "workshop-guide": workshop_guide,
                    "status-report": status_report, **_substance.BUILDERS}[name](tx, p, lang)
    data["doc"] = _doc(name, lang)
    data.setdefault("public", public)
    return data


def _doc(name: str, lang: str) -> dict[str, Any]:
    info = DOCUMENTS[name]
    return {"name": name, "title": info[lang], "lang": lang, "stem": info["stem"][lang]}


def invitation_data(tx, meeting_id: Any, lang: str) -> dict[str, Any]:
    """What a meeting's calendar file (``meeting ics``) is made of: the agenda's data, named
    like the agenda, with who is invited and the invitation's version (``invitation``). Unlike
    :func:`build` it also serves a cancelled meeting, whose calendar file is the cancellation."""
    from nybureau.services.meetings import invitations

    data = meeting_data(tx, meeting_id, lang)
    data["doc"] = _doc("agenda", lang)
    data["invitation"] = invitations.invitation(tx, meeting_id)
    return data


def available(tx, slug: str) -> list[dict[str, Any]]:
    """Every document the project's state allows, as keyword sets for :func:`build`."""
    project = get_project(tx, slug)
    spec = tx.workflow_spec(project["workflow_definition_id"])
    reached = spec.index(project["phase"])
    out: list[dict[str, Any]] = [
        {"name": "project-description", "project": slug},
        {"name": "mandate", "project": slug},
        {"name": "status-report", "project": slug},
    ]
    for p in spec.phases:
        if spec.index(p.id) > reached:
            break
        for d in p.decisions:
            out.append({"name": "decision-paper", "project": slug, "decision": d.id})

    def reached_phase(phase) -> bool:
        return phase is not None and spec.index(phase.id) <= reached

    if reached_phase(_phase_with(spec, "activity", activity="seminar")):
        out.append({"name": "seminar-guide", "project": slug})
    if reached_phase(spec.phase("prioritisation") or
                     _phase_with(spec, "activity", activity="workshop")):
        out.append({"name": "workshop-guide", "project": slug})
    for n in (1, 2, 3):
        if reached_phase(_phase_with(spec, "module_attendance", number=n)):
            out.append({"name": "module-outline", "project": slug, "number": n})
    if project["network_id"] is not None:
        for n in (1, 2, 3, 4):
            if reached_phase(_phase_with(spec, "network_meeting", number=n)):
                out.append({"name": "network-agenda", "project": slug, "number": n})
    left = {tr["from_phase"] for tr in tx.transitions(project["id"]) if tr["from_phase"]}
    for p in spec.phases:
        if p.id in left:
            out.append({"name": "phase-summary", "project": slug, "phase": p.id})
    for m in tx.meeting_list(project_id=project["id"]):
        if m["status"] == "cancelled":
            continue  # no agenda, no minutes (see meeting ics for the cancellation)
        out.append({"name": "agenda", "meeting": m["id"]})
        if m["status"] in ("held", "approved"):
            out.append({"name": "minutes", "meeting": m["id"]})
    out.extend(_substance.available(tx, project))
    return out


def build_all(tx, slug: str, lang: str = "da", public: bool = False) -> list[dict[str, Any]]:
    """The data of every document :func:`available` lists for the project."""
    out = []
    for kw in available(tx, slug):
        kw = dict(kw)
        name = kw.pop("name")
        out.append(build(tx, name, lang, public=public, **kw))
    return out

