"""Corrections: voiding a record entered by mistake.

A voided row is not deleted: it keeps its values and gets ``voided_at`` and ``void_reason``
(migration 0007). It stays in the history and in an export, and leaves the phase gate, counts,
tallies, the evaluation and documents (the repository's read methods skip it unless asked for
``include_voided``). Each correction is one audited transaction with its own event kind.

Every table in :data:`nybureau.persistence.tables.VOIDABLE` has exactly one declaration in
:data:`VOIDABLES` — how the record a user names is found, what it is called in a refusal, which
of its values the audit event keeps — and :func:`void_record` voids any of them the same way:
the project (or the meeting item) first, then the reason, the record, whose it is, whether it
is voided already and any refusal of its own; then the row is voided and the event written.
"""

from __future__ import annotations

from dataclasses import dataclass
from string import Formatter
from typing import TYPE_CHECKING, Any, Callable, Literal

from nybureau.errors import AlreadyExists, InvalidInput, NotFound
from nybureau.i18n import Msg
from nybureau.services.common import free_text, get_project

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx

MAX_REASON = 1000

Row = dict[str, Any]


@dataclass(frozen=True)
class Voidable:
    """One kind of record that can be voided (one table of ``tables.VOIDABLE``)."""

    #: what the callers call it: ``void_record(tx, "activity", …)``
    kind: str
    #: the table (in ``tables.VOIDABLE``)
    table: str
    #: the audit event's action
    action: str
    #: the record in a refusal, from its row: "Activity 12" ("Aktiviteten 12")
    noun: Callable[[Row], Msg]
    #: the record the user's reference names in its project (or meeting item), or None
    find: Callable[[Tx, Row, Any], Row | None]
    #: the refusal when there is none, with ``{ref}`` and ``{slug}`` (filled in when refused)
    missing: Msg
    #: the audit event keeps these values: event key → the row's column
    keeps: tuple[tuple[str, str], ...]
    #: a project's record, or a meeting item's (attachments)
    scope: Literal["project", "meeting_item"] = "project"
    #: the record may belong to the project's network instead (activities)
    network: bool = False
    #: the record as "already voided" names it, when not as :attr:`noun` does
    already_noun: Callable[[Row], Msg] | None = None
    #: a refusal of this kind's own, after the common checks (raises)
    refuse: Callable[[Row], None] | None = None


def check_reason(reason: Any) -> str:
    text = free_text(reason, "reason", MAX_REASON)
    if text is None:
        raise InvalidInput(
            Msg("Give the reason for the correction with --reason, e.g. --reason \"recorded twice\"."))
    return text


def _row_id(value: Any) -> int | None:
    try:
        n = int(str(value).lstrip("#"))
    except (TypeError, ValueError):
        return None
    return n if 0 < n < 2**63 else None


def _by_id(method: str) -> Callable[[Tx, Row, Any], Row | None]:
    """Find by the record's id (``12`` or ``#12``) with the repository's ``method``."""
    def find(tx: Tx, _owner: Row, ref: Any) -> Row | None:
        n = _row_id(ref)
        return getattr(tx, method)(n) if n is not None else None
    return find


def _round(tx: Tx, project: Row, ref: Any) -> Row | None:
    """A survey round by its name in the project, else by its id."""
    row = tx.survey_round_get(project["id"], str(ref))
    if row is None and _row_id(ref) is not None:
        row = tx.survey_round_by_id(_row_id(ref))
    return row


def _attachment(tx: Tx, item: Row, ref: Any) -> Row | None:
    """An attachment of the meeting item (voided ones too, so that a second void is told)."""
    wanted = _row_id(ref)
    return _attachments_of(tx, item).get(wanted) if wanted is not None else None


def _attachments_of(tx: Tx, item: Row) -> dict[int, Row]:
    return {a["id"]: a for it in tx.items(item["meeting_id"], include_voided=True)
            if it["id"] == item["id"] for a in it["attachments"]}


def _from_a_meeting(row: Row) -> None:
    if row["source"].startswith("meeting:"):
        did, mid = row["id"], row["source"].removeprefix("meeting:")
        raise InvalidInput(
            Msg("Decision record {did} comes from an item of meeting {mid}; correct it there: "
                "`nybureau meeting record {mid} ITEM --outcome … --amend --reason …` (until the "
                "minutes are approved).", did=did, mid=mid))


