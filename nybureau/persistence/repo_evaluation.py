"""The evaluation aggregate: survey rounds and answers, evaluation notes and spreading
activities — the evidence of phases 5–6 (:class:`nybureau.domain.ports.EvaluationRepository`)."""

from __future__ import annotations

from sqlalchemy import func, select

from nybureau.domain import records as r
from nybureau.persistence import tables as t
from nybureau.persistence.prepared import owned
from nybureau.persistence.repo_base import RowsBase

_EXEMPTIONS = {False: owned(t.exemption, order=("applied_on", "id"), live=True),
               True: owned(t.exemption, order=("applied_on", "id"))}


class EvaluationRepo(RowsBase):
    # -- surveys -----------------------------------------------------------------------------
    def survey_round_get(self, project_id: int, name: str) -> r.SurveyRound | None:
        sr = t.survey_round
        return self._rec(select(sr).where(sr.c.project_id == project_id, sr.c.name == name),
                         r.SurveyRound)

    def survey_round_insert(self, **values) -> int:
        return self._insert(t.survey_round, created_at=self.now, **values)

    def survey_questions(self, project_id: int) -> dict[str, r.SurveyQuestion]:
        q = t.survey_question
        return {row.text: row for row in self._recs(select(q).where(q.c.project_id == project_id),
                                                    r.SurveyQuestion)}

    def survey_question_insert(self, project_id: int, text: str, bottom_line: str) -> int:
        return self._insert(t.survey_question, project_id=project_id, text=text,
                            bottom_line=bottom_line)

    def survey_response_insert(self, round_id: int, respondent: str, role: str) -> int:
        return self._insert(t.survey_response, round_id=round_id, respondent=respondent,
                            role=role)

    def survey_answers_insert(self, rows: list[dict[str, int]]) -> None:
        if rows:
            self.conn.execute(t.survey_answer.insert(), rows)

    def survey_round_by_id(self, round_id: int) -> r.SurveyRound | None:
        return self._rec(select(t.survey_round).where(t.survey_round.c.id == round_id),
                         r.SurveyRound)

    def survey_rounds(self, project_id: int, include_voided: bool = False
                      ) -> list[r.SurveyRoundListed]:
        """The project's survey rounds with their respondents; voided ones only with
        ``include_voided``."""
        sr, rs = t.survey_round, t.survey_response
        n = (select(rs.c.round_id, func.count().label("respondents"))
             .group_by(rs.c.round_id).subquery())
        stmt = (select(sr, func.coalesce(n.c.respondents, 0).label("respondents"))
                .outerjoin(n, n.c.round_id == sr.c.id).where(sr.c.project_id == project_id))
        if not include_voided:
            stmt = stmt.where(sr.c.voided_at.is_(None))
        return self._recs(stmt.order_by(sr.c.held_on, sr.c.id), r.SurveyRoundListed)

    def survey_answers(self, project_id: int) -> list[r.SurveyAnswer]:
        """One row per answer: round, respondent (response id), role, question, bottom line."""
        sr, rs, sa, q = t.survey_round, t.survey_response, t.survey_answer, t.survey_question
        return self._recs(
            select(sr.c.id.label("round_id"), sr.c.name.label("round"), sr.c.kind,
                   sr.c.held_on, rs.c.id.label("response_id"), rs.c.role,
                   q.c.id.label("question_id"), q.c.text.label("question"), q.c.bottom_line,
                   sa.c.value, rs.c.respondent, sr.c.respondent_group)
            .join(rs, rs.c.round_id == sr.c.id)
            .join(sa, sa.c.response_id == rs.c.id)
            .join(q, q.c.id == sa.c.question_id)
            .where(sr.c.project_id == project_id, sr.c.voided_at.is_(None))
            .order_by(sr.c.held_on, sr.c.id, rs.c.id, q.c.id), r.SurveyAnswer
        )

    # -- evaluation notes and spreading ---------------------------------------------------------
    def note_insert(self, **values) -> int:
        return self._insert(t.evaluation_note, created_at=self.now, **values)

    def notes(self, project_id: int, include_voided: bool = False) -> list[r.EvaluationNote]:
        """The project's evaluation notes; voided ones only with ``include_voided``."""
        n = t.evaluation_note
        stmt = select(n).where(n.c.project_id == project_id)
        if not include_voided:
            stmt = stmt.where(n.c.voided_at.is_(None))
        return self._recs(stmt.order_by(n.c.held_on, n.c.id), r.EvaluationNote)

    def note_get(self, note_id: int) -> r.EvaluationNote | None:
        return self._rec(select(t.evaluation_note).where(t.evaluation_note.c.id == note_id),
                         r.EvaluationNote)

    def spreading_insert(self, **values) -> int:
        return self._insert(t.spreading_activity, created_at=self.now, **values)

    def spreading(self, project_id: int, include_voided: bool = False
                  ) -> list[r.SpreadingActivity]:
        """The project's spreading activities; voided ones only with ``include_voided``."""
        s = t.spreading_activity
        stmt = select(s).where(s.c.project_id == project_id)
        if not include_voided:
            stmt = stmt.where(s.c.voided_at.is_(None))
        return self._recs(stmt.order_by(s.c.held_on, s.c.id), r.SpreadingActivity)

    def spreading_get(self, spreading_id: int) -> r.SpreadingActivity | None:
        s = t.spreading_activity
        return self._rec(select(s).where(s.c.id == spreading_id), r.SpreadingActivity)

    # -- the free-municipality trial's exemptions (0017) ------------------------------------------
    def exemption_insert(self, **values) -> int:
        return self._insert(t.exemption, created_at=self.now, updated_at=self.now, **values)

    def exemption_update(self, exemption_id: int, **values) -> None:
        e = t.exemption
        self.conn.execute(e.update().where(e.c.id == exemption_id)
                          .values(updated_at=self.now, **values))

    def exemptions(self, project_id: int, include_voided: bool = False) -> list[r.Exemption]:
        """The project's exemptions in the order they were applied for; voided ones only with
        ``include_voided``."""
        return self._prepared(_EXEMPTIONS[bool(include_voided)], r.Exemption,
                              project_id=project_id)

    def exemption_get(self, exemption_id: int) -> r.Exemption | None:
        e = t.exemption
        return self._rec(select(e).where(e.c.id == exemption_id), r.Exemption)
