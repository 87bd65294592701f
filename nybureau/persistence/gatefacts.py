"""The facts the phase gate reads, assembled from plain rows — shared by both readers.

:class:`~nybureau.persistence.repository.Tx` (SQLAlchemy Core, every database) and
:class:`~nybureau.persistence.lite.LiteReader` (the standard library's ``sqlite3``, for the
commands run most often) fetch the same rows with the same statements and hand them to
:func:`assemble`, so a project's :class:`ProjectFacts` cannot differ between them. Imports nothing
beyond the standard library and the domain.
"""

from __future__ import annotations

import gc
import json
from contextlib import contextmanager
from typing import Any, Iterable

from nybureau.domain.facts import ProjectFacts
from nybureau.domain.vocabulary import NON_FINAL_OUTCOMES

# Parsed workflow definitions, per (hash, key, version): a row id alone is not enough, since
# another database may reuse it for another file.
_SPEC_CACHE: dict[tuple, Any] = {}


def cached_spec(digest: tuple, spec_json: Any) -> Any:
    """The spec for a stored definition. ``spec_json`` is called for the stored JSON text only
    when this process has not parsed that definition yet."""
    spec = _SPEC_CACHE.get(digest)
    if spec is None:
        from nybureau.workflow.spec import WorkflowSpec

        spec = WorkflowSpec.from_dict(json.loads(spec_json()))
        _SPEC_CACHE[digest] = spec
    return spec


class FactNeeds:
    """What of a project's facts some requirements read. ``None`` means all of that part;
    an empty set, none of it. (A plain class: a dataclass costs a millisecond of start-up.)"""

    __slots__ = ("decisions", "body_members", "agents", "activity_kinds", "numbered", "counts")

    def __init__(self, decisions: frozenset[str] | None = None, body_members: bool = True,
                 agents: bool = True, activity_kinds: frozenset[str] | None = None,
                 numbered: frozenset[tuple[str, int]] | None = None,
                 counts: bool = True) -> None:
        self.decisions = decisions            # decision ids
        self.body_members = body_members
        self.agents = agents
        self.activity_kinds = activity_kinds  # counted activity kinds
        self.numbered = numbered              # (kind, number) attendance
        self.counts = counts                  # the substance counts

    @classmethod
    def everything(cls) -> FactNeeds:
        return cls()

    @classmethod
    def of(cls, requirements) -> FactNeeds:
        """The union of what ``requirements`` (RequirementSpec) read. Kinds not known here
        read everything."""
        decisions: set[str] = set()
        kinds: set[str] = set()
        numbered: set[tuple[str, int]] = set()
        body_members = agents = counts = False
        for req in requirements:
            p = req.params
            if req.kind == "decision":
                decisions.add(p["decision"])
            elif req.kind == "activity":
                kinds.update(p["activities"])
            elif req.kind == "module_attendance":
                agents = True
                numbered.add(("module", p["module"]))
            elif req.kind == "network_meeting":
                agents = True
                numbered.add(("network_meeting", p["number"]))
            elif req.kind == "body_members":
                body_members = True
            elif req.kind == "agent_count":
                agents = True
            elif req.kind in ("governance_items", "prototype_criteria"):
                counts = True
            else:
                return cls.everything()
        return cls(decisions=frozenset(decisions), body_members=body_members, agents=agents,
                   activity_kinds=frozenset(kinds), numbered=frozenset(numbered), counts=counts)


