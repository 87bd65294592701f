"""The web view's use cases (``nybureau serve``): signing in, who may see and do what, members'
approval of minutes, and the workshop's voting rounds. The HTTP layer is :mod:`nybureau.web`;
everything it writes goes through these services (and the other families'), one transaction
per request, with the signed-in person as the history's actor.

Modules:

* :mod:`.sessions` — one-time links, sessions, CSRF tokens;
* :mod:`.access` — roles per project and body;
* :mod:`.rounds` — the workshop's voting rounds (open, join, vote, tally).
"""

from __future__ import annotations

from nybureau.services.web.access import (
    Access,
    member_of_meeting,
    project_access,
    require_person,
    require_project,
    sees_closed,
    visible_projects,
)
from nybureau.services.web import rounds
from nybureau.services.web.sessions import (
    Viewer,
    csrf_ok,
    csrf_token,
    make_link,
    redeem_link,
    sign_out,
    viewer,
    voter_session,
)

__all__ = [
    # sessions
    "Viewer", "make_link", "redeem_link", "voter_session", "viewer", "sign_out",
    "csrf_token", "csrf_ok",
    # access
    "Access", "project_access", "require_person", "require_project", "member_of_meeting",
    "sees_closed", "visible_projects",
    # the workshop's voting rounds (a module: rounds.open_round, rounds.vote …)
    "rounds",
]
