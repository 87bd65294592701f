"""Shared CLI plumbing: the context object, output helpers, the one error handler."""

from __future__ import annotations

import errno
import os
import sys
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any, Iterator

import click

from nybureau.errors import NybureauError
from nybureau.i18n import Msg
from nybureau.textsafe import safe_message, shorten, visible


class App:
    """What every command gets: settings, the store (opened on first use), and output."""

    def __init__(self, db: str | None, actor: str | None, lang: str | None) -> None:
        from nybureau import config

        self.db = db
        self.actor = actor or config.default_actor()
        self.lang = lang or config.default_lang()
        self._store = None

    @property
    def store(self):
        if self._store is None:
            from nybureau.config import database_url
            from nybureau.persistence.store import Store

            self._store = Store(database_url(self.db))
        return self._store

    @contextmanager
    def write(self, expect: dict[str, int] | None = None) -> Iterator[Any]:
        """A write transaction. ``expect`` (slug → version read earlier) refuses with
        "changed since you read it" when a project moved on in the meantime."""
        with self.store.transaction(self.actor, expect=expect) as tx:
            yield tx

    @contextmanager
    def read(self, quick: bool = False) -> Iterator[Any]:
        """A read transaction. ``quick`` (``status``, ``project list``): on an SQLite file at
        this version's schema, a reader on the standard library alone, without SQLAlchemy's
        start-up cost; it offers only the repository methods those commands call (see
        persistence.lite)."""
        if quick and self._store is None:
            from nybureau.config import database_url
            from nybureau.persistence import lite

            url = database_url(self.db)
            conn = lite.open_reader(url)
            if conn is not None:
                with lite.read(conn, str(lite.sqlite_file(url))) as tx:
                    yield tx
                return
        with self.store.transaction(self.actor, write=False) as tx:
            yield tx

    def t(self, message: Msg) -> str:
        """A message (:class:`nybureau.i18n.Msg`) in the user's language."""
        return message.render(self.lang)

    @property
    def console(self):
        from rich.console import Console

        # No emoji codes (":smile:" in a title stays as typed); markup stays on for our own
        # styles, so every value printed with it goes through esc().
        return Console(highlight=False, soft_wrap=True, emoji=False)

    def print(self, *args, **kwargs) -> None:
        self.console.print(*args, **kwargs)


def _default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    return str(value)


def emit_json(data: Any) -> None:
    import json  # here, not at start-up

    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=_default))
    ctx = click.get_current_context(silent=True)
    if ctx is not None:  # a refusal after this (`audit verify --json` of a broken history)
        ctx.meta["nybureau.json_emitted"] = True  # stays a message on stderr


class Refusal(click.ClickException):
    """A NybureauError shown to the user: message only, exit code 1."""

    exit_code = 1

    def show(self, file=None) -> None:  # noqa: ANN001
        click.echo(safe_message(self.message), err=True)


def _clean_click_error(exc: click.ClickException) -> None:
    """click's own refusals (a bad option value, an unknown command, a missing file) quote what
    was typed: show it without control characters, long values cut."""
    exc.message = safe_message(exc.message)
    for attr in ("ui_filename", "option_name", "param_hint"):
        value = getattr(exc, attr, None)
        if isinstance(value, str):
            setattr(exc, attr, shorten(value))


