"""``nybureau`` — the root command and global options.

The root group is a lazy click group: it finds its subcommands in a small hand-kept table
(:mod:`nybureau.cli._commands`), so running a command imports only the modules that define it,
never the whole folder. The root help (``nybureau --help``, or ``nybureau`` alone) is click's
own: it asks every command for its short help, so it imports them all. ``nybureau --version``
is answered before this module is imported at all, by :mod:`nybureau.cli._entry`.
"""

from __future__ import annotations

import importlib

import click

from nybureau import __version__
from nybureau.cli._commands import TABLE
from nybureau.cli.app import App, NybureauGroup, Refusal, echo, pass_app
from nybureau.cli.choices import Vocab
from nybureau.cli.i18n import activate, current, language_of, restore, translate
from nybureau.i18n import Msg


class RootGroup(NybureauGroup):
    """The root group: its subcommands come from ``table`` (name → the modules of
    ``nybureau.cli`` to import for it) and are imported on the first look-up of each."""

    table: dict[str, tuple[str, ...]] = TABLE

    def _load(self, modules) -> None:
        for name in modules:
            module = importlib.import_module(f"nybureau.cli.{name}")
            for command in getattr(module, "COMMANDS", ()):
                if command.name not in self.commands:
                    self.add_command(command)

    def load_all(self) -> None:
        """Import every command module of the table (for the whole command list)."""
        for modules in self.table.values():
            self._load(modules)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(self.table))

    def main(self, *args, **kwargs):  # noqa: ANN002, ANN003
        saved = current()
        try:
            return super().main(*args, **kwargs)
        finally:  # the objects keep their English texts between runs in one process
            restore(self)
            activate(saved)

    def make_context(self, info_name, args, parent=None, **extra):  # noqa: ANN001
        # the language first: click's own words (--help, usage errors) are spoken in it
        activate(language_of(args))
        translate(self)
        return super().make_context(info_name, args, parent=parent, **extra)

    def get_command(self, ctx: click.Context, cmd_name: str):
        loaded = self.__dict__.setdefault("_nb_loaded", set())
        if cmd_name not in loaded and cmd_name in self.table:
            # every module of the name, even when the group is there already: `network` is
            # made by one module and `network status` added by another
            self._load(self.table[cmd_name])
            loaded.add(cmd_name)
        command = self.commands.get(cmd_name)
        return translate(command) if command is not None else None

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        from nybureau.cli._entry import undecodable

        problem = undecodable(args)  # also when called without the entry point (tests, -m)
        if problem is not None:
            raise Refusal(problem)
        return super().parse_args(ctx, args)

    def resolve_command(self, ctx: click.Context, args: list[str]):
        if args and args[0] not in self.commands and args[0] not in self.table:
            # An unknown name: click's "No such command" suggests the nearest registered names,
            # so register them all first (only on this error path).
            self.load_all()
        return super().resolve_command(ctx, args)


@click.group(cls=RootGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="nybureau")
@click.option("--db", metavar="PATH|URL", envvar="NYBUREAU_DB",
              help="Database: an SQLite file path or a SQLAlchemy URL "
                   "(postgresql+psycopg://…). Default: ~/.local/share/nybureau/nybureau.db.")
@click.option("--actor", metavar="NAME", envvar="NYBUREAU_ACTOR",
              help="Who is recorded in the audit history (default: your OS user name).")
@click.option("--lang", type=Vocab("language"), envvar="NYBUREAU_LANG",
              help="Language of messages and documents (default: da).")
@click.pass_context
def cli(ctx: click.Context, db: str | None, actor: str | None, lang: str | None) -> None:
    """nybureau — run Nybureaukratisering projects through their six phases.

    Record decisions and activities, see what each phase still needs, and move a project from
    backing and organisation to evaluation and spreading, with a full audit history.
    """
    app = ctx.obj = App(db, actor, lang)  # first, so that a refusal speaks the language
    app.actor = check_actor(actor if actor is not None else app.actor)


#: the length of the columns that record who did something (audit_event.actor,
#: phase_transition.actor; a test holds it equal to the tables)
MAX_ACTOR = 300


def check_actor(actor: str) -> str:
    """The actor recorded in the history (``--actor``, NYBUREAU_ACTOR or the OS user name), as a
    person's name is checked: not empty, one line, no control characters, at most
    :data:`MAX_ACTOR` characters. A bad one is refused before anything is read or written."""
    from nybureau.errors import InvalidInput
    from nybureau.textsafe import control_characters, shorten

    text = actor.strip() if isinstance(actor, str) else ""
    if not text:
        raise InvalidInput(
            Msg("The --actor (who is recorded in the history) is empty; give a name, e.g. "
                "--actor \"Mette Hansen\"."))
    if len(text) > MAX_ACTOR:
        raise InvalidInput(
            Msg("The --actor is {n_text} characters long; at most {max_actor} fit.",
                n_text=len(text), max_actor=MAX_ACTOR))
    if control_characters(text):
        raise InvalidInput(
            Msg("The --actor '{text}' contains control characters or a line break; give "
                "the name on one line, as plain text.", text=shorten(text)))
    return text


@cli.command()
@pass_app
def init(app: App) -> None:
    """Create the database, or upgrade it to this version's schema (safe to run again)."""
    before, after = app.store.init(app.actor)
    where = app.store.display
    if before == after:
        echo(app.t(Msg("The database is already up to date (schema {after}): {where}",
                       after=after, where=where)))
    elif before is None:
        echo(app.t(Msg("Created the database (schema {after}): {where}", after=after, where=where)))
    else:
        echo(app.t(Msg("Upgraded the database from schema {before} to {after}: {where}",
                       before=before, after=after, where=where)))


def main() -> None:
    """Run the command line through click (the console script enters at
    :func:`nybureau.cli._entry.main`, which answers ``--version`` itself)."""
    cli(prog_name="nybureau")
