"""Documents: what each document is built from, and which documents a project's state allows.

Every document is declared once, beside its builder (:mod:`.registry`): its name, titles and
file-name stems in Danish and English, what it needs (:class:`Needs`), where ``render all`` lists
it and when it is available. Every builder reads records through ``tx`` and returns plain data
for a template: the texts the project's own records and workflow definition give, in Danish or
English, plus ``sources`` — the records each statement comes from, so a reader can trace it
back. Templates (``templates/NAME.FORMAT.j2``) add the fixed wording; :mod:`nybureau.rendering`
turns the data into Markdown, HTML, DOCX (:func:`render`).

The modules, each a family of documents (``FAMILIES``, in the order of ``render list``):

- :mod:`.meeting_documents` — agenda, minutes (and a meeting's calendar data), decision paper
- :mod:`.project_documents` — project description, steering group mandate
- :mod:`.phase_guides` — seminar guide, workshop guide, teaching modules, network agendas
- :mod:`.fieldwork` — the field work kit: interview guides by role, the observation template
- :mod:`.learning_meeting` — the learning meeting's notes template
- :mod:`.reports` — status report, phase summary
- :mod:`.year_plan` — the year plan (årshjul) of a project or a network
- :mod:`.trial_documents` — a free-municipality trial's register of exemptions
- :mod:`.substance_documents` — mapping report, voting sheet, prioritisation proposal,
  evaluation report (figures from :mod:`.evaluation_report`), the network's comparative report
  (figures from :mod:`.network_report`)
- :mod:`.communication_documents` — communication plan and stakeholder analysis, and the
  spreading drafts: newsletter and article (their texts from :mod:`.spreading_texts`)
- :mod:`.programme_plan` — the frame project a network carries: its steps, its local projects

and what they share: :mod:`.parts` (the project's facts, checklists, decision rows, sources,
paragraphs), :mod:`.rows` (members, agents, activities, meetings, phases), :mod:`.case_texts`
(the texts planned into agenda items, which the decision paper prints too). :mod:`.catalogue`
builds a declared document and lists the available ones.

Requirement sentences come from :mod:`nybureau.workflow.requirements` (``evaluate(...).text``),
the one place that turns a requirement into text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from nybureau.services.documents import (
    communication_documents,
    fieldwork,
    learning_meeting,
    meeting_documents,
    phase_guides,
    programme_plan,
    project_documents,
    registry,
    reports,
    substance_documents,
    trial_documents,
    year_plan,
)
from nybureau.services.documents.catalogue import DocumentRef, available, build, build_all
from nybureau.services.documents.meeting_documents import invitation_data
from nybureau.services.documents.network_report import network_document, network_status
from nybureau.services.documents.package import meeting_package
from nybureau.services.documents.registry import (
    Document,
    DocumentData,
    Lang,
    Needs,
    Section,
    Words,
    documents,
    lookup,
)
from nybureau.services.documents.year_plan import calendar_events

# The families of documents, in the order of `render list`; each module declares its documents.
FAMILIES = (meeting_documents, project_documents, phase_guides, fieldwork, learning_meeting,
            reports, year_plan, substance_documents, communication_documents,
            trial_documents, programme_plan)
registry.arrange([m.__name__ for m in FAMILIES])

__all__ = [
    "Document", "DocumentData", "DocumentRef", "Lang", "Needs", "Rendered", "Section", "Words",
    "available", "build", "build_all", "calendar_events", "documents", "invitation_data", "lookup",
    "meeting_package", "network_document", "network_status", "render", "render_all",
]


@dataclass(frozen=True)
class Rendered:
    """One document in one format: its file name and its bytes."""

    format: str
    file_name: str
    content: bytes


def render(data: DocumentData, fmt: str, templates: str | None = None,
           sources: bool = False) -> Rendered:
    """A built document (:func:`build`) in ``fmt`` (md, html, docx, pdf), through ``templates``
    (a folder overriding the built-in templates) if given; ``sources``: with the appendix that
    names the records behind each statement (the file's metadata always has them)."""
    from nybureau import rendering

    return Rendered(fmt, rendering.file_name(data, fmt),
                    rendering.render(data, fmt, templates, sources))


def render_all(datas: list[DocumentData], out_dir: Path, formats: list[str],
               templates: str | None = None, on_each: Callable[[], Any] | None = None,
               sources: bool = False) -> list[dict[str, Any]]:
    """Write every built document (:func:`build_all`) in every format into ``out_dir``, all or
    nothing; the files written (path, document, format, bytes). ``on_each`` is called after
    each file is rendered (a progress bar)."""
    from nybureau.rendering.batch import render_many

    written, _ = render_many(datas, out_dir, formats, templates, on_each, sources)
    return written
