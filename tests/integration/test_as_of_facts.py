"""The phase gate's facts as of a day, read by every reader through the one facts module
(the SQLAlchemy repository on SQLite and PostgreSQL — NYBUREAU_TEST_PG —, the stdlib sqlite3
reader of ``status``, the in-memory fake): a decision, a member, an agent, an activity, a
governance item exist from their own dates; a membership only within its period. And the as-of
view of the records a document is built through."""

from __future__ import annotations

from datetime import date

import pytest

from nybureau.persistence import lite
from nybureau.services.documents.asof import as_of
from nybureau.services.process import projects, records


@pytest.fixture
def odder(store):
    with store.transaction("tester") as tx:
        projects.create_project(tx, "odder", name="Odder", municipality="Odder Kommune",
                                started_on="2017-06-01")
        projects.add_member(tx, "odder", "steering_group", "Michael Bach", "Formand")
        projects.add_member(tx, "odder", "steering_group", "Torben Skov", "Økonomichef",
                            new_person=True, valid_from="2018-01-08")
        projects.add_member(tx, "odder", "med", "Birgitte Nielsen", new_person=True,
                            valid_from="2017-06-01", valid_to="2017-09-30")
        projects.add_agent(tx, "odder", "Anne-Mette Skov", on="2017-09-13", new_person=True)
        records.record_decision(tx, "odder", "project_description", by=["management"],
                                outcome="postponed", on="2017-06-13")
        records.record_decision(tx, "odder", "project_description", by=["management"],
                                outcome="approved", on="2017-08-15")
        records.record_activity(tx, "odder", "startup_meeting", on="2017-06-07",
                                title="Opstartsmøde")
    return store


def _read(store, day):
    with store.transaction("tester", write=False) as tx:
        project = tx.project_get("odder")
        return tx.facts(project, as_of=day)


def test_facts_as_of_a_day_on_the_repository(odder):
    early = _read(odder, date(2017, 6, 20))
    assert early.decisions[("project_description", "management")] == "postponed"
    assert early.body_members == {"steering_group": 1, "med": 1}
    assert early.agents == {}
    assert early.activity_counts == {"startup_meeting": 1}
    autumn = _read(odder, date(2017, 10, 1))
    assert autumn.decisions[("project_description", "management")] == "approved"
    assert autumn.body_members == {"steering_group": 1}  # the MED member left on 30 September
    assert list(autumn.agents.values()) == ["Anne-Mette Skov"]
    later = _read(odder, date(2018, 1, 8))  # the first day of Torben's period counts
    assert later.body_members == {"steering_group": 2}
    before = _read(odder, date(2017, 5, 1))
    assert before.decisions == {} and before.activity_counts == {}
    assert before.body_members == {"steering_group": 1}  # an open period: from the start
    now = _read(odder, None)
    assert now.body_members == {"steering_group": 2, "med": 1}


def test_the_sqlite3_reader_gives_the_same_facts_as_of_a_day(odder, db_url):
    if not db_url.startswith("sqlite"):
        pytest.skip("the stdlib reader reads SQLite files only")
    for day in (date(2017, 6, 20), date(2017, 10, 1), date(2018, 1, 8), None):
        conn = lite.open_reader(db_url)
        assert conn is not None
        with lite.read(conn, db_url) as reader:
            project = reader.project_get("odder")
            fast = reader.facts(project, as_of=day)
        assert fast == _read(odder, day), day


def test_the_in_memory_fake_gives_the_facts_as_of_a_day():
    from nybureau.persistence.memory import MemoryStore

    store = MemoryStore()
    with store.transaction("tester") as tx:
        projects.create_project(tx, "odder", name="Odder", municipality="Odder Kommune",
                                started_on="2017-06-01")
        projects.add_member(tx, "odder", "med", "Birgitte Nielsen", new_person=True,
                            valid_from="2017-06-01", valid_to="2017-09-30")
        records.record_decision(tx, "odder", "project_description", by=["management"],
                                outcome="approved", on="2017-08-15")
        project = tx.project_get("odder")
        assert tx.facts(project, as_of=date(2017, 8, 1)).decisions == {}
        assert tx.facts(project, as_of=date(2017, 8, 15)).decisions == {
            ("project_description", "management"): "approved"}
        assert tx.facts(project, as_of=date(2017, 10, 1)).body_members == {}
        assert tx.facts(project, as_of=date(2017, 9, 30)).body_members == {"med": 1}


def test_the_as_of_view_answers_as_of_its_day(odder):
    with odder.transaction("tester", write=False) as tx:
        view = as_of(tx, date(2017, 8, 14))
        project = view.project_get("odder")
        assert [m.full_name for m in view.members(project.id)] == [
            "Birgitte Nielsen", "Michael Bach"]
        assert [d.outcome for d in view.decisions(project.id)] == ["postponed"]
        assert view.agents(project.id) == []
        assert view.facts(project).decisions == {("project_description", "management"):
                                                 "postponed"}
        # the day itself left out: the state just before it
        before = as_of(tx, date(2017, 8, 15), inclusive=False)
        assert [d.outcome for d in before.decisions(project.id)] == ["postponed"]
        with pytest.raises(AttributeError):
            view.decision_add  # read-only
