"""Scale data: a national programme of networks, projects and their records.

The default is the programme of the benchmark issue: 100 networks, 1,000 projects, 100 audit
events per project (100,000) and 10 governance items per project (10,000). The schema is created
by nybureau itself (``Store.init``); the bulk rows are written with stdlib ``sqlite3`` so the
generator takes seconds, and the audit events form a valid hash chain (nybureau's own
``event_hash``), so ``nybureau log`` and any chain check read them as real history.

Every project has the records that every phase of the built-in workflow asks for (decisions
approved by their bodies, a steering group, three documentation agents who attended every module
and network meeting, seminars, interviews, workshops), so every project that is not completed is
ready to advance. Projects are spread over the six phases.
"""

from __future__ import annotations

import json
import random
import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from nybureau.persistence.repository import GENESIS_HASH, event_hash
from nybureau.persistence.store import Store
from nybureau.workflow.loader import resolve

AGENTS_PER_PROJECT = 3
STEERING_MEMBERS = 3
PROJECT_GROUP_MEMBERS = 2
TS_FMT = "%Y-%m-%d %H:%M:%S.%f"


@dataclass
class Programme:
    path: Path
    networks: int
    projects: int
    events: int
    governance_items: int
    governance_note: str = ""
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return "sqlite:///" + str(self.path)


def _ts(value: datetime) -> str:
    return value.strftime(TS_FMT)


