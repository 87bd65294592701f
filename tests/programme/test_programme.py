"""The frame project a network carries (issue 16, point 3): ``network programme``, ``network
step add|done``, ``network steps``, and the gate of phase 1 — the local project description
approved by the programme's project management — met outside a frame project, unmet inside one
until the approval is recorded, through ``status`` on both readers (the stdlib ``sqlite3``
fast path and SQLAlchemy; on PostgreSQL with NYBUREAU_TEST_PG)."""

from __future__ import annotations

import json

import pytest

from nybureau.persistence import lite


def _network(cli) -> None:
    cli.ok('network create fremfaerd --name "Fremfærd Særlige Behov"')
    cli.ok("project create odder --name Odder --municipality \"Odder Kommune\" "
           "--network fremfaerd --date 2017-06-01")
    cli.ok('project create alone --name Alene --municipality "Anden Kommune" --date 2017-06-01')


def test_programme_is_given_changed_and_shown(cli, snapshot):
    _network(cli)
    shown = cli.ok("network programme fremfaerd")
    assert "has no frame project yet" in shown.output
    assert json.loads(cli.ok("network programme fremfaerd --json").output) is None

    before = snapshot()
    refused = cli('network programme fremfaerd --owner "Ekspertområdet"')
    assert refused.exit_code != 0 and "needs a name" in refused.output
    assert snapshot() == before

    cli.ok('network programme fremfaerd --name "Nybureaukratisering" --owner "Ekspertområdet '
           'for borgere med særlige behov" --management "Hanne Vestergaard (KL), Mikkel Dahl '
           '(SL)"')
    r = json.loads(cli.ok('network programme fremfaerd --description "Rammen om to lokale '
                          'projekter" --json').output)
    assert r["changed"] == ["description"] and r["name"] == "Nybureaukratisering"
    same = cli.ok('network programme fremfaerd --owner "Ekspertområdet for borgere med særlige '
                  'behov"')
    assert "unchanged" in same.output
    shown = json.loads(cli.ok("network programme fremfaerd --json").output)
    assert (shown["owner"], shown["management"], shown["description"], shown["steps"]) == (
        "Ekspertområdet for borgere med særlige behov", "Hanne Vestergaard (KL), Mikkel Dahl (SL)",
        "Rammen om to lokale projekter", [])
    da = cli.ok("network programme fremfaerd", lang="da").output
    assert "Projektledelse: Hanne Vestergaard (KL), Mikkel Dahl (SL)" in da

    refused = cli("network programme nowhere --name X")
    assert refused.exit_code != 0 and "There is no network 'nowhere'" in refused.output

    log = cli.ok("log odder", lang="da").output  # the network's events are not the project's
    assert "rammeprojekt" not in log.lower()


def test_steps_are_added_done_and_listed(cli, snapshot):
    _network(cli)
    before = snapshot()
    refused = cli('network step add fremfaerd "Rekruttering af kommuner"')
    assert refused.exit_code != 0 and "has no frame project yet" in refused.output
    assert snapshot() == before

    cli.ok('network programme fremfaerd --name "Nybureaukratisering"')
    cli.ok('network step add fremfaerd "Rekruttering af kommuner" --due 2017-05-31')
    cli.ok('network step add fremfaerd "Planlægning med kommunerne" --due 2017-06-30')
    cli.ok('network step add fremfaerd "Samlet evaluering" --due 2018-12-31 --number 5')
    refused = cli('network step add fremfaerd "Igen" --number 5')
    assert refused.exit_code != 0 and "already has a step 5" in refused.output
    refused = cli("network step add fremfaerd Forkert --due 2017-02-30")
    assert refused.exit_code != 0

    out = cli.ok("network step done fremfaerd 1 --date 2017-05-29", lang="da").output
    assert "Trin 1 »Rekruttering af kommuner« er gennemført den 2017-05-29" in out
    refused = cli("network step done fremfaerd 2 --date 2030-01-01")
    assert refused.exit_code != 0 and "in the future" in refused.output
    refused = cli("network step done fremfaerd 4 --date 2017-06-01")
    assert refused.exit_code != 0 and "has no step 4" in refused.output

    steps = json.loads(cli.ok("network steps fremfaerd --json").output)
    assert [(s["number"], s["title"], s["due"], s["done"]) for s in steps] == [
        (1, "Rekruttering af kommuner", "2017-05-31", "2017-05-29"),
        (2, "Planlægning med kommunerne", "2017-06-30", None),
        (5, "Samlet evaluering", "2018-12-31", None)]
    table = cli.ok("network steps fremfaerd", lang="da").output
    assert "Rekruttering af kommuner" in table and "forventet" in table

    with_log = cli.ok("audit verify")
    assert with_log.exit_code == 0


