"""The effective outcome of a decision: the one rule, in one place.

A decision (a decision id taken by one body) may be recorded more than once: postponed first,
approved later, amended by a later meeting. What counts is its *effective* outcome:

* the latest final outcome, by the date it was taken and then by the order it was recorded in
  (its id) — a later decision replaces an earlier one;
* a non-final outcome ("postponed") never replaces an earlier final one; it is the effective
  outcome only while there is no final one at all (then the latest of them).

The phase gate (both readers), the dates a gate relied on and the repository use this rule.
Plain Python: no I/O.
"""

from __future__ import annotations

from typing import Any, Callable, Hashable, Iterable, TypeVar

from nybureau.domain.vocabulary import NON_FINAL_OUTCOMES

__all__ = ["is_final", "effective_decision", "effective_outcomes"]

T = TypeVar("T")


def is_final(outcome: str) -> bool:
    """Whether ``outcome`` settles a decision (everything but a postponement)."""
    return outcome not in NON_FINAL_OUTCOMES


def _better(order: Any, outcome: str, seen: tuple[Any, str] | None) -> bool:
    """Whether a record (order, outcome) replaces the one seen so far for the same decision."""
    if seen is None:
        return True
    seen_order, seen_outcome = seen
    final, seen_final = outcome not in NON_FINAL_OUTCOMES, seen_outcome not in NON_FINAL_OUTCOMES
    if final != seen_final:
        return final  # a final outcome beats a non-final one whatever their dates
    return order > seen_order


def effective_decision(records: Iterable[T], *, outcome: Callable[[T], str],
                       order: Callable[[T], Any]) -> T | None:
    """The record whose outcome is the effective one among ``records`` (all of the same
    decision and body), or None when there are none. ``order`` gives (date, id)."""
    best: T | None = None
    seen: tuple[Any, str] | None = None
    for record in records:
        o, k = outcome(record), order(record)
        if _better(k, o, seen):
            best, seen = record, (k, o)
    return best


def effective_outcomes(rows: Iterable[tuple[Hashable, Any, str]]) -> dict[Hashable, str]:
    """key → effective outcome, from (key, order, outcome) rows in any order; ``key`` names one
    decision of one body (e.g. (decision id, body)), ``order`` is (date, id)."""
    seen: dict[Hashable, tuple[Any, str]] = {}
    get = seen.get
    non_final = NON_FINAL_OUTCOMES
    for key, order, outcome in rows:  # _better, inlined: this runs once per decision row
        prev = get(key)
        if prev is not None:
            prev_order, prev_outcome = prev
            if outcome in non_final:
                if prev_outcome not in non_final or order <= prev_order:
                    continue
            elif prev_outcome not in non_final and order <= prev_order:
                continue
        seen[key] = (order, outcome)
    return {key: outcome for key, (_order, outcome) in seen.items()}
