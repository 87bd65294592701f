"""Prepared reads (:mod:`nybureau.persistence.prepared`) run the compiled statement on the
driver's cursor. Every one of them must give exactly the rows ``conn.execute`` gives for the
same statement — dates, times, booleans and all — on SQLite and on PostgreSQL, and refuse what
it cannot prepare."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from sqlalchemy import bindparam, select
from sqlalchemy.exc import DBAPIError

import nybureau.persistence as persistence
from nybureau.persistence import tables as t
from nybureau.persistence.prepared import Prepared, owned
from nybureau.services.admin import demo


def _every_prepared() -> dict[str, Prepared]:
    found: dict[str, Prepared] = {}
    for info in pkgutil.iter_modules(persistence.__path__):
        module = importlib.import_module(f"nybureau.persistence.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, Prepared):
                found[f"{info.name}.{name}"] = value
            elif isinstance(value, dict):
                for key, inner in value.items():
                    if isinstance(inner, Prepared):
                        found[f"{info.name}.{name}[{key}]"] = inner
    return found


def _arguments(tx) -> list[dict]:
    """Values for every slot a prepared read may have, of several projects (one in a network,
    one outside), and ids that exist and one that does not."""
    out = []
    for slug in ("odder-bostoette", "egelund-socialpsykiatri"):
        p = tx.project_get(slug)
        meetings = tx.meeting_list(project_id=p.id)
        person = tx.members(p.id)[0].person_id
        for row_id in (meetings[0].id, person, p.workflow_definition_id, 10 ** 6):
            out.append({"project_id": p.id, "network_id": p.network_id, "slug": slug,
                        "id": row_id, "person_id": person, "owner": p.id,
                        "meeting_id": meetings[min(1, len(meetings) - 1)].id,
                        "token_hash": "0" * 64})
    out.append({"project_id": 10 ** 6, "network_id": None, "slug": "ingen", "id": 0,
                "meeting_id": 0,
                "person_id": 0, "owner": 0, "token_hash": ""})
    return out


@pytest.fixture
def filled(store):
    demo.run(store, "tester")
    with store.transaction("tester") as tx:  # a signed-in person: a grant and a session
        from nybureau.services.web import make_link, redeem_link
        from nybureau.services.web.grants import grant

        person = tx.person_get("Rikke Vestergaard Hansen")
        grant(tx, person.full_name, "reader", project="egelund-socialpsykiatri")
        token = make_link(tx, person.id)
    with store.transaction("tester") as tx:
        redeem_link(tx, token)
    return store


def test_every_prepared_read_gives_what_execute_gives(filled):
    prepared = _every_prepared()
    assert len(prepared) >= 15, sorted(prepared)
    compared = 0
    with filled.read() as tx:
        session = tx.admin_rows("web_session")[0]  # the signed-in person's, and a missing one
        for params in _arguments(tx):
            if params["id"]:
                params = {**params, "token_hash": session["token_hash"]}
            for name, p in prepared.items():
                needed = {b.key for b in p.statement.compile().binds.values() if b.required}
                given = {k: params[k] for k in needed}
                expected = [dict(r._mapping) for r in tx.conn.execute(p.statement, given)]
                got = p.rows(tx.conn, **given)
                assert got == expected, name
                assert [type(v) for row in got for v in row.values()] == \
                       [type(v) for row in expected for v in row.values()], name
                compared += len(got)
    assert compared > 200  # rows were there to compare, not only empty answers


def test_a_prepared_read_sees_its_own_transactions_writes(store):
    demo.run(store, "tester")
    reads = owned(t.decision, order=("decided_on", "id"), live=True)
    with store.read() as tx:  # (rolled back at the end)
        pid = tx.project_get("odder-bostoette").id
        assert reads.rows(tx.conn, project_id=pid)
        tx.conn.execute(t.decision.update().where(t.decision.c.project_id == pid)
                        .values(voided_at=tx.now, void_reason="test"))
        assert reads.rows(tx.conn, project_id=pid) == []


def test_what_cannot_be_prepared_is_refused(store):
    demo.run(store, "tester")
    listed = Prepared(lambda: select(t.project).where(t.project.c.id.in_([1, 2])))
    missing = Prepared(lambda: select(t.project).where(t.project.c.id == bindparam("id")))
    broken = Prepared(lambda: select(t.project).where(t.project.c.slug == bindparam("slug"))
                      .where(t.project.c.id / 0 > bindparam("id")))
    with store.read() as tx:
        with pytest.raises(ValueError, match="expanding IN"):
            listed.rows(tx.conn)
        with pytest.raises(KeyError, match="'id'"):
            missing.rows(tx.conn)
        assert missing.first(tx.conn, id=10 ** 6) is None
        try:  # SQLite answers NULL to a division by zero; PostgreSQL refuses it
            broken.rows(tx.conn, slug="odder-bostoette", id=0)
        except DBAPIError as exc:  # the error SQLAlchemy would raise, not the driver's own
            assert "division by zero" in str(exc)
