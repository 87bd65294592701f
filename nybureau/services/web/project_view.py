"""The project page's data and its downloads: the phase checklist (the sentences of ``status``),
the timeline (:func:`nybureau.services.process.timeline`, as ``demo`` prints it), the meetings,
the documents the project's state allows (:func:`nybureau.services.documents.available`), the
governance register and an item's trace.

Who gets which render of a document: a meeting's agenda and minutes are the full render for
those who see its closed items (:func:`~nybureau.services.web.access.sees_closed`: the body's
members, the leader and the secretary) and the public render (``render --public``: no closed
item, no attachment that may not be published) for everybody else — a reader, a member of
another body, a documentation agent. The other documents have no closed parts: one render.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nybureau.errors import InvalidInput, NotFound
from nybureau.i18n import Msg

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx
    from nybureau.services.web.access import Access
    from nybureau.services.web.sessions import Viewer

FORMATS = ("pdf", "docx", "html", "md")


def open_project(tx: Tx, viewer: Viewer | None, slug: str) -> tuple[Any, Access]:
    """The project ``slug`` and the viewer's access to it; Denied without a role (a workshop
    voter, nobody signed in, a person with no role in it), NotFound for no such project (no
    list of the projects there are: the viewer may not see them)."""
    from nybureau.services.web.access import require_person, require_project

    require_person(viewer)
    project = tx.project_get(slug)
    if project is None:
        raise NotFound(Msg("There is no project “{slug}”. Go back to the portfolio and choose "
                           "one of your projects.", slug=slug))
    return project, require_project(tx, viewer, project)


def quote(value: str, lang: str) -> str:
    """»Danish« or “English” quotation marks."""
    return f"»{value}«" if lang == "da" else f"“{value}”"


def _label(table: dict, key: str | None, lang: str) -> str:
    from nybureau.domain.vocabulary import label

    return label(table, key, lang) if key else ""


class _MembersOnce:
    """``tx`` with the project's members read once (``sees_closed`` asks for each meeting)."""

    def __init__(self, tx: Tx) -> None:
        self._tx = tx
        self._members: dict[int, list[Any]] = {}

    def members(self, project_id: int) -> list[Any]:
        if project_id not in self._members:
            self._members[project_id] = self._tx.members(project_id)
        return self._members[project_id]


def closed_seen(tx: Tx, viewer: Viewer | None, access: Access, meetings: list[Any]
                ) -> dict[int, bool]:
    """Meeting id → whether the viewer sees its closed items
    (:func:`~nybureau.services.web.access.sees_closed`)."""
    from nybureau.services.web.access import sees_closed

    if access.writes_meetings:
        return {m.id: True for m in meetings}
    once = _MembersOnce(tx)
    return {m.id: sees_closed(once, viewer, m, access) for m in meetings}  # type: ignore[arg-type]


def closed_records(tx: Tx, viewer: Viewer | None, project: Any, access: Access,
                   seen: dict[int, bool] | None = None) -> tuple[set[int], set[int]]:
    """The action points and the decision records agreed under a closed agenda item that the
    viewer may not see (not a member of its meeting's body, nor leader or secretary):
    ``(action ids, decision ids)``. The pages say of them only that they belong to a closed
    item. ``seen``: :func:`closed_seen` of the project's meetings, if already known."""
    if access.writes_meetings:
        return set(), set()
    if seen is None:
        seen = closed_seen(tx, viewer, access, tx.meeting_list(project_id=project.id))
    hidden_items: set[int] = set()
    decisions: set[int] = set()
    for mid, sees in seen.items():
        if sees:
            continue
        for it in tx.items(mid):
            if it.closed:
                hidden_items.add(it.id)
                decisions.update(tx.item_decision_ids(it.id))
    if not hidden_items:
        return set(), set()
    actions = {a.id for a in tx.action_list(project_id=project.id)
               if a.agenda_item_id in hidden_items}
    return actions, decisions


