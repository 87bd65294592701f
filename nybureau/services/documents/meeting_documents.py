"""The meeting documents: a meeting's agenda and minutes (both built from :func:`meeting_data`,
which the meeting's calendar file uses too), and the decision paper that puts a decision of the
workflow to the bodies that make it."""

from __future__ import annotations

from typing import Any

from nybureau.domain.records import Project
from nybureau.domain.vocabulary import BODIES, OUTCOMES, SATISFYING_OUTCOMES, label
from nybureau.errors import NotFound
from nybureau.i18n import Msg
from nybureau.services import meetings as ms
from nybureau.services.common import get_project
from nybureau.services.documents.case_texts import (
    decision_case_text, decision_item_sections, decision_recommendation,
)
from nybureau.services.documents.parts import (
    decision_rows, paragraphs, phase_checklist, project_facts, source,
)
from nybureau.services.documents.registry import (
    DocumentData,
    Needs,
    Section,
    Words,
    document,
    lookup,
)
from nybureau.services.meetings import aware, meeting_name
from nybureau.workflow.spec import text


@document("agenda", title=Words("Dagsorden", "Agenda"), stem=Words("dagsorden", "agenda"),
          needs=Needs.MEETING, section=Section.MEETINGS,
          available=lambda scope, meeting: meeting["status"] != "cancelled")
def agenda(tx, meeting_id: Any, public: bool, lang: str) -> DocumentData:
    """A meeting's agenda (not of a cancelled meeting: see ``meeting ics`` for its notice)."""
    data = meeting_data(tx, meeting_id, lang, public)
    ms.refuse_document_of_cancelled(data["meeting"], "agenda")
    return data


@document("minutes", title=Words("Referat", "Minutes"), stem=Words("referat", "minutes"),
          needs=Needs.MEETING, section=Section.MEETINGS,
          available=lambda scope, meeting: meeting["status"] in ("held", "approved"))
def minutes(tx, meeting_id: Any, public: bool, lang: str) -> DocumentData:
    """A held meeting's minutes: the agenda with the outcome of each item."""
    data = meeting_data(tx, meeting_id, lang, public)
    ms.refuse_document_of_cancelled(data["meeting"], "minutes")
    return data


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


def _standing_title(tx, it: Any, m: dict[str, Any], previous: Any, lang: str
                    ) -> tuple[str, Any]:
    """A standing item's title (and, for a project's news, the project it is about)."""
    from nybureau.rendering.dates import short_date

    title, subject = ms.STANDING[it["standing"]][lang], None
    if it["standing"] == "approve_minutes" and previous:
        day = ms.aware(previous["starts_at"]).date()
        title = Msg("Approval of the minutes of the meeting on {short_date}",
                    short_date=short_date(day, "en"),
                    short_date_2=short_date(day, "da")).render(lang)
    if it["standing"] == "theme" and m["number"]:
        title = f"{title}: {ms.NETWORK_THEMES[m['number']][lang]}"
    if it["standing"] == "project_news" and it["subject_project_id"]:
        subject = next((p for p in tx.project_list() if p["id"] == it["subject_project_id"]),
                       None)
        if subject:
            title = Msg("News from {municipality}",
                        municipality=subject["municipality"]).render(lang)
    return title, subject


def _closed_item(it: Any, lang: str) -> dict[str, Any]:
    """A closed item in the public version: its number, the title *Lukket punkt*, nothing
    else (so the numbering never jumps)."""
    return {"number": it["position"], "title": Msg("Closed item").render(lang),
            "kind": it["kind"], "kind_label": None, "closed": True, "redacted": True,
            "standing": it["standing"], "case_number": None, "summary": [], "background": [],
            "recommendations": [], "finances": [], "consequences": [], "consultation": [],
            "attachments": [], "outcome": None, "outcome_label": None, "decision_text": None,
            "minuted": False, "decision_key": None, "subject": None, "actions": [],
            "follow_up": []}


