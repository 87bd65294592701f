"""The Jinja2 environment: the override chain, the sandbox, autoescaping, filters, and template
errors as :class:`~nybureau.errors.RenderError` naming the template file and line.

Look-up order for a template name: the user's folder (``--templates DIR`` or
``NYBUREAU_TEMPLATES``) first, then the built-in templates. ``{% extends "default:agenda.html.j2"
%}`` always reaches the built-in one, so a user template can extend the template it replaces.

The built-in templates ship with the package and are trusted: without a user folder they run in
a plain Jinja2 environment. As soon as a user folder is in the chain, every template (the user's
and the built-in ones it extends or imports) runs in Jinja2's sandbox with the limits of
:mod:`nybureau.rendering.sandbox`, so a user template cannot reach Python internals, run for
ever or fill the disk. ``*.html.j2`` output is autoescaped.

Plain, public Jinja2 only (tests/unit/test_render_jinja2.py holds that): an environment per
user folder and language (the filters and ``_`` know their language), Jinja2's own loaders,
code generator, context and templates.
"""

from __future__ import annotations

import os
import traceback
from functools import lru_cache
from pathlib import Path
from typing import Any

from nybureau.errors import RenderError
from nybureau.i18n import Msg
from nybureau.rendering import sandbox

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
        raise RenderError(Msg("The templates folder '{path}' does not exist.", path=path))
    return path


def _autoescape(name: str | None) -> bool:
    return bool(name) and name.endswith((".html.j2", ".html"))


@lru_cache(maxsize=16)
def environment(user: str | None = None, lang: str = "da"):
    """The environment for a user folder (or none) and a language. Without a user folder the
    trusted built-in templates run in a plain environment; with one, everything runs in the
    sandbox."""
    from jinja2 import (ChoiceLoader, Environment, FileSystemLoader, PrefixLoader,
                        StrictUndefined)

    from nybureau.rendering import filters

    builtin = FileSystemLoader(str(builtin_dir()))
    loaders = [sandbox.confined_loader(user)] if user else []
    loaders += [PrefixLoader({"default": builtin}, delimiter=":"), builtin]
    cls = sandbox.sandbox_class() if user else Environment
    env = cls(
        loader=ChoiceLoader(loaders), autoescape=_autoescape, undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        extensions=["jinja2.ext.loopcontrols"],
        auto_reload=bool(user),  # the built-in templates do not change under a running process
    )
    filters.install(env, lang)
    if user:
        sandbox.limit(env)
    return env


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
    return render_from(name, context, templates)[0]


def render_from(name: str, context: dict[str, Any], templates: str | None = None
                ) -> tuple[str, bool]:
    """:func:`render`, and whether only the built-in templates were in use (no user folder)."""
    user = user_dir(templates)
    env = environment(str(user) if user else None, "en" if context.get("lang") == "en" else "da")
    token = sandbox.BUDGET.set(sandbox.Budget()) if user else None  # the limits of user templates
    try:
        return sandbox.render(env.get_template(name), context), user is None
    except (sandbox.OverBudget, sandbox.OutsideFolder, RecursionError, MemoryError,
            OverflowError) as exc:
        raise _refusal(exc, name, user) from None
    except Exception as exc:
        from jinja2 import TemplateNotFound
        from jinja2.exceptions import SecurityError, TemplateError

        if isinstance(exc, TemplateNotFound):
            raise RenderError(
                Msg("Template '{name}' was not found (looked in: "
                    "{value}).", name=exc.name,
                    value=', '.join((str(p) for p in ([user] if user else []) + [builtin_dir()]))),
            ) from None
        if not isinstance(exc, (TemplateError, SecurityError, TypeError, ValueError,
                                AttributeError, KeyError, IndexError, ZeroDivisionError)):
            raise
        file, line = _where(exc, name)
        where = f"{file}:{line}" if line else file
        kind = "security" if isinstance(exc, SecurityError) else type(exc).__name__
        raise RenderError(
            Msg("The template {where} could not be rendered ({kind}: {exc}). Nothing was written.",
                where=where, kind=kind, exc=exc),
        ) from None
    finally:
        if token is not None:
            sandbox.BUDGET.reset(token)


def _refusal(exc: BaseException, name: str, user: Path | None) -> RenderError:
    """The refusal for a template that went past a limit, called itself without end, needed
    too much memory or resolved outside its folder."""
    file, line = _where(exc, name)
    where = f"{file}:{line}" if line else file
    budget = sandbox.BUDGET.get()
    if isinstance(exc, sandbox.OutsideFolder):
        return RenderError(
            Msg("The template {where} uses '{name}', which is outside the templates folder "
                "{user} (a symbolic link or '..'); templates are only read from inside it. "
                "Nothing was written.", where=where, name=exc.name, user=user))
    if isinstance(exc, sandbox.OverBudget) and exc.kind == "time":
        secs = f"{budget.timeout:g}" if budget else f"{sandbox.DEFAULT_TIMEOUT:g}"
        return RenderError(
            Msg("The template {where} took too long (more than {secs} s) and was stopped. "
                "Nothing was written. Make it do less (loops in loops?), or allow more time with "
                "{timeout_var}=SECONDS.", where=where, secs=secs, timeout_var=sandbox.TIMEOUT_VAR))
    if isinstance(exc, sandbox.OverBudget) and exc.kind == "output":
        mb = (f"{budget.max_output / (1024 * 1024):g}" if budget
              else f"{sandbox.DEFAULT_MAX_OUTPUT:g}")
        return RenderError(
            Msg("The template {where} wrote too much (more than {mb} MB) and was stopped. Nothing "
                "was written. Make it write less, or allow more with "
                "{max_output_var}=MEGABYTES.", where=where, mb=mb,
                max_output_var=sandbox.MAX_OUTPUT_VAR))
    if isinstance(exc, (sandbox.OverBudget, OverflowError)):
        detail = exc.detail if isinstance(exc, sandbox.OverBudget) else str(exc)
        detail_da = exc.detail_da if isinstance(exc, sandbox.OverBudget) else str(exc)
        return RenderError(
            Msg("The template {where} asks for something too large ({detail}) and was stopped. "
                "Nothing was written.", where=where, detail=detail, detail_da=detail_da))
    if isinstance(exc, RecursionError):
        return RenderError(
            Msg("The template {where} calls itself without end (a macro, include or block that "
                "keeps calling itself). Nothing was written.", where=where))
    return RenderError(
        Msg("The template {where} needed more memory than there is. Nothing was written.",
            where=where))
