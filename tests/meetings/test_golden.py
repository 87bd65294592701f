"""Golden files: the Markdown and HTML of every document kind, in Danish and English, for the
fictional Solbjerg project. Regenerate after an intended change with
``NYBUREAU_UPDATE_GOLDEN=1 python -m pytest tests/meetings/test_golden.py`` and review the diff."""

from __future__ import annotations

import os

import pytest

from tests.meetings.conftest import DOCS, GOLDEN

UPDATE = bool(os.environ.get("NYBUREAU_UPDATE_GOLDEN"))


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("name,kw", DOCS, ids=[d[0] for d in DOCS])
def test_document_matches_its_golden_file(build, name, kw, lang, fmt):
    from nybureau.rendering import render

    text = render(build(name, lang, **kw), fmt).decode("utf-8")
    for leak in ("<built-in", "<function", " object at 0x", "None |", "| None"):
        assert leak not in text, f"{name} ({lang}, {fmt}) shows a Python value: {leak!r}"
    path = GOLDEN / f"{name}.{lang}.{fmt}"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} is missing; create it with NYBUREAU_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), (
        f"{name} ({lang}, {fmt}) differs from {path.name}; if the change is intended, "
        "regenerate with NYBUREAU_UPDATE_GOLDEN=1 and review the diff")


def test_danish_documents_speak_danish(build):
    from nybureau.rendering import render

    agenda = render(build("agenda", "da", meeting=1), "md").decode()
    assert "onsdag den 14. juni 2017 kl. 10.00" in agenda
    assert "Projektledelsen indstiller," in agenda and "1. at projektbeskrivelsen" in agenda
    minutes = render(build("minutes", "da", meeting=1), "md").decode()
    # the decision follows right after the indstilling
    rec = minutes.index("1. at projektorganiseringen og styregruppens kommissorium godkendes")
    dec = minutes.index("**Godkendt med ændringer.** Godkendt; en TR fra hjemmeplejen")
    assert rec < dec < minutes.index("### 6.")
    assert "Referatet er godkendt den 28. juni 2017" in minutes
    english = render(build("minutes", "en", meeting=1), "md").decode()
    assert "Wednesday 14 June 2017 at 10:00" in english and "Approved with changes." in english


def test_workshop_guide_says_when_the_mapping_is_not_registered(build):
    from nybureau.rendering import render

    text = render(build("workshop-guide", "da", project="solbjerg-hjemmepleje"), "md").decode()
    assert "Kortlægningen er endnu ikke registreret." in text
    assert "Interview med social- og sundhedshjælpere om visitationen" in text


def test_every_document_lists_what_it_is_built_from(build):
    for name, kw in DOCS:
        data = build(name, "da", **kw)
        assert data["sources"], name
        assert all(s["record"] and s["what"] for s in data["sources"]), name
