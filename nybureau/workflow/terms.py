"""A definition's own words for the people who do the method's field work.

The Nybureaukratisering model calls them documentation agents (*dokumentationsagenter*); a
free-municipality trial has coordinators, another programme may have its own name. The documents
that speak of them (the workshop guide, the voting sheet, the interview guide …) take the words
from the project's definition (``terms:``), so a trial's documents never speak of the other
method. Each term is a Danish and an English form; a definition gives those it changes."""

from __future__ import annotations

from typing import Any, Callable

#: term → its default forms. ``agent``: one (indefinite singular); ``agents``: several
#: (indefinite plural); ``the_agents``: the project's own (definite plural).
DEFAULT_TERMS: dict[str, dict[str, str]] = {
    "agent": {"da": "dokumentationsagent", "en": "documentation agent"},
    "agents": {"da": "dokumentationsagenter", "en": "documentation agents"},
    "the_agents": {"da": "dokumentationsagenterne", "en": "the documentation agents"},
}


def parse_terms(raw: Any, line_of: Callable[[Any, str], int], add: Callable[[int, str], None],
                label: Callable[[Any, str], dict[str, str]]) -> dict[str, dict[str, str]]:
    """The definition's ``terms`` mapping, checked: known terms only, each a text or a da/en
    mapping (``label`` reads one and reports its problems). Returns only the terms given."""
    out: dict[str, dict[str, str]] = {}
    if raw is None:
        return out
    if not isinstance(raw, dict):
        add(getattr(raw, "line", 1), "workflow: 'terms' must be a mapping of term → da/en text")
        return out
    for name in raw:
        if name not in DEFAULT_TERMS:
            add(line_of(raw, name), f"terms: unknown term '{name}' "
                f"(known: {', '.join(DEFAULT_TERMS)})")
            continue
        value = label(raw, name)
        if value:
            out[name] = value
    return out


def terms_of(given: dict[str, dict[str, str]] | None, lang: str) -> dict[str, str]:
    """Every term in ``lang``: the definition's where it gives one, else the default; and each
    with a capital first letter under its capitalised name (``the_agents`` → ``The_agents``:
    "Koordinatorerne", for the start of a sentence)."""
    given = given or {}
    out = {name: (given.get(name) or default).get(lang) or default[lang]
           for name, default in DEFAULT_TERMS.items()}
    out.update({name[:1].upper() + name[1:]: word[:1].upper() + word[1:]
                for name, word in list(out.items())})
    return out


def fill(text: str, words: dict[str, str]) -> str:
    """``text`` with the places ``{the_agents}``, ``{agents}``, ``{agent}`` put in as ``words``
    has them (``terms_of``), and ``{The_agents}`` … with a capital first letter. Other braces
    are left as they are (a programme's text is data, not a format string)."""
    if "{" not in text:
        return text
    for name, word in words.items():
        text = text.replace("{%s}" % name, word)
    return text
