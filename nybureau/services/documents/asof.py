"""The records as they stood on a day: the read-only view every document is built through.

A document describes the project as it stood on its own date (its ``as_of``, declared per
document in the registry): :func:`as_of` wraps a transaction so that every read a builder makes
— directly or through the services it calls — answers as of that day:

* decisions, activities, agents, phase transitions, governance items, votes, focus areas,
  prototype iterations, survey rounds and their answers (open answers too), evaluation notes,
  spreading, the evaluation design, implementation ratings and interviews, the risk log's
  entries, the stakeholders and the field notes exist from their own date on (a risk closed after the day is
  still open); a prototype from its focus area's date;
* the project's phase and ``phase_entered_on`` are those of the last transition on or before
  the day; a project started after the day is not in a network's list;
* a frame project's step done after the day is not done yet;
* a body's members are those whose period (``valid_from``–``valid_to``) covers the day;
* a meeting after the day is planned (not held, its items without outcomes); minutes approved
  after the day are not approved; an agenda sent after the day is not sent; a meeting
  cancelled after the day is still planned;
* the phase gate's facts (``facts``) are read as of the day by the one facts module
  (:func:`nybureau.persistence.gatefacts.read_facts` with ``as_of``).

``inclusive=False`` leaves the day itself out (what happens on it is not yet known): an agenda
or decision paper shows the state just before its meeting, not what the meeting decides.
Writes are refused: the view is for reading only.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from nybureau.services.meetings import aware

__all__ = ["AsOf", "agenda_day", "as_of", "today"]

# what a builder may not do through the view
_WRITES = frozenset({
    "network_create", "workflow_store", "project_create", "project_touch",
    "projects_touch_many", "person_get_or_create", "membership_add", "membership_set_role",
    "membership_set_period", "agent_add", "decision_add", "decision_update", "activity_add",
    "attendees_add", "void_row", "meeting_add", "meeting_update", "meeting_person_set",
    "item_add", "item_update", "attachment_add", "gov_item_insert", "gov_item_update",
    "votes_insert", "vote_delete", "focus_insert", "prototype_insert", "prototype_update",
    "criterion_insert", "iteration_insert", "survey_round_insert", "survey_question_insert",
    "survey_response_insert", "survey_answers_insert", "note_insert", "spreading_insert",
    "risk_insert", "risk_update", "stakeholder_insert", "stakeholder_update",
    "design_set", "open_answers_insert", "rating_insert", "interview_insert",
    "field_note_insert",
    "exemption_insert", "exemption_update", "network_set_responsible",
    "transition_add", "transitions_add_many", "audit", "audit_many", "admin_insert",
    "admin_insert_many", "admin_insert_checked", "admin_update", "admin_update_unique",
    "admin_audit_append", "admin_secure_delete", "admin_reset_sequences",
})


def today(tx) -> date:
    """The transaction's day in Copenhagen."""
    return aware(tx.now).date()


def _local_day(value: datetime | date) -> date:
    return aware(value).date() if isinstance(value, datetime) else value


