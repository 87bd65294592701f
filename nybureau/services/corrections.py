"""Corrections: voiding a record entered by mistake, and amending a meeting item's outcome.

A voided row is not deleted: it keeps its values and gets ``voided_at`` and ``void_reason``
(migration 0007). It stays in the history and in an export, and leaves the phase gate, counts,
tallies, the evaluation and documents (the repository's read methods skip it unless asked for
``include_voided``). Each correction is one audited transaction with its own event kind.
"""

from __future__ import annotations

from typing import Any

from nybureau.domain.vocabulary import ACTIVITY_KINDS, OUTCOMES, label
from nybureau.errors import AlreadyExists, InvalidInput, NotFound
from nybureau.services.common import free_text, get_project

MAX_REASON = 1000


def _reason(reason: Any) -> str:
    text = free_text(reason, "reason", MAX_REASON)
    if text is None:
        raise InvalidInput(
            "Give the reason for the correction with --reason, e.g. --reason \"recorded twice\".",
            "Angiv årsagen til rettelsen med --reason, fx --reason \"registreret to gange\".")
    return text


def _row_id(value: Any) -> int | None:
    try:
        n = int(str(value).lstrip("#"))
    except (TypeError, ValueError):
        return None
    return n if 0 < n < 2**63 else None


def _already(row: dict[str, Any], en: str, da: str) -> None:
    if row.get("voided_at") is not None:
        when = row["voided_at"].date().isoformat()
        raise AlreadyExists(
            f"{en} was already voided on {when} (reason: {row['void_reason']}).",
            f"{da} blev allerede annulleret den {when} (årsag: {row['void_reason']}).")


def _project_slug(tx, project_id: int | None) -> str:
    if project_id is None:
        return "?"
    for p in tx.project_list():
        if p["id"] == project_id:
            return p["slug"]
    return "?"


def _other_project(en: str, da: str, other: str, slug: str) -> InvalidInput:
    return InvalidInput(
        f"{en} belongs to the project '{other}', not to '{slug}'; nothing was changed.",
        f"{da} hører til projektet '{other}', ikke til '{slug}'; intet er ændret.")


def _void(tx, project: dict[str, Any], table: str, row: dict[str, Any], action: str,
          reason: str, after: dict[str, Any], network_id: int | None = None) -> dict[str, Any]:
    tx.project_touch(project)
    tx.void_row(table, row["id"], reason)
    tx.audit(action, table, row["id"], project_id=project["id"], network_id=network_id,
             before={"voided_at": None}, after={**after, "voided_at": tx.now, "reason": reason})
    return {"id": row["id"], "voided_at": tx.now, "reason": reason, **after}


# -- activities ---------------------------------------------------------------------------------
def void_activity(tx, slug: str, activity_id: Any, *, reason: Any) -> dict[str, Any]:
    """Void an activity of the project (or of its network) recorded by mistake."""
    project = get_project(tx, slug)
    reason = _reason(reason)
    aid = _row_id(activity_id)
    row = tx.activity_get(aid) if aid is not None else None
    if row is None:
        raise NotFound(
            f"There is no activity {activity_id}. See the activities and their ids with "
            f"`nybureau activity list {slug}`.",
            f"Aktiviteten {activity_id} findes ikke. Se aktiviteterne og deres id'er med "
            f"`nybureau activity list {slug}`.")
    mine = row["project_id"] == project["id"] or (
        row["project_id"] is None and row["network_id"] is not None
        and row["network_id"] == project.get("network_id"))
    if not mine and row["project_id"] is None:
        net = tx.network_by_id(row["network_id"]) if row["network_id"] is not None else None
        other = net["slug"] if net else "?"
        raise InvalidInput(
            f"Activity {aid} belongs to the network '{other}', which '{slug}' is not in; "
            "nothing was changed.",
            f"Aktiviteten {aid} hører til netværket '{other}', som '{slug}' ikke er med i; "
            "intet er ændret.")
    if not mine:
        raise _other_project(f"Activity {aid}", f"Aktiviteten {aid}",
                             _project_slug(tx, row["project_id"]), slug)
    _already(row, f"Activity {aid}", f"Aktiviteten {aid}")
    return _void(tx, project, "activity", row, "activity.void", reason,
                 {"kind": row["kind"], "number": row["number"], "title": row["title"],
                  "held_on": row["held_on"]},
                 network_id=row["network_id"])


