"""Finding one person in text: their whole name and every e-mail address they have had, in the
free-text and JSON columns (:mod:`.classification`), for ``person export`` and ``person forget``
(:mod:`.gdpr`).

A name matches as a whole name: in any case, with any white space between its words (two
spaces, a line break), and in the Danish genitive ("Mette Hviid Schmidts", "Lars'" after a name
ending in s, x or z, and "…'s"); not inside a longer word or hyphenated name ("Ib Hansen-Berg"),
and not where it is part of the name of another person in the database ("Mette Hviid Schmidt
Olsen" stays when that person exists).
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any, Callable, Iterator

from nybureau.services.admin.audit import EMAIL_ERASED
from nybureau.services.people.classification import (
    AUDIT,
    CODE_COLUMNS,
    FREE_TEXT,
    IMPORTED,
    JSON_TEXT,
    PAYLOAD_CODE_KEYS,
    PERSON,
    PSEUDONYM,
)

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx

_BEFORE = r"(?<![\w-])"
_AFTER = r"(?![\w-])"


def _name_regex(name: str) -> re.Pattern[str]:
    """The whole name in any case and white space, with an optional genitive (group 1)."""
    body = r"\s+".join(re.escape(part) for part in name.split())
    genitive = r"['’]s|s" + (r"|['’]" if name[-1:].lower() in "sxz" else "")
    return re.compile(_BEFORE + body + "(" + genitive + ")?" + _AFTER, re.IGNORECASE)


def _email_pattern(address: str) -> re.Pattern[str]:
    # the whole address, in any case (the domain of an address is case-insensitive)
    return re.compile(r"(?<![\w.+-])" + re.escape(address) + r"(?![\w-]|\.\w)", re.IGNORECASE)


def _addresses(tx: Tx, person: dict[str, Any]) -> list[str]:
    """Every e-mail address the person has had: the current one and those in the history."""
    found = [person["email"]] if person.get("email") else []
    for ev in tx.admin_rows(AUDIT, where={"entity": PERSON, "entity_id": person["id"],
                                          "action": "person.email"}):
        for side in ("before", "after"):
            try:
                value = (json.loads(ev[side]) or {}).get("email") if ev[side] else None
            except (ValueError, AttributeError):
                value = None
            if isinstance(value, str) and value and value.lower() not in \
                    [f.lower() for f in found]:
                found.append(value)
    return found


class Eraser:
    """Finds and replaces one person in text: their whole name (not where it is part of
    another person's name) and every e-mail address they have had."""

    def __init__(self, tx: Tx, person: dict[str, Any]) -> None:
        self.name = person["full_name"]
        self.pseudonym = PSEUDONYM.format(id=person["id"])
        self.name_rx = _name_regex(self.name)
        # other people whose name holds this one ("Mette Hviid Schmidt Olsen"): not them
        longer = [p["full_name"] for p in tx.admin_rows(PERSON)
                  if p["id"] != person["id"] and self.name_rx.search(p["full_name"])]
        self.longer = [_name_regex(n) for n in longer]
        self.addresses = _addresses(tx, person)
        self.email_rx = [_email_pattern(a) for a in self.addresses]

    def texts(self) -> list[str]:
        """What must not be findable afterwards (for the check of the database file)."""
        return [self.name, *self.addresses]

    def _name(self, m: re.Match[str], masked: list[tuple[int, int]]) -> str:
        if any(a < m.end() and m.start() < b for a, b in masked):
            return m.group(0)
        return self.pseudonym + ("'s" if m.group(1) else "")

    def text(self, value: str) -> str:
        """``value`` with the person erased."""
        out = value
        if self.name_rx.search(out):
            masked = [m.span() for rx in self.longer for m in rx.finditer(out)]
            out = self.name_rx.sub(lambda m: self._name(m, masked), out)
        for rx in self.email_rx:
            out = rx.sub(EMAIL_ERASED, out)
        return out

    def json_value(self, value: Any, code_keys: frozenset[str] = frozenset()) -> Any:
        """A parsed JSON value with the person erased from its strings (not under code keys)."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.json_value(v, code_keys) for v in value]
        if isinstance(value, dict):
            return {k: (v if k in code_keys else self.json_value(v, code_keys))
                    for k, v in value.items()}
        return value


def _rewrite_json(eraser: Eraser, text: str, encode: Callable[[Any], str],
                  code_keys: frozenset[str]) -> tuple[str, list[str]]:
    """(new JSON text, changed top-level parts: "" for the whole value or the keys)."""
    try:
        value = json.loads(text)
    except ValueError:
        new = eraser.text(text)
        return new, ([""] if new != text else [])
    new = eraser.json_value(value, code_keys)
    if new == value:
        return text, []
    if isinstance(value, dict) and isinstance(new, dict):
        changed = [k for k in value if new[k] != value[k]]
    else:
        changed = [""]
    return encode(new), changed


def _audit_json(value: Any) -> str:
    from nybureau.persistence.chain import _json

    return _json(value)


def _plain_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _rewrite_row(eraser: Eraser, table: str, row: dict[str, Any], free: tuple[str, ...]
                 ) -> tuple[dict[str, Any], list[str]]:
    """(new values of the columns that change, the changed parts as paths: "note",
    "after.name" …). ``free``: the table's free-text columns."""
    values: dict[str, Any] = {}
    paths: list[str] = []
    for col in free:
        if isinstance(row.get(col), str):
            new = eraser.text(row[col])
            if new != row[col]:
                values[col] = new
                paths.append(col)
    for col in JSON_TEXT.get(table, ()):
        if isinstance(row.get(col), str):
            audit = table in (AUDIT, IMPORTED)
            new, changed = _rewrite_json(eraser, row[col],
                                         _audit_json if audit else _plain_json,
                                         PAYLOAD_CODE_KEYS if audit else frozenset())
            if changed:
                values[col] = new
                paths += [f"{col}.{k}" if k else col for k in changed]
    return values, paths


def free_text_columns(tx: Tx) -> dict[str, tuple[str, ...]]:
    """table → its free-text columns, outside ``person``. A text column not classified yet
    counts as free text, so a person is never missed (a test keeps that set empty)."""
    out = {}
    for table in tx.admin_table_names():
        if table == PERSON:
            continue
        known = {*FREE_TEXT.get(table, ()), *JSON_TEXT.get(table, ()),
                 *CODE_COLUMNS.get(table, ())}
        extra = tuple(c["name"] for c in tx.admin_columns(table)
                      if c["kind"] == "text" and c["name"] not in known)
        cols = FREE_TEXT.get(table, ()) + extra
        if cols or table in JSON_TEXT:
            out[table] = cols
    return out


def mentioning_rows(tx: Tx, eraser: Eraser
             ) -> Iterator[tuple[str, dict[str, Any], dict[str, Any], list[str]]]:
    """(table, row, new values, changed paths) for every row outside ``person`` whose free
    text names the person or holds one of their e-mail addresses."""
    for table, free in free_text_columns(tx).items():
        for row in tx.admin_rows(table):
            values, paths = _rewrite_row(eraser, table, row, free)
            if values:
                yield table, row, values, paths


def person_references(tx: Tx) -> dict[str, list[str]]:
    """table → its columns that refer to a person."""
    out: dict[str, list[str]] = {}
    for name in tx.admin_table_names():
        cols = [c["name"] for c in tx.admin_columns(name) if c["references"] == PERSON]
        if cols:
            out[name] = cols
    return out
