"""Every document of the demo in every format, as a secretariat sends it (issue 13, points 4, 7
and 8): A4 in DOCX and PDF, page numbers, nothing internal in a Danish body, tagged PDF with its
language and PDF/A + PDF/UA identification, fonts embedded, and the meeting package with its
table of contents and bookmarks.

Rendering every PDF of the demo takes about 30 s of CPU, so it is done once for the module."""

from __future__ import annotations

import io
import re
import time
from html import unescape
from pathlib import Path

import pytest

A4_PT = (595.28, 841.89)
# What a reader must never see in a Danish document: a database id, a table name, a decision key.
INTERNAL = re.compile(r"#\d|\b(agenda_item|phase_transition|governance_item|project_text|"
                      r"governance item)\b")


def _decision_keys() -> set[str]:
    import yaml

    from nybureau.resources import data_dir

    keys: set[str] = set()
    for path in data_dir("workflows").glob("*.yaml"):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for phase in spec.get("phases") or []:
            for d in phase.get("decisions") or []:
                key = d.get("id") if isinstance(d, dict) else None
                if key and "_" in key:  # "organisation" is a Danish word too
                    keys.add(key)
    return keys


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from nybureau.persistence.store import Store
    from nybureau.rendering import file_name
    from nybureau.services import documents
    from nybureau.services.admin import demo as demo_service

    folder = tmp_path_factory.mktemp("print")
    store = Store("sqlite:///" + str(folder / "demo.db"))
    demo_service.run(store, "tester")
    datas, seen = [], set()
    with store.transaction("tester", write=False) as tx:
        for project in tx.project_list():
            for data in documents.build_all(tx, project["slug"], "da"):
                if file_name(data, "md") not in seen:
                    seen.add(file_name(data, "md"))
                    datas.append(data)
    yield store, datas, folder / "demo.db"
    store.dispose()


@pytest.fixture(scope="module")
def pdfs(demo):
    """Every demo document as PDF, rendered once (the seconds are printed with -s)."""
    from nybureau.rendering import render

    _, datas, _ = demo
    started = time.perf_counter()
    out = [(data, render(data, "pdf")) for data in datas]
    print(f"\n{len(out)} PDFs in {time.perf_counter() - started:.1f} s")
    return out


def _pdf_text(reader) -> str:
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def _fonts_embedded(reader) -> list[str]:
    """The fonts of every page that are not embedded (none, for PDF/A)."""
    missing = []
    for page in reader.pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for name, ref in fonts.items():
            font = ref.get_object()
            descs = [font] + [d.get_object() for d in font.get("/DescendantFonts") or []]
            if not any("/FontDescriptor" in d and any(
                    k in d["/FontDescriptor"].get_object() for k in
                    ("/FontFile", "/FontFile2", "/FontFile3")) for d in descs):
                missing.append(f"{name} {font.get('/BaseFont')}")
    return missing


def test_every_demo_pdf_is_a4_tagged_archivable_and_numbered(pdfs):
    from pypdf import PdfReader

    assert len(pdfs) > 40
    for data, content in pdfs:
        name = data["doc"]["name"]
        reader = PdfReader(io.BytesIO(content))
        root = reader.trailer["/Root"]
        for page in reader.pages:
            box = page.mediabox
            assert abs(float(box.width) - A4_PT[0]) < 1 and \
                abs(float(box.height) - A4_PT[1]) < 1, name
        assert root["/Lang"] == "da-DK", name
        assert root["/MarkInfo"]["/Marked"], name
        assert "/StructTreeRoot" in root, name
        assert root["/ViewerPreferences"]["/DisplayDocTitle"], name
        xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
        assert 'pdfaid:part="2"' in xmp and 'pdfaid:conformance="A"' in xmp, name
        assert 'pdfuaid:part="1"' in xmp, name
        assert "<dc:source>" in xmp, name  # the sources travel in the metadata
        assert reader.metadata.title.startswith(data["doc"]["title"]), name
        assert not _fonts_embedded(reader), name
        text = _pdf_text(reader)
        n = len(reader.pages)
        assert f"Side 1 af {n}" in text and f"Side {n} af {n}" in text, name
        assert not INTERNAL.search(text), (name, INTERNAL.search(text))
        for key in _decision_keys():
            assert key not in text, (name, key)


