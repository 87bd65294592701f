"""A meeting's package: ONE PDF of the agenda (or minutes) with its bilag, as members receive it.

The bilag are the meeting data's ``bilag`` (the contract: ``number``, ``title``, ``kind`` file |
url | document, ``file_name``, ``path``, ``url``, ``document``, ``publishable``); data without
that list gets it from the items' ``attachments`` (:func:`bilag_of`). Each kind:

- ``document`` (a nybureau document, built by the service): its HTML joins the agenda's, so the
  whole package is laid out, tagged and numbered as one document ("Side 7 af 12"), each under
  its own heading "Bilag 2: …";
- a PDF file: merged after the rendered part, in bilag order (its pages keep their own look);
- any other file: listed in the table of contents ("vedlægges som særskilt fil");
- a URL: listed as a link.

The package opens with a table of contents (every item and every bilag, with its page) and has
bookmarks per item and per bilag. Without merged files it is PDF/A-2a and PDF/UA-1 like every
PDF (:mod:`nybureau.rendering.pdf`); a merged file is someone else's PDF, whose tags and fonts
nybureau cannot vouch for, so a package with one keeps its own tags but drops the PDF/A and
PDF/UA identification (:func:`meeting_package` says so in its notes).
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from markupsafe import escape

from nybureau.i18n import Msg


def _kind_of(location: str) -> str:
    return "url" if location.startswith(("http://", "https://")) else "file"


def bilag_of(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The meeting's bilag in the contract's shape: ``data["bilag"]`` when the builder gives it,
    else derived from the items' attachments (numbered across the meeting in item order; the
    kind from the location: a URL or a file)."""
    if data.get("bilag") is not None:
        return [dict(b) for b in data["bilag"]]
    out: list[dict[str, Any]] = []
    for it in data.get("items") or []:
        for a in it.get("attachments") or []:
            if "kind" in a and "number" in a:
                out.append({**a, "item": it.get("number")})
                continue
            location = str(a.get("location") or a.get("url") or a.get("path") or "")
            kind = a.get("kind") or _kind_of(location)
            out.append({
                "number": a.get("number") or len(out) + 1, "title": a.get("title") or "",
                "kind": kind, "url": location if kind == "url" else None,
                # the old attachments name a file inside the package, or an absolute path
                "path": location if kind == "file" and Path(location).is_absolute() else None,
                "file_name": Path(location).name if kind == "file" and location else None,
                "document": a.get("document"), "publishable": a.get("publishable", True),
                "item": it.get("number"),
            })
    return out


def _words(lang: str) -> dict[str, str]:
    if lang == "da":
        return {"toc": "Indhold", "items": "Punkter", "bilag": "Bilag", "page": "side",
                "separate": "vedlægges som særskilt fil", "link": "link",
                "missing": "filen findes ikke længere og er ikke med",
                "pdf": "indsat efter dagsordenen"}
    return {"toc": "Contents", "items": "Items", "bilag": "Attachments", "page": "page",
            "separate": "sent as a separate file", "link": "link",
            "missing": "the file no longer exists and is not included",
            "pdf": "inserted after the agenda"}


def _bilag_label(b: dict[str, Any], lang: str) -> str:
    word = "Bilag" if lang == "da" else "Attachment"
    return f"{word} {b['number']}: {b['title']}"


def _inner(html: str, prefix: str) -> str:
    """A rendered document's content (inside <main>), its ids prefixed so they stay unique."""
    match = re.search(r"<main>(.*)</main>", html, re.S)
    body = match.group(1) if match else ""
    body = re.sub(r'\b(id|aria-labelledby|aria-describedby)="([^"]+)"',
                  lambda m: f'{m[1]}="{prefix}{m[2]}"', body)
    return re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}{m[1]}"', body)


_PACKAGE_CSS = """
nav.toc ol { list-style: none; padding-left: 0; }
nav.toc li { margin: .1rem 0; }
nav.toc a { color: inherit; text-decoration: none; }
nav.toc a.page::after { content: leader(". ") target-counter(attr(href url), page); }
nav.toc .pages { float: right; }
section.bilag { break-before: page; }
h4, h5, h6 { bookmark-level: none; }
section.bilag h3 { bookmark-level: none; }
section.bilag > h1 { font-size: 1.5rem; }
"""


def _toc(data: dict[str, Any], bilag: list[dict[str, Any]], lang: str,
         pdf_pages: dict[int, tuple[int, int]]) -> str:
    w = _words(lang)
    rows = [f'<li><a class="page" href="#punkt-{escape(it["number"])}">{escape(it["number"])}. '
            f'{escape(it["title"])}</a></li>' for it in data.get("items") or []]
    out = [f'<nav class="toc" aria-labelledby="indhold"><h2 id="indhold">{w["toc"]}</h2>',
           f'<h3 id="indhold-punkter">{w["items"]}</h3><ol>', *rows, "</ol>"]
    if bilag:
        out.append(f'<h3 id="indhold-bilag">{w["bilag"]}</h3><ol>')
        for b in bilag:
            label = escape(_bilag_label(b, lang))
            how = b.get("_how")
            if how == "document":
                out.append(f'<li><a class="page" href="#bilag-{b["number"]}">{label}</a></li>')
            elif how == "pdf":
                first, last = pdf_pages.get(b["number"], (0, 0))
                span = f"{first}" if first == last else f"{first}–{last}"
                out.append(f'<li>{label} ({w["pdf"]}, {w["page"]} {span})</li>')
            elif how == "url":
                url = escape(b.get("url") or "")
                out.append(f'<li>{label}: <a href="{url}">{url}</a></li>')
            elif how == "missing":
                out.append(f'<li>{label} ({w["missing"]})</li>')
            else:
                name = escape(b.get("file_name") or "")
                out.append(f'<li>{label}{f" ({name})" if name else ""}: {w["separate"]}</li>')
        out.append("</ol>")
    out.append("</nav>")
    return "\n".join(out)


