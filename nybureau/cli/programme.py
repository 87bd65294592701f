"""``nybureau network programme NETWORK``, ``network step add|done`` and ``network steps``: the
frame project (rammeprojekt) a network carries — its owner, project management and own steps
(attached to the ``network`` group of :mod:`nybureau.cli.projects`)."""

from __future__ import annotations

import click

from nybureau.cli.app import App, NybureauGroup, echo, emit_json, esc, fmt_date, pass_app
from nybureau.cli.projects import network
from nybureau.i18n import Msg


@network.command("programme", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau network programme fremfaerd --name \"Nybureaukratisering\" \\\n"
    "      --owner \"Ekspertområdet for borgere med særlige behov\" \\\n"
    "      --management \"Hanne Vestergaard (KL), Mikkel Dahl (SL)\""))
@click.argument("slug", metavar="NETWORK")
@click.option("--name", help="The frame project's name (required the first time).")
@click.option("--owner", help="Who owns it: the project owners or steering group.")
@click.option("--management", help="Its project management: names and organisations.")
@click.option("--description", help="What the frame project is about.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def network_programme(app: App, slug: str, name, owner, management, description,
                      as_json: bool) -> None:
    """Give the network its frame project (owner, project management), change it, or show it
    with its steps (without options)."""
    from nybureau.services import process

    if all(v is None for v in (name, owner, management, description)):
        with app.read() as tx:
            shown = process.show_programme(tx, slug)
        _show(app, slug, shown, as_json)
        return
    with app.write() as tx:
        r = process.set_programme(tx, slug, name=name, owner=owner, management=management,
                                  description=description)
    if as_json:
        emit_json(r)
    elif r["created"]:
        echo(app.t(Msg("The network '{slug}' has the frame project '{name}'.", slug=slug,
                       name=r["name"])))
    elif r["changed"]:
        echo(app.t(Msg("Changed the frame project of '{slug}': {fields}.", slug=slug,
                       fields=", ".join(r["changed"]))))
    else:
        echo(app.t(Msg("The frame project of '{slug}' is unchanged.", slug=slug)))


def _show(app: App, slug: str, shown, as_json: bool) -> None:
    if as_json:
        emit_json(shown)
        return
    if shown is None:
        echo(app.t(Msg("The network '{slug}' has no frame project yet. Give it one with "
                       "`nybureau network programme {slug} --name …`.", slug=slug)))
        return
    echo(esc(shown["name"]))
    for label_, value in ((Msg("Owner: "), shown["owner"]),
                          (Msg("Project management: "), shown["management"])):
        if value:
            echo(app.t(label_) + esc(value))
    if shown["description"]:
        echo(esc(shown["description"]))
    _steps_table(app, shown["steps"])


def _steps_table(app: App, steps) -> None:
    if not steps:
        echo(app.t(Msg("No steps yet: `nybureau network step add NETWORK TITLE --due "
                       "YYYY-MM-DD`.")))
        return
    from nybureau.cli.tables import col, make_table

    table = make_table([col("#", "number"), col(app.t(Msg("step")), "title"),
                        col(app.t(Msg("expected")), "date"), col(app.t(Msg("done")), "date")],
                       title=app.t(Msg("Steps of the frame project")))
    for s in steps:
        table.add_row(str(s["number"]), esc(s["title"]), fmt_date(s["due"]) or "–",
                      fmt_date(s["done"]) or "–")
    app.print(table)


@click.group("step", cls=NybureauGroup)
def step() -> None:
    """The frame project's own steps: add one, mark one done, open it again."""


network.add_command(step)


@step.command("add", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau network step add fremfaerd \"Rekruttering af kommuner\" --due 2017-05-31"))
@click.argument("slug", metavar="NETWORK")
@click.argument("title")
@click.option("--due", help="When the step is expected to end, YYYY-MM-DD.")
@click.option("--number", type=click.IntRange(1, 1000),
              help="Its number (default: after the last step).")
@click.option("--note", help="A note on the step.")
@pass_app
def step_add(app: App, slug: str, title: str, due, number, note) -> None:
    """Add a step to the network's frame project."""
    from nybureau.services import process

    with app.write() as tx:
        r = process.add_step(tx, slug, title, due=due, note=note, number=number)
    echo(app.t(Msg("Added step {n} '{title}' to the frame project.", n=r["number"],
                   title=r["title"])))


@step.command("done", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau network step done fremfaerd 1 --date 2017-05-29"))
@click.argument("slug", metavar="NETWORK")
@click.argument("number", type=click.IntRange(1, 1000), metavar="N")
@click.option("--date", "on", help="The day it was done, YYYY-MM-DD (default: today).")
@click.option("--note", help="A note on the step.")
@pass_app
def step_done(app: App, slug: str, number: int, on, note) -> None:
    """Mark a step of the network's frame project done."""
    from nybureau.services import process

    with app.write() as tx:
        r = process.step_done(tx, slug, number, on=on, note=note)
    echo(app.t(Msg("Step {n} '{title}' done on {day}.", n=r["number"], title=r["title"],
                   day=fmt_date(r["done"]))))


@step.command("reopen", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau network step reopen fremfaerd 3 --reason \"Markeret for tidligt\""))
@click.argument("slug", metavar="NETWORK")
@click.argument("number", type=click.IntRange(1, 1000), metavar="N")
@click.option("--reason", required=True, metavar="TEXT",
              help="Why the step is open again (kept in the history).")
@pass_app
def step_reopen(app: App, slug: str, number: int, reason: str) -> None:
    """Undo `step done`: the step of the network's frame project is open again."""
    from nybureau.services import process

    with app.write() as tx:
        r = process.step_reopen(tx, slug, number, reason=reason)
    echo(app.t(Msg("Step {n} '{title}' is open again (it was marked done on {day}).",
                   n=r["number"], title=r["title"], day=fmt_date(r["was_done"]))))


@network.command("steps")
@click.argument("slug", metavar="NETWORK")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def network_steps(app: App, slug: str, as_json: bool) -> None:
    """List the steps of the network's frame project: expected and done."""
    from nybureau.services import process

    with app.read() as tx:
        steps = process.list_steps(tx, slug)
    if as_json:
        emit_json(steps)
        return
    _steps_table(app, steps)


COMMANDS: list = []
