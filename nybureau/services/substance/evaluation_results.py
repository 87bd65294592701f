"""The results of the evaluation beyond the before/after means: the response rate of each
round, the respondents paired across the baseline and follow-up rounds (by their pseudonymous
key — never a name), the open answers, and the citizens' own rounds. The anonymity rule is the
domain's: no figure for fewer than five."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nybureau.domain.substance import BOTTOM_LINES, MIN_GROUP, survey_results

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx

__all__ = ["response_rates", "paired", "open_answers", "citizens"]


def response_rates(summary: dict[str, Any]) -> list[dict[str, Any]]:
    """Each round: respondents, invited and the rate (a percentage, one decimal; None when the
    number invited is not recorded)."""
    out = []
    for r in summary["rounds"]:
        invited = r.get("invited")
        rate = round(100 * r["respondents"] / invited, 1) if invited else None
        out.append({**r, "rate": rate})
    return out


def _is_key(respondent: str) -> bool:
    """A key the file gave (a row number stands in when it gave none: not pairable)."""
    return not respondent.startswith("row-")


def paired(answers: list[Any], group: str = "staff") -> dict[str, Any]:
    """The respondents who answered both a baseline and a follow-up round (same key, same
    group), and per bottom line the mean of their own changes — suppressed under five pairs."""
    per: dict[tuple[str, str, str], list[int]] = {}
    for a in answers:
        if (a.respondent_group or "staff") != group or not _is_key(a.respondent):
            continue
        if a.kind in ("baseline", "follow_up"):
            per.setdefault((a.respondent, a.kind, a.bottom_line), []).append(a.value)
    keys = {k[0] for k in per}
    both = sorted(k for k in keys
                  if any((k, "baseline", b) in per for b in BOTTOM_LINES)
                  and any((k, "follow_up", b) in per for b in BOTTOM_LINES))
    lines = []
    for line in BOTTOM_LINES:
        changes = []
        for k in both:
            before, after = per.get((k, "baseline", line)), per.get((k, "follow_up", line))
            if before and after:
                changes.append(sum(after) / len(after) - sum(before) / len(before))
        n = len(changes)
        shown = n >= MIN_GROUP
        lines.append({"bottom_line": line, "pairs": n if shown else None,
                      "suppressed": 0 < n < MIN_GROUP,
                      "change": round(sum(changes) / n, 2) if shown else None,
                      "better": sum(1 for c in changes if c > 0) if shown else None,
                      "worse": sum(1 for c in changes if c < 0) if shown else None})
    return {"pairs": len(both), "shown": len(both) >= MIN_GROUP, "bottom_lines": lines,
            "min_group": MIN_GROUP}


def open_answers(tx: Tx, project: Any) -> list[dict[str, Any]]:
    """The open answers per round and question, without who gave them (no role, no key)."""
    rows = tx.open_answers(project["id"])
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for a in rows:
        entry = out.setdefault((a.round, a.question), {
            "round": a.round, "kind": a.kind, "date": a.held_on,
            "group": a.respondent_group or "staff", "question": a.question, "answers": []})
        entry["answers"].append(a.text)
    return list(out.values())


def citizens(answers: list[Any]) -> dict[str, Any]:
    """The citizens' own rounds: before and after per bottom line, as for the staff."""
    mine = [a for a in answers if a.respondent_group == "citizen"]
    roles, lines = survey_results((a.kind, a.bottom_line, a.role, a.value, a.response_id)
                                  for a in mine)
    return {"answered": bool(mine), "bottom_lines": lines, "min_group": MIN_GROUP,
            "paired": paired(answers, "citizen")}
