"""One way to say a thing in two languages: a ``Msg`` (nybureau/i18n.py), its English text the
catalogue's message id and its Danish text the catalogue's translation.

- every message written in nybureau/ (``Msg("…")``, found by reading the code) has a Danish
  translation in the compiled catalogue, with no placeholder the English text lacks;
- the three old styles are gone: no ``NybureauError(english, danish)`` (no ``message_da``), no
  ``App.t(danish, english)``, no ``t(lang, danish, english)``;
- how a message behaves: English by ``str``, Danish by ``render("da")``, named values, a nested
  message in the same language, frozen.

A failure here after adding a message: write its Danish text as the ``msgstr`` of its English
text in nybureau/locale/da/LC_MESSAGES/nybureau.po and run
``python -m nybureau.cli._catalogue --update``.
"""

from __future__ import annotations

import ast
import gettext
import pickle
import string
from pathlib import Path

import pytest

from nybureau import i18n
from nybureau.errors import InvalidInput, NybureauError, RequirementsNotMet, WorkflowDefinitionError
from nybureau.errors import Problem
from nybureau.i18n import Msg

PACKAGE = Path(__file__).resolve().parents[2] / "nybureau"
MO = PACKAGE / "locale" / "da" / "LC_MESSAGES" / "nybureau.mo"


def _fields(text: str) -> list[str]:
    return [name for _lit, name, _spec, _conv in string.Formatter().parse(text)
            if name is not None]


def _messages() -> list[tuple[str, str | None, str, int]]:
    return list(i18n.extract(PACKAGE))


def test_messages_are_found_in_the_code():
    found = _messages()
    assert len(found) > 300, "the extractor finds the messages written as Msg(\"…\")"


def test_every_message_has_a_danish_translation():
    with MO.open("rb") as f:
        translated = gettext.GNUTranslations(f)._catalog  # msgid (or ctxt\x04msgid) -> msgstr
    missing = []
    for msgid, context, file, line in _messages():
        key = msgid if context is None else f"{context}\x04{msgid}"
        if not translated.get(key):
            missing.append(f"{file}:{line}: {msgid[:70]!r}")
    assert not missing, (
        "messages without a Danish translation (write it in the .po file, then run "
        "`python -m nybureau.cli._catalogue --update`):\n  " + "\n  ".join(missing))


def _calls():
    """Every ``Msg("…", name=…)`` in the package: (file:line, msgid, context, keyword names or
    None when it passes ``**values``)."""
    for rel, tree in _trees():
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Msg"
                    and node.args and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                continue
            names = {k.arg for k in node.keywords}
            context = next((k.value.value for k in node.keywords if k.arg == "context"
                            and isinstance(k.value, ast.Constant)), None)
            yield (f"{rel}:{node.lineno}", node.args[0].value, context,
                   None if None in names else names - {"context"})


def test_placeholders_are_named_and_given():
    """Both texts of a message name only values the code gives it (the Danish text may use a
    value the English one does not: a count in Danish words, a Danish label)."""
    problems = []
    for where, msgid, context, given in _calls():
        if given is None:
            continue
        msg = Msg(msgid, context=context)
        for lang in ("en", "da"):
            text = msg.text(lang)
            try:
                fields = _fields(text) if given else []
            except ValueError as exc:  # an unmatched brace
                problems.append(f"{where}: {lang} {text[:60]!r}: {exc}")
                continue
            if any(not name or name.isdigit() for name in fields):
                problems.append(f"{where}: {lang} {text[:60]!r} has a positional placeholder")
            missing = {f.split(".")[0].split("[")[0] for f in fields if f} - given
            if missing:
                problems.append(f"{where}: the {lang} text of {msgid[:60]!r} uses values the "
                                f"code does not give: {sorted(missing)}")
    assert not problems, "\n".join(problems)


# -- the old styles are gone --------------------------------------------------------------------

def _trees():  # noqa: D103
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path.relative_to(PACKAGE.parent).as_posix(), ast.parse(path.read_text("utf-8"))


def _is_text(node: ast.AST) -> bool:
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str))


