"""The year plan (*årshjul*) of a project or of a network: which body meets when, and which
decisions each meeting is expected to take.

The expected decisions come from the workflow's phases (each phase's decisions and the bodies
that take them) and the planned dates: phase by phase from the project's current one, a decision
a body has not yet taken goes to the planned meeting of that body whose agenda already asks for
it, else to the body's first planned meeting after the meetings the previous phase's decisions
were put on (a phase's gate is passed before the next phase's decisions come up). A decision
already taken is shown at the meeting that took it, as taken. A decision no planned meeting can
take is listed under *Endnu ikke planlagt* with the body that takes it. The network's year plan
has its network meetings 1–4 (with their themes, planned or not) and every project's meetings.

Shown as of the date asked for (``render --as-of``, default today): no rule in ``DATED``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from nybureau.domain.decisions import effective_decision
from nybureau.domain.meetings import NETWORK_THEMES, STATUSES
from nybureau.domain.records import Network, Project
from nybureau.domain.vocabulary import BODIES, SATISFYING_OUTCOMES, OUTCOMES, label
from nybureau.i18n import Msg
from nybureau.services.documents.asof import today
from nybureau.services.documents.parts import project_facts, source
from nybureau.services.documents.registry import (
    DocumentData,
    Needs,
    Section,
    Words,
    always,
    document,
)
from nybureau.services.meetings import aware, meeting_name


def _taken(tx, project: Project) -> dict[tuple[str, str], Any]:
    """(decision key, body) → the effective decision."""
    rows: dict[tuple[str, str], list[Any]] = {}
    for d in tx.decisions(project.id):
        if d.voided_at is None:
            rows.setdefault((d.decision_key, d.body), []).append(d)
    out = {}
    for key, found in rows.items():
        best = effective_decision(found, outcome=lambda d: d.outcome,
                                  order=lambda d: (d.decided_on, d.id))
        if best is not None:
            out[key] = best
    return out


def _meeting_of(decision: Any) -> int | None:
    kind, _, ref = (decision.source or "").partition(":")
    return int(ref) if kind == "meeting" and ref.isdigit() else None


def project_plan(tx, project: Project, lang: str) -> tuple[list[dict[str, Any]],
                                                         list[dict[str, Any]]]:
    """The project's meetings (each with ``decisions``: title, state taken | expected, outcome)
    and the decisions no planned meeting can take yet (title, body)."""
    from nybureau.workflow.spec import text

    spec = tx.workflow_spec(project.workflow_definition_id)
    meetings = sorted(tx.meeting_list(project_id=project.id),
                      key=lambda m: (aware(m.starts_at), m.id))
    rows = {m.id: _row(m, lang, today(tx)) for m in meetings}
    on_agenda = {m.id: {it.decision_key for it in tx.items(m.id) if it.decision_key
                        and not it.outcome}
                 for m in meetings if m.status == "planned"}
    taken = _taken(tx, project)
    unplaced: list[dict[str, Any]] = []
    start = spec.index(project.phase) if spec.phase(project.phase) else len(spec.phases)
    floor: date | None = None
    for index, phase in enumerate(spec.phases):
        latest = floor
        for d in phase.decisions:
            title = text(d.title, lang)
            for body in d.by:
                done = taken.get((d.id, body))
                ok = SATISFYING_OUTCOMES | ({"noted"} if d.allow_noted else set())
                if done is not None and done.outcome in ok:
                    # recorded at a meeting, or (recorded by hand) on the day the body met
                    mid = _meeting_of(done) or next(
                        (m.id for m in meetings if m.body == body and m.status != "cancelled"
                         and aware(m.starts_at).date() == done.decided_on), None)
                    if mid in rows:
                        rows[mid]["decisions"].append({
                            "title": title, "state": "taken",
                            "outcome": label(OUTCOMES, done.outcome, lang),
                            "decided_on": done.decided_on})
                    continue
                if index < start:
                    continue  # a phase left behind: nothing more is expected of it
                chosen = next((m for m in meetings if m.id in on_agenda and m.body == body
                               and d.id in on_agenda[m.id]), None) or next(
                    (m for m in meetings if m.id in on_agenda and m.body == body
                     and (floor is None or aware(m.starts_at).date() > floor)), None)
                if chosen is None:
                    unplaced.append({"title": title, "body": label(BODIES, body, lang),
                                     "project": None,
                                     "phase": text(phase.title, lang)})
                    continue
                rows[chosen.id]["decisions"].append(
                    {"title": title, "state": "expected", "outcome": None, "decided_on": None})
                day = aware(chosen.starts_at).date()
                latest = day if latest is None or day > latest else latest
        if index >= start:
            floor = latest
    return list(rows.values()), unplaced


def _row(m: Any, lang: str, day: date) -> dict[str, Any]:
    """One meeting of the plan as of ``day``: a planned meeting whose day has passed without
    being recorded as held says so (rather than "planned")."""
    when = aware(m.starts_at)
    label = STATUSES[m.status][lang]
    if m.status == "planned" and when.date() < day:
        label = Msg("Planned, but not recorded as held").render(lang)
    return {"id": m.id, "starts_at": when, "day": when.date(), "name": meeting_name(m, lang),
            "body": m.body, "place": m.place, "status": m.status,
            "status_label": label, "series": m.series_id is not None,
            "project": None,  # the project's municipality, in a network's year plan
            "number": m.number, "theme": None, "decisions": []}


def _network_rows(tx, network_id: int, lang: str) -> tuple[list[dict[str, Any]],
                                                          list[dict[str, Any]]]:
    """The network meetings as rows, and the numbers 1–4 with their themes and dates."""
    rows = [_row(m, lang, today(tx)) for m in tx.meeting_list(network_id=network_id)]
    held = {a["number"]: a["held_on"] for a in tx.activities({"id": -1,
                                                              "network_id": network_id})
            if a["kind"] == "network_meeting"}
    numbers = []
    for n, theme in NETWORK_THEMES.items():
        found = next((r for r in rows if r["number"] == n and r["status"] != "cancelled"), None)
        numbers.append({"number": n, "theme": theme[lang],
                        "day": found["day"] if found else held.get(n),
                        "status_label": found["status_label"] if found else (
                            Msg("held").render(lang) if n in held else
                            Msg("not planned yet").render(lang))})
    for r in rows:
        if r["number"] in NETWORK_THEMES:
            r["theme"] = NETWORK_THEMES[r["number"]][lang]
    return rows, numbers


def _months(rows: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """The rows by month, in order: ``{"month": "september 2017", "meetings": [...]}``."""
    from nybureau.rendering.dates import month_year

    rows = sorted(rows, key=lambda r: (r["starts_at"], r["id"]))
    out: list[dict[str, Any]] = []
    for r in rows:
        key = month_year(r["day"], lang)
        if not out or out[-1]["month"] != key:
            out.append({"month": key, "meetings": []})
        out[-1]["meetings"].append(r)
    return out


@document("year-plan", title=Words("Årshjul", "Year plan"),
          stem=Words("aarshjul", "year-plan"), needs=Needs.OWNER, section=Section.PROJECT,
          available=always)
def year_plan(tx, project: Project | None, network: Network | None, lang: str
              ) -> DocumentData:
    """A project's year plan (with its network's meetings), or a network's (with every
    project's meetings)."""
    if project is not None:
        rows, unplaced = project_plan(tx, project, lang)
        numbers: list[dict[str, Any]] = []
        if project.network_id is not None:
            net_rows, numbers = _network_rows(tx, project.network_id, lang)
            rows += net_rows
        sources = [source("meeting", None, Msg("the project's meetings and their agendas")
                          .render(lang)),
                   source("decision", None, Msg("the decisions taken").render(lang)),
                   source("workflow", None, Msg("the decisions of each phase and the bodies "
                                                "that take them").render(lang))]
        head = {"project": project_facts(tx, project, lang), "network": None}
        subject = project.slug
    else:
        rows, numbers = _network_rows(tx, network.id, lang)
        unplaced = []
        for p in tx.project_list(network_id=network.id):
            p_rows, p_unplaced = project_plan(tx, p, lang)
            rows += [{**r, "project": p.municipality} for r in p_rows]
            unplaced += [{**u, "project": p.municipality} for u in p_unplaced]
        sources = [source("meeting", None, Msg("the network's meetings and those of its "
                                               "projects").render(lang)),
                   source("decision", None, Msg("the decisions taken").render(lang)),
                   source("workflow", None, Msg("the decisions of each phase and the bodies "
                                                "that take them").render(lang))]
        head = {"project": None, "network": {"slug": network.slug, "name": network.name}}
        subject = network.slug
    days = sorted(r["day"] for r in rows)
    return {
        **head,
        "first": days[0] if days else None, "last": days[-1] if days else None,
        "months": _months(rows, lang), "unplaced": unplaced, "network_meetings": numbers,
        "bodies": sorted({r["name"] for r in rows if r["status"] != "cancelled"}),
        "sources": sources, "subject": subject,
    }


def calendar_events(tx, lang: str, project: str | None = None, network: str | None = None
                    ) -> tuple[list[DocumentData], str]:
    """Every meeting (of a project, a network, or all) as :func:`invitation_data` gives it,
    in time order, for one calendar file (``meeting ics --all``); and the calendar's name."""
    from nybureau.services.common import get_network, get_project
    from nybureau.services.documents.meeting_documents import invitation_data

    if project:
        found = get_project(tx, project)
        meetings, name = tx.meeting_list(project_id=found.id), found.name
    elif network:
        found = get_network(tx, network)
        meetings, name = tx.meeting_list(network_id=found.id), found.name
    else:
        meetings, name = tx.meeting_list(), Msg("Meetings").render(lang)
    meetings = sorted(meetings, key=lambda m: (aware(m.starts_at), m.id))
    return [invitation_data(tx, m.id, lang) for m in meetings], name
