"""A day's programme as a guide shows it: each block's clock time (``9.00–9.45``), title,
who is responsible, its aim, exercise and dialogue questions — from the workflow's programme
file (``nybureau.workflow.programmes``), which a municipality can replace with its own."""

from __future__ import annotations

from typing import Any

from nybureau.i18n import Msg
from nybureau.services.documents.parts import source
from nybureau.workflow import programmes
from nybureau.workflow.terms import fill, terms_of
from nybureau.workflow.spec import text


def _hours(minutes: int, lang: str) -> str:
    h, m = divmod(minutes, 60)
    if lang == "da":
        whole = {1: "én time", 2: "to timer", 3: "tre timer", 4: "fire timer", 5: "fem timer",
                 6: "seks timer", 7: "syv timer", 8: "otte timer"}
        if m == 0 and h in whole:
            return whole[h]
        if m == 30 and h in whole:
            return f"{h},5 timer" if h > 1 else "halvanden time"
        return f"{programmes.clock(minutes)} timer"
    whole_en = {1: "one hour", 2: "two hours", 3: "three hours", 4: "four hours",
                5: "five hours", 6: "six hours", 7: "seven hours", 8: "eight hours"}
    if m == 0 and h in whole_en:
        return whole_en[h]
    return f"{programmes.clock(minutes)} hours"


def programme_rows(spec, name: str, lang: str, start: int | None = None
                   ) -> dict[str, Any] | None:
    """The programme ``name`` for the project's workflow, with clock times from ``start``
    (minutes after midnight; default the programme's own start, else counted from 0.00).
    None when neither the municipality's file nor the built-in one has it."""
    prog = programmes.programme(spec.id, name)
    if prog is None:
        return None
    words = terms_of(spec.terms, lang)

    def said(label) -> str:  # the text in ``lang`` in the definition's own words
        return fill(text(label, lang), words) if label else ""

    at = start if start is not None else prog.start
    clocked = at is not None
    t = at or 0
    blocks = []
    for b in prog.blocks:
        blocks.append({
            "time": f"{programmes.clock(t)}–{programmes.clock(t + b.minutes)}",
            "minutes": b.minutes,
            "title": said(b.title),
            "responsible": said(b.responsible),
            "aim": said(b.aim),
            "exercise": said(b.exercise),
            "questions": [said(q) for q in b.questions],
            "is_break": b.is_break,
        })
        t += b.minutes
    return {
        "blocks": blocks,
        "clocked": clocked,
        "span": (f"{programmes.clock(at)}–{programmes.clock(t)}" if clocked else ""),
        "length": _hours(prog.minutes, lang),
        "detailed": any(b["aim"] or b["exercise"] or b["questions"] for b in blocks),
        "source": source("programme", None, Msg("the programme: times, exercises and dialogue "
                                                "questions").render(lang)),
    }
