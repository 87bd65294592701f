"""A meeting's bilag (attachments): which documents each item carries, numbered across the
meeting, and the document package that holds them beside the agenda or the minutes.

Every bilag is a dict (the contract the renderers and ``render package`` read)::

    {"number": N, "title": str, "kind": "file" | "url" | "document",
     "file_name": its name in the package (None for a link),
     "path": the file on disk (kind file; never printed), "url": (kind url),
     "document": {"name": registry name, plus its build keywords} (kind document),
     "publishable": bool}

Substantive items carry their documents by themselves (:data:`DECISION_DOCUMENTS`): the project
description with its decision, the mandate with the organisation, the mapping report and the
prioritisation proposal with the focus areas, the status report with the status. The approval
of the minutes carries the earlier meeting's minutes. Then come the files and links a user
attached (``meeting item attach``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from nybureau.domain.records import Project
from nybureau.i18n import Msg
from nybureau.rendering.text import slugify

#: The documents a decision of the workflow carries as bilag, in this order.
DECISION_DOCUMENTS: dict[str, tuple[str, ...]] = {
    "project_description": ("project-description",),
    "organisation": ("mandate",),
    "focus_areas": ("mapping-report", "prioritisation-proposal"),
    "status_report": ("status-report",),
    "evaluation": ("evaluation-report",),
}
#: The documents a standing item carries (the status item: the status report, unless the
#: meeting has the status decision, which carries it already).
STANDING_DOCUMENTS: dict[str, tuple[str, ...]] = {"status": ("status-report",)}

# the format a document bilag is written in for each format of the agenda
PACKAGE_FORMAT = {"md": "docx", "docx": "docx", "html": "html", "pdf": "pdf"}


def _document_available(tx, project: Project, name: str) -> bool:
    from nybureau.services.documents.registry import Scope, lookup

    return bool(lookup(name).available(Scope(tx, project), None))


def _document_entry(name: str, title: str, keywords: dict[str, Any], file_stem: str
                    ) -> dict[str, Any]:
    return {"number": None, "title": title, "kind": "document",
            "file_name": slugify(file_stem, 120) + ".docx", "path": None, "url": None,
            "document": {"name": name, **keywords}, "publishable": True}


def item_documents(tx, project: Project | None, item: Any, meeting_keys: set[str],
                   lang: str) -> list[dict[str, Any]]:
    """The nybureau documents item ``item`` carries as bilag (not yet numbered)."""
    from nybureau.services.documents.registry import lookup

    if project is None:
        return []
    names: tuple[str, ...] = ()
    if item["decision_key"]:
        names = DECISION_DOCUMENTS.get(item["decision_key"], ())
    elif item["standing"] in STANDING_DOCUMENTS and not any(
            k in DECISION_DOCUMENTS and "status-report" in DECISION_DOCUMENTS[k]
            for k in meeting_keys):
        names = STANDING_DOCUMENTS[item["standing"]]
    out = []
    for name in names:
        if not _document_available(tx, project, name):
            continue
        doc = lookup(name)
        out.append(_document_entry(name, doc.title[lang], {"project": project.slug},
                                   f"{doc.stem[lang]}-{project.slug}"))
    return out


def previous_minutes(previous: dict[str, Any], subject: str, title: str, lang: str
                     ) -> list[dict[str, Any]]:
    """The earlier meeting's minutes, as the bilag of the item that approves them (only when
    that meeting was held: a planned meeting has no minutes)."""
    from nybureau.services.documents.registry import lookup

    if previous["status"] not in ("held", "approved"):
        return []
    return [_document_entry("minutes", title, {"meeting": previous["id"]},
                            f"{lookup('minutes').stem[lang]}-{subject}")]


def user_attachments(rows: list[Any], public: bool) -> list[dict[str, Any]]:
    """The files and links a user attached to an item (in a public render: only those that
    may be published)."""
    from nybureau.services.meetings.agenda import is_link

    out = []
    for a in rows:
        if public and not a["publishable"]:
            continue
        location = a["location"]
        if is_link(location):
            out.append({"number": None, "title": a["title"], "kind": "url", "file_name": None,
                        "path": None, "url": location, "document": None,
                        "publishable": bool(a["publishable"])})
        else:
            name = Path(location.replace("\\", "/")).name
            stem, dot, suffix = name.rpartition(".")
            safe = (slugify(stem, 100) + "." + slugify(suffix, 10)) if dot and stem \
                else slugify(name, 110)
            out.append({"number": None, "title": a["title"], "kind": "file",
                        "file_name": safe, "path": location, "url": None, "document": None,
                        "publishable": bool(a["publishable"])})
    return out


def number_bilag(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Number every item's bilag across the meeting, in item order, and give each file a name
    no other file of the package has; the whole list (``data["bilag"]``)."""
    every: list[dict[str, Any]] = []
    taken: set[str] = set()
    for it in items:
        for a in it["attachments"]:
            a["number"] = len(every) + 1
            if a["file_name"]:
                a["file_name"] = _unique(a["file_name"], taken)
            every.append(a)
    return every


