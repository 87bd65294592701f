"""Numbers, money and file names the Danish way."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from nybureau.i18n import Msg

_TRANSLIT = {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa",
             "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}


def _locale(lang: str) -> str:
    return Msg("en_GB").render(lang)


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


# -- Markdown ---------------------------------------------------------------------------------
# User text placed in a Markdown document is escaped so that it stays text: it cannot start a
# heading, quote or list, open a link, an autolink or raw HTML, or break out of its line. Only
# what would otherwise be read as Markdown is touched: ordinary text comes out unchanged (the
# golden files hold this), and the check that nothing needs escaping is a few plain membership
# tests, so documents render about as fast as before.

# CommonMark's line endings are \n and \r; a line break inside a one-line value becomes a space
_MD_LINE_BREAK = re.compile(r"\s*[\r\n]\s*")
_MD_ESCAPE = re.compile(r"([\\\[\]<])")
_MD_CLOSING = re.compile(r"(?:^|\s)#+$")
# what would make text that starts a block (a paragraph, a list item's text) a heading, a
# quote, a list, a thematic break or a code fence
_MD_BLOCK_START = re.compile(r"#{1,6}(?:\s|$)|>|[-+*](?:\s|$)|\d{1,9}[.)](?:\s|$)"
                             r"|([-*_])(?:\s*\1){2,}\s*$|`{3}|~{3}")
# the first characters _MD_BLOCK_START can match ("" too: an empty text takes the slow path)
_MD_BLOCK_FIRST = "#>+-*_0123456789`~"


def _md_escaped(s: str) -> str:
    s = _MD_LINE_BREAK.sub(" ", s.strip())
    s = _MD_ESCAPE.sub(r"\\\1", s)
    if _MD_CLOSING.search(s):
        s = s[:-1] + "\\#"
    return s


def md_inline(value):
    """Text inside a line of Markdown (a heading, link text, a sentence): one line, with
    ``\\ [ ] <`` escaped and a ``#`` at its end escaped (it would close a heading). Values that
    are not text are returned as they are. (The plain membership tests are the fast path: a
    regular expression over every value made the agenda several times slower.)"""
    if type(value) is not str or (
            "\\" not in value and "[" not in value and "]" not in value and "<" not in value
            and "\n" not in value and "\r" not in value and value[-1:] not in "# \t"):
        return value
    return _md_escaped(value)


def md_block(value):
    """Text that starts a block of Markdown (a paragraph, the text of a list item): as
    :func:`md_inline`, and a leading ``#``, ``>``, list marker, rule or fence escaped."""
    if type(value) is not str:
        return value
    if ("\\" in value or "[" in value or "]" in value or "<" in value or "\n" in value
            or "\r" in value or value[-1:] in "# \t"):
        value = _md_escaped(value)
    if value[:1] in _MD_BLOCK_FIRST and _MD_BLOCK_START.match(value):
        m = re.match(r"\d+", value)
        value = value[:m.end()] + "\\" + value[m.end():] if m else "\\" + value
    return value


class _Memo(dict):
    """``function(value)`` remembered for the texts it has seen: a document's texts are the
    same string objects at every render, so a look-up (their hash is kept by Python) replaces
    the checks. Only short texts are kept, and at most ``size`` of them (then it starts over)."""

    def __init__(self, function, size: int = 4096, longest: int = 2000) -> None:
        super().__init__()
        self.function, self.size, self.longest = function, size, longest

    def __missing__(self, value):
        out = self.function(value)
        if type(value) is str and len(value) <= self.longest:
            if len(self) >= self.size:
                self.clear()
            self[value] = out
        return out

    def __call__(self, value):  # for a value that cannot be a key (a list …)
        try:
            return self[value]
        except TypeError:
            return self.function(value)


def md_cell(value):
    """Text for a Markdown table cell: one line (white space collapsed), ``|`` escaped, and
    escaped as :func:`md_inline`."""
    s = md_inline("" if value is None else " ".join(str(value).split()))
    return s.replace("|", "\\|") if "|" in s else s


_URL_UNSAFE = re.compile(r"[\s()<>\\\[\]\"']")


def md_url(value):
    """A link target in Markdown: characters that would end or break it percent-encoded."""
    s = "" if value is None else str(value)
    if _URL_UNSAFE.search(s) is None:
        return s
    return _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")),
                           s.strip())


def md_text(value):
    """Free text of several lines placed as blocks (a description, a purpose): each line as
    :func:`md_block`, so no line can become a heading, quote or list; blank lines kept."""
    if type(value) is not str:
        return value
    if "\n" not in value and "\r" not in value:
        return md_block(value)
    return "\n".join(md_block(line.strip()) if line.strip() else ""
                     for line in value.strip().splitlines())


#: The filters as templates use them: remembered (see :class:`_Memo`).
MD_FILTERS = {"md_inline": _Memo(md_inline).__getitem__, "md_block": _Memo(md_block).__getitem__,
              "md_text": _Memo(md_text), "md_url": md_url, "cell": _Memo(md_cell)}
