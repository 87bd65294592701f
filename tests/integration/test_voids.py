"""Voided rows (schema 0007) leave the phase gate's facts in both readers alike: the stdlib
reader (persistence/lite.py), the SQLAlchemy repository's one-project facts and its many-project
facts (repo_batch), and the documents and counts built on the repository."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from nybureau.persistence import tables as t
from nybureau.services import phases, process
from nybureau.services.admin import demo
from tests.integration.test_lite_reader import _quick, _sqlite_only, _strict_minutes_project
from tests.integration.test_batch import _programme


def _void_some(store) -> dict[str, int]:
    """Void every other activity, decision recorded outside a meeting, criterion, vote and
    survey round of every project; how many of each were voided."""
    n = {"activity": 0, "decision": 0, "criterion": 0, "vote": 0, "round": 0}
    with store.transaction("tester") as tx:
        seen_acts: set[int] = set()
        for p in tx.project_list():
            slug = p["slug"]
            for a in tx.activities(p)[::2]:
                if a["id"] not in seen_acts:
                    seen_acts.add(a["id"])
                    process.void_record(tx, "activity", slug, a["id"], reason="test")
                    n["activity"] += 1
            for d in [d for d in tx.decisions(p["id"])
                      if not d["source"].startswith("meeting:")][::2]:
                process.void_record(tx, "decision", slug, d["id"], reason="test")
                n["decision"] += 1
            for proto in tx.prototypes(p["id"])[:1]:
                for c in proto["criteria"]:
                    process.void_record(tx, "criterion", slug, c["id"], reason="test")
                    n["criterion"] += 1
            for v in tx.votes(p["id"])[::2]:
                process.void_record(tx, "vote", slug, v["id"], reason="test")
                n["vote"] += 1
            for r in tx.survey_rounds(p["id"])[:1]:
                process.void_record(tx, "survey_round", slug, r["name"], reason="test")
                n["round"] += 1
    return n


@pytest.fixture
def voided(cli, store, db_url, tmp_path):
    _sqlite_only(db_url)
    demo.run(store, "tester")
    _programme(cli)
    _strict_minutes_project(cli, tmp_path)
    with store.read() as tx:
        before = {p["slug"]: tx.facts(p) for p in tx.project_list()}
    counts = _void_some(store)
    return store, before, counts


def test_the_lite_reader_equals_the_sqlalchemy_reader_with_voided_rows(voided, db_url):
    store, before, counts = voided
    assert counts["activity"] > 0 and counts["decision"] > 0 and counts["criterion"] > 0
    assert counts["vote"] > 0 and counts["round"] > 0
    with store.read() as tx, _quick(db_url) as q:
        projects = tx.project_list()
        assert q.facts_many(projects) == tx.facts_many(projects)
        changed = 0
        for p in projects:
            assert q.facts(p) == tx.facts(p) == tx.facts_many([p])[p["id"]], p["slug"]
            changed += tx.facts(p) != before[p["slug"]]
            for lang in ("da", "en"):
                assert phases.status(q, p["slug"], lang) == phases.status(tx, p["slug"], lang)
        assert changed > 0, "voiding rows should change some project's facts"


def test_voided_rows_stay_in_the_database_but_leave_the_reads(voided):
    store, _before, counts = voided
    with store.read() as tx:
        conn = tx.conn
        for table, key in ((t.activity, "activity"), (t.decision, "decision"),
                           (t.prototype_criterion, "criterion"), (t.vote, "vote"),
                           (t.survey_round, "round")):
            rows = conn.execute(select(table.c.id, table.c.void_reason)
                                .where(table.c.voided_at.is_not(None))).all()
            assert len(rows) == counts[key] and all(r.void_reason == "test" for r in rows)
        voided_ids = set(conn.execute(select(t.activity.c.id)
                                      .where(t.activity.c.voided_at.is_not(None))).scalars())
        for p in tx.project_list():
            assert not voided_ids & {a["id"] for a in tx.activities(p)}
            assert voided_ids <= {a["id"] for a in tx.activities(p, include_voided=True)} | \
                voided_ids
            assert all(d["voided_at"] is None for d in tx.decisions(p["id"]))
            assert all(v["voided_at"] is None for v in tx.votes(p["id"]))
            assert all(r["voided_at"] is None for r in tx.survey_rounds(p["id"]))
            for proto in tx.prototypes(p["id"]):
                assert all(c["voided_at"] is None for c in proto["criteria"])


def test_audit_verify_accepts_the_voids(voided, cli):
    assert cli.ok("audit verify").exit_code == 0
    store, _b, counts = voided
    with store.read() as tx:
        actions = [e["action"] for e in tx.audit_events()]
    assert actions.count("activity.void") == counts["activity"]
    assert actions.count("decision.void") == counts["decision"]
    assert actions.count("prototype.criterion.void") == counts["criterion"]
    assert actions.count("workshop.vote.void") == counts["vote"]
    assert actions.count("survey.void") == counts["round"]


def test_documents_render_after_voids(voided, cli, tmp_path):
    """Every document of every project still renders, with the voided rows left out."""
    store, _b, _c = voided
    with store.read() as tx:
        slugs = [p["slug"] for p in tx.project_list()]
        titles = {a["title"] for a in tx.conn.execute(
            select(t.activity.c.title).where(t.activity.c.voided_at.is_not(None),
                                             t.activity.c.title.is_not(None))).mappings()}
        kept = {a["title"] for a in tx.conn.execute(
            select(t.activity.c.title).where(t.activity.c.voided_at.is_(None),
                                             t.activity.c.title.is_not(None))).mappings()}
    only_voided = titles - kept
    for slug in slugs[:3]:
        out = tmp_path / slug
        r = cli(["render", "all", slug, "--out", str(out), "--format", "md"])
        assert r.exit_code == 0, r.output
        text = "\n".join(f.read_text(encoding="utf-8") for f in out.rglob("*.md"))
        for title in only_voided:
            assert title not in text, f"{slug}: the voided activity “{title}” is in a document"