# The --json contract: the same key for the same thing in every command's JSON.
#   project    a project's slug (never "slug"; `project list`, `status`, `meeting list` …)
#   network    a network's slug (`network list` too)
#   id         the record's own id in a list of that record (meetings, items, prototypes …);
#              a reference to another record is named after it: "meeting", "item", "prototype"
#   date       the day a thing happened or was decided (activities, decisions, items, votes);
#              "starts_at"/"ends_at" for a meeting's times, "at" for an audit event's time
#   name       a person's, a project's or a network's display name; "title" for a thing's title
# A refusal under --json is one object on stdout, with the command's exit code:
#   {"error": KIND, "message": TEXT, "exit_code": N}
# KIND: invalid_input, not_found, conflict (already exists, changed since read),
# reason_required, requirements_not_met, invalid_file, database, render, refused (any other
# refusal), usage (click's usage errors, exit code 2), unexpected (a bug).
_ERROR_KINDS = (("NotFound", "not_found"), ("AlreadyExists", "conflict"),
                ("ConcurrentChange", "conflict"), ("ReasonRequired", "reason_required"),
                ("RequirementsNotMet", "requirements_not_met"),
                ("WorkflowDefinitionError", "invalid_file"), ("ScenarioError", "invalid_file"),
                ("DatabaseError", "database"), ("RenderError", "render"),
                ("InvalidInput", "invalid_input"))


def _error_kind(exc: BaseException) -> str:
    if isinstance(exc, click.UsageError):
        return "usage"
    if isinstance(exc, click.ClickException) and not isinstance(exc, Refusal):
        return "invalid_input"  # click's own refusals of a value: a missing file, a bad path
    names = {cls.__name__ for cls in type(exc).__mro__}
    for name, kind in _ERROR_KINDS:
        if name in names:
            return kind
    return "refused"


