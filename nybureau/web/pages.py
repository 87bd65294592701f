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


#: the formats' names on a download link
FORMAT_NAMES = {"pdf": "PDF", "docx": "Word (DOCX)", "html": "HTML", "md": "Markdown"}


def download_links(href: str, title: str, formats: tuple[str, ...]):  # noqa: ANN201 - Markup
    """One document's download links, one per format, as HTML: ``href`` + the format's
    extension, the format's name as the link's text and the document's title after it for a
    screen reader (»PDF – Dagsorden …«). A page lists dozens of documents in four formats
    each; written here once per document, the links cost a fifth of what the same markup
    costs as a template loop."""
    from markupsafe import Markup, escape

    base, hidden = escape(href), escape(title)
    return Markup(" · ").join(
        Markup(f'<a href="{base}{f}" download>{FORMAT_NAMES[f]}<span class="visually-hidden">'
               f' – {hidden}</span></a>') for f in formats)


def render(name: str, **context: Any) -> str:
    """The page ``name`` (``web/….html.j2``) as HTML."""
    from nybureau.rendering.templating import environment
    from nybureau.web.app import csrf

    env = environment(None, g.lang)
    template = env.get_template(name)
    return template.render(
        lang=g.lang, viewer=g.get("viewer"), csrf=csrf(), url_for=url_for,
        nonce=g.get("nonce", ""), other_lang_url=other_lang_url(), path=request.path,
        download_links=download_links, **context)


def page(name: str, *, status: int = 200, **context: Any) -> Response:
    """A rendered page as the response."""
    return Response(render(name, **context), status=status,
                    content_type="text/html; charset=utf-8")
