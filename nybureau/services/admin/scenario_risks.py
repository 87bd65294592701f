"""Scenario steps of the risk and barrier log and the communication plan (issue 16 §6):

    - {date: …, risk: {kind: barrier, what: …, chain_role: administration, likelihood: high,
                       effect: high, action: …, owner: …}}
    - {date: …, risk_close: {what: TEXT OF AN OPEN ENTRY, note: …}}
    - {date: …, stakeholder: {name: …, interest: high, influence: medium, needs: …,
                              channel: …, when: …, responsible: …}}

Registered by :mod:`nybureau.services.admin.scenario_steps` on import."""

from __future__ import annotations

from typing import Any

from nybureau.errors import InvalidInput
from nybureau.i18n import Msg
from nybureau.services.admin.scenario import _needs, register_step


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _risk(tx, slug: str, step) -> Any:
    from nybureau.services.substance import risks

    v = step["risk"]
    return risks.add_risk(tx, slug, kind=v.get("kind") or "risk", what=_text(v["what"]),
                          chain_role=v.get("chain_role"), likelihood=v.get("likelihood"),
                          effect=v.get("effect"), action=_text(v.get("action")),
                          owner=_text(v.get("owner")), on=step["date"])


def _risk_close(tx, slug: str, step) -> Any:
    from nybureau.services.common import get_project
    from nybureau.services.substance import risks

    v = step["risk_close"]
    project = get_project(tx, slug)
    what = str(v["what"]).strip()
    found = [e for e in tx.risks(project["id"]) if e.what == what and e.status == "open"]
    if not found:
        raise InvalidInput(Msg("'{slug}' has no open entry »{what}« in its risk log.",
                               slug=slug, what=what))
    return risks.close_risk(tx, slug, found[0].id, note=_text(v.get("note")),
                            on=step["date"])


def _stakeholder(tx, slug: str, step) -> Any:
    from nybureau.services.substance import communication

    v = step["stakeholder"]
    return communication.add_stakeholder(
        tx, slug, _text(v["name"]), interest=v.get("interest"), influence=v.get("influence"),
        needs=_text(v.get("needs")), channel=_text(v.get("channel")),
        timing=_text(v.get("when")), responsible=_text(v.get("responsible")), on=step["date"])


def register() -> None:
    register_step("risk", set(), check=_needs("risk", "what"), run=_risk)
    register_step("risk_close", set(), check=_needs("risk_close", "what"), run=_risk_close)
    register_step("stakeholder", set(), check=_needs("stakeholder", "name"), run=_stakeholder)
