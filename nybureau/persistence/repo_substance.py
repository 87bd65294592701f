"""The substance aggregate: governance items, votes, focus areas and prototypes (phases 3–4),
and the network comparison's figures (:class:`nybureau.domain.ports.SubstanceRepository`; the
evaluation evidence of phases 5–6 is in ``repo_evaluation``). A mixin of
:class:`~nybureau.persistence.repository.Tx`: the methods use ``self.conn``, ``self.now`` and the
helpers of :class:`~nybureau.persistence.repo_base.RowsBase`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    String,
    and_,
    bindparam,
    cast,
    delete,
    func,
    literal,
    select,
    union_all,
    update,
)

from nybureau.domain import records as r
from nybureau.persistence import tables as t
from nybureau.persistence.build import build
from nybureau.persistence.prepared import Prepared, owned
from nybureau.persistence.repo_base import read_once


def _item_select():
    gi, pe = t.governance_item, t.person
    return select(gi, pe.c.full_name.label("agent")).outerjoin(pe, pe.c.id == gi.c.agent_person_id)


def _counts():
    """The counts the substance requirements and the documents read, of ``:project_id``."""
    gi, pr, pc = t.governance_item, t.prototype, t.prototype_criterion
    pid = bindparam("project_id")
    has_criteria = select(pc.c.id).where(pc.c.prototype_id == pr.c.id,
                                         pc.c.voided_at.is_(None)).exists()
    ready = and_(has_criteria, pr.c.evaluation_plan.is_not(None))
    items = select(func.count()).select_from(gi).where(gi.c.project_id == pid)
    protos = select(func.count()).select_from(pr).where(pr.c.project_id == pid,
                                                        pr.c.status != "dropped")
    ready_q = select(func.count()).select_from(pr).where(
        pr.c.project_id == pid, pr.c.status != "dropped", ready)
    v, sr = t.vote, t.survey_round
    votes = select(func.count()).select_from(v).where(v.c.project_id == pid,
                                                      v.c.voided_at.is_(None))
    rounds = select(func.count()).select_from(sr).where(sr.c.project_id == pid,
                                                        sr.c.voided_at.is_(None))
    return select(items.scalar_subquery().label("items"),
                  protos.scalar_subquery().label("protos"),
                  ready_q.scalar_subquery().label("ready"),
                  votes.scalar_subquery().label("votes"),
                  rounds.scalar_subquery().label("rounds"))


_ITEMS = Prepared(lambda: _item_select()
                  .where(t.governance_item.c.project_id == bindparam("project_id"))
                  .order_by(t.governance_item.c.id))
_FOCUS_AREAS = owned(t.focus_area)
_FOCUS_LINKS = Prepared(lambda: select(t.focus_area_item.c.focus_area_id,
                                       t.focus_area_item.c.item_id)
                        .join(t.focus_area, t.focus_area.c.id == t.focus_area_item.c.focus_area_id)
                        .where(t.focus_area.c.project_id == bindparam("project_id"))
                        .order_by(t.focus_area_item.c.item_id))
_COUNTS = Prepared(_counts)


class SubstanceRepo:
    # -- governance items -------------------------------------------------------------------
    def _item_select(self):
        return _item_select()

    def gov_item_insert(self, **values) -> int:
        return self._insert(t.governance_item, created_at=self.now, updated_at=self.now,
                            **values)

    def gov_item_get(self, project_id: int, item_id: int) -> r.GovernanceItem | None:
        gi = t.governance_item
        return self._rec(self._item_select().where(gi.c.project_id == project_id,
                                                   gi.c.id == item_id), r.GovernanceItem)

    def gov_item_by_title(self, project_id: int, title: str) -> r.GovernanceItem | None:
        gi = t.governance_item
        return self._rec(self._item_select().where(gi.c.project_id == project_id,
                                                   gi.c.title == title), r.GovernanceItem)

    def gov_items(self, project_id: int) -> list[r.GovernanceItem]:
        return self._prepared(_ITEMS, r.GovernanceItem, project_id=project_id)

    def gov_item_update(self, item_id: int, **values) -> None:
        self.conn.execute(update(t.governance_item).where(t.governance_item.c.id == item_id)
                          .values(updated_at=self.now, **values))

    # -- votes --------------------------------------------------------------------------------
    def votes_insert(self, rows: list[dict[str, Any]]) -> list[int]:
        return [self._insert(t.vote, created_at=self.now, **r) for r in rows]

    def vote_get(self, item_id: int, participant: str, include_voided: bool = False
                 ) -> r.Vote | None:
        """The participant's vote on the item (there is at most one); a voided one only with
        ``include_voided``."""
        v = t.vote
        stmt = select(v).where(v.c.item_id == item_id, v.c.participant == participant)
        if not include_voided:
            stmt = stmt.where(v.c.voided_at.is_(None))
        return self._rec(stmt, r.Vote)

    def vote_roles(self, project_id: int) -> dict[str, int]:
        """The number of the project's votes (not voided) cast per chain role."""
        v = t.vote
        return {role: n for role, n in self.conn.execute(
            select(v.c.chain_role, func.count()).where(v.c.project_id == project_id,
                                                       v.c.voided_at.is_(None))
            .group_by(v.c.chain_role).order_by(v.c.chain_role))}

    def vote_by_id(self, vote_id: int) -> r.Vote | None:
        return self._rec(select(t.vote).where(t.vote.c.id == vote_id), r.Vote)

    def vote_delete(self, vote_id: int) -> None:
        self.conn.execute(delete(t.vote).where(t.vote.c.id == vote_id))

    def votes(self, project_id: int, include_voided: bool = False) -> list[r.VoteOnItem]:
        """The project's votes; voided ones only with ``include_voided``."""
        v, gi = t.vote, t.governance_item
        stmt = (select(v, gi.c.title.label("item_title")).join(gi, gi.c.id == v.c.item_id)
                .where(v.c.project_id == project_id))
        if not include_voided:
            stmt = stmt.where(v.c.voided_at.is_(None))
        return self._recs(stmt.order_by(v.c.item_id, v.c.id), r.VoteOnItem)

    def votes_by(self, project_id: int, participants: list[str]) -> list[r.VoteOnItem]:
        """The project's votes (not voided) cast by these participants."""
        if not participants:
            return []
        v, gi = t.vote, t.governance_item
        return self._recs(select(v, gi.c.title.label("item_title"))
                          .join(gi, gi.c.id == v.c.item_id)
                          .where(v.c.project_id == project_id, v.c.voided_at.is_(None),
                                 v.c.participant.in_(sorted(set(participants))))
                          .order_by(v.c.item_id, v.c.id), r.VoteOnItem)

    # -- focus areas ----------------------------------------------------------------------------
    def focus_insert(self, project_id: int, title: str, description: str | None, decided_on,
                     reason: str | None, item_ids: list[int],
                     start_year: int | None = None, end_year: int | None = None) -> int:
        fid = self._insert(t.focus_area, project_id=project_id, title=title,
                           description=description, decided_on=decided_on, reason=reason,
                           created_at=self.now, start_year=start_year, end_year=end_year)
        if item_ids:
            self.conn.execute(t.focus_area_item.insert(),
                              [{"focus_area_id": fid, "item_id": i} for i in item_ids])
        return fid

    @read_once
    def focus_areas(self, project_id: int) -> list[r.FocusArea]:
        rows = _FOCUS_AREAS.rows(self.conn, project_id=project_id)
        links: dict[int, list[int]] = {}
        for link in _FOCUS_LINKS.rows(self.conn, project_id=project_id) if rows else ():
            links.setdefault(link["focus_area_id"], []).append(link["item_id"])
        return [build(r.FocusArea, row, item_ids=tuple(links.get(row["id"], ())))
                for row in rows]

    # -- prototypes --------------------------------------------------------------------------------
    def prototype_insert(self, **values) -> int:
        return self._insert(t.prototype, created_at=self.now, updated_at=self.now, **values)

    def prototype_update(self, prototype_id: int, **values) -> None:
        self.conn.execute(update(t.prototype).where(t.prototype.c.id == prototype_id)
                          .values(updated_at=self.now, **values))

    def prototypes(self, project_id: int, include_voided: bool = False
                   ) -> list[r.Prototype]:
        """Every prototype with its focus area, criteria and iterations; voided criteria only
        with ``include_voided``."""
        pr, fa = t.prototype, t.focus_area
        rows = self._all(select(pr, fa.c.title.label("focus_area"))
                         .join(fa, fa.c.id == pr.c.focus_area_id)
                         .where(pr.c.project_id == project_id).order_by(pr.c.id))
        ids = [r["id"] for r in rows]
        crit: dict[int, list[r.Criterion]] = {}
        its: dict[int, list[r.Iteration]] = {}
        if ids:
            pc, pi = t.prototype_criterion, t.prototype_iteration
            crit_stmt = select(pc).where(pc.c.prototype_id.in_(ids))
            if not include_voided:
                crit_stmt = crit_stmt.where(pc.c.voided_at.is_(None))
            for c in self._recs(crit_stmt.order_by(pc.c.id), r.Criterion):
                crit.setdefault(c.prototype_id, []).append(c)
            for i in self._recs(select(pi).where(pi.c.prototype_id.in_(ids))
                                .order_by(pi.c.number), r.Iteration):
                its.setdefault(i.prototype_id, []).append(i)
        return [build(r.Prototype, row, criteria=tuple(crit.get(row["id"], ())),
                      iterations=tuple(its.get(row["id"], ()))) for row in rows]

    def criterion_get(self, criterion_id: int) -> r.CriterionOfPrototype | None:
        """A criterion with its prototype's project id and title."""
        pc, pr = t.prototype_criterion, t.prototype
        return self._rec(select(pc, pr.c.project_id, pr.c.title.label("prototype_title"))
                         .join(pr, pr.c.id == pc.c.prototype_id).where(pc.c.id == criterion_id),
                         r.CriterionOfPrototype)

    def criterion_insert(self, prototype_id: int, bottom_line: str | None, text: str,
                         target: str | None = None) -> int:
        return self._insert(t.prototype_criterion, prototype_id=prototype_id,
                            bottom_line=bottom_line, text=text, target=target,
                            created_at=self.now)

    def criterion_measure(self, criterion_id: int, *, measured: str, met: bool | None,
                          measured_on) -> None:
        pc = t.prototype_criterion
        self.conn.execute(update(pc).where(pc.c.id == criterion_id)
                          .values(measured=measured, met=met, measured_on=measured_on))

    def iteration_insert(self, **values) -> int:
        return self._insert(t.prototype_iteration, created_at=self.now, **values)

    # -- facts for the phase gate ------------------------------------------------------------------
    def substance_counts(self, project_id: int) -> dict[str, int]:
        """Counts the substance requirement kinds read (one query)."""
        row = _COUNTS.first(self.conn, project_id=project_id)
        return {"governance_items": row["items"], "prototypes": row["protos"],
                "prototypes_ready": row["ready"], "votes": row["votes"],
                "survey_rounds": row["rounds"]}

    # -- the network comparison ---------------------------------------------------------------
    def network_substance(self, network_id: int) -> list[r.NetworkFigure]:
        """Every figure the network comparison needs, for all the network's projects, in ONE
        statement: rows of (project_id, metric, key, value, n)."""
        p, gi, v, fa = t.project, t.governance_item, t.vote, t.focus_area
        pr, sr, rs, sa, q = (t.prototype, t.survey_round, t.survey_response, t.survey_answer,
                             t.survey_question)
        in_net = p.c.network_id == network_id
        s = lambda x: cast(x, String)  # noqa: E731
        parts = [
            select(p.c.id.label("project_id"), literal("phase").label("metric"),
                   s(p.c.phase).label("key"), literal(0).label("value"), literal(0).label("n"))
            .where(in_net),
            select(gi.c.project_id, literal("items"), s(gi.c.kind), func.count(), literal(0))
            .join(p, p.c.id == gi.c.project_id).where(in_net)
            .group_by(gi.c.project_id, gi.c.kind),
            select(v.c.project_id, literal("votes"),
                   s(v.c.item_id) + literal(":") + s(v.c.verdict),
                   func.sum(v.c.points), func.count())
            .join(p, p.c.id == v.c.project_id).where(in_net, v.c.voided_at.is_(None))
            .group_by(v.c.project_id, v.c.item_id, v.c.verdict),
            select(fa.c.project_id, literal("focus_areas"), s(fa.c.title), literal(1), literal(0))
            .join(p, p.c.id == fa.c.project_id).where(in_net),
            select(pr.c.project_id, literal("prototypes"), s(pr.c.status), func.count(),
                   literal(0))
            .join(p, p.c.id == pr.c.project_id).where(in_net)
            .group_by(pr.c.project_id, pr.c.status),
            select(sr.c.project_id, literal("survey"),
                   s(sr.c.kind) + literal(":") + s(q.c.bottom_line),
                   func.sum(sa.c.value), func.count(sa.c.value))
            .join(p, p.c.id == sr.c.project_id).join(rs, rs.c.round_id == sr.c.id)
            .join(sa, sa.c.response_id == rs.c.id).join(q, q.c.id == sa.c.question_id)
            .where(in_net, sr.c.voided_at.is_(None))
            .group_by(sr.c.project_id, sr.c.kind, q.c.bottom_line),
            select(sr.c.project_id, literal("respondents"),
                   s(sr.c.kind) + literal(":") + s(q.c.bottom_line),
                   func.count(func.distinct(rs.c.id)), literal(0))
            .join(p, p.c.id == sr.c.project_id).join(rs, rs.c.round_id == sr.c.id)
            .join(sa, sa.c.response_id == rs.c.id).join(q, q.c.id == sa.c.question_id)
            .where(in_net, sr.c.voided_at.is_(None))
            .group_by(sr.c.project_id, sr.c.kind, q.c.bottom_line),
        ]
        a, att, ag = t.activity, t.activity_attendee, t.agent
        parts += [
            select(ag.c.project_id, literal("agents"), literal(""), func.count(), literal(0))
            .join(p, p.c.id == ag.c.project_id).where(in_net).group_by(ag.c.project_id),
            # network meetings belong to the network: which of each project's agents came
            select(ag.c.project_id, literal("network_meeting"), s(a.c.number),
                   func.count(func.distinct(ag.c.person_id)), literal(0))
            .select_from(a).join(att, att.c.activity_id == a.c.id)
            .join(ag, ag.c.person_id == att.c.person_id).join(p, p.c.id == ag.c.project_id)
            .where(in_net, a.c.network_id == network_id, a.c.kind == "network_meeting",
                   a.c.voided_at.is_(None))
            .group_by(ag.c.project_id, a.c.number),
        ]
        stmt = union_all(*parts)
        return [build(r.NetworkFigure, row._mapping) for row in self.conn.execute(stmt)]
