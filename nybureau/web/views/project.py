"""A project's page."""

from __future__ import annotations

from flask import Blueprint, g

from nybureau.web import pages
from nybureau.web.app import store

bp = Blueprint("project", __name__)


@bp.get("/p/<slug>")
def show(slug: str):
    from nybureau.services import web as services
    from nybureau.services.common import get_project

    with store().read("web") as tx:
        project = get_project(tx, slug)
        services.require_project(tx, g.viewer, project)
    return pages.page("web/project.html.j2", project=project)
