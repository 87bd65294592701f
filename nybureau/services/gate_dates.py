"""The dates of the facts a phase gate relied on, so that an advance is not dated before them.

An advance moves a project on because its phase's requirements are met: the decisions were
taken, the activities held, the agents appointed, the items recorded. Each such fact has a date;
the advance cannot honestly be dated before the latest of the facts that made the gate open.
Only the facts that *opened* the gate count: for "at least N activities" it is the N-th held
activity (by date), not a later extra one; for a decision, the effective outcome per body.

Decisions and activities (modules and network meetings included) are checked: their date is the
day the user says it happened. Agents, body members and governance items are not: their date
defaults to the day they were entered, which says nothing about when the phase could move on.

Read-only, with SQLAlchemy Core on the transaction's connection (the same rows the gate reads).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from nybureau.domain.decisions import effective_decision
from nybureau.domain.vocabulary import ACTIVITY_KINDS, BODIES, SATISFYING_OUTCOMES, label
from nybureau.i18n import Msg
from nybureau.persistence import tables as t
from nybureau.workflow.requirements import mid_sentence as _mid_sentence
from nybureau.workflow.spec import text


def _day(value: Any) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value


def relied_facts(tx, project: dict[str, Any], spec) -> list[tuple[date, str, str]]:
    """(date, English, Danish) of each fact the current phase's requirements rely on."""
    phase = spec.phase(project["phase"])
    if phase is None:
        return []
    pid = project["id"]
    out: list[tuple[date, str, str]] = []
    decisions = None
    activities = None
    for req in phase.requirements:
        p = req.params
        if req.kind == "programme_decision" and (
                project["network_id"] is None
                or tx.programme_get(project["network_id"]) is None):
            continue  # met outside a frame project: no decision it relied on
        if req.kind in ("decision", "programme_decision"):
            if decisions is None:
                d = t.decision
                stmt = select(d.c.id, d.c.decision_key, d.c.body, d.c.outcome,
                              d.c.decided_on).where(d.c.project_id == pid)
                if spec.options.get("gate_decisions_from_approved_minutes"):
                    stmt = stmt.where(d.c.source.in_(sorted(tx.approved_minutes_sources(pid))))
                decisions = [dict(r._mapping) for r in tx.conn.execute(stmt)]
            found = spec.decision(p["decision"])
            dspec = found[1] if found else None
            by = tuple(p.get("by") or (dspec.by if dspec else ()))
            if req.kind == "programme_decision":
                by = ("programme_management",)
            allow_noted = p.get("allow_noted")
            if allow_noted is None:
                allow_noted = dspec.allow_noted if dspec else False
            ok = SATISFYING_OUTCOMES | ({"noted"} if allow_noted else set())
            title = dspec.title if dspec else {"en": p["decision"]}
            for body in by:
                latest = effective_decision(
                    (r for r in decisions
                     if r["decision_key"] == p["decision"] and r["body"] == body),
                    outcome=lambda r: r["outcome"],
                    order=lambda r: (_day(r["decided_on"]), r["id"]))
                if latest is not None and latest["outcome"] in ok:
                    out.append((_day(latest["decided_on"]),
                                f"the decision “{text(title, 'en')}” by "
                                f"{_mid_sentence(label(BODIES, body, 'en'))}",
                                f"beslutningen »{text(title, 'da')}« i "
                                f"{_mid_sentence(label(BODIES, body, 'da'))}"))
        elif req.kind in ("activity", "module_attendance", "network_meeting"):
            if activities is None:
                a = t.activity
                activities = [dict(r._mapping) for r in tx.conn.execute(
                    select(a.c.id, a.c.kind, a.c.number, a.c.title, a.c.held_on)
                    .where(tx._activity_scope(project)))]
            if req.kind == "activity":
                rows = sorted((r for r in activities if r["kind"] in p["activities"]),
                              key=lambda r: (_day(r["held_on"]), r["id"]))
                n = p.get("min") or 1
                if len(rows) < n:
                    continue
                r = rows[n - 1]
            else:
                kind = "module" if req.kind == "module_attendance" else "network_meeting"
                number = p["module"] if kind == "module" else p["number"]
                rows = [r for r in activities if r["kind"] == kind and r["number"] == number]
                if not rows:
                    continue
                r = min(rows, key=lambda r: (_day(r["held_on"]), r["id"]))
            what = {lang: label(ACTIVITY_KINDS, r["kind"], lang)
                    + (f" {r['number']}" if r["number"] is not None else "")
                    + (f" “{r['title']}”" if r["title"] else "") for lang in ("en", "da")}
            out.append((_day(r["held_on"]), f"the activity {what['en']}",
                        f"aktiviteten {what['da']}"))
        elif req.kind == "exemptions_decided":
            e = t.exemption
            last = tx.conn.execute(
                select(e.c.answered_on, e.c.law, e.c.section)
                .where(e.c.project_id == pid, e.c.voided_at.is_(None),
                       e.c.status.in_(("granted", "refused")))
                .order_by(e.c.answered_on.desc(), e.c.id.desc()).limit(1)).first()
            if last is not None:
                out.append((_day(last.answered_on),
                            f"the ministry's answer on the exemption {last.law} {last.section}",
                            f"ministeriets svar på fritagelsen {last.law} {last.section}"))
    return out


def refuse_before_facts(tx, project: dict[str, Any], spec, moved_on: date) -> None:
    """Refuse an advance dated before the latest fact that opened its gate."""
    from nybureau.errors import InvalidInput

    facts = relied_facts(tx, project, spec)
    if not facts:
        return
    latest = max(facts, key=lambda f: f[0])
    day, en, da = latest
    if moved_on < day:
        raise InvalidInput(
            Msg("The advance of '{slug}' is dated {moved_on}, but {en_} it "
                "relies on is dated {day}. Date the advance on or after "
                "{day}.", slug=project['slug'], moved_on=moved_on.isoformat(), en_=en,
                day=day.isoformat(), da_=da))
