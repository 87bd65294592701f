"""PDF from the document's HTML, with WeasyPrint: tagged for accessibility and archivable.

The variant is WeasyPrint's ``pdf/a-2a`` (PDF/A-2, level A: sRGB output intent, embedded
fonts, a PDF identifier, and — level A's demand — the tagged structure tree from the HTML:
headings, paragraphs, lists, tables with their header cells, figures with their alt text, in
reading order). PDF/A-2a's tags are what PDF/UA-1 asks for too, so the XMP metadata declares
both (``pdfaid:part 2``/``conformance A`` and ``pdfuaid:part 1``); WeasyPrint writes one
identification per run, the finisher here adds the other, the document language as a full tag
(``da-DK``/``en-GB``) and the sources (``dc:source``), so the provenance travels with the file
but is not printed. WeasyPrint (70 and later) needs Pango at run time; see the README.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from xml.etree.ElementTree import Element, SubElement, fromstring, register_namespace, tostring

from nybureau.i18n import Msg

VARIANT = "pdf/a-2a"
_NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
}
for _prefix, _uri in _NS.items():
    register_namespace(_prefix, _uri)


def _weasyprint():
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: Pango or its fonts are missing
        from nybureau.errors import RenderError

        raise RenderError(Msg("PDF needs WeasyPrint and the Pango library ({problem}). "
                              "Install the system packages the README lists for PDF.",
                              problem=str(exc).splitlines()[0] if str(exc) else
                              type(exc).__name__)) from None
    return weasyprint


def unavailable() -> Msg | None:
    """Why PDF cannot be made on this machine (WeasyPrint or Pango missing), or None."""
    from nybureau.errors import RenderError

    try:
        _weasyprint()
    except RenderError as err:
        return err.msg
    return None


def lang_tag(lang: str) -> str:
    return "da-DK" if lang == "da" else "en-GB"


def _xmp(document, lang: str, sources: str, claim: bool = True) -> bytes:
    """The XMP packet: WeasyPrint's PDF/A-2a description plus PDF/UA-1 and dc:source
    (``claim=False``: without the PDF/A and PDF/UA identification)."""
    rdf = fromstring(document.metadata.generate_rdf_metadata("a", 2, "A"))
    ident = rdf.find(f"{{{_NS['rdf']}}}Description")
    if claim:
        ident.set(f"{{{_NS['pdfuaid']}}}part", "1")
    else:
        rdf.remove(ident)
    if sources:
        desc = SubElement(rdf, f"{{{_NS['rdf']}}}Description")
        desc.set(f"{{{_NS['rdf']}}}about", "")
        # XMP's Dublin Core dc:source is a simple text
        SubElement(desc, f"{{{_NS['dc']}}}source").text = sources
    body = tostring(rdf, encoding="utf-8")
    if body.startswith(b"<?xml"):
        body = body.split(b"?>", 1)[1].lstrip()
    return (b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
            b'<x:xmpmeta xmlns:x="adobe:ns:meta/">\n' + body +
            b'\n</x:xmpmeta>\n<?xpacket end="r"?>')


def _finisher(lang: str, sources: str, claim: bool = True):
    def finish(document, pdf) -> None:
        import pydyf

        pdf.catalog["Lang"] = pydyf.String(lang_tag(lang))
        prefs = pdf.catalog.get("ViewerPreferences")
        if prefs is None:
            prefs = pdf.catalog["ViewerPreferences"] = pydyf.Dictionary()
        prefs["DisplayDocTitle"] = "true"
        ref = pdf.catalog["Metadata"]
        number = int((ref.decode("ascii") if isinstance(ref, bytes) else str(ref)).split()[0])
        stream = pdf.objects[number]
        stream.stream = [_xmp(document, lang, sources, claim)]
    return finish


def _layout(html: str):
    return _weasyprint().HTML(string=html, base_url=".").render(pdf_variant=VARIANT)


def page_count(html: str) -> int:
    """How many pages the HTML takes as PDF."""
    return len(_layout(html).pages)


def html_to_pdf(html: str, *, title: str, author: str, lang: str = "da", subject: str = "",
                created: datetime | None = None, sources: str = "", claim: bool = True
                ) -> bytes:
    """The PDF (PDF/A-2a and PDF/UA-1 identified, A4 from the HTML's @page) of one HTML
    document; ``claim=False`` leaves out the identification (a package with merged files)."""
    document = _layout(html)
    meta = document.metadata
    meta.title = title
    meta.authors = [author]
    meta.description = subject or None
    meta.lang = lang_tag(lang)
    meta.generator = "nybureau"
    meta.keywords = ["nybureau"]
    if created is not None:
        stamp = created.strftime("%Y-%m-%dT%H:%M:%SZ")
        meta.created = meta.modified = stamp
    return document.write_pdf(pdf_variant=VARIANT, finisher=_finisher(lang, sources, claim),
                              pdf_identifier=_identifier(title, created))


def _identifier(title: str, created: datetime | None) -> bytes:
    """A stable file identifier (the same document gives the same bytes)."""
    import hashlib

    return hashlib.md5(f"{title}|{created}".encode("utf-8"), usedforsecurity=False
                       ).hexdigest().encode("ascii")
