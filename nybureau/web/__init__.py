"""The web view (``nybureau serve``): MED and steering-group members read agendas and minutes
and approve minutes, workshop participants vote from their phones, project leaders see the
portfolio. Server-rendered HTML from the same Jinja2 environment as the documents
(``templates/web/``), over the same services and database; a WSGI application, so it runs under
waitress from one command or under any WSGI server in production.

    from nybureau.web import create_app
    app = create_app("sqlite:///nybureau.db")

The HTTP layer sits beside the CLI, above the services: it parses a request, calls a service
in one transaction with the signed-in person as the actor, and renders a page.
"""

from __future__ import annotations

from nybureau.web.app import create_app

__all__ = ["create_app"]
