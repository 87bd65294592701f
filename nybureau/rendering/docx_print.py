"""The DOCX print form: A4 with Danish margins, the running header (body and meeting date, or
project and title; sagsnr./dok.nr. on the right), the letterhead (logo and text) in the header,
"Side 2 af 5" in the footer (PAGE and NUMPAGES fields, so Word and LibreOffice count the pages),
table columns sized to their content, and the sources as a custom document property.

The measures are :mod:`nybureau.rendering.print_form`'s, so DOCX and PDF print alike."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from nybureau.rendering import print_form as pf

# Calibri 11 pt: about 2 mm a character on average (wide letters included), and Word's default
# cell margins (1.9 mm each side) plus a little air.
_CHAR_MM = 2.05
_BOLD = 1.08
_CELL_MM = 4.6


def page_setup(doc, header: dict[str, Any]) -> None:
    """A4, the margins, the header and footer of every section (our documents have one)."""
    from docx.shared import Mm

    for section in doc.sections:
        section.page_width = Mm(pf.PAGE_WIDTH_MM)
        section.page_height = Mm(pf.PAGE_HEIGHT_MM)
        section.top_margin = Mm(pf.MARGIN_TOP_MM)
        section.bottom_margin = Mm(pf.MARGIN_BOTTOM_MM)
        section.left_margin = Mm(pf.MARGIN_LEFT_MM)
        section.right_margin = Mm(pf.MARGIN_RIGHT_MM)
        section.header_distance = Mm(pf.HEADER_DISTANCE_MM)
        section.footer_distance = Mm(pf.HEADER_DISTANCE_MM)
        _header(section, header)
        _footer(section, header.get("lang", "da"))


def _small(run, grey: bool = True) -> None:
    from docx.shared import Pt, RGBColor

    run.font.size = Pt(9)
    if grey:
        run.font.color.rgb = RGBColor(0x3D, 0x3D, 0x3D)


def _header(section, header: dict[str, Any]) -> None:
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Mm

    part = section.header
    part.is_linked_to_previous = False
    first = part.paragraphs[0]
    letterhead = header.get("letterhead") or pf.Letterhead()
    para = first
    if letterhead.logo:
        para.add_run().add_picture(io.BytesIO(letterhead.logo), height=Mm(15))
        alt = letterhead.lines[0] if letterhead.lines else ""
        inline = para.runs[-1]._r.xpath(".//wp:docPr")
        if inline:
            inline[0].set("descr", alt)
        para = part.add_paragraph()
    if letterhead.lines:
        _small(para.add_run(" · ".join(letterhead.lines)))
        para = part.add_paragraph()
    para.paragraph_format.tab_stops.add_tab_stop(Mm(pf.TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)
    _small(para.add_run(header.get("left") or ""))
    if header.get("right"):
        _small(para.add_run("\t" + header["right"]))


def _field(para, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) with a placeholder result Word updates on opening."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str):
        run = para.add_run()
        _small(run)
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        run._r.append(el)

    char("begin")
    run = para.add_run()
    _small(run)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    char("separate")
    _small(para.add_run("1"))
    char("end")


def _footer(section, lang: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    part = section.footer
    part.is_linked_to_previous = False
    para = part.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    page, of = pf.page_words(lang)
    _small(para.add_run(f"{page} "))
    _field(para, "PAGE")
    _small(para.add_run(f" {of} "))
    _field(para, "NUMPAGES")


def _longest_word(value: str) -> int:
    return max((len(w) for w in value.split()), default=0)


def column_widths(rows: list[list[tuple[str, str]]], total_mm: float = pf.TEXT_WIDTH_MM
                  ) -> list[float]:
    """Widths (mm) for a table's columns from their content: every column at least as wide as
    its longest word (words are never split), the rest of the text width shared out by how much
    text each column holds."""
    width = max(len(r) for r in rows)
    least = [0.0] * width
    wish = [0.0] * width
    for r in rows:
        for j, (tag, value) in enumerate(r):
            factor = _CHAR_MM * (_BOLD if tag == "th" else 1.0)
            least[j] = max(least[j], _longest_word(value) * factor + _CELL_MM)
            wish[j] = max(wish[j], len(value) * factor + _CELL_MM)
    if sum(least) >= total_mm:  # too many columns: keep the words whole, shrink evenly
        scale = total_mm / sum(least)
        return [w * scale for w in least]
    if sum(wish) <= total_mm:  # everything fits on one line: widen in proportion
        scale = total_mm / sum(wish)
        return [w * scale for w in wish]
    room = total_mm - sum(least)
    extra = [w - m for w, m in zip(wish, least)]
    return [m + room * e / sum(extra) for m, e in zip(least, extra)]


def size_columns(table, rows: list[list[tuple[str, str]]]) -> None:
    """Fix the table's column widths (grid and cells: Word follows the cells, LibreOffice the
    grid) to :func:`column_widths`."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    widths = column_widths(rows)
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = tbl_pr.find(qn("w:tblLayout"))
    if layout is None:
        layout = OxmlElement("w:tblLayout")
        tbl_pr.append(layout)
    layout.set(qn("w:type"), "fixed")
    for j, w in enumerate(widths):
        table.columns[j].width = Mm(w)
    for row in table.rows:
        for j, cell in enumerate(row.cells):
            cell.width = Mm(widths[j])


_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"


def custom_property(doc, name: str, value: str) -> None:
    """A custom document property (File ▸ Properties ▸ Custom in Word): docProps/custom.xml."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           f'<Properties xmlns="{_CUSTOM_NS}" xmlns:vt="{_VT_NS}">'
           f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" '
           f'name="{escape(name, {chr(34): "&quot;"})}"><vt:lpwstr>{escape(value)}</vt:lpwstr>'
           f'</property></Properties>')
    package = doc.part.package
    part = Part(PackURI("/docProps/custom.xml"),
                "application/vnd.openxmlformats-officedocument.custom-properties+xml",
                xml.encode("utf-8"), package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


def read_custom_properties(content: bytes) -> dict[str, str]:
    """The custom properties of a DOCX's bytes (for tests and tools)."""
    import re
    import zipfile
    from xml.sax.saxutils import unescape

    with zipfile.ZipFile(io.BytesIO(content)) as z:
        if "docProps/custom.xml" not in z.namelist():
            return {}
        xml = z.read("docProps/custom.xml").decode("utf-8")
    return {unescape(m[1], {"&quot;": '"'}): unescape(m[2]) for m in re.finditer(
        r'<property [^>]*name="([^"]*)"[^>]*><vt:lpwstr>(.*?)</vt:lpwstr>', xml, re.S)}
