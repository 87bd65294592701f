#!/usr/bin/env python
"""nybureau's benchmark suite: nybureau side by side with its floor and a peer, in one run.

    python benchmarks/run.py            # the full suite (a few minutes on 2 cores)
    python benchmarks/run.py --quick    # small sizes, no targets checked (CI runs this)

Every figure is a median over repeated runs and is printed with the floor it is compared to,
measured in the same run on the same machine: a bare ``python -c pass`` for whole processes, a
plain-Python or stdlib-``sqlite3`` implementation of the same work for the rest. The peer,
SpiffWorkflow, runs the same six-phase guarded workflow in a virtual environment of its own
(made on first use in ``~/.cache/nybureau-benchmarks/peer-venv``, or given with
``--peer-python``); it is never a dependency of nybureau.

Options: ``--out FILE.md`` writes the table as Markdown, ``--json FILE`` the raw figures,
``--no-peer`` skips the peer, ``--workdir DIR`` keeps the generated databases.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

import floors  # noqa: E402
import scale  # noqa: E402

PEER_VENV = Path.home() / ".cache" / "nybureau-benchmarks" / "peer-venv"


@dataclass
class Size:
    networks: int
    projects: int
    events: int          # audit events per project
    items: int           # governance items per project
    growth: tuple[int, ...]
    peer: tuple[int, ...]
    audit_events: int    # for the bulk-append figure
    proc_repeat: int
    repeat: int
    peer_rounds: int     # the peer and nybureau take turns this many times


FULL = Size(networks=100, projects=1000, events=100, items=10, growth=(100, 1000, 10000),
            peer=(1000, 10000), audit_events=100_000, proc_repeat=21, repeat=5, peer_rounds=3)
QUICK = Size(networks=5, projects=50, events=10, items=2, growth=(20, 60),
             peer=(50,), audit_events=2_000, proc_repeat=3, repeat=2, peer_rounds=1)


@dataclass
class Row:
    what: str
    value: float | None
    unit: str
    floor: str = ""
    floor_value: float | None = None
    target: str = ""          # e.g. "≤ 4×", "≥ 30/s"
    limit: float | None = None
    higher_is_better: bool = False
    beyond: bool = False      # the limit applies to value - floor_value (memory beyond data)
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.floor_value:
            return None
        return self.value / self.floor_value

    @property
    def met(self) -> bool | None:
        if self.limit is None or self.value is None:
            return None
        if self.higher_is_better:
            return self.value >= self.limit
        if self.beyond:
            return self.value - (self.floor_value or 0) <= self.limit
        return (self.ratio if self.floor_value else self.value) <= self.limit


# -- measuring ------------------------------------------------------------------------------------
def median_time(fn: Callable[[], Any], repeat: int, number: int = 1,
                setup: Callable[[], Any] | None = None) -> float:
    """Median CPU seconds per call over ``repeat`` rounds of ``number`` calls (setup
    untimed). CPU time of this process, so programs sharing the cores move it little."""
    times = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        gc.collect()
        t0 = time.process_time()
        for _ in range(number):
            fn()
        times.append((time.process_time() - t0) / number)
    return statistics.median(times)


# Whole processes run as an installed program does: with bytecode caches (kept in the work
# folder, so the checkout stays clean), even where the environment turns writing them off.
PROC_ENV: dict[str, str] = {}


def proc_times(argvs: list[list[str]], repeat: int, env: dict[str, str] | None = None
               ) -> list[tuple[float, float]]:
    """Whole processes: per argv (median CPU time, median wall time) in seconds, output
    discarded. The argvs take turns in every round, so a floor and the figures compared with
    it meet the same conditions; one untimed warm-up run each also writes the bytecode caches.
    CPU time (user + system) is what the process itself costs; it equals the wall time on an
    idle machine and, unlike the wall time, does not grow while other programs share the
    cores."""
    import resource

    run_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    run_env.update(PROC_ENV)
    run_env.update(env or {})

    def run(argv: list[str]) -> tuple[float, float]:
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=run_env, check=True)
        wall = time.perf_counter() - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        return r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime, wall

    for argv in argvs:
        run(argv)
    samples: list[list[tuple[float, float]]] = [[] for _ in argvs]
    for _ in range(repeat):
        for i, argv in enumerate(argvs):
            samples[i].append(run(argv))
    return [(statistics.median(c for c, _ in s), statistics.median(w for _, w in s))
            for s in samples]


def nybureau_argv() -> list[str]:
    script = Path(sys.executable).parent / "nybureau"
    return [str(script)] if script.exists() else [sys.executable, "-m", "nybureau"]


class QueryCounter:
    """Counts the SQL statements a store's engine executes."""

    def __init__(self, store) -> None:
        from sqlalchemy import event

        self.n = 0
        event.listen(store.engine, "before_cursor_execute", self._count)

    def _count(self, *args, **kwargs) -> None:
        self.n += 1


