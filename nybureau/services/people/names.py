"""How names are compared: normalised as stored, folded for near matches, and "did you mean"
hints. Pure text functions, no database (see :mod:`nybureau.services.people.identity` for the
resolver that uses them).

* a name is **normalised**: Unicode NFC, every run of spaces (a non-breaking space, a thin
  space …) becomes one space, and the ends are stripped; ``"Pia  Lund"`` is ``"Pia Lund"``;
* two names are **near** when they are the same after *folding* (case; æ/ae, ø/oe, å/aa;
  accents), or, for folded names of at least :data:`MIN_FUZZY` letters, one or two letters
  apart (two only from :data:`MIN_FUZZY_2` letters); whole names are compared.

:func:`did_you_mean` gives the same kind of hint for projects, networks, meetings and items.
"""

from __future__ import annotations

import difflib
import unicodedata
from typing import Any, Iterable

MIN_FUZZY = 6      # folded letters before one letter off counts as near
MIN_FUZZY_2 = 14   # … and two letters off (Hansen/Jensen/Larsen are different people)
MIN_WORD = 4       # letters of a word in which a letter off counts
MAX_CANDIDATES = 5

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
