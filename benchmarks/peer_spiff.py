"""The peer: the same six-phase, guarded workflow in SpiffWorkflow (BPMN).

Runs in the benchmark's own virtual environment (SpiffWorkflow is not a dependency of nybureau)
and imports nothing of nybureau. Each phase is a user task followed by an exclusive gateway whose
condition is the phase's guard (``requirements_met``); a refused guard loops back to the task.
A transition is: complete the phase's task with the guard's data, run the engine to the next
task, serialise the workflow (state and task history) to JSON and store it in SQLite. All
instances are moved one phase per transaction, as ``nybureau advance --all-ready`` does.

Prints one JSON object: per instance count, the median CPU time per transition and the memory per
instance (tracemalloc, live workflows held in memory).

    python peer_spiff.py 1000 10000
"""

from __future__ import annotations

import gc
import json
import sqlite3
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from SpiffWorkflow.bpmn.parser.BpmnParser import BpmnParser
from SpiffWorkflow.bpmn.serializer.workflow import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.util.task import TaskState

PHASES = ["backing", "common_language", "mapping", "prioritisation", "prototyping", "evaluation"]
NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"'


def bpmn_xml() -> str:
    parts = [f'<bpmn:definitions {NS} id="defs" targetNamespace="nybureau-bench">',
             '<bpmn:process id="nybureau" isExecutable="true">',
             '<bpmn:startEvent id="start"/>',
             f'<bpmn:sequenceFlow id="f_start" sourceRef="start" targetRef="{PHASES[0]}"/>']
    for i, phase in enumerate(PHASES):
        nxt = PHASES[i + 1] if i + 1 < len(PHASES) else "completed"
        parts += [
            f'<bpmn:userTask id="{phase}" name="{phase}"/>',
            f'<bpmn:sequenceFlow id="f_{phase}_gate" sourceRef="{phase}" targetRef="gate_{phase}"/>',
            f'<bpmn:exclusiveGateway id="gate_{phase}" default="f_{phase}_refused"/>',
            f'<bpmn:sequenceFlow id="f_{phase}_ok" sourceRef="gate_{phase}" targetRef="{nxt}">'
            '<bpmn:conditionExpression>requirements_met == True</bpmn:conditionExpression>'
            '</bpmn:sequenceFlow>',
            f'<bpmn:sequenceFlow id="f_{phase}_refused" sourceRef="gate_{phase}" '
            f'targetRef="{phase}"/>',
        ]
    parts += ['<bpmn:endEvent id="completed"/>', '</bpmn:process>', '</bpmn:definitions>']
    return "\n".join(parts)


def load_spec():
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "nybureau.bpmn"
        path.write_text(bpmn_xml(), encoding="utf-8")
        parser = BpmnParser()
        parser.add_bpmn_file(str(path))
        return parser.get_spec("nybureau")


def new_instance(spec) -> BpmnWorkflow:
    wf = BpmnWorkflow(spec)
    wf.do_engine_steps()
    return wf


def transition(wf: BpmnWorkflow) -> None:
    task = wf.get_next_task(state=TaskState.READY, manual=True)
    task.data["requirements_met"] = True
    task.run()
    wf.do_engine_steps()


def run(n: int, phases: int) -> dict:
    spec = load_spec()
    serializer = BpmnWorkflowSerializer()
    with tempfile.TemporaryDirectory() as d:
        db = sqlite3.connect(str(Path(d) / "peer.db"), isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("CREATE TABLE instance (id INTEGER PRIMARY KEY, state TEXT NOT NULL)")
        gc.collect()
        tracemalloc.start()
        base = tracemalloc.get_traced_memory()[0]
        workflows = [new_instance(spec) for _ in range(n)]
        gc.collect()
        memory = (tracemalloc.get_traced_memory()[0] - base) / n
        tracemalloc.stop()
        db.execute("BEGIN")
        db.executemany("INSERT INTO instance (id, state) VALUES (?, ?)",
                       ((i, serializer.serialize_json(wf)) for i, wf in enumerate(workflows)))
        db.execute("COMMIT")
        per_phase = []
        for _ in range(phases):
            t0 = time.process_time()
            db.execute("BEGIN IMMEDIATE")
            for i, wf in enumerate(workflows):
                transition(wf)
                db.execute("UPDATE instance SET state = ? WHERE id = ?",
                           (serializer.serialize_json(wf), i))
            db.execute("COMMIT")
            per_phase.append((time.process_time() - t0) / n)
        done = sum(1 for wf in workflows if wf.is_completed())
        db.close()
    return {"instances": n, "per_transition_s": statistics.median(per_phase),
            "per_phase_s": per_phase, "memory_per_instance_b": memory,
            "completed": done, "phases_run": phases}


def main(argv: list[str]) -> None:
    phases = len(PHASES)
    sizes = []
    for a in argv:
        if a.startswith("--phases="):
            phases = int(a.split("=", 1)[1])
        else:
            sizes.append(int(a))
    import SpiffWorkflow

    out = {"peer": "SpiffWorkflow", "version": getattr(SpiffWorkflow, "__version__", "?"),
           "results": [run(n, phases) for n in sizes]}
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1:])
