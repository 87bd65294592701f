"""Every document of the demo describes the project as it stood on its own date (issue 13,
point 1): rendered in Danish Markdown, no fact dated after the document's ``as_of`` appears in
it — a later decision's note or an item's later beslutning, a member who joined the body later,
a phase entered later ("siden <later date>"), an activity, governance item or vote recorded
later."""

from __future__ import annotations

import re
from datetime import date

import pytest

from nybureau.persistence.store import Store
from nybureau.rendering import file_name
from nybureau.services import documents
from nybureau.services.admin import demo

MONTHS = {m: i for i, m in enumerate(
    ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
     "oktober", "november", "december"), start=1)}
SINCE = re.compile(r"siden (\d{1,2})\. (" + "|".join(MONTHS) + r") (\d{4})")

# The dates the issue names, pinned: they hold whatever the builders' data says.
PINNED = {
    "dagsorden-netvaerksmoede-1-fremfaerd-nybureaukratisering.md": date(2017, 10, 5),
    "kommissorium-odder-bostoette.md": date(2017, 8, 16),
    "dagsorden-omraadeudvalg-for-social-og-sundhed-2017-08-16.md": date(2017, 8, 9),
    "referat-omraadeudvalg-for-social-og-sundhed-2017-08-16.md": date(2017, 8, 16),
}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """(file name, as_of, Markdown) of every demo document, and the records to check."""
    url = f"sqlite:///{tmp_path_factory.mktemp('asof') / 'demo.db'}"
    store = Store(url)
    demo.run(store, "test")
    out, seen = [], set()
    with store.transaction("test", write=False) as tx:
        facts = _dated_facts(tx)
        for project in tx.project_list():
            for data in documents.build_all(tx, project.slug, "da"):
                name = file_name(data, "md")
                if name in seen:
                    continue
                seen.add(name)
                text = documents.render(data, "md").content.decode("utf-8")
                out.append((name, data.get("as_of"), text))
    return out, facts


def _dated_facts(tx) -> list[tuple[date, str, str]]:
    """(date, what, a text that only that record puts into a document)."""
    from nybureau.services.meetings import aware

    out: list[tuple[date, str, str]] = []
    people_since: dict[str, date] = {}
    for p in tx.project_list():
        for d in tx.decisions(p.id):
            if d.note:
                out.append((d.decided_on, f"the note of decision {d.id}", d.note[:60]))
        for m in tx.meeting_list(project_id=p.id):
            day = aware(m.starts_at).date()
            for it in tx.items(m.id):
                if it.decision_text and len(it.decision_text) > 40:
                    out.append((day, f"the beslutning of item {it.id}", it.decision_text[:60]))
        for gi in tx.gov_items(p.id):
            out.append((gi.recorded_on, f"governance item {gi.id}", gi.title))
        for a in tx.activities(p):
            if a.title and len(a.title) > 30 and a.project_id is not None:
                out.append((a.held_on, f"activity {a.id}", a.title))
        # a person who first came into the project on a date: their name is later news
        for m in tx.members(p.id):
            first = m.valid_from or p.started_on
            people_since[m.full_name] = min(first, people_since.get(m.full_name, first))
        for a in tx.agents(p.id):
            people_since[a.full_name] = min(a.appointed_on,
                                            people_since.get(a.full_name, a.appointed_on))
        for a in tx.activities(p):
            for name in a.attendees:
                people_since[name] = min(a.held_on, people_since.get(name, a.held_on))
    out += [(since, f"{name} (in the project from {since})", name)
            for name, since in people_since.items()]
    return out


def test_every_document_has_its_date(rendered):
    docs, _ = rendered
    assert docs
    for name, as_of, _text in docs:
        assert isinstance(as_of, date), name
    dated = {name: as_of for name, as_of, _ in docs}
    for name, day in PINNED.items():
        assert dated.get(name) == day, (name, dated.get(name))


def test_no_document_shows_a_later_fact(rendered):
    docs, facts = rendered
    problems = []
    for name, as_of, text in docs:
        day = PINNED.get(name) or as_of or date.today()
        for d, month, y in SINCE.findall(text):
            since = date(int(y), MONTHS[month], int(d))
            if since > day:
                problems.append(f"{name} (as of {day}): 'siden {d}. {month} {y}'")
        for when, what, needle in facts:
            if when > day and needle in text:
                problems.append(f"{name} (as of {day}): {what}, dated {when}")
    assert not problems, "\n".join(problems)


def test_the_network_agenda_of_5_october_2017_shows_that_day(rendered):
    docs, _ = rendered
    text = next(t for n, _, t in docs
                if n == "dagsorden-netvaerksmoede-1-fremfaerd-nybureaukratisering.md")
    assert "Prioritering" not in text
    assert "Projektet er afsluttet" not in text and "er afsluttet" not in text
    assert "Udforskning og kortlægning" in text


def test_the_mandate_lists_the_steering_group_of_its_approval(rendered):
    docs, _ = rendered
    text = next(t for n, _, t in docs if n == "kommissorium-odder-bostoette.md")
    assert "Anja Brøndum Kristensen" in text  # a member since June 2017
    assert "Torben Skov Andersen" not in text  # joined in January 2018