def fresh_copy(src: Path, dst: Path) -> None:
    """A copy of database ``src`` at ``dst`` (its write-ahead log folded in first)."""
    conn = sqlite3.connect(str(src))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    for suffix in ("-wal", "-shm"):
        Path(str(dst) + suffix).unlink(missing_ok=True)
    shutil.copyfile(src, dst)


def log(message: str) -> None:
    print(f"  · {message}", file=sys.stderr, flush=True)


# -- the figures ----------------------------------------------------------------------------------
def bench_processes(rows: list[Row], prog: scale.Programme, size: Size, quick: bool) -> None:
    env = {"NYBUREAU_DB": str(prog.path), "NYBUREAU_LANG": "en", "NYBUREAU_ACTOR": "bench",
           "COLUMNS": "120"}
    nb = nybureau_argv()
    figures = [
        # a diagnostic, not a target: the root help is click's own, rarely run (issue 12)
        ("`nybureau --help`, whole process", ["--help"], "", None),
        ("`nybureau --version`, whole process", ["--version"], "≤ 4×", 4),
        (f"`nybureau status PROJECT`, whole process ({prog.projects:,} projects, "
         f"{prog.events:,} events)", ["status", "projekt-00003"], "≤ 22×", 22),
        (f"`nybureau status` (all {prog.projects:,} projects), whole process", ["status"],
         "≤ 25×", 25),
    ]
    times = proc_times([[sys.executable, "-c", "pass"]] + [nb + f[1] for f in figures],
                       size.proc_repeat, env)
    (floor, floor_wall), measured = times[0], times[1:]
    for (what, _args, target, limit), (cpu, wall) in zip(figures, measured):
        rows.append(Row(what, cpu, "s", "`python -c pass`", floor, target, limit,
                        note=f"wall {fmt_value(wall, 's')} against {fmt_value(floor_wall, 's')}"))