def generate(path: Path, *, networks: int = 100, projects: int = 1000,
             events_per_project: int = 100, items_per_project: int = 10,
             phases: str = "spread", seed: int = 2017) -> Programme:
    """Create the database at ``path`` (replaced if it exists) and fill it.

    ``phases``: "spread" puts project i in phase i mod 6; "first" puts every project in phase 1.
    """
    path = Path(path)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    store = Store("sqlite:///" + str(path))
    store.init()
    spec, source = resolve("nybureaukratisering")
    with store.transaction("benchmark") as tx:
        definition_id = tx.workflow_store(spec, source)
    store.dispose()

    rnd = random.Random(seed)
    now = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
    start = date(2024, 1, 8)
    ts = _ts(now)
    phase_ids = spec.phase_ids
    by_of = {d.id: d.by for p in spec.phases for d in p.decisions}

    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("BEGIN")
    counts: dict[str, int] = {}

    def insert(table: str, cols: tuple[str, ...], rows: list[tuple]) -> None:
        if rows:
            marks = ", ".join("?" for _ in cols)
            conn.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", rows)
            counts[table] = counts.get(table, 0) + len(rows)

    insert("network", ("id", "slug", "name", "created_at"),
           [(n, f"netvaerk-{n:03d}", f"Netværk {n}", ts) for n in range(1, networks + 1)])

    person_rows, project_rows, membership_rows, agent_rows = [], [], [], []
    decision_rows, activity_rows, attendee_rows, transition_rows = [], [], [], []
    agents_of_network: dict[int, list[int]] = {}
    person_id = activity_id = 0
    for pid in range(1, projects + 1):
        net = (pid - 1) % networks + 1 if networks else None
        phase_index = (pid - 1) % len(phase_ids) if phases == "spread" else 0
        phase = phase_ids[phase_index]
        entered = start + timedelta(days=30 * phase_index)
        project_rows.append((pid, f"projekt-{pid:05d}", f"Nybureaukratisering {pid}",
                             f"Kommune {pid % 98 + 1}", "Det specialiserede voksenområde", net,
                             definition_id, phase, entered.isoformat(), start.isoformat(),
                             1 + phase_index, ts, ts))
        transition_rows.append((pid, None, phase_ids[0], "start", None, start.isoformat(),
                                "benchmark", ts))
        for k in range(phase_index):
            transition_rows.append((pid, phase_ids[k], phase_ids[k + 1], "advance", None,
                                    (start + timedelta(days=30 * (k + 1))).isoformat(),
                                    "benchmark", ts))
        agents = []
        for role, n in (("steering_group", STEERING_MEMBERS),
                        ("project_group", PROJECT_GROUP_MEMBERS), ("agent", AGENTS_PER_PROJECT)):
            for j in range(n):
                person_id += 1
                person_rows.append((person_id, f"Person {pid}-{role}-{j}", None, None, ts))
                if role == "agent":
                    agents.append(person_id)
                    agent_rows.append((pid, person_id, "Socialpædagog", start.isoformat(), ts))
                else:
                    membership_rows.append((pid, role, person_id, None, ts))
        if net is not None:
            agents_of_network.setdefault(net, []).extend(agents)
        for key, by in by_of.items():
            for body in by:
                decision_rows.append((pid, key, body, "approved", start.isoformat(), None,
                                      "import", ts))
        for kind, number in (("seminar", None), ("interview", None), ("observation", None),
                             ("workshop", None), ("module", 1), ("module", 2), ("module", 3)):
            activity_id += 1
            activity_rows.append((activity_id, pid, None, kind, number, None,
                                  start.isoformat(), ts))
            if number is not None:
                attendee_rows.extend((activity_id, a) for a in agents)
    for net, agents in agents_of_network.items():
        for number in range(1, 5):
            activity_id += 1
            activity_rows.append((activity_id, None, net, "network_meeting", number,
                                  f"Netværksmøde {number}", start.isoformat(), ts))
            attendee_rows.extend((activity_id, a) for a in agents)

    insert("person", ("id", "full_name", "email", "union_affiliation", "created_at"), person_rows)
    insert("project", ("id", "slug", "name", "municipality", "area", "network_id",
                       "workflow_definition_id", "phase", "phase_entered_on", "started_on",
                       "version", "created_at", "updated_at"), project_rows)
    insert("membership", ("project_id", "body", "person_id", "role", "created_at"),
           membership_rows)
    insert("agent", ("project_id", "person_id", "title", "appointed_on", "created_at"), agent_rows)
    insert("decision", ("project_id", "decision_key", "body", "outcome", "decided_on", "note",
                        "source", "created_at"), decision_rows)
    insert("activity", ("id", "project_id", "network_id", "kind", "number", "title", "held_on",
                        "created_at"), activity_rows)
    insert("activity_attendee", ("activity_id", "person_id"), attendee_rows)
    insert("phase_transition", ("project_id", "from_phase", "to_phase", "kind", "reason",
                                "on_date", "actor", "created_at"), transition_rows)

    # -- the audit history: events_per_project per project, one valid chain ------------------
    actions = ("decision.record", "activity.record", "membership.add", "agent.add",
               "attendance.add")
    prev = GENESIS_HASH
    audit_rows = []
    at = now - timedelta(days=400)
    for pid in range(1, projects + 1):
        for e in range(events_per_project):
            at += timedelta(seconds=rnd.randint(1, 300))
            action = actions[e % len(actions)]
            after = json.dumps({"n": e, "note": f"hændelse {e} i projekt {pid}"},
                               ensure_ascii=False, sort_keys=True)
            fields = {"at": at.isoformat(), "actor": "benchmark", "action": action,
                      "project_id": pid, "network_id": None, "entity": action.split(".")[0],
                      "entity_id": e + 1, "before": None, "after": after}
            digest = event_hash(prev, fields)
            audit_rows.append((_ts(at), "benchmark", action, pid, None, fields["entity"], e + 1,
                               None, after, prev, digest))
            prev = digest
    insert("audit_event", ("at", "actor", "action", "project_id", "network_id", "entity",
                           "entity_id", "before", "after", "prev_hash", "hash"), audit_rows)

    note = _governance_items(conn, projects, items_per_project, ts, start, counts)
    _evaluation_designs(conn, projects, start, counts)
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("ANALYZE")
    conn.close()
    return Programme(path=path, networks=networks, projects=projects,
                     events=counts.get("audit_event", 0),
                     governance_items=counts.get("governance_item", 0),
                     governance_note=note, counts=counts)


