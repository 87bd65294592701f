"""A project's page, an item's trace, and the project's documents to download."""

from __future__ import annotations

from flask import Blueprint, Response, g

from nybureau.web import pages
from nybureau.web.app import reading

bp = Blueprint("project", __name__)

CONTENT_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@bp.get("/p/<slug>")
def show(slug: str):
    from nybureau.services.web.project_view import project_page

    with reading() as tx:
        data = project_page(tx, g.viewer, slug, g.lang)
    return pages.page("web/project.html.j2", **data)


@bp.get("/p/<slug>/items/<int:item_id>")
def item(slug: str, item_id: int):
    from nybureau.services.web.project_view import item_trace

    with reading() as tx:
        data = item_trace(tx, g.viewer, slug, item_id, g.lang)
    return pages.page("web/item.html.j2", **data)


@bp.get("/p/<slug>/documents/<key>.<fmt>")
def document(slug: str, key: str, fmt: str):
    from nybureau.services.web.project_view import document as build

    with reading() as tx:
        name, content = build(tx, g.viewer, slug, key, fmt, g.lang)
    response = Response(content, content_type=CONTENT_TYPES[fmt])
    # always a download: a document's own HTML is not a page of this site (nor under its CSP)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "no-store"
    return response
