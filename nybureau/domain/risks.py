"""The words of the risk and barrier log and the communication plan (issue 16 §6): what an
entry is (a risk, a barrier, a driver), the three levels likelihood, effect, interest and
influence are given in, and an entry's status. Where in the governance chain an entry sits uses
the chain's own words (:data:`nybureau.domain.substance.CHAIN_ROLES`). Ids in English, labels in
Danish and English; plain data and pure functions."""

from __future__ import annotations

Label = dict[str, str]

# A risk may happen; a barrier is already in the way; a driver (drivkraft) carries the project.
RISK_KINDS: dict[str, Label] = {
    "risk": {"da": "risiko", "en": "risk"},
    "barrier": {"da": "barriere", "en": "barrier"},
    "driver": {"da": "drivkraft", "en": "driver"},
}

# Likelihood and effect of a risk; a stakeholder's interest and influence.
LEVELS: dict[str, Label] = {
    "low": {"da": "lav", "en": "low"},
    "medium": {"da": "middel", "en": "medium"},
    "high": {"da": "høj", "en": "high"},
}

RISK_STATUSES: dict[str, Label] = {
    "open": {"da": "åben", "en": "open"},
    "closed": {"da": "lukket", "en": "closed"},
}

# Extra spellings accepted on the command line and in a scenario.
ALIASES: dict[int, dict[str, str]] = {
    id(RISK_KINDS): {"drivkræfter": "driver", "drivkraefter": "driver", "drivkraft": "driver",
                     "barrierer": "barrier", "risici": "risk", "risk": "risk"},
    id(LEVELS): {"hoej": "high", "hoj": "high", "mellem": "medium", "middel": "medium",
                 "lille": "low", "stor": "high"},
}

_RANK = {"low": 1, "medium": 2, "high": 3}


def severity(likelihood: str | None, effect: str | None) -> int:
    """A risk's weight for ordering the log: likelihood times effect (1–9; 0 when either is
    not given)."""
    return _RANK.get(likelihood or "", 0) * _RANK.get(effect or "", 0)
