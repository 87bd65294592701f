"""``nybureau workshop import|vote|tally`` and ``nybureau focus add|list``: the prioritisation
workshop and the steering group's focus areas (phase 4)."""

from __future__ import annotations

import click

from nybureau.cli.app import INT64, App, NybureauGroup, echo, emit_json, esc, fmt_date, pass_app
from nybureau.services.people import NEW_PERSON_HELP
from nybureau.domain.vocabulary import counted


@click.group(cls=NybureauGroup)
def workshop() -> None:
    """The prioritisation workshop: votes to remove, change or anchor governance items."""


def _warn(app: App, warnings) -> None:
    from nybureau.cli.tables import wrap

    for w in warnings:
        echo(wrap(app.t(Msg("Warning: ")) + w[app.lang]), err=True)


@workshop.command("import", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau workshop import randers stemmer.csv --date 2026-05-06"))
@click.argument("project_slug", metavar="PROJECT")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--date", "on", help="Date of the workshop, YYYY-MM-DD, for rows without a date "
                                   "(default: today).")
@click.option("--new-person", is_flag=True, help=NEW_PERSON_HELP)
@pass_app
def workshop_import(app: App, project_slug: str, file: str, on, new_person) -> None:
    """Import votes from .xlsx or CSV: participant,chain_role,item,verdict,points,date.

    chain_role: frontline, leader, administration, med, union_rep (Danish words accepted);
    item: the item's id or exact title; verdict: remove/fjerne, change/forandre,
    anchor/forankre (keep/fastholde and establish/etablere where the workflow allows them);
    points: the workflow's point rule (0–3 unless its option max_points says otherwise), as
    the voting sheet and the workshop guide state it (default 1). A bad row is reported with its row number and column;
    nothing is imported. `workshop template` writes a starter file.
    """
    from nybureau.services.substance import import_votes

    from nybureau.cli.tables import progress

    with progress(None, app.t(Msg("Importing"))), app.write() as tx:
        r = import_votes(tx, project_slug, file, on=on, new_person=new_person)
    echo(app.t(Msg("Imported {counted} from {file}.",
                   counted=counted(r['imported'], 'vote', 'en'), file=r['file'],
                   counted_2=counted(r['imported'], 'vote', 'da'))))
    _warn(app, r["warnings"])


@workshop.command("vote", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau workshop vote randers 4 --participant \"Pia Lund\" \\\n"
    "      --role frontline --verdict remove --points 3"))
@click.argument("project_slug", metavar="PROJECT")
@click.argument("ref", metavar="ITEM")
@click.option("--participant", required=True, help="Who votes (full name).")
@click.option("--role", "chain_role", required=True,
              help="Part of the governance chain: frontline, leader, administration, med, "
                   "union_rep.")
@click.option("--verdict", required=True,
              help="remove, change, anchor (keep and establish where allowed).")
@click.option("--points", type=INT64, default=1, show_default=True, help="Points given.")
@click.option("--date", "on", help="Date YYYY-MM-DD (default: today).")
@click.option("--new-person", is_flag=True, help=NEW_PERSON_HELP)
@pass_app
def workshop_vote(app: App, project_slug, ref, participant, chain_role, verdict, points,
                  on, new_person) -> None:
    """Record one participant's vote on one item (ITEM: id or exact title)."""
    from nybureau.services.substance import record_vote

    with app.write() as tx:
        r = record_vote(tx, project_slug, participant=participant,
                        chain_role=chain_role, item=ref, verdict=verdict,
                        points=points, on=on, new_person=new_person)
    echo(app.t(Msg("Recorded the vote on item #{item}.", item=r['item'])))
    _warn(app, r["warnings"])