def meeting_data(tx, meeting_id: Any, lang: str, public: bool = False) -> DocumentData:
    """What a meeting's agenda, minutes and calendar file are made of (``public``: closed
    items only as *Lukket punkt*, without the bilag that may not be published; written under
    its own file name, ``…-offentlig``)."""
    from nybureau.rendering.dates import short_date
    from nybureau.services.documents import meeting_actions as ma
    from nybureau.services.documents import meeting_bilag as bl

    shown = ms.show_meeting(tx, meeting_id)
    m = shown["meeting"]
    project = get_project(tx, m["project_slug"]) if m["project_slug"] else None
    spec = tx.workflow_spec(project.workflow_definition_id) if project else None
    previous = tx.meeting_previous(m)  # the last meeting not cancelled
    keys = {it["decision_key"] for it in shown["items"] if it["decision_key"]}
    items = []
    agreed = ma.agreed_rows(tx, m["id"])
    sources = [source("meeting", m["id"], Msg("the meeting: time, place, participants, "
                                              "apologies, minute-taker").render(lang))]
    for it in shown["items"]:
        if public and it["closed"]:
            items.append(_closed_item(it, lang))
            continue
        subject = None
        if it["standing"]:
            title, subject = _standing_title(tx, it, m, previous, lang)
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
                background = Msg("The next meeting is planned for {when}{place}.",
                                 when=when, place=place).render(lang)
                sources.append(source("meeting", following["id"],
                                      Msg("the next meeting").render(lang)))
        recs = [ms.in_lang(r, lang) for r in (it["recommendations"] or [])]
        attachments = bl.item_documents(tx, project, it, keys, lang)
        if it["standing"] == "approve_minutes" and previous:
            day = ms.aware(previous["starts_at"]).date()
            attachments += bl.previous_minutes(
                previous, _meeting_subject(previous),
                Msg("Minutes of the meeting on {short_date}", short_date=short_date(day, "en"),
                    short_date_2=short_date(day, "da")).render(lang), lang)
            sources.append(source("meeting", previous["id"],
                                  Msg("the last meeting and its minutes").render(lang)))
        attachments += bl.user_attachments(it["attachments"], public)
        items.append({
            "number": it["position"], "title": title, "kind": it["kind"],
            # a standing item's type adds nothing to its title ("Velkomst")
            "kind_label": None if it["standing"] else ms.ITEM_KINDS[it["kind"]][lang],
            "closed": it["closed"], "redacted": False, "standing": it["standing"],
            "case_number": it["case_number"],
            "summary": paragraphs(it["summary"] or ""),
            "background": paragraphs(background),
            "recommendations": recs, "finances": paragraphs(it["finances"] or ""),
            "consequences": paragraphs(it["consequences"] or ""),
            "consultation": paragraphs(it["consultation"] or ""),
            "attachments": attachments,
            "outcome": it["outcome"],
            "outcome_label": label(OUTCOMES, it["outcome"], lang) if it["outcome"] else None,
            "decision_text": it["decision_text"],
            "minuted": bool(it["outcome"] or it["decision_text"]),
            "decision_key": it["decision_key"],
            "subject": subject["name"] if subject else None,
            # the action items agreed under the item (the minutes), and the follow-up table
            "actions": agreed.get(it["id"], []),
            "follow_up": ma.follow_up_table(
                it["background_generated"], lang,
                ma.closed_actions(tx, it["background_generated"]) if public else frozenset())
            if it["standing"] == "follow_up" and it["background"] is None else [],
        })
        sources.append(source("agenda_item", it["id"],
                              Msg("item {position}", position=it['position']).render(lang)))
        for a in items[-1]["actions"]:
            sources.append(source("action_item", a["id"], Msg(
                "an action item agreed under item {position}",
                position=it['position']).render(lang)))
    bilag = bl.number_bilag(items)
    if project:
        shown_keys = {it["decision_key"] for it in items if it["decision_key"]}
        titles = {d.id: text(d.title, lang) for p in spec.phases for d in p.decisions}
        for d in tx.decisions(project.id):
            if d["source"] == f"meeting:{m['id']}" and d["decision_key"] in shown_keys:
                sources.append(source("decision", d["id"], Msg(
                    "the decision “{title}” recorded from the meeting",
                    title=titles.get(d["decision_key"], d["decision_key"])).render(lang)))
    people = shown["people"]
    facts = project_facts(tx, project, lang) if project else None
    return {
        "meeting": {
            "id": m["id"], "name": ms.meeting_name(m, lang), "body": m["body"],
            "body_label": label(BODIES, m["body"], lang) if m["body"] in BODIES else
            Msg("The network").render(lang),
            "title": m["title"], "starts_at": m["starts_at"], "ends_at": m["ends_at"],
            "place": m["place"], "minute_taker": m["minute_taker"], "status": m["status"],
            "status_label": ms.STATUSES[m["status"]][lang], "approved_on": m["approved_on"],
            "approved": m["status"] == "approved",
            "number": m["number"], "network": m["network_name"],
            "case_number": m["case_number"], "document_number": m["document_number"],
            "participants": [{"name": p["full_name"], "role": p["role"]} for p in people
                             if p["attendance"] == "participant"],
            "apologies": [{"name": p["full_name"], "role": p["role"]} for p in people
                          if p["attendance"] == "apology"],
        },
        "project": facts,
        "proposer_label": (facts or {}).get("proposer_label")
        or Msg("The project leadership").render(lang),
        "items": items,
        "bilag": bilag,
        "public": public,
        "omitted_closed": sum(1 for it in shown["items"] if it["closed"]) if public else 0,
        "sources": sources,
        "subject": _meeting_subject(m) + (" " + Msg("public").render(lang) if public else ""),
        "date": m["starts_at"].date(),
    }


