"""The steering group's focus areas (*indsatsområder*, phase 4) under the small-steps principle
(*de små skridts princip*): one at a time unless a reason is recorded, each with the governance
items it covers and, in a free-municipality trial, the years it runs."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from nybureau.domain.substance import max_focus_areas as _max_focus_areas
from nybureau.errors import AlreadyExists, InvalidInput
from nybureau.i18n import Msg
from nybureau.services.common import check_name, check_text, get_project, past_date
from nybureau.services.substance.governance import resolve_item

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx


def max_focus_areas(spec) -> int:
    """The focus areas the project's workflow allows at a time (the small-steps principle)."""
    return _max_focus_areas(spec.options)


def add_focus_area(tx: Tx, slug: str, title: str, *, items: list[Any] | None = None,
                   description: str | None = None, on: date | str | None = None,
                   reason: str | None = None, start_year: int | None = None,
                   end_year: int | None = None) -> dict[str, Any]:
    """Record a focus area the steering group decided on, naming the items it covers. The
    definition's ``max_focus_areas`` (default 1) holds the small-steps principle: more focus areas are
    refused unless a reason is given. ``start_year`` and ``end_year``: the years it runs (a
    free-municipality trial's focus areas run in parallel, each from its own start)."""
    project = get_project(tx, slug)
    spec = tx.workflow_spec(project["workflow_definition_id"])
    title = check_name(title, "title")
    description = check_text(description, "description")
    reason = check_text(reason, "reason")
    decided = past_date(tx, on, Msg("a focus area is recorded when the steering group has decided "
                            "it; give the date of the decision with --date."))
    rows = [resolve_item(tx, project, ref) for ref in (items or [])]
    for year, what in ((start_year, "start"), (end_year, "end")):
        if year is not None and (isinstance(year, bool) or not isinstance(year, int)
                                 or not 1900 <= year <= 2200):
            raise InvalidInput(Msg("The {what} year must be a year such as 2017, not "
                                   "'{year}'.", what=what, year=year))
    if start_year is not None and end_year is not None and end_year < start_year:
        raise InvalidInput(Msg("The focus area ends in {end} before it starts in {start}; give "
                               "--start and --end in order.", end=end_year, start=start_year))
    existing = tx.focus_areas(project["id"])
    if any(f["title"] == title for f in existing):
        raise AlreadyExists(Msg("'{slug}' already has the focus area '{title}'.", slug=slug,
                                title=title))
    limit = max_focus_areas(spec)
    if len(existing) + 1 > limit and not reason:
        raise InvalidInput(
            Msg("'{slug}' already has {n_existing} focus area(s), and its workflow allows "
                "{limit} at a time (the small-steps principle: one area at a time). Give --reason "
                "to record why more are needed, or finish one first.", slug=slug,
                n_existing=len(existing), limit=limit),
        )
    tx.project_touch(project)
    fid = tx.focus_insert(project["id"], title, description, decided, reason,
                          list(dict.fromkeys(r["id"] for r in rows)),
                          start_year=start_year, end_year=end_year)
    tx.audit("focus.add", "focus_area", fid, project_id=project["id"],
             after={"title": title, "items": [r["id"] for r in rows], "decided_on": decided,
                    "reason": reason, "over_limit": len(existing) + 1 > limit,
                    **({"start_year": start_year, "end_year": end_year}
                       if start_year is not None or end_year is not None else {})})
    return {"id": fid, "title": title, "items": [r["id"] for r in rows],
            "decided_on": decided, "count": len(existing) + 1, "limit": limit}


def list_focus_areas(tx: Tx, slug: str) -> list[dict[str, Any]]:
    """The focus areas decided so far, with the ids of the items each covers."""
    project = get_project(tx, slug)
    return [{"id": f["id"], "title": f["title"], "description": f["description"],
             "decided_on": f["decided_on"], "reason": f["reason"], "items": f["item_ids"],
             "start_year": f["start_year"], "end_year": f["end_year"]}
            for f in tx.focus_areas(project["id"])]


def resolve_focus_area(tx: Tx, project: dict[str, Any], ref: Any) -> dict[str, Any]:
    """A focus area of ``project`` (its row) by its id (``3`` or ``#3``) or exact title."""
    from nybureau.errors import NotFound

    from nybureau.services.people import did_you_mean

    text = str(ref).strip()
    areas = tx.focus_areas(project["id"])
    for f in areas:
        if text.lstrip("#") == str(f["id"]) or text == f["title"]:
            return f
    en, da = did_you_mean(text, [f["title"] for f in areas])
    raise NotFound(Msg("'{slug}' has no focus area '{ref}'.{en_} (See `nybureau focus list "
                       "{slug}`.)", slug=project['slug'], ref=ref, en_=en, da_=da))