# -- decisions ----------------------------------------------------------------------------------
def void_decision(tx, slug: str, record_id: Any, *, reason: Any) -> dict[str, Any]:
    """Void a decision recorded with `decision record` (one record: one body's outcome)."""
    project = get_project(tx, slug)
    reason = _reason(reason)
    did = _row_id(record_id)
    row = tx.decision_get(did) if did is not None else None
    if row is None:
        raise NotFound(
            f"There is no decision record {record_id}. See the decisions and their record ids "
            f"with `nybureau decision list {slug}`.",
            f"Beslutningen {record_id} findes ikke. Se beslutningerne og deres id'er med "
            f"`nybureau decision list {slug}`.")
    if row["project_id"] != project["id"]:
        raise _other_project(f"Decision record {did}", f"Beslutningen {did}",
                             _project_slug(tx, row["project_id"]), slug)
    _already(row, f"Decision record {did}", f"Beslutningen {did}")
    if row["source"].startswith("meeting:"):
        mid = row["source"].removeprefix("meeting:")
        raise InvalidInput(
            f"Decision record {did} comes from an item of meeting {mid}; correct it there: "
            f"`nybureau meeting record {mid} ITEM --outcome … --amend --reason …` (until the "
            "minutes are approved).",
            f"Beslutningen {did} stammer fra et punkt på møde {mid}; ret den dér: "
            f"`nybureau meeting record {mid} PUNKT --outcome … --amend --reason …` (indtil "
            "referatet er godkendt).")
    return _void(tx, project, "decision", row, "decision.void", reason,
                 {"decision": row["decision_key"], "body": row["body"],
                  "outcome": row["outcome"], "decided_on": row["decided_on"]})


# -- workshop votes -----------------------------------------------------------------------------
def void_vote(tx, slug: str, vote_id: Any, *, reason: Any) -> dict[str, Any]:
    """Void one workshop vote; it keeps its place (one vote per participant and item)."""
    project = get_project(tx, slug)
    reason = _reason(reason)
    vid = _row_id(vote_id)
    row = tx.vote_by_id(vid) if vid is not None else None
    if row is None:
        raise NotFound(
            f"There is no vote {vote_id}. See the votes and their ids with "
            f"`nybureau workshop votes {slug}`.",
            f"Stemmen {vote_id} findes ikke. Se stemmerne og deres id'er med "
            f"`nybureau workshop votes {slug}`.")
    if row["project_id"] != project["id"]:
        raise _other_project(f"Vote {vid}", f"Stemmen {vid}",
                             _project_slug(tx, row["project_id"]), slug)
    _already(row, f"Vote {vid}", f"Stemmen {vid}")
    return _void(tx, project, "vote", row, "workshop.vote.void", reason,
                 {"item": row["item_id"], "participant": row["participant"],
                  "verdict": row["verdict"], "points": row["points"]})


# -- prototype criteria -------------------------------------------------------------------------
def void_criterion(tx, slug: str, criterion_id: Any, *, reason: Any) -> dict[str, Any]:
    """Void an evaluation criterion of a prototype."""
    project = get_project(tx, slug)
    reason = _reason(reason)
    cid = _row_id(criterion_id)
    row = tx.criterion_get(cid) if cid is not None else None
    if row is None:
        raise NotFound(
            f"There is no evaluation criterion {criterion_id}. See the criteria and their ids "
            f"with `nybureau prototype criteria {slug} PROTOTYPE`.",
            f"Evalueringskriteriet {criterion_id} findes ikke. Se kriterierne og deres id'er "
            f"med `nybureau prototype criteria {slug} PROTOTYPE`.")
    if row["project_id"] != project["id"]:
        raise _other_project(f"Criterion {cid}", f"Kriteriet {cid}",
                             _project_slug(tx, row["project_id"]), slug)
    _already(row, f"Criterion {cid}", f"Kriteriet {cid}")
    return _void(tx, project, "prototype_criterion", row, "prototype.criterion.void", reason,
                 {"prototype": row["prototype_id"], "prototype_title": row["prototype_title"],
                  "text": row["text"]})


