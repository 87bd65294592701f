"""The pages, one blueprint per module: sign-in, the portfolio and a project, a meeting, the
workshop's voting."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from nybureau.web.views import meeting, portfolio, project, signin, workshop
    from nybureau.web.views import account  # the account page

    for module in (signin, portfolio, project, meeting, workshop, account):
        app.register_blueprint(module.bp)
