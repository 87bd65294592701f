"""The portfolio: every project the signed-in person has a role in."""

from __future__ import annotations

from flask import Blueprint, g

from nybureau.web import pages
from nybureau.web.app import store

bp = Blueprint("portfolio", __name__)


@bp.get("/portfolio")
def index():
    from nybureau.services import web as services

    with store().read("web") as tx:
        projects = services.visible_projects(tx, g.viewer)
    return pages.page("web/portfolio.html.j2", projects=projects)
