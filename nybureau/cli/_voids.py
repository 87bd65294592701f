"""What the correction commands share (issue 11 §3): the --reason option, and the tables that
list records with their ids, voided ones marked. Not a command module: each group's void
commands live in a module of their own (void_records, void_workshop, void_evaluation,
void_prototypes) or, for meetings, in :mod:`nybureau.cli.meetings`."""

from __future__ import annotations

import click

from nybureau.cli.app import App, echo, esc, fmt_date

REASON_HELP = "Why the record is voided (kept in the history)."
ALL_HELP = "Also show voided records, marked as voided."
JSON_HELP = "Print JSON."


def reason_option(f):
    return click.option("--reason", required=True, metavar="TEXT", help=REASON_HELP)(f)


def voided(app: App) -> str:
    return app.t("annulleret", "voided")


def table(app: App, title: str, columns: list[str], rows: list[list[str]]) -> None:
    from rich.table import Table

    table = Table(title=esc(title))
    for col in columns:
        table.add_column(col)
    for row in rows:
        table.add_row(*[esc(c) for c in row])
    app.print(table)


def state(app: App, row: dict) -> str:
    if not row["voided"]:
        return ""
    return f"{voided(app)} {fmt_date(row['voided_at'].date())}: {row['void_reason']}"


def json_row(row: dict, keys: list[str]) -> dict:
    return {**{k: row.get(k) for k in keys}, "voided_at": row.get("voided_at"),
            "void_reason": row.get("void_reason")}


def done(app: App, da: str, en: str) -> None:
    echo(app.t(da, en))


