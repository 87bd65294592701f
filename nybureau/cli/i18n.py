"""The command line's own texts in the user's language: ``--help`` (command, option and
example texts) and click's words ("Usage:", "Options:", "Error: …").

The decorators keep English, the source language of the message catalogue
(``nybureau/locale``, made by ``python -m nybureau.cli._catalogue --update``). The compiled
catalogue is read with the standard library's :mod:`gettext` when first needed; Babel is used
only to make it. The language is decided before click parses anything (:func:`language_of`,
the same way as the entry point), so that click's own errors and ``--help`` of the root group
are in it too; the texts of a command are put in place when the root group hands it out
(:func:`translate`), from the English originals kept on each object.
"""

from __future__ import annotations

import gettext as _gettext_module
import inspect
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "nybureau"
#: the help of click's --help option (click makes that option itself)
HELP_OPTION_HELP = "Show this message and exit."

_current = "da"
_click_patched = False


def current() -> str:
    """The language of the command line now: ``da`` or ``en``."""
    return _current


def catalogue(lang: str) -> _gettext_module.NullTranslations:
    """The compiled catalogue, read once per process for help texts and messages alike."""
    from nybureau.i18n import catalogue as shared

    return shared(lang)


def gettext(message: str) -> str:
    return catalogue(_current).gettext(message) if message else message


def ngettext(singular: str, plural: str, n: int) -> str:
    return catalogue(_current).ngettext(singular, plural, n)


def language_of(args) -> str:  # noqa: ANN001
    """The language a command line asks for: ``--lang X`` among ``args``, else NYBUREAU_LANG,
    else Danish (what :class:`nybureau.cli.app.App` will decide)."""
    from nybureau.cli._entry import _lang

    args = list(args or ())
    for i, arg in enumerate(args):  # --lang DA, --lang=English …: as cli.choices reads them
        value = args[i + 1] if arg == "--lang" and i + 1 < len(args) else (
            arg[7:] if arg.startswith("--lang=") else None)
        if value is not None:
            from nybureau.cli.choices import TABLES, fold

            for code in ("da", "en"):
                if fold(value) in (code, *[fold(a) for a, c in TABLES["language"][2].items()
                                           if c == code]):
                    return code
    return _lang(args)


def activate(lang: str) -> None:
    """Speak ``lang`` from now on (click's own words included)."""
    global _current
    _current = lang if lang in ("da", "en") else "da"
    _patch_click()


def _patch_click() -> None:
    """click looks its words up with ``gettext.gettext`` (the process-wide domain, languages
    from the locale environment); point those look-ups at this catalogue instead."""
    global _click_patched
    if _click_patched:
        return
    import click

    for name in ("core", "decorators", "exceptions", "formatting", "parser", "types",
                 "termui", "utils"):
        module = getattr(click, name, None)
        if module is None:
            continue
        if getattr(module, "_", None) is _gettext_module.gettext:
            module._ = gettext
        if getattr(module, "ngettext", None) is _gettext_module.ngettext:
            module.ngettext = ngettext
    _click_patched = True


def texts(command) -> list[str]:  # noqa: ANN001
    """The English texts of one command (not its subcommands), as click shows them."""
    found = []
    en = _english(command)
    for key in ("help", "short_help", "epilog"):
        if en[key]:
            found.append(en[key])
    for param in command.params:
        text = _english(param)["help"]
        if text:
            found.append(text)
    return found


def _english(obj) -> dict[str, str | None]:  # noqa: ANN001
    saved = obj.__dict__.get("_nb_english")
    if saved is None:
        saved = {key: _clean(getattr(obj, key, None)) for key in ("help", "short_help", "epilog")}
        obj.__dict__["_nb_english"] = saved
    return saved


def _clean(text):  # noqa: ANN001
    return inspect.cleandoc(text) if isinstance(text, str) and text else text


def translate(command, recursive: bool = True):  # noqa: ANN001
    """Put ``command``'s texts (and its loaded subcommands') in the current language."""
    for key, text in _english(command).items():
        setattr(command, key, gettext(text) if text else text)
    for param in command.params:
        text = _english(param)["help"]
        if text:
            param.help = gettext(text)
    if command._help_option is not None:
        command._help_option.help = gettext(HELP_OPTION_HELP)
    if recursive:
        for sub in getattr(command, "commands", {}).values():
            translate(sub)
    return command


def restore(command) -> None:  # noqa: ANN001
    """Put the English texts back (after a run, so that code reading ``.help`` in the same
    process, such as tests, sees the source texts)."""
    for key, text in _english(command).items():
        setattr(command, key, text)
    for param in command.params:
        if "_nb_english" in param.__dict__:
            param.help = _english(param)["help"]
    if command._help_option is not None:
        command._help_option.help = HELP_OPTION_HELP
    for sub in getattr(command, "commands", {}).values():
        restore(sub)