def bench_transition(rows: list[Row], size: Size) -> None:
    """One guarded phase transition incl. its audit event, in memory."""
    from nybureau.persistence.chain import CURRENT_SCHEME, event_digest
    from nybureau.persistence.repository import GENESIS_HASH
    from nybureau.persistence.chain import _json
    from nybureau.workflow.engine import plan_move
    from nybureau.workflow.loader import resolve

    spec, _ = resolve("nybureaukratisering")
    facts = floors.facts_all_met(spec)
    events: list[tuple] = []
    state = {"hash": GENESIS_HASH}

    def ours() -> None:
        move = plan_move(spec, "backing", facts, project="p")
        before = {"phase": move.from_state, "version": 1}
        after = {"phase": move.to_state, "kind": move.kind, "reason": None,
                 "on_date": "2026-01-05", "unmet": []}
        fields = {"at": "2026-01-05T09:00:00+00:00", "actor": "bench",
                  "action": f"phase.{move.kind}", "project_id": 1, "network_id": None,
                  "entity": "phase_transition", "entity_id": 1,
                  "before": _json(before), "after": _json(after)}
        digest = event_digest(state["hash"], fields, CURRENT_SCHEME, payloads=(before, after))
        events.append((fields, digest))

    n = 20_000 if size is FULL else 2_000
    ours_s = median_time(ours, size.repeat, n, setup=events.clear)
    table, guards, log_ = floors.dict_machine(spec)
    floor_facts = floors.plain_facts(facts)

    def floor() -> None:
        floors.dict_transition(table, guards, "backing", floor_facts, log_)

    floor_s = median_time(floor, size.repeat, n, setup=log_.clear)
    rows.append(Row("one guarded phase transition incl. its audit event (hash-chained), in "
                    "memory", ours_s, "s", "dict-table transition + list append", floor_s,
                    "≤ 25×", 25))
    engine_only = median_time(lambda: plan_move(spec, "backing", facts, project="p"),
                              size.repeat, n)
    rows.append(Row("  of which the engine's move (the `transitions` machine's advance event, "
                    "guards through the requirement registry)",
                    engine_only, "s", "dict-table transition + list append", floor_s,
                    note="information"))
    # What `transitions` itself costs per move: a move whose guards are trivial (going back
    # with a reason), taken by the machine's event as every move is.
    from nybureau.workflow import engine

    machine = engine._machine(spec)

    def machine_only() -> None:
        token = engine._Token(state="mapping", spec=spec, facts=facts, target="backing",
                              reason="bench")
        engine._fire(machine, "go_back", token)

    machine_s = median_time(machine_only, size.repeat, n)
    rows.append(Row("  of which `transitions` taking the move (its event, conditions and state "
                    "change; trivial guards)", machine_s, "s",
                    "dict-table transition + list append", floor_s, note="information"))


def bench_advance_all(rows: list[Row], prog: scale.Programme, work: Path, size: Size) -> None:
    from nybureau.persistence.store import Store
    from nybureau.services import phases

    db = work / "advance.db"

    def setup() -> None:
        fresh_copy(prog.path, db)

    def ours() -> None:
        store = Store("sqlite:///" + str(db))
        with store.transaction("bench") as tx:
            r = phases.advance_all_ready(tx, on="2026-01-05")
        store.dispose()
        assert len(r["moved"]) == prog.projects, (len(r["moved"]), r["not_ready"][:3])

    def floor() -> None:
        n = floors.sqlite_advance_all(db, "2026-01-05")
        assert n == prog.projects, n

    import nybureau.services.phases  # noqa: F401  (imports are not what this measures)

    ours_s = median_time(ours, size.repeat, setup=setup)
    floor_s = median_time(floor, size.repeat, setup=setup)
    rows.append(Row(f"advance {prog.projects:,} projects one phase in one process "
                    "(`advance --all-ready`: facts, guards, version bump, transition, audit "
                    "event, one commit)", ours_s, "s", "the same with stdlib sqlite3", floor_s,
                    "≤ 5×", 5))
    rows.append(Row("  per transition, state and history persisted", ours_s / prog.projects,
                    "s", note="compared with the peer below"))


def bench_audit(rows: list[Row], work: Path, size: Size) -> None:
    from nybureau.persistence.store import Store

    empty = work / "empty.db"
    Store("sqlite:///" + str(empty)).init()
    db = work / "audit.db"
    n = size.audit_events
    events = floors.audit_events(n)

    def ours() -> None:
        store = Store("sqlite:///" + str(db))
        with store.transaction("bench") as tx:
            tx.audit_many(events)
        store.dispose()

    def floor() -> None:
        floors.sqlite_audit_append(db, events, "bench")

    reps = max(2, size.repeat - 2)
    ours_s = median_time(ours, reps, setup=lambda: fresh_copy(empty, db))
    floor_s = median_time(floor, reps, setup=lambda: fresh_copy(empty, db))
    rows.append(Row(f"append {n:,} audit events in one transaction (hash chain)", ours_s, "s",
                    "raw sqlite3 `executemany`, same rows and chain", floor_s, "≤ 2.5×", 2.5))