def _timeline(tx: Tx, slug: str, lang: str, hidden: set[int] = frozenset()
              ) -> list[dict[str, Any]]:
    """The project's story in date order: its phases, the decisions (of a closed item the
    viewer may not see: only the body and the day), the activities."""
    from nybureau.domain.vocabulary import ACTIVITY_KINDS, BODIES, OUTCOMES, TRANSITION_KINDS
    from nybureau.services.process import timeline
    from nybureau.workflow.spec import text

    tl = timeline(tx, slug)
    spec = tl["spec"]
    rows: list[tuple[Any, int, str, str]] = []
    for t in tl["transitions"]:
        title = text(spec.title_of(t.to_phase), lang)
        if t.kind == "start":
            what = Msg("The project starts in phase 1: {title}", title=title).render(lang)
        elif t.kind == "advance":
            what = Msg("On to {title}", title=title).render(lang)
        else:
            what = f"{_label(TRANSITION_KINDS, t.kind, lang).capitalize()}: {title}"
            if t.reason:
                what += f" – {t.reason}"
        rows.append((t.on_date, 0, "phase", what))
    for d in tl["decisions"]:
        if d.id in hidden:
            rows.append((d.decided_on, 1, "decision",
                         Msg("{body}: a decision on a closed item",
                             body=_label(BODIES, d.body, lang)).render(lang)))
            continue
        found = spec.decision(d.decision_key)
        title = text(found[1].title, lang) if found else d.decision_key
        rows.append((d.decided_on, 1, "decision",
                     f"{_label(BODIES, d.body, lang)}: {quote(title, lang)} – "
                     f"{_label(OUTCOMES, d.outcome, lang)}"))
    for a in tl["activities"]:
        kind = _label(ACTIVITY_KINDS, a.kind, lang)
        if a.number:
            kind += f" {a.number}"
        rows.append((a.held_on, 2, "activity", a.title or kind.capitalize()))
    rows.sort(key=lambda r: (r[0], r[1]))
    return [{"on": on, "kind": kind, "text": what} for on, _, kind, what in rows]


def _meetings(listed: list[Any], lang: str) -> list[dict[str, Any]]:
    from nybureau.domain.meetings import STATUSES
    from nybureau.domain.vocabulary import BODIES
    from nybureau.services.meetings import aware

    out = []
    for m in listed:
        out.append({"id": m.id, "starts_at": aware(m.starts_at), "body": m.body,
                    "body_label": m.committee or _label(BODIES, m.body, lang),
                    "title": m.title, "status": m.status,
                    "status_label": _label(STATUSES, m.status, lang), "place": m.place,
                    "items": m.items})
    out.sort(key=lambda m: m["starts_at"])
    return out


def _ref_key(ref: dict[str, Any]) -> str:
    """The address of one available document: its name, and the target it is about."""
    rest = [str(v) for k, v in ref.items() if k not in ("name", "project")]
    return "-".join([ref["name"], *rest])


def _ref_title(ref: dict[str, Any], doc: Any, spec: Any, meetings: dict[int, dict],
               lang: str) -> str:
    from nybureau.rendering.dates import long_date
    from nybureau.workflow.spec import text

    title = doc.title[lang]
    if "meeting" in ref:
        m = meetings.get(int(ref["meeting"]))
        if m is not None:
            return f"{title}: {m['body_label']}, {long_date(m['starts_at'].date(), lang)}"
    if "decision" in ref:
        found = spec.decision(ref["decision"])
        if found:
            return f"{title}: {quote(text(found[1].title, lang), lang)}"
    if "phase" in ref:
        return f"{title}: {text(spec.title_of(ref['phase']), lang)}"
    if "number" in ref:
        return f"{title} {ref['number']}" if title[-1:].isalpha() else title
    if "role" in ref:
        from nybureau.domain.substance import HEARD_ROLES

        return f"{title}: {_label(HEARD_ROLES, ref['role'], lang)}"
    return title


