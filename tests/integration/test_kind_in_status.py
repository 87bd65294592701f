"""A requirement kind is one class: defined here, inside the test, registered, used in a small
workflow definition, and seen unmet and met through ``status`` on both readers — the stdlib
``sqlite3`` fast path and the SQLAlchemy repository (on PostgreSQL too, with NYBUREAU_TEST_PG)."""

from __future__ import annotations

import json

import pytest

from nybureau.domain.facts import Count, eq, is_null
from nybureau.persistence import lite
from nybureau.services import phases
from nybureau.workflow.requirements import REGISTRY, Param, RequirementKind, register, unregister

WORKFLOW = """\
id: reach
version: 1
title: {da: Rækkevidde, en: Reach}
phases:
  - id: spread
    title: {da: Spredning, en: Spreading}
    requirements:
      - {kind: articles_published, min: 2}
  - id: wrap_up
    title: {da: Afrunding, en: Wrap-up}
final:
  id: done
  title: {da: Færdig, en: Done}
"""


@pytest.fixture
def articles_kind():
    """The kind, registered for this test only."""

    class ArticlesPublished(RequirementKind):
        name = "articles_published"
        params = {"min": Param("int", required=False, default=1, minimum=1)}
        facts = (Count("articles", "spreading_activity",
                       where=(eq("kind", "article"), is_null("voided_at"))),)

        @classmethod
        def met(cls, params, facts, spec):
            return facts.counts.get("articles", 0) >= params["min"]

        @classmethod
        def describe(cls, params, spec, lang):
            n = params["min"]
            return (f"Mindst {n} artikler udgivet" if lang == "da"
                    else f"At least {n} articles published")

        @classmethod
        def missing(cls, params, facts, spec, lang):
            have = facts.counts.get("articles", 0)
            return f"{have} nu" if lang == "da" else f"{have} now"

        @classmethod
        def command(cls, params, spec, project):
            return f'nybureau spreading add {project} article "Titel" --audience "Alle"'

    register(ArticlesPublished)
    try:
        yield ArticlesPublished
    finally:
        unregister("articles_published")
    assert "articles_published" not in REGISTRY


def _status_both(cli, db_url, monkeypatch, slug: str) -> dict:
    """``status SLUG --json`` through the CLI on the fast path (when the database is an SQLite
    file) and on the SQLAlchemy path; they must agree. Returns the answer."""
    answers = []
    used_quick = []
    real_read = lite.read

    def counting_read(conn, where):
        used_quick.append(where)
        return real_read(conn, where)

    with monkeypatch.context() as m:
        m.setattr(lite, "read", counting_read)
        answers.append(json.loads(cli.ok(f"status {slug} --json").output))
    assert bool(used_quick) == db_url.startswith("sqlite:///")
    with monkeypatch.context() as m:
        m.setattr(lite, "open_reader", lambda url: None)  # the SQLAlchemy repository
        answers.append(json.loads(cli.ok(f"status {slug} --json").output))
    assert answers[0] == answers[1]
    return answers[0]


def _requirement(answer: dict) -> dict:
    (req,) = answer["requirements"]
    assert req["kind"] == "articles_published"
    return req


def test_a_kind_defined_here_is_met_and_unmet_through_status_on_both_readers(
        articles_kind, cli, store, db_url, tmp_path, monkeypatch):
    path = tmp_path / "reach.yaml"
    path.write_text(WORKFLOW, encoding="utf-8")
    cli.ok(f"project create p --name P --municipality M --workflow {path} --date 2024-01-01")
    cli.ok("project create q --name Q --municipality M --workflow {0} --date 2024-01-01"
           .format(path))

    req = _requirement(_status_both(cli, db_url, monkeypatch, "p"))
    assert (req["met"], req["missing"], req["text"]) == (False, "0 now",
                                                          "At least 2 articles published")
    cli.ok('spreading add p article "Første" --audience "Alle" --date 2024-02-01')
    cli.ok('spreading add p newsletter "Nyhedsbrev" --audience "Alle" --date 2024-02-01')
    cli.ok('spreading add q article "Andet projekts" --audience "Alle" --date 2024-02-01')
    answer = _status_both(cli, db_url, monkeypatch, "p")
    assert (_requirement(answer)["met"], _requirement(answer)["missing"]) == (False, "1 now")
    assert not answer["can_advance"]
    refused = cli("advance p --date 2024-03-01")
    assert refused.exit_code != 0 and "At least 2 articles published (1 now)" in refused.output

    cli.ok('spreading add p article "Anden" --audience "Alle" --date 2024-02-02')
    answer = _status_both(cli, db_url, monkeypatch, "p")
    assert _requirement(answer)["met"] and answer["can_advance"]
    assert _requirement(answer)["missing"] == ""

    # every project at once, and the two readers' facts themselves
    with store.read() as tx:
        projects = tx.project_list()
        assert [s["met"] for s in phases.status_all(tx, "en")] == [1, 0]
        facts = tx.facts_many(projects)
        assert [facts[p["id"]].counts["articles"] for p in projects] == [2, 1]
        assert {p["slug"]: tx.facts(p) for p in projects} == \
            {p["slug"]: facts[p["id"]] for p in projects}
        if db_url.startswith("sqlite:///"):
            with lite.read(lite.open_reader(db_url), db_url) as q:
                assert q.facts_many(projects) == facts
                assert phases.status_all(q, "da") == phases.status_all(tx, "da")

    cli.ok("advance p --date 2024-03-01")
    assert _status_both(cli, db_url, monkeypatch, "p")["phase"] == "wrap_up"