def _noun(msg: Msg) -> Callable[[Row], Msg]:
    """The record's name in a refusal: ``msg`` with the row's values it names."""
    names = [name for _text, name, _spec, _conv in Formatter().parse(msg.msgid) if name]
    return lambda row: Msg(msg.msgid, context=msg.context, **{n: row[n] for n in names})


# -- one declaration per voidable table ---------------------------------------------------------
VOIDABLES: dict[str, Voidable] = {v.kind: v for v in (
    Voidable(
        "activity", "activity", "activity.void", _noun(Msg("Activity {id}")),
        _by_id("activity_get"),
        Msg("There is no activity {ref}. See the activities and their ids with "
            "`nybureau activity list {slug}`."),
        (("kind", "kind"), ("number", "number"), ("title", "title"), ("held_on", "held_on")),
        network=True),
    Voidable(
        "decision", "decision", "decision.void",
        _noun(Msg("Decision record {id}")), _by_id("decision_get"),
        Msg("There is no decision record {ref}. See the decisions and their record ids "
            "with `nybureau decision list {slug}`."),
        (("decision", "decision_key"), ("body", "body"), ("outcome", "outcome"),
         ("decided_on", "decided_on")),
        refuse=_from_a_meeting),
    Voidable(
        "vote", "vote", "workshop.vote.void", _noun(Msg("Vote {id}")),
        _by_id("vote_by_id"),
        Msg("There is no vote {ref}. See the votes and their ids with "
            "`nybureau workshop votes {slug}`."),
        (("item", "item_id"), ("participant", "participant"), ("verdict", "verdict"),
         ("points", "points"))),
    Voidable(
        "criterion", "prototype_criterion", "prototype.criterion.void",
        _noun(Msg("Criterion {id}")), _by_id("criterion_get"),
        Msg("There is no evaluation criterion {ref}. See the criteria and their ids "
            "with `nybureau prototype criteria {slug} PROTOTYPE`."),
        (("prototype", "prototype_id"), ("prototype_title", "prototype_title"),
         ("text", "text"))),
    Voidable(
        "survey_round", "survey_round", "survey.void",
        _noun(Msg("Survey round {id}")), _round,
        Msg("'{slug}' has no survey round '{ref}'. See the rounds with "
            "`nybureau survey list {slug}`."),
        (("name", "name"), ("kind", "kind"), ("held_on", "held_on")),
        already_noun=_noun(Msg("Survey round '{name}'"))),
    Voidable(
        "attachment", "attachment", "meeting.attachment.void",
        _noun(Msg("Attachment {id}")), _attachment,
        Msg("Item {position} of meeting {meeting} has no attachment {ref}; its attachments "
            "are: {shown} (see `nybureau meeting item attachments {meeting} {position}`)."),
        (("meeting", "meeting_id"), ("number", "position"), ("title", "title")),
        scope="meeting_item"),
    Voidable(
        "evaluation_note", "evaluation_note", "evaluation.note.void",
        _noun(Msg("Evaluation note {id}")), _by_id("note_get"),
        Msg("There is no evaluation note {ref}. See the notes and their ids with "
            "`nybureau evaluation notes {slug}`."),
        (("kind", "kind"), ("title", "title"), ("held_on", "held_on"))),
    Voidable(
        "spreading", "spreading_activity", "spreading.void",
        _noun(Msg("Spreading entry {id}")), _by_id("spreading_get"),
        Msg("There is no spreading entry {ref}. See the entries and their ids with "
            "`nybureau spreading list {slug}`."),
        (("kind", "kind"), ("title", "title"), ("held_on", "held_on"))),
    Voidable(
        "risk", "risk_entry", "risk.void",
        _noun(Msg("Risk log entry {id}")), _by_id("risk_get"),
        Msg("There is no entry {ref} in the risk log. See the entries and their ids with "
            "`nybureau risk list {slug}`."),
        (("kind", "kind"), ("what", "what"), ("noted_on", "noted_on"))),
    Voidable(
        "stakeholder", "stakeholder", "stakeholder.void",
        _noun(Msg("Stakeholder {id}")), _by_id("stakeholder_get"),
        Msg("There is no stakeholder {ref}. See the stakeholders and their ids with "
            "`nybureau stakeholder list {slug}`."),
        (("name", "name"), ("noted_on", "noted_on"))),
    Voidable(
        "field_note", "field_note", "note.void", _noun(Msg("Field note {id}")),
        _by_id("field_note_get"),
        Msg("There is no field note {ref}. See the notes and their ids with "
            "`nybureau note list {slug}`."),
        (("note", "id"), ("source", "source"), ("heard", "role"), ("noted_on", "noted_on"))),
    Voidable(
        "implementation_rating", "implementation_rating", "implementation.void_rating",
        _noun(Msg("Implementation rating {id}")), _by_id("rating_by_id"),
        Msg("There is no implementation rating {ref}. See the ratings and their ids with "
            "`nybureau evaluation implementation {slug} --list`."),
        (("element", "element"), ("round", "round"), ("degree", "degree"),
         ("recorded_on", "recorded_on"))),
    Voidable(
        "implementation_interview", "implementation_interview", "implementation.void_interview",
        _noun(Msg("Interview {id}")), _by_id("interview_get"),
        Msg("There is no interview {ref} in the interview log. See the interviews and their ids "
            "with `nybureau evaluation implementation {slug} --list`."),
        (("role", "role"), ("interviewer", "interviewer"), ("held_on", "held_on"))),
    Voidable(
        "exemption", "exemption", "exemption.void",
        _noun(Msg("Exemption {id}")), _by_id("exemption_get"),
        Msg("There is no exemption {ref}. See the exemptions and their ids with "
            "`nybureau exemption list {slug}`."),
        (("law", "law"), ("section", "section"), ("status", "status"),
         ("applied_on", "applied_on"))),
)}