def _documents(tx: Tx, project: Any, meetings: list[dict], seen: dict[int, bool],
               lang: str) -> list[dict[str, Any]]:
    """The available documents; ``public``: this viewer gets the public render (``seen``:
    :func:`closed_seen`)."""
    from nybureau.services.documents import available, lookup

    spec = tx.workflow_spec(project.workflow_definition_id)
    by_id = {m["id"]: m for m in meetings}
    out = []
    for ref in available(tx, project.slug):
        doc = lookup(ref["name"])
        meeting = ref.get("meeting")
        public = meeting is not None and not seen.get(int(meeting), False)
        out.append({"key": _ref_key(dict(ref)), "name": ref["name"],
                    "title": _ref_title(dict(ref), doc, spec, by_id, lang),
                    "meeting": meeting, "public": public})
    return out


def _in_text(name: str) -> str:
    """A body's name inside a sentence: »styregruppen«, but »MED-udvalget«."""
    return name if name[1:2].isupper() else name[:1].lower() + name[1:]


def _roles(access: Access, lang: str) -> list[str]:
    """The viewer's roles in the project, in words."""
    from nybureau.domain.vocabulary import BODIES, join_words

    out = []
    if access.leader:
        out.append(Msg("project leader").render(lang))
    if access.secretary:
        out.append(Msg("secretary").render(lang))
    if access.bodies:
        names = sorted(_in_text(_label(BODIES, b, lang)) for b in access.bodies)
        out.append(Msg("member of {bodies}", bodies=join_words(names, lang)).render(lang))
    if access.agent:
        out.append(Msg("documentation agent").render(lang))
    if access.reader:
        out.append(Msg("reader").render(lang))
    return out


def formats() -> tuple[str, ...]:
    """The formats a document can be downloaded in here (PDF only where it can be made)."""
    from nybureau.rendering.pdf import unavailable

    return FORMATS if unavailable() is None else tuple(f for f in FORMATS if f != "pdf")


def _register(tx: Tx, slug: str, lang: str) -> list[dict[str, Any]]:
    from nybureau.domain.substance import CHARACTERS, EXPERIENCES, ITEM_KINDS, SOURCES
    from nybureau.services.substance import list_items

    return [{**it, "kind_label": _label(ITEM_KINDS, it["kind"], lang),
             "source_label": _label(SOURCES, it["source"], lang),
             "experience_label": _label(EXPERIENCES, it["experience"], lang),
             "character_label": _label(CHARACTERS, it["character"], lang)}
            for it in list_items(tx, slug)]


def project_page(tx: Tx, viewer: Viewer | None, slug: str, lang: str = "da") -> dict[str, Any]:
    """Everything the project page shows, for the viewer (Denied without a role)."""
    from nybureau.services import phases

    project, access = open_project(tx, viewer, slug)
    listed = tx.meeting_list(project_id=project.id)
    meetings = _meetings(listed, lang)
    seen = closed_seen(tx, viewer, access, listed)
    actions, decisions = closed_records(tx, viewer, project, access, seen)
    checklist = phases.status(tx, slug, lang)
    checklist["warnings"] = [
        {**w, "what": Msg("An action point agreed under a closed item").render(lang), "who": None}
        if w["action"] in actions else w for w in checklist["warnings"]]
    return {"project": project, "access": access, "roles": _roles(access, lang),
            "checklist": checklist, "timeline": _timeline(tx, slug, lang, decisions),
            "meetings": meetings,
            "documents": _documents(tx, project, meetings, seen, lang),
            "formats": formats(), "register": _register(tx, slug, lang)}