@workshop.command("tally", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau workshop tally randers"))
@click.argument("project_slug", metavar="PROJECT")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--wide", is_flag=True, help="All columns (for a wide terminal).")
@pass_app
def workshop_tally(app: App, project_slug: str, as_json: bool, wide: bool = False) -> None:
    """Per item: votes and points per verdict, the leading verdict, and the spread across the
    governance chain."""
    from nybureau.services.substance import tally

    with app.read() as tx:
        t = tally(tx, project_slug)
    if as_json:
        emit_json(t)
        return
    from nybureau.cli.tables import col, make_table
    from nybureau.domain.substance import CHAIN_ROLES, VERDICTS
    from nybureau.domain.vocabulary import label

    lang = app.lang
    table = make_table([col("id", "id"), col(app.t(Msg("governance item")), "title"),
                        *(col(label(VERDICTS, v, lang), "number") for v in t["verdicts"]),
                        col(app.t(Msg("points")), "number"),
                        col(app.t(Msg("leading")), "label"),
                        col(app.t(Msg("governance chain")), "text", wide=True)],
                       title=esc(app.t(
                           Msg("Prioritisation in {project_slug}: "
                               "{counted} from "
                               "{counted_2}", project_slug=project_slug,
                               counted=counted(t['votes'], 'vote', 'en'),
                               counted_2=counted(t['participants'], 'participant', 'en'),
                               counted_3=counted(t['votes'], 'vote', 'da'),
                               counted_4=counted(t['participants'], 'participant', 'da')))), wide=wide)
    for e in t["items"]:
        cells = [f"{e['counts'].get(v, 0)} ({e['verdict_points'].get(v, 0)} p)"
                 if e["counts"].get(v) else "–" for v in t["verdicts"]]
        lead = (app.t(Msg("tie")) if e["leading"] == "tie"
                else label(VERDICTS, e["leading"], lang))
        chain = ", ".join(f"{label(CHAIN_ROLES, r, lang)} {n}" for r, n in e["chain"].items())
        table.add_row(str(e["id"]), esc(e["title"]), *cells, str(e["points"]), lead, chain)
    app.print(table)
    spread = ", ".join(f"{label(CHAIN_ROLES, r, lang)} {n}" for r, n in t["by_role"].items())
    from nybureau.cli.tables import wrap

    echo(wrap(app.t(Msg("Votes across the governance chain: "))
              + spread))
    if t["unvoted"]:
        echo(wrap(app.t(Msg("Without votes: "))
                  + ", ".join(f"#{u['id']} {u['title']}" for u in t["unvoted"])))
    _warn(app, t["warnings"])


@click.group(cls=NybureauGroup)
def focus() -> None:
    """Focus areas (indsatsområder) the steering group decides, under the small-steps principle."""


@focus.command("add", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau focus add randers \"Less double documentation\" --item 4 --item 7"))
@click.argument("project_slug", metavar="PROJECT")
@click.argument("title")
@click.option("--item", "items", multiple=True, metavar="ITEM",
              help="A governance item the focus area covers (id or title); repeat for several.")
@click.option("--description", help="What the focus area is about.")
@click.option("--date", "on", help="Decided on YYYY-MM-DD (default: today).")
@click.option("--reason", help="Why more focus areas than the workflow's maximum are needed "
                               "(the small-steps principle).")
@click.option("--start", "start_year", type=click.IntRange(1900, 2200), metavar="YEAR",
              help="The year the focus area starts (focus areas may run in parallel, each "
                   "from its own start).")
@click.option("--end", "end_year", type=click.IntRange(1900, 2200), metavar="YEAR",
              help="The year the focus area ends.")
@pass_app
def focus_add(app: App, project_slug, title, items, description, on, reason, start_year,
              end_year) -> None:
    """Record a focus area decided by the steering group."""
    from nybureau.services.substance import add_focus_area

    with app.write() as tx:
        r = add_focus_area(tx, project_slug, title, items=list(items),
                           description=description, on=on, reason=reason,
                           start_year=start_year, end_year=end_year)
    echo(app.t(Msg("Focus area {count} of at most {limit}: “{title}” "
                   "({counted}).", count=r['count'], limit=r['limit'], title=title,
                   counted=counted(len(r['items']), 'governance_item', 'en'),
                   counted_2=counted(len(r['items']), 'governance_item', 'da'))))


@focus.command("list")
@click.argument("project_slug", metavar="PROJECT")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--wide", is_flag=True, help="All columns (for a wide terminal).")
@pass_app
def focus_list(app: App, project_slug: str, as_json: bool, wide: bool = False) -> None:
    """List the focus areas."""
    from nybureau.services.substance import list_focus_areas

    with app.read() as tx:
        rows = list_focus_areas(tx, project_slug)
    if as_json:  # "date", as for every other record (see the --json contract in cli/app.py)
        emit_json([{("date" if k == "decided_on" else k): v for k, v in r.items()}
                   for r in rows])
        return
    from nybureau.cli.tables import col, make_table

    table = make_table([col("id", "id"), col(app.t(Msg("title")), "title"),
                        col(app.t(Msg("items", context="workshop.focus_list")), "text"),
                        col(app.t(Msg("decided")), "date"),
                        col(app.t(Msg("years")), "label"),
                        col(app.t(Msg("reason")), "text", wide=True)],
                       title=esc(app.t(Msg("Focus areas of {project_slug}",
                                           project_slug=project_slug))), wide=wide)
    for f in rows:
        table.add_row(str(f["id"]), esc(f["title"]), ", ".join(f"#{i}" for i in f["items"]),
                      fmt_date(f["decided_on"]), years(f["start_year"], f["end_year"]),
                      esc(f["reason"]))
    app.print(table)


def years(start: int | None, end: int | None) -> str:
    """``2016–2019``, ``2017–``, ``–2019`` or ``–``."""
    if start is None and end is None:
        return "–"
    return f"{start or ''}–{end or ''}"


from nybureau.cli._templates import template_command  # noqa: E402
from nybureau.i18n import Msg

template_command(workshop, "workshop", "the workshop's votes", "workshop import PROJECT FILE")


COMMANDS = [workshop, focus]
