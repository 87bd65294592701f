"""``nybureau network status NETWORK``: the local projects of a network side by side — phase,
governance items by kind and by the workshop's verdict, focus areas, prototypes by status, and the
change per bottom line between baseline and follow-up surveys. This is the comparative study the
frame project asks for.

All the figures come from ONE statement for the whole network (``Tx.network_substance``), and
the workflow definitions are looked up once each, so the report costs the same number of queries
for two projects as for twenty. :func:`network_data` makes the comparative report's data from
them (the document ``network-report``, and ``network status --out``)."""

from __future__ import annotations

from typing import Any

from nybureau.domain.substance import (
    BOTTOM_LINES,
    ITEM_KINDS,
    MIN_GROUP,
    PROTOTYPE_STATUSES,
    VERDICTS,
    verdicts_for,
)
from nybureau.domain.vocabulary import label
from nybureau.i18n import Msg
from nybureau.services.common import get_network, get_project
from nybureau.services.documents.parts import mean_number, source, survey_cell
from nybureau.services.documents.registry import DocumentData, lookup
from nybureau.workflow.spec import text


def network_status(tx, slug: str, lang: str = "da") -> dict[str, Any]:
    network = get_network(tx, slug)
    projects = tx.project_list(network["id"])
    rows = tx.network_substance(network["id"])
    per: dict[int, dict[str, Any]] = {}
    specs: dict[int, Any] = {}  # projects of one definition share its spec (one look-up)
    for p in projects:
        did = p["workflow_definition_id"]
        spec = specs.get(did) or specs.setdefault(did, tx.workflow_spec(did))
        per[p["id"]] = {
            "project": p["slug"], "name": p["name"], "municipality": p["municipality"],
            "workflow": p["workflow_key"], "phase": p["phase"],
            "phase_title": text(spec.title_of(p["phase"]), lang),
            "phase_number": (spec.index(p["phase"]) + 1),
            "phase_count": len(spec.phases),
            "items": 0, "items_by_kind": {k: 0 for k in ITEM_KINDS},
            "items_by_verdict": {}, "focus_areas": [],
            "prototypes": 0, "prototypes_by_status": {k: 0 for k in PROTOTYPE_STATUSES},
            "agents": 0, "network_meetings": {},
            "_votes": {}, "_survey": {}, "_n": {},
        }
    for r in rows:
        entry = per.get(r["project_id"])
        if entry is None:
            continue
        metric, key, value, n = r["metric"], r["key"], int(r["value"] or 0), int(r["n"] or 0)
        if metric == "items":
            entry["items_by_kind"][key] = value
            entry["items"] += value
        elif metric == "votes":
            item, verdict = key.split(":")
            entry["_votes"].setdefault(item, {})[verdict] = (value, n)
        elif metric == "focus_areas":
            entry["focus_areas"].append(key)
        elif metric == "prototypes":
            entry["prototypes_by_status"][key] = value
            entry["prototypes"] += value
        elif metric == "survey":
            entry["_survey"][key] = (value, n)
        elif metric == "respondents":
            entry["_n"][key] = value
        elif metric == "agents":
            entry["agents"] = value
        elif metric == "network_meeting":
            entry["network_meetings"][int(key)] = value
    out = []
    for entry in per.values():
        verdicts: dict[str, int] = {}
        for by_verdict in entry.pop("_votes").values():
            ranked = sorted(by_verdict.items(), key=lambda kv: kv[1], reverse=True)
            lead = ("tie" if len(ranked) > 1 and ranked[0][1] == ranked[1][1]
                    else ranked[0][0])
            verdicts[lead] = verdicts.get(lead, 0) + 1
        entry["items_by_verdict"] = verdicts
        entry["focus_areas"].sort()
        survey, ns = entry.pop("_survey"), entry.pop("_n")
        changes = {}
        for line in BOTTOM_LINES:
            cells = {}
            for kind in ("baseline", "follow_up"):
                total, count = survey.get(f"{kind}:{line}", (0, 0))
                n = ns.get(f"{kind}:{line}", 0)
                if n >= MIN_GROUP and count:
                    cells[kind] = {"mean": round(total / count, 2), "n": n}
                else:
                    cells[kind] = {"mean": None, "n": n if n >= MIN_GROUP else None,
                                   "suppressed": 0 < n < MIN_GROUP}
            b, a = cells["baseline"]["mean"], cells["follow_up"]["mean"]
            changes[line] = {"before": cells["baseline"], "after": cells["follow_up"],
                             "change": round(a - b, 2) if a is not None and b is not None
                             else None}
        entry["evaluation"] = changes
        out.append(entry)
    out.sort(key=lambda e: e["project"])
    return {"network": {"slug": network["slug"], "name": network["name"]}, "projects": out,
            "min_group": MIN_GROUP}


