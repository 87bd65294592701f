"""The documents of phases 3–6: golden Markdown and HTML in Danish and English for the fictional
Testrup project, the charts in HTML (SVG) and DOCX (PNG), and the example scenarios' substance.
Regenerate the golden files after an intended change with
``NYBUREAU_UPDATE_GOLDEN=1 python -m pytest tests/substance/test_documents.py`` and review the
diff. (The evaluation report's HTML embeds matplotlib's SVG, so only its Markdown is golden.)"""

from __future__ import annotations

import io
import os

import pytest

from tests.substance.conftest import GOLDEN

UPDATE = bool(os.environ.get("NYBUREAU_UPDATE_GOLDEN"))
DOCS = ["learning-meeting", "mapping-report", "voting-sheet", "prioritisation-proposal",
        "evaluation-report", "network-report", "communication-plan", "newsletter", "article"]


def build(store, name, lang, project="testrup"):
    from nybureau.services import documents

    with store.transaction("t", write=False) as tx:
        return documents.build(tx, name, lang, project=project)


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("name", DOCS)
def test_document_matches_its_golden_file(network_store, name, lang, fmt):
    from nybureau.rendering import render

    if name == "evaluation-report" and fmt == "html":
        pytest.skip("embeds matplotlib's SVG; checked structurally below")
    text = render(build(network_store, name, lang), fmt).decode("utf-8")
    path = GOLDEN / f"{name}.{lang}.{fmt}"
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} is missing; create it with NYBUREAU_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), (
        f"{name} ({lang}, {fmt}) differs from {path.name}; if intended, regenerate with "
        "NYBUREAU_UPDATE_GOLDEN=1 and review the diff")


def test_the_evaluation_report_answers_nine_questions_from_the_records(network_store):
    data = build(network_store, "evaluation-report", "da")
    qs = data["questions"]
    assert [q["number"] for q in qs] == list(range(1, 10))
    assert qs[0]["question"] == "Hvad var udgangspunktet, da projektet startede?"
    assert any("Kortlægningen fandt 3 styringselementer" in f for f in qs[0]["facts"])
    assert qs[4]["facts"] == [] and "tillidsdagsorden" in qs[4]["prompt"]   # left for the writer
    assert any("Team Nord" in f for f in qs[5]["facts"])                   # learning
    assert any("Bostøtte uden stopur" in f for f in qs[7]["facts"])        # spreading
    (thread_1, thread_2) = data["threads"]
    assert thread_1["title"] == "Bostøtte visiteres som ugentlige timer"
    assert thread_1["prototypes"].startswith("Støttebehov i stedet for timer")
    # 5 social workers and 2 leaders: both groups hidden (the 2, and the 5 that would give
    # the 2 away)
    rows = [r for r in data["survey_table"] if r["group"] == "Leder"]
    assert rows and all(r["before"] == "færre end 5 svar" for r in rows)


def test_charts_svg_in_html_png_in_docx(network_store):
    import docx

    from nybureau.rendering import render

    data = build(network_store, "evaluation-report", "da")
    assert [c["bottom_line"] for c in data["charts"]] == ["quality", "work_environment",
                                                          "efficiency"]
    html = render(data, "html").decode("utf-8")
    assert html.count("<svg") == 3 and "data:image/png" not in html
    document = docx.Document(io.BytesIO(render(data, "docx")))
    assert len(document.inline_shapes) == 3
    texts = "\n".join(p.text for p in document.paragraphs)
    assert "Kvalitet: gennemsnit før og efter pr. gruppe" in texts
    assert "<svg" not in texts and "Gennemsnit på skalaen" not in texts.split("Kvalitet:")[0]


def test_the_workshop_guide_lists_the_mapped_items(network_store):
    from nybureau.rendering import render

    text = render(build(network_store, "workshop-guide", "da"), "md").decode("utf-8")
    assert "| Bostøtte visiteres som ugentlige timer | regel/proceskrav | Bostøtten | for stram |" \
        in text
    assert "Kortlægningen er endnu ikke registreret" not in text


def test_documents_are_offered_when_the_records_allow_them(network_store):
    from nybureau.services import documents

    with network_store.transaction("t", write=False) as tx:
        testrup = {d["name"] for d in documents.available(tx, "testrup")}
        nabolund = {d["name"] for d in documents.available(tx, "nabolund")}
    assert set(DOCS) <= testrup
    assert {"mapping-report", "voting-sheet", "prioritisation-proposal",
            "network-report"} <= nabolund and "evaluation-report" not in nabolund


def test_the_examples_carry_the_substance(store):
    """The Odder demo: ≥ 8 items from the seed's focus areas, votes from the whole chain, three
    focus areas, prototypes with iterations, two survey rounds with groups of ≥ 5, spreading —
    and a second municipality in the same network."""
    from nybureau.services.admin import demo
    from nybureau.services.substance import workshop
    from nybureau.services.documents import network_report

    demo.run(store, "tester")
    with store.transaction("t", write=False) as tx:
        p = tx.project_get("odder-bostoette")
        items = tx.gov_items(p["id"])
        titles = " ".join(i["title"] for i in items)
        assert len(items) >= 8
        for needle in ("BUM", "ugentligt timeantal", "§ 85", "kompleksitet"):
            assert needle in titles, needle
        t = workshop.tally(tx, "odder-bostoette")
        assert all(t["by_role"][r] > 0 for r in t["by_role"]) and t["warnings"] == []
        assert len(tx.focus_areas(p["id"])) == 3
        protos = tx.prototypes(p["id"])
        assert len(protos) >= 2 and all(len(x["iterations"]) >= 2 for x in protos)
        rounds = tx.survey_rounds(p["id"])
        assert [r["kind"] for r in rounds] == ["baseline", "follow_up"]
        assert len(tx.spreading(p["id"])) >= 3
        net = network_report.network_status(tx, "fremfaerd-nybureaukratisering", "da")
    assert [x["project"] for x in net["projects"]] == ["egelund-socialpsykiatri",
                                                      "odder-bostoette"]
    assert all(x["items"] > 0 for x in net["projects"])
