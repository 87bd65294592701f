"""``Tx``: one open transaction, the composition of every aggregate's repository.

Each aggregate's repository is a module of its own behind a Protocol of
:mod:`nybureau.domain.ports` (``repo_projects`` → ``ProjectRepository``, ``repo_people``,
``repo_decisions``, ``repo_activities``, ``repo_meetings``, ``repo_substance``,
``repo_evaluation``, ``repo_history``, ``repo_batch`` (the facts of many projects),
``repo_admin``); ``Tx`` mixes them over one connection and satisfies
:class:`nybureau.domain.ports.Transaction`, which services annotate ``tx`` with. Rows go in as
keyword arguments and come out as the records of :mod:`nybureau.domain.records`, so services
never see SQLAlchemy. ``facts`` (the phase gate's snapshot) stays here.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from nybureau.domain.facts import ProjectFacts
from nybureau.domain.vocabulary import NON_FINAL_OUTCOMES
from nybureau.persistence import tables as t
from nybureau.persistence.chain import CURRENT_SCHEME, GENESIS_HASH, event_hash  # noqa: F401
from nybureau.persistence.build import refresh  # noqa: F401 (re-exported)
from nybureau.persistence.repo_activities import ActivityRepo
from nybureau.persistence.repo_admin import AdminRepo
from nybureau.persistence.repo_batch import BatchRepo
from nybureau.persistence.repo_decisions import DecisionRepo
from nybureau.persistence.repo_evaluation import EvaluationRepo
from nybureau.persistence.repo_history import HistoryRepo
from nybureau.persistence.repo_meetings import MeetingRepo
from nybureau.persistence.repo_people import PeopleRepo
from nybureau.persistence.repo_projects import ProjectRepo
from nybureau.persistence.repo_substance import SubstanceRepo


class Tx(ProjectRepo, PeopleRepo, DecisionRepo, ActivityRepo, MeetingRepo, SubstanceRepo,
         EvaluationRepo, HistoryRepo, BatchRepo, AdminRepo):
    """One open transaction with repository methods. Created by ``Store.transaction``."""

    def __init__(self, conn: Connection, actor: str, url: str) -> None:
        self.conn = conn
        self.actor = actor
        self.url = url
        self.now = datetime.now(timezone.utc).replace(microsecond=0)
        self._last_hash: str | None = None

    @property
    def sealing(self) -> bool:
        """Whether rows written in this transaction are sealed at commit (the state seal,
        :mod:`nybureau.persistence.seal`). A full-database import sets it to False: it copies
        the seals as they are."""
        rec = self.conn.info.get("nybureau.seal")
        return rec is not None and rec.enabled

    @sealing.setter
    def sealing(self, on: bool) -> None:
        rec = self.conn.info.get("nybureau.seal")
        if rec is not None:
            rec.enabled = bool(on)

    # -- facts for the phase gate --------------------------------------------------------------
    def facts(self, project) -> ProjectFacts:
        pid = project["id"]
        decisions: dict[tuple[str, str], str] = {}
        d = t.decision
        stmt = select(d.c.decision_key, d.c.body, d.c.outcome).where(d.c.project_id == pid,
                                                                     d.c.voided_at.is_(None))
        spec = self.workflow_spec(project["workflow_definition_id"])
        if spec.options.get("gate_decisions_from_approved_minutes"):
            # only decisions recorded at a meeting whose minutes are approved count
            stmt = stmt.where(d.c.source.in_(sorted(self.approved_minutes_sources(pid))))
        for key, body, outcome in self.conn.execute(stmt.order_by(d.c.decided_on, d.c.id)):
            if outcome in NON_FINAL_OUTCOMES and decisions.get((key, body), "postponed") not in \
                    NON_FINAL_OUTCOMES:
                continue  # a postponement does not undo an earlier final outcome
            decisions[(key, body)] = outcome
        m = t.membership
        body_members = dict(self.conn.execute(
            select(m.c.body, func.count()).where(m.c.project_id == pid).group_by(m.c.body)).all())
        a, pe = t.agent, t.person
        agents = dict(self.conn.execute(
            select(pe.c.id, pe.c.full_name).join(a, a.c.person_id == pe.c.id)
            .where(a.c.project_id == pid)).all())
        act, att = t.activity, t.activity_attendee
        scope = self._activity_scope(project) & act.c.voided_at.is_(None)
        counts = dict(self.conn.execute(
            select(act.c.kind, func.count()).where(scope).group_by(act.c.kind)).all())
        attendance: dict[tuple[str, int], set[int]] = {}
        for kind, number, person_id in self.conn.execute(
            select(act.c.kind, act.c.number, att.c.person_id)
            .outerjoin(att, att.c.activity_id == act.c.id)
            .where(scope, act.c.number.is_not(None))
        ):
            bucket = attendance.setdefault((kind, number), set())
            if person_id is not None:
                bucket.add(person_id)
        return ProjectFacts(
            decisions=decisions, body_members=body_members, agents=agents,
            activity_counts=counts,
            attendance={k: frozenset(v) for k, v in attendance.items()},
            counts=self.substance_counts(pid),
        )
