"""HTML structure (lang, heading order, table headers, nothing from the network), DOCX reopened
with python-docx, and one DOCX converted to PDF by LibreOffice when it is installed."""

from __future__ import annotations

import io
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from tests.meetings.conftest import DOCS


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lang = None
        self.headings: list[int] = []
        self.tables: list[dict] = []
        self.external: list[str] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self.headings.append(int(tag[1]))
        if tag == "table":
            self.tables.append({"th": 0, "th_scope": 0, "caption": False})
        if tag == "th" and self.tables:
            self.tables[-1]["th"] += 1
            if a.get("scope") in ("col", "row"):
                self.tables[-1]["th_scope"] += 1
        if tag == "caption" and self.tables:
            self.tables[-1]["caption"] = True
        if tag in ("script", "link", "img", "iframe", "object", "embed") or (
                tag in ("source", "video", "audio") and a.get("src")):
            self.external.append(tag)
        if "style" in a and "url(" in a["style"]:
            self.external.append("style url")


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("name,kw", DOCS, ids=[d[0] for d in DOCS])
def test_html_is_accessible_in_structure(build, name, kw, lang):
    from nybureau.rendering import render

    html = render(build(name, lang, **kw), "html").decode("utf-8")
    page = parse(html)
    assert page.lang == lang
    assert page.headings[0] == 1 and page.headings.count(1) == 1, page.headings
    for before, after in zip(page.headings, page.headings[1:]):
        assert after <= before + 1, f"heading level jumps from h{before} to h{after}"
    for table in page.tables:
        assert table["th"] > 0 and table["th"] == table["th_scope"], table
        assert table["caption"], "each table has a caption"
    assert not page.external, f"self-contained: nothing loaded ({page.external})"
    assert "@media print" in html
    assert "url(" not in html and "@import" not in html


def test_html_escapes_what_users_wrote(cli, tmp_path):
    cli.ok('project create p --name "P" --municipality "Testkommune" --date 2017-01-02')
    cli.ok('meeting plan p med --date "2017-03-01 10:00"')
    cli.ok(['meeting', 'item', 'add', '1', '--title', '<script>alert(1)</script> & "x"'])
    out = tmp_path / "a.html"
    cli.ok(f"render agenda --meeting 1 --out {out}")
    html = out.read_text(encoding="utf-8")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;x&#34;" in html


def _docx(build, name, lang="da", **kw):
    from docx import Document

    from nybureau.rendering import render

    data = build(name, lang, **kw)
    return Document(io.BytesIO(render(data, "docx"))), data


@pytest.mark.parametrize("name,kw", DOCS, ids=[d[0] for d in DOCS])
def test_docx_reopens_with_real_headings_and_danish_language(build, name, kw):
    from docx.oxml.ns import qn

    doc, data = _docx(build, name, **kw)
    heads = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert heads[0][0] == "Heading 1"
    assert {"Heading 1", "Heading 2"} <= {s for s, _ in heads}
    props = doc.core_properties
    assert props.title.startswith(data["doc"]["title"])
    assert props.author == "Solbjerg Kommune" or props.author.startswith("Testnetværket")
    assert props.language == "da-DK"
    lang = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")) \
        .find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "da-DK"
    assert doc.tables or name not in ("agenda", "minutes"), "the meeting's facts are a table"


def test_docx_agenda_has_the_meeting_facts_table_date_and_items(build):
    doc, _ = _docx(build, "agenda", meeting=1)
    facts = {row.cells[0].text: row.cells[1].text for row in doc.tables[0].rows}
    assert facts["Mødedato"] == "onsdag den 14. juni 2017 kl. 10.00"
    assert facts["Udvalg"] == "Hoved-MED"
    assert facts["Afbud"].startswith("Kurt Åkjær")
    items = [p.text for p in doc.paragraphs if p.style.name == "Heading 3"]
    assert items[:2] == ["1. Velkomst", "2. Godkendelse af dagsorden"]
    assert "4. Projektbeskrivelse og overordnet forløb" in items
    numbered = [p.text for p in doc.paragraphs if p.style.name == "List Number"]
    assert "at projektbeskrivelsen og det overordnede forløb godkendes" in numbered


def test_docx_minutes_carry_the_decision(build):
    doc, _ = _docx(build, "minutes", meeting=1)
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Godkendt med ændringer. Godkendt; en TR fra hjemmeplejen indtræder i styregruppen." \
        in text


def test_docx_converts_to_pdf_with_libreoffice(build, tmp_path):
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice (soffice) is not installed; the DOCX→PDF check needs it")
    from nybureau.rendering import render

    src = tmp_path / "dagsorden.docx"
    src.write_bytes(render(build("agenda", "da", meeting=1), "docx"))
    subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(src)], check=True, timeout=180, capture_output=True)
    pdf = tmp_path / "dagsorden.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
