"""The workshop's voting."""

from __future__ import annotations

from flask import Blueprint, g, redirect, url_for

bp = Blueprint("workshop", __name__)


@bp.get("/vote")
def vote_page():
    return redirect(url_for("signin.home"))