def _unique(name: str, taken: set[str]) -> str:
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    candidate, n = name, 2
    while candidate in taken:
        candidate = f"{stem}-{n}" + (f".{suffix}" if suffix else "")
        n += 1
    taken.add(candidate)
    return candidate


# -- the document package ----------------------------------------------------------------------
def package_files(tx, data: dict[str, Any], fmt: str, templates: str | None = None
                  ) -> tuple[list[tuple[str, bytes]], list[dict[str, Any]]]:
    """The files of a meeting's document package beside its agenda or minutes in ``fmt``:
    (name, bytes) for each bilag that is a file — nybureau's documents rendered (in the
    agenda's format; DOCX beside Markdown), the user's files copied under their package names —
    and the bilag whose file could not be read (an attachment recorded before files were
    checked). Links are not files. Reads everything first: nothing is written here."""
    from nybureau.services.documents import catalogue, render

    target = PACKAGE_FORMAT.get(fmt, "docx")
    files: list[tuple[str, bytes]] = []
    missing: list[dict[str, Any]] = []
    lang = data["doc"]["lang"]
    for a in data.get("bilag", []):
        if a["kind"] == "document":
            keywords = dict(a["document"])
            name = keywords.pop("name")
            # as the meeting's members received it: as of the agenda's (or minutes') date
            built = catalogue.build(tx, name, lang, public=data.get("public", False),
                                    as_of=data.get("as_of"), **keywords)
            content = render(built, target, templates).content
            stem = a["file_name"].rpartition(".")[0]
            files.append((f"{stem}.{target}", content))
        elif a["kind"] == "file":
            try:
                files.append((a["file_name"], Path(a["path"]).read_bytes()))
            except OSError:
                missing.append(a)
    return files, missing


def package_for(tx, data: dict[str, Any], formats: list[str], templates: str | None = None
                ) -> tuple[list[tuple[str, bytes]], list[Msg]]:
    """The package files beside a meeting document rendered in ``formats`` (each file once:
    Markdown and DOCX share the DOCX bilag), and the bilag whose file could not be read, as
    "Bilag N: title". Empty for a document without bilag (``data`` has no ``bilag``)."""
    seen: dict[str, bytes] = {}
    missing: dict[int, Msg] = {}
    for fmt in formats:
        files, lost = package_files(tx, data, fmt, templates)
        for name, content in files:
            seen.setdefault(name, content)
        for a in lost:
            missing[a["number"]] = Msg("Bilag {number}: {title}", number=a["number"],
                                       title=a["title"])
    return list(seen.items()), list(missing.values())


def write_package(tx, data: dict[str, Any], out_dir: Path, fmt: str,
                  templates: str | None = None) -> dict[str, Any]:
    """Write a meeting's bilag into ``out_dir`` (all or nothing): the paths written and the
    bilag whose file could not be read (their titles; never their paths)."""
    from nybureau.fsio import write_files

    files, missing = package_files(tx, data, fmt, templates)
    targets = [(Path(out_dir) / name, content) for name, content in files]
    if targets:
        write_files(targets)
    return {"written": [p for p, _ in targets],
            "missing": [Msg("Bilag {number}: {title}", number=a["number"],
                            title=a["title"]) for a in missing]}