def _sort_out(bilag: list[dict[str, Any]], documents: dict[int, str]) -> None:
    """Decide how each bilag goes into the package (``_how``) and read the PDF files."""
    for b in bilag:
        kind = b.get("kind")
        if kind == "document" and b["number"] in documents:
            b["_how"] = "document"
        elif kind == "url":
            b["_how"] = "url"
        elif kind == "file":
            path = Path(b["path"]) if b.get("path") else None
            try:
                content = path.read_bytes() if path else None
            except OSError:
                content = None
            if content is None:
                b["_how"] = "missing" if path else "file"
            elif content.startswith(b"%PDF"):
                b["_how"], b["_pdf"] = "pdf", content
            else:
                b["_how"] = "file"
        else:
            b["_how"] = "file"


def _compose(main_html: str, data: dict[str, Any], bilag: list[dict[str, Any]],
             documents: dict[int, str], lang: str, pdf_pages: dict[int, tuple[int, int]],
             total: int | None) -> str:
    html = main_html.replace("</style>", _PACKAGE_CSS + "</style>", 1)
    if total is not None:  # the merged PDFs' pages count too: "Side 3 af 14"
        of = "af" if lang == "da" else "of"
        html = re.sub(r"counter\(page\) (\"[^\"]*\") counter\(pages\)",
                      lambda m: f'counter(page) " {of} {total}"', html, count=1)
    html = html.replace("</header>", "</header>\n" + _toc(data, bilag, lang, pdf_pages), 1)
    sections = []
    for b in bilag:
        if b.get("_how") != "document":
            continue
        label = escape(_bilag_label(b, lang))
        n = b["number"]
        inner = _inner(documents[n], f"b{n}-")
        sections.append(f'<section class="bilag" id="bilag-{n}" aria-labelledby="bilag-{n}-titel">'
                        f'<h1 id="bilag-{n}-titel">{label}</h1>\n{inner}</section>')
    cut = html.rfind("<footer") if 'class="sources"' in html else html.rfind("</body>")
    return html[:cut] + "\n".join(sections) + "\n" + html[cut:]


def meeting_package(data: dict[str, Any], main_html: str, documents: dict[int, str],
                    meta: dict[str, Any]) -> tuple[bytes, list[Msg]]:
    """The package's PDF and notes for the user. ``main_html``: the agenda's (or minutes')
    HTML for PDF; ``documents``: bilag number → that document's HTML (kind document);
    ``meta``: the file's metadata (:func:`nybureau.rendering.metadata`)."""
    from nybureau.rendering import pdf

    lang = data["doc"]["lang"]
    bilag = bilag_of(data)
    _sort_out(bilag, documents)
    merged = [b for b in bilag if b.get("_how") == "pdf"]
    notes: list[Msg] = []
    readers = {}
    if merged:
        from pypdf import PdfReader

        for b in merged:
            try:
                readers[b["number"]] = PdfReader(io.BytesIO(b["_pdf"]))
                len(readers[b["number"]].pages)
            except Exception:  # noqa: BLE001 - a broken PDF from elsewhere: list it instead
                b["_how"] = "file"
                readers.pop(b["number"], None)
        merged = [b for b in merged if b["_how"] == "pdf"]
    if not merged:
        html = _compose(main_html, data, bilag, documents, lang, {}, None)
        return pdf.html_to_pdf(html, **meta), notes
    # Two passes: the first counts the rendered pages, so the table of contents can give the
    # merged files' pages and every page the total.
    html = _compose(main_html, data, bilag, documents, lang,
                    {b["number"]: (0, 0) for b in merged}, 0)
    rendered_pages = pdf.page_count(html)
    pages, start = {}, rendered_pages + 1
    for b in merged:
        n = len(readers[b["number"]].pages)
        pages[b["number"]] = (start, start + n - 1)
        start += n
    html = _compose(main_html, data, bilag, documents, lang, pages, start - 1)
    own = pdf.html_to_pdf(html, **meta, claim=False)
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(own))
    for b in merged:
        first = len(writer.pages)
        writer.append(readers[b["number"]], import_outline=False)
        writer.add_outline_item(title=_bilag_label(b, lang), page_number=first)
    out = io.BytesIO()
    writer.write(out)
    notes.append(Msg("{n} PDF bilag merged as they are: the package is tagged, but carries no "
                     "PDF/A or PDF/UA identification, since nybureau cannot vouch for files "
                     "made elsewhere.", n=len(merged)))
    return out.getvalue(), notes


def package_file_name(data: dict[str, Any]) -> str:
    """``dagsorden-…-2017-08-16-med-bilag.pdf`` / ``agenda-…-with-attachments.pdf``."""
    from nybureau.rendering import file_name

    suffix = "med-bilag" if data["doc"]["lang"] == "da" else "with-attachments"
    return file_name(data, "pdf")[:-len(".pdf")] + f"-{suffix}.pdf"
