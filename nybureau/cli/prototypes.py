"""``nybureau prototype …``: prototypes of new governance, their pilot iterations, evaluation
criteria and plan (phase 5)."""

from __future__ import annotations

import click

from nybureau.cli.app import App, NybureauGroup, echo, emit_json, esc, fmt_date, pass_app
from nybureau.i18n import Msg


@click.group(cls=NybureauGroup)
def prototype() -> None:
    """Prototypes of new governance: piloted drop by drop, with criteria and an evaluation plan."""


@prototype.command("add", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau prototype add randers \"One shared visit note\" --focus-area 1 \\\n"
    "      --owner \"Pia Lund\""))
@click.argument("project_slug", metavar="PROJECT")
@click.argument("title")
@click.option("--focus-area", "focus_area", required=True,
              help="The focus area it belongs to (id or title).")
@click.option("--description", help="What the new governance is.")
@click.option("--owner", help="Who owns the prototype.")
@click.option("--status", default="draft", show_default=True,
              help="draft, piloting, adjusted, adopted, dropped.")
@click.option("--plan", help="How and when it will be evaluated.")
@pass_app
def prototype_add(app: App, project_slug, title, focus_area, description, owner, status,
                  plan) -> None:
    """Add a prototype to a focus area."""
    from nybureau.services.substance import add_prototype

    with app.write() as tx:
        p = add_prototype(tx, project_slug, title, focus_area=focus_area,
                          description=description, owner=owner, status=status,
                          plan=plan)
    echo(app.t(Msg("Prototype #{id} “{title}” under “{focus_area}”.", id=p['id'],
                   title=p['title'], focus_area=p['focus_area'])))


@prototype.command("criterion")
@click.argument("project_slug", metavar="PROJECT")
@click.argument("ref", metavar="PROTOTYPE")
@click.argument("text")
@click.option("--bottom-line", "bottom_line",
              help="quality (kvalitet), work_environment (arbejdsmiljø), efficiency "
                   "(effektivitet).")
@click.option("--target", help="The agreed target that counts as met, e.g. \"9 af 10 "
                               "bestillinger\" or \"under 2 uger\".")
@pass_app
def prototype_criterion(app: App, project_slug, ref, text, bottom_line, target) -> None:
    """Add an evaluation criterion."""
    from nybureau.services.substance import add_criterion

    with app.write() as tx:
        p = add_criterion(tx, project_slug, ref, text, bottom_line=bottom_line, target=target)
    echo(app.t(Msg("“{title}” now has {n_criteria} evaluation criteria.", title=p['title'],
                   n_criteria=len(p['criteria']))))


@prototype.command("measure", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau prototype measure randers 3 \"8 af 10 bestillinger\" --not-met \\\n"
    "      --date 2018-04-20"))
@click.argument("project_slug", metavar="PROJECT")
@click.argument("criterion_id", metavar="CRITERION_ID")
@click.argument("value")
@click.option("--met/--not-met", "met", default=None,
              help="Whether the value met the criterion's agreed target (leave out when there "
                   "is no target to judge by).")
@click.option("--date", "on", help="When it was measured, YYYY-MM-DD (default: today).")
@pass_app
def prototype_measure(app: App, project_slug, criterion_id, value, met, on) -> None:
    """Record what an evaluation criterion measured (CRITERION_ID: see `prototype criteria`)."""
    from nybureau.services.substance import measure_criterion

    with app.write() as tx:
        c = measure_criterion(tx, project_slug, criterion_id, value, met=met, on=on)
    state = {"met": Msg("met"), "not_met": Msg("not met"),
             "measured": Msg("measured, not judged")}[c["state"]]
    echo(app.t(Msg("Criterion {id} of “{title}”: {value} ({state}).", id=c["id"],
                   title=c["prototype_title"], value=c["measured"], state=app.t(state))))


@prototype.command("plan")
@click.argument("project_slug", metavar="PROJECT")
@click.argument("ref", metavar="PROTOTYPE")
@click.argument("plan")
@pass_app
def prototype_plan(app: App, project_slug, ref, plan) -> None:
    """Set how and when the prototype is evaluated."""
    from nybureau.services.substance import set_prototype_plan

    with app.write() as tx:
        p = set_prototype_plan(tx, project_slug, ref, plan)
    echo(app.t(Msg("Saved the evaluation plan of “{title}”.", title=p['title'])))


@prototype.command("status")
@click.argument("project_slug", metavar="PROJECT")
@click.argument("ref", metavar="PROTOTYPE")
@click.argument("status")
@pass_app
def prototype_status(app: App, project_slug, ref, status) -> None:
    """Set the status: draft, piloting, adjusted, adopted, dropped."""
    from nybureau.domain.substance import PROTOTYPE_STATUSES
    from nybureau.domain.vocabulary import label
    from nybureau.services.substance import set_prototype_status

    with app.write() as tx:
        p = set_prototype_status(tx, project_slug, ref, status)
    echo(app.t(Msg("“{title}”: {label}.", title=p['title'],
                   label=label(PROTOTYPE_STATUSES, p['status'], 'en'),
                   label_2=label(PROTOTYPE_STATUSES, p['status'], 'da'))))


