"""Rendering: Danish and English documents for people, from the data the services build.
The only package that imports Babel, Jinja2, python-docx or icalendar.

:func:`render` turns a document's data into Markdown, HTML or DOCX through the templates in
``templates/`` (overridable, see :mod:`nybureau.rendering.templating`), and PDF from the HTML
(:mod:`nybureau.rendering.pdf`); :func:`file_name` gives the transliterated file name
(``dagsorden-hoved-med-2017-06-14.docx``). The print form (A4, header, page numbers,
letterhead) is :mod:`nybureau.rendering.print_form`; the document's sources go into its
metadata and, with ``sources=True``, an appendix (:mod:`nybureau.rendering.provenance`).
"""

from __future__ import annotations

from datetime import datetime, time, timezone
from typing import Any

from nybureau.i18n import Msg
from nybureau.rendering.print_form import author as _author

FORMATS = ("md", "html", "docx", "pdf")


def file_name(data: dict[str, Any], fmt: str) -> str:
    from nybureau.rendering.text import slugify

    parts = [data["doc"]["stem"], data.get("subject") or ""]
    name = slugify("-".join(p for p in parts if p), 120)
    return f"{name}.{'ics' if fmt == 'ics' else fmt}"


def _created(data: dict[str, Any]) -> datetime | None:
    when = data.get("date")
    if when is None:
        return None
    return datetime.combine(when, time(8, 0), tzinfo=timezone.utc)


_TEMPLATING = None


def _templating():
    """nybureau.rendering.templating, imported on first use (it is what imports Jinja2)."""
    global _TEMPLATING
    if _TEMPLATING is None:
        from nybureau.rendering import templating

        _TEMPLATING = templating
    return _TEMPLATING


def render(data: dict[str, Any], fmt: str, templates: str | None = None,
           sources: bool = False) -> bytes:
    """The document as bytes in ``fmt`` (md, html, docx, pdf). Template problems raise
    RenderError before anything is written. ``sources``: add the appendix that names the
    records each statement comes from (for the secretariat; the file's metadata always has
    them)."""
    if fmt not in FORMATS:
        from nybureau.errors import InvalidInput

        raise InvalidInput(Msg("Unknown format '{fmt}'. Use one of: {formats}.", fmt=fmt,
                               formats=', '.join(FORMATS)))
    if fmt == "pdf":
        from nybureau.rendering.pdf import html_to_pdf

        html = render_html(data, templates, sources, fmt="pdf")
        return html_to_pdf(html, **metadata(data))
    if fmt == "md":
        md = _templating().render(f"{data['doc']['name']}.md.j2",
                                  _context(data, fmt, sources), templates)
        return tidy_markdown(md).encode("utf-8")
    html = render_html(data, templates, sources, fmt=fmt)
    if fmt == "html":
        return html.encode("utf-8")
    from nybureau.rendering.docx_writer import html_to_docx

    return html_to_docx(html, **metadata(data), header=print_header(data))


def _context(data: dict[str, Any], fmt: str, sources: bool) -> dict[str, Any]:
    from markupsafe import Markup

    from nybureau.rendering import print_form, provenance

    lang = data["doc"]["lang"]
    form = print_form.context(data, _title(data)) if fmt != "md" else {}
    if form:
        form["css"] = {k: Markup(v) for k, v in form["css"].items()}
        form["author"] = _author(data)
    # templates may differ per format (charts: PNG for DOCX and PDF, SVG in HTML)
    return {**data, "lang": lang, "format": fmt, "show_sources": sources,
            "provenance": provenance.describe(data.get("sources"), lang),
            "sources_json": provenance.as_json(data.get("sources")),
            "print": form}


def render_html(data: dict[str, Any], templates: str | None = None, sources: bool = False,
                fmt: str = "html") -> str:
    """The document's HTML (for ``fmt``: the PDF and DOCX are made from it)."""
    return _templating().render(f"{data['doc']['name']}.html.j2",
                                _context(data, fmt, sources), templates)


def metadata(data: dict[str, Any]) -> dict[str, Any]:
    """The file's metadata: title, author, language, subject, date, and its sources."""
    from nybureau.rendering import provenance

    lang = data["doc"]["lang"]
    return {"title": _title(data), "author": _author(data), "lang": lang,
            "subject": data.get("subject", ""), "created": _created(data),
            "sources": provenance.as_text(data.get("sources"), lang)}


def print_header(data: dict[str, Any]) -> dict[str, Any]:
    """The running header and letterhead of a DOCX (the HTML's is in its CSS)."""
    from nybureau.rendering import print_form

    texts = print_form.header_texts(data, _title(data))
    return {**texts, "letterhead": print_form.letterhead(), "lang": data["doc"]["lang"]}


# Anything tidy_markdown would change in a text that does not start with a heading or a quote and
# has no "\r", found in one pass from newline to newline: white space at the end of a line, a
# heading after a line of text, two blank lines in a row, a heading or quote line followed by a
# line of another kind.
_UNTIDY = None


def _untidy():
    global _UNTIDY
    if _UNTIDY is None:
        import re

        _UNTIDY = re.compile(r"\n(?:(?<=[^\S\n]\n)|(?<=[^\n]\n)#|\n\n|#[^\n]*+\n[^#\n]"
                             r"|>[^\n]*+\n[^>\n])")
    return _UNTIDY


def tidy_markdown(text: str) -> str:
    """One blank line between blocks: before headings, after quotes, never two in a row.

    The built-in templates already write tidy text; that is checked in one pass and the text
    returned as it is. Anything else (a user's template) is tidied line by line."""
    if (text.endswith("\n") and not text.endswith("\n\n") and text[:1] not in ("\n", "#", ">")
            and "\r" not in text and _untidy().search(text) is None):
        return text
    return _tidy_lines(text)


def _tidy_lines(text: str) -> str:
    import re

    lines = text.replace("\r\n", "\n").split("\n")
    out: list[str] = []
    for line in lines:
        line = line.rstrip()
        prev = out[-1] if out else ""
        if line and prev and (line.startswith("#") or (prev.startswith(">") and
                                                        not line.startswith(">"))
                              or (prev.startswith("#") and not line.startswith("#"))):
            out.append("")
        out.append(line)
    result = re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n")
    return result + "\n"


def _title(data: dict[str, Any]) -> str:
    title = data["doc"]["title"]
    meeting = data.get("meeting")
    if meeting and meeting.get("name"):  # a network meeting's data carries no name of its own
        return f"{title} – {meeting['name']}"
    if data.get("project"):
        return f"{title} – {data['project']['name']}"
    if data.get("network"):
        if data["doc"].get("name") == "network-agenda" and data.get("number"):
            # "Dagsorden for netværksmøde 1 – Netværk Midt": the four meetings differ by number
            title = (f"Dagsorden for netværksmøde {data['number']}"
                     if data["doc"].get("lang") == "da"
                     else f"Agenda for network meeting {data['number']}")
        return f"{title} – {data['network']['name']}"
    return title