@document("decision-paper", title=Words("Beslutningsoplæg", "Decision paper"),
          stem=Words("beslutningsoplaeg", "decision-paper"), needs=Needs.DECISION,
          section=Section.DECISIONS,
          available=lambda scope, phase_and_decision: scope.reached(phase_and_decision[0]))
def decision_paper(tx, project: Project, decision_id: str, lang: str) -> DocumentData:
    """The paper that puts a decision to its bodies: the case, the recommendation, how far the
    phase is and how the decision was treated so far."""
    spec = tx.workflow_spec(project.workflow_definition_id)
    found = spec.decision(decision_id)
    if found is None:
        raise NotFound(
            Msg("The workflow '{id}' has no decision '{decision_id}'. Its decisions are: "
                "{decision_ids}.", id=spec.id, decision_id=decision_id,
                decision_ids=', '.join(spec.decision_ids)),
        )
    phase, dspec = found
    facts = tx.facts(project)
    ok = SATISFYING_OUTCOMES | ({"noted"} if dspec.allow_noted else set())
    bodies = [{"label": label(BODIES, b, lang),
               "outcome": label(OUTCOMES, facts.decisions[(decision_id, b)], lang)
               if (decision_id, b) in facts.decisions else None,
               "settled": facts.decisions.get((decision_id, b)) in ok} for b in dspec.by]
    history = decision_rows(tx, project, lang, decision_id)
    agenda = []
    for m in tx.meeting_list(project_id=project.id):
        if m["status"] == "cancelled":
            continue  # the decision was not put to a cancelled meeting
        for it in tx.items(m["id"]):
            if it["decision_key"] == decision_id:
                agenda.append({"meeting": m["id"], "name": meeting_name(m, lang),
                               "starts_at": aware(m["starts_at"]), "number": it["position"]})
    checklist = phase_checklist(tx, project, phase.id, lang)
    sources = [source("workflow", f"{spec.id} v{spec.version}", Msg("the decision “{decision_id}”: description and recommendation",
                                                                    decision_id=text(dspec.title, lang)).render(lang)),
        source("project", project.id, Msg("the project's name, municipality and phase").render(lang))]
    sources += [source("decision", d["id"], Msg("{body}: {outcome}", body=d['body'],
                                                outcome=d['outcome']).render(lang))
                for d in history]
    return {
        "project": project_facts(tx, project, lang),
        "decision": {"id": decision_id, "title": text(dspec.title, lang),
                     "phase_number": phase.number, "phase_title": text(phase.title, lang),
                     "bodies": bodies, "allow_noted": dspec.allow_noted,
                     "pending": not all(b["settled"] for b in bodies)},
        "case": paragraphs(decision_case_text(tx, project, spec, decision_id, None, lang,
                                              earlier=False)),
        "sections": {k: paragraphs(v) for k, v in
                     decision_item_sections(tx, project, spec, decision_id).items()},
        "recommendations": [decision_recommendation(spec, decision_id)[lang]],
        "checklist": checklist,
        "history": history,
        "agenda": agenda,
        "sources": sources,
        "subject": _decision_subject(spec, project, dspec, lang),
    }


def _decision_subject(spec, project: Project, dspec, lang: str) -> str:
    """The decision paper's file name in the document's language
    (beslutningsoplaeg-odder-bostoette-projektbeskrivelse-og-overordnet-forloeb); the
    decision's id is added when another decision of the workflow has the same title."""
    title = text(dspec.title, lang)
    same = sum(1 for p in spec.phases for d in p.decisions if text(d.title, lang) == title)
    return f"{project.slug}-{title}" + (f"-{dspec.id}" if same > 1 else "")


def invitation_data(tx, meeting_id: Any, lang: str) -> DocumentData:
    """What a meeting's calendar file (``meeting ics``) is made of: the agenda's data, named
    like the agenda, with who is invited and the invitation's version (``invitation``). Unlike
    the agenda it also serves a cancelled meeting, whose calendar file is the cancellation."""
    from nybureau.services.meetings import invitations

    data = meeting_data(tx, meeting_id, lang)
    data["doc"] = lookup("agenda").info(lang)
    data["invitation"] = invitations.invitation(tx, meeting_id)
    return data
