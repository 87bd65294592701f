"""Text from users and files, made safe to show on a terminal.

Every value nybureau prints came from somebody: a project name, an item's title, a line of a CSV
file, an argument that was refused. None of it may act on the terminal. :func:`visible` shows
control characters (C0 and C1 controls, DEL, and the bidirectional overrides and isolates that
reorder what is on screen) as visible escapes such as ``\\x1b`` and ``\\u202e`` instead of
passing them on; :func:`shorten` also cuts a value to a length fit to be echoed in a message;
:func:`safe_message` is the pass the CLI makes over every refusal before it prints it.

This module has no dependencies (the services may import it to build their messages; the CLI
escapes rich markup itself, see :func:`nybureau.cli.app.esc`).
"""

from __future__ import annotations

import re

__all__ = ["ECHO_LIMIT", "visible", "shorten", "safe_message", "control_characters",
           "is_control"]

#: how many characters of a value a message echoes before it cuts the rest off with "…"
ECHO_LIMIT = 80
#: the same for a value that looks like a file path: the user needs it whole to act on it, so
#: only a path longer than any sensible one is cut
PATH_LIMIT = 1024
#: the longest line a refusal prints (a value given without quotes …); our own messages are
#: shorter, so only echoed input is ever cut by it
LINE_LIMIT = 2000

# Bidirectional controls: embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069),
# the marks (U+200E, U+200F, U+061C) and the line/paragraph separators a terminal may take for
# a line break.
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u2028\u2029"
# Controls (C0, DEL, C1), the bidi characters above, and lone surrogates (which cannot even be
# written to a UTF-8 stream).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f" + _BIDI + "\ud800-\udfff]")


def is_control(char: str) -> bool:
    """Whether the one character ``char`` is a control that must not reach a terminal."""
    return bool(_CONTROL.fullmatch(char))


def control_characters(text: str, newlines: bool = False) -> list[str]:
    """The control characters in ``text`` (newlines and tabs allowed when ``newlines``)."""
    return [c for c in _CONTROL.findall(text) if not (newlines and c in "\n\t")]


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(value: object, newlines: bool = True) -> str:
    """``value`` as text with every control character shown as an escape (``\\x1b``,
    ``\\x00``, ``\\r``→``\\x0d``, ``\\u202e`` …). Line breaks and tabs are kept when
    ``newlines`` (multi-line text such as a description), escaped too otherwise."""
    text = value if isinstance(value, str) else ("" if value is None else str(value))
    if newlines:
        return _CONTROL.sub(lambda m: m.group() if m.group() in "\n\t" else _escape(m), text)
    return _CONTROL.sub(_escape, text)


def shorten(value: object, limit: int = ECHO_LIMIT) -> str:
    """``value`` on one line, control characters shown as escapes, and cut to ``limit``
    characters with "…" when longer: what a message may echo of what the user gave."""
    text = visible(value, newlines=False)
    return text if len(text) <= limit else text[: max(limit - 1, 1)] + "…"


# A value quoted in a message: '…', "…", «…» or “…”. A straight quote only counts as
# one when it stands outside a word, so the apostrophe of "project's" opens nothing.
_QUOTED = re.compile(
    r"(?<!\w)'(?P<s>[^'\n]*)'(?!\w)"
    r'|(?<!\w)"(?P<d>[^"\n]*)"(?!\w)'
    r"|«(?P<g>[^»\n]*)»"
    r"|“(?P<c>[^”\n]*)”"
)
_CLOSE = {"s": "'", "d": '"', "g": "»", "c": "”"}


# A backslash that is not one of the escapes :func:`visible` writes (a Windows path's).
_PATH_BACKSLASH = re.compile(r"\\(?![xuU][0-9a-fA-F]{2})")


def _is_path(text: str) -> bool:
    return "/" in text or _PATH_BACKSLASH.search(text) is not None


def _cut_quoted(match: re.Match) -> str:
    kind = match.lastgroup
    inner = match.group(kind)
    limit = PATH_LIMIT if _is_path(inner) else ECHO_LIMIT
    if len(inner) <= limit:
        return match.group()
    return match.group()[0] + inner[: limit - 1] + "…" + _CLOSE[kind]


# A run of text without spaces longer than a value may be (an id, a path, a pasted blob).
_LONG_WORD = re.compile(r"\S{%d,}" % (ECHO_LIMIT + 1))


def _cut_word(match: re.Match) -> str:
    word = match.group()  # its middle goes: a path keeps its file name
    limit = PATH_LIMIT if _is_path(word) else ECHO_LIMIT
    if len(word) <= limit or ("…" in word and len(word) <= limit + 10):
        return word  # short enough, or a quoted value cut already
    head = (limit - 1) // 2
    return word[:head] + "…" + word[-(limit - 1 - head):]


def safe_message(message: object) -> str:
    """A refusal as it may be printed: control characters shown as escapes (its own line
    breaks kept), every quoted value longer than :data:`ECHO_LIMIT` cut with "…", every longer
    run without spaces cut in its middle, and every line longer than :data:`LINE_LIMIT` cut."""
    text = visible(message, newlines=True)
    text = _QUOTED.sub(_cut_quoted, text)
    text = _LONG_WORD.sub(_cut_word, text)
    return "\n".join(line if len(line) <= LINE_LIMIT else line[: LINE_LIMIT - 1] + "…"
                     for line in text.split("\n"))
