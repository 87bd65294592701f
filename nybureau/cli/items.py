"""``nybureau item add|list|show|edit|import``: the governance register (styringselementer)."""

from __future__ import annotations

import click

from nybureau.cli.app import App, NybureauGroup, echo, emit_json, esc, fmt_date, pass_app
from nybureau.cli.choices import Vocab

_FIELD_HELP = {
    "kind": "goal (mål), rule (regel/proceskrav), documentation (dokumentation), other.",
    "source": "interview, observation, document (dokument), workshop.",
    "experience": "too_tight (for stram), too_loose (for slap), fitting (passende).",
    "character": "supportive (understøttende), controlling (kontrollerende), meaningful "
                 "(meningsgivende), waste_of_time (tidsspilde).",
}


@click.group(cls=NybureauGroup)
def item() -> None:
    """Governance items found in the mapping: goals, rules and documentation requirements."""


def _item_options(f, edit: bool = False):
    for opt in reversed([
        click.option("--kind", required=not edit, help=_FIELD_HELP["kind"]),
        click.option("--title", required=not edit, help="A short title of the item."),
        click.option("--description", help="What the item requires."),
        click.option("--applies-to", "applies_to",
                     help="Where it applies: the unit or level of the governance chain."),
        click.option("--source", help=_FIELD_HELP["source"]),
        click.option("--experience", help=_FIELD_HELP["experience"]),
        click.option("--character", help=_FIELD_HELP["character"]),
        click.option("--evidence", help="Evidence notes: what was seen or said, where, when."),
        click.option("--agent", help="The documentation agent who recorded it (full name)."),
        click.option("--date", "on", help="Recorded on YYYY-MM-DD (default: today)."),
        click.option("--experienced-by", "experienced_by", type=Vocab("heard_role"),
                     help="Who experiences it as too tight or too loose: frontline, leader, "
                          "administration, med, union_rep or citizen (borger)."),
        click.option("--note", help="Why labels that seem to contradict each other hold "
                                    "(e.g. too loose and controlling)."),
    ]):
        f = opt(f)
    return f


def _edit_options(f):
    return _item_options(f, edit=True)


def _labels(app: App, it: dict) -> dict:
    from nybureau.domain.substance import (
        CHARACTERS,
        EXPERIENCES,
        HEARD_ROLES,
        ITEM_KINDS,
        SOURCES,
    )
    from nybureau.domain.vocabulary import label

    return {"kind": label(ITEM_KINDS, it["kind"], app.lang),
            "source": label(SOURCES, it["source"], app.lang) if it["source"] else "",
            "experience": label(EXPERIENCES, it["experience"], app.lang) if it["experience"]
            else "",
            "character": label(CHARACTERS, it["character"], app.lang) if it["character"]
            else "",
            "experienced_by": label(HEARD_ROLES, it["experienced_by"], app.lang)
            if it.get("experienced_by") else ""}


@item.command("add", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau item add randers --kind rule --title \"Daily visit notes\" \\\n"
    "      --experience too_tight"))
@click.argument("project_slug", metavar="PROJECT")
@_item_options
@pass_app
def item_add(app: App, project_slug: str, **values) -> None:
    """Add a governance item to the register."""
    from nybureau.services.substance import add_item

    with app.write() as tx:
        it = add_item(tx, project_slug, **values)
    echo(app.t(Msg("Recorded governance item #{id} “{title}”.", id=it['id'], title=it['title'])))


