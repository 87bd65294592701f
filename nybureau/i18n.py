"""One way to say a thing in two languages: a :class:`Msg`.

A message is written once, in English, with named placeholders::

    raise NotFound(Msg("No project '{project}'.", project=slug))
    app.print(app.t(Msg("{n} projects advanced.", n=len(moved))))

The English text is the message id of the catalogue ``nybureau/locale`` (the same catalogue as
the command line's help texts); the Danish text is its ``msgstr`` in
``nybureau/locale/da/LC_MESSAGES/nybureau.po``. A ``Msg`` is a small frozen value: services and
errors carry it as data, and it is put into words only when it is shown, in the language of the
reader (``msg.render("da")``; ``str(msg)`` is English). A placeholder whose value is itself a
``Msg`` (or a :class:`nybureau.errors.NybureauError`) is rendered in the same language. A text
that comes as data in both languages (a stored refusal, a sentence of the workflow) is passed as
two values, ``Msg("{text}", text=english, text_da=danish)``, its Danish text ``{text_da}``.

Rules: placeholders are named (``{project}``, never ``{}`` or ``{0}``); a message with
placeholders is a :meth:`str.format` text (a literal brace is written ``{{``), a message without
any is shown as written. The same English text means the same thing everywhere; where one
English text needs two Danish ones, ``context="…"`` tells them apart (gettext's msgctxt).

After adding or changing a message: write its Danish text in the .po file and run
``python -m nybureau.cli._catalogue --update`` (tests/unit/test_messages.py tells you which).
The compiled catalogue is read with the standard library's :mod:`gettext`, once, on the first
Danish message.
"""

from __future__ import annotations

import gettext as _gettext
from pathlib import Path
from typing import Any, Iterator

__all__ = ["Msg", "render", "catalogue", "LOCALE_DIR", "DOMAIN"]

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "nybureau"
LANGUAGES = ("da", "en")

_catalogues: dict[str, _gettext.NullTranslations] = {}


def catalogue(lang: str) -> _gettext.NullTranslations:
    """The compiled catalogue of ``lang`` (English: none, the ids are the English texts)."""
    found = _catalogues.get(lang)
    if found is None:
        if lang == "en":
            found = _gettext.NullTranslations()
        else:
            found = _gettext.translation(DOMAIN, str(LOCALE_DIR), languages=[lang],
                                         fallback=True)
        _catalogues[lang] = found
    return found


class Msg:
    """A message: its English text (the catalogue id), its named values, and (rarely) a
    context telling apart two meanings of one English text. Frozen, compared by value."""

    __slots__ = ("msgid", "params", "context")

    msgid: str
    params: dict[str, Any]
    context: str | None

    def __init__(self, msgid: str, /, context: str | None = None, **params: Any) -> None:
        object.__setattr__(self, "msgid", msgid)
        object.__setattr__(self, "params", params)
        object.__setattr__(self, "context", context)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"Msg is frozen (cannot set {name!r})")

    def text(self, lang: str = "en") -> str:
        """The message's text in ``lang`` with its placeholders still in it."""
        if lang == "en" or not self.msgid:
            return self.msgid
        cat = catalogue(lang)
        if self.context is not None:
            return cat.pgettext(self.context, self.msgid)
        return cat.gettext(self.msgid)

    def render(self, lang: str = "en") -> str:
        """The message in ``lang`` (``da`` or ``en``), its values filled in."""
        text = self.text(lang)
        if not self.params:
            return text
        return text.format_map(_Values(self.params, lang))

    def __str__(self) -> str:
        return self.render("en")

    def __repr__(self) -> str:
        extra = "".join(f", {k}={v!r}" for k, v in self.params.items())
        ctx = f", context={self.context!r}" if self.context is not None else ""
        return f"Msg({self.msgid!r}{ctx}{extra})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Msg) and (self.msgid, self.context, self.params) == (
            other.msgid, other.context, other.params)

    def __hash__(self) -> int:
        return hash((self.msgid, self.context))

    def __reduce__(self):  # noqa: ANN204 - picklable (errors cross process boundaries)
        return (_rebuild, (self.msgid, self.context, self.params))


def _rebuild(msgid: str, context: str | None, params: dict[str, Any]) -> Msg:
    return Msg(msgid, context=context, **params)


class _Values(dict):
    """The values of a message, a nested :class:`Msg` rendered in the same language."""

    def __init__(self, params: dict[str, Any], lang: str) -> None:
        super().__init__(params)
        self.lang = lang

    def __missing__(self, key: str) -> str:
        raise KeyError(f"the message has no value for the placeholder {{{key}}}")

    def __getitem__(self, key: str) -> Any:
        value = super().__getitem__(key)
        if isinstance(value, Msg) or (not isinstance(value, str) and callable(
                getattr(value, "render", None)) and hasattr(value, "msg")):
            return value.render(self.lang)  # a nested message, or an error carrying one
        return value


def render(value: Msg | str | None, lang: str = "en") -> str | None:
    """A message (or a plain text, shown as it is in every language) in ``lang``."""
    return value.render(lang) if isinstance(value, Msg) else value


# -- for the catalogue and its tests (not used at run time) ------------------------------------

def extract(package: Path) -> Iterator[tuple[str, str | None, str, int]]:
    """Every message id written in the package: ``(msgid, context, file, line)`` for each
    ``Msg("…")`` whose first argument is a literal text (found by reading the code, as
    ``pybabel extract`` would)."""
    import ast

    root = package.parent
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and _called(node.func) == "Msg" and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                continue
            context = None
            for kw in node.keywords:
                if kw.arg == "context" and isinstance(kw.value, ast.Constant):
                    context = kw.value.value
            yield node.args[0].value, context, path.relative_to(root).as_posix(), node.lineno


def _called(func: Any) -> str | None:
    import ast

    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None