@prototype.command("iterate")
@click.argument("project_slug", metavar="PROJECT")
@click.argument("ref", metavar="PROTOTYPE")
@click.option("--place", required=True, help="Where it was piloted.")
@click.option("--date", "on", help="When, YYYY-MM-DD (default: today).")
@click.option("--learned", help="What was learned.")
@click.option("--changed", help="What was changed as a result.")
@pass_app
def prototype_iterate(app: App, project_slug, ref, place, on, learned, changed) -> None:
    """Record a pilot iteration (drypvis afprøvning)."""
    from nybureau.services.substance import add_iteration

    with app.write() as tx:
        p = add_iteration(tx, project_slug, ref, place=place, on=on,
                          learned=learned, changed=changed)
    echo(app.t(Msg("Recorded iteration {n_iterations} of “{title}”.",
                   n_iterations=len(p['iterations']), title=p['title'])))


@prototype.command("list")
@click.argument("project_slug", metavar="PROJECT")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--wide", is_flag=True, help="All columns (for a wide terminal).")
@pass_app
def prototype_list(app: App, project_slug: str, as_json: bool, wide: bool = False) -> None:
    """List the prototypes and whether each has criteria and a plan."""
    from nybureau.domain.substance import PROTOTYPE_STATUSES
    from nybureau.domain.vocabulary import label
    from nybureau.services.substance import list_prototypes

    with app.read() as tx:
        rows = list_prototypes(tx, project_slug)
    if as_json:
        emit_json(rows)
        return
    from nybureau.cli.tables import col, make_table

    table = make_table([col("id", "id"), col(app.t(Msg("title")), "title"),
                        col(app.t(Msg("focus area")), "text", wide=True),
                        col("status", "label"),
                        col(app.t(Msg("iterations")), "number", wide=True),
                        col(app.t(Msg("criteria")), "number"),
                        col(app.t(Msg("plan")), "label")],
                       title=esc(app.t(Msg("Prototypes of {project_slug}",
                                           project_slug=project_slug))), wide=wide)
    yes, no = app.t(Msg("yes")), app.t(Msg("missing"))
    for p in rows:
        table.add_row(str(p["id"]), esc(p["title"]), esc(p["focus_area"]),
                      label(PROTOTYPE_STATUSES, p["status"], app.lang), str(len(p["iterations"])),
                      str(len(p["criteria"])) if p["criteria"] else no,
                      yes if p["evaluation_plan"] else no)
    app.print(table)


@prototype.command("show")
@click.argument("project_slug", metavar="PROJECT")
@click.argument("ref", metavar="PROTOTYPE")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def prototype_show(app: App, project_slug: str, ref: str, as_json: bool) -> None:
    """Show a prototype with its criteria, plan and iterations."""
    from nybureau.domain.substance import BOTTOM_LINES, PROTOTYPE_STATUSES
    from nybureau.domain.vocabulary import label
    from nybureau.services.substance import show_prototype

    with app.read() as tx:
        p = show_prototype(tx, project_slug, ref)
    if as_json:
        emit_json(p)
        return
    from rich.panel import Panel

    lines = [f"[bold]{esc(p['title'])}[/bold]",
             app.t(Msg("Focus area: ")) + esc(p["focus_area"]),
             "Status: " + label(PROTOTYPE_STATUSES, p["status"], app.lang)]
    if p["owner"]:
        lines.append(app.t(Msg("Owner: ")) + esc(p["owner"]))
    if p["description"]:
        lines.append(esc(p["description"]))
    lines.append(app.t(Msg("[bold]Evaluation criteria[/bold]")))
    for c in p["criteria"]:
        where = f"{label(BOTTOM_LINES, c['bottom_line'], app.lang)}: " if c["bottom_line"] else ""
        lines.append(f"  • {where}{esc(c['text'])}")
    if not p["criteria"]:
        lines.append(app.t(Msg("  (none yet)")))
    lines.append(app.t(Msg("[bold]Evaluation plan[/bold] "))
                 + (esc(p["evaluation_plan"]) or app.t(Msg("(missing)"))))
    for i in p["iterations"]:
        lines.append(f"{app.t(Msg('Iteration'))} {i['number']}, {fmt_date(i['date'])}, "
                     f"{esc(i['place'])}")
        if i["learned"]:
            lines.append(app.t(Msg("  learned: ")) + esc(i["learned"]))
        if i["changed"]:
            lines.append(app.t(Msg("  changed: ")) + esc(i["changed"]))
    from nybureau.cli.tables import print_show

    print_show(app, Panel("\n".join(lines), title=f"#{p['id']}"))


COMMANDS = [prototype]