def bench_commit(rows: list[Row], prog: scale.Programme, work: Path, size: Size) -> None:
    """A small command's write transaction (read the project, bump its version, append an
    audit event), and its commit alone: nybureau through its Store (WAL, synchronous=NORMAL)
    against stdlib sqlite3 in WAL doing the same statements."""
    from nybureau.persistence.store import Store

    db = work / "commit.db"
    fresh_copy(prog.path, db)
    store = Store("sqlite:///" + str(db))
    n = 200 if size is FULL else 30
    whole, commit = [], []
    for i in range(n + 10):
        t0 = time.perf_counter()
        with store.transaction("bench") as tx:
            p = tx.project_get("projekt-00002")
            tx.project_touch(p)
            tx.audit("bench.touch", "project", p["id"], project_id=p["id"],
                     after={"version": p["version"]})
            t1 = time.perf_counter()
        t2 = time.perf_counter()
        if i >= 10:  # warm
            whole.append(t2 - t0)
            commit.append(t2 - t1)
    store.dispose()
    conn = floors.sqlite_open(db)
    f_whole, f_commit = [], []
    for i in range(n + 10):
        t0 = time.perf_counter()
        t1 = floors.sqlite_command_commit(conn, 2)
        t2 = time.perf_counter()
        if i >= 10:
            f_whole.append(t2 - t0)
            f_commit.append(t2 - t1)
    conn.close()
    med = statistics.median
    rows.append(Row("one command's commit on SQLite (WAL; wall time)", med(commit), "s",
                    "raw sqlite3 commit in WAL", med(f_commit), "≤ 3×", 3))
    rows.append(Row("  the whole write transaction around it (read, version bump, audit "
                    "event, commit; wall time)", med(whole), "s", "raw sqlite3, same statements",
                    med(f_whole), note="information"))


def bench_render(rows: list[Row], prog: scale.Programme, work: Path, size: Size) -> None:
    try:
        from nybureau.rendering import render
        from nybureau.services import documents, meetings
    except ImportError as exc:
        rows.append(Row("render a 10-item agenda, Markdown, warm", None, "s",
                        note=f"not measured: {exc}"))
        return
    from nybureau.persistence.store import Store

    db = work / "render.db"
    fresh_copy(prog.path, db)
    store = Store("sqlite:///" + str(db))
    with store.transaction("bench") as tx:
        m = meetings.plan_meeting(tx, "projekt-00001", "steering_group",
                                  starts="2026-02-02T10:00", place="Rådhuset, mødelokale 2",
                                  minute_taker="Person 1-steering_group-0")
        mid = m["id"] if isinstance(m, dict) and "id" in m else m["meeting"]["id"]
        have = len(meetings.show_meeting(tx, mid)["items"])
        for i in range(have, 10):
            meetings.add_item(tx, mid, title=f"Punkt {i + 1}: orientering om delprojekt {i}",
                              background="Styregruppen orienteres om status for delprojektet, "
                                         "herunder tidsplan, økonomi og de næste skridt. " * 3,
                              recommendations=["at orienteringen tages til efterretning"])
    with store.read() as tx:
        data = documents.build(tx, "agenda", meeting=mid, lang="da")
    store.dispose()
    items = len(data.get("items", []))
    ours = render(data, "md")  # warm: templates loaded and compiled
    floor = floors.fstring_agenda(data).encode("utf-8")
    if ours != floor:  # the floor must do the same work: the same document, byte for byte
        import difflib

        diff = "".join(list(difflib.unified_diff(
            ours.decode().splitlines(True), floor.decode().splitlines(True),
            "nybureau", "floor"))[:40])
        raise AssertionError(f"the f-string floor's agenda differs from nybureau's:\n{diff}")
    n = 200  # also in quick mode: with fewer calls the first (cold) call of a round weighs in
    ours_s = median_time(lambda: render(data, "md"), size.repeat, n)
    floor_s = median_time(lambda: floors.fstring_agenda(data).encode("utf-8"), size.repeat, n)
    rows.append(Row(f"render a {items}-item agenda, Markdown, warm", ours_s, "s",
                    "a hand-written f-string renderer", floor_s,
                    note="diagnostic: under 1 % of a whole `render agenda`; no target"))
    render(data, "docx")
    n = 30 if size is FULL else 3
    docx_s = median_time(lambda: render(data, "docx"), size.repeat, n)
    rows.append(Row(f"DOCX agenda ({items} items)", 1 / docx_s, "documents/s",
                    target="≥ 30/s", limit=30, higher_is_better=True))