class AsOf:
    """``tx`` as of ``day`` (see the module's description)."""

    def __init__(self, tx, day: date, inclusive: bool = True,
                 own: tuple[str, int] | None = None) -> None:
        self._tx = tx
        self.day = day
        self.inclusive = inclusive
        # the document's own record, which stays as recorded: ("meeting", id) for minutes (their
        # approval), ("activity", id) for a network agenda (the network meeting's date)
        self.own = own
        # the last day whose records are known
        self.last = day if inclusive else day - timedelta(days=1)

    def __getattr__(self, name: str) -> Any:
        if name in _WRITES:
            raise AttributeError(f"the as-of view of the records is read-only ({name})")
        return getattr(self._tx, name)

    def known(self, value: datetime | date | None) -> bool:
        """Whether something dated ``value`` had happened by the view's day."""
        return value is not None and _local_day(value) <= self.last

    # -- projects --------------------------------------------------------------------------------
    def _project(self, p):
        if p is None:
            return None
        moves = [t for t in self._tx.transitions(p.id) if t.on_date <= self.last]
        if moves:
            return replace(p, phase=moves[-1].to_phase, phase_entered_on=moves[-1].on_date)
        spec = self._tx.workflow_spec(p.workflow_definition_id)
        return replace(p, phase=spec.phases[0].id, phase_entered_on=p.started_on)

    def project_get(self, slug: str):
        return self._project(self._tx.project_get(slug))

    def project_list(self, network_id: int | None = None):
        return [self._project(p) for p in self._tx.project_list(network_id=network_id)
                if p.started_on <= self.last]

    def transitions(self, project_id: int):
        return [t for t in self._tx.transitions(project_id) if t.on_date <= self.last]

    # -- people ----------------------------------------------------------------------------------
    def members(self, project_id: int):
        return [m for m in self._tx.members(project_id)
                if (m.valid_from is None or m.valid_from <= self.last)
                and (m.valid_to is None or m.valid_to >= self.last)]

    def agents(self, project_id: int):
        return [a for a in self._tx.agents(project_id) if a.appointed_on <= self.last]

    # -- decisions and activities ----------------------------------------------------------------
    def decisions(self, project_id: int, include_voided: bool = False):
        return [d for d in self._tx.decisions(project_id, include_voided)
                if d.decided_on <= self.last]

    def activities(self, project, include_voided: bool = False):
        return [a for a in self._tx.activities(project, include_voided)
                if a.held_on <= self.last or ("activity", a.id) == self.own]

    def network_meeting_get(self, network_id: int, number: int):
        found = self._tx.network_meeting_get(network_id, number)
        return found if found is not None and (
            found.held_on <= self.last or ("activity", found.id) == self.own) else None

    # -- meetings --------------------------------------------------------------------------------
    def _meeting(self, m):
        if m is None or ("meeting", m.id) == self.own:
            return m
        changes: dict[str, Any] = {}
        held = self.known(m.starts_at)
        if m.status == "cancelled" and not self._cancelled_by_then(m):
            changes["status"] = "planned"
        elif m.status in ("held", "approved") and not held:
            changes["status"] = "planned"
        elif m.status == "approved" and not self.known(m.approved_on):
            changes["status"] = "held"
        if m.approved_on is not None and not self.known(m.approved_on):
            changes["approved_on"] = None
        if m.agenda_sent_at is not None and not self.known(m.agenda_sent_at):
            changes["agenda_sent_at"] = None
        return replace(m, **changes) if changes else m

    def _cancelled_by_then(self, m) -> bool:
        from nybureau.services.meetings.cancelling import cancellation

        found = cancellation(self._tx, m)
        on = found["on"] if found else None
        return on is None or on <= self.last

    def meeting_get(self, meeting_id: int):
        return self._meeting(self._tx.meeting_get(meeting_id))

    def meeting_list(self, *, project_id: int | None = None, network_id: int | None = None):
        return [self._meeting(m) for m in self._tx.meeting_list(project_id=project_id,
                                                                 network_id=network_id)]

    def meeting_previous(self, meeting):
        return self._meeting(self._tx.meeting_previous(meeting))

    def approved_minutes_sources(self, project_id: int) -> set[str]:
        return {f"meeting:{m.id}" for m in self.meeting_list(project_id=project_id)
                if m.status == "approved"}

    def items(self, meeting_id: int, include_voided: bool = False):
        rows = self._tx.items(meeting_id, include_voided)
        meeting = self._tx.meeting_get(meeting_id)
        if meeting is None or self.known(meeting.starts_at):
            return rows
        return [replace(it, outcome=None, decision_text=None, decided_at=None) for it in rows]

    # -- substance -------------------------------------------------------------------------------
    def gov_items(self, project_id: int):
        return [i for i in self._tx.gov_items(project_id) if i.recorded_on <= self.last]

    def gov_item_get(self, project_id: int, item_id: int):
        found = self._tx.gov_item_get(project_id, item_id)
        return found if found is not None and found.recorded_on <= self.last else None

    def gov_item_by_title(self, project_id: int, title: str):
        found = self._tx.gov_item_by_title(project_id, title)
        return found if found is not None and found.recorded_on <= self.last else None

    def votes(self, project_id: int, include_voided: bool = False):
        return [v for v in self._tx.votes(project_id, include_voided)
                if v.voted_on <= self.last]

    def focus_areas(self, project_id: int):
        return [f for f in self._tx.focus_areas(project_id) if f.decided_on <= self.last]

    def prototypes(self, project_id: int, include_voided: bool = False):
        areas = {f.id for f in self.focus_areas(project_id)}
        return [replace(p, iterations=tuple(i for i in p.iterations
                                            if i.held_on <= self.last))
                for p in self._tx.prototypes(project_id, include_voided)
                if p.focus_area_id in areas]

    def substance_counts(self, project_id: int) -> dict[str, int]:
        live = [p for p in self.prototypes(project_id) if p.status != "dropped"]
        return {"governance_items": len(self.gov_items(project_id)), "prototypes": len(live),
                "prototypes_ready": sum(1 for p in live
                                        if p.criteria and p.evaluation_plan is not None),
                "votes": len(self.votes(project_id)),
                "survey_rounds": len(self.survey_rounds(project_id))}

    # -- evaluation ------------------------------------------------------------------------------
    def survey_rounds(self, project_id: int, include_voided: bool = False):
        return [s for s in self._tx.survey_rounds(project_id, include_voided)
                if s.held_on <= self.last]

    def survey_round_get(self, project_id: int, name: str):
        found = self._tx.survey_round_get(project_id, name)
        return found if found is not None and found.held_on <= self.last else None

    def survey_answers(self, project_id: int):
        return [a for a in self._tx.survey_answers(project_id) if a.held_on <= self.last]

    def notes(self, project_id: int, include_voided: bool = False):
        return [n for n in self._tx.notes(project_id, include_voided) if n.held_on <= self.last]

    def spreading(self, project_id: int, include_voided: bool = False):
        return [s for s in self._tx.spreading(project_id, include_voided)
                if s.held_on <= self.last]

    # -- the risk and barrier log, the communication plan -----------------------------------------
    def risks(self, project_id: int, include_voided: bool = False):
        out = []
        for e in self._tx.risks(project_id, include_voided):
            if e.noted_on > self.last:
                continue
            if e.closed_on is not None and e.closed_on > self.last:
                e = replace(e, status="open", closed_on=None, close_note=None)
            out.append(e)
        return out

    def stakeholders(self, project_id: int, include_voided: bool = False):
        return [s for s in self._tx.stakeholders(project_id, include_voided)
                if s.noted_on <= self.last]
    # -- evaluation by design (0016) -------------------------------------------------------------
    def design_get(self, project_id: int):
        found = self._tx.design_get(project_id)
        return found if found is not None and found.decided_on <= self.last else None

    def open_answers(self, project_id: int):
        return [a for a in self._tx.open_answers(project_id) if a.held_on <= self.last]

    def ratings(self, project_id: int):
        return [r for r in self._tx.ratings(project_id) if r.recorded_on <= self.last]

    def rating_get(self, project_id: int, element: str, round_: str):
        found = self._tx.rating_get(project_id, element, round_)
        return found if found is not None and found.recorded_on <= self.last else None

    def interviews(self, project_id: int):
        return [i for i in self._tx.interviews(project_id) if i.held_on <= self.last]
    # -- field work ------------------------------------------------------------------------------
    def field_notes(self, project_id: int, include_voided: bool = False):
        return [n for n in self._tx.field_notes(project_id, include_voided)
                if n.noted_on <= self.last]

    def field_note_get(self, note_id: int):
        found = self._tx.field_note_get(note_id)
        return found if found is not None and found.noted_on <= self.last else None
    # -- the frame project ------------------------------------------------------------------------
    def step_list(self, programme_id: int):
        return [replace(s, done_on=None) if s.done_on is not None and s.done_on > self.last
                else s for s in self._tx.step_list(programme_id)]
    def exemptions(self, project_id: int, include_voided: bool = False):
        """Those applied for by the day; an answer given later is not there yet."""
        return [e if e.answered_on is None or e.answered_on <= self.last
                else replace(e, status="sought", answered_on=None)
                for e in self._tx.exemptions(project_id, include_voided)
                if e.applied_on <= self.last]

    # -- the phase gate's facts ------------------------------------------------------------------
    def facts(self, project, as_of: Any = None):
        return self._tx.facts(project, as_of=self.last)

    def facts_many(self, projects, only: Any = None, as_of: Any = None):
        return self._tx.facts_many(projects, only, as_of=self.last)


def agenda_day(tx, meeting) -> tuple[date, bool]:
    """The day an agenda shows: when it was sent; else its meeting's (the state just before
    the meeting), or today if that is earlier."""
    if meeting["agenda_sent_at"] is not None:
        return aware(meeting["agenda_sent_at"]).date(), True
    starts, now = aware(meeting["starts_at"]).date(), today(tx)
    return (now, True) if now < starts else (starts, False)


def as_of(tx, day: date | None, inclusive: bool = True, own: tuple[str, int] | None = None):
    """``tx`` as of ``day`` (None or a day from today on: ``tx`` itself, since nothing is
    dated later than today). ``own``: the document's own record, kept as recorded (see
    :class:`AsOf`)."""
    if isinstance(tx, AsOf):
        tx = tx._tx
    if day is None or (inclusive and day >= today(tx)):
        return tx
    return AsOf(tx, day, inclusive, own)