def drivers_and_barriers(tx, slugs: list[str], lang: str = "da") -> dict[str, Any]:
    """*Drivkræfter og barrierer* (issue 16 §6): per project of the network (``slugs``, in the
    report's order) its drivers, its barriers and its open risks with their action, from the
    project's risk log; and where in the governance chain they sit, side by side."""
    from nybureau.domain.risks import RISK_KINDS
    from nybureau.domain.substance import CHAIN_ROLES
    from nybureau.domain.vocabulary import label
    from nybureau.services.documents.communication_documents import risk_section

    per = []
    for slug in slugs:
        project = tx.project_get(slug)
        section = risk_section(tx, project, lang)
        per.append({"project": slug, "name": project.name,
                    "municipality": project.municipality, **section})
    chain = []
    for role in [*CHAIN_ROLES, None]:
        cells, seen = [], False
        for p in per:
            counts = []
            for kind in ("driver", "barrier"):
                n = sum(1 for r in p[kind + "s"] if r["chain_role"] == role)
                if n:
                    seen = True
                    counts.append(f"{n} {label(RISK_KINDS, kind, lang)}" if n == 1 else
                                  f"{n} {_PLURAL[kind][lang]}")
            cells.append(", ".join(counts) or "–")
        if seen:
            chain.append({"label": (label(CHAIN_ROLES, role, lang) if role else
                                    ("ikke angivet" if lang == "da" else "not given")),
                          "cells": cells})
    return {"projects": per, "chain": chain, "any": any(p["any"] for p in per)}


_PLURAL = {"driver": {"da": "drivkræfter", "en": "drivers"},
           "barrier": {"da": "barrierer", "en": "barriers"}}


def network_data(tx, slug: str, lang: str) -> DocumentData:
    r = network_status(tx, slug, lang)
    # the verdicts the network's definitions allow (keep, establish only where one does), and
    # any a project holds votes for
    allowed: set[str] = set()
    for p in r["projects"]:
        spec = tx.workflow_spec(get_project(tx, p["project"]).workflow_definition_id)
        allowed |= set(verdicts_for(spec.options))
    shown = [v for v in VERDICTS if v in allowed
             or any(p["items_by_verdict"].get(v) for p in r["projects"])]
    rows = []
    for p in r["projects"]:
        rows.append({
            "project": p["project"], "name": p["name"], "municipality": p["municipality"],
            "phase": f"{min(p['phase_number'], p['phase_count'])}/{p['phase_count']} "
                     f"{p['phase_title']}",
            "items": p["items"],
            "meetings": "  ".join(f"{n}: {p['network_meetings'].get(n, 0)}/{p['agents']}"
                                  for n in (1, 2, 3, 4)),
            "verdicts": [p["items_by_verdict"].get(v, 0) for v in shown],
            "focus_areas": p["focus_areas"],
            "prototypes": ", ".join(f"{label(PROTOTYPE_STATUSES, s, lang)} {n}"
                                    for s, n in p["prototypes_by_status"].items() if n) or "–",
            "evaluation": [{"label": label(BOTTOM_LINES, b, lang).capitalize(),
                            "before": survey_cell(p["evaluation"][b]["before"], lang),
                            "after": survey_cell(p["evaluation"][b]["after"], lang),
                            "change": mean_number(p["evaluation"][b]["change"], lang, signed=True)}
                           for b in BOTTOM_LINES],
        })
    forces = drivers_and_barriers(tx, [x["project"] for x in rows], lang)
    return {
        "project": None,
        "network": r["network"],
        "forces": forces,
        "verdicts": [label(VERDICTS, v, lang) for v in shown],
        "bottom_lines": [label(BOTTOM_LINES, b, lang).capitalize() for b in BOTTOM_LINES],
        "rows": rows, "min_group": MIN_GROUP,
        "sources": [source("project", x["project"], x["municipality"])
                    for x in rows]
        + [source("risk", rid, Msg("drivers and barriers of {municipality}",
                                   municipality=p["municipality"]).render(lang))
           for p in forces["projects"] for rid in p["ids"]],
        "subject": slug,
    }


def network_document(tx, slug: str, lang: str) -> DocumentData:
    """The comparative report as a complete document's data (for `network status --out`)."""
    data = network_data(tx, slug, lang)
    data["doc"] = lookup("network-report").info(lang)
    data.setdefault("public", False)
    return data
