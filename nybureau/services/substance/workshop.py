"""The prioritisation workshop (phase 4): votes on the mapped governance items — remove, change,
anchor (and keep, where the definition allows it) — their tally across the governance chain, and
and the documents' data of the voting sheet and the agents' proposal. The steering group's
focus areas are in :mod:`nybureau.services.substance.focus_areas`."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nybureau.domain.substance import (
    CHAIN_ROLES,
    CHANGE_VERDICTS,
    HOLD_VERDICTS,
    VERDICT_OPTIONS,
    VERDICTS,
    chain_warnings,
    leading_verdict,
    max_points,
    parse_word,
    point_rule,
    workshop_warnings,
    words,
)
from nybureau.domain.substance import verdicts_for as _verdicts_for
from nybureau.errors import AlreadyExists, InvalidInput
from nybureau.i18n import Msg
from nybureau.services.common import (
    copenhagen_today,
    get_project,
    past_date,
)
from nybureau.services.substance.csvfile import cell_date, cell_word, read_sheet
from nybureau.services.substance.focus_areas import list_focus_areas, max_focus_areas
from nybureau.services.substance.governance import resolve_item, view

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx

COLUMNS: dict[str, tuple[str, ...]] = {
    "participant": ("deltager", "navn"),
    "chain_role": ("chain role", "rolle", "rolle i styringskæden", "styringskæde"),
    "item": ("styringselement", "element", "id"),
    "verdict": ("dom", "prioritering", "vurdering"),
    "points": ("point",),
    "date": ("dato",),
}

_VOTE_FUTURE = Msg("a vote is recorded when it has been cast; give the date of the workshop "
                    "with --date.")


def verdicts_for(spec) -> dict[str, dict[str, str]]:
    """The verdicts the project's workflow allows (see :func:`domain.substance.verdicts_for`)."""
    return _verdicts_for(spec.options)


def _check_vote(tx: Tx, project, spec, *, participant, chain_role, item, verdict, points):
    allowed = verdicts_for(spec)
    from nybureau.services.people import normalise

    participant = normalise(participant, "participant")
    role = parse_word(CHAIN_ROLES, chain_role or "")
    if role is None:
        raise InvalidInput(Msg("'{chain_role}' is not a role in the governance chain; use one of: "
                               "{words}.", chain_role=chain_role, words=words(CHAIN_ROLES)))
    key = parse_word(VERDICTS, verdict or "")
    if key is None or key not in allowed:
        if key in VERDICT_OPTIONS:  # a verdict, but one this definition has not enabled
            raise InvalidInput(Msg("The verdict '{verdict}' is not enabled by this project's "
                                   "workflow (option {option}); use one of: {words}.",
                                   verdict=verdict, option=VERDICT_OPTIONS[key],
                                   words=words(allowed)))
        raise InvalidInput(Msg("'{verdict}' is not a verdict; use one of: {words}.",
                               verdict=verdict, words=words(allowed)))
    if isinstance(points, bool) or not isinstance(points, int) or points < 0:
        raise InvalidInput(Msg("Points must be a whole number of 0 or more, not {points!r}.",
                               points=points))
    if points > max_points(spec.options):
        rule = point_rule(spec.options)
        raise InvalidInput(Msg("{points} points is more than the point rule allows. {rule}",
                               points=points, rule=rule["en"], rule_da=rule["da"]))
    row = resolve_item(tx, project, item)
    return participant, role, row, key