@contextmanager
def paused_gc():
    """Pause the cyclic garbage collector while many acyclic rows are built: its full passes
    scan every object built so far, which made 10,000 projects cost 14× (not 10×) 1,000."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def minutes_only(projects: list[dict[str, Any]], specs: dict[int, Any]) -> set[int]:
    """Projects whose definition counts only decisions from meetings with approved minutes."""
    return {p["id"] for p in projects
            if specs[p["workflow_definition_id"]].options.get(
                "gate_decisions_from_approved_minutes")}


class FactRows:
    """The rows facts are built from, as the driver's plain tuples (any order):

    * ``approved`` — (project id, meeting id) of meetings with approved minutes
    * ``decisions`` — (id, project id, decision key, body, outcome, source, decided_on ISO text)
    * ``members`` — (project id, body, number of members)
    * ``agents`` — (project id, person id, full name)
    * ``kinds`` — (project id, network id, kind), one per activity
    * ``numbered`` — (activity id, project id, network id, kind, number, attendee or None)
    * ``substance`` — project id → the substance counts
    """

    __slots__ = ("approved", "decisions", "members", "agents", "kinds", "numbered", "substance")

    def __init__(self, approved: Iterable[tuple] = (), decisions: Iterable[tuple] = (),
                 members: Iterable[tuple] = (), agents: Iterable[tuple] = (),
                 kinds: Iterable[tuple] = (), numbered: Iterable[tuple] = (),
                 substance: dict[int, dict[str, int]] | None = None) -> None:
        self.approved = approved
        self.decisions = decisions
        self.members = members
        self.agents = agents
        self.kinds = kinds
        self.numbered = numbered
        self.substance = substance


def empty_counts() -> dict[str, int]:
    return {"governance_items": 0, "prototypes": 0, "prototypes_ready": 0}


def assemble(projects: list[dict[str, Any]], minutes_only_ids: set[int],
             rows: FactRows) -> dict[int, ProjectFacts]:
    """project id → its facts, from ``rows`` (which may hold rows of other projects too)."""
    ids = [p["id"] for p in projects]
    wanted = set(ids)
    approved = {(pid, f"meeting:{mid}") for pid, mid in rows.approved}

    # Equal keys and values are shared between projects, not held once per project.
    pool: dict[Any, Any] = {}
    intern = pool.setdefault  # intern(value, value) → the one shared equal value
    decisions: dict[int, dict[tuple[str, str], str]] = {pid: {} for pid in ids}
    # The effective outcome is the latest final one (by date, then id); "postponed" only
    # while there is no final one. That needs no ORDER BY (a sort over every decision).
    latest: dict[tuple[int, tuple[str, str]], tuple] = {}
    for did, pid, key, body, outcome, source, decided_on in rows.decisions:
        if pid not in wanted:
            continue
        if pid in minutes_only_ids and (pid, source) not in approved:
            continue
        mine = decisions[pid]
        pair = (key, body)
        pair = intern(pair, pair)
        if outcome in NON_FINAL_OUTCOMES:
            if pair not in mine:
                mine[pair] = intern(outcome, outcome)
            continue
        order = (decided_on, did)
        seen = latest.get((pid, pair))
        if seen is None or order > seen:
            latest[(pid, pair)] = order
            mine[pair] = intern(outcome, outcome)

    body_members: dict[int, dict[str, int]] = {pid: {} for pid in ids}
    for pid, body, n in rows.members:
        if pid in wanted:
            body_members[pid][intern(body, body)] = n

    agents: dict[int, dict[int, str]] = {pid: {} for pid in ids}
    for pid, person_id, name in rows.agents:
        if pid in wanted:
            agents[pid][person_id] = name

    # Activities count for a project when they are its own or its network's.
    grouped: dict[tuple[Any, Any, str], int] = {}
    for row in rows.kinds:
        grouped[row] = grouped.get(row, 0) + 1
    by_project: dict[int, list[tuple[Any, str, int]]] = {}
    net_total: dict[int, dict[str, int]] = {}
    for (pid, nid, kind), n in grouped.items():
        if pid is not None:
            by_project.setdefault(pid, []).append((nid, kind, n))
        if nid is not None:
            total = net_total.setdefault(nid, {})
            total[kind] = total.get(kind, 0) + n
    # (kind, number) → attendees, per project (its own activities) and per network.
    own_att: dict[int, dict[tuple[str, int], set[int]]] = {}
    net_att: dict[int, dict[tuple[str, int], set[int]]] = {}
    for _aid, pid, nid, kind, number, person_id in rows.numbered:
        key = (kind, number)
        key = intern(key, key)
        for owner, table in ((pid, own_att), (nid, net_att)):
            if owner is not None:
                people = table.setdefault(owner, {}).get(key)
                if people is None:
                    people = table[owner][key] = set()
                if person_id is not None:
                    people.add(person_id)
    # a network's sets are frozen once and shared by its projects
    net_frozen = {nid: {k: frozenset(v) for k, v in att.items()}
                  for nid, att in net_att.items()}

    facts: dict[int, ProjectFacts] = {}
    for p in projects:
        pid, nid = p["id"], p.get("network_id")
        counts: dict[str, int] = {}
        if nid is not None:
            counts.update(net_total.get(nid, ()))
        for own_nid, kind, n in by_project.get(pid, ()):
            if own_nid is None or own_nid != nid:  # else counted with the network's
                counts[intern(kind, kind)] = counts.get(kind, 0) + n
        attendance = dict(net_frozen.get(nid, ())) if nid is not None else {}
        for key, people in own_att.get(pid, {}).items():
            shared_set = attendance.get(key)
            attendance[key] = (frozenset(people) if shared_set is None
                               else shared_set | people)
        facts[pid] = ProjectFacts(
            decisions=decisions[pid], body_members=body_members[pid], agents=agents[pid],
            activity_counts=counts, attendance=attendance,
            counts=rows.substance[pid] if rows.substance is not None else {},
        )
    return facts