def test_a_step_marked_done_by_mistake_is_opened_again(cli, snapshot, store):
    _network(cli)
    cli.ok('network programme fremfaerd --name "Nybureaukratisering"')
    cli.ok('network step add fremfaerd "Rekruttering af kommuner" --due 2017-05-31')
    cli.ok('network step add fremfaerd "Planlægning med kommunerne" --due 2017-06-30')
    cli.ok("network step done fremfaerd 2 --date 2017-06-01")
    before = snapshot()
    for args, said in (("1 --reason R", "is not marked done"),
                       ("7 --reason R", "has no step 7"),
                       ("2 --reason ' '", "reason"),
                       ("2", "--reason")):
        refused = cli(f"network step reopen fremfaerd {args}")
        assert refused.exit_code != 0 and said in refused.output, refused.output
    assert snapshot() == before
    out = cli.ok('network step reopen fremfaerd 2 --reason "Markeret for tidligt"',
                 lang="da").output
    assert "Trin 2 »Planlægning med kommunerne« er åbent igen (det var markeret gennemført " \
        "den 2017-06-01)." in out
    steps = json.loads(cli.ok("network steps fremfaerd --json").output)
    assert [s["done"] for s in steps] == [None, None]
    from nybureau.cli.log_sentences import Words, sentence

    with store.read() as tx:
        (event,) = [e for e in tx.admin_audit_rows() if e["action"] == "programme.step_reopen"]
    said, ok = sentence({**event, "after": json.loads(event["after"]),
                         "before": json.loads(event["before"])}, Words("da"))
    assert ok and said == ("Rammeprojektets trin 2 »Planlægning med kommunerne« er åbnet igen "
                           "(det var markeret gennemført den 1. juni 2017). Begrundelse: "
                           "Markeret for tidligt")
    cli.ok("network step done fremfaerd 2 --date 2017-06-29")
    assert json.loads(cli.ok("network steps fremfaerd --json").output)[1]["done"] == "2017-06-29"
    cli.ok("audit verify")


def _status_both(cli, db_url, monkeypatch, slug: str) -> dict:
    """``status SLUG --json`` on the fast path (an SQLite file) and on SQLAlchemy: equal."""
    answers, used_quick = [], []
    real_read = lite.read

    def counting_read(conn, where):
        used_quick.append(where)
        return real_read(conn, where)

    with monkeypatch.context() as m:
        m.setattr(lite, "read", counting_read)
        answers.append(json.loads(cli.ok(f"status {slug} --json").output))
    assert bool(used_quick) == db_url.startswith("sqlite:///")
    with monkeypatch.context() as m:
        m.setattr(lite, "open_reader", lambda url: None)
        answers.append(json.loads(cli.ok(f"status {slug} --json").output))
    assert answers[0] == answers[1]
    return answers[0]


def _gate(answer: dict) -> dict:
    (req,) = [r for r in answer["requirements"] if r["kind"] == "programme_decision"]
    return req


def _ready_otherwise(cli, slug: str) -> None:
    for decision in ("project_description", "organisation", "seminar_participation"):
        cli.ok(f"decision record {slug} {decision} --by management --by med --outcome approved "
               "--date 2017-06-14")
    cli.ok(f'body member {slug} steering_group "Ida Holm" --role Socialchef')