def record_vote(tx: Tx, slug: str, *, participant: str, chain_role: str, item: Any, verdict: str,
                points: int = 1, on: date | str | None = None, new_person: bool = False
                ) -> dict[str, Any]:
    """Record one participant's verdict on one item (a second vote on the same item by the same
    participant is refused)."""
    project = get_project(tx, slug)
    spec = tx.workflow_spec(project["workflow_definition_id"])
    participant, role, row, key = _check_vote(tx, project, spec, participant=participant,
                                              chain_role=chain_role, item=item,
                                              verdict=verdict, points=points)
    cast = tx.vote_get(row["id"], participant, include_voided=True)
    if cast is not None and cast["voided_at"] is not None:
        raise AlreadyExists(
            Msg("{participant}'s vote on item #{id} “{title}” was voided (vote "
                "{id_2}); it stays in the history, so a new vote on that item cannot be "
                "recorded under the same name.", participant=participant, id=row['id'],
                title=row['title'], id_2=cast['id']))
    if cast is not None:
        raise AlreadyExists(
            Msg("{participant} has already voted on item #{id} “{title}”.",
                participant=participant, id=row['id'], title=row['title']))
    voted = past_date(tx, on, _VOTE_FUTURE)
    _register_people(tx, project, [participant], new_person)
    before = tx.vote_roles(project["id"])
    tx.project_touch(project)
    (vid,) = tx.votes_insert([{"project_id": project["id"], "item_id": row["id"],
                               "participant": participant, "chain_role": role,
                               "verdict": key, "points": points, "voted_on": voted}])
    tx.audit("workshop.vote", "vote", vid, project_id=project["id"],
             after={"item": row["id"], "participant": participant, "chain_role": role,
                    "verdict": key, "points": points, "voted_on": voted})
    after = dict(before)
    after[role] = after.get(role, 0) + 1
    warnings = _record_warnings(tx, project, before, after)
    return {"id": vid, "item": row["id"], "verdict": key, "warnings": warnings}


def import_votes(tx: Tx, slug: str, path: str | Path, *, on: date | str | None = None,
                 new_person: bool = False) -> dict[str, Any]:
    """Import the workshop's votes from CSV; a bad row is reported with its row number and
    column, and nothing of the file is written."""
    project = get_project(tx, slug)
    spec = tx.workflow_spec(project["workflow_definition_id"])
    allowed = verdicts_for(spec)
    default_on = past_date(tx, on, _VOTE_FUTURE)
    today = copenhagen_today(tx)
    sheet = read_sheet(path, COLUMNS, ("participant", "chain_role", "item", "verdict"))
    items = tx.gov_items(project["id"])
    by_id = {str(r["id"]): r for r in items}
    by_title = {r["title"]: r for r in items}
    # (voided votes too: a voided vote keeps its participant's place on the item)
    existing = {(v["item_id"], v["participant"])
                for v in tx.votes(project["id"], include_voided=True)}
    seen: dict[tuple[int, str], int] = {}
    rows = []
    for number, row in sheet.rows:
        from nybureau.services.people import collapse

        participant = collapse(row.get("participant", ""))
        if not participant:
            sheet.bad(number, "participant", "required; who cast the vote",
                      "skal udfyldes; hvem der har stemt")
        role = (cell_word(sheet, number, "chain_role", row["chain_role"], CHAIN_ROLES,
                          parse_word, words(CHAIN_ROLES))
                if row.get("chain_role") else sheet.bad(number, "chain_role",
                                                        "required; " + words(CHAIN_ROLES),
                                                        "skal udfyldes; " + words(CHAIN_ROLES)))
        verdict = (cell_word(sheet, number, "verdict", row["verdict"], VERDICTS, parse_word,
                             words(allowed), set(allowed))
                   if row.get("verdict") else sheet.bad(number, "verdict",
                                                        "required; " + words(allowed),
                                                        "skal udfyldes; " + words(allowed)))
        ref = row.get("item", "")
        item = by_id.get(ref.lstrip("#")) or by_title.get(ref)
        if not ref:
            sheet.bad(number, "item", "required; the item's id or exact title",
                      "skal udfyldes; elementets nummer eller præcise titel")
        elif item is None:
            sheet.bad(number, "item", f"no governance item '{ref}' in '{slug}' (see "
                      f"`nybureau item list {slug}`)",
                      f"intet styringselement '{ref}' i '{slug}' (se "
                      f"`nybureau item list {slug}`)")
        raw_points = row.get("points", "")
        points = 1
        if raw_points:
            try:
                points = int(raw_points)
                if not 0 <= points < 2**63:
                    raise ValueError
            except ValueError:
                sheet.bad(number, "points", f"'{raw_points}' is not a whole number of 0 or more",
                          f"'{raw_points}' er ikke et helt tal på 0 eller mere")
            else:
                if points > max_points(spec.options):
                    rule = point_rule(spec.options)
                    sheet.bad(number, "points", f"{points} points is more than the point rule "
                              f"allows. {rule['en']}",
                              f"{points} point er mere, end pointreglen tillader. {rule['da']}")
        voted = (cell_date(sheet, number, "date", row["date"], today=today,
                           future_en="a vote is recorded when it has been cast",
                           future_da="en stemme registreres, når den er afgivet")
                 if row.get("date") else default_on)
        if item is not None and participant:
            key = (item["id"], participant)
            if key in existing:
                sheet.bad(number, "participant", f"{participant} has already voted on item "
                          f"#{item['id']}",
                          f"{participant} har allerede stemt om element #{item['id']}")
            elif key in seen:
                sheet.bad(number, "participant", f"{participant} votes twice on item "
                          f"#{item['id']} (also row {seen[key]})",
                          f"{participant} stemmer to gange om element #{item['id']} (også række "
                          f"{seen[key]})")
            else:
                seen[key] = number
        if item is not None:
            rows.append({"project_id": project["id"], "item_id": item["id"],
                         "participant": participant, "chain_role": role, "verdict": verdict,
                         "points": points, "voted_on": voted})
    sheet.raise_if_bad()
    _register_people(tx, project, [r["participant"] for r in rows], new_person)
    before = tx.vote_roles(project["id"])
    tx.project_touch(project)
    ids = tx.votes_insert(rows)
    tx.audit("workshop.import", "vote", None, project_id=project["id"],
             after={"file": sheet.name, "votes": len(ids),
                    "participants": len({r["participant"] for r in rows})})
    warnings = _record_warnings(tx, project, before, tx.vote_roles(project["id"]))
    return {"file": sheet.name, "imported": len(ids), "warnings": warnings}