# -- survey rounds ------------------------------------------------------------------------------
def void_survey_round(tx, slug: str, round_ref: Any, *, reason: Any) -> dict[str, Any]:
    """Void a survey round (its answers leave the evaluation). ROUND: its id or name."""
    project = get_project(tx, slug)
    reason = _reason(reason)
    ref = str(round_ref)
    row = tx.survey_round_get(project["id"], ref)
    if row is None and _row_id(ref) is not None:
        row = tx.survey_round_by_id(_row_id(ref))
    if row is None:
        raise NotFound(
            f"'{slug}' has no survey round '{ref}'. See the rounds with "
            f"`nybureau survey list {slug}`.",
            f"'{slug}' har ingen måling '{ref}'. Se målingerne med "
            f"`nybureau survey list {slug}`.")
    if row["project_id"] != project["id"]:
        raise _other_project(f"Survey round {row['id']}", f"Målingen {row['id']}",
                             _project_slug(tx, row["project_id"]), slug)
    _already(row, f"Survey round '{row['name']}'", f"Målingen '{row['name']}'")
    return _void(tx, project, "survey_round", row, "survey.void", reason,
                 {"name": row["name"], "kind": row["kind"], "held_on": row["held_on"]})


# -- attachments (bilag) ------------------------------------------------------------------------
def void_attachment(tx, meeting_id: Any, number: Any, attachment_id: Any, *, reason: Any
                    ) -> dict[str, Any]:
    """Void an attachment (bilag) of a meeting item: it leaves the agenda and the minutes."""
    from nybureau.services import meetings as ms

    meeting = ms.get_meeting_row(tx, meeting_id)
    reason = _reason(reason)
    item = ms._item(tx, meeting, number)
    wanted = _row_id(attachment_id)
    every = {a["id"]: a for it in tx.items(meeting["id"], include_voided=True)
             if it["id"] == item["id"] for a in it["attachments"]}
    row = every.get(wanted) if wanted is not None else None
    if row is None:
        shown = ", ".join(str(i) for i, a in every.items() if a["voided_at"] is None) or "–"
        raise NotFound(
            f"Item {item['position']} of meeting {meeting['id']} has no attachment "
            f"{attachment_id}; its attachments are: {shown} (see `nybureau meeting item "
            f"attachments {meeting['id']} {item['position']}`).",
            f"Punkt {item['position']} på møde {meeting['id']} har intet bilag {attachment_id}; "
            f"dets bilag er: {shown} (se `nybureau meeting item attachments {meeting['id']} "
            f"{item['position']}`).")
    _already(row, f"Attachment {row['id']}", f"Bilaget {row['id']}")
    ms._touch(tx, meeting)
    tx.void_row("attachment", row["id"], reason)
    ms._audit(tx, "meeting.attachment.void", meeting, "attachment", row["id"],
              before={"voided_at": None},
              after={"meeting": meeting["id"], "number": item["position"],
                     "title": row["title"], "voided_at": tx.now, "reason": reason})
    return {"id": row["id"], "meeting": meeting["id"], "number": item["position"],
            "title": row["title"], "reason": reason}


# -- duplicates ---------------------------------------------------------------------------------
def duplicate_warning(tx, project: dict[str, Any], kind: str, held_on, title, new_id: int
                      ) -> tuple[str, str] | None:
    """(English, Danish) warning when an activity of this kind, date and title was recorded
    before (and is not voided), else None."""
    earlier = [a for a in tx.activity_same(project, kind, held_on, title) if a["id"] != new_id]
    if not earlier:
        return None
    first = earlier[0]
    slug = project["slug"]
    what_en = label(ACTIVITY_KINDS, kind, "en")
    what_da = label(ACTIVITY_KINDS, kind, "da")
    ids = ", ".join(str(a["id"]) for a in earlier)
    return (
        f"the same {what_en} ({held_on.isoformat()}, “{title or ''}”) was already recorded as "
        f"activity {ids}; if this one is a mistake, void it: `nybureau activity void {slug} "
        f"{new_id} --reason \"recorded twice\"` (the earlier one: {first['id']}).",
        f"samme {what_da} ({held_on.isoformat()}, »{title or ''}«) er allerede registreret "
        f"som aktivitet {ids}; er denne en fejl, så annullér den: `nybureau activity void "
        f"{slug} {new_id} --reason \"registreret to gange\"` (den tidligere: {first['id']}).",
    )


