"""A meeting's page."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("meeting", __name__)