def document(tx: Tx, viewer: Viewer | None, slug: str, key: str, fmt: str,
             lang: str = "da") -> tuple[str, bytes]:
    """One of the project's available documents (its ``key`` from the project page) in
    ``fmt``, as the viewer may have it: ``(file name, bytes)``."""
    from nybureau.services import documents
    from nybureau.services.web.access import sees_closed

    project, access = open_project(tx, viewer, slug)
    if fmt not in formats():
        raise InvalidInput(Msg("A document can be downloaded as {formats}; “{fmt}” is not one "
                               "of them.", formats=", ".join(formats()), fmt=fmt))
    ref = next((dict(r) for r in documents.available(tx, project.slug)
                if _ref_key(dict(r)) == key), None)
    if ref is None:
        raise NotFound(Msg("The project has no document “{key}” (or not yet). Choose one from "
                           "the project's page.", key=key))
    name = ref.pop("name")
    # a reader's renders are `render --public` (it changes only a meeting's documents)
    public = access.reader and not (access.leader or access.secretary or access.agent
                                    or access.bodies)
    if "meeting" in ref:
        meeting = tx.meeting_get(int(ref["meeting"]))
        public = meeting is None or not sees_closed(tx, viewer, meeting, access)
    data = documents.build(tx, name, lang, public=public, **ref)
    rendered = documents.render(data, fmt)
    return rendered.file_name, rendered.content


def item_trace(tx: Tx, viewer: Viewer | None, slug: str, item_id: int,
               lang: str = "da") -> dict[str, Any]:
    """The trace of one governance item (``trace``), with the labels in ``lang``."""
    from nybureau.domain.substance import (
        BOTTOM_LINES,
        CHAIN_ROLES,
        CHARACTERS,
        EXPERIENCES,
        HEARD_ROLES,
        ITEM_KINDS,
        NOTE_SOURCES,
        PROTOTYPE_STATUSES,
        SOURCES,
        SPREADING_KINDS,
        VERDICTS,
    )
    from nybureau.services.substance import trace_item

    project, _access = open_project(tx, viewer, slug)
    if tx.gov_item_get(project.id, item_id) is None:
        raise NotFound(Msg("The project has no governance item number {id}. Choose one from "
                           "the register on the project's page.", id=item_id))
    t = trace_item(tx, slug, item_id)
    it = t["item"]
    item = {**it, "kind_label": _label(ITEM_KINDS, it["kind"], lang),
            "source_label": _label(SOURCES, it["source"], lang),
            "experience_label": _label(EXPERIENCES, it["experience"], lang),
            "character_label": _label(CHARACTERS, it["character"], lang),
            "experienced_by_label": _label(HEARD_ROLES, it.get("experienced_by"), lang),
            "field_notes": [{**n, "source_label": _label(NOTE_SOURCES, n["source"], lang),
                             "role_label": _label(HEARD_ROLES, n["role"], lang)}
                            for n in t.get("field_notes", [])]}
    workshop = None
    if t["workshop"]:
        w = t["workshop"]
        workshop = {
            "leading": (Msg("tie").render(lang) if w["leading"] == "tie"
                        else _label(VERDICTS, w["leading"], lang)),
            "verdicts": [{"label": _label(VERDICTS, v, lang), "votes": n,
                          "points": w["verdict_points"].get(v, 0)}
                         for v, n in w["counts"].items()],
            "chain": [{"label": _label(CHAIN_ROLES, r, lang), "votes": n}
                      for r, n in w["chain"].items()],
            "votes": w["votes"], "points": w["points"]}
    return {
        "project": project, "item": item, "workshop": workshop,
        "focus_areas": t["focus_areas"],
        "prototypes": [{**p, "status_label": _label(PROTOTYPE_STATUSES, p["status"], lang),
                        "criteria": [{**c, "bottom_line_label":
                                      _label(BOTTOM_LINES, c["bottom_line"], lang)}
                                     for c in p["criteria"]]}
                       for p in t["prototypes"]],
        "results": [{**b, "label": _label(BOTTOM_LINES, b["bottom_line"], lang)}
                    for b in t["results"]],
        "notes": t["notes"],
        "spreading": [{**s, "kind_label": _label(SPREADING_KINDS, s["kind"], lang)}
                      for s in t["spreading"]],
    }


__all__ = ["FORMATS", "document", "formats", "item_trace", "open_project", "project_page"]