def test_the_old_styles_are_gone():
    errors = {"NybureauError"}
    trees = list(_trees())
    bases = {}
    for _rel, tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases[node.name] = {getattr(b, "id", getattr(b, "attr", None))
                                    for b in node.bases}
    while True:
        more = {name for name, bs in bases.items() if bs & errors} - errors
        if not more:
            break
        errors |= more
    found = []
    for rel, tree in trees:
        for node in ast.walk(tree):
            where = f"{rel}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.Attribute) and node.attr == "message_da":
                found.append(f"{where}: message_da")
            if isinstance(node, ast.FunctionDef) and node.name == "t" and \
                    [a.arg for a in node.args.args][-2:] in (["da", "en"], ["en", "da"]):
                found.append(f"{where}: def t(…, da, en)")
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = getattr(func, "id", getattr(func, "attr", None))
            if name == "t" and isinstance(func, ast.Attribute) and len(node.args) == 2:
                found.append(f"{where}: App.t(da, en)")
            if name == "t" and isinstance(func, ast.Name) and len(node.args) == 3:
                found.append(f"{where}: t(lang, da, en)")
            if name in errors and (
                    (len(node.args) == 2 and _is_text(node.args[0]) and _is_text(node.args[1]))
                    or any(k.arg == "da" for k in node.keywords)):
                found.append(f"{where}: {name}(english, danish)")
    assert not found, "the old bilingual styles are still used:\n  " + "\n  ".join(found)


# -- how a message behaves ----------------------------------------------------------------------

def test_a_message_is_english_by_str_and_danish_by_render():
    msg = Msg("Project '{project}' was changed by someone else since you read it; nothing was "
              "saved. Look at `nybureau status` and try again.", project="odder")
    assert str(msg).startswith("Project 'odder' was changed")
    assert msg.render("da").startswith("Projektet 'odder' er ændret af en anden")
    assert msg.render("en") == str(msg)


def test_a_nested_message_is_rendered_in_the_same_language():
    inner = Msg("{n} problems", n=2)
    outer = Msg("The {what} is invalid ({count}); nothing was written:\n{body}",
                what="scenario file", count=inner, body="x.yaml:1: bad")
    assert outer.render("en") == \
        "The scenario file is invalid (2 problems); nothing was written:\nx.yaml:1: bad"
    assert outer.render("da") == "Filen er ugyldig (2 problemer); intet er skrevet:\nx.yaml:1: bad"


def test_a_message_is_a_frozen_value():
    msg = Msg("{n} problem", n=1)
    with pytest.raises(AttributeError):
        msg.msgid = "other"  # type: ignore[misc]
    assert msg == Msg("{n} problem", n=1) and msg != Msg("{n} problem", n=2)
    assert pickle.loads(pickle.dumps(msg)) == msg
    assert repr(msg) == "Msg('{n} problem', n=1)"


def test_an_unknown_message_falls_back_to_english_and_a_plain_text_is_shown_as_is():
    assert Msg("Not in any catalogue {x}.", x=1).render("da") == "Not in any catalogue 1."
    assert Msg("No values: {kept} as written.").render("da") == "No values: {kept} as written."
    err = NybureauError("a plain text")
    assert err.render("da") == err.render("en") == err.message == str(err) == "a plain text"


def test_an_error_carries_its_message():
    err = InvalidInput(Msg("{n} problem", n=1))
    assert err.message == str(err) == "1 problem"
    assert err.render("da") == "1 problem" and err.msg == Msg("{n} problem", n=1)
    bad = WorkflowDefinitionError([Problem("w.yaml", 3, "no phases")])
    assert bad.message == ("The workflow definition is invalid (1 problem); nothing was "
                           "written:\nw.yaml:3: no phases")
    assert bad.render("da") == "Filen er ugyldig (1 problem); intet er skrevet:\nw.yaml:3: no phases"
    refused = RequirementsNotMet("odder", {"da": "Afklaring", "en": "Clarification"},
                                 [{"da": "en beslutning", "en": "a decision"}])
    assert refused.render("da").splitlines()[:2] == [
        "Projektet 'odder' kan ikke gå videre fra fasen »Afklaring«. Det mangler:",
        "  - en beslutning"]
    assert refused.message.splitlines()[1] == "  - a decision"
