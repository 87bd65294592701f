"""``Tx``: one open transaction, the composition of every aggregate's repository.

Each aggregate's repository is a module of its own behind a Protocol of
:mod:`nybureau.domain.ports` (``repo_projects`` → ``ProjectRepository``, ``repo_people``,
``repo_decisions``, ``repo_activities``, ``repo_meetings``, ``repo_substance``,
``repo_evaluation``, ``repo_follow_up`` (0011), ``repo_web`` (0012), ``repo_risks`` (0013), ``repo_history``, ``repo_batch`` (the facts of many projects),
``repo_admin``); ``Tx`` mixes them over one connection and satisfies
:class:`nybureau.domain.ports.Transaction`, which services annotate ``tx`` with. Rows go in as
keyword arguments and come out as the records of :mod:`nybureau.domain.records`, so services
never see SQLAlchemy. ``facts`` (the phase gate's snapshot) stays here.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy.engine import Connection

from nybureau.domain.facts import ProjectFacts
from nybureau.persistence.chain import CURRENT_SCHEME, GENESIS_HASH, event_hash  # noqa: F401
from nybureau.persistence.build import refresh  # noqa: F401 (re-exported)
from nybureau.persistence.repo_activities import ActivityRepo
from nybureau.persistence.repo_admin import AdminRepo
from nybureau.persistence.repo_batch import BatchRepo
from nybureau.persistence.repo_decisions import DecisionRepo
from nybureau.persistence.repo_evaluation import EvaluationRepo
from nybureau.persistence.repo_evaluation_design import EvaluationDesignRepo
from nybureau.persistence.repo_fieldwork import FieldworkRepo
from nybureau.persistence.repo_follow_up import FollowUpRepo
from nybureau.persistence.repo_history import HistoryRepo
from nybureau.persistence.repo_meetings import MeetingRepo
from nybureau.persistence.repo_people import PeopleRepo
from nybureau.persistence.repo_programme import ProgrammeRepo
from nybureau.persistence.repo_projects import ProjectRepo
from nybureau.persistence.repo_risks import RiskRepo
from nybureau.persistence.repo_substance import SubstanceRepo
from nybureau.persistence.repo_web import WebRepo
from nybureau.persistence.repo_workshop_plan import WorkshopPlanRepo


class Tx(ProjectRepo, PeopleRepo, DecisionRepo, ActivityRepo, MeetingRepo, SubstanceRepo,
         EvaluationRepo, HistoryRepo, BatchRepo, AdminRepo, FollowUpRepo, WebRepo, RiskRepo,
         FieldworkRepo, WorkshopPlanRepo, EvaluationDesignRepo,
         ProgrammeRepo):
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
    def facts(self, project: dict[str, Any], as_of: Any = None) -> ProjectFacts:
        """The project's facts for the phase gate, read through the one facts module (the
        queries each requirement kind declares; see ``facts_many``); ``as_of``: as they stood
        on that day."""
        return self.facts_many([project], as_of=as_of)[project["id"]]
