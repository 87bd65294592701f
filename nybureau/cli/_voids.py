"""What the correction commands share (issue 11 §3): the --reason option, the tables that list
records with their ids, voided ones marked, and :func:`void_command`, which makes the command
that voids one kind of record (one per declaration in ``nybureau.services.process.VOIDABLES``).
Not a command module: each group's void commands live in a module of their own (void_records,
void_workshop, void_evaluation, void_prototypes) or, for meetings, in
:mod:`nybureau.cli.meeting_items`."""

from __future__ import annotations

from typing import Any, Callable

import click

from nybureau.cli.app import App, echo, esc, fmt_date, pass_app
from nybureau.i18n import Msg

#: kind of record (a key of nybureau.services.process.VOIDABLES) → the command that voids it
VOID_COMMANDS: dict[str, tuple[str, ...]] = {
    "activity": ("activity", "void"),
    "decision": ("decision", "void"),
    "vote": ("workshop", "void"),
    "criterion": ("prototype", "void-criterion"),
    "survey_round": ("survey", "void"),
    "attachment": ("meeting", "item", "void-attachment"),  # in nybureau.cli.meeting_items
    "evaluation_note": ("evaluation", "void-note"),
    "spreading": ("spreading", "void"),
    "risk": ("risk", "void"),  # in nybureau.cli.risks
    "stakeholder": ("stakeholder", "void"),  # in nybureau.cli.communication
    "field_note": ("note", "void"),  # in nybureau.cli.void_notes
    "exemption": ("exemption", "void"),
    # in nybureau.cli.evaluation_design
    "implementation_rating": ("evaluation", "void-rating"),
    "implementation_interview": ("evaluation", "void-interview"),
}

REASON_HELP = "Why the record is voided (kept in the history)."
ALL_HELP = "Also show voided records, marked as voided."
JSON_HELP = "Print JSON."


def reason_option(f):
    return click.option("--reason", required=True, metavar="TEXT", help=REASON_HELP)(f)


def voided(app: App) -> str:
    return app.t(Msg("voided"))


#: column headers whose cells are never cut (ids, dates, counts); every other cell is cut
#: with "…" so that the table fits the console (see nybureau.cli.tables)
_WHOLE = {"id": "id", "dato": "date", "date": "date", "point": "number", "points": "number",
          "deltagere": "number", "attendees": "number"}


def table(app: App, title: str, columns: list[str], rows: list[list[str]]) -> None:
    from nybureau.cli.tables import col, make_table

    table = make_table([col(c, _WHOLE.get(c, "text")) for c in columns], title=esc(title))
    for row in rows:
        table.add_row(*[esc(c) for c in row])
    app.print(table)


def state(app: App, row: dict) -> str:
    if not row["voided"]:
        return ""
    return f"{voided(app)} {fmt_date(row['voided_at'].date())}: {row['void_reason']}"


#: stored column → the key the --json contract uses for it (see nybureau.cli.app)
_JSON_KEYS = {"held_on": "date", "decided_on": "date", "voted_on": "date", "item_id": "item",
              "prototype_id": "prototype"}


def json_row(row: dict, keys: list[str]) -> dict:
    return {**{_JSON_KEYS.get(k, k): row.get(k) for k in keys},
            "voided_at": row.get("voided_at"), "void_reason": row.get("void_reason")}


def done(app: App, msg: Msg) -> None:
    echo(app.t(msg))


def void_command(group: click.Group, kind: str, module: str, *, ref: tuple[str, str],
                 help: str, done: Msg) -> click.Command:
    """Add to ``group`` the command that voids a record of ``kind``: ``PROJECT REF --reason``.
    ``ref``: the argument's (name, metavar); ``help``: the command's help; ``done``: what it
    says afterwards, a message whose values are those of the result of ``void_record``;
    ``module``: the command module that adds it (``__name__``: the root command table lists
    it)."""
    path = VOID_COMMANDS[kind]
    assert path[:-1] == (group.name,), f"{kind} is voided by `{' '.join(path)}`"
    name, metavar = ref

    def command(app: App, project_slug: str, reason: str, **given: Any) -> None:
        from nybureau.services import process

        with app.write() as tx:
            r = process.void_record(tx, kind, project_slug, given[name], reason=reason)
        echo(app.t(Msg(done.msgid, context=done.context, **r)))

    command.__doc__ = help
    command.__module__ = module
    command.__name__ = command.__qualname__ = f"{group.name}_{path[-1]}".replace("-", "_")
    made: Callable[..., Any] = reason_option(pass_app(command))
    made = click.argument(name, metavar=metavar)(made)
    made = click.argument("project_slug", metavar="PROJECT")(made)
    return group.command(path[-1])(made)
