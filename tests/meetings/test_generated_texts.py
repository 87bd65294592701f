"""Bilingual texts on an agenda are an explicit structure (issue 12 §2): what nybureau generates
is kept in both languages beside what a user writes (``background_generated``, schema 0008), and
what a user writes is printed as typed — whole, in either language — even when it looks like
the JSON of a generated text. Migration 0008 moves the generated texts of 0007 data out of
``background``."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

TYPED = '{"da": "skjult", "en": "vist"}'


def _agenda(cli, lang: str) -> str:
    return cli.ok("render agenda --meeting 1 --format md --out -", lang=lang).output


def _setup(cli) -> None:
    cli.ok('project create p --name "P" --municipality "Testkommune" --date 2017-01-02')
    cli.ok('meeting plan p med --date "2017-03-01 10:00"')
    cli.ok(["meeting", "item", "add", "1", "--title", "Brugerens punkt", "--type", "discussion",
            "--background", TYPED, "--recommendation", TYPED])


def test_a_users_background_that_looks_like_json_prints_whole_in_both_languages(cli):
    _setup(cli)
    for lang in ("da", "en"):
        out = _agenda(cli, lang)
        assert out.count("skjult") == 2 and out.count("vist") == 2, out  # background + rec
        assert TYPED in out, out
        minutes = cli.ok("render minutes --meeting 1 --format md --out -", lang=lang).output
        assert TYPED in minutes, minutes
    # the generated status text is still given in each language
    assert "Status på projektet" in _agenda(cli, "da")
    assert "Project status" in _agenda(cli, "en")
    shown = json.loads(cli.ok("meeting show 1 --json").output)
    assert shown["items"][-1]["title"] == "Brugerens punkt"


def test_the_store_keeps_generated_and_typed_texts_apart(cli, store):
    from nybureau.persistence import tables as t

    _setup(cli)
    with store.engine.connect() as conn:
        rows = conn.execute(select(t.agenda_item.c.standing, t.agenda_item.c.background,
                                   t.agenda_item.c.background_generated)
                            .order_by(t.agenda_item.c.position)).all()
    typed = [r for r in rows if r.background is not None]
    assert [r.background for r in typed] == [TYPED]
    assert typed[0].background_generated is None
    status = next(r for r in rows if r.standing == "status")
    assert status.background is None
    assert set(json.loads(status.background_generated)) == {"da", "en"}


def test_editing_a_generated_background_replaces_it(cli, store):
    from nybureau.persistence import tables as t

    _setup(cli)
    shown = json.loads(cli.ok("meeting show 1 --json").output)
    status = next(it["number"] for it in shown["items"] if it["title"] == "Project status")
    cli.ok(["meeting", "item", "edit", "1", str(status), "--background", "Mit eget"])
    with store.engine.connect() as conn:
        row = conn.execute(select(t.agenda_item.c.background, t.agenda_item.c.background_generated)
                           .where(t.agenda_item.c.position == status)).one()
    assert tuple(row) == ("Mit eget", None)
    for lang in ("da", "en"):
        assert "Mit eget" in _agenda(cli, lang)
    cli.ok("audit verify")


def _alembic(store, revision: str, down: bool) -> None:
    from alembic import command
    from alembic.config import Config

    import nybureau.persistence as persistence

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(persistence.__file__).parent / "migrations"))
    with store.engine.connect() as conn:
        with conn.begin():
            cfg.attributes["connection"] = conn
            (command.downgrade if down else command.upgrade)(cfg, revision)


def test_migration_0008_moves_the_generated_texts_of_0007_data(cli, store):
    from sqlalchemy import inspect

    from nybureau.persistence.schema import SCHEMA_HEAD
    from nybureau.persistence.store import Store

    _setup(cli)
    cli.ok('network create n --name "Netværket"')
    cli.ok('meeting plan n network --number 2 --date "2017-04-01 10:00"')
    before_da, before_en = _agenda(cli, "da"), _agenda(cli, "en")
    network_da = cli.ok("render agenda --meeting 2 --format md --out -", lang="da").output
    _alembic(store, "0007", down=True)
    # 0007 data: the generated texts are JSON strings in ``background``, as 0007 wrote them
    assert "background_generated" not in {c["name"] for c in
                                          inspect(store.engine).get_columns("agenda_item")}
    with store.engine.connect() as conn:
        backgrounds = [r[0] for r in conn.exec_driver_sql(
            "SELECT background FROM agenda_item WHERE background IS NOT NULL ORDER BY id")]
    assert TYPED in backgrounds
    generated = [b for b in backgrounds if b != TYPED]
    assert generated and all(set(json.loads(b)) == {"da", "en"} for b in generated)
    assert any(json.loads(b)["da"].startswith("Fra kortlægning") for b in generated)  # theme
    store.dispose()
    again = Store(store.url)
    assert again.init() == ("0007", SCHEMA_HEAD)
    again.dispose()
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT background, background_generated FROM agenda_item "
            "WHERE background IS NOT NULL OR background_generated IS NOT NULL ORDER BY id").all()
    assert [r[0] for r in rows if r[0] is not None] == [TYPED]  # the user's text stays
    assert sorted(r[1] for r in rows if r[1] is not None) == sorted(
        json.dumps(json.loads(b), ensure_ascii=False) for b in generated)
    # the same documents as before, the history and the state seal intact
    assert _agenda(cli, "da") == before_da and _agenda(cli, "en") == before_en
    assert cli.ok("render agenda --meeting 2 --format md --out -", lang="da").output == network_da
    verify = json.loads(cli.ok("audit verify --json").output)
    assert verify["ok"], verify
    # the rows the migration rewrote were sealed again, by one event of the upgrade
    with store.engine.connect() as conn:
        action, after = conn.exec_driver_sql(
            "SELECT action, after FROM audit_event ORDER BY id DESC LIMIT 1").one()
    assert action == "audit.baseline"
    assert json.loads(after)["reason"] == "migration"
    assert json.loads(after)["rows"] == len(generated)
    assert cli.ok("init").exit_code == 0  # idempotent
