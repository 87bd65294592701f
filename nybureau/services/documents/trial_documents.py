"""The documents of a free-municipality trial: the register of exemptions (*Oversigt over
fritagelser*) a project has sought from the ministry, with the ministry's answers."""

from __future__ import annotations

from nybureau.domain.records import Project
from nybureau.domain.vocabulary import EXEMPTION_STATUSES, label
from nybureau.services.documents.parts import project_facts, source
from nybureau.services.documents.registry import (
    DocumentData,
    Needs,
    Scope,
    Section,
    Words,
    document,
)


def _exemptions(scope: Scope) -> list:
    return scope.memo("exemptions", lambda: scope.tx.exemptions(scope.project["id"]))


@document("exemption-register", title=Words("Oversigt over fritagelser", "Register of exemptions"),
          stem=Words("fritagelser", "exemption-register"), needs=Needs.PROJECT,
          section=Section.SUBSTANCE, available=lambda scope, _: bool(_exemptions(scope)))
def exemption_register(tx, project: Project, lang: str) -> DocumentData:
    """Every exemption the project has sought — law, section, what is sought —, its status and
    the dates of the application and of the ministry's answer, grouped by law."""
    rows = tx.exemptions(project.id)
    items = [{"id": e.id, "law": e.law, "section": e.section, "sought": e.sought,
              "status": e.status, "status_label": label(EXEMPTION_STATUSES, e.status, lang),
              "applied_on": e.applied_on, "answered_on": e.answered_on, "note": e.note}
             for e in rows]
    laws = []
    for e in items:
        if not laws or laws[-1]["law"] != e["law"]:
            laws.append({"law": e["law"], "items": []})
        laws[-1]["items"].append(e)
    laws.sort(key=lambda g: g["law"].casefold())
    counts = {k: sum(1 for e in items if e["status"] == k) for k in EXEMPTION_STATUSES}
    network = tx.network_by_id(project.network_id) if project.network_id else None
    return {
        "project": project_facts(tx, project, lang),
        "network": ({"name": network.name,
                     "responsible_municipality": network.responsible_municipality}
                    if network is not None else None),
        "laws": laws, "total": len(items), "counts": counts,
        "status_labels": {k: label(EXEMPTION_STATUSES, k, lang) for k in EXEMPTION_STATUSES},
        "sources": [source("exemption", e["id"], f"{e['law']} {e['section']}") for e in items],
        "subject": project.slug,
    }
