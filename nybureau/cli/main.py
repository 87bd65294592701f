"""``nybureau`` — the root command and global options."""

from __future__ import annotations

import click

from nybureau import __version__
from nybureau.cli.app import App, NybureauGroup, pass_app


@click.group(cls=NybureauGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="nybureau")
@click.option("--db", metavar="PATH|URL", envvar="NYBUREAU_DB",
              help="Database: an SQLite file path or a SQLAlchemy URL "
                   "(postgresql+psycopg://…). Default: ~/.local/share/nybureau/nybureau.db.")
@click.option("--actor", metavar="NAME", envvar="NYBUREAU_ACTOR",
              help="Who is recorded in the audit history (default: your OS user name).")
@click.option("--lang", type=click.Choice(["da", "en"]), envvar="NYBUREAU_LANG",
              help="Language of messages and documents (default: da).")
@click.pass_context
def cli(ctx: click.Context, db: str | None, actor: str | None, lang: str | None) -> None:
    """nybureau — run Nybureaukratisering projects through their six phases.

    Record decisions and activities, see what each phase still needs, and move a project from
    backing and organisation to evaluation and spreading, with a full audit history.
    """
    ctx.obj = App(db, actor, lang)


@cli.command()
@pass_app
def init(app: App) -> None:
    """Create the database, or upgrade it to this version's schema (safe to run again)."""
    before, after = app.store.init()
    where = app.store.display
    if before == after:
        click.echo(app.t(f"Databasen er allerede oppe at køre (skema {after}): {where}",
                         f"The database is already up to date (schema {after}): {where}"))
    elif before is None:
        click.echo(app.t(f"Databasen er oprettet (skema {after}): {where}",
                         f"Created the database (schema {after}): {where}"))
    else:
        click.echo(app.t(f"Databasen er opgraderet fra skema {before} til {after}: {where}",
                         f"Upgraded the database from schema {before} to {after}: {where}"))


def _register() -> None:
    """Add the commands of every module in ``nybureau.cli`` that lists them in ``COMMANDS``.

    Command modules import only click at module level; what they need beyond that they import
    inside the command, so this stays cheap."""
    import importlib
    import os

    import nybureau.cli as package

    names = sorted({entry.name[:-3] for folder in package.__path__ for entry in os.scandir(folder)
                    if entry.name.endswith(".py") and not entry.name.startswith("_")})
    for name in names:  # (os.scandir, not pkgutil: pkgutil costs a millisecond of start-up)
        if name in ("app", "main"):
            continue
        module = importlib.import_module(f"nybureau.cli.{name}")
        for command in getattr(module, "COMMANDS", ()):
            cli.add_command(command)


cli.command_loader = _register  # on the first look-up of a command, not at import


def main() -> None:
    cli(prog_name="nybureau")