def bench_memory(rows: list[Row], prog: scale.Programme) -> dict[str, float]:
    """Memory per loaded project beyond its data: nybureau's representation of N loaded
    projects (row dicts and facts) minus the same values held as plain tuples."""
    from nybureau.persistence.store import Store
    from nybureau.workflow.engine import plan_move

    store = Store(prog.url)
    with store.read() as tx:
        tx.project_list()  # warm caches (spec, compiled statements)
        gc.collect()
        tracemalloc.start()
        base = tracemalloc.get_traced_memory()[0]
        projects = tx.project_list()
        facts = tx.facts_many(projects)
        specs = tx.workflow_specs(projects)
        for p in projects:  # the engine holds nothing per project: check by moving them all
            spec = specs[p["workflow_definition_id"]]
            if spec.phase(p["phase"]):
                plan_move(spec, p["phase"], facts[p["id"]], project=p["slug"])
        gc.collect()
        ours = (tracemalloc.get_traced_memory()[0] - base) / len(projects)
        tracemalloc.stop()
        del projects, facts
    store.dispose()
    data = floors.plain_project_data(prog.path)
    rows.append(Row(f"memory per loaded project (row + gate facts, {prog.projects:,} loaded)",
                    ours, "B", "the same values as plain tuples", data,
                    "≤ 2 KB beyond its data", 2048, beyond=True,
                    note=f"beyond the data: {ours - data:,.0f} B"))
    return {"loaded": ours, "data": data}


