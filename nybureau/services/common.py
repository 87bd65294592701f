"""Checks shared by the use cases: each bad value becomes an :class:`InvalidInput` that names
what is wrong and what to do."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from nybureau.domain.vocabulary import ACTIVITY_KINDS, BODIES, NUMBERED_ACTIVITIES, OUTCOMES
from nybureau.errors import InvalidInput, NotFound

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")
MAX_NAME = 300
MAX_TEXT = 10_000


def check_slug(value: str, what: str = "project") -> str:
    if not isinstance(value, str) or not SLUG_RE.match(value):
        raise InvalidInput(
            f"'{value}' is not a usable {what} id: use lowercase letters a–z, digits and hyphens "
            "(at most 100), e.g. odder-bostoette.",
            f"'{value}' kan ikke bruges som id: brug små bogstaver a–z, tal og bindestreg "
            "(højst 100), fx odder-bostoette.",
        )
    return value


def check_name(value: Any, what: str = "name", max_len: int = MAX_NAME) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        raise InvalidInput(f"The {what} is empty; give it as text.",
                           f"Feltet '{what}' er tomt; angiv det som tekst.")
    if len(text) > max_len:
        raise InvalidInput(f"The {what} is {len(text)} characters long; at most {max_len} fit.",
                           f"Feltet '{what}' er {len(text)} tegn langt; højst {max_len} er tilladt.")
    if any(ord(c) < 32 and c not in "\t\n" for c in text):
        raise InvalidInput(f"The {what} contains control characters; remove them.",
                           f"Feltet '{what}' indeholder kontroltegn; fjern dem.")
    return text


def check_text(value: Any, what: str, max_len: int = MAX_TEXT) -> str | None:
    """Optional text: ``None`` when empty; refused when longer than the field holds."""
    if value is None:
        return None
    if not isinstance(value, str):
        value = str(value)
    value = value.strip()
    if not value:
        return None
    return check_name(value, what, max_len)


def parse_date(value: Any, what: str = "date") -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise InvalidInput(
        f"'{value}' is not a valid {what}: write it as YYYY-MM-DD, e.g. 2017-06-14.",
        f"'{value}' er ikke en gyldig dato: skriv den som ÅÅÅÅ-MM-DD, fx 2017-06-14.",
    )


def check_body(body: str) -> str:
    if body not in BODIES:
        raise InvalidInput(
            f"Unknown body '{body}'. Use one of: {', '.join(BODIES)}.",
            f"Ukendt organ '{body}'. Brug et af: {', '.join(BODIES)}.",
        )
    return body


def check_outcome(outcome: str) -> str:
    if outcome not in OUTCOMES:
        raise InvalidInput(
            f"Unknown outcome '{outcome}'. Use one of: {', '.join(OUTCOMES)}.",
            f"Ukendt udfald '{outcome}'. Brug et af: {', '.join(OUTCOMES)} "
            f"({', '.join(v['da'] for v in OUTCOMES.values())}).",
        )
    return outcome


def check_activity(kind: str, number: int | None) -> tuple[str, int | None]:
    if kind not in ACTIVITY_KINDS:
        raise InvalidInput(
            f"Unknown activity kind '{kind}'. Use one of: {', '.join(ACTIVITY_KINDS)}.",
            f"Ukendt aktivitetstype '{kind}'. Brug en af: {', '.join(ACTIVITY_KINDS)}.",
        )
    if kind in NUMBERED_ACTIVITIES:
        lo, hi = NUMBERED_ACTIVITIES[kind]
        if isinstance(number, bool) or not isinstance(number, int) or not lo <= number <= hi:
            raise InvalidInput(
                f"A {kind} needs --number between {lo} and {hi}.",
                f"En aktivitet af typen {kind} kræver --number mellem {lo} og {hi}.",
            )
        return kind, number
    if number is not None:
        raise InvalidInput(f"--number is only used with {' and '.join(NUMBERED_ACTIVITIES)}.",
                           f"--number bruges kun ved {' og '.join(NUMBERED_ACTIVITIES)}.")
    return kind, None


def get_project(tx, slug: str) -> dict[str, Any]:
    project = tx.project_get(slug)
    if project is None:
        raise NotFound(
            f"There is no project '{slug}'. See the projects with `nybureau project list`.",
            f"Projektet '{slug}' findes ikke. Se projekterne med `nybureau project list`.",
        )
    return project


def get_network(tx, slug: str) -> dict[str, Any]:
    network = tx.network_get(slug)
    if network is None:
        raise NotFound(
            f"There is no network '{slug}'. Create it with `nybureau network create {slug} "
            "--name …` or see `nybureau network list`.",
            f"Netværket '{slug}' findes ikke. Opret det med `nybureau network create {slug} "
            "--name …` eller se `nybureau network list`.",
        )
    return network
