"""The floors: the same work done by hand with plain Python and stdlib ``sqlite3``.

Each floor does what nybureau's figure does — the same rows, the same guards, the same hash
chain — without nybureau's layers (click, SQLAlchemy Core, the engine, Jinja2), so the ratio
shows what those layers cost. Nothing here is used by nybureau itself.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import tracemalloc
import gc
from pathlib import Path
from typing import Any

GENESIS = "0" * 64
SATISFYING = {"approved", "approved_with_changes"}
NON_FINAL = {"postponed"}


# -- the in-memory transition ---------------------------------------------------------------------
def facts_all_met(spec):
    """Facts that meet every requirement of the built-in workflow."""
    from nybureau.domain.facts import ProjectFacts

    agents = {1: "Agent A", 2: "Agent B"}
    return ProjectFacts(
        decisions={(d.id, b): "approved" for p in spec.phases for d in p.decisions for b in d.by},
        body_members={"steering_group": 3, "project_group": 2, "management": 1, "med": 1},
        agents=agents,
        activity_counts={"seminar": 1, "interview": 2, "observation": 1, "workshop": 1},
        attendance={(k, n): frozenset(agents) for k in ("module", "network_meeting")
                    for n in range(1, 5)},
        counts={"governance_items": 10, "prototypes": 1, "prototypes_ready": 1},
    )


def plain_facts(facts) -> dict[str, Any]:
    return {"decisions": dict(facts.decisions), "body_members": dict(facts.body_members),
            "agents": set(facts.agents), "activity_counts": dict(facts.activity_counts),
            "attendance": {k: set(v) for k, v in facts.attendance.items()}}


def _guard(req: dict[str, Any], by_of: dict[str, tuple[str, ...]]):
    """A requirement as a hand-written closure over a plain facts dict."""
    kind, params = req["kind"], req["params"]
    if kind == "decision":
        key = params["decision"]
        bodies = tuple(params.get("by") or by_of[key])
        ok = SATISFYING | ({"noted"} if params.get("allow_noted") else set())
        return lambda f: all(f["decisions"].get((key, b)) in ok for b in bodies)
    if kind == "body_members":
        body, n = params["body"], params.get("min", 1)
        return lambda f: f["body_members"].get(body, 0) >= n
    if kind == "agent_count":
        n = params.get("min", 1)
        return lambda f: len(f["agents"]) >= n
    if kind == "activity":
        kinds, n = tuple(params["activities"]), params.get("min", 1)
        return lambda f: sum(f["activity_counts"].get(k, 0) for k in kinds) >= n
    if kind == "module_attendance":
        key = ("module", params["module"])
        return lambda f: bool(f["agents"]) and key in f["attendance"] and \
            f["agents"] <= f["attendance"][key]
    if kind == "network_meeting":
        key, n = ("network_meeting", params["number"]), params.get("min_agents", 1)
        return lambda f: key in f["attendance"] and len(f["attendance"][key] & f["agents"]) >= n
    return lambda f: True


def dict_machine(spec_or_dict) -> tuple[dict, dict, list]:
    """state → {"advance": next} and state → [guards], from the definition."""
    d = spec_or_dict if isinstance(spec_or_dict, dict) else spec_or_dict.to_dict()
    by_of = {dec["id"]: tuple(dec["by"]) for p in d["phases"] for dec in p["decisions"]}
    table = {p["id"]: {"advance": p["next"]} for p in d["phases"]}
    guards = {p["id"]: [_guard(r, by_of) for r in p["requirements"]] for p in d["phases"]}
    return table, guards, []


def dict_transition(table, guards, state: str, facts: dict, log: list) -> str | None:
    if all(g(facts) for g in guards[state]):
        nxt = table[state]["advance"]
        log.append((state, nxt, "advance"))
        return nxt
    return None


# -- stdlib sqlite3 --------------------------------------------------------------------------------
def sqlite_open(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


def _hash(prev: str, fields: dict[str, Any]) -> str:
    payload = json.dumps([prev, fields], ensure_ascii=False, sort_keys=True, default=str,
                         separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _j(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True,
                                                 default=str)


def sqlite_advance_all(path: Path, on: str, actor: str = "bench") -> int:
    """``advance --all-ready`` by hand: read the facts of every project in bulk, check the
    guards, bump versions, insert transitions and hash-chained audit events, commit once."""
    from datetime import datetime, timezone

    now = datetime.now(timezone.utc).replace(microsecond=0)
    ts = now.strftime("%Y-%m-%d %H:%M:%S.%f")
    conn = sqlite_open(path)
    conn.execute("BEGIN IMMEDIATE")
    specs, machines = {}, {}
    for did, text in conn.execute("SELECT id, spec_json FROM workflow_definition"):
        specs[did] = json.loads(text)
        machines[did] = dict_machine(specs[did])
    projects = conn.execute("SELECT id, slug, network_id, workflow_definition_id, phase, "
                            "phase_entered_on, version FROM project ORDER BY slug").fetchall()
    facts = {p[0]: {"decisions": {}, "body_members": {}, "agents": set(),
                    "activity_counts": {}, "attendance": {}} for p in projects}
    for pid, key, body, outcome in conn.execute(
            "SELECT project_id, decision_key, body, outcome FROM decision "
            "ORDER BY project_id, decided_on, id"):
        mine = facts[pid]["decisions"]
        if outcome in NON_FINAL and mine.get((key, body), "postponed") not in NON_FINAL:
            continue
        mine[(key, body)] = outcome
    for pid, body, n in conn.execute("SELECT project_id, body, count(*) FROM membership "
                                     "GROUP BY project_id, body"):
        facts[pid]["body_members"][body] = n
    for pid, person in conn.execute("SELECT project_id, person_id FROM agent"):
        facts[pid]["agents"].add(person)
    own, of_net = {}, {}
    for pid, nid, kind, n in conn.execute("SELECT project_id, network_id, kind, count(*) FROM "
                                          "activity GROUP BY project_id, network_id, kind"):
        if pid is not None:
            own.setdefault(pid, []).append((kind, n))
        if nid is not None:
            of_net.setdefault(nid, []).append((pid, kind, n))
    held, acts_p, acts_n = {}, {}, {}
    for aid, pid, nid, kind, number, person in conn.execute(
            "SELECT a.id, a.project_id, a.network_id, a.kind, a.number, t.person_id FROM "
            "activity a LEFT JOIN activity_attendee t ON t.activity_id = a.id "
            "WHERE a.number IS NOT NULL"):
        if aid not in held:
            held[aid] = ((kind, number), set())
            if pid is not None:
                acts_p.setdefault(pid, set()).add(aid)
            if nid is not None:
                acts_n.setdefault(nid, set()).add(aid)
        if person is not None:
            held[aid][1].add(person)
    moves = []
    for pid, slug, nid, did, phase, entered, version in projects:
        table, guards, _ = machines[did]
        if phase not in table or entered > on:
            continue
        f = facts[pid]
        for kind, n in own.get(pid, ()):
            f["activity_counts"][kind] = f["activity_counts"].get(kind, 0) + n
        for other, kind, n in of_net.get(nid, ()):
            if other != pid:
                f["activity_counts"][kind] = f["activity_counts"].get(kind, 0) + n
        for aid in acts_p.get(pid, set()) | acts_n.get(nid, set()):
            key, people = held[aid]
            f["attendance"].setdefault(key, set()).update(people)
        if all(g(f) for g in guards[phase]):
            moves.append((pid, phase, table[phase]["advance"], version))
    cur = conn.executemany("UPDATE project SET version = ?, updated_at = ?, phase = ?, "
                           "phase_entered_on = ? WHERE id = ? AND version = ?",
                           [(v + 1, ts, to, on, pid, v) for pid, _, to, v in moves])
    assert cur.rowcount == len(moves)
    tids = []
    for pid, frm, to, _ in moves:
        tids.append(conn.execute(
            "INSERT INTO phase_transition (project_id, from_phase, to_phase, kind, reason, "
            "on_date, actor, created_at) VALUES (?, ?, ?, 'advance', NULL, ?, ?, ?)",
            (pid, frm, to, on, actor, ts)).lastrowid)
    prev = conn.execute("SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1").fetchone()
    prev = prev[0] if prev else GENESIS
    rows = []
    for (pid, frm, to, v), tid in zip(moves, tids):
        before = _j({"phase": frm, "version": v})
        after = _j({"phase": to, "kind": "advance", "reason": None, "on_date": on, "unmet": []})
        fields = {"at": now.isoformat(), "actor": actor, "action": "phase.advance",
                  "project_id": pid, "network_id": None, "entity": "phase_transition",
                  "entity_id": tid, "before": before, "after": after}
        digest = _hash(prev, fields)
        rows.append((ts, actor, "phase.advance", pid, None, "phase_transition", tid, before,
                     after, prev, digest))
        prev = digest
    conn.executemany("INSERT INTO audit_event (at, actor, action, project_id, network_id, "
                     "entity, entity_id, before, after, prev_hash, hash) VALUES "
                     "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.execute("COMMIT")
    conn.close()
    return len(moves)


def audit_events(n: int) -> list[dict[str, Any]]:
    return [{"action": "decision.record", "entity": "decision", "entity_id": i + 1,
             "project_id": i % 1000 + 1,
             "after": {"decision": "organisation", "body": "med", "outcome": "approved",
                       "on": "2026-01-05"}} for i in range(n)]


def sqlite_audit_append(path: Path, events: list[dict[str, Any]], actor: str) -> None:
    from datetime import datetime, timezone

    now = datetime.now(timezone.utc).replace(microsecond=0)
    at_iso, ts = now.isoformat(), now.strftime("%Y-%m-%d %H:%M:%S.%f")
    conn = sqlite_open(path)
    conn.execute("BEGIN IMMEDIATE")
    prev = conn.execute("SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1").fetchone()
    prev = prev[0] if prev else GENESIS
    rows = []
    for e in events:
        before, after = _j(e.get("before")), _j(e.get("after"))
        fields = {"at": at_iso, "actor": actor, "action": e["action"],
                  "project_id": e.get("project_id"), "network_id": e.get("network_id"),
                  "entity": e["entity"], "entity_id": e.get("entity_id"), "before": before,
                  "after": after}
        digest = _hash(prev, fields)
        rows.append((ts, actor, e["action"], fields["project_id"], fields["network_id"],
                     e["entity"], fields["entity_id"], before, after, prev, digest))
        prev = digest
    conn.executemany("INSERT INTO audit_event (at, actor, action, project_id, network_id, "
                     "entity, entity_id, before, after, prev_hash, hash) VALUES "
                     "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.execute("COMMIT")
    conn.close()


def sqlite_command_commit(conn: sqlite3.Connection, pid: int, actor: str = "bench") -> float:
    """One command's write transaction by hand: read the project, bump its version, append
    one audit event to the chain, commit. Returns the perf_counter() time the commit began."""
    import time
    from datetime import datetime, timezone

    now = datetime.now(timezone.utc).replace(microsecond=0)
    ts = now.strftime("%Y-%m-%d %H:%M:%S.%f")
    conn.execute("BEGIN IMMEDIATE")
    (version,) = conn.execute("SELECT version FROM project WHERE id = ?", (pid,)).fetchone()
    cur = conn.execute("UPDATE project SET version = ?, updated_at = ? WHERE id = ? AND "
                       "version = ?", (version + 1, ts, pid, version))
    assert cur.rowcount == 1
    prev = conn.execute("SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1").fetchone()
    prev = prev[0] if prev else GENESIS
    after = _j({"version": version + 1})
    fields = {"at": now.isoformat(), "actor": actor, "action": "bench.touch",
              "project_id": pid, "network_id": None, "entity": "project", "entity_id": pid,
              "before": None, "after": after}
    conn.execute("INSERT INTO audit_event (at, actor, action, project_id, network_id, entity, "
                 "entity_id, before, after, prev_hash, hash) VALUES "
                 "(?, ?, ?, ?, NULL, 'project', ?, NULL, ?, ?, ?)",
                 (ts, actor, "bench.touch", pid, pid, after, prev, _hash(prev, fields)))
    started = time.perf_counter()
    conn.execute("COMMIT")
    return started


# -- memory ------------------------------------------------------------------------------------------
def plain_project_data(path: Path) -> float:
    """Bytes per project of the same values nybureau loads (project row with its network and
    definition columns, decisions, body counts, agents, activity counts, attendance), held as
    plain tuples."""
    conn = sqlite3.connect(str(path))
    queries = [
        "SELECT p.*, n.slug, n.name, w.key, w.version, w.hash FROM project p "
        "LEFT JOIN network n ON n.id = p.network_id "
        "JOIN workflow_definition w ON w.id = p.workflow_definition_id",
        "SELECT project_id, decision_key, body, outcome FROM decision",
        "SELECT project_id, body, count(*) FROM membership GROUP BY project_id, body",
        "SELECT a.project_id, p.id, p.full_name FROM agent a JOIN person p ON p.id = a.person_id",
        "SELECT project_id, network_id, kind, count(*) FROM activity "
        "GROUP BY project_id, network_id, kind",
        "SELECT a.id, a.kind, a.number, t.person_id FROM activity a LEFT JOIN activity_attendee t "
        "ON t.activity_id = a.id WHERE a.number IS NOT NULL",
    ]
    n = conn.execute("SELECT count(*) FROM project").fetchone()[0]
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    held = [conn.execute(q).fetchall() for q in queries]
    gc.collect()
    used = tracemalloc.get_traced_memory()[0] - base
    tracemalloc.stop()
    del held
    conn.close()
    return used / n


# -- the agenda by hand -----------------------------------------------------------------------------
# The benchmark's Danish agenda written out with f-strings: the same data, the same text byte for
# byte as nybureau's Markdown (the benchmark checks that before timing), with dates formatted by
# hand in Copenhagen time. Only what an agenda holds; no templates, no tidying pass.
_MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
           "oktober", "november", "december")
_DAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
_CPH = None


def _local(value):
    global _CPH
    if _CPH is None:
        from zoneinfo import ZoneInfo

        _CPH = ZoneInfo("Europe/Copenhagen")
    return value.astimezone(_CPH) if value.tzinfo else value


def _da_short(value) -> str:
    return f"{value.day}. {_MONTHS[value.month - 1]} {value.year}" if value else ""


def _da_datetime(value) -> str:
    if not value:
        return ""
    v = _local(value)
    return (f"{_DAYS[v.weekday()]} den {v.day}. {_MONTHS[v.month - 1]} {v.year} "
            f"kl. {v.hour:02d}.{v.minute:02d}")


def _da_time(value) -> str:
    if not value:
        return ""
    v = _local(value)
    return f"{v.hour:02d}.{v.minute:02d}"


def _cell(value) -> str:
    return " ".join(str(value).split()).replace("|", "\\|")


def _people(people) -> str:
    return ", ".join(f"{p['name']} ({p['role']})" if p["role"] else p["name"] for p in people)


def _blocks(out: list[str], blocks) -> None:
    for b in blocks:
        if b["type"] == "p":
            out += [b["text"], ""]
        else:
            out += [f"- {li}" for li in b["items"]]
            out.append("")


def _bilag_line(a: dict[str, Any]) -> str:
    if a["kind"] == "url":
        line = f"- Bilag {a['number']}: [{a['title']}]({a['url']})"
    elif a["kind"] == "file":
        line = f"- Bilag {a['number']}: {a['title']} ({a['file_name']})"
    else:
        line = f"- Bilag {a['number']}: {a['title']}"
    return line + (" – ikke til offentliggørelse" if not a["publishable"] else "")


def fstring_agenda(data: dict[str, Any]) -> str:
    """The agenda's Markdown (Danish) written with f-strings over the same data nybureau
    renders; byte-identical to nybureau's output for the benchmark's agenda."""
    m, project = data["meeting"], data["project"]
    kicker = (f"*{project['municipality']} · {project['name']}*" if project
              else f"*{m['network']}*")
    facts = (("Udvalg", m["name"]),
             ("Projekt", f"{project['name']} ({project['municipality']})" if project
              else m["network"]),
             ("Mødedato", _da_datetime(m["starts_at"])),
             ("Sluttidspunkt", _da_time(m["ends_at"])),
             ("Mødested", m["place"]),
             ("Deltagere", _people(m["participants"])),
             ("Afbud", _people(m["apologies"])),
             ("Referent", m["minute_taker"]))
    out = [kicker, "", f"# Dagsorden: {m['name']}, {_da_short(m['starts_at'])}", "",
           "## Mødet", "", "| Felt | Oplysning |", "|---|---|"]
    out += [f"| {k} | {_cell(v)} |" for k, v in facts if v]
    out.append("")
    if data["public"]:
        out += ["Offentlig udgave: lukkede punkter vises kun med deres nummer, og bilag, der "
                "ikke må offentliggøres, er udeladt.", ""]
    out += ["## Punkter", ""]
    items = data["items"]
    out += [f"{it['number']}. {it['title']}"
            + (f" ({it['kind_label']})" if it["kind_label"] else "") for it in items]
    proposer = data.get("proposer_label") or "Projektledelsen"

    def section(heading, blocks):
        if blocks:
            out.extend([f"**{heading}**", ""])
            _blocks(out, blocks)

    for it in items:
        out += ["", f"### {it['number']}. {it['title']}", ""]
        if it.get("redacted"):
            out.pop()
            continue
        meta = [x for x in (it["kind_label"] and it["kind_label"][:1].upper() + it["kind_label"][1:],
                            "Lukket punkt" if it["closed"] else None,
                            f"Sagsnr. {it['case_number']}" if it["case_number"] else None) if x]
        if meta:
            out += ["*" + " · ".join(meta) + "*", ""]
        section("Resumé", it["summary"])
        if it["standing"] and it["standing"] != "status":
            _blocks(out, it["background"])
        else:
            section("Sagsfremstilling", it["background"])
        section("Økonomi", it["finances"])
        section("Konsekvenser", it["consequences"])
        section("Høring og sagsgang", it["consultation"])
        if it["recommendations"]:
            out += ["**Indstilling**", "", f"{proposer} indstiller,", ""]
            out += [f"{i}. at {r}" for i, r in enumerate(it["recommendations"], 1)]
            out.append("")
        if it["attachments"]:
            out += ["**Bilag**", ""]
            out += [_bilag_line(a) for a in it["attachments"]]
            out.append("")
        out.pop()
    if data.get("bilag"):
        out += ["", "## Bilag", ""] + [_bilag_line(a) for a in data["bilag"]]
    # the sources are no longer printed (they are in the file's metadata, `--sources` adds them)
    return "\n".join(out) + "\n"
