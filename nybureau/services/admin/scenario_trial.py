"""Scenario steps of a free-municipality trial (registered with
:func:`nybureau.services.admin.scenario.register_step`): the exemptions a project seeks and the
ministry's answers, and the network-responsible municipality.

    - {date: …, exemption: {law: Serviceloven, section: "§ 50", sought: …, note: …}}
    - {date: …, exemption_answer: {law: Serviceloven, section: "§ 50", status: granted,
                                   note: …}}             # or refused, withdrawn
    - {date: …, responsible: "Guldborgsund Kommune"}   # the network's responsible municipality

An answer names its exemption by law and section (the first one still sought).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nybureau.errors import InvalidInput
from nybureau.i18n import Msg
from nybureau.services.admin.scenario import _needs, register_step
from nybureau.services.substance import exemptions

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx


def _answer(tx: Tx, slug: str, step):  # noqa: ANN001
    v = step["exemption_answer"]
    for e in exemptions.list_exemptions(tx, slug):
        if (e["law"], e["section"]) == (v["law"], str(v["section"])) and e["status"] == "sought":
            return exemptions.decide_exemption(tx, slug, e["id"], v["status"], on=step["date"],
                                               note=v.get("note"))
    raise InvalidInput(Msg("'{slug}' has no exemption sought under {law} {section}.",
                           slug=slug, law=v["law"], section=v["section"]))


def _responsible(tx: Tx, slug: str, step):  # noqa: ANN001
    from nybureau.services.common import get_project
    from nybureau.services.process import set_responsible

    project = get_project(tx, slug)
    if project["network_slug"] is None:
        raise InvalidInput(Msg("'{slug}' belongs to no network; a network-responsible "
                               "municipality is the network's.", slug=slug))
    return set_responsible(tx, project["network_slug"], str(step["responsible"]))


register_step("exemption", set(), check=_needs("exemption", "law", "section", "sought"),
              run=lambda tx, slug, step: exemptions.add_exemption(
                  tx, slug, step["exemption"]["law"], str(step["exemption"]["section"]),
                  step["exemption"]["sought"], on=step["date"],
                  note=step["exemption"].get("note")))
register_step("exemption_answer", set(),
              check=_needs("exemption_answer", "law", "section", "status"), run=_answer)
register_step("responsible", set(), run=_responsible)