#: The starter file ``workshop template`` writes: (column, Danish header, English header,
#: example). The example votes on item 1, the first item of the register.
TEMPLATE = (
    ("participant", "Deltager", "Participant", {"da": "Anne Jensen", "en": "Anne Jensen"}),
    ("chain_role", "Rolle i styringskæden", "Chain role",
     {"da": "frontlinjemedarbejder", "en": "frontline"}),
    ("item", "Styringselement", "Item", {"da": "1", "en": "1"}),
    ("verdict", "Prioritering", "Verdict", {"da": "forandre", "en": "change"}),
    ("points", "Point", "Points", {"da": "2", "en": "2"}),
    ("date", "Dato", "Date", {"da": "today", "en": "today"}),
)


def _register_people(tx: Tx, project, names, new_person: bool = False) -> None:
    """Participants are people: registered once, so `nybureau person export|forget` (GDPR)
    finds their votes too. A name near an existing person's is refused (did you mean …)
    unless ``new_person``."""
    from nybureau.services.people import resolve_people

    resolve_people(tx, list(dict.fromkeys(names)), new_person=new_person,
                   what="participant", project_id=project["id"])


def _warnings(votes: list[dict[str, Any]]) -> list[dict[str, str]]:
    return workshop_warnings(v["chain_role"] for v in votes)


def _record_warnings(tx: Tx, project, before: dict[str, int], after: dict[str, int]
                     ) -> list[dict[str, str]]:
    """The warnings that hold after a vote or an import (``before``/``after``: the votes per
    chain role); those that did not hold before it are recorded in the history (a warning is
    recorded when it appears, not again with every vote while it holds)."""
    held = {w["code"] for w in chain_warnings(before)}
    warnings = chain_warnings(after)
    for w in warnings:
        if w["code"] in held:
            continue
        tx.audit("workshop.warning", "vote", None, project_id=project["id"],
                 after={"code": w["code"], "warning": w["en"]})
    return warnings


