"""DOCX from the rendered HTML: one set of templates gives Markdown, HTML and Word.

The HTML our templates produce is a small, regular subset (headings, paragraphs, lists, tables,
definition lists, strong/em/links). This walks it with the standard library's HTML parser and
writes real Word structure with python-docx: Heading 1–4 styles, List Bullet/List Number, tables
with a header row and columns sized to their content, the document language set to Danish (or
English) and title/author in the core properties. The print form (A4, margins, running header,
"Side 2 af 5", letterhead) is :mod:`nybureau.rendering.docx_print`.
"""

from __future__ import annotations

import io
from html.parser import HTMLParser
from typing import Any

from nybureau.i18n import Msg

_BLOCK_SKIP = {"head", "style", "script", "nav", "svg"}  # inline SVG charts: the PNG <img> is used


class _Builder(HTMLParser):
    def __init__(self, doc) -> None:
        super().__init__(convert_charrefs=True)
        self.doc = doc
        self.skip = 0
        self.para = None          # the open paragraph (or table cell paragraph)
        self.bold = 0
        self.italic = 0
        self.lists: list[str] = []
        self.table = None
        self.row: list[tuple[str, list[Any]]] | None = None
        self.rows: list[list[tuple[str, str]]] = []
        self.cell: list[str] | None = None
        self.cell_tag = "td"
        self.title = ""
        self.in_title = False
        self.lang = "da"
        self.href: str | None = None
        self.table_depth = 0
        self.style_ids: dict[str, str] = {}
        self.in_caption = False
        self.list_nums: list[int | None] = []
        self.divs: list[bool] = []  # per open <div>: does it skip its content (data-docx)?

    def _image(self, a: dict) -> None:
        """An embedded PNG (``data:image/png;base64,…``, e.g. a chart) as a picture with its
        alt text."""
        import base64

        from docx.shared import Cm

        src = a.get("src") or ""
        if self.skip or not src.startswith("data:image/png;base64,"):
            return
        self.doc.add_picture(io.BytesIO(base64.b64decode(src.split(",", 1)[1])), width=Cm(16))
        self.doc.inline_shapes[-1]._inline.docPr.set("descr", a.get("alt") or "")
        self.para = None

    # -- paragraphs -------------------------------------------------------------------------------
    def _style_id(self, name: str) -> str:
        # python-docx looks a style up by scanning every style on each use; resolve once
        sid = self.style_ids.get(name)
        if sid is None:
            sid = self.style_ids[name] = self.doc.styles[name].style_id
        return sid

    def _new(self, style: str | None = None):
        self.para = self.doc.add_paragraph()
        if style:
            self.para._p.get_or_add_pPr().style = self._style_id(style)
        return self.para

    def _text(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)
            return
        if not data.strip() and self.para is None:
            return
        if self.para is None:
            self._new()
        run = self.para.add_run(data)
        run.bold = bool(self.bold) or None
        run.italic = bool(self.italic) or None

    def handle_starttag(self, tag: str, attrs) -> None:
        a = dict(attrs)
        if tag == "div":
            hidden = a.get("data-docx") == "skip"  # the letterhead: in the DOCX's own header
            self.divs.append(hidden)
            self.skip += hidden
            return
        if tag in _BLOCK_SKIP:
            if tag != "head":
                self.skip += 1
            return
        if tag == "html":
            self.lang = a.get("lang", "da")
        elif tag == "title":
            self.in_title = True
        elif tag in ("h1", "h2", "h3", "h4", "h5"):
            level = int(tag[1])
            self._new(f"Heading {level}")
        elif tag in ("p", "dt", "dd", "figcaption", "address"):
            if self.cell is None:
                self._new()
                if tag == "dt":
                    self.bold += 1
        elif tag in ("ul", "ol"):
            # <ul class="plain">: a list whose items carry their own numbers (the agenda's
            # table of contents) — plain paragraphs, no bullets
            self.lists.append("plain" if "plain" in (a.get("class") or "").split() else tag)
            self.list_nums.append(_restart_numbering(self.doc) if tag == "ol" else None)
        elif tag == "li":
            kind = self.lists[-1] if self.lists else "ul"
            style = {"ol": "List Number", "ul": "List Bullet", "plain": None}[kind]
            if style and len(self.lists) > 1:
                style += " 2"
            para = self._new(style)
            if self.list_nums and self.list_nums[-1] is not None:
                num_pr = para._p.get_or_add_pPr().get_or_add_numPr()
                num_pr.get_or_add_ilvl().val = 0
                num_pr.get_or_add_numId().val = self.list_nums[-1]
        elif tag in ("strong", "b", "th"):
            if tag != "th":
                self.bold += 1
        elif tag in ("em", "i"):
            self.italic += 1
        elif tag == "img":
            self._image(a)
        elif tag == "br":
            if self.cell is not None:
                self.cell.append("\n")
            elif self.para is not None:
                self.para.add_run().add_break()
        elif tag == "table":
            self.rows = []
            self.table_depth += 1
        elif tag == "caption":
            self.in_caption = True
            self._new("Caption")
        elif tag == "tr":
            self.row = []
        if tag in ("td", "th"):
            self.cell = []
            self.cell_tag = tag
        elif tag == "a":
            self.href = a.get("href")

    def handle_endtag(self, tag: str) -> None:
        if tag == "div":
            if self.divs:
                self.skip -= self.divs.pop()
            return
        if tag in _BLOCK_SKIP:
            if tag != "head":
                self.skip -= 1
            return
        if tag == "title":
            self.in_title = False
        elif tag in ("h1", "h2", "h3", "h4", "h5", "p", "li", "dd", "figcaption", "address"):
            self.para = None
        elif tag == "dt":
            self.bold -= 1
            self.para = None
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
                self.list_nums.pop()
            self.para = None
        elif tag in ("strong", "b"):
            self.bold -= 1
        elif tag in ("em", "i"):
            self.italic -= 1
        elif tag in ("td", "th") and self.row is not None and self.cell is not None:
            self.row.append((self.cell_tag, " ".join("".join(self.cell).split())))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.rows.append(self.row)
            self.row = None
        elif tag == "table":
            self._table()
            self.table_depth -= 1
            self.para = None
        elif tag == "caption":
            self.in_caption = False
            self.para = None
        elif tag == "a":
            self.href = None

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.in_title:
            self.title += data
            return
        if self.para is None and self.cell is None:
            data = data.strip()
            if not data:
                return
        else:
            if self.table_depth and self.cell is None and not self.in_caption:
                return  # whitespace between table tags
            core = " ".join(data.split())
            if not core:
                data = " "
            else:
                data = (" " if data[0].isspace() else "") + core + \
                    (" " if data[-1].isspace() else "")
            if self.para is not None and not self.para.runs:
                data = data.lstrip()
                if not data:
                    return
        self._text(data)

    def _table(self) -> None:
        rows = [r for r in self.rows if r]
        if not rows:
            return
        width = max(len(r) for r in rows)
        table = self.doc.add_table(rows=len(rows), cols=width)
        table._tbl.tblPr.style = self._style_id("Table Grid")
        for i, r in enumerate(rows):
            cells = table.rows[i].cells
            for j, (tag, value) in enumerate(r):
                run = cells[j].paragraphs[0].add_run(value)
                if tag == "th":
                    run.bold = True
            if all(tag == "th" for tag, _ in r):
                _repeat_header(table.rows[i])
        from nybureau.rendering.docx_print import size_columns

        size_columns(table, rows)
        self.rows = []