# -- the one void -------------------------------------------------------------------------------
def void_record(tx: Tx, kind: str, where: str | tuple[Any, Any], ref: Any, *, reason: Any
                ) -> dict[str, Any]:
    """Void the record ``ref`` of ``kind`` (a key of :data:`VOIDABLES`) entered by mistake.
    ``where``: the project's slug, or for an attachment (meeting, item number). The result:
    the record's id, when and why it was voided, and the values the audit event keeps."""
    spec = VOIDABLES[kind]
    if spec.scope == "meeting_item":
        return _void_in_meeting(tx, spec, where, ref, reason)
    slug = str(where)
    project = get_project(tx, slug)
    reason = check_reason(reason)
    row = spec.find(tx, project, ref)
    if row is None:
        raise NotFound(Msg(spec.missing.msgid, context=spec.missing.context, ref=ref, slug=slug))
    _refuse_if_not_mine(tx, spec, project, row, slug)
    _refuse_if_voided(row, (spec.already_noun or spec.noun)(row))
    if spec.refuse is not None:
        spec.refuse(row)
    after = {key: row[col] for key, col in spec.keeps}
    tx.project_touch(project)
    tx.void_row(spec.table, row["id"], reason)
    tx.audit(spec.action, spec.table, row["id"], project_id=project["id"],
             network_id=row["network_id"] if spec.network else None,
             before={"voided_at": None}, after={**after, "voided_at": tx.now, "reason": reason})
    return {"id": row["id"], "voided_at": tx.now, "reason": reason, **after}


def _void_in_meeting(tx: Tx, spec: Voidable, where: Any, ref: Any, reason: Any
                     ) -> dict[str, Any]:
    from nybureau.services import meetings as ms

    meeting_id, number = where
    meeting = ms.get_meeting_row(tx, meeting_id)
    reason = check_reason(reason)
    item = dict(ms._item(tx, meeting, number), meeting_id=meeting["id"])
    row = spec.find(tx, item, ref)
    if row is None:
        shown = ", ".join(str(i) for i, a in _attachments_of(tx, item).items()
                          if a["voided_at"] is None) or "–"
        raise NotFound(Msg(spec.missing.msgid, context=spec.missing.context, ref=ref,
                           meeting=meeting["id"], position=item["position"], shown=shown))
    _refuse_if_voided(row, spec.noun(row))
    at = {**row, "meeting_id": meeting["id"], "position": item["position"]}
    after = {key: at[col] for key, col in spec.keeps}
    ms._touch(tx, meeting)
    tx.void_row(spec.table, row["id"], reason)
    ms._audit(tx, spec.action, meeting, spec.table, row["id"], before={"voided_at": None},
              after={**after, "voided_at": tx.now, "reason": reason})
    return {"id": row["id"], "voided_at": tx.now, "reason": reason, **after}


