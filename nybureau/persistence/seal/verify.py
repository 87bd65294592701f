"""Verification: the current rows against what the sealed history says (``audit verify``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from nybureau.persistence import tables as t
from nybureau.persistence.seal.canon import (
    SEAL_TABLE,
    _SEALED_TABLES,
    _key_tuple,
    _shapes,
    row_key,
    state_digest,
)


# -- verification ------------------------------------------------------------------------------------
_DA_TABLES = {
    "network": "netværk", "workflow_definition": "procesdefinition", "project": "projekt",
    "person": "person", "membership": "medlemskab", "agent": "dokumentationsagent",
    "decision": "beslutning", "activity": "aktivitet", "activity_attendee": "deltager",
    "phase_transition": "faseskift", "governance_item": "styringselement", "vote": "stemme",
    "focus_area": "indsatsområde", "focus_area_item": "indsatsområdets element",
    "prototype": "prototype", "prototype_criterion": "prototypens kriterium",
    "prototype_iteration": "prototypens afprøvning", "survey_round": "spørgerunde",
    "survey_question": "spørgsmål", "survey_response": "besvarelse", "survey_answer": "svar",
    "evaluation_note": "evalueringsnote", "spreading_activity": "spredningsaktivitet",
    "meeting": "møde", "meeting_person": "mødedeltager", "agenda_item": "dagsordenspunkt",
    "attachment": "bilag", "project_text": "projektets tekst",
    "risk_entry": "risiko- og barrierelog", "stakeholder": "interessent",
    "evaluation_design": "evalueringsdesign", "survey_open_answer": "åbent svar",
    "implementation_rating": "implementeringsgrad", "implementation_interview": "interview",
}
_PROBLEM = {
    "changed": ("was changed without an event in the history",
                "er ændret uden en hændelse i historikken"),
    "added": ("was added without an event in the history",
              "er tilføjet uden en hændelse i historikken"),
    "deleted": ("was deleted without an event in the history",
                "er slettet uden en hændelse i historikken"),
}


def _slug(conn, project_id: Any) -> str | None:
    if project_id is None:
        return None
    return conn.execute(select(t.project.c.slug).where(t.project.c.id == project_id)).scalar()


def _describe(conn, table: str, key: str, problem: str, row: dict[str, Any] | None,
              events: list[dict[str, Any]]) -> dict[str, Any]:
    project = None
    if table == "project":
        project = row["slug"] if row is not None else None
    elif row is not None and row.get("project_id") is not None:
        project = _slug(conn, row["project_id"])
    else:  # a deleted row (or one with no project column): what the history says about it
        for ev in reversed(events):
            if ev["entity"] == table and str(ev["entity_id"]) == key and ev["project_id"]:
                project = _slug(conn, ev["project_id"])
                break
    en_name = table.replace("_", " ")
    da_name = _DA_TABLES.get(table, en_name)
    if table == "project" and project is not None:
        en_what, da_what = f"project {project}", f"projektet {project}"
    elif project is not None:
        en_what = f"{en_name} {key} of project {project}"
        da_what = f"{da_name} {key} i projektet {project}"
    else:
        en_what, da_what = f"{en_name} {key}", f"{da_name} {key}"
    en, da = _PROBLEM[problem]
    return {"id": None, "action": None, "problem": problem, "table": table, "row": key,
            "project": project, "en": f"{en_what} {en}", "da": f"{da_what} {da}"}


def _seal_problem(ev: dict[str, Any] | None, eid: Any) -> dict[str, Any]:
    action = ev["action"] if ev is not None else None
    what_en = f"event {eid} ({action})" if ev is not None else f"event {eid}"
    what_da = f"hændelse {eid} ({action})" if ev is not None else f"hændelse {eid}"
    return {"id": eid, "action": action, "problem": "seal", "table": SEAL_TABLE, "row": None,
            "project": None,
            "en": (f"{what_en}, whose row seal does not match the state its hash covers: "
                   "a seal entry was edited, added or removed"),
            "da": (f"{what_da}, hvis rækkesegl ikke passer med den tilstand, dens hash dækker: "
                   "en segl-post er ændret, tilføjet eller fjernet")}


def verify_state(tx, events: list[dict[str, Any]]) -> dict[str, Any]:
    """Compare the current rows with what the sealed history says (module description).
    ``events``: the audit events as stored, in chain order (already verified as a chain).
    Returns ``{"rows", "sealed", "differences", "first_broken"}``."""
    conn = tx.conn
    by_id = {ev["id"]: ev for ev in events}
    rs = t.row_seal
    expected: dict[tuple[str, str], str] = {}
    seen_events: set[Any] = set()
    first: dict[str, Any] | None = None
    group: list[tuple[str, str, str | None]] = []
    group_id: Any = None
    sealed = 0

    def close() -> dict[str, Any] | None:
        ev = by_id.get(group_id)
        if ev is None or ev.get("state") != state_digest(group):
            return _seal_problem(ev, group_id)
        return None

    stmt = (select(rs.c.event_id, rs.c.tbl, rs.c.row_key, rs.c.digest)
            .order_by(rs.c.event_id, rs.c.id).execution_options(yield_per=2000))
    for eid, tbl, key, digest in conn.execute(stmt):
        sealed += 1
        if eid != group_id:
            if group_id is not None and first is None:
                first = close()
            group, group_id = [], eid
            seen_events.add(eid)
        group.append((tbl, key, digest))
        if digest is None:
            expected.pop((tbl, key), None)
        else:
            expected[(tbl, key)] = digest
    if group_id is not None and first is None:
        first = close()
    if first is None:
        for ev in events:
            if ev.get("state") is not None and ev["id"] not in seen_events:
                first = _seal_problem(ev, ev["id"])
                break
    if first is not None:
        return {"rows": 0, "sealed": sealed, "differences": None, "first_broken": first}

    rows = 0
    differences = 0
    shapes = _shapes(conn)
    streaming = conn.execution_options(stream_results=True) \
        if conn.dialect.name == "postgresql" else conn
    for tb in _SEALED_TABLES:
        shape = shapes[tb.name]
        candidate: tuple | None = None  # (key tuple, key, problem, row)
        for values in streaming.exec_driver_sql(shape.select + shape.order):
            rows += 1
            key = row_key(shape.key(values))
            want = expected.pop((tb.name, key), None)
            if want is not None and want == shape.digest(values):
                continue
            differences += 1
            if candidate is None:
                candidate = (_key_tuple(key), key, "added" if want is None else "changed",
                             dict(zip(shape.names, values)))
        gone = [key for (name, key) in expected if name == tb.name]
        for key in gone:
            del expected[(tb.name, key)]
            differences += 1
            if candidate is None or _key_tuple(key) < candidate[0]:
                candidate = (_key_tuple(key), key, "deleted", None)
        if candidate is not None and first is None:
            first = _describe(conn, tb.name, candidate[1], candidate[2], candidate[3], events)
    return {"rows": rows, "sealed": sealed, "differences": differences, "first_broken": first}