def test_the_gate_is_met_without_a_programme_unmet_with_one_until_approved(
        cli, store, db_url, monkeypatch):
    _network(cli)
    _ready_otherwise(cli, "odder")
    _ready_otherwise(cli, "alone")
    # the network carries no frame project yet: met as it is
    answer = _status_both(cli, db_url, monkeypatch, "odder")
    assert _gate(answer)["met"] and answer["can_advance"]
    assert _gate(answer)["text"] == (
        "“The frame project's approval of the local project description” approved by the "
        "programme management (when the project belongs to a frame project)")

    cli.ok('network programme fremfaerd --name "Nybureaukratisering"')
    answer = _status_both(cli, db_url, monkeypatch, "odder")
    assert not _gate(answer)["met"] and not answer["can_advance"]
    assert _gate(answer)["missing"] == "Programme management: no decision yet"
    da = cli.ok("status odder", lang="da").output
    assert ("»Rammeprojektets godkendelse af den lokale projektbeskrivelse« godkendt af "
            "programmets projektledelse (når projektet hører til et rammeprojekt) "
            "(Programmets projektledelse: ingen beslutning endnu)") in da
    assert ("nybureau decision record odder programme_approval --by programledelsen "
            "--outcome godkendt") in da
    refused = cli("advance odder --date 2017-06-20")
    assert refused.exit_code != 0 and "programme management" in refused.output
    # a project outside the network is not held by it
    assert _gate(_status_both(cli, db_url, monkeypatch, "alone"))["met"]

    cli.ok("decision record odder programme_approval --by programme_management "
           "--outcome postponed --date 2017-06-15")
    assert _gate(_status_both(cli, db_url, monkeypatch, "odder"))["missing"] == \
        "Programme management: postponed"
    cli.ok("decision record odder programme_approval --by programme_management "
           "--outcome approved --date 2017-06-19")
    answer = _status_both(cli, db_url, monkeypatch, "odder")
    assert _gate(answer)["met"] and answer["can_advance"]

    # as of a day before the approval the gate was not met (the facts follow the day)
    with store.read() as tx:
        from datetime import date

        (p,) = [p for p in tx.project_list() if p["slug"] == "odder"]
        assert not tx.facts(p, as_of=date(2017, 6, 18)).decisions.get(
            ("programme_approval", "programme_management")) == "approved"
        assert tx.facts(p).counts["in_programme"] is True
        if db_url.startswith("sqlite:///"):
            with lite.read(lite.open_reader(db_url), db_url) as q:
                assert q.facts_many(tx.project_list()) == tx.facts_many(tx.project_list())

    # an advance is not dated before the approval it relies on
    refused = cli("advance odder --date 2017-06-18")
    assert refused.exit_code != 0 and "2017-06-19" in refused.output
    cli.ok("advance odder --date 2017-06-20")
    assert _status_both(cli, db_url, monkeypatch, "odder")["phase"] == "common_language"


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_history_tells_the_programme_in_words(cli, store, lang):
    from nybureau.cli.log_sentences import SENTENCES, Words, sentence

    _network(cli)
    cli.ok('network programme fremfaerd --name "Nybureaukratisering"')
    cli.ok('network programme fremfaerd --owner "Ekspertområdet"')
    cli.ok('network step add fremfaerd "Rekruttering af kommuner" --due 2017-05-31')
    cli.ok("network step done fremfaerd 1 --date 2017-05-29")
    with store.read() as tx:
        events = [e for e in tx.admin_audit_rows() if e["action"] in SENTENCES
                  and e["entity"] in ("network_programme", "programme_step")]
    said = [sentence({**e, "after": json.loads(e["after"] or "null"),
                      "before": json.loads(e["before"] or "null")}, Words(lang))
            for e in events]
    assert all(ok for _, ok in said) and len(said) == 4
    if lang == "da":
        assert said[0][0] == "Netværket har fået rammeprojektet »Nybureaukratisering«."
        assert said[1][0] == "Rammeprojektet er ændret (ejer)."
        assert said[3][0] == ("Rammeprojektets trin 1 »Rekruttering af kommuner« er gennemført "
                              "den 29. maj 2017.")
