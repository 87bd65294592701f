"""The prioritisation workshop's plan as the workshop guide shows it (see
:mod:`nybureau.services.substance.workshop_plan`)."""

from __future__ import annotations

from typing import Any

from nybureau.domain.records import Project
from nybureau.domain.substance import CHAIN_ROLES
from nybureau.domain.vocabulary import join_words, label
from nybureau.i18n import Msg

# How many of each part of the governance chain a group has: (Danish one, many; English one,
# many).
_COUNTED = {
    "frontline": ("frontlinjemedarbejder", "frontlinjemedarbejdere", "frontline worker",
                  "frontline workers"),
    "leader": ("leder", "ledere", "leader", "leaders"),
    "administration": ("fra forvaltningen", "fra forvaltningen", "from the administration",
                       "from the administration"),
    "med": ("fra MED", "fra MED", "from MED", "from MED"),
    "union_rep": ("tillidsrepræsentant", "tillidsrepræsentanter", "union representative",
                  "union representatives"),
}


def _counted(n: int, role: str, lang: str) -> str:
    da1, da2, en1, en2 = _COUNTED[role]
    return f"{n} {(da1 if n == 1 else da2) if lang == 'da' else (en1 if n == 1 else en2)}"


def workshop_plan(tx, project: Project, lang: str) -> dict[str, Any] | None:
    """The workshop's plan as the guide shows it: when and where, the invitation list (names
    and roles in the project) and the groups with their spread across the governance chain."""
    from nybureau.services.substance import show_workshop_plan

    plan = show_workshop_plan(tx, project.slug)
    if plan is None:
        return None

    def numbered(n):
        return Msg("Group {n}", n=n).render(lang)

    def role(i):
        return label(CHAIN_ROLES, i["chain_role"], lang)

    invitees = [{"name": i["name"], "role": i["role"], "chain_role": role(i),
                 "group": i["group_name"] or (numbered(i["group_no"]) if i["group_no"]
                                              else None)} for i in plan["invitees"]]
    groups = []
    for g in plan["groups"]:
        spread: dict[str, int] = {}
        for i in g["members"]:
            spread[i["chain_role"]] = spread.get(i["chain_role"], 0) + 1
        groups.append({"name": g["name"] or numbered(g["number"]),
                       "members": [{"name": i["name"], "chain_role": role(i)}
                                   for i in sorted(g["members"], key=lambda i: list(
                                       CHAIN_ROLES).index(i["chain_role"]))],
                       "spread": join_words([_counted(n, r, lang) for r, n in sorted(
                           spread.items(), key=lambda kv: list(CHAIN_ROLES).index(kv[0]))],
                           lang)})
    starts = plan["starts_at"]
    return {"id": plan["id"], "starts_at": starts, "minutes": starts.hour * 60 + starts.minute,
            "place": plan["place"], "invitees": invitees, "groups": groups,
            "ungrouped": [i for i in invitees if i["group"] is None] if groups else []}