# Values for the substance tables' columns (issue 4); unknown columns get neutral values.
_VALUES = {
    "kind": "documentation", "source": "interview", "experience": "too_tight",
    "character": "waste_of_time", "applies_to": "Bostøtten", "evidence": "Interview med agent",
    "description": "Dokumentationskrav i fagsystemet", "status": "piloting",
    "evaluation_plan": "Før- og eftermåling med spørgeskema efter tre måneder",
    "owner": "Projektlederen", "bottom_line": "quality", "text": "Mindre tid til dokumentation",
}


def _fill(conn, table: str, rows: list[dict]) -> None:
    """Insert rows, giving every other NOT NULL column of ``table`` a neutral value."""
    cols = conn.execute(f"PRAGMA table_info({table})").fetchall()
    ts = datetime(2026, 1, 5, 9, 0).strftime(TS_FMT)
    names, makers = [], []
    for _cid, name, ctype, notnull, default, pk in cols:
        ctype = (ctype or "").upper()
        if name in rows[0]:
            makers.append(lambda r, i, n=name: r[n])
        elif pk:
            continue
        elif name in ("voided_at", "void_reason"):  # (0007) a void is never generated
            continue
        elif name in ("title", "name"):
            makers.append(lambda r, i, t=table: f"{t} {i}")
        elif name in _VALUES:
            makers.append(lambda r, i, v=_VALUES[name]: v)
        elif "TIME" in ctype:
            makers.append(lambda r, i: ts)
        elif "DATE" in ctype:
            makers.append(lambda r, i: "2024-01-08")
        elif not notnull or default is not None:
            continue
        elif "INT" in ctype:
            makers.append(lambda r, i: i + 1)
        else:
            makers.append(lambda r, i: "x")
        names.append(name)
    values = [tuple(m(r, i) for m in makers) for i, r in enumerate(rows)]
    marks = ", ".join("?" for _ in names)
    conn.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})", values)


def _evaluation_designs(conn, projects, start, counts) -> None:
    """Give every project the evaluation design its second phase asks for (bottom lines,
    criteria, a planned baseline and who evaluates), if this schema has the table (0016)."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "evaluation_design" not in tables:
        return
    _fill(conn, "evaluation_design",
          [{"project_id": pid, "bottom_lines": "quality,efficiency",
            "criteria": "Mindre tid til dokumentation\nMere tid med borgerne",
            "evaluator": "internal", "baseline_on": (start + timedelta(days=40)).isoformat(),
            "decided_on": (start + timedelta(days=35)).isoformat()}
           for pid in range(1, projects + 1)])
    counts["evaluation_design"] = projects


def _governance_items(conn, projects, per_project, ts, start, counts) -> str:
    """Fill the governance register, and give every project a focus area with one prototype
    that has a criterion and an evaluation plan, if this schema has those tables."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "governance_item" not in tables:
        return "no governance-item table in this schema yet (issue 4); not generated"
    try:
        conn.execute("SAVEPOINT substance")
        if per_project:
            _fill(conn, "governance_item",
                  [{"project_id": pid, "title": f"Styringselement {i + 1} i projekt {pid}"}
                   for pid in range(1, projects + 1) for i in range(per_project)])
            counts["governance_item"] = projects * per_project
        if {"focus_area", "prototype", "prototype_criterion"} <= tables:
            _fill(conn, "focus_area", [{"id": pid, "project_id": pid,
                                        "title": "Mindre dokumentation"}
                                       for pid in range(1, projects + 1)])
            _fill(conn, "prototype", [{"id": pid, "project_id": pid, "focus_area_id": pid,
                                       "title": "Kortere journalnotater"}
                                      for pid in range(1, projects + 1)])
            _fill(conn, "prototype_criterion", [{"prototype_id": pid}
                                                for pid in range(1, projects + 1)])
            counts["prototype"] = projects
        conn.execute("RELEASE substance")
    except sqlite3.Error as exc:
        conn.execute("ROLLBACK TO substance")
        conn.execute("RELEASE substance")
        counts.pop("governance_item", None)
        return f"governance items and prototypes not generated: {exc}"
    return ""
