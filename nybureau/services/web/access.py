"""Who may see and do what on the web, per project and body.

* **leader** (projektleder): every write of the project — a ``web_grant`` with role leader for
  the project or its network, or a membership of one of the project's bodies whose role says
  projektleder (as ``due`` reads it);
* **secretary**: the project's meetings and minutes — a grant with role secretary;
* **member** of a body: reads the body's meetings including closed items, approves their
  minutes — a membership of the body valid on the meeting's day;
* **agent** (dokumentationsagent): reads the project and facilitates its workshop;
* **reader**: the public renders only — a grant with role reader, or a member of another body;
* a **workshop voter** reaches nothing but the voting round they joined.

Every function takes the :class:`~nybureau.services.web.sessions.Viewer` (or None) and answers
from the records; a refusal is :class:`~nybureau.errors.Denied` with what to do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from nybureau.errors import Denied
from nybureau.i18n import Msg

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx
    from nybureau.services.web.sessions import Viewer

ROLES = ("leader", "secretary", "reader")
LEADER_WORD = "projektleder"


@dataclass(frozen=True)
class Access:
    """What one person may do in one project."""

    project_id: int
    leader: bool = False
    secretary: bool = False
    agent: bool = False
    reader: bool = False
    bodies: frozenset[str] = frozenset()  # the bodies the person is a member of (today)

    @property
    def any(self) -> bool:
        return self.leader or self.secretary or self.agent or self.reader or bool(self.bodies)

    @property
    def writes_meetings(self) -> bool:
        return self.leader or self.secretary

    @property
    def facilitates(self) -> bool:
        return self.leader or self.agent


def member_on(member: Any, on: date | None) -> bool:
    """Whether a membership holds on ``on`` (None: still a member today)."""
    if on is None:
        return member.valid_to is None
    return ((member.valid_from is None or member.valid_from <= on)
            and (member.valid_to is None or on <= member.valid_to))


def require_person(viewer: Viewer | None) -> Viewer:
    """The signed-in person, or Denied (nobody signed in, or a workshop voter)."""
    if viewer is None:
        raise Denied(Msg("Sign in first: use the personal link you were sent, or ask for one "
                         "on the sign-in page."))
    if viewer.person_id is None:
        raise Denied(Msg("A workshop participant can only vote in the workshop they joined."))
    return viewer


def project_access(tx: Tx, viewer: Viewer | None, project: Any,
                   on: date | None = None) -> Access:
    """What the viewer may do in ``project`` (a project record); members as of ``on``."""
    if viewer is None or viewer.person_id is None:
        return Access(project.id)
    pid = viewer.person_id
    grants = {g.role for g in tx.grant_list(person_id=pid)
              if g.project_id == project.id
              or (g.network_id is not None and g.network_id == project.network_id)}
    members = [m for m in tx.members(project.id) if m.person_id == pid and member_on(m, on)]
    bodies = frozenset(m.body for m in members)
    leader = "leader" in grants or any(LEADER_WORD in (m.role or "").lower() for m in members)
    agent = any(a.person_id == pid for a in tx.agents(project.id))
    return Access(project.id, leader=leader, secretary="secretary" in grants, agent=agent,
                  reader="reader" in grants, bodies=bodies)


def require_project(tx: Tx, viewer: Viewer | None, project: Any) -> Access:
    """The viewer's access to the project, or Denied when they have none."""
    require_person(viewer)
    access = project_access(tx, viewer, project)
    if not access.any:
        raise Denied(Msg("You have no role in the project “{name}”. Ask its project leader "
                         "to add you.", name=project.name))
    return access


def member_of_meeting(tx: Tx, viewer: Viewer | None, meeting: Any) -> bool:
    """Whether the viewer was a member of the meeting's body on its day."""
    if viewer is None or viewer.person_id is None or meeting["project_id"] is None:
        return False
    on = meeting["starts_at"].date()
    return any(m.person_id == viewer.person_id and m.body == meeting["body"]
               and member_on(m, on)
               for m in tx.members(meeting["project_id"]))


def sees_closed(tx: Tx, viewer: Viewer | None, meeting: Any, access: Access) -> bool:
    """Closed items are shown to the body's members and to those who write its meetings."""
    return access.writes_meetings or member_of_meeting(tx, viewer, meeting)


def visible_projects(tx: Tx, viewer: Viewer | None) -> list[Any]:
    """The projects the viewer has any role in (a network grant gives its projects)."""
    require_person(viewer)
    # the same answer as project_access(...).any for each project, in three queries in all
    grants = tx.grant_list(person_id=viewer.person_id)
    projects = {g.project_id for g in grants if g.project_id is not None}
    networks = {g.network_id for g in grants if g.network_id is not None}
    projects |= tx.person_projects(viewer.person_id)
    return [p for p in tx.project_list()
            if p.id in projects or (p.network_id is not None and p.network_id in networks)]


__all__ = ["Access", "ROLES", "member_of_meeting", "member_on", "project_access",
           "require_person",
           "require_project", "sees_closed", "visible_projects"]