@item.command("edit", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau item edit randers 4 --experience fitting"))
@click.argument("project_slug", metavar="PROJECT")
@click.argument("ref", metavar="ITEM")
@_edit_options
@pass_app
def item_edit(app: App, project_slug: str, ref: str, **values) -> None:
    """Change fields of an item (ITEM: its id or exact title)."""
    from nybureau.services.substance import edit_item

    values["date"] = values.pop("on", None)  # --date is "on" in the command, "date" below
    with app.write() as tx:
        it = edit_item(tx, project_slug, ref, **values)
    echo(app.t(Msg("Updated governance item #{id}.", id=it['id'])))


@item.command("list", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau item list randers"))
@click.argument("project_slug", metavar="PROJECT")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--wide", is_flag=True, help="All columns (for a wide terminal).")
@pass_app
def item_list(app: App, project_slug: str, as_json: bool, wide: bool) -> None:
    """List the register; each item has the id the other commands take."""
    from nybureau.services.substance import list_items

    with app.read() as tx:
        rows = list_items(tx, project_slug)
    if as_json:
        emit_json(rows)
        return
    from nybureau.cli.tables import col, make_table

    table = make_table([col("id", "id"), col(app.t(Msg("kind")), "label"),
                        col(app.t(Msg("title")), "title"),
                        col(app.t(Msg("experienced")), "label"),
                        col(app.t(Msg("experienced by")), "label"),
                        col(app.t(Msg("character")), "label", wide=True),
                        col(app.t(Msg("source")), "label", wide=True),
                        col(app.t(Msg("agent")), "text", wide=True),
                        col(app.t(Msg("date")), "date")],
                       title=esc(app.t(Msg("Governance items of {project_slug}",
                                           project_slug=project_slug))), wide=wide)
    for it in rows:
        lab = _labels(app, it)
        table.add_row(str(it["id"]), lab["kind"], esc(it["title"]), lab["experience"],
                      lab["experienced_by"], lab["character"], lab["source"], esc(it["agent"]), fmt_date(it["date"]))
    app.print(table)
    if not rows:
        echo(app.t(Msg("None yet. Add with `nybureau item add {project_slug}` or "
                       "`nybureau item import {project_slug} FILE.csv`.",
                       project_slug=project_slug)))


@item.command("show", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau item show randers 4"))
@click.argument("project_slug", metavar="PROJECT")
@click.argument("ref", metavar="ITEM")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def item_show(app: App, project_slug: str, ref: str, as_json: bool) -> None:
    """Show one item (ITEM: its id or exact title)."""
    from nybureau.services.substance import show_item

    with app.read() as tx:
        it = show_item(tx, project_slug, ref)
    if as_json:
        emit_json(it)
        return
    from rich.panel import Panel

    lab = _labels(app, it)
    lines = [f"[bold]{esc(it['title'])}[/bold]", app.t(Msg("Kind: ")) + lab["kind"]]
    for key, what in (("description", Msg("Description")), ("applies_to", Msg("Applies to"))):
        if it[key]:
            lines.append(f"{app.t(what)}: {esc(it[key])}")
    for key, what in (("experience", Msg("Experienced as")),
                      ("experienced_by", Msg("Experienced so by")),
                      ("character", Msg("Character")), ("source", Msg("Source"))):
        if lab[key]:
            lines.append(f"{app.t(what)}: {lab[key]}")
    if it["evidence"]:
        lines.append(app.t(Msg("Evidence: ")) + esc(it["evidence"]))
    if it.get("label_note"):
        lines.append(app.t(Msg("Note on the labels: ")) + esc(it["label_note"]))
    lines.append(app.t(Msg("Recorded: ")) + fmt_date(it["date"])
                 + (f" — {esc(it['agent'])}" if it["agent"] else ""))
    from nybureau.cli.tables import print_show

    print_show(app, Panel("\n".join(lines), title=f"#{it['id']}"))


@item.command("import", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau item import randers styringselementer.csv"))
@click.argument("project_slug", metavar="PROJECT")
@click.argument("file", type=click.Path(dir_okay=False))
@pass_app
def item_import(app: App, project_slug: str, file: str) -> None:
    """Import items from an Excel workbook (.xlsx) or a CSV file (UTF-8 or Windows-1252;
    comma or semicolon separated, as Excel saves it). `item template` writes a starter file.

    Columns: kind,title,description,applies_to,source,experience,character,evidence,agent,date
    (only kind and title are required; Danish values such as "for stram" are accepted). A bad
    row is reported with its row number and column, and nothing of the file is imported.
    """
    from nybureau.services.substance import import_items

    from nybureau.cli.tables import progress

    with progress(None, app.t(Msg("Importing"))), app.write() as tx:
        r = import_items(tx, project_slug, file)
    echo(app.t(Msg("Imported {imported} governance items from {file}.", imported=r['imported'],
                   file=r['file'])))


from nybureau.cli._templates import template_command  # noqa: E402
from nybureau.i18n import Msg

template_command(item, "item", "governance items", "item import PROJECT FILE")


COMMANDS = [item]
