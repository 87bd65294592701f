"""Numbers, money and file names the Danish way."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

_TRANSLIT = {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa",
             "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}


def _locale(lang: str) -> str:
    return "da_DK" if lang == "da" else "en_GB"


def money(value: float | int | Decimal | str, lang: str = "da", currency: str = "DKK") -> str:
    """'1.234,50 kr.' / 'DKK 1,234.50'."""
    from babel.numbers import format_currency

    return format_currency(Decimal(str(value)), currency, locale=_locale(lang))


def number(value: float | int | Decimal | str, lang: str = "da") -> str:
    """'1.234,5' / '1,234.5'."""
    from babel.numbers import format_decimal

    return format_decimal(Decimal(str(value)), locale=_locale(lang))


def transliterate(value: str) -> str:
    """æ→ae, ø→oe, å→aa; other accents dropped."""
    out = "".join(_TRANSLIT.get(c, c) for c in value)
    return unicodedata.normalize("NFKD", out).encode("ascii", "ignore").decode("ascii")


def slugify(value: str, max_len: int = 80) -> str:
    """'Hoved-MED 2017-06-14' → 'hoved-med-2017-06-14'."""
    text = transliterate(value).lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:max_len].rstrip("-") or "dokument"
