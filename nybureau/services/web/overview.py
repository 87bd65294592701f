"""The portfolio page's data: every project the viewer may see — its municipality, phase, what
it waits for (the unmet requirements ``status`` lists) and what is overdue (the entries ``due``
marks overdue) — filtered by network and municipality, and each network's comparison (what
``network status`` shows). The comparison has every project of a network the viewer has a
project in, as the network's comparative report (a document of each of its projects) has;
only the projects the viewer may see are linked."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nybureau.errors import InvalidInput
from nybureau.i18n import Msg

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx
    from nybureau.services.web.sessions import Viewer

#: above this many visible projects the statuses are read all at once (constant queries)
MANY = 20


def _statuses(tx: Tx, projects: list[Any], lang: str) -> dict[str, dict[str, Any]]:
    from nybureau.services import phases

    if len(projects) > MANY:
        wanted = {p.slug for p in projects}
        return {s["project"]: s for s in phases.status_all(tx, lang) if s["project"] in wanted}
    return {p.slug: phases.status(tx, p.slug, lang) for p in projects}


def _overdue(tx: Tx, lang: str, projects: list[Any]
             ) -> tuple[dict[str, list[dict]], dict[str, list[dict]]]:
    """project slug → its overdue entries of ``due``; network slug → the network's own (for
    ``projects`` and their networks only)."""
    from nybureau.services.follow_up import due

    per_project: dict[str, list[dict]] = {}
    per_network: dict[str, list[dict]] = {}
    for e in due(tx, days=0, projects=[p.slug for p in projects])["entries"]:
        if not e["overdue"]:
            continue
        entry = {"kind": e["kind"], "text": e["what"].render(lang), "due_on": e["due_on"],
                 "meeting": e["meeting"], "action": e["action"]}
        if e["project"]:
            per_project.setdefault(e["project"], []).append(entry)
        elif e["network"]:
            per_network.setdefault(e["network"], []).append(entry)
    return per_project, per_network


def _decimal(text: str, lang: str) -> str:
    return text.replace(".", ",") if lang == "da" else text


def _redact_closed(tx: Tx, viewer: Viewer | None, projects: list[Any],
                   overdue: dict[str, list[dict]], lang: str) -> None:
    """An overdue action point agreed under a closed item the viewer may not see is named
    only as such (its text is the closed item's)."""
    from nybureau.services.web.access import project_access
    from nybureau.services.web.project_view import closed_records

    for p in projects:
        entries = overdue.get(p.slug, [])
        if not any(e["kind"] == "action" for e in entries):
            continue
        actions, _ = closed_records(tx, viewer, p, project_access(tx, viewer, p))
        for e in entries:
            if e["action"] in actions:
                e["text"] = Msg("An action point agreed under a closed item").render(lang)


def _mean(cell: dict[str, Any], lang: str) -> str:
    if cell.get("suppressed"):
        return Msg("< 5 resp.").render(lang)
    if cell.get("mean") is None:
        return "–"
    return f"{_decimal(format(cell['mean'], '.2f'), lang)} (n={cell['n']})"


def _signed(value: float | None, lang: str) -> str:
    if value is None:
        return "–"
    return _decimal(format(value, "+.2f"), lang)


def _comparison_rows(projects: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """The rows of ``network status``'s table, in words of ``lang``: one cell per project."""
    from nybureau.domain.substance import (
        BOTTOM_LINES,
        PROTOTYPE_STATUSES,
        VERDICT_OPTIONS,
        VERDICTS,
    )
    from nybureau.domain.vocabulary import label

    def row(name: str, fn, sub: bool = False) -> dict[str, Any]:
        return {"label": name, "sub": sub, "cells": [fn(p) for p in projects]}

    rows = [
        row(Msg("Phase").render(lang), lambda p: (
            p["phase_title"] if p["phase_number"] > p["phase_count"] else
            f"{p['phase_number']}/{p['phase_count']} {p['phase_title']}")),
        row(Msg("Network meetings (agents present)").render(lang), lambda p: "; ".join(
            Msg("{n}: {present} of {agents}", n=n, present=p["network_meetings"].get(n, 0),
                agents=p["agents"]).render(lang) for n in (1, 2, 3, 4))),
        row(Msg("Governance items").render(lang), lambda p: str(p["items"])),
    ]
    # the optional verdicts (keep, establish: a definition's choice) only where one was given
    rows += [row(label(VERDICTS, v, lang).capitalize(),
                 lambda p, v=v: str(p["items_by_verdict"].get(v, 0)), sub=True)
             for v in VERDICTS if v not in VERDICT_OPTIONS
             or any(p["items_by_verdict"].get(v) for p in projects)]
    rows.append(row(Msg("Focus areas").render(lang),
                    lambda p: "; ".join(p["focus_areas"]) or "–"))
    rows.append(row(Msg("Prototypes").render(lang), lambda p: ", ".join(
        f"{label(PROTOTYPE_STATUSES, s, lang)} {n}"
        for s, n in p["prototypes_by_status"].items() if n) or "–"))
    rows += [row(label(BOTTOM_LINES, b, lang).capitalize(), lambda p, b=b: (
        f"{_mean(p['evaluation'][b]['before'], lang)} → "
        f"{_mean(p['evaluation'][b]['after'], lang)} "
        f"({_signed(p['evaluation'][b]['change'], lang)})")) for b in BOTTOM_LINES]
    return rows


def _comparison(tx: Tx, slug: str, seen: set[str], lang: str) -> dict[str, Any]:
    """``network status`` of one network as a table; each project says whether the viewer may
    open it."""
    from nybureau.services.documents import network_status

    r = network_status(tx, slug, lang)
    projects = [{"slug": p["project"], "name": p["name"], "municipality": p["municipality"],
                 "linked": p["project"] in seen} for p in r["projects"]]
    return {"slug": r["network"]["slug"], "name": r["network"]["name"], "projects": projects,
            "rows": _comparison_rows(r["projects"], lang), "min_group": r["min_group"]}


def portfolio(tx: Tx, viewer: Viewer | None, *, network: str | None = None,
              municipality: str | None = None, lang: str = "da") -> dict[str, Any]:
    """The portfolio of the signed-in person: ``{"projects", "networks", "municipalities",
    "network", "municipality", "comparisons", "network_overdue"}``. ``network`` (a slug) and
    ``municipality`` (a name) filter the projects; an unknown one is refused."""
    from nybureau.services.web.access import visible_projects

    visible = visible_projects(tx, viewer)
    networks = sorted({(p.network_slug, p.network_name) for p in visible if p.network_slug},
                      key=lambda n: n[1].casefold())
    municipalities = sorted({p.municipality for p in visible}, key=str.casefold)
    network = (network or "").strip() or None
    municipality = (municipality or "").strip() or None
    if network is not None and network not in {slug for slug, _ in networks}:
        raise InvalidInput(Msg("None of your projects is in a network “{network}”. Choose a "
                               "network from the list.", network=network))
    if municipality is not None and municipality not in municipalities:
        raise InvalidInput(Msg("None of your projects is in a municipality “{municipality}”. "
                               "Choose a municipality from the list.", municipality=municipality))
    chosen = [p for p in visible
              if (network is None or p.network_slug == network)
              and (municipality is None or p.municipality == municipality)]
    statuses = _statuses(tx, chosen, lang)
    overdue, network_overdue = _overdue(tx, lang, chosen) if chosen else ({}, {})
    _redact_closed(tx, viewer, chosen, overdue, lang)
    rows = []
    for p in chosen:
        s = statuses[p.slug]
        rows.append({
            "slug": p.slug, "name": p.name, "municipality": p.municipality,
            "network": p.network_slug, "network_name": p.network_name,
            "phase_number": min(s["phase_number"], s["phase_count"]),
            "phase_count": s["phase_count"], "phase_title": s["phase_title"],
            "phase_entered_on": s["phase_entered_on"], "completed": s["completed"],
            "can_advance": s["can_advance"], "next_phase_title": s["next_phase_title"],
            "waits_for": [r for r in s["requirements"] if not r["met"]],
            "overdue": overdue.get(p.slug, []),
        })
    rows.sort(key=lambda r: (r["municipality"].casefold(), r["name"].casefold()))
    seen = {p.slug for p in visible}
    in_view = sorted({p.network_slug for p in chosen if p.network_slug})
    comparisons = [_comparison(tx, slug, seen, lang) for slug in in_view]
    return {"projects": rows,
            "networks": [{"slug": s, "name": n} for s, n in networks],
            "municipalities": municipalities, "network": network,
            "municipality": municipality, "comparisons": comparisons,
            "network_overdue": {slug: network_overdue.get(slug, []) for slug in in_view}}


__all__ = ["portfolio"]