# -- amending a meeting item's outcome ----------------------------------------------------------
def amend_outcome(tx, meeting_id: Any, number: Any, *, outcome: str, text: str | None,
                  reason: Any) -> dict[str, Any]:
    """Replace an item's recorded outcome (and the gate decision derived from it) while the
    minutes are not approved."""
    from nybureau.services import meetings as ms
    from nybureau.services.common import check_outcome, check_text

    meeting = ms.get_meeting_row(tx, meeting_id)
    ms._refuse_if_cancelled(meeting)
    if meeting["status"] == "approved":
        raise InvalidInput(
            f"The minutes of meeting {meeting['id']} are approved; record a correction as a new "
            "item on the next meeting.",
            f"Referatet af møde {meeting['id']} er godkendt; registrér en rettelse som et nyt "
            "punkt på det næste møde.")
    item = ms._item(tx, meeting, number)
    check_outcome(outcome)
    text = check_text(text, "text")
    reason = _reason(reason)
    if item["outcome"] is None:
        raise InvalidInput(
            f"Item {item['position']} of meeting {meeting['id']} has no outcome yet, so there "
            f"is nothing to amend; record it without --amend.",
            f"Punkt {item['position']} på møde {meeting['id']} har endnu ingen beslutning, så "
            "der er intet at ændre; registrér den uden --amend.")
    if item["standing"] == "approve_minutes":
        raise InvalidInput(
            f"Item {item['position']} of meeting {meeting['id']} approves the last meeting's "
            "minutes; that cannot be amended. Record a correction as a new item on the next "
            "meeting.",
            f"Punkt {item['position']} på møde {meeting['id']} godkender referatet af sidste "
            "møde; det kan ikke ændres. Registrér en rettelse som et nyt punkt på det næste "
            "møde.")
    if item["outcome"] == outcome and (item["decision_text"] or None) == text:
        raise InvalidInput(
            f"Item {item['position']} of meeting {meeting['id']} already has this outcome "
            f"({label(OUTCOMES, outcome, 'en')}); nothing to amend.",
            f"Punkt {item['position']} på møde {meeting['id']} har allerede denne beslutning "
            f"({label(OUTCOMES, outcome, 'da')}); intet at ændre.")
    source = f"meeting:{meeting['id']}"
    decision_ids = tx.item_decision_ids(item["id"])
    changed = []
    ms._touch(tx, meeting)
    for did in decision_ids:
        d = tx.decision_get(did)
        if d is None or d["voided_at"] is not None or d["source"] != source:
            continue
        tx.decision_update(did, outcome=outcome, note=text)
        tx.audit("decision.amend", "decision", did, project_id=meeting["project_id"],
                 before={"outcome": d["outcome"], "note": d["note"]},
                 after={"outcome": outcome, "note": text, "source": source, "reason": reason})
        changed.append(did)
    tx.item_update(item["id"], outcome=outcome, decision_text=text, decided_at=tx.now)
    ms._audit(tx, "meeting.item.amend", meeting, "agenda_item", item["id"],
              before={"outcome": item["outcome"], "text": item["decision_text"]},
              after={"meeting": meeting["id"], "number": item["position"], "outcome": outcome,
                     "text": text, "decision": item["decision_key"], "decision_ids": changed,
                     "reason": reason})
    return {"meeting": meeting["id"], "number": item["position"], "outcome": outcome,
            "previous": item["outcome"], "decision": item["decision_key"],
            "decision_ids": changed}


