"""Repository methods for the web view (0012, mixed into ``Tx``): grants, sign-in links,
sessions, sign-in attempts, members' approvals of minutes, workshop voting rounds and voters.
Rows go in as keyword arguments named like the columns and come out as the records of
:mod:`nybureau.domain.web_records`."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, select, update

from nybureau.domain import web_records as wr
from nybureau.persistence import tables as t
from nybureau.persistence.prepared import Prepared, owned

# the reads of every signed-in request
_PERSON = Prepared(lambda: select(t.person).where(t.person.c.id == bindparam("id")))
_SESSION = Prepared(lambda: select(t.web_session)
                    .where(t.web_session.c.token_hash == bindparam("token_hash")))
_APPROVALS = owned(t.minutes_approval, owner="meeting_id", order=("approved_at", "id"))
_GRANTS_OF = Prepared(lambda: select(t.web_grant)
                      .where(t.web_grant.c.person_id == bindparam("person_id"))
                      .order_by(t.web_grant.c.id))


class WebRepo:
    """The web view's rows."""

    def person_by_id(self, person_id: int) -> Any:
        """The person (a record of :mod:`nybureau.domain.records`), or None when forgotten."""
        from nybureau.domain import records as r

        return self._prepared_one(_PERSON, r.Person, id=person_id)

    def person_projects(self, person_id: int) -> set[int]:
        """The projects the person is a current member of a body in, or an agent of."""
        m, a = t.membership, t.agent
        ids = {row[0] for row in self.conn.execute(
            select(m.c.project_id).where(m.c.person_id == person_id, m.c.valid_to.is_(None)))}
        ids |= {row[0] for row in self.conn.execute(
            select(a.c.project_id).where(a.c.person_id == person_id))}
        return ids

    # -- grants ---------------------------------------------------------------------------------
    def grant_add(self, **values: Any) -> int:
        return self._insert(t.web_grant, created_at=self.now, **values)

    def grant_list(self, *, person_id: int | None = None, project_id: int | None = None,
                   network_id: int | None = None) -> list[wr.WebGrant]:
        if person_id is not None and project_id is None and network_id is None:
            return self._prepared(_GRANTS_OF, wr.WebGrant, person_id=person_id)
        g = t.web_grant
        stmt = select(g).order_by(g.c.id)
        for column, value in (("person_id", person_id), ("project_id", project_id),
                              ("network_id", network_id)):
            if value is not None:
                stmt = stmt.where(g.c[column] == value)
        return self._recs(stmt, wr.WebGrant)

    def grant_delete(self, grant_id: int) -> None:
        self.conn.execute(delete(t.web_grant).where(t.web_grant.c.id == grant_id))

    # -- one-time links -------------------------------------------------------------------------
    def token_add(self, **values: Any) -> int:
        return self._insert(t.web_token, created_at=self.now, **values)

    def token_by_hash(self, token_hash: str) -> wr.WebToken | None:
        return self._rec(select(t.web_token).where(t.web_token.c.token_hash == token_hash),
                         wr.WebToken)

    def token_use(self, token_id: int) -> bool:
        """Mark the link used; False when it already was (the one winner of a race)."""
        k = t.web_token
        done = self.conn.execute(update(k).where(k.c.id == token_id, k.c.used_at.is_(None))
                                 .values(used_at=self.now))
        return done.rowcount == 1

    # -- sessions -------------------------------------------------------------------------------
    def session_add(self, **values: Any) -> int:
        return self._insert(t.web_session, created_at=self.now, **values)

    def session_by_hash(self, token_hash: str) -> wr.WebSession | None:
        return self._prepared_one(_SESSION, wr.WebSession, token_hash=token_hash)

    def session_update(self, session_id: int, **values: Any) -> None:
        self.conn.execute(update(t.web_session).where(t.web_session.c.id == session_id)
                          .values(**values))

    def session_revoke_all(self, *, person_id: int | None = None,
                           voter_id: int | None = None) -> int:
        """Revoke every live session of a person (or a voter); how many were revoked."""
        s = t.web_session
        stmt = update(s).where(s.c.revoked_at.is_(None))
        stmt = (stmt.where(s.c.person_id == person_id) if person_id is not None
                else stmt.where(s.c.voter_id == voter_id))
        return self.conn.execute(stmt.values(revoked_at=self.now)).rowcount

    def session_list(self, person_id: int) -> list[wr.WebSession]:
        """Every session of a person, newest first (live, expired and revoked)."""
        s = t.web_session
        return self._recs(select(s).where(s.c.person_id == person_id)
                          .order_by(s.c.created_at.desc(), s.c.id.desc()), wr.WebSession)

    def web_forget(self, person_id: int) -> dict[str, int]:
        """Delete a person's sessions, sign-in links and grants (``person forget``): how many
        of each. A member's approval of minutes stays, like their attendance."""
        done = {}
        for name, table in (("sessions", t.web_session), ("links", t.web_token),
                            ("grants", t.web_grant)):
            done[name] = self.conn.execute(
                delete(table).where(table.c.person_id == person_id)).rowcount
        return done

    # -- the rate limit's attempts --------------------------------------------------------------
    def attempt_add(self, key: str, ok: bool) -> int:
        return self._insert(t.web_attempt, key=key, ok=int(bool(ok)), at=self.now)

    def attempt_count(self, key: str, since: datetime, *, ok: bool | None = None) -> int:
        a = t.web_attempt
        stmt = select(func.count()).select_from(a).where(a.c.key == key, a.c.at >= since)
        if ok is not None:
            stmt = stmt.where(a.c.ok == int(bool(ok)))
        return int(self.conn.execute(stmt).scalar_one())

    def attempt_delete(self, key: str) -> int:
        return self.conn.execute(delete(t.web_attempt).where(t.web_attempt.c.key == key)).rowcount

    def attempt_prune(self, before: datetime) -> int:
        return self.conn.execute(delete(t.web_attempt).where(t.web_attempt.c.at < before)).rowcount

    # -- members' approvals of minutes ----------------------------------------------------------
    def approval_add(self, meeting_id: int, person_id: int) -> int:
        return self._insert(t.minutes_approval, meeting_id=meeting_id, person_id=person_id,
                            approved_at=self.now)

    def approval_list(self, meeting_id: int) -> list[wr.MinutesApproval]:
        return self._prepared(_APPROVALS, wr.MinutesApproval, meeting_id=meeting_id)

    # -- workshop voting rounds -----------------------------------------------------------------
    def round_add(self, **values: Any) -> int:
        return self._insert(t.workshop_round, opened_at=self.now, **values)

    def round_get(self, round_id: int) -> wr.WorkshopRound | None:
        return self._rec(select(t.workshop_round).where(t.workshop_round.c.id == round_id),
                         wr.WorkshopRound)

    def round_by_code(self, code: str) -> wr.WorkshopRound | None:
        return self._rec(select(t.workshop_round).where(t.workshop_round.c.code == code),
                         wr.WorkshopRound)

    def round_list(self, project_id: int) -> list[wr.WorkshopRound]:
        r = t.workshop_round
        return self._recs(select(r).where(r.c.project_id == project_id)
                          .order_by(r.c.opened_at, r.c.id), wr.WorkshopRound)

    def round_project(self, round_id: int) -> Any:
        """The project (a record of :mod:`nybureau.domain.records`) a round belongs to."""
        from nybureau.domain import records as r

        r_ = t.workshop_round
        return self._rec(self._project_select().join(r_, r_.c.project_id == t.project.c.id)
                         .where(r_.c.id == round_id), r.Project)

    def round_update(self, round_id: int, **values: Any) -> None:
        self.conn.execute(update(t.workshop_round).where(t.workshop_round.c.id == round_id)
                          .values(**values))

    def voter_add(self, **values: Any) -> int:
        return self._insert(t.workshop_voter, joined_at=self.now, **values)

    def voter_get(self, voter_id: int) -> wr.WorkshopVoter | None:
        return self._rec(select(t.workshop_voter).where(t.workshop_voter.c.id == voter_id),
                         wr.WorkshopVoter)

    def voter_update(self, voter_id: int, **values: Any) -> None:
        self.conn.execute(update(t.workshop_voter).where(t.workshop_voter.c.id == voter_id)
                          .values(**values))

    def voter_labels(self, project_id: int) -> list[str]:
        """The labels of every voter in the project's rounds."""
        v, r_ = t.workshop_voter, t.workshop_round
        return list(self.conn.execute(select(v.c.label).join(r_, r_.c.id == v.c.round_id)
                                      .where(r_.c.project_id == project_id)).scalars())

    def voter_list(self, round_id: int) -> list[wr.WorkshopVoter]:
        v = t.workshop_voter
        return self._recs(select(v).where(v.c.round_id == round_id).order_by(v.c.id),
                          wr.WorkshopVoter)


__all__ = ["WebRepo"]
