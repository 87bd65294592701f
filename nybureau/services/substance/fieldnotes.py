"""The documentation agents' field notes (phase 3): what was heard in an interview, seen on a
field trip or read in a document, recorded on a day by an agent, anonymous (the role of who was
heard, never a name), and linked to the governance items it is evidence of. The item's trace and
the mapping report show an item's notes as its evidence."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from nybureau.domain.substance import HEARD_ROLES, NOTE_SOURCES, parse_word, words
from nybureau.errors import InvalidInput
from nybureau.i18n import Msg
from nybureau.services.common import free_text, get_project, past_date
from nybureau.services.substance.governance import _agent, resolve_item

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx
    from nybureau.domain.records import FieldNote

#: the longest field note (an interview's notes)
MAX_NOTE = 20_000

_NOTE_FUTURE = Msg("a field note is recorded when the interview, observation or reading has "
                   "taken place; give its date with --on.")


def note_view(n: FieldNote, titles: dict[int, str] | None = None) -> dict[str, Any]:
    """A field note as the CLI, JSON, the trace and the documents show it."""
    titles = titles or {}
    return {"id": n.id, "date": n.noted_on, "source": n.source, "role": n.role,
            "text": n.text, "agent": n.agent, "items": list(n.item_ids),
            "item_titles": [titles[i] for i in n.item_ids if i in titles],
            **({"voided_at": n.voided_at, "void_reason": n.void_reason}
               if n.voided_at is not None else {})}


def _word(table: dict, value: Any, field: tuple[str, str], option: str) -> str:
    key = parse_word(table, str(value)) if value not in (None, "") else None
    if key is None:
        raise InvalidInput(Msg("'{value}' is not a {field}; use {option} with one of: {words}.",
                               value=value if value is not None else "", field=field[0],
                               field_da=field[1], option=option, words=words(table)))
    return key


def _named_person(tx: Tx, project: Any, text: str) -> str | None:
    """The name of a person of the project (a member of its bodies or an agent) that the text
    gives, if any: field notes are anonymous."""
    names = {m.full_name for m in tx.members(project["id"])}
    names |= {a.full_name for a in tx.agents(project["id"])}
    for name in sorted(names, key=len, reverse=True):
        if len(name) >= 3 and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text,
                                        re.IGNORECASE):
            return name
    return None


def add_field_note(tx: Tx, slug: str, *, text: str, source: str, role: str, by: str,
                   items: list[Any] | tuple[Any, ...] = (),
                   on: date | str | None = None) -> dict[str, Any]:
    """Record a field note by the documentation agent ``by`` on the day ``on`` (default
    today): its source (interview, observation, document), the role of who was heard, the
    anonymous text, and the governance items (ids or exact titles) it is evidence of. A text
    naming a person of the project is refused: write the role instead."""
    project = get_project(tx, slug)
    source_ = _word(NOTE_SOURCES, source, ("source of a field note", "feltnotekilde"),
                    "--source")
    role_ = _word(HEARD_ROLES, role, ("role of who was heard", "rolle for den hørte"), "--role")
    body = free_text(text, "text", MAX_NOTE, required=True)
    named = _named_person(tx, project, body)
    if named is not None:
        raise InvalidInput(
            Msg("The note names {name}; field notes are anonymous (the interview guides promise "
                "it). Write the role instead of the name, e.g. \"a frontline worker\", and give "
                "the role with --role.", name=named))
    if not by or not str(by).strip():
        raise InvalidInput(Msg("Say which documentation agent recorded the note with --by "
                               "NAME (see `nybureau agent list {slug}`).", slug=slug))
    agent_id = _agent(tx, project, str(by))
    noted_on = past_date(tx, on, _NOTE_FUTURE)
    linked: list[Any] = []
    for ref in items:
        it = resolve_item(tx, project, ref)
        if it not in linked:
            linked.append(it)
    tx.project_touch(project)
    nid = tx.field_note_insert([i.id for i in linked], project_id=project["id"],
                               noted_on=noted_on, source=source_, role=role_, text=body,
                               agent_person_id=agent_id)
    tx.audit("note.add", "field_note", nid, project_id=project["id"],
             after={"date": noted_on, "source": source_, "heard": role_,
                    "items": [i.id for i in linked], "item_titles": [i.title for i in linked]})
    note = tx.field_note_get(nid)
    return note_view(note, {i.id: i.title for i in linked})


def list_field_notes(tx: Tx, slug: str, item: Any = None, include_voided: bool = False
                     ) -> list[dict[str, Any]]:
    """The project's field notes by date; with ``item``, those linked to that governance item;
    with ``include_voided`` also the voided ones, with when and why."""
    project = get_project(tx, slug)
    titles = {i.id: i.title for i in tx.gov_items(project["id"])}
    notes = tx.field_notes(project["id"], include_voided=include_voided)
    if item not in (None, ""):
        wanted = resolve_item(tx, project, item).id
        notes = [n for n in notes if wanted in n.item_ids]
    return [note_view(n, titles) for n in notes]


def notes_by_item(tx: Tx, project_id: int) -> dict[int, list[dict[str, Any]]]:
    """Each governance item's live field notes (its evidence), by the item's id."""
    out: dict[int, list[dict[str, Any]]] = {}
    for n in tx.field_notes(project_id):
        for iid in n.item_ids:
            out.setdefault(iid, []).append(note_view(n))
    return out
