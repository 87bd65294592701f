"""The ``template`` command of ``item``, ``survey`` and ``workshop``: a starter spreadsheet."""

from __future__ import annotations

from pathlib import Path

import click

from nybureau.cli.choices import Vocab
from nybureau.cli.app import App, echo, pass_app
from nybureau.i18n import Msg


def template_command(group: click.Group, kind: str, what_en: str, import_cmd: str) -> None:
    """Add ``template`` to ``group``."""

    head, sub = import_cmd.split()[:2]

    @group.command("template", help=(
        f"Write a starter spreadsheet for {what_en}: the columns `{head} {sub}` reads (Danish "
        "headers; English with --lang en) and one example row, which the import accepts as it "
        f"is.\n\nExample: nybureau {head} template --out {kind}.xlsx"))
    @click.option("--out", "out", type=click.Path(dir_okay=False), metavar="FILE",
                  help="Where to write it (default: a file in the current folder; an existing "
                       "file is not overwritten).")
    @click.option("--format", "fmt", type=Vocab("sheet_format"),
                  help="xlsx (an Excel workbook; the default) or csv (semicolon separated, "
                       "UTF-8); by default taken from the name given with --out.")
    @pass_app
    def template(app: App, out: str | None, fmt: str | None) -> None:
        from nybureau.errors import InvalidInput
        from nybureau.fsio import write_file
        from nybureau.services.substance import render_template, template_file_name
        from nybureau.services.common import shown_path

        if fmt is None:
            fmt = "csv" if out and out.lower().endswith(".csv") else "xlsx"
        fmt = fmt.lower()
        target = Path(out) if out else Path(template_file_name(kind, fmt, app.lang))
        if target.exists():
            raise InvalidInput(
                Msg("The file {shown_path} already exists; nothing was written. Give "
                    "another name with --out, or move the file away first.",
                    shown_path=shown_path(target)))
        from datetime import datetime
        from zoneinfo import ZoneInfo

        today = datetime.now(ZoneInfo("Europe/Copenhagen")).date()
        write_file(target, render_template(kind, fmt, app.lang, today))
        echo(app.t(Msg("Wrote {target}: the headers and one example row. Fill it in and import "
                       "it with `nybureau {import_cmd}`.", target=target, import_cmd=import_cmd)))

