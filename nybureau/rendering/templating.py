"""The Jinja2 environment: the override chain, the sandbox, autoescaping, filters, and template
errors as :class:`~nybureau.errors.RenderError` naming the template file and line.

Look-up order for a template name: the user's folder (``--templates DIR`` or
``NYBUREAU_TEMPLATES``) first, then the built-in templates. ``{% extends "default:agenda.html.j2"
%}`` always reaches the built-in one, so a user template can extend the template it replaces.

Every template runs in Jinja2's sandbox (user templates must not reach Python internals), and
``*.html.j2`` output is autoescaped.
"""

from __future__ import annotations

import os
import traceback
from functools import lru_cache
from pathlib import Path
from typing import Any

from nybureau.errors import RenderError

ENV_VAR = "NYBUREAU_TEMPLATES"


def builtin_dir() -> Path:
    from nybureau.resources import data_dir

    return data_dir("templates")


def user_dir(explicit: str | None = None) -> Path | None:
    value = explicit or os.environ.get(ENV_VAR)
    if not value:
        return None
    path = Path(value).expanduser()
    if not path.is_dir():
        raise RenderError(f"The templates folder '{path}' does not exist.",
                          f"Skabelonmappen '{path}' findes ikke.")
    return path


def _autoescape(name: str | None) -> bool:
    return bool(name) and name.endswith((".html.j2", ".html"))


@lru_cache(maxsize=8)
def environment(user: str | None = None):
    from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    builtin = FileSystemLoader(str(builtin_dir()))
    loaders = []
    if user:
        loaders.append(FileSystemLoader(user))
    loaders += [PrefixLoader({"default": builtin}, delimiter=":"), builtin]
    env = SandboxedEnvironment(
        loader=ChoiceLoader(loaders), autoescape=_autoescape, undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        extensions=["jinja2.ext.loopcontrols"],
    )
    _filters(env)
    return env


def _filters(env) -> None:
    from nybureau.rendering import dates, text

    def _lang(ctx):
        return ctx.get("lang", "da")

    from jinja2 import pass_context

    @pass_context
    def f_date(ctx, value):
        return dates.long_date(value, _lang(ctx)) if value else ""

    @pass_context
    def f_shortdate(ctx, value):
        return dates.short_date(value, _lang(ctx)) if value else ""

    @pass_context
    def f_datetime(ctx, value):
        return dates.long_datetime(value, _lang(ctx)) if value else ""

    @pass_context
    def f_time(ctx, value):
        if not value:
            return ""
        local = value.astimezone(dates.TZ) if value.tzinfo else value
        return local.strftime("%H.%M") if _lang(ctx) == "da" else local.strftime("%H:%M")

    @pass_context
    def f_money(ctx, value):
        return text.money(value, _lang(ctx))

    @pass_context
    def f_number(ctx, value):
        return text.number(value, _lang(ctx))

    def f_md(value):
        """Escape Markdown's line-leading specials in running text."""
        s = "" if value is None else str(value)
        return s.replace("*", "\\*").replace("_", "\\_").replace("`", "\\`")

    def f_cell(value):
        """Text for a Markdown table cell: one line, pipes escaped."""
        s = "" if value is None else " ".join(str(value).split())
        return s.replace("|", "\\|")

    @pass_context
    def f_quote(ctx, value):
        """«Danish» or “English” quotation marks."""
        return f"«{value}»" if _lang(ctx) == "da" else f"“{value}”"

    def f_cap(value):
        s = "" if value is None else str(value)
        return s[:1].upper() + s[1:]

    @pass_context
    def g_text(ctx, da, en=None):
        """``_("Dagsorden", "Agenda")``: the text in the document's language."""
        return en if _lang(ctx) == "en" and en is not None else da

    env.globals["_"] = g_text
    env.filters.update(date=f_date, shortdate=f_shortdate, datetime=f_datetime, time=f_time,
                       money=f_money, number=f_number, md=f_md, cap=f_cap, cell=f_cell, q=f_quote)


def _where(exc: BaseException, fallback: str) -> tuple[str, int | None]:
    """The template file and line an error happened at."""
    from jinja2 import TemplateSyntaxError

    if isinstance(exc, TemplateSyntaxError):
        return exc.filename or exc.name or fallback, exc.lineno
    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if f.filename.endswith((".j2", ".html", ".md"))]
    if frames:
        return frames[-1].filename, frames[-1].lineno
    return fallback, None


def render(name: str, context: dict[str, Any], templates: str | None = None) -> str:
    """Render template ``name`` with ``context``; any template problem → RenderError."""
    from jinja2 import TemplateNotFound
    from jinja2.exceptions import SecurityError, TemplateError

    user = user_dir(templates)
    env = environment(str(user) if user else None)
    ctx = dict(context)
    try:
        template = env.get_template(name)
        return template.render(ctx)
    except TemplateNotFound as exc:
        raise RenderError(
            f"Template '{exc.name}' was not found (looked in: "
            f"{', '.join(str(p) for p in ([user] if user else []) + [builtin_dir()])}).",
            f"Skabelonen '{exc.name}' findes ikke (ledt i: "
            f"{', '.join(str(p) for p in ([user] if user else []) + [builtin_dir()])}).",
        ) from None
    except (TemplateError, SecurityError, TypeError, ValueError, AttributeError, KeyError,
            IndexError, ZeroDivisionError) as exc:
        file, line = _where(exc, name)
        where = f"{file}:{line}" if line else file
        kind = "security" if isinstance(exc, SecurityError) else type(exc).__name__
        raise RenderError(
            f"The template {where} could not be rendered ({kind}: {exc}). Nothing was written.",
            f"Skabelonen {where} kunne ikke bruges ({kind}: {exc}). Intet er skrevet.",
        ) from None