def _restart_numbering(doc) -> int | None:
    """A new numbering instance of the List Number style that starts at 1, so every numbered
    list (each indstilling) counts from 1."""
    try:
        style = doc.styles["List Number"]
        num_id = style.element.pPr.numPr.numId.val
        numbering = doc.part.numbering_part.numbering_definitions._numbering
        abstract_id = numbering.num_having_numId(num_id).abstractNumId.val
        num = numbering.add_num(abstract_id)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return num.numId
    except (AttributeError, KeyError):  # a template without numbering: plain list style
        return None


def _repeat_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _set_language(doc, tag: str) -> None:
    """Mark every style's text (document defaults) as Danish (da-DK) or English (en-GB)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = doc.styles.element
    rpr_default = styles.find(qn("w:docDefaults"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:docDefaults")
        styles.insert(0, rpr_default)
    rpr_def = rpr_default.find(qn("w:rPrDefault"))
    if rpr_def is None:
        rpr_def = OxmlElement("w:rPrDefault")
        rpr_default.insert(0, rpr_def)
    rpr = rpr_def.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_def.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attr), tag)


def html_to_docx(html: str, *, title: str, author: str, lang: str = "da",
                 subject: str = "", created=None, sources: str = "",
                 header: dict[str, Any] | None = None) -> bytes:
    """The DOCX of an HTML document: A4 in the print form, ``header`` the running header's
    texts and the letterhead (:func:`nybureau.rendering.print_header`), ``sources`` the
    document's provenance, kept in a custom document property (not in the text)."""
    from docx import Document
    from docx.shared import Pt

    from nybureau.rendering import docx_print

    doc = Document()
    tag = Msg("en-GB").render(lang)
    _set_language(doc, tag)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    docx_print.page_setup(doc, header or {"left": title, "right": "", "lang": lang})
    builder = _Builder(doc)
    builder.feed(html)
    builder.close()
    props = doc.core_properties
    props.title = title
    props.author = author
    props.last_modified_by = author
    props.language = tag
    props.subject = subject
    props.keywords = "nybureau"
    if created is not None:
        props.created = created
        props.modified = created
        props.revision = 1
    if sources:
        docx_print.custom_property(doc, "Kilder" if lang == "da" else "Sources", sources)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
