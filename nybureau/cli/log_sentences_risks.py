"""``nybureau log`` sentences for the risk and barrier log and the communication plan (issue 16
§6). Merged into :data:`nybureau.cli.log_sentences.SENTENCES`."""

from __future__ import annotations

from typing import Any

from nybureau.cli.log_sentences import Sentence
from nybureau.domain.risks import LEVELS, RISK_KINDS
from nybureau.domain.substance import CHAIN_ROLES
from nybureau.domain.vocabulary import label

_RISK_FIELDS = {"what": ("beskrivelsen", "the description"),
                "kind": ("typen", "the kind"),
                "chain_role": ("stedet i styringskæden", "the place in the governance chain"),
                "likelihood": ("sandsynligheden", "the likelihood"),
                "effect": ("konsekvensen", "the effect"),
                "action": ("handlingen", "the action"), "owner": ("ansvaret", "the owner")}
_PLAN_FIELDS = {"name": ("navnet", "the name"), "interest": ("interessen", "the interest"),
                "influence": ("indflydelsen", "the influence"),
                "needs": ("behovet", "what they need"), "channel": ("kanalen", "the channel"),
                "timing": ("tidspunktet", "when"), "responsible": ("ansvaret", "who is responsible")}


def _kind(a: Any, lang: str) -> str:
    word = label(RISK_KINDS, a.get("kind") or "risk", lang)
    return word[0].upper() + word[1:]


def _where(a: Any) -> tuple[str, str]:
    role = a.get("chain_role")
    if not role:
        return "", ""
    return (f" ({label(CHAIN_ROLES, role, 'da')})", f" ({label(CHAIN_ROLES, role, 'en')})")


def _levels(a: Any) -> tuple[str, str]:
    lik, eff = a.get("likelihood"), a.get("effect")
    if not lik and not eff:
        return "", ""
    da = ", ".join(x for x in (
        f"sandsynlighed {label(LEVELS, lik, 'da')}" if lik else "",
        f"konsekvens {label(LEVELS, eff, 'da')}" if eff else "") if x)
    en = ", ".join(x for x in (
        f"likelihood {label(LEVELS, lik, 'en')}" if lik else "",
        f"effect {label(LEVELS, eff, 'en')}" if eff else "") if x)
    return f"; {da}", f"; {en}"


def _changed(a: Any, fields: dict[str, tuple[str, str]], lang: int) -> str:
    return ", ".join(fields.get(k, (k, k))[lang] for k in a)


RISKS: dict[str, Sentence] = {
    "risk.add": lambda a, b, w: (
        f"{_kind(a, 'da')} noteret i risikologgen{w.on(a.get('noted_on'))[0]}: "
        f"»{a.get('what')}«{_where(a)[0]}{_levels(a)[0]}.",
        f"{_kind(a, 'en')} noted in the risk log{w.on(a.get('noted_on'))[1]}: "
        f"“{a.get('what')}”{_where(a)[1]}{_levels(a)[1]}."),
    "risk.update": lambda a, b, w: (
        f"Risikologgens punkt er ændret: {_changed(a, _RISK_FIELDS, 0)}.",
        f"The risk log's entry was changed: {_changed(a, _RISK_FIELDS, 1)}."),
    "risk.close": lambda a, b, w: (
        f"Risikologgens punkt »{a.get('what')}« er lukket{w.on(a.get('closed_on'))[0]}."
        + (f" {a['note']}" if a.get("note") else ""),
        f"The risk log's entry “{a.get('what')}” was closed{w.on(a.get('closed_on'))[1]}."
        + (f" {a['note']}" if a.get("note") else "")),
    "risk.void": lambda a, b, w: (
        f"Risikologgens punkt »{a.get('what')}« er annulleret. Begrundelse: {a.get('reason')}",
        f"The risk log's entry “{a.get('what')}” was voided. Reason: {a.get('reason')}"),
    "stakeholder.add": lambda a, b, w: (
        f"{a.get('name')} er føjet til kommunikationsplanen{w.on(a.get('noted_on'))[0]}.",
        f"{a.get('name')} was added to the communication plan{w.on(a.get('noted_on'))[1]}."),
    "stakeholder.update": lambda a, b, w: (
        f"Kommunikationsplanen er ændret: {_changed(a, _PLAN_FIELDS, 0)}.",
        f"The communication plan was changed: {_changed(a, _PLAN_FIELDS, 1)}."),
    "stakeholder.void": lambda a, b, w: (
        f"{a.get('name')} er taget ud af kommunikationsplanen (annulleret). "
        f"Begrundelse: {a.get('reason')}",
        f"{a.get('name')} was taken out of the communication plan (voided). "
        f"Reason: {a.get('reason')}"),
}