def test_the_charts_have_alt_text_from_their_figures(pdfs):
    from pypdf import PdfReader

    reports = [c for d, c in pdfs if d["doc"]["name"] == "evaluation-report"]
    assert reports
    figures = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, dict) or hasattr(node, "get"):
            if node.get("/S") == "/Figure":
                figures.append(node.get("/Alt"))
            kids = node.get("/K")
            if kids is not None:
                for kid in kids if isinstance(kids, list) else [kids]:
                    if hasattr(kid, "get_object") and not isinstance(kid.get_object(), int):
                        walk(kid)

    for content in reports:
        reader = PdfReader(io.BytesIO(content))
        walk(reader.trailer["/Root"]["/StructTreeRoot"])
    assert figures, "the charts are figures in the structure tree"
    for alt in figures:
        # the chart's own figures, in Danish, as the evaluation report writes them
        assert alt and " før " in str(alt) and re.search(r"\d,\d\d", str(alt))


def test_every_demo_docx_is_a4_with_header_and_page_numbers(demo):
    from docx import Document

    from nybureau.rendering import render
    from nybureau.rendering.docx_print import read_custom_properties

    _, datas, _ = demo
    for data in datas:
        name = data["doc"]["name"]
        content = render(data, "docx")
        doc = Document(io.BytesIO(content))
        section = doc.sections[0]
        assert abs(section.page_width.mm - 210) < 0.5 and abs(section.page_height.mm - 297) < 0.5
        assert section.left_margin.mm == pytest.approx(20, abs=0.5)
        assert section.top_margin.mm == pytest.approx(30, abs=0.5)
        footer = section.footer._element.xml
        assert " PAGE " in footer and " NUMPAGES " in footer, name
        assert section.footer.paragraphs[0].text.startswith("Side "), name
        header = " ".join(p.text for p in section.header.paragraphs)
        if data.get("meeting") and data["meeting"].get("name"):
            assert data["meeting"]["name"] in header, (name, header)
        else:
            assert data["doc"]["title"] in header, (name, header)
        body = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
            c.text for t in doc.tables for r in t.rows for c in r.cells)
        assert not INTERNAL.search(body), (name, INTERNAL.search(body))
        assert "Grundlag for dokumentet" not in body
        assert read_custom_properties(content).get("Kilder"), name


def test_no_internal_ids_in_the_markdown_and_html_bodies(demo):
    from nybureau.rendering import render

    _, datas, _ = demo
    keys = _decision_keys()
    for data in datas:
        name = data["doc"]["name"]
        md = render(data, "md").decode("utf-8")
        html = render(data, "html").decode("utf-8")
        body = unescape(re.sub(r"<[^>]+>", " ", html.split("<body>", 1)[1]))
        for text in (md, body):
            assert not INTERNAL.search(text), (name, INTERNAL.search(text))
            assert not [k for k in keys if k in text], name
        assert '<meta name="nybureau.sources"' in html and "@page" in html and "A4" in html


def test_sources_appendix_names_records_in_danish(demo):
    from nybureau.rendering import render

    _, datas, _ = demo
    agenda = next(d for d in datas if d["doc"]["name"] == "agenda")
    md = render(agenda, "md", sources=True).decode("utf-8")
    appendix = md.split("\n## Kilder\n", 1)[1]
    assert "| Dagsordenspunkt " in appendix and "| Møde " in appendix
    assert "agenda_item" not in appendix and not re.search(r"#\d", appendix)
    assert "»nybureau log«" in appendix
    html = render(agenda, "html", sources=True).decode("utf-8")
    assert '<h2 id="kilder">Kilder</h2>' in html


