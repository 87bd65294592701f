"""The portfolio: every project the signed-in person has a role in, filterable by network and
municipality, with each network's comparison."""

from __future__ import annotations

from flask import Blueprint, g, request

from nybureau.web import pages
from nybureau.web.app import reading

bp = Blueprint("portfolio", __name__)


@bp.get("/portfolio")
def index():
    from nybureau.services.web.overview import portfolio

    with reading() as tx:
        data = portfolio(tx, g.viewer, network=request.args.get("network"),
                         municipality=request.args.get("municipality"), lang=g.lang)
    return pages.page("web/portfolio.html.j2", **data)
