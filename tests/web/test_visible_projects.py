"""The portfolio's list of projects (three queries) answers as the project-by-project check
of who may see a project does."""

from __future__ import annotations

from nybureau.persistence.store import Store
from nybureau.services.web import Viewer, grant, project_access, visible_projects


def test_the_portfolio_lists_exactly_the_projects_a_person_has_a_role_in(web_db):
    store = Store(web_db)
    with store.transaction("test") as tx:
        # a network grant reaches both of the network's projects
        grant(tx, "Camilla Høj Pedersen", "reader", network="fremfaerd-nybureaukratisering")
        grant(tx, "Lene Dalsgaard", "secretary", project="egelund-socialpsykiatri")
    with store.read("test") as tx:
        checked = 0
        for person in tx.person_list():
            viewer = Viewer(0, person.id, person.full_name, None, None, None, "da")
            expected = [p.slug for p in tx.project_list()
                        if project_access(tx, viewer, p).any]
            assert [p.slug for p in visible_projects(tx, viewer)] == expected, person.full_name
            checked += bool(expected)
        camilla = tx.person_get("Camilla Høj Pedersen")
        viewer = Viewer(0, camilla.id, camilla.full_name, None, None, None, "da")
        assert len(visible_projects(tx, viewer)) == 2
    store.dispose()
    assert checked > 10


def test_due_for_some_projects_is_the_same_entries_as_for_all(web_db):
    from nybureau.services.follow_up import due

    store = Store(web_db)
    with store.read("test") as tx:
        every = due(tx, as_of="2017-09-01", days=30)["entries"]
        odder = due(tx, as_of="2017-09-01", days=30, projects=["odder-bostoette"])["entries"]
    store.dispose()
    assert odder, "the demo has something due in Odder on 2017-09-01"
    assert [e["what"].render("da") for e in odder] == \
        [e["what"].render("da") for e in every if e["project"] in ("odder-bostoette", None)
         and (e["project"] or e["network"])]
