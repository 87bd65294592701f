"""The checks a workflow definition's values go through, shared by the parts of the loader
(:mod:`nybureau.workflow.loader`): every problem is collected in a :class:`_Ctx` as
``file:line: message``. Also the options a definition may set (:data:`KNOWN_OPTIONS`) and their
parsing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from nybureau.domain.vocabulary import ACTIVITY_KINDS, BODIES
from nybureau.errors import Problem
from nybureau.workflow import requirements as reqs
from nybureau.workflow.located import LMap, line_of, type_name

ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")

# Options a definition may set, with their type and default. Features add theirs here.
KNOWN_OPTIONS: dict[str, tuple[str, Any]] = {
    # Gate decisions count only when they come from approved minutes of a meeting.
    "gate_decisions_from_approved_minutes": ("bool", False),
    # The small-steps principle: how many focus areas a project takes on at a time; more need a
    # recorded reason.
    "max_focus_areas": ("int", 1),
    # Whether the workshop may give the verdict keep (fastholde) besides remove/change/anchor.
    "allow_keep_verdict": ("bool", False),
    # Whether the workshop may give the verdict establish (etablere): governance that is missing
    # and must be created, which the model says is sometimes needed.
    "allow_establish_verdict": ("bool", False),
    # The workshop's point rule: the most points one participant gives one governance item (the
    # voting sheet, the workshop guide and `workshop import` state and check the same rule).
    "max_points": ("int", 3),
}


@dataclass
class _Ctx:
    file: str
    problems: list[Problem]

    def add(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.file, line, message))


def _label(ctx: _Ctx, container: Any, key: str, required: bool, what: str) -> dict[str, str]:
    value = container.get(key) if isinstance(container, dict) else None
    line = line_of(container, key)
    if value is None:
        if required:
            ctx.add(line_of(container, key) if key in (container or {}) else
                    getattr(container, "line", 1), f"{what} is missing '{key}'")
        return {}
    if isinstance(value, str):
        if not value.strip():
            ctx.add(line, f"{what}: '{key}' is empty")
            return {}
        return {"da": value, "en": value}
    if isinstance(value, dict):
        out: dict[str, str] = {}
        for lang, txt in value.items():
            if lang not in ("da", "en"):
                ctx.add(line_of(value, lang), f"{what}: '{key}' has unknown language '{lang}' "
                        "(use da and en)")
            elif not isinstance(txt, str) or not txt.strip():
                ctx.add(line_of(value, lang), f"{what}: '{key}.{lang}' must be non-empty text")
            else:
                out[lang] = txt.strip()
        if required and not out:
            ctx.add(line, f"{what}: '{key}' needs a Danish (da) or English (en) text")
        if out and "da" not in out:
            out["da"] = out["en"]
        if out and "en" not in out:
            out["en"] = out["da"]
        return out
    ctx.add(line, f"{what}: '{key}' must be text or a mapping of da/en texts, not "
            f"{type_name(value)}")
    return {}


def _unknown_keys(ctx: _Ctx, mapping: LMap, allowed: set[str], what: str) -> None:
    for key in mapping:
        if key not in allowed:
            ctx.add(mapping.line_of(key), f"{what}: unknown key '{key}' (allowed: "
                    f"{', '.join(sorted(allowed))})")


def _ident(ctx: _Ctx, container: Any, key: str, what: str) -> str | None:
    value = container.get(key) if isinstance(container, dict) else None
    if value is None:
        ctx.add(getattr(container, "line", 1), f"{what} is missing '{key}'")
        return None
    if not isinstance(value, str) or not ID_RE.match(value):
        ctx.add(line_of(container, key), f"{what}: '{key}' must be a lowercase id of letters, "
                f"digits and _ (got {value!r})")
        return None
    return value


def _param(ctx: _Ctx, line: int, name: str, p: reqs.Param, value: Any, what: str) -> Any:
    bad = f"{what}: parameter '{name}'"
    if p.type == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            ctx.add(line, f"{bad} must be a whole number, not {type_name(value)}")
            return None
        if p.minimum is not None and value < p.minimum:
            ctx.add(line, f"{bad} must be at least {p.minimum}")
            return None
        return value
    if p.type == "bool":
        if not isinstance(value, bool):
            ctx.add(line, f"{bad} must be true or false, not {type_name(value)}")
            return None
        return value
    if p.type in ("str", "decision"):
        if not isinstance(value, str) or not value:
            ctx.add(line, f"{bad} must be text, not {type_name(value)}")
            return None
        return value
    table, single = {"body": (BODIES, True), "bodies": (BODIES, False),
                     "activity": (ACTIVITY_KINDS, True),
                     "activities": (ACTIVITY_KINDS, False)}[p.type]
    items = [value] if single else value
    if single and not isinstance(value, str) or not single and (
        not isinstance(value, list) or not value
    ):
        ctx.add(line, f"{bad} must be {'one id' if single else 'a non-empty list of ids'}, not "
                f"{type_name(value)}")
        return None
    ok = True
    for item in items:
        if item not in table:
            ctx.add(line, f"{bad}: unknown {'body' if table is BODIES else 'activity kind'} "
                    f"'{item}' (known: {', '.join(table)})")
            ok = False
    if not ok:
        return None
    return value if single else list(value)


def _options(ctx: _Ctx, data: LMap) -> dict[str, Any]:
    """The definition's ``options``: every known option, with its default unless given."""
    options: dict[str, Any] = {name: default for name, (_, default) in KNOWN_OPTIONS.items()}
    raw_options = data.get("options")
    if raw_options is None:
        return options
    if not isinstance(raw_options, LMap):
        ctx.add(data.line_of("options"), "workflow: 'options' must be a mapping")
        return options
    for name, value in raw_options.items():
        if name not in KNOWN_OPTIONS:
            ctx.add(raw_options.line_of(name), f"options: unknown option '{name}' "
                    f"(known: {', '.join(KNOWN_OPTIONS)})")
            continue
        typ = KNOWN_OPTIONS[name][0]
        checked = _param(ctx, raw_options.line_of(name), name, reqs.Param(typ), value,
                         "options")
        if checked is not None:
            options[name] = checked
    return options
