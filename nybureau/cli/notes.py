"""``nybureau note add|list``: the documentation agents' field notes (feltnoter) — what was
heard in an interview, seen on a field trip or read in a document, anonymous, linked to the
governance items it is evidence of. ``note void`` is in :mod:`nybureau.cli.void_notes`."""

from __future__ import annotations

import click

from nybureau.cli.app import App, NybureauGroup, echo, emit_json, esc, fmt_date, pass_app
from nybureau.cli.choices import Vocab
from nybureau.i18n import Msg


@click.group(cls=NybureauGroup)
def note() -> None:
    """Field notes from interviews, observations and documents, as evidence of governance
    items."""


@note.command("add", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau note add odder --source interview --role frontline \\\n"
    "      --text \"Visitationen tager to uger\" --item 3 --on 2017-09-20 \\\n"
    "      --by \"Jonas Holm\""))
@click.argument("project_slug", metavar="PROJECT")
@click.option("--text", required=True,
              help="What was heard, seen or read — anonymous: the role, never a name.")
@click.option("--source", required=True, type=Vocab("note_source"),
              help="interview, observation or document (dokument).")
@click.option("--role", required=True, type=Vocab("heard_role"),
              help="Who was heard: frontline, leader, administration, med, union_rep or "
                   "citizen (borger).")
@click.option("--item", "items", multiple=True, metavar="ITEM",
              help="A governance item the note is evidence of (its id or exact title); "
                   "repeat for several.")
@click.option("--on", "on", metavar="DATE", help="The day, YYYY-MM-DD (default: today).")
@click.option("--by", "by", required=True, metavar="AGENT",
              help="The documentation agent who recorded it (full name).")
@pass_app
def note_add(app: App, project_slug: str, text: str, source: str, role: str, items, on, by
             ) -> None:
    """Record a field note, optionally as evidence of governance items."""
    from nybureau.services.substance import add_field_note

    with app.write() as tx:
        n = add_field_note(tx, project_slug, text=text, source=source, role=role, by=by,
                           items=list(items), on=on)
    from nybureau.domain.vocabulary import counted

    k = len(n["items"])
    echo(app.t(Msg("Recorded field note #{id}, evidence of {items}.", id=n["id"],
                   items=counted(k, "governance_item", "en"),
                   items_da=counted(k, "governance_item", "da"))))


@note.command("list", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau note list odder --item 3"))
@click.argument("project_slug", metavar="PROJECT")
@click.option("--item", metavar="ITEM", help="Only the notes that are evidence of this item.")
@click.option("--all", "include_voided", is_flag=True,
              help="Also show voided notes, marked as voided.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--wide", is_flag=True, help="All columns (for a wide terminal).")
@pass_app
def note_list(app: App, project_slug: str, item, include_voided: bool, as_json: bool,
              wide: bool) -> None:
    """List the field notes with the ids `note void` takes."""
    from nybureau.domain.substance import HEARD_ROLES, NOTE_SOURCES
    from nybureau.domain.vocabulary import label
    from nybureau.services.substance import list_field_notes

    with app.read() as tx:
        rows = list_field_notes(tx, project_slug, item=item, include_voided=include_voided)
    if as_json:
        emit_json(rows)
        return
    from nybureau.cli.tables import col, make_table

    table = make_table([col("id", "id"), col(app.t(Msg("date")), "date"),
                        col(app.t(Msg("source")), "label"),
                        col(app.t(Msg("heard")), "label"),
                        col(app.t(Msg("note")), "text"),
                        col(app.t(Msg("items")), "text", wide=True),
                        col(app.t(Msg("agent")), "text", wide=True)],
                       title=esc(app.t(Msg("Field notes of {project_slug}",
                                           project_slug=project_slug))), wide=wide)
    for n in rows:
        text = n["text"] + (f" ({app.t(Msg('voided'))})" if n.get("voided_at") else "")
        table.add_row(str(n["id"]), fmt_date(n["date"]), label(NOTE_SOURCES, n["source"],
                                                               app.lang),
                      label(HEARD_ROLES, n["role"], app.lang), esc(text),
                      esc(", ".join(f"#{i}" for i in n["items"])), esc(n["agent"] or ""))
    app.print(table)
    if not rows:
        echo(app.t(Msg("None yet. Record one with `nybureau note add {project_slug} --text … "
                       "--source interview --role frontline --by AGENT`.",
                       project_slug=project_slug)))


COMMANDS = [note]
