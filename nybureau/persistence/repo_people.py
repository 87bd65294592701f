"""The people aggregate: persons, the members of a project's bodies and its agents
(:class:`nybureau.domain.ports.PeopleRepository`)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import bindparam, func, select, update

from nybureau.domain import records as r
from nybureau.persistence import tables as t
from nybureau.persistence.build import build
from nybureau.persistence.prepared import Prepared
from nybureau.persistence.repo_base import RowsBase, read_once

_MEMBERS = Prepared(lambda: select(
    t.membership.c.body, t.membership.c.role, t.person.c.full_name,
    t.person.c.id.label("person_id"), t.membership.c.valid_from, t.membership.c.valid_to)
    .join(t.person, t.person.c.id == t.membership.c.person_id)
    .where(t.membership.c.project_id == bindparam("project_id"))
    .order_by(t.membership.c.body, t.membership.c.id))
_AGENTS = Prepared(lambda: select(
    t.agent.c.title, t.agent.c.appointed_on, t.person.c.full_name,
    t.person.c.id.label("person_id"))
    .join(t.person, t.person.c.id == t.agent.c.person_id)
    .where(t.agent.c.project_id == bindparam("project_id")).order_by(t.agent.c.id))


class PeopleRepo(RowsBase):
    # -- people, bodies, agents -------------------------------------------------------------
    def person_get(self, full_name: str) -> r.Person | None:
        return self._rec(select(t.person).where(t.person.c.full_name == full_name), r.Person)

    def person_by_email(self, address: str) -> r.Person | None:
        """The person whose work e-mail address this is, in any case."""
        pe = t.person
        return self._rec(select(pe).where(func.lower(pe.c.email) == address.lower()).limit(1),
                         r.Person)

    def person_names_like(self, prefix: str) -> list[str]:
        """The names of the persons whose name begins with ``prefix`` (no wildcards in it)."""
        pe = t.person
        return list(self.conn.execute(select(pe.c.full_name)
                                      .where(pe.c.full_name.like(prefix + "%"))).scalars())

    def person_list(self) -> list[r.Person]:
        """Every person, by id."""
        return self._recs(select(t.person).order_by(t.person.c.id), r.Person)

    def person_get_or_create(self, full_name: str) -> tuple[r.Person, bool]:
        row = self.person_get(full_name)
        if row:
            return row, False
        pid = self._insert(t.person, full_name=full_name, created_at=self.now)
        # every column (None when not given), so a column a migration adds needs no change here
        return build(r.Person, dict.fromkeys(t.person.c.keys()), id=pid, full_name=full_name,
                     created_at=self.now), True

    def membership_get(self, project_id: int, body: str, person_id: int
                       ) -> r.Membership | None:
        m = t.membership
        return self._rec(select(m).where(m.c.project_id == project_id, m.c.body == body,
                                         m.c.person_id == person_id), r.Membership)

    def membership_add(self, project_id: int, body: str, person_id: int, role: str | None,
                       valid_from: date | None = None, valid_to: date | None = None) -> int:
        return self._insert(t.membership, project_id=project_id, body=body, person_id=person_id,
                            role=role, valid_from=valid_from, valid_to=valid_to,
                            created_at=self.now)

    def membership_set_period(self, membership_id: int, valid_from: date | None,
                              valid_to: date | None) -> None:
        self.conn.execute(update(t.membership).where(t.membership.c.id == membership_id)
                          .values(valid_from=valid_from, valid_to=valid_to))

    def membership_set_role(self, membership_id: int, role: str | None) -> None:
        self.conn.execute(update(t.membership).where(t.membership.c.id == membership_id)
                          .values(role=role))

    @read_once
    def members(self, project_id: int) -> list[r.Member]:
        return self._prepared(_MEMBERS, r.Member, project_id=project_id)

    def agent_get(self, project_id: int, person_id: int) -> r.Agent | None:
        a = t.agent
        return self._rec(select(a).where(a.c.project_id == project_id,
                                         a.c.person_id == person_id), r.Agent)

    def agent_add(self, project_id: int, person_id: int, title: str | None, on: date) -> int:
        return self._insert(t.agent, project_id=project_id, person_id=person_id, title=title,
                            appointed_on=on, created_at=self.now)

    @read_once
    def agents(self, project_id: int) -> list[r.AppointedAgent]:
        return self._prepared(_AGENTS, r.AppointedAgent, project_id=project_id)
