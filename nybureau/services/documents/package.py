"""A meeting's package: the agenda (or minutes) and its bilag as one PDF
(:mod:`nybureau.rendering.package` lays it out). The bilag that are nybureau documents (the
contract's kind ``document``: the project description, the mandate, the earlier minutes …) are
built here from ``tx`` and rendered with the agenda."""

from __future__ import annotations

from typing import Any

from nybureau.i18n import Msg
from nybureau.services.documents.catalogue import build

_BUILD_KEYS = ("project", "meeting", "decision", "number", "phase", "network", "role")


def meeting_package(tx, meeting: Any, lang: str = "da", *, minutes: bool = False,
                    public: bool = False, templates: str | None = None,
                    sources: bool = False, as_of: Any = None) -> tuple[Any, list[Msg]]:
    """The package's :class:`~nybureau.services.documents.Rendered` PDF and notes for the
    user (e.g. that merged PDF files leave the package without PDF/A identification). The
    bilag that are nybureau documents show the project as of the agenda's (or minutes') own
    date, as the meeting's members received them."""
    from nybureau import rendering
    from nybureau.rendering import package
    from nybureau.services.documents import Rendered

    data = build(tx, "minutes" if minutes else "agenda", lang, meeting=meeting, public=public,
                 as_of=as_of)
    documents: dict[int, str] = {}
    for b in package.bilag_of(data):
        if public and not b.get("publishable", True):
            continue
        spec = b.get("document") if b.get("kind") == "document" else None
        if not spec or not spec.get("name"):
            continue
        kw = {k: spec[k] for k in _BUILD_KEYS if spec.get(k) is not None}
        bilag_data = build(tx, spec["name"], lang, public=public, as_of=data.get("as_of"), **kw)
        documents[b["number"]] = rendering.render_html(bilag_data, templates, fmt="pdf")
    main_html = rendering.render_html(data, templates, sources, fmt="pdf")
    content, notes = package.meeting_package(data, main_html, documents,
                                             rendering.metadata(data))
    return Rendered("pdf", package.package_file_name(data), content), notes