class _JsonRefusal(click.ClickException):
    """A refusal under --json: the JSON object on stdout, the same exit code."""

    def __init__(self, kind: str, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.kind, self.exit_code = kind, exit_code

    def show(self, file=None) -> None:  # noqa: ANN001
        emit_json({"error": self.kind, "message": safe_message(self.message),
                   "exit_code": self.exit_code})


class NybureauGroup(click.Group):
    """Turns every NybureauError into a clear message and exit code 1, without a traceback;
    under --json, into a JSON object (see the --json contract above)."""

    def make_context(self, info_name, args, parent=None, **extra):  # noqa: ANN001
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.ClickException as exc:
            _clean_click_error(exc)
            raise

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta.setdefault("nybureau.args", {})[id(ctx)] = list(args)
        return super().parse_args(ctx, args)

    def _wants_json(self, ctx: click.Context) -> bool:
        """Was the command this group invoked given --json (and does it take it)?"""
        args = list(ctx.meta.get("nybureau.args", {}).get(id(ctx), []))
        if "--" in args:
            args = args[:args.index("--")]
        if "--json" not in args or not ctx.invoked_subcommand:
            return False
        cmd = self.get_command(ctx, ctx.invoked_subcommand)
        rest = args[args.index(ctx.invoked_subcommand) + 1:] \
            if ctx.invoked_subcommand in args else args
        while isinstance(cmd, click.Group):  # a plain click group inside ours
            name = next((a for a in rest if a in cmd.commands), None)
            if name is None:
                return False
            cmd, rest = cmd.commands[name], rest[rest.index(name) + 1:]
        return cmd is not None and any("--json" in p.opts for p in cmd.params)

    def invoke(self, ctx: click.Context):
        try:
            return self._invoke(ctx)
        except _JsonRefusal:
            raise
        except click.ClickException as exc:
            if ctx.meta.get("nybureau.json_emitted") or not self._wants_json(ctx):
                raise  # the command printed its JSON already: stdout stays one JSON document
            if isinstance(exc, Refusal):
                kind = getattr(exc, "kind", "refused")
                raise _JsonRefusal(kind, exc.message, exc.exit_code) from None
            raise _JsonRefusal(_error_kind(exc), exc.format_message(), exc.exit_code) from None

    def _invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except NybureauError as exc:
            app = ctx.find_object(App)
            lang = app.lang if app else "da"
            refusal = Refusal(exc.render(lang))
            refusal.kind = _error_kind(exc)
            refusal.exit_code = getattr(exc, "exit_code", 1) or 1
            raise refusal from None
        except click.ClickException as exc:
            _clean_click_error(exc)
            raise
        except (click.exceptions.Exit, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except BrokenPipeError:  # the reader went away (e.g. `| head`): stop quietly
            try:
                sys.stdout = open(os.devnull, "w")  # no second error when Python flushes
            except OSError:
                pass
            ctx.exit(0)
        except Exception as exc:  # a bug: say so plainly, keep the traceback for debugging
            if os.environ.get("NYBUREAU_DEBUG"):
                raise
            if isinstance(exc, OSError) and exc.errno == errno.ENAMETOOLONG:
                # an over-long path given by the user: ordinary bad input, not a bug
                app = ctx.find_object(App)
                name = str(exc.filename or "")
                name = name if len(name) <= 80 else name[:79] + "…"
                raise Refusal(Msg("The path {name} is too long ({strerror}); nothing was saved. "
                                  "Give a shorter path.", name=name, strerror=exc.strerror
                                  ).render(app.lang if app else "da")) from None
            if isinstance(exc, ValueError) and "null byte" in str(exc):
                # a NUL in a path or value (no shell can pass one; a script can): bad input
                app = ctx.find_object(App)
                raise Refusal(Msg("A path or value contains a NUL character (\\x00); nothing was "
                                  "saved. Correct the value.").render(app.lang if app else "da")
                              ) from None
            unexpected = Refusal(
                f"nybureau stopped on an unexpected error ({type(exc).__name__}: {exc}). Nothing "
                "more was saved than the last completed command. Run again with NYBUREAU_DEBUG=1 "
                "to see the details, and report it."
            )
            unexpected.kind = "unexpected"
            raise unexpected from None


pass_app = click.make_pass_decorator(App)

#: The largest whole number the database stores (signed 64 bits; as services.common.INT64_MAX,
#: repeated here so that parsing an option imports no service module).
INT64_MAX = 2**63 - 1


class Int64(click.ParamType):
    """A whole number that fits the database's 64-bit integers. click's ``int`` takes any size,
    and SQLite cannot store (or even compare with) a larger one."""

    name = "integer"

    def convert(self, value, param, ctx):  # noqa: ANN001
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        else:
            try:
                number = int(str(value).strip())
            except ValueError:
                self._fail(Msg("'{value}' is not a whole number.", value=str(value)[:40]),
                           param, ctx)
        if not -INT64_MAX - 1 <= number <= INT64_MAX:
            shown = str(number)
            shown = shown if len(shown) <= 30 else shown[:29] + "…"
            if number > 0:
                self._fail(Msg("{shown} is too large; at most {most}.", shown=shown,
                               most=INT64_MAX), param, ctx)
            self._fail(Msg("{shown} is too small; at least {least}.", shown=shown,
                           least=-INT64_MAX - 1), param, ctx)
        return number

    def _fail(self, message: Msg, param, ctx) -> None:  # noqa: ANN001
        app = ctx.find_object(App) if ctx is not None else None
        self.fail(message.render(app.lang if app is not None else "en"), param, ctx)


INT64 = Int64()


def esc(value: Any, newlines: bool = True) -> str:
    """A value from a user or a file, ready to be placed in text that rich reads as markup (a
    table cell, a panel, a tree, a title): shown as the plain text it is — "[/]" or
    "[bold]" stay as typed — with control characters shown as escapes (see
    :func:`nybureau.textsafe.visible`). None is the empty string."""
    from rich.markup import escape

    return escape(visible(value, newlines=newlines))


def echo(message: Any = "", err: bool = False) -> None:
    """click.echo for a message that holds values from users or files: control characters are
    shown as escapes, never sent to the terminal. (Documents, iCalendar and JSON go out with
    click.echo unchanged.)"""
    click.echo(visible(message), err=err)


def fmt_date(value: Any) -> str:
    return value.isoformat() if isinstance(value, (date, datetime)) else (value or "")


def stderr_isatty() -> bool:
    return sys.stderr.isatty()
