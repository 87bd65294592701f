"""Records from rows: the one place a row's mapping becomes a :mod:`nybureau.domain.records`
record.

A record takes its fields from the row by name (the columns, and the labels of joined columns)
plus the ``extra`` fields the repository adds (attendees, attachments …). A row with a column the
record does not name, or a record field the row does not give, is a programming error and fails
loudly here (checked once per record class and set of columns), so a column added by a migration
cannot slip past its record.
"""

from __future__ import annotations

from typing import Any, Mapping, TypeVar

from nybureau.domain.records import field_names

R = TypeVar("R")

_CHECKED: set[tuple[type, tuple[str, ...]]] = set()


def _check(cls: type, given: tuple[str, ...]) -> None:
    key = (cls, given)
    if key in _CHECKED:
        return
    want = set(field_names(cls))
    have = set(given)
    if want != have:
        raise TypeError(f"{cls.__name__}: the row gives {sorted(have - want)} it does not name "
                        f"and lacks {sorted(want - have)}")
    _CHECKED.add(key)


def build(cls: type[R], mapping: Mapping[str, Any], **extra: Any) -> R:
    """The ``cls`` record of one row's mapping, with ``extra`` fields added."""
    values = dict(mapping)
    if extra:
        values.update(extra)
    _check(cls, tuple(values))
    return cls(**values)


def build_row(cls: type[R], row, **extra: Any) -> R:
    """:func:`build` from an SQLAlchemy ``Row``."""
    return build(cls, row._mapping, **extra)


def refresh(record, **changes):
    """``record`` with ``changes``, as a new record, after the row was written.

    TRANSITIONAL (issue 12): the record given is changed in place too, for callers that still
    hold it after a write (``project_touch``, ``projects_touch_many``); this goes with the
    records' mapping compatibility, when every caller uses the record returned."""
    from dataclasses import replace

    if isinstance(record, dict):  # a caller's own dict (old callers, tests)
        record.update(changes)
        return record
    for key, value in changes.items():
        object.__setattr__(record, key, value)
    return replace(record)
