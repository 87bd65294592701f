"""An in-memory fake of the repositories, for rule tests that run services without a database.

:class:`MemoryStore` stands in for :class:`~nybureau.persistence.store.Store` (``transaction``
and ``read`` give a :class:`MemoryTx`; a transaction that raises leaves the rows as they were)
and :class:`MemoryTx` implements these Protocols of :mod:`nybureau.domain.ports` — the
aggregates a rule needs: projects (with networks and workflow definitions), people, decisions,
activities, meetings, history (transitions and the audit trail) and the facts of the phase gate.
Substance, evaluation and admin are not faked: a service that needs them is tested on SQLite.

It imports neither SQLAlchemy nor ``sqlite3`` (a test holds it so). Rows are kept as dicts named
like the columns and handed out as the same records the SQL repositories build
(:func:`nybureau.persistence.build.build`), so a record that does not match what the fake keeps
fails here as it would there. The audit trail is chained with the real hash functions.
"""

from __future__ import annotations

import copy
import json
from contextlib import contextmanager
from datetime import date, datetime, timezone
from typing import Any, Iterable, Iterator

from nybureau.domain import records as r
from nybureau.domain.facts import ProjectFacts
from nybureau.domain.facts import Query
from nybureau.persistence.gatefacts import read_facts
from nybureau.persistence.memory_facts import run_query
from nybureau.errors import ConcurrentChange
from nybureau.persistence.build import build, refresh
from nybureau.persistence.chain import CURRENT_SCHEME, GENESIS_HASH, _json, event_digest


def _columns(cls: type, joined: tuple[str, ...] = ()) -> tuple[str, ...]:
    return tuple(n for n in r.field_names(cls) if n not in joined)


_J = {table: joined for table, (_, joined) in r.JOINED_RECORDS.items()}
#: table -> its columns, as the records name them (the fake keeps exactly these)
COLUMNS: dict[str, tuple[str, ...]] = {
    **{table: _columns(cls) for table, cls in r.TABLE_RECORDS.items()},
    **{table: _columns(cls, _J[table]) for table, (cls, _) in r.JOINED_RECORDS.items()},
    "workflow_definition": ("id", "key", "version", "hash", "source", "spec_json",
                            "created_at"),
    "activity_attendee": ("activity_id", "person_id"),
    "meeting_person": ("meeting_id", "person_id", "role", "attendance"),
}


class MemoryStore:
    """The rows of one fake database."""

    def __init__(self, now: datetime | None = None) -> None:
        self.tables: dict[str, list[dict[str, Any]]] = {name: [] for name in COLUMNS}
        self.next_id: dict[str, int] = {name: 1 for name in COLUMNS}
        self.specs: dict[int, Any] = {}
        self.now = now

    @contextmanager
    def transaction(self, actor: str = "test") -> Iterator[MemoryTx]:
        saved = copy.deepcopy((self.tables, self.next_id))
        try:
            yield MemoryTx(self, actor)
        except BaseException:
            self.tables, self.next_id = saved
            raise

    read = transaction