# -- lists with the ids the corrections take ----------------------------------------------------
def _mark(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "voided": row.get("voided_at") is not None}


def list_activities(tx, slug: str, include_voided: bool = False) -> list[dict[str, Any]]:
    project = get_project(tx, slug)
    return [_mark(a) for a in tx.activities(project, include_voided=include_voided)]


def list_decisions(tx, slug: str, include_voided: bool = False) -> list[dict[str, Any]]:
    project = get_project(tx, slug)
    return [_mark(d) for d in tx.decisions(project["id"], include_voided=include_voided)]


def list_votes(tx, slug: str, include_voided: bool = False) -> list[dict[str, Any]]:
    project = get_project(tx, slug)
    return [_mark(v) for v in tx.votes(project["id"], include_voided=include_voided)]


def list_rounds(tx, slug: str, include_voided: bool = False) -> list[dict[str, Any]]:
    project = get_project(tx, slug)
    return [_mark(r) for r in tx.survey_rounds(project["id"], include_voided=include_voided)]


def list_criteria(tx, slug: str, ref: Any, include_voided: bool = False
                  ) -> list[dict[str, Any]]:
    from nybureau.services.prototypes import resolve

    project = get_project(tx, slug)
    proto = resolve(tx, project, ref)
    every = {p["id"]: p for p in tx.prototypes(project["id"], include_voided=include_voided)}
    return [_mark(c) for c in every[proto["id"]]["criteria"]]


def list_attachments(tx, meeting_id: Any, number: Any, include_voided: bool = False
                     ) -> list[dict[str, Any]]:
    from nybureau.services import meetings as ms

    meeting = ms.get_meeting_row(tx, meeting_id)
    item = ms._item(tx, meeting, number)
    for it in tx.items(meeting["id"], include_voided=include_voided):
        if it["id"] == item["id"]:
            return [_mark(a) for a in it["attachments"]]
    return []


# -- evaluation notes and spreading ---------------------------------------------------------------
def void_note(tx, slug: str, note_id: Any, *, reason: Any) -> dict[str, Any]:
    """Void an evaluation note (interview or learning meeting)."""
    project = get_project(tx, slug)
    reason = _reason(reason)
    nid = _row_id(note_id)
    row = tx.note_get(nid) if nid is not None else None
    if row is None:
        raise NotFound(
            f"There is no evaluation note {note_id}. See the notes and their ids with "
            f"`nybureau evaluation notes {slug}`.",
            f"Evalueringsnoten {note_id} findes ikke. Se noterne og deres id'er med "
            f"`nybureau evaluation notes {slug}`.")
    if row["project_id"] != project["id"]:
        raise _other_project(f"Evaluation note {nid}", f"Evalueringsnoten {nid}",
                             _project_slug(tx, row["project_id"]), slug)
    _already(row, f"Evaluation note {nid}", f"Evalueringsnoten {nid}")
    return _void(tx, project, "evaluation_note", row, "evaluation.note.void", reason,
                 {"kind": row["kind"], "title": row["title"], "held_on": row["held_on"]})


def void_spreading(tx, slug: str, spreading_id: Any, *, reason: Any) -> dict[str, Any]:
    """Void a spreading entry (article, newsletter, publication, dialogue meeting, talk)."""
    project = get_project(tx, slug)
    reason = _reason(reason)
    sid = _row_id(spreading_id)
    row = tx.spreading_get(sid) if sid is not None else None
    if row is None:
        raise NotFound(
            f"There is no spreading entry {spreading_id}. See the entries and their ids with "
            f"`nybureau spreading list {slug}`.",
            f"Spredningen {spreading_id} findes ikke. Se spredningerne og deres id'er med "
            f"`nybureau spreading list {slug}`.")
    if row["project_id"] != project["id"]:
        raise _other_project(f"Spreading entry {sid}", f"Spredningen {sid}",
                             _project_slug(tx, row["project_id"]), slug)
    _already(row, f"Spreading entry {sid}", f"Spredningen {sid}")
    return _void(tx, project, "spreading_activity", row, "spreading.void", reason,
                 {"kind": row["kind"], "title": row["title"], "held_on": row["held_on"]})
