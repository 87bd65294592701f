"""Evaluation by design (0016): the evaluation design, the open answers of a survey, the
implementation questionnaire and the interview log
(:class:`nybureau.domain.ports.EvaluationDesignRepository`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from nybureau.domain import evaluation_records as er
from nybureau.persistence import tables as t
from nybureau.persistence.repo_base import RowsBase


class EvaluationDesignRepo(RowsBase):
    # -- the design ----------------------------------------------------------------------------
    def design_get(self, project_id: int) -> er.EvaluationDesign | None:
        d = t.evaluation_design
        return self._rec(select(d).where(d.c.project_id == project_id), er.EvaluationDesign)

    def design_set(self, project_id: int, **values: Any) -> int:
        """Insert the project's design, or replace the one it has; its id."""
        d = t.evaluation_design
        found = self.design_get(project_id)
        if found is None:
            return self._insert(d, project_id=project_id, created_at=self.now,
                                updated_at=self.now, **values)
        self.conn.execute(d.update().where(d.c.id == found.id)
                          .values(updated_at=self.now, **values))
        return found.id

    # -- open answers --------------------------------------------------------------------------
    def open_answers_insert(self, rows: list[dict[str, Any]]) -> None:
        if rows:
            self.conn.execute(t.survey_open_answer.insert(), rows)

    def open_answers(self, project_id: int) -> list[er.OpenAnswerListed]:
        """The open answers of the project's rounds (not voided), by round and respondent."""
        sr, rs, oa = t.survey_round, t.survey_response, t.survey_open_answer
        return self._recs(
            select(sr.c.name.label("round"), sr.c.kind, sr.c.held_on, sr.c.respondent_group,
                   rs.c.role, oa.c.question, oa.c.text)
            .join(rs, rs.c.round_id == sr.c.id)
            .join(oa, oa.c.response_id == rs.c.id)
            .where(sr.c.project_id == project_id, sr.c.voided_at.is_(None))
            .order_by(sr.c.held_on, sr.c.id, oa.c.question, rs.c.id), er.OpenAnswerListed)

    # -- the implementation questionnaire and the interview log -----------------------------------
    def rating_get(self, project_id: int, element: str, round_: str
                   ) -> er.ImplementationRating | None:
        """The element's current (not voided) degree in the round."""
        ir = t.implementation_rating
        return self._rec(select(ir).where(ir.c.project_id == project_id,
                                          ir.c.element == element, ir.c.round == round_,
                                          ir.c.voided_at.is_(None)),
                         er.ImplementationRating)

    def rating_by_id(self, rating_id: int) -> er.ImplementationRating | None:
        ir = t.implementation_rating
        return self._rec(select(ir).where(ir.c.id == rating_id), er.ImplementationRating)

    def rating_insert(self, **values: Any) -> int:
        return self._insert(t.implementation_rating, created_at=self.now, **values)

    def ratings(self, project_id: int, include_voided: bool = False
                ) -> list[er.ImplementationRating]:
        ir = t.implementation_rating
        stmt = select(ir).where(ir.c.project_id == project_id)
        if not include_voided:
            stmt = stmt.where(ir.c.voided_at.is_(None))
        return self._recs(stmt.order_by(ir.c.recorded_on, ir.c.round, ir.c.id),
                          er.ImplementationRating)

    def interview_insert(self, **values: Any) -> int:
        return self._insert(t.implementation_interview, created_at=self.now, **values)

    def interview_get(self, interview_id: int) -> er.ImplementationInterview | None:
        ii = t.implementation_interview
        return self._rec(select(ii).where(ii.c.id == interview_id),
                         er.ImplementationInterview)

    def interviews(self, project_id: int, include_voided: bool = False
                   ) -> list[er.ImplementationInterview]:
        ii = t.implementation_interview
        stmt = select(ii).where(ii.c.project_id == project_id)
        if not include_voided:
            stmt = stmt.where(ii.c.voided_at.is_(None))
        return self._recs(stmt.order_by(ii.c.held_on, ii.c.id), er.ImplementationInterview)
