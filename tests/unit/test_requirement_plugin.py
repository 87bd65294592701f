"""A requirement kind is a complete plug-in: it declares the facts it reads, and the registry
refuses one that does not — when its module is imported, naming the kind. The facts' queries are
one description that both readers run."""

from __future__ import annotations

import sqlite3

import pytest

from nybureau.domain.facts import Count, Exists, Query, eq, is_null, ne, not_null, one_of
from nybureau.persistence.gatefacts import FactNeeds, to_sql
from nybureau.workflow.requirements import (
    REGISTRY,
    KindDeclarationError,
    Param,
    RequirementKind,
    register,
    registered_facts,
    unregister,
)
from nybureau.workflow.requirements.facts import ACTIVITY_COUNTS, AGENTS, ATTENDANCE, DECISIONS
from nybureau.workflow.spec import RequirementSpec


def _kind(name: str, **attrs):
    return type(name.title(), (RequirementKind,), {"name": name, **attrs})


def test_a_kind_without_facts_is_refused_when_it_is_registered_naming_it():
    with pytest.raises(KindDeclarationError, match="'forgetful' .* does not declare its facts"):
        @register
        class Forgetful(RequirementKind):
            name = "forgetful"
            params = {}

            @classmethod
            def met(cls, params, facts, spec):
                return True

    assert "forgetful" not in REGISTRY


@pytest.mark.parametrize("attrs, message", [
    ({"facts": ()}, "does not declare its params"),
    ({"params": {}, "facts": ["not a fact"]}, "facts must be a tuple of Fact objects"),
    ({"params": {}, "facts": (Count("governance_items", "prototype"),)},
     "would fill the same place of the facts as Count\\('governance_items'\\)"),
])
def test_a_kind_declared_wrongly_is_refused(attrs, message):
    with pytest.raises(KindDeclarationError, match=message):
        register(_kind("wrong", **attrs))
    assert "wrong" not in REGISTRY


def test_a_kind_that_reads_no_facts_says_so_and_is_registered():
    cls = _kind("always", params={}, facts=())
    try:
        assert register(cls) is cls and REGISTRY["always"] is cls
        with pytest.raises(KindDeclarationError, match="registered twice"):
            register(_kind("always", params={}, facts=()))
    finally:
        unregister("always")


def test_a_registered_kinds_facts_are_read_and_narrowed_as_it_declares():
    things = Count("things", "prototype", where=(eq("status", "active"),))
    cls = _kind("things", params={"min": Param("int")}, facts=(things,))
    register(cls)
    try:
        assert things in registered_facts()
        need = FactNeeds.of([RequirementSpec("t", "things", {"min": 1})])
        assert need.facts() == {things: None}
        assert things in FactNeeds.everything().facts()
    finally:
        unregister("things")
    assert things not in registered_facts()


def test_fact_needs_are_the_union_of_what_the_kinds_declare():
    need = FactNeeds.of([
        RequirementSpec("a", "decision", {"decision": "go"}),
        RequirementSpec("b", "decision", {"decision": "stop"}),
        RequirementSpec("c", "activity", {"activities": ["seminar"], "min": 1}),
        RequirementSpec("d", "module_attendance", {"module": 2}),
        RequirementSpec("e", "agent_count", {"min": 1}),
    ])
    assert need.facts() == {DECISIONS: frozenset({"go", "stop"}),
                            ACTIVITY_COUNTS: frozenset({"seminar"}),
                            AGENTS: None, ATTENDANCE: frozenset({("module", 2)})}
    assert FactNeeds.of([RequirementSpec("x", "unknown_kind", {})]).parts is None


def test_a_query_description_renders_to_sqlite_text_that_runs():
    conn = sqlite3.connect(":memory:")
    conn.executescript("""
        CREATE TABLE thing (id INTEGER PRIMARY KEY, project_id INT, network_id INT,
                            status TEXT, plan TEXT);
        CREATE TABLE part (id INTEGER PRIMARY KEY, thing_id INT, voided_at TEXT);
        INSERT INTO thing VALUES (1, 1, NULL, 'a', 'p'), (2, 1, NULL, 'b', NULL),
                                 (3, 2, 7, 'a', 'p'), (4, NULL, 7, 'a', 'p');
        INSERT INTO part VALUES (1, 1, NULL), (2, 3, 'voided'), (3, 4, NULL);
    """)
    q = Query("thing", ("project_id", "count(*)"), where=(
        ne("status", "b"), not_null("plan"),
        Exists("part", ("thing_id", "id"), (is_null("voided_at"),))),
        group_by=("project_id",), scope=("project_id", "network_id"))
    sql, params = to_sql(q, None, [])
    assert sorted(conn.execute(sql, params).fetchall(), key=str) == [(1, 1), (None, 1)]
    sql, params = to_sql(q, [1, 2], [7])
    assert "IN (?, ?)" in sql and params[-3:] == [1, 2, 7]
    assert sorted(conn.execute(sql, params).fetchall(), key=str) == [(1, 1), (None, 1)]
    sql, params = to_sql(q.where_also(one_of("status", ())), [1], [])
    assert conn.execute(sql, params).fetchall() == []


def test_a_fact_must_fill_a_part_of_the_facts():
    with pytest.raises(KindDeclarationError, match="fills 'elsewhere', which is not a part"):
        register(_kind("astray", params={}, facts=(Count("x", "prototype", into="elsewhere"),)))
    assert "astray" not in REGISTRY