class MemoryTx:
    """One fake transaction: the repository methods over the store's rows."""

    url = "memory://"
    sealing = False
    conn = None

    def __init__(self, store: MemoryStore, actor: str) -> None:
        self.store = store
        self.actor = actor
        self.now = store.now or datetime.now(timezone.utc).replace(microsecond=0)

    # -- rows ---------------------------------------------------------------------------------
    def _rows(self, table: str) -> list[dict[str, Any]]:
        return self.store.tables[table]

    def _insert(self, table: str, **values: Any) -> int:
        unknown = set(values) - set(COLUMNS[table])
        if unknown:
            raise TypeError(f"{table} has no columns {sorted(unknown)}")
        row = dict.fromkeys(COLUMNS[table])
        if "id" in row:
            row["id"] = self.store.next_id[table]
            self.store.next_id[table] += 1
        row.update(values)
        self._rows(table).append(row)
        return row.get("id")

    def _find(self, table: str, **where: Any) -> list[dict[str, Any]]:
        return [row for row in self._rows(table)
                if all(row[k] == v for k, v in where.items())]

    def _first(self, table: str, **where: Any) -> dict[str, Any] | None:
        found = self._find(table, **where)
        return found[0] if found else None

    def _update(self, table: str, row_id: int, **values: Any) -> None:
        for row in self._find(table, id=row_id):
            row.update(values)

    # -- networks, workflow definitions, projects --------------------------------------------------
    def network_get(self, slug: str) -> r.Network | None:
        row = self._first("network", slug=slug)
        return build(r.Network, row) if row else None

    def network_by_id(self, network_id: int) -> r.Network | None:
        row = self._first("network", id=network_id)
        return build(r.Network, row) if row else None

    def network_create(self, slug: str, name: str) -> r.Network:
        nid = self._insert("network", slug=slug, name=name, created_at=self.now)
        return build(r.Network, self._first("network", id=nid))

    def network_list(self) -> list[r.NetworkSummary]:
        return [build(r.NetworkSummary, n, projects=len(self._find("project", network_id=n["id"])))
                for n in sorted(self._rows("network"), key=lambda n: n["slug"])]

    def network_set_responsible(self, network_id: int, municipality: str | None) -> None:
        self._update("network", network_id, responsible_municipality=municipality)

    def workflow_store(self, spec: Any, source: str) -> int:
        for row in self._rows("workflow_definition"):
            if (row["key"], row["version"], row["hash"]) == (spec.id, spec.version,
                                                              spec.source_hash):
                return row["id"]
        did = self._insert("workflow_definition", key=spec.id, version=spec.version,
                           hash=spec.source_hash, source=source,
                           spec_json=json.dumps(spec.to_dict(), ensure_ascii=False),
                           created_at=self.now)
        self.store.specs[did] = spec
        return did

    def workflow_spec(self, definition_id: int) -> Any:
        return self.store.specs[definition_id]

    def workflow_specs(self, projects: list[Any]) -> dict[int, Any]:
        return {p["workflow_definition_id"]: self.workflow_spec(p["workflow_definition_id"])
                for p in projects}

    def workflow_definitions(self) -> list[r.WorkflowDefinitionSummary]:
        rows = sorted(self._rows("workflow_definition"), key=lambda w: (w["key"], w["version"]))
        return [r.WorkflowDefinitionSummary(
            id=w["id"], key=w["key"], version=w["version"], hash=w["hash"],
            projects=len(self._find("project", workflow_definition_id=w["id"]))) for w in rows]

    def _project(self, row: dict[str, Any]) -> r.Project:
        net = self._first("network", id=row["network_id"]) if row["network_id"] else None
        wd = self._first("workflow_definition", id=row["workflow_definition_id"])
        return build(r.Project, row, network_slug=net and net["slug"],
                     network_name=net and net["name"], workflow_key=wd["key"],
                     workflow_version=wd["version"], workflow_hash=wd["hash"])

    def project_get(self, slug: str) -> r.Project | None:
        row = self._first("project", slug=slug)
        return self._project(row) if row else None

    def project_list(self, network_id: int | None = None) -> list[r.Project]:
        rows = sorted(self._rows("project"), key=lambda p: p["slug"])
        return [self._project(p) for p in rows
                if network_id is None or p["network_id"] == network_id]

    def project_create(self, **values: Any) -> int:
        return self._insert("project", version=1, created_at=self.now, updated_at=self.now,
                            **values)

    def project_touch(self, project: Any, **changes: Any) -> r.Project:
        row = self._first("project", id=project["id"])
        if row is None or row["version"] != project["version"]:
            raise ConcurrentChange(project["slug"])
        row.update(version=row["version"] + 1, updated_at=self.now, **changes)
        return refresh(project, version=project["version"] + 1, **changes)

    def projects_for_moves(self) -> list[r.ProjectMove]:
        return [r.ProjectMove(**{k: p[k] for k in r.field_names(r.ProjectMove)})
                for p in sorted(self._rows("project"), key=lambda p: p["slug"])]

    def projects_touch_many(self, changes: list[tuple[Any, dict[str, Any]]]) -> None:
        for project, values in changes:
            self.project_touch(project, **values)

    def project_texts(self, project_id: int) -> list[r.ProjectText]:
        return [build(r.ProjectText, row) for row in self._find("project_text",
                                                                project_id=project_id)]

    def project_text_set(self, project_id: int, field: str, text: str) -> int:
        row = self._first("project_text", project_id=project_id, field=field)
        if row:
            row.update(text=text, updated_at=self.now)
            return row["id"]
        return self._insert("project_text", project_id=project_id, field=field, text=text,
                            created_at=self.now, updated_at=self.now)

    def project_text_delete(self, text_id: int) -> None:
        self.store.tables["project_text"] = [
            row for row in self._rows("project_text") if row["id"] != text_id]

    # -- people, bodies, agents ----------------------------------------------------------------
    def person_get(self, full_name: str) -> r.Person | None:
        row = self._first("person", full_name=full_name)
        return build(r.Person, row) if row else None

    def person_by_email(self, address: str) -> r.Person | None:
        for row in self._rows("person"):
            if (row["email"] or "").lower() == address.lower():
                return build(r.Person, row)
        return None

    def person_list(self) -> list[r.Person]:
        return [build(r.Person, p) for p in sorted(self._rows("person"), key=lambda p: p["id"])]

    def person_names_like(self, prefix: str) -> list[str]:
        return [p["full_name"] for p in self._rows("person")
                if p["full_name"].startswith(prefix)]

    def person_get_or_create(self, full_name: str) -> tuple[r.Person, bool]:
        found = self.person_get(full_name)
        if found:
            return found, False
        pid = self._insert("person", full_name=full_name, created_at=self.now)
        return build(r.Person, self._first("person", id=pid)), True

    def membership_get(self, project_id: int, body: str, person_id: int
                       ) -> r.Membership | None:
        row = self._first("membership", project_id=project_id, body=body, person_id=person_id)
        return build(r.Membership, row) if row else None

    def membership_add(self, project_id: int, body: str, person_id: int,
                       role: str | None, valid_from: date | None = None,
                       valid_to: date | None = None) -> int:
        return self._insert("membership", project_id=project_id, body=body,
                            person_id=person_id, role=role, valid_from=valid_from,
                            valid_to=valid_to, created_at=self.now)

    def membership_set_role(self, membership_id: int, role: str | None) -> None:
        self._update("membership", membership_id, role=role)

    def membership_set_period(self, membership_id: int, valid_from: date | None,
                              valid_to: date | None) -> None:
        self._update("membership", membership_id, valid_from=valid_from, valid_to=valid_to)

    def _name(self, person_id: int) -> str:
        return self._first("person", id=person_id)["full_name"]

    def members(self, project_id: int) -> list[r.Member]:
        rows = sorted(self._find("membership", project_id=project_id),
                      key=lambda m: (m["body"], m["id"]))
        return [r.Member(body=m["body"], role=m["role"], full_name=self._name(m["person_id"]),
                         person_id=m["person_id"], valid_from=m.get("valid_from"),
                         valid_to=m.get("valid_to")) for m in rows]

    def agent_get(self, project_id: int, person_id: int) -> r.Agent | None:
        row = self._first("agent", project_id=project_id, person_id=person_id)
        return build(r.Agent, row) if row else None

    def agent_add(self, project_id: int, person_id: int, title: str | None, on: date) -> int:
        return self._insert("agent", project_id=project_id, person_id=person_id, title=title,
                            appointed_on=on, created_at=self.now)

    def agents(self, project_id: int) -> list[r.AppointedAgent]:
        return [r.AppointedAgent(title=a["title"], appointed_on=a["appointed_on"],
                                 full_name=self._name(a["person_id"]), person_id=a["person_id"])
                for a in self._find("agent", project_id=project_id)]

    # -- decisions -------------------------------------------------------------------------------
    def decision_add(self, **values: Any) -> int:
        return self._insert("decision", created_at=self.now, **values)

    def decisions(self, project_id: int, include_voided: bool = False) -> list[r.Decision]:
        rows = [d for d in self._find("decision", project_id=project_id)
                if include_voided or d["voided_at"] is None]
        return [build(r.Decision, d)
                for d in sorted(rows, key=lambda d: (d["decided_on"], d["id"]))]

    def decision_get(self, decision_id: int) -> r.Decision | None:
        row = self._first("decision", id=decision_id)
        return build(r.Decision, row) if row else None

    def decision_update(self, decision_id: int, **values: Any) -> None:
        self._update("decision", decision_id, **values)

    def item_decision_ids(self, item_id: int) -> list[int]:
        for ev in reversed(self._rows("audit_event")):
            if ev["entity"] == "agenda_item" and ev["entity_id"] == item_id and \
                    ev["action"] in ("meeting.item.record", "meeting.item.amend"):
                ids = (json.loads(ev["after"]) if ev["after"] else {}).get("decision_ids")
                return [int(i) for i in ids] if isinstance(ids, list) else []
        return []

    # -- activities ---------------------------------------------------------------------------------
    def network_meeting_get(self, network_id: int, number: int) -> r.Activity | None:
        for a in self._find("activity", network_id=network_id, kind="network_meeting",
                            number=number, voided_at=None):
            return build(r.Activity, a)
        return None

    def activity_add(self, *, project_id: int | None, network_id: int | None, kind: str,
                     number: int | None, title: str | None, held_on: date) -> int:
        return self._insert("activity", project_id=project_id, network_id=network_id,
                            kind=kind, number=number, title=title, held_on=held_on,
                            created_at=self.now)

    def attendees_add(self, activity_id: int, person_ids: list[int]) -> list[int]:
        have = {a["person_id"] for a in self._find("activity_attendee", activity_id=activity_id)}
        new = [pid for pid in dict.fromkeys(person_ids) if pid not in have]
        for pid in new:
            self._insert("activity_attendee", activity_id=activity_id, person_id=pid)
        return new

    def activity_get(self, activity_id: int) -> r.Activity | None:
        row = self._first("activity", id=activity_id)
        return build(r.Activity, row) if row else None

    def _in_scope(self, project: Any, a: dict[str, Any]) -> bool:
        return a["project_id"] == project["id"] or (
            project.get("network_id") is not None and a["network_id"] == project["network_id"])

    def activity_same(self, project: Any, kind: str, held_on: date, title: str | None
                      ) -> list[r.Activity]:
        return [build(r.Activity, a) for a in self._rows("activity")
                if self._in_scope(project, a) and a["kind"] == kind and
                a["held_on"] == held_on and a["title"] == title and a["voided_at"] is None]

    def activities(self, project: Any, include_voided: bool = False
                   ) -> list[r.ActivityWithAttendees]:
        rows = sorted((a for a in self._rows("activity") if self._in_scope(project, a) and
                       (include_voided or a["voided_at"] is None)),
                      key=lambda a: (a["held_on"], a["id"]))
        return [build(r.ActivityWithAttendees, a, attendees=tuple(sorted(
            self._name(x["person_id"]) for x in self._find("activity_attendee",
                                                            activity_id=a["id"]))))
                for a in rows]

    def void_row(self, table: str, row_id: int, reason: str) -> None:
        self._update(table, row_id, voided_at=self.now, void_reason=reason)

    # -- meetings ------------------------------------------------------------------------------------
    def _meeting(self, row: dict[str, Any], cls: type = r.Meeting, **extra: Any) -> Any:
        p = self._first("project", id=row["project_id"]) if row["project_id"] else None
        n = self._first("network", id=row["network_id"]) if row["network_id"] else None
        return build(cls, row, project_slug=p and p["slug"], project_name=p and p["name"],
                     municipality=p and p["municipality"], network_slug=n and n["slug"],
                     network_name=n and n["name"], **extra)

    def meeting_add(self, **values: Any) -> int:
        return self._insert("meeting", created_at=self.now, **values)

    def meeting_get(self, meeting_id: int) -> r.Meeting | None:
        row = self._first("meeting", id=meeting_id)
        return self._meeting(row) if row else None

    def meeting_list(self, *, project_id: int | None = None,
                     network_id: int | None = None) -> list[r.MeetingListed]:
        rows = [m for m in self._rows("meeting")
                if (project_id is None or m["project_id"] == project_id)
                and (network_id is None or m["network_id"] == network_id)]
        return [self._meeting(m, r.MeetingListed,
                              items=len(self._find("agenda_item", meeting_id=m["id"])))
                for m in sorted(rows, key=lambda m: (_utc(m["starts_at"]), m["id"]))]

    def meeting_update(self, meeting_id: int, **values: Any) -> None:
        self._update("meeting", meeting_id, **values)

    def meeting_previous(self, meeting: Any) -> r.Meeting | None:
        owner = "project_id" if meeting["project_id"] is not None else "network_id"
        earlier = [m for m in self._rows("meeting")
                   if m[owner] == meeting[owner] and m["body"] == meeting["body"]
                   and _utc(m["starts_at"]) < _utc(meeting["starts_at"])
                   and m["status"] != "cancelled"]
        if not earlier:
            return None
        return self._meeting(max(earlier, key=lambda m: _utc(m["starts_at"])))

    def approved_minutes_sources(self, project_id: int) -> set[str]:
        return {f"meeting:{m['id']}" for m in self._find("meeting", project_id=project_id,
                                                          status="approved")}

    def meeting_people(self, meeting_id: int) -> list[r.MeetingPerson]:
        rows = [r.MeetingPerson(person_id=mp["person_id"], role=mp["role"],
                                attendance=mp["attendance"], full_name=self._name(mp["person_id"]))
                for mp in self._find("meeting_person", meeting_id=meeting_id)]
        return sorted(rows, key=lambda mp: mp.full_name)

    def meeting_person_set(self, meeting_id: int, person_id: int, role: str | None,
                           attendance: str) -> None:
        rows = self._rows("meeting_person")
        rows[:] = [mp for mp in rows
                   if (mp["meeting_id"], mp["person_id"]) != (meeting_id, person_id)]
        self._insert("meeting_person", meeting_id=meeting_id, person_id=person_id, role=role,
                     attendance=attendance)

    def item_add(self, meeting_id: int, **values: Any) -> int:
        if isinstance(values.get("recommendations"), list):
            values["recommendations"] = json.dumps(values["recommendations"], ensure_ascii=False)
        return self._insert("agenda_item", meeting_id=meeting_id, created_at=self.now, **values)

    def items(self, meeting_id: int, include_voided: bool = False) -> list[r.AgendaItem]:
        rows = sorted(self._find("agenda_item", meeting_id=meeting_id),
                      key=lambda i: (i["position"], i["id"]))
        out = []
        for i in rows:
            attachments = tuple(
                build(r.Attachment, a, publishable=bool(a["publishable"]))
                for a in self._find("attachment", agenda_item_id=i["id"])
                if include_voided or a["voided_at"] is None)
            raw = i["recommendations"]
            out.append(build(r.AgendaItem, i, closed=bool(i["closed"]), attachments=attachments,
                             recommendations=tuple(json.loads(raw)) if raw else None))
        return out

    def item_update(self, item_id: int, **values: Any) -> None:
        if isinstance(values.get("recommendations"), list):
            values["recommendations"] = json.dumps(values["recommendations"], ensure_ascii=False)
        self._update("agenda_item", item_id, **values)

    def attachment_add(self, item_id: int, title: str, location: str,
                       publishable: bool) -> int:
        return self._insert("attachment", agenda_item_id=item_id, title=title,
                            location=location, publishable=publishable, created_at=self.now)

    # -- history -------------------------------------------------------------------------------
    def transition_add(self, **values: Any) -> int:
        return self._insert("phase_transition", actor=self.actor, created_at=self.now, **values)

    def transitions(self, project_id: int) -> list[r.Transition]:
        rows = sorted(self._find("phase_transition", project_id=project_id),
                      key=lambda t: (t["on_date"], t["id"]))
        return [build(r.Transition, t) for t in rows]

    def transitions_add_many(self, rows: list[dict[str, Any]]) -> list[int]:
        return [self.transition_add(**row) for row in rows]

    def audit(self, action: str, entity: str, entity_id: int | None, *,
              project_id: int | None = None, network_id: int | None = None,
              before: Any = None, after: Any = None) -> int:
        before, after = r.plain(before), r.plain(after)
        events = self._rows("audit_event")
        prev = events[-1]["hash"] if events else GENESIS_HASH
        fields = {"at": self.now.isoformat(), "actor": self.actor, "action": action,
                  "project_id": project_id, "network_id": network_id, "entity": entity,
                  "entity_id": entity_id, "before": _json(before), "after": _json(after)}
        digest = event_digest(prev, fields, CURRENT_SCHEME, payloads=(before, after))
        return self._insert("audit_event", **dict(fields, at=self.now), prev_hash=prev,
                            hash=digest, scheme=CURRENT_SCHEME)

    def audit_many(self, events: Iterable[dict[str, Any]]) -> int:
        n = 0
        for e in events:
            self.audit(e["action"], e["entity"], e.get("entity_id"),
                       project_id=e.get("project_id"), network_id=e.get("network_id"),
                       before=e.get("before"), after=e.get("after"))
            n += 1
        return n

    def audit_events(self, project_id: int | None = None) -> list[r.AuditEvent]:
        return [build(r.AuditEvent, e, at=_utc(e["at"]),
                      before=json.loads(e["before"]) if e["before"] else None,
                      after=json.loads(e["after"]) if e["after"] else None)
                for e in self._rows("audit_event")
                if project_id is None or e["project_id"] == project_id]

    # -- the facts of the phase gate -------------------------------------------------------------
    # The fake runs the same declared fact queries as the two database readers (the one facts
    # module, persistence.gatefacts.read_facts), evaluated here over its rows in plain Python.
    def facts(self, project: Any, as_of: Any = None) -> ProjectFacts:
        """The facts ``Tx.facts`` gives, through the one facts module."""
        return self.facts_many([project], as_of=as_of)[project["id"]]

    def facts_many(self, projects: list[Any], only: Any = None,
                   as_of: Any = None) -> dict[int, ProjectFacts]:
        return read_facts(self, projects, self.workflow_specs(projects), only, as_of)

    def fact_rows(self, query: Query, ids: list[int] | None, nets: list[int]) -> list[tuple]:
        """The rows of one declared fact query, evaluated over the fake's rows."""
        return run_query(self.store.tables, COLUMNS, query, ids, nets)

    def fact_needs(self, requirements: Any) -> None:
        return None  # the fake always reads every fact


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
