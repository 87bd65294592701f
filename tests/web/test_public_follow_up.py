"""A public agenda's follow-up table names an action item agreed under a closed item only as
such: its text is the closed item's (the members' version shows it)."""

from __future__ import annotations

from nybureau.persistence.store import Store

SECRET = "Omplacere den medarbejder, sagen drejer sig om"


def _agenda_text(store: Store, meeting: int, public: bool) -> str:
    from nybureau.services import documents

    with store.read("test") as tx:
        data = documents.build(tx, "agenda", "da", meeting=meeting, public=public)
    return documents.render(data, "md").content.decode("utf-8")


def test_an_action_under_a_closed_item_stays_closed_in_later_public_agendas(web_db):
    from nybureau.services import meetings

    store = Store(web_db)
    with store.transaction("test") as tx:
        item = meetings.add_item(tx, 3, title="Personalesag", closed=True)
        number = item["number"] if isinstance(item, dict) and "number" in item else item["position"]
        meetings.add_action(tx, 3, number, what=SECRET, who="Lene Dalsgaard",
                            due="2017-10-01")
    members = _agenda_text(store, 4, public=False)
    public = _agenda_text(store, 4, public=True)
    store.dispose()
    assert SECRET in members
    assert SECRET not in public and "Lene Dalsgaard" not in public
    assert "Et handlepunkt aftalt under et lukket punkt" in public