def bench_growth(rows: list[Row], work: Path, size: Size) -> list[dict[str, Any]]:
    from nybureau.persistence import lite
    from nybureau.persistence.store import Store
    from nybureau.services import phases

    try:
        from nybureau.services.documents import network_status
    except ImportError:
        network_status = None
    out = []
    for n in size.growth:
        nets = max(1, min(100, n // 10)) if size is QUICK else 100
        prog = scale.generate(work / f"growth-{n}.db", networks=nets, projects=n,
                              events_per_project=5, items_per_project=2)
        store = Store(prog.url)
        counter = QueryCounter(store)
        with lite.read(lite.open_reader(prog.url), str(prog.path)) as quick:
            phases.status_all(quick, "en")
            quick_s = median_time(lambda: phases.status_all(quick, "en"), size.repeat)
        with store.read() as tx:
            phases.status_all(tx, "en")
            counter.n = 0
            status_s = median_time(lambda: phases.status_all(tx, "en"), size.repeat)
            status_q = counter.n // size.repeat
            net_s = net_q = None
            if network_status is not None:
                network_status(tx, "netvaerk-001", "en")
                counter.n = 0
                net_s = median_time(lambda: network_status(tx, "netvaerk-001", "en"),
                                    size.repeat)
                net_q = counter.n // size.repeat
        store.dispose()
        out.append({"projects": n, "networks": nets, "per_network": n // nets,
                    "status_all_s": status_s, "status_all_queries": status_q,
                    "status_all_quick_s": quick_s,
                    "network_status_s": net_s, "network_status_queries": net_q})
        log(f"growth {n}: status {status_s * 1000:.1f} ms ({status_q} queries)")
    return out


def bench_peer(size: Size, args) -> dict[str, Any] | None:
    python = args.peer_python
    if python is None:
        python = PEER_VENV / "bin" / "python"
        if not python.exists():
            if args.quick:
                return {"skipped": "no peer environment yet (the full run makes it)"}
            log("making the peer's environment (SpiffWorkflow) …")
            try:
                subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)
                subprocess.run([str(python), "-m", "pip", "install", "--quiet",
                                "SpiffWorkflow>=3,<4"], check=True)
            except subprocess.CalledProcessError as exc:
                return {"skipped": f"could not install SpiffWorkflow ({exc})"}
    res = subprocess.run([str(python), str(HERE / "peer_spiff.py"),
                          *[str(n) for n in size.peer]],
                         capture_output=True, text=True)
    if res.returncode != 0:
        return {"skipped": "the peer failed: " + res.stderr.strip().splitlines()[-1]}
    return json.loads(res.stdout)


def combine_rounds(peer_rounds: list[dict[str, Any]], ours_rounds: list[list[dict[str, float]]]
                   ) -> tuple[dict[str, Any], list[dict[str, float]]]:
    """Per instance count, the median over the rounds of each side's figures."""
    def median_of(rows: list[dict[str, float]]) -> dict[str, float]:
        return {k: (statistics.median(r[k] for r in rows)
                    if k != "instances" and isinstance(v, (int, float)) else v)
                for k, v in rows[0].items()}

    peer = dict(peer_rounds[0], rounds=len(peer_rounds))
    peer["results"] = [median_of([p["results"][i] for p in peer_rounds])
                       for i in range(len(peer_rounds[0]["results"]))]
    sizes = [o["instances"] for o in ours_rounds[0]]
    ours = [median_of([o for rnd in ours_rounds for o in rnd if o["instances"] == n])
            for n in sizes]
    return peer, ours


def bench_ours_like_peer(work: Path, n: int) -> dict[str, float]:
    """nybureau on the peer's task: n projects moved through all six phases, one transaction
    per phase (advance --all-ready), state and history persisted; memory per loaded instance."""
    from nybureau.persistence.store import Store
    from nybureau.services import phases

    prog = scale.generate(work / f"peer-{n}.db", networks=max(1, n // 10), projects=n,
                          events_per_project=0, items_per_project=1, phases="first")
    per_phase = []
    store = Store(prog.url)
    for _ in range(6):
        t0 = time.process_time()
        with store.transaction("bench") as tx:
            r = phases.advance_all_ready(tx, on="2026-01-05")
        per_phase.append((time.process_time() - t0) / n)
        assert len(r["moved"]) == n, (len(r["moved"]), r["not_ready"][:3])
    with store.read() as tx:
        done = sum(1 for p in tx.project_list() if p["phase"] == "completed")
        gc.collect()
        tracemalloc.start()
        base = tracemalloc.get_traced_memory()[0]
        projects = tx.project_list()
        facts = tx.facts_many(projects)
        gc.collect()
        mem = (tracemalloc.get_traced_memory()[0] - base) / n
        tracemalloc.stop()
        del projects, facts
    store.dispose()
    assert done == n
    return {"instances": n, "per_transition_s": statistics.median(per_phase),
            "memory_per_instance_b": mem}


# -- output ---------------------------------------------------------------------------------------
def fmt_value(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        if value >= 1:
            return f"{value:.2f} s"
        if value >= 1e-3:
            return f"{value * 1e3:.1f} ms"
        return f"{value * 1e6:.2f} µs"
    if unit == "B":
        return f"{value:,.0f} B"
    return f"{value:,.1f} {unit}"


def table_markdown(rows: list[Row], quick: bool) -> str:
    lines = ["| what | nybureau | floor | floor time | ratio | target | met |",
             "|---|---:|---|---:|---:|---|---|"]
    for r in rows:
        ratio = f"{r.ratio:.1f}×" if r.ratio is not None else ""
        met = "" if quick or r.met is None else ("yes" if r.met else "**no**")
        note = f" ({r.note})" if r.note and r.note != "information" else ""
        lines.append(f"| {r.what}{note} | {fmt_value(r.value, r.unit)} | {r.floor} | "
                     f"{fmt_value(r.floor_value, r.unit) if r.floor_value else ''} | {ratio} | "
                     f"{r.target} | {met} |")
    return "\n".join(lines)


def growth_markdown(growth: list[dict[str, Any]]) -> str:
    lines = ["| projects | `status` (all), SQLAlchemy reader | queries | `status` (all), the "
             "CLI's sqlite3 reader | `network status` (one network) | projects in it | queries |",
             "|---:|---:|---:|---:|---:|---:|---:|"]
    for g in growth:
        net = (fmt_value(g["network_status_s"], "s") if g["network_status_s"] is not None
               else "not available")
        lines.append(f"| {g['projects']:,} | {fmt_value(g['status_all_s'], 's')} | "
                     f"{g['status_all_queries']} | {fmt_value(g['status_all_quick_s'], 's')} | "
                     f"{net} | {g['per_network']} | "
                     f"{g['network_status_queries'] if g['network_status_queries'] else ''} |")
    return "\n".join(lines)


def peer_markdown(peer: dict[str, Any] | None, ours: list[dict[str, float]]) -> str:
    if not peer or "skipped" in peer:
        return f"Peer not run: {(peer or {}).get('skipped', 'disabled')}."
    lines = [f"Peer: {peer['peer']} {peer['version']}, the same six-phase guarded workflow "
             "(BPMN: a user task and an exclusive gateway per phase); state and history "
             "serialised to SQLite after every transition, one transaction per phase; CPU time "
             f"per transition on both sides, the median of {peer.get('rounds', 1)} round(s) in "
             "which the two take turns. On nybureau's side every move is taken by its "
             "`transitions` machine (the event's conditions run the phase's guards through the "
             "requirement registry), as in normal use.", "",
             "| instances | nybureau per transition | peer per transition | nybureau faster by | "
             "target | nybureau memory per instance | peer memory per instance |",
             "|---:|---:|---:|---:|---|---:|---:|"]
    by_n = {o["instances"]: o for o in ours}
    for res in peer["results"]:
        o = by_n.get(res["instances"])
        if not o:
            continue
        faster = res["per_transition_s"] / o["per_transition_s"]
        lines.append(f"| {res['instances']:,} | {fmt_value(o['per_transition_s'], 's')} | "
                     f"{fmt_value(res['per_transition_s'], 's')} | {faster:.1f}× | ≥ 5× "
                     f"({'met' if faster >= 5 else 'not met'}) | "
                     f"{o['memory_per_instance_b']:,.0f} B | "
                     f"{res['memory_per_instance_b']:,.0f} B |")
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import sqlalchemy

    return (f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
            f"SQLAlchemy {sqlalchemy.__version__}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="small sizes, no targets checked")
    ap.add_argument("--out", type=Path, help="also write the report as Markdown")
    ap.add_argument("--json", type=Path, help="also write the raw figures as JSON")
    ap.add_argument("--no-peer", action="store_true", help="skip SpiffWorkflow")
    ap.add_argument("--peer-python", type=Path,
                    help="a Python with SpiffWorkflow installed (default: make one)")
    ap.add_argument("--workdir", type=Path, help="keep the generated databases here")
    args = ap.parse_args(argv)
    size = QUICK if args.quick else FULL
    started = time.perf_counter()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="nybureau-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rows: list[Row] = []
    PROC_ENV["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    try:
        log(f"generating the programme: {size.networks} networks, {size.projects} projects, "
            f"{size.events} events per project, {size.items} governance items per project")
        t0 = time.perf_counter()
        prog = scale.generate(work / "programme.db", networks=size.networks,
                              projects=size.projects, events_per_project=size.events,
                              items_per_project=size.items)
        gen_s = time.perf_counter() - t0
        log(f"generated in {gen_s:.1f} s: {prog.counts}")
        failed: list[str] = []

        def section(name: str, fn: Callable[[], Any], default: Any = None) -> Any:
            """Run one figure; a failure is reported (and fails the run) without losing the
            other figures."""
            log(f"{name} …")
            try:
                return fn()
            except Exception as exc:  # noqa: BLE001 - reported below and in the exit code
                import traceback

                traceback.print_exc()
                failed.append(name)
                rows.append(Row(name, None, "s", note=f"failed: {type(exc).__name__}: {exc}"))
                return default

        section("whole processes", lambda: bench_processes(rows, prog, size, args.quick))
        section("transition in memory", lambda: bench_transition(rows, size))
        section("advance all ready", lambda: bench_advance_all(rows, prog, work, size))
        section("audit append", lambda: bench_audit(rows, work, size))
        section("commit", lambda: bench_commit(rows, prog, work, size))
        section("render", lambda: bench_render(rows, prog, work, size))
        section("memory", lambda: bench_memory(rows, prog))
        growth = section("growth", lambda: bench_growth(rows, work, size), [])
        peer = None
        ours_peer: list[dict[str, float]] = []
        if not args.no_peer:
            # The peer and nybureau take turns, round after round, so that a busy moment of
            # the machine falls on both; each figure is the median of its rounds.
            peer_rounds: list[dict[str, Any]] = []
            ours_rounds: list[list[dict[str, float]]] = []
            for r in range(size.peer_rounds):
                got_peer = section(f"peer, round {r + 1}", lambda: bench_peer(size, args))
                if not got_peer or "skipped" in got_peer:
                    peer = got_peer
                    break
                peer_rounds.append(got_peer)
                mine = []
                for res in got_peer["results"]:
                    got = section(f"nybureau on the peer's task ({res['instances']}), round "
                                  f"{r + 1}", lambda n=res["instances"]: bench_ours_like_peer(
                                      work, n))
                    if got:
                        mine.append(got)
                ours_rounds.append(mine)
            if peer_rounds:
                peer, ours_peer = combine_rounds(peer_rounds, ours_rounds)
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    total = time.perf_counter() - started
    report = "\n".join([
        f"## nybureau benchmarks{' (quick mode: small sizes, targets not checked)' if args.quick else ''}",
        "",
        f"Machine: {machine()}.",
        f"Data: {prog.networks} networks, {prog.projects:,} projects, {prog.events:,} audit "
        f"events, {prog.governance_items:,} governance items"
        + (f" ({prog.governance_note})" if prog.governance_note else "")
        + f"; generated in {gen_s:.1f} s. Medians of CPU time (in process; of the whole "
        "process for the start-ups, wall time beside it); the commit rows are wall time. The "
        f"suite took {total:.0f} s.",
        "",
        table_markdown(rows, args.quick),
        "",
        "Growth (in process, after start-up; 5 audit events and 2 governance items per "
        "project, 100 networks):",
        "",
        growth_markdown(growth),
        "",
        peer_markdown(peer, ours_peer),
    ])
    print(report)
    if args.out:
        args.out.write_text(report + "\n", encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps({
            "quick": args.quick, "machine": machine(), "seconds": total,
            "rows": [{**asdict(r), "ratio": r.ratio, "met": r.met} for r in rows],
            "growth": growth, "peer": peer, "nybureau_on_peer_task": ours_peer,
            "failed": failed,
        }, indent=2, default=str), encoding="utf-8")
    if failed:
        print(f"\nFailed: {', '.join(failed)} (see the errors above).", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
