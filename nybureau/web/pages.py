"""Rendering a page: the built-in templates under ``templates/web/`` through the documents'
own Jinja2 environment (its filters give Danish dates and numbers, ``_("da", "en")`` the
words), with what every page needs: who is signed in, the language, the CSRF token, the links."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Response, g, request, url_for

STATIC = Path(__file__).resolve().parent / "static"


def other_lang_url() -> str:
    args = dict(request.args)
    args["lang"] = "en" if g.lang == "da" else "da"
    return request.path + "?" + "&".join(f"{k}={v}" for k, v in args.items())


def render(name: str, **context: Any) -> str:
    """The page ``name`` (``web/….html.j2``) as HTML."""
    from nybureau.rendering.templating import environment
    from nybureau.web.app import csrf

    env = environment(None, g.lang)
    template = env.get_template(name)
    return template.render(
        lang=g.lang, viewer=g.get("viewer"), csrf=csrf(), url_for=url_for,
        nonce=g.get("nonce", ""), other_lang_url=other_lang_url(), path=request.path,
        **context)


def page(name: str, *, status: int = 200, **context: Any) -> Response:
    """A rendered page as the response."""
    return Response(render(name, **context), status=status,
                    content_type="text/html; charset=utf-8")
