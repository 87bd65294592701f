"""The command line's message catalogue: English source texts, Danish translations.

    python -m nybureau.cli._catalogue --update   # after changing or adding a help text
    python -m nybureau.cli._catalogue --check    # what tests/unit/test_catalogue.py asks

The texts are found as ``pybabel extract`` would find them, but from the objects click builds
rather than from ``_()`` calls: every command's help, short help and example (epilog) and every
option's help, walking the whole command tree; click's own words, extracted from click's
source with Babel's extractor; and every message (``Msg("…")``, see :mod:`nybureau.i18n`)
written in the package. ``--update`` writes ``nybureau/locale/nybureau.pot``, merges it
into ``nybureau/locale/da/LC_MESSAGES/nybureau.po`` (new texts come in untranslated, texts that
are gone are dropped) and compiles ``nybureau.mo``, which the program reads at run time with
the standard library's gettext (Babel is needed only here).

To add a translation: fill in the empty ``msgstr ""`` in the .po file, then run ``--update``.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from datetime import datetime, timezone
from pathlib import Path

LOCALE = Path(__file__).resolve().parent.parent / "locale"
POT = LOCALE / "nybureau.pot"
PO = LOCALE / "da" / "LC_MESSAGES" / "nybureau.po"
MO = PO.with_suffix(".mo")
UPDATE = "python -m nybureau.cli._catalogue --update"
#: a fixed date in the headers, so that the files change only when their texts do
STAMP = datetime(2026, 1, 1, tzinfo=timezone.utc)
#: click's modules whose words the user meets (help, usage errors)
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types")
#: click's words looked up with a computed message id (``_(extra["required"])``)
CLICK_EXTRA = ("required",)


def command_texts() -> dict[str, list[str]]:
    """English text → the commands (``nybureau decision record``) that show it."""
    import click

    from nybureau.cli import i18n
    from nybureau.cli.main import cli

    cli.load_all()
    found: dict[str, list[str]] = {}

    def walk(command, path: str) -> None:  # noqa: ANN001
        for text in i18n.texts(command):
            found.setdefault(text, []).append(path)
        if isinstance(command, click.Group):
            for name in sorted(command.commands):
                walk(command.commands[name], f"{path} {name}")

    walk(cli, "nybureau")
    found.setdefault(i18n.HELP_OPTION_HELP, []).append("nybureau (every --help)")
    return found


def click_texts() -> dict[object, list[str]]:
    """click's own message ids (a plural as (singular, plural)) → where in click."""
    import click
    from babel.messages.extract import extract_from_file

    folder = Path(click.__file__).parent
    found: dict[object, list[str]] = {}
    for name in CLICK_MODULES:
        for lineno, message, _comments, _context in extract_from_file(
                "python", str(folder / f"{name}.py")):
            found.setdefault(message, []).append(f"click/{name}.py")
    for message in CLICK_EXTRA:
        found.setdefault(message, []).append("click/core.py")
    return found


def message_texts() -> dict[tuple[str, str | None], list[str]]:
    """The messages of :class:`nybureau.i18n.Msg` written in the package: (English text,
    context) → the files that use it."""
    from nybureau import i18n

    found: dict[tuple[str, str | None], list[str]] = {}
    for msgid, context, file, _line in i18n.extract(LOCALE.parent):
        if msgid:
            where = found.setdefault((msgid, context), [])
            if file not in where:
                where.append(file)
    return found


def template():
    from babel.messages.catalog import Catalog

    from nybureau.cli import i18n

    pot = Catalog(project="nybureau", domain=i18n.DOMAIN, creation_date=STAMP,
                  revision_date=STAMP, fuzzy=False, charset="utf-8")
    for text, where in command_texts().items():
        pot.add(text, auto_comments=where[:3])
    for message, where in click_texts().items():
        if message not in pot:
            pot.add(message, auto_comments=[where[0]])
    for (message, context), where in message_texts().items():
        if pot.get(message, context) is None:
            pot.add(message, auto_comments=where[:3], context=context)
    return pot


def _write_po(catalog) -> bytes:  # noqa: ANN001
    from babel.messages.pofile import write_po

    out = io.BytesIO()
    write_po(out, catalog, width=96, omit_header=False, sort_output=True, no_location=True,
             include_previous=False)
    return out.getvalue()


def _write_mo(catalog) -> bytes:  # noqa: ANN001
    from babel.messages.mofile import write_mo

    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def build() -> tuple[bytes, bytes, bytes, list[tuple[str, list[str]]]]:
    """(pot, po, mo, untranslated): the files as they should be, and the texts (with the
    commands showing them) that have no Danish translation yet."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    pot = template()
    if PO.exists():
        with PO.open("rb") as f:
            po = read_po(f, locale="da", domain=pot.domain)
    else:
        po = Catalog(locale="da", domain=pot.domain)
    po.update(pot, no_fuzzy_matching=True, update_header_comment=False)
    po.obsolete.clear()
    po.project, po.creation_date, po.revision_date = "nybureau", STAMP, STAMP
    po.language_team = po.last_translator = "nybureau <nybureau@localhost>"
    po.fuzzy = False
    for message in po:
        if message.id:
            message.flags.discard("fuzzy")
    where = {(m.id, m.context): list(m.auto_comments) for m in pot if m.id}
    missing = []
    for message in po:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        if not all(strings):
            missing.append((message.id, where.get((message.id, message.context), [])))
    return _write_po(pot), _write_po(po), _write_mo(po), missing


def check() -> list[str]:
    """The problems ``--check`` reports (empty: the catalogue is complete and current)."""
    pot, po, mo, missing = build()
    problems = []
    for message, where in missing:
        text = message if isinstance(message, str) else message[0]
        shown = text if len(text) <= 70 else text[:69] + "…"
        problems.append(f"no Danish translation of {shown!r} ({', '.join(where)})")
    for path, data in ((POT, pot), (PO, po), (MO, mo)):
        if not path.exists() or path.read_bytes() != data:
            problems.append(f"{path.relative_to(LOCALE.parent.parent)} is stale")
    return problems


def _replace(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nybureau.cli._catalogue")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--update", action="store_true", help="write the .pot, .po and .mo")
    group.add_argument("--check", action="store_true", help="report missing or stale texts")
    args = parser.parse_args(argv)
    if args.update:
        pot, po, mo, missing = build()
        for path, data in ((POT, pot), (PO, po), (MO, mo)):
            if not path.exists() or path.read_bytes() != data:
                _replace(path, data)
                print(f"wrote {path}")
        if missing:
            print(f"{len(missing)} text(s) have no Danish translation yet: fill in their "
                  f"msgstr in {PO}, then run `{UPDATE}` again.")
            return 1
        return 0
    problems = check()
    for problem in problems:
        print(problem)
    if problems:
        print(f"Translate the texts in {PO} and run `{UPDATE}`.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
