"""Dates and times the Danish way, through Babel, in Europe/Copenhagen time.

>>> long_date(date(2017, 4, 26), "da")
'onsdag den 26. april 2017'
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Europe/Copenhagen")

_DATE = {"da": "EEEE 'den' d. MMMM y", "en": "EEEE d MMMM y"}
_SHORT = {"da": "d. MMMM y", "en": "d MMMM y"}
_TIME = {"da": "'kl.' HH.mm", "en": "'at' HH:mm"}


def _locale(lang: str) -> str:
    return "da_DK" if lang == "da" else "en_GB"


def long_date(value: date, lang: str = "da") -> str:
    """'onsdag den 26. april 2017' / 'Wednesday 26 April 2017'."""
    from babel.dates import format_date

    return format_date(value, _DATE[lang], locale=_locale(lang))


def short_date(value: date, lang: str = "da") -> str:
    """'26. april 2017' / '26 April 2017'."""
    from babel.dates import format_date

    return format_date(value, _SHORT[lang], locale=_locale(lang))


def long_datetime(value: datetime, lang: str = "da") -> str:
    """'onsdag den 26. april 2017 kl. 10.00' in Copenhagen time."""
    from babel.dates import format_datetime

    local = value.astimezone(TZ) if value.tzinfo else value.replace(tzinfo=TZ)
    pattern = f"{_DATE[lang]} {_TIME[lang]}"
    return format_datetime(local, pattern, locale=_locale(lang), tzinfo=TZ)
