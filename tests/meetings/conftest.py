"""Fixtures for the meeting and document tests: a fictional project (Solbjerg Kommune) with
meetings, imported once per module from ``scenario.yaml`` on a frozen copy of the workflow."""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
GOLDEN = HERE.parent / "golden"

# The documents the golden files cover: (name, build keywords).
DOCS = [
    ("agenda", {"meeting": 1}),
    ("minutes", {"meeting": 1}),
    ("decision-paper", {"project": "solbjerg-hjemmepleje", "decision": "focus_areas"}),
    ("project-description", {"project": "solbjerg-hjemmepleje"}),
    ("mandate", {"project": "solbjerg-hjemmepleje"}),
    ("seminar-guide", {"project": "solbjerg-hjemmepleje"}),
    ("workshop-guide", {"project": "solbjerg-hjemmepleje"}),
    ("module-outline", {"project": "solbjerg-hjemmepleje", "number": 1}),
    ("network-agenda", {"project": "solbjerg-hjemmepleje", "number": 1}),
    ("interview-guide", {"project": "solbjerg-hjemmepleje", "role": "frontline"}),
    ("observation-template", {"project": "solbjerg-hjemmepleje"}),
    ("learning-meeting", {"project": "solbjerg-hjemmepleje"}),
    ("status-report", {"project": "solbjerg-hjemmepleje"}),
    ("phase-summary", {"project": "solbjerg-hjemmepleje", "phase": "backing"}),
    ("year-plan", {"project": "solbjerg-hjemmepleje"}),
    ("programme-plan", {"network": "testnetvaerk"}),
]


def load_scenario(store, tmp: Path) -> None:
    from nybureau.services.admin import read_scenario, run_scenario

    text = (HERE / "scenario.yaml").read_text(encoding="utf-8")
    path = tmp / "scenario.yaml"
    path.write_text(text.replace("WORKFLOW", str(HERE / "workflow.yaml")), encoding="utf-8")
    data, name = read_scenario(path)
    with store.transaction("tester") as tx:
        run_scenario(tx, data, name)
    # the steering group's open meeting gets a closed item and attachments
    from nybureau.services import meetings

    with store.transaction("tester") as tx:
        meetings.attach(tx, 3, 3, title="Forslag til indsatsområder",
                        location="https://intra.solbjerg.example/forslag.pdf")
        note = tmp / "Notat om enkeltsager.docx"  # a user's file: copied into the package
        note.write_bytes(b"PK notat")
        meetings.attach(tx, 3, 3, title="Notat om enkeltsager", location=str(note),
                        publishable=False)
        meetings.add_item(tx, 3, title="Personalesag i hjemmeplejen", kind="decision",
                          closed=True, case_number="81.03.00-G01-4-17",
                          background="Fortrolig sag om en medarbejders forhold.",
                          recommendations=["at sagen drøftes"])


def scenario_store(tmp: Path):
    """An SQLite Store in ``tmp`` with the Solbjerg scenario loaded (dispose it when done)."""
    from nybureau.persistence.store import Store

    store = Store("sqlite:///" + str(tmp / "docs.db"))
    store.init()
    load_scenario(store, tmp)
    return store


@pytest.fixture(scope="module")
def doc_store(tmp_path_factory):
    store = scenario_store(tmp_path_factory.mktemp("docs"))
    yield store
    store.dispose()


@pytest.fixture(scope="module")
def build(doc_store):
    """build(name, lang, public=False, **kw) → the document's data."""
    from nybureau.services import documents

    def _build(name: str, lang: str = "da", public: bool = False, **kw):
        with doc_store.transaction("tester", write=False) as tx:
            return documents.build(tx, name, lang, public=public, **kw)

    return _build
