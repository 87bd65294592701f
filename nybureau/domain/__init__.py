"""Plain-Python domain: vocabulary and the facts snapshot. Imports nothing else of nybureau."""

from nybureau.domain.facts import ProjectFacts
from nybureau.domain.vocabulary import (
    ACTIVITY_KINDS,
    BODIES,
    NUMBERED_ACTIVITIES,
    OUTCOMES,
    SATISFYING_OUTCOMES,
    label,
)

__all__ = [
    "ProjectFacts",
    "ACTIVITY_KINDS",
    "BODIES",
    "NUMBERED_ACTIVITIES",
    "OUTCOMES",
    "SATISFYING_OUTCOMES",
    "label",
]
