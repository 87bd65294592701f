"""One person, one identity: how a name the user types becomes a person.

Every name that names a person — a body member, a documentation agent, an attendee, a meeting's
participants, apologies and minute-taker, a workshop participant, a name in a scenario file or a
spreadsheet, and the person commands themselves — goes through :func:`resolve_person`:

* the name is **normalised**: Unicode NFC, every run of spaces (a non-breaking space, a thin
  space …) becomes one space, and the ends are stripped; ``"Pia  Lund"`` is ``"Pia Lund"``;
* an **exact** match (after normalisation) is the person;
* a **near** match is refused with "did you mean" and up to five candidates, unless the user
  says it is a new person (``--new-person``). Two names are near when they are the same after
  *folding* (case; æ/ae, ø/oe, å/aa; accents), or, for folded names of at least
  :data:`~nybureau.services.people.names.MIN_FUZZY` letters, one or two letters apart (two
  only from :data:`~nybureau.services.people.names.MIN_FUZZY_2` letters); whole names are
  compared (:mod:`nybureau.services.people.names`);
* no match: a new person, as before.

The names of all persons are read once per transaction (:class:`Directory`, cached on the
transaction object) and kept up to date as persons are created, so a meeting with twenty
participants costs one query, not twenty. A name given as a new person (``--new-person``, a
web voter's label) needs no near-match check: unless the names are already read, it costs one
lookup by the exact name instead of reading every person.

:func:`~nybureau.services.people.names.did_you_mean` gives the same kind of hint for projects,
networks, meetings and items.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from nybureau.errors import InvalidInput, NotFound
from nybureau.i18n import Msg
from nybureau.services.people.names import near_names, normalise

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx

#: the help of every command's --new-person option
NEW_PERSON_HELP = ("A name close to an existing person's is a new person: skip the "
                   "did-you-mean check.")


class Directory:
    """The names of all persons, read once per transaction."""

    def __init__(self, tx: Tx) -> None:
        self.by_name: dict[str, dict[str, Any]] = {p.full_name: p for p in tx.person_list()}

    def add(self, person: dict[str, Any]) -> None:
        self.by_name[person["full_name"]] = person

    def drop(self, name: str) -> None:
        self.by_name.pop(name, None)


def directory(tx: Tx) -> Directory:
    found = getattr(tx, "_nyb_persons", None)
    if found is None:
        found = Directory(tx)
        tx._nyb_persons = found
    return found


def forget_directory(tx: Tx) -> None:
    """After persons were renamed, merged or deleted: read the names again when next needed."""
    if hasattr(tx, "_nyb_persons"):
        del tx._nyb_persons


def near_match_error(name: str, candidates: list[str], *, new_person_hint: bool = True
                     ) -> InvalidInput:
    hint = Msg(" If this is a new person, repeat the command with --new-person.") \
        if new_person_hint else \
        Msg(" Write the name as the person is registered (see `nybureau person list`).")
    return InvalidInput(Msg("{sentence}{hint}", sentence=_no_such(name, candidates), hint=hint))


def _no_such(name: str, candidates: list[str]) -> Msg:
    """No person is called NAME; did you mean one of the candidates (quoted as each language
    quotes)?"""
    return Msg('No person is called "{name}". Did you mean: {candidates}?', name=name,
               candidates=", ".join(f'"{c}"' for c in candidates),
               candidates_da=", ".join(f"»{c}«" for c in candidates))


def person_not_found(name: str, candidates: list[str]) -> NotFound:
    """A person looked up (not created) who does not exist, with the near names if any."""
    if candidates:
        listed = ", ".join(f'"{c}"' for c in candidates)
        listed_da = ", ".join(f"»{c}«" for c in candidates)
        return NotFound(
            Msg("There is no person named '{name}'. Did you mean: {listed}? "
                "(`nybureau person list` lists them.)", name=name, listed=listed,
                listed_da=listed_da))
    return NotFound(
        Msg("There is no person named '{name}'. Names are matched as written (case included); "
            "see them with `nybureau person list`.", name=name))


def find_person(tx: Tx, name: Any, what: str = "name") -> dict[str, Any]:
    """An existing person by name (normalised); refused with did-you-mean otherwise."""
    return resolve_person(tx, name, create=False, what=what)


def resolve_person(tx: Tx, name: Any, *, new_person: bool = False, create: bool = True,
                   what: str = "name", project_id: int | None = None,
                   network_id: int | None = None) -> dict[str, Any] | None:
    """The person ``name`` names. An exact match (after normalisation) is the person; a near
    match is refused with the candidates unless ``new_person``; otherwise a new person is
    created (audited ``person.create``), or, with ``create=False``, refused as not found (with
    candidates when there are any)."""
    full = normalise(name, what)
    if new_person and create and getattr(tx, "_nyb_persons", None) is None:
        # No near-match check is asked for: one lookup by the exact name, not every person's
        # name (a web voter's vote in a database of thousands of persons).
        person, created = tx.person_get_or_create(full)
        if created:
            tx.audit("person.create", "person", person["id"], project_id=project_id,
                     network_id=network_id, after={"full_name": full})
        return person
    people = directory(tx)
    person = people.by_name.get(full)
    if person is not None:
        return person
    if not create:
        raise person_not_found(full, near_names(full, people.by_name))
    if not new_person:
        near = near_names(full, people.by_name)
        if near:
            raise near_match_error(full, near)
    person, created = tx.person_get_or_create(full)
    if created:
        tx.audit("person.create", "person", person["id"], project_id=project_id,
                 network_id=network_id, after={"full_name": full})
    people.add(person)
    return person


def resolve_people(tx: Tx, names: Iterable[Any], *, new_person: bool = False,
                   what: str = "name", project_id: int | None = None, network_id: int | None = None
                   ) -> list[dict[str, Any]]:
    """:func:`resolve_person` for several names; every near match is checked before anyone is
    created, so a refusal names all the doubtful names at once."""
    names = [normalise(n, what) for n in names]
    if not new_person:
        people = directory(tx)
        doubtful = [(n, near_names(n, people.by_name)) for n in dict.fromkeys(names)
                    if n not in people.by_name]
        doubtful = [(n, c) for n, c in doubtful if c]
        if len(doubtful) == 1:
            raise near_match_error(*doubtful[0])
        if doubtful:
            each = [_no_such(n, cands) for n, cands in doubtful]
            raise InvalidInput(Msg(
                "{sentences} If these are new persons, repeat the command with --new-person.",
                sentences=" ".join(m.render("en") for m in each),
                sentences_da=" ".join(m.render("da") for m in each)))
    return [resolve_person(tx, n, new_person=True, project_id=project_id,
                           network_id=network_id) for n in names]


def known_name(tx: Tx, name: Any, what: str = "name", *, new_person: bool = False
               ) -> str | None:
    """A name stored as text that may be a person's (the minute-taker): normalised; the
    person's own spelling when it is a person; refused when it nearly matches one (unless
    ``new_person``); else kept as written. No person is created."""
    if name is None:
        return None
    if isinstance(name, str) and not name.strip():
        return None
    full = normalise(name, what)
    people = directory(tx)
    if full in people.by_name or new_person:
        return full
    near = near_names(full, people.by_name)
    if near:
        raise near_match_error(full, near)
    return full


def existing_person(tx: Tx, full_name: Any) -> dict[str, Any]:
    """An existing person by name (normalised; a near name is answered with "did you mean"),
    as a copy the caller may change."""
    return dict(find_person(tx, full_name))
