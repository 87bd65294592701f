"""Dates and times the Danish way, in Europe/Copenhagen time.

>>> long_date(date(2017, 4, 26), "da")
'onsdag den 26. april 2017'

The patterns below are CLDR patterns and the day and month names come from Babel's CLDR data.
Babel's own formatter parses the pattern and looks the locale up at every call (tens of µs); here
each pattern is translated once per language into a plain Python function with the names taken
from Babel once, which gives the same text (the tests compare it with Babel's). A pattern with a
field the translation does not know is formatted by Babel itself.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from typing import Callable
from zoneinfo import ZoneInfo

from nybureau.i18n import Msg

TZ = ZoneInfo("Europe/Copenhagen")

_DATE = {"da": "EEEE 'den' d. MMMM y", "en": "EEEE d MMMM y"}
_SHORT = {"da": "d. MMMM y", "en": "d MMMM y"}
_TIME = {"da": "'kl.' HH.mm", "en": "'at' HH:mm"}


def _locale(lang: str) -> str:
    return Msg("en_GB").render(lang)


# CLDR fields the translation knows: the Python expression over a datetime/date ``v``.
_FIELDS = {
    "EEEE": "D[v.weekday()]",
    "MMMM": "M[v.month - 1]",
    "d": "v.day",
    "y": "v.year",
    "HH": "f'{v.hour:02d}'",
    "mm": "f'{v.minute:02d}'",
}
_TOKEN = re.compile(r"'([^']*)'|([A-Za-z])\2*|([^'A-Za-z]+)")


@lru_cache(maxsize=None)
def _names(lang: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Wide day names (Monday first) and month names (January first), format context."""
    from babel import Locale

    loc = Locale.parse(_locale(lang))
    days = tuple(loc.days["format"]["wide"][i] for i in range(7))
    months = tuple(loc.months["format"]["wide"][i] for i in range(1, 13))
    return days, months


@lru_cache(maxsize=None)
def _compiled(pattern: str, lang: str) -> Callable[[date], str] | None:
    """``pattern`` as a Python function of a date/datetime, or None when it has a field (or a
    quoting) the translation does not know."""
    parts = []
    pos = 0
    for m in _TOKEN.finditer(pattern):
        if m.start() != pos:
            return None
        pos = m.end()
        literal, field, other = m.group(1), m.group(0) if m.group(2) else None, m.group(3)
        if field is not None:
            if field not in _FIELDS:
                return None
            parts.append("{" + _FIELDS[field] + "}")
        else:
            text = literal if literal is not None else other
            if literal == "":  # '' is a quote sign in CLDR
                return None
            parts.append(text.replace("{", "{{").replace("}", "}}"))
    if pos != len(pattern):
        return None
    days, months = _names(lang)
    body = "".join(parts)
    namespace = {"D": days, "M": months}
    exec(f"def fmt(v):\n    return f{body!r}\n", namespace)  # noqa: S102 - our own patterns
    return namespace["fmt"]


def _date_formatter(pattern: str, lang: str) -> Callable[[date], str]:
    fmt = _compiled(pattern, lang)
    if fmt is None:
        from babel.dates import format_date

        loc = _locale(lang)
        return lambda value: format_date(value, pattern, locale=loc)

    def format_(value: date) -> str:
        # Babel formats a datetime's own calendar date (no time zone conversion)
        return fmt(value.date() if isinstance(value, datetime) else value)

    return format_


def _datetime_formatter(lang: str) -> Callable[[datetime], str]:
    pattern = f"{_DATE[lang]} {_TIME[lang]}"
    fmt = _compiled(pattern, lang)
    if fmt is None:
        from babel.dates import format_datetime

        loc = _locale(lang)

        def babel_(value: datetime) -> str:
            local = value.astimezone(TZ) if value.tzinfo else value.replace(tzinfo=TZ)
            return format_datetime(local, pattern, locale=loc, tzinfo=TZ)

        return babel_

    def format_(value: datetime) -> str:
        return fmt(value.astimezone(TZ) if value.tzinfo else value.replace(tzinfo=TZ))

    return format_


@lru_cache(maxsize=None)
def formatter(kind: str, lang: str) -> Callable:
    """The formatting function ``kind`` (long_date, short_date, long_datetime) for ``lang``."""
    if kind == "long_date":
        return _date_formatter(_DATE[lang], lang)
    if kind == "short_date":
        return _date_formatter(_SHORT[lang], lang)
    if kind == "long_datetime":
        return _datetime_formatter(lang)
    raise ValueError(kind)


def long_date(value: date, lang: str = "da") -> str:
    """'onsdag den 26. april 2017' / 'Wednesday 26 April 2017'."""
    return formatter("long_date", lang)(value)


def short_date(value: date, lang: str = "da") -> str:
    """'26. april 2017' / '26 April 2017'."""
    return formatter("short_date", lang)(value)


def long_datetime(value: datetime, lang: str = "da") -> str:
    """'onsdag den 26. april 2017 kl. 10.00' in Copenhagen time."""
    return formatter("long_datetime", lang)(value)


def month_year(value: date, lang: str = "da") -> str:
    """'september 2017' / 'September 2017' (a year plan's month heading)."""
    _, months = _names(lang)
    return f"{months[value.month - 1]} {value.year}"
