"""Reading meetings: one meeting with its agenda and people, the list of meetings, and an
item's stored texts in a language."""

from __future__ import annotations

from typing import Any

from nybureau.domain.meetings import in_lang, text_of
from nybureau.domain.records import AgendaItem
from nybureau.services.common import get_network, get_project
from nybureau.services.meetings._shared import aware, get_meeting_row


def show_meeting(tx, meeting_id: Any) -> dict[str, Any]:
    """``meeting``, its ``items`` (with attachments), its ``people`` and, when it is cancelled,
    ``cancelled`` (when and why). Until the agenda is sent, the texts nybureau generates for
    its items (the status, a decision's sagsfremstilling, a project's news) follow the records
    as ``tx`` gives them (a document's as-of view); once sent, they are those stored then."""
    from dataclasses import replace

    from nybureau.services.meetings.cancelling import cancellation

    meeting = get_meeting_row(tx, meeting_id)
    items = tx.items(meeting["id"])
    if meeting["agenda_sent_at"] is None and meeting["status"] != "cancelled":
        from nybureau.services.documents.asof import AsOf, agenda_day, as_of

        # the texts of the agenda as of its own date (minutes print the agenda as it was), or
        # as of the document's day when that is earlier (render --as-of)
        base = tx._tx if isinstance(tx, AsOf) else tx
        view = as_of(base, *agenda_day(base, meeting))
        if isinstance(tx, AsOf) and (not isinstance(view, AsOf) or tx.last < view.last):
            view = tx
        texts = generated_texts(view, meeting, items)
        items = [replace(it, background_generated=texts[it.id]) if it.id in texts else it
                 for it in items]
    people = tx.meeting_people(meeting["id"])
    return {"meeting": meeting, "items": items, "people": people,
            "cancelled": cancellation(tx, meeting)}


def list_meetings(tx, project: str | None = None, network: str | None = None
                  ) -> list[dict[str, Any]]:
    """The meetings of a project, of a network, or all (times in Copenhagen time)."""
    if project:
        rows = tx.meeting_list(project_id=get_project(tx, project)["id"])
    elif network:
        rows = tx.meeting_list(network_id=get_network(tx, network)["id"])
    else:
        rows = tx.meeting_list()
    for r in rows:
        r["starts_at"] = aware(r["starts_at"])
        if r["ends_at"] is not None:
            r["ends_at"] = aware(r["ends_at"])
    return rows


def generated_texts(tx, meeting, items: list[AgendaItem]) -> dict[int, dict[str, str]]:
    """item id → the texts nybureau writes for it, in both languages, from the records as
    ``tx`` gives them: the status item, a decision item's sagsfremstilling, a network
    meeting's news from a project, the follow-up on action items (with its rows). Items with other texts are left out."""
    from nybureau.domain.meetings import both
    from nybureau.services.documents import case_texts

    project = get_project(tx, meeting["project_slug"]) if meeting["project_slug"] else None
    spec = tx.workflow_spec(project.workflow_definition_id) if project else None
    out: dict[int, dict[str, str]] = {}
    for it in items:
        if project is not None and it.standing == "status":
            out[it.id] = both(*(case_texts.status_case_text(tx, project, lang)
                                for lang in ("da", "en")))
        elif (project is not None and it.standing is None and it.decision_key
              and it.background_generated and spec.decision(it.decision_key)):
            out[it.id] = both(*(case_texts.decision_case_text(
                tx, project, spec, it.decision_key, meeting["body"], lang)
                for lang in ("da", "en")))
        elif it.standing == "follow_up":
            from nybureau.services.meetings.follow_up import generated_follow_up

            out[it.id] = generated_follow_up(tx, meeting)
        elif it.standing == "project_news" and it.subject_project_id is not None:
            subject = next((p for p in tx.project_list(network_id=meeting["network_id"])
                            if p.id == it.subject_project_id), None)
            if subject is not None:
                case = case_texts.network_project_case(tx, subject)
                out[it.id] = both(case["da"], case["en"])
    return out


def item_background(item: AgendaItem, lang: str) -> str:
    """An item's sagsfremstilling in ``lang``: what a user wrote, as written and whole; else the
    text nybureau generated when it planned the agenda."""
    return text_of(item.background, item.background_generated, lang)


def item_recommendations(item: AgendaItem, lang: str) -> list[str]:
    """An item's indstilling in ``lang``: each user's sentence as written, each generated one
    in ``lang``."""
    return [in_lang(r, lang) for r in (item.recommendations or ())]