def test_the_meeting_package_has_contents_bookmarks_and_its_bilag(demo, tmp_path):
    """The package through the contract's bilag: a nybureau document rendered in, a PDF merged,
    a spreadsheet listed, a link listed."""
    from pypdf import PdfReader

    from nybureau import rendering
    from nybureau.rendering.package import meeting_package
    from nybureau.services import documents

    store, _, db = demo
    with store.transaction("tester", write=False) as tx:
        meeting = next(m for p in tx.project_list() for m in tx.meeting_list(project_id=p["id"])
                       if m["body"] == "med")
        data = documents.build(tx, "agenda", "da", meeting=meeting["id"])
        slug = next(p["slug"] for p in tx.project_list())
        mandate = documents.build(tx, "mandate", "da", project=slug)
    other = tmp_path / "budget.pdf"
    other.write_bytes(rendering.render(mandate, "pdf"))  # a PDF made "elsewhere"
    sheet = tmp_path / "budget.xlsx"
    sheet.write_bytes(b"PK\x03\x04 not really a spreadsheet")
    first = data["items"][0]["number"]
    data["bilag"] = [
        {"number": 1, "title": "Kommissorium", "kind": "document", "file_name": None,
         "path": None, "url": None, "document": {"name": "mandate", "project": slug},
         "publishable": True, "item": first},
        {"number": 2, "title": "Budget", "kind": "file", "file_name": "budget.pdf",
         "path": str(other), "url": None, "document": None, "publishable": True},
        {"number": 3, "title": "Regneark", "kind": "file", "file_name": "budget.xlsx",
         "path": str(sheet), "url": None, "document": None, "publishable": True},
        {"number": 4, "title": "Modellen", "kind": "url", "file_name": None, "path": None,
         "url": "https://example.org/model", "document": None, "publishable": True},
    ]
    html = rendering.render_html(data, fmt="pdf")
    docs = {1: rendering.render_html(mandate, fmt="pdf")}
    content, notes = meeting_package(data, html, docs, rendering.metadata(data))
    reader = PdfReader(io.BytesIO(content))
    text = _pdf_text(reader)
    assert "Indhold" in text and "Bilag 1: Kommissorium" in text
    assert "Bilag 3: Regneark (budget.xlsx): vedlægges som særskilt fil" in text
    assert "https://example.org/model" in text
    merged = len(PdfReader(io.BytesIO(other.read_bytes())).pages)
    total = len(reader.pages)
    assert f"Side 1 af {total}" in text  # the merged pages count in the total
    assert f"(indsat efter dagsordenen, side {total - merged + 1}" in text
    titles = [o.title for o in _outline(reader.outline)]
    for it in data["items"]:
        assert f"{it['number']}. {it['title']}" in titles, it["title"]
    assert "Bilag 1: Kommissorium" in titles and "Bilag 2: Budget" in titles
    assert notes  # a merged file: no PDF/A claim, and the user is told
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert "pdfaid:part" not in xmp and "/StructTreeRoot" in reader.trailer["/Root"]


def _outline(items):
    for o in items:
        if isinstance(o, list):
            yield from _outline(o)
        else:
            yield o


def test_render_package_on_the_command_line_is_one_archivable_pdf(demo, tmp_path):
    from click.testing import CliRunner
    from pypdf import PdfReader

    from nybureau.cli.main import cli

    store, _, db = demo
    with store.transaction("tester", write=False) as tx:
        meeting = next(m for p in tx.project_list() for m in tx.meeting_list(project_id=p["id"])
                       if m["status"] != "planned")
    result = CliRunner().invoke(cli, ["--db", str(db), "--lang", "da", "render", "package",
                                      "--meeting", str(meeting["id"]), "--minutes",
                                      "--out", str(tmp_path) + "/"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (path,) = list(Path(tmp_path).glob("referat-*-med-bilag.pdf"))
    reader = PdfReader(str(path))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert 'pdfaid:part="2"' in xmp and 'pdfuaid:part="1"' in xmp
    assert any(o.title.startswith("1. ") for o in _outline(reader.outline))
    refused = CliRunner().invoke(cli, ["--db", str(db), "--lang", "en", "render", "package"])
    assert refused.exit_code != 0 and "Say which meeting" in refused.output
