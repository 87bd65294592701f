"""Where a document's statements come from (the builders' ``sources``), kept out of its body.

Every builder returns ``sources``: ``{"record": "agenda_item #12", "what": "item 4"}``. A reader
of a sent document has no use for database ids, so the body no longer prints them. They go into
the file's metadata instead (HTML: a JSON data block that is not shown; DOCX: a custom document
property; PDF: the XMP ``dc:source``), and ``render … --sources`` adds an appendix for the
secretariat ("Kilder" / "Sources") that names each record in the document's own language
("dagsordenspunkt 12"), never by its table name.
"""

from __future__ import annotations

import json
import re
from typing import Any

# Record kinds (the tables' names) as a reader says them, Danish and English.
KINDS: dict[str, tuple[str, str]] = {
    "activity": ("aktivitet", "activity"),
    "agenda_item": ("dagsordenspunkt", "agenda item"),
    "agent": ("dokumentationsagenter", "documentation agents"),
    "decision": ("beslutning", "decision"),
    "governance_item": ("styringselement", "governance item"),
    "meeting": ("møde", "meeting"),
    "membership": ("medlemskaber", "memberships"),
    "network": ("netværk", "network"),
    "note": ("note", "note"),
    "phase_transition": ("faseskift", "phase change"),
    "project": ("projekt", "project"),
    "project_text": ("projektets tekster", "the project's texts"),
    "prototype": ("prototype", "prototype"),
    "risk": ("risikolog", "risk log"),
    "spreading": ("spredning", "spreading"),
    "stakeholder": ("interessent", "stakeholder"),
    "survey": ("måling", "survey"),
    "workflow": ("procesmodel", "workflow"),
}

_RECORD = re.compile(r"^(?P<kind>[a-z][a-z_ ]*?)(?: #(?P<ref>.+))?$")


def record_label(record: str, lang: str) -> str:
    """``"agenda_item #12"`` as a reader says it: "Dagsordenspunkt 12" / "Agenda item 12". A
    kind not listed reads as "Registrering" / "Record" (never a table name)."""
    match = _RECORD.match(record or "")
    if not match:
        return record
    words = KINDS.get(match["kind"].replace(" ", "_"))
    word = (words[0] if lang == "da" else words[1]) if words else \
        ("registrering" if lang == "da" else "record")
    ref = match["ref"]
    label = f"{word} {ref}" if ref else word
    return label[:1].upper() + label[1:]


def describe(sources: list[dict[str, Any]] | None, lang: str) -> list[dict[str, str]]:
    """The sources as the appendix prints them: each record named in ``lang``, once."""
    out: list[dict[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for s in sources or []:
        row = {"record": record_label(str(s.get("record") or ""), lang),
               "what": str(s.get("what") or "")}
        key = (row["record"], row["what"])
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out


def as_text(sources: list[dict[str, Any]] | None, lang: str) -> str:
    """One line for a file's metadata: "Møde 3: mødet …; Dagsordenspunkt 12: punkt 4"."""
    return "; ".join(f"{r['record']}: {r['what']}" if r["what"] else r["record"]
                     for r in describe(sources, lang))


def as_json(sources: list[dict[str, Any]] | None) -> str:
    """The raw sources (record ids included, for tools such as ``nybureau log``) as JSON (the
    HTML's ``<meta name="nybureau.sources">``; the template escapes it)."""
    raw = [{"record": str(s.get("record") or ""), "what": str(s.get("what") or "")}
           for s in sources or []]
    return json.dumps(raw, ensure_ascii=False)
