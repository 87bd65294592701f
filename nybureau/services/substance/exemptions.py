"""The register of exemptions (*fritagelser*) of a free-municipality trial: each exemption a
municipality's project seeks from the ministry — the law, its section, what is sought —, the
ministry's answer (granted or refused) and its date, or the municipality withdrawing it.

The register belongs to the project, not the network: each municipality of a trial seeks and is
granted its own exemptions (seed 003: Guldborgsund within the Social Services Act, the Folkeskole
Act and the employment legislation, Gladsaxe within the Social Services Act), even where the
network-responsible municipality keeps the contact with the ministry for all of them. The
network's documents list every project's register."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from nybureau.domain.substance import parse_word, words
from nybureau.domain.vocabulary import EXEMPTION_ANSWERS, EXEMPTION_STATUSES
from nybureau.errors import InvalidInput, NotFound
from nybureau.i18n import Msg
from nybureau.services.common import check_name, check_text, get_project, past_date

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx

__all__ = ["add_exemption", "decide_exemption", "list_exemptions", "resolve_exemption"]


def _row(e: Any, include_voided: bool = False) -> dict[str, Any]:
    return {"id": e["id"], "law": e["law"], "section": e["section"], "sought": e["sought"],
            "status": e["status"], "applied_on": e["applied_on"],
            "answered_on": e["answered_on"], "note": e["note"],
            **({"voided_at": e["voided_at"], "void_reason": e["void_reason"]}
               if include_voided else {})}


def add_exemption(tx: Tx, slug: str, law: str, section: str, sought: str, *,
                  on: date | str | None = None, note: str | None = None) -> dict[str, Any]:
    """Record an exemption applied for: ``law`` (e.g. »Serviceloven«), ``section`` (»§ 50«),
    what is ``sought``, and the date of the application (``on``, default today)."""
    project = get_project(tx, slug)
    law = check_name(law, "law")
    section = check_name(section, "section", 100)
    sought = check_name(sought, "what is sought", 2000)
    note = check_text(note, "note")
    applied = past_date(tx, on, Msg("an exemption is recorded when it has been applied for; "
                                    "give the date of the application with --date."))
    tx.project_touch(project)
    eid = tx.exemption_insert(project_id=project["id"], law=law, section=section,
                              sought=sought, status="sought", applied_on=applied, note=note)
    tx.audit("exemption.add", "exemption", eid, project_id=project["id"],
             after={"law": law, "section": section, "sought": sought, "status": "sought",
                    "applied_on": applied, "note": note})
    return {"id": eid, "law": law, "section": section, "sought": sought, "status": "sought",
            "applied_on": applied}


def resolve_exemption(tx: Tx, project: Any, ref: Any) -> Any:
    """An exemption of ``project`` (not voided) by its id (``3`` or ``#3``)."""
    text = str(ref).strip().lstrip("#")
    if text.isdigit():
        found = tx.exemption_get(int(text))
        if found is not None and found["project_id"] == project["id"] \
                and found["voided_at"] is None:
            return found
    raise NotFound(Msg("'{slug}' has no exemption {ref}. See the exemptions and their ids "
                       "with `nybureau exemption list {slug}`.", slug=project["slug"], ref=ref))


def decide_exemption(tx: Tx, slug: str, ref: Any, status: str, *,
                     on: date | str | None = None, note: str | None = None) -> dict[str, Any]:
    """Record the ministry's answer to an exemption sought (``granted`` or ``refused``, dated
    ``on``), or that the municipality withdrew it (``withdrawn``). An answer is recorded once;
    one entered by mistake is voided and the exemption recorded again."""
    project = get_project(tx, slug)
    key = parse_word(EXEMPTION_STATUSES, status or "")
    if key is None or key == "sought":
        raise InvalidInput(Msg("'{value}' is not an answer to an exemption; use one of: "
                               "{words}.", value=status, words=words(
                                   {k: v for k, v in EXEMPTION_STATUSES.items()
                                    if k != "sought"})))
    row = resolve_exemption(tx, project, ref)
    if row["status"] != "sought":
        raise InvalidInput(Msg(
            "Exemption {id} is already {status_en} (on {day}). If that was a mistake, void it with "
            "`nybureau exemption void {slug} {id} --reason …` and record it again.",
            id=row["id"], status_en=EXEMPTION_STATUSES[row["status"]]["en"],
            status_da=EXEMPTION_STATUSES[row["status"]]["da"],
            day=(row["answered_on"] or row["applied_on"]).isoformat(), slug=slug))
    day = past_date(tx, on, Msg("the ministry's answer is recorded when it has come; give its "
                                "date with --date."))
    if day < row["applied_on"]:
        raise InvalidInput(Msg("The answer's date {day} is before the application of "
                               "{applied} (exemption {id}); give the date of the answer.",
                               day=day.isoformat(), applied=row["applied_on"].isoformat(),
                               id=row["id"]))
    note = check_text(note, "note")
    values = {"status": key, "answered_on": day}
    if note is not None:
        values["note"] = note
    tx.project_touch(project)
    tx.exemption_update(row["id"], **values)
    tx.audit("exemption.decide", "exemption", row["id"], project_id=project["id"],
             before={"status": row["status"], "answered_on": None, "note": row["note"]},
             after={"status": key, "answered_on": day, "note": values.get("note", row["note"])})
    return {"id": row["id"], "law": row["law"], "section": row["section"], "status": key,
            "answered_on": day, "answered": key in EXEMPTION_ANSWERS}


def list_exemptions(tx: Tx, slug: str, include_voided: bool = False) -> list[dict[str, Any]]:
    """The project's exemptions in the order they were applied for; with ``include_voided``
    also the voided ones."""
    project = get_project(tx, slug)
    return [_row(e, include_voided)
            for e in tx.exemptions(project["id"], include_voided=include_voided)]