def void_attachment(tx: Tx, meeting_id: Any, number: Any, attachment_id: Any, *, reason: Any
                    ) -> dict[str, Any]:
    """Void an attachment (bilag) of a meeting item: it leaves the agenda and the minutes.
    (:func:`void_record` for ``"attachment"``, in the argument order of the meeting
    commands.)"""
    return void_record(tx, "attachment", (meeting_id, number), attachment_id, reason=reason)


def _refuse_if_voided(row: Row, msg: Msg) -> None:
    if row.get("voided_at") is not None:
        when = row["voided_at"].date().isoformat()
        raise AlreadyExists(
            Msg("{msg} was already voided on {when} (reason: {void_reason}).", msg=msg, when=when,
                void_reason=row['void_reason']))


def _refuse_if_not_mine(tx: Tx, spec: Voidable, project: Row, row: Row, slug: str) -> None:
    """A record of another project (or of a network the project is not in) is refused."""
    mine = row["project_id"] == project["id"]
    if spec.network and not mine and row["project_id"] is None:
        if row["network_id"] is not None and row["network_id"] == project.get("network_id"):
            return
        net = tx.network_by_id(row["network_id"]) if row["network_id"] is not None else None
        other = net["slug"] if net else "?"
        raise InvalidInput(
            Msg("{what} belongs to the network '{other}', which '{slug}' is not in; "
                "nothing was changed.", what=spec.noun(row), other=other, slug=slug))
    if not mine:
        other = _project_slug(tx, row["project_id"])
        raise InvalidInput(
            Msg("{what} belongs to the project '{other}', not to '{slug}'; nothing was changed.",
                what=spec.noun(row), other=other, slug=slug))


def _project_slug(tx: Tx, project_id: int | None) -> str:
    if project_id is None:
        return "?"
    for p in tx.project_list():
        if p["id"] == project_id:
            return p["slug"]
    return "?"


# -- lists with the ids the corrections take ----------------------------------------------------
def _mark(row: Any) -> dict[str, Any]:
    """The row (a record) as a dict, with whether it is voided."""
    return {**row, "voided": row.get("voided_at") is not None}


def list_activities(tx: Tx, slug: str, include_voided: bool = False) -> list[dict[str, Any]]:
    project = get_project(tx, slug)
    return [_mark(a) for a in tx.activities(project, include_voided=include_voided)]


def list_decisions(tx: Tx, slug: str, include_voided: bool = False) -> list[dict[str, Any]]:
    project = get_project(tx, slug)
    return [_mark(d) for d in tx.decisions(project["id"], include_voided=include_voided)]


def list_votes(tx: Tx, slug: str, include_voided: bool = False) -> list[dict[str, Any]]:
    project = get_project(tx, slug)
    return [_mark(v) for v in tx.votes(project["id"], include_voided=include_voided)]


def list_rounds(tx: Tx, slug: str, include_voided: bool = False) -> list[dict[str, Any]]:
    project = get_project(tx, slug)
    return [_mark(r) for r in tx.survey_rounds(project["id"], include_voided=include_voided)]


def list_criteria(tx: Tx, slug: str, ref: Any, include_voided: bool = False
                  ) -> list[dict[str, Any]]:
    from nybureau.services.substance.prototypes import resolve

    project = get_project(tx, slug)
    proto = resolve(tx, project, ref)
    every = {p["id"]: p for p in tx.prototypes(project["id"], include_voided=include_voided)}
    return [_mark(c) for c in every[proto["id"]]["criteria"]]


def list_attachments(tx: Tx, meeting_id: Any, number: Any, include_voided: bool = False
                     ) -> list[dict[str, Any]]:
    from nybureau.services import meetings as ms

    meeting = ms.get_meeting_row(tx, meeting_id)
    item = ms._item(tx, meeting, number)
    for it in tx.items(meeting["id"], include_voided=include_voided):
        if it["id"] == item["id"]:
            return [_mark(a) for a in it["attachments"]]
    return []