def tally(tx: Tx, slug: str, *, participants: Collection[str] | None = None
          ) -> dict[str, Any]:
    """Per item: votes and points per verdict, the leading verdict, and the spread of votes
    across the governance chain; plus the warnings. ``participants``: count only their votes
    (a web voting round's tally: the votes of its anonymous participants)."""
    project = get_project(tx, slug)
    spec = tx.workflow_spec(project["workflow_definition_id"])
    allowed = verdicts_for(spec)
    votes = tx.votes(project["id"])
    if participants is not None:
        chosen = set(participants)
        votes = [v for v in votes if v["participant"] in chosen]
    items = {r["id"]: r for r in tx.gov_items(project["id"])}
    out = {}
    for v in votes:
        entry = out.setdefault(v["item_id"], {
            "id": v["item_id"], "title": v["item_title"], "kind": items[v["item_id"]]["kind"],
            "votes": 0, "points": 0, "counts": {}, "verdict_points": {}, "chain": {},
        })
        entry["votes"] += 1
        entry["points"] += v["points"]
        entry["counts"][v["verdict"]] = entry["counts"].get(v["verdict"], 0) + 1
        entry["verdict_points"][v["verdict"]] = (entry["verdict_points"].get(v["verdict"], 0)
                                                 + v["points"])
        entry["chain"][v["chain_role"]] = entry["chain"].get(v["chain_role"], 0) + 1
    for entry in out.values():
        entry["leading"] = leading_verdict(entry["verdict_points"], entry["counts"])
    ranked = sorted(out.values(), key=lambda e: (-e["points"], -e["votes"], e["id"]))
    unvoted = [{"id": i["id"], "title": i["title"], "kind": i["kind"]}
               for i in items.values() if i["id"] not in out]
    by_role: dict[str, int] = {}
    for v in votes:
        by_role[v["chain_role"]] = by_role.get(v["chain_role"], 0) + 1
    return {
        "project": slug,
        "verdicts": list(allowed),
        "items": ranked,
        "unvoted": unvoted,
        "votes": len(votes),
        "participants": len({v["participant"] for v in votes}),
        "by_role": {r: by_role.get(r, 0) for r in CHAIN_ROLES},
        "warnings": _warnings(votes),
    }


# -- documents' data ----------------------------------------------------------------------------

def voting_sheet(tx: Tx, slug: str) -> dict[str, Any]:
    """Data for the voting sheet handed out at the workshop: every mapped item and the verdicts
    a participant can give."""
    project = get_project(tx, slug)
    spec = tx.workflow_spec(project["workflow_definition_id"])
    return {"project": {"slug": slug, "name": project["name"],
                        "municipality": project["municipality"]},
            "verdicts": verdicts_for(spec), "chain_roles": CHAIN_ROLES,
            "point_rule": point_rule(spec.options), "max_points": max_points(spec.options),
            "items": [view(r) for r in tx.gov_items(project["id"])]}


def prioritisation_proposal(tx: Tx, slug: str) -> dict[str, Any]:
    """Data for the agents' proposal to the steering group: the tally, the items proposed as
    focus areas (most points, verdict remove, change or establish), the small-steps limit, and
    any focus areas already decided."""
    project = get_project(tx, slug)
    spec = tx.workflow_spec(project["workflow_definition_id"])
    t = tally(tx, slug)
    limit = max_focus_areas(spec)
    candidates = [e for e in t["items"] if e["leading"] in CHANGE_VERDICTS]
    return {"project": {"slug": slug, "name": project["name"],
                        "municipality": project["municipality"]},
            "tally": t, "limit": limit, "proposed": candidates[:limit],
            "further": candidates[limit:],
            "anchor": [e for e in t["items"] if e["leading"] in HOLD_VERDICTS],
            "focus_areas": list_focus_areas(tx, slug)}
