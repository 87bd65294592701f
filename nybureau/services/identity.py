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
  :data:`MIN_FUZZY` letters, one or two letters apart (two only from :data:`MIN_FUZZY_2`
  letters); whole names are compared;
* no match: a new person, as before.

The names of all persons are read once per transaction (:class:`Directory`, cached on the
transaction object) and kept up to date as persons are created, so a meeting with twenty
participants costs one query, not twenty.

:func:`did_you_mean` gives the same kind of hint for projects, networks, meetings and items.
"""

from __future__ import annotations

import difflib
import unicodedata
from typing import Any, Iterable

from nybureau.errors import InvalidInput, NotFound

MIN_FUZZY = 6      # folded letters before one letter off counts as near
MIN_FUZZY_2 = 14   # … and two letters off (Hansen/Jensen/Larsen are different people)
MIN_WORD = 4       # letters of a word in which a letter off counts
MAX_CANDIDATES = 5

#: the help of every command's --new-person option
NEW_PERSON_HELP = ("A name close to an existing person's is a new person: skip the "
                   "did-you-mean check.")

_TRANSLIT = {"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}


def collapse(value: str) -> str:
    """Unicode NFC, every run of spaces (any space character) one space, the ends stripped."""
    value = unicodedata.normalize("NFC", value)
    value = "".join(" " if unicodedata.category(c) == "Zs" else c for c in value)
    return " ".join(part for part in value.split(" ") if part)


def normalise(value: Any, what: str = "name") -> str:
    """A person's name as it is stored: checked like every one-line name (no line breaks or
    control characters, not empty, not too long), in Unicode NFC, with single spaces."""
    from nybureau.services.common import check_name

    if isinstance(value, str):
        value = collapse(value)
    return check_name(value, what)


def fold(name: str) -> str:
    """The form near matches are compared in: case-folded, æ/ø/å written ae/oe/aa, accents
    dropped, only letters and digits and single spaces kept."""
    text = unicodedata.normalize("NFC", name).casefold()
    text = "".join(_TRANSLIT.get(c, c) for c in text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = "".join(c if c.isalnum() else " " for c in text)
    return " ".join(text.split())


def _distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, or ``limit + 1`` as soon as it must be larger."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def is_near(a: str, b: str) -> bool:
    """Whether two (different) names are near enough to be the same person mistyped: equal
    when folded (or but for the spaces: "Anne Marie"/"Annemarie"), or a letter or two off in
    the same words. A letter off only counts inside a word of :data:`MIN_WORD` letters or more
    without digits, so "Agent A"/"Agent B" and "Deltager 1"/"Deltager 2" stay apart."""
    fa, fb = fold(a), fold(b)
    if fa == fb or fa.replace(" ", "") == fb.replace(" ", ""):
        return True
    letters = min(len(fa.replace(" ", "")), len(fb.replace(" ", "")))
    if letters < MIN_FUZZY:
        return False
    wa, wb = fa.split(), fb.split()
    if len(wa) != len(wb):
        return False
    limit = 2 if letters >= MIN_FUZZY_2 else 1
    total = 0
    for x, y in zip(wa, wb):
        if x == y:
            continue
        if min(len(x), len(y)) < MIN_WORD or any(c.isdigit() for c in x + y):
            return False
        total += _distance(x, y, limit)
        if total > limit:
            return False
    return True


def near_names(name: str, names: Iterable[str]) -> list[str]:
    """The names near ``name`` (not equal to it), closest first, at most five."""
    fa = fold(name)
    found = [n for n in names if n != name and is_near(name, n)]
    found.sort(key=lambda n: (fold(n) != fa, _distance(fa, fold(n), 2), n))
    return found[:MAX_CANDIDATES]


class Directory:
    """The names of all persons, read once per transaction."""

    def __init__(self, tx) -> None:
        self.by_name: dict[str, dict[str, Any]] = {p.full_name: p for p in tx.person_list()}

    def add(self, person: dict[str, Any]) -> None:
        self.by_name[person["full_name"]] = person

    def drop(self, name: str) -> None:
        self.by_name.pop(name, None)


def directory(tx) -> Directory:
    found = getattr(tx, "_nyb_persons", None)
    if found is None:
        found = Directory(tx)
        tx._nyb_persons = found
    return found


def forget_directory(tx) -> None:
    """After persons were renamed, merged or deleted: read the names again when next needed."""
    if hasattr(tx, "_nyb_persons"):
        del tx._nyb_persons


def near_match_error(name: str, candidates: list[str], *, new_person_hint: bool = True
                     ) -> InvalidInput:
    en = (f'No person is called "{name}". Did you mean: '
          + ", ".join(f'"{c}"' for c in candidates) + "?")
    da = (f"Ingen person hedder »{name}«. Mente du: "
          + ", ".join(f"»{c}«" for c in candidates) + "?")
    if new_person_hint:
        en += " If this is a new person, repeat the command with --new-person."
        da += " Er det en ny person, så gentag kommandoen med --new-person."
    else:
        en += " Write the name as the person is registered (see `nybureau person list`)."
        da += " Skriv navnet, som personen er registreret (se `nybureau person list`)."
    return InvalidInput(en, da)


def person_not_found(name: str, candidates: list[str]) -> NotFound:
    """A person looked up (not created) who does not exist, with the near names if any."""
    if candidates:
        listed = ", ".join(f'"{c}"' for c in candidates)
        listed_da = ", ".join(f"»{c}«" for c in candidates)
        return NotFound(
            f"There is no person named '{name}'. Did you mean: {listed}? "
            "(`nybureau person list` lists them.)",
            f"Der er ingen person med navnet »{name}«. Mente du: {listed_da}? "
            "(`nybureau person list` viser dem.)")
    return NotFound(
        f"There is no person named '{name}'. Names are matched as written (case included); "
        "see them with `nybureau person list`.",
        f"Der er ingen person med navnet »{name}«. Navnet skal stå, som personen er "
        "registreret; se personerne med `nybureau person list`.")


def find_person(tx, name: Any, what: str = "name") -> dict[str, Any]:
    """An existing person by name (normalised); refused with did-you-mean otherwise."""
    return resolve_person(tx, name, create=False, what=what)


def resolve_person(tx, name: Any, *, new_person: bool = False, create: bool = True,
                   what: str = "name", project_id: int | None = None,
                   network_id: int | None = None) -> dict[str, Any] | None:
    """The person ``name`` names. An exact match (after normalisation) is the person; a near
    match is refused with the candidates unless ``new_person``; otherwise a new person is
    created (audited ``person.create``), or, with ``create=False``, refused as not found (with
    candidates when there are any)."""
    full = normalise(name, what)
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


def resolve_people(tx, names: Iterable[Any], *, new_person: bool = False, what: str = "name",
                   project_id: int | None = None, network_id: int | None = None
                   ) -> list[dict[str, Any]]:
    """:func:`resolve_person` for several names; every near match is checked before anyone is
    created, so a refusal names all the doubtful names at once."""
    names = [normalise(n, what) for n in names]
    people = directory(tx)
    if not new_person:
        doubtful = [(n, near_names(n, people.by_name)) for n in dict.fromkeys(names)
                    if n not in people.by_name]
        doubtful = [(n, c) for n, c in doubtful if c]
        if len(doubtful) == 1:
            raise near_match_error(*doubtful[0])
        if doubtful:
            en = " ".join(f'No person is called "{n}". Did you mean: '
                          + ", ".join(f'"{c}"' for c in cands) + "?" for n, cands in doubtful)
            da = " ".join(f"Ingen person hedder »{n}«. Mente du: "
                          + ", ".join(f"»{c}«" for c in cands) + "?" for n, cands in doubtful)
            raise InvalidInput(
                en + " If these are new persons, repeat the command with --new-person.",
                da + " Er det nye personer, så gentag kommandoen med --new-person.")
    return [resolve_person(tx, n, new_person=True, project_id=project_id,
                           network_id=network_id) for n in names]


def known_name(tx, name: Any, what: str = "name", *, new_person: bool = False) -> str | None:
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


# -- "did you mean" for projects, networks, meetings and items -------------------------------------
def close_matches(value: Any, choices: Iterable[str], n: int = 3) -> list[str]:
    """The choices closest to ``value``: the same when folded, or similar (difflib)."""
    text = str(value)
    choices = [c for c in dict.fromkeys(choices) if c]
    folded = fold(text)
    same = [c for c in choices if fold(c) == folded and c != text]
    by_fold = {fold(c): c for c in choices}
    similar = [by_fold[f] for f in difflib.get_close_matches(folded, list(by_fold), n=n,
                                                              cutoff=0.6)]
    return list(dict.fromkeys(same + similar))[:n]


def did_you_mean(value: Any, choices: Iterable[str], aliases: dict[str, str] | None = None
                 ) -> tuple[str, str]:
    """(' Did you mean "x"?', ' Mente du "x"?') — or two empty strings when nothing is close.
    ``aliases``: other texts that point to a choice (a project's name → its slug)."""
    choices = list(choices)
    found = close_matches(value, choices)
    if aliases:
        found += [aliases[a] for a in close_matches(value, list(aliases))]
    found = list(dict.fromkeys(found))[:3]
    if not found:
        return "", ""
    en = " Did you mean " + " or ".join(f'"{c}"' for c in found) + "?"
    da = " Mente du " + " eller ".join(f"»{c}«" for c in found) + "?"
    return en, da
