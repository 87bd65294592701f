"""The governance register (phase 3): governance items (*styringselementer*) found by the
documentation agents — added one by one, edited, or imported from the agents' spreadsheet."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nybureau.domain.substance import (
    CHARACTERS,
    EXPERIENCES,
    HEARD_ROLES,
    ITEM_KINDS,
    SOURCES,
    label_conflict,
    parse_word,
    words,
)
from nybureau.errors import AlreadyExists, InvalidInput, NotFound
from nybureau.i18n import Msg
from nybureau.services.common import (
    check_name,
    check_text,
    copenhagen_today,
    get_project,
    past_date,
)
from nybureau.services.substance.csvfile import cell_date, cell_word, near_match, read_sheet

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx

FIELDS = ("kind", "title", "description", "applies_to", "source", "experience", "character",
          "evidence", "agent", "date", "experienced_by", "note")

# Accepted header spellings of the import columns (besides the English ids).
COLUMNS: dict[str, tuple[str, ...]] = {
    "kind": ("type", "art", "styringstype"),
    "title": ("titel", "styringselement", "overskrift"),
    "description": ("beskrivelse",),
    "applies_to": ("applies to", "gælder", "gælder for", "hvor", "enhed", "niveau"),
    "source": ("kilde",),
    "experience": ("oplevelse", "opleves"),
    "character": ("karakter",),
    "evidence": ("evidens", "belæg", "dokumentation for fund", "noter"),
    "agent": ("dokumentationsagent", "registreret af"),
    "date": ("dato",),
    "experienced_by": ("experienced by", "oplevet af", "opleves af", "rolle"),
    "note": ("label_note", "note", "forklaring"),
}

_ITEM_FUTURE = Msg("an item is recorded when it has been found; give the date it was found "
                    "with --date.")

_VOCAB = {"kind": ITEM_KINDS, "source": SOURCES, "experience": EXPERIENCES,
          "character": CHARACTERS, "experienced_by": HEARD_ROLES}


def view(row: dict[str, Any]) -> dict[str, Any]:
    """An item as the CLI, JSON and documents show it."""
    return {"id": row["id"], "kind": row["kind"], "title": row["title"],
            "description": row["description"], "applies_to": row["applies_to"],
            "source": row["source"], "experience": row["experience"],
            "character": row["character"], "evidence": row["evidence"],
            "agent": row.get("agent"), "date": row["recorded_on"],
            "experienced_by": row["experienced_by"], "label_note": row["label_note"]}


def check_labels(tx: Tx, project: dict[str, Any], values: dict[str, Any],
                 item_id: int | None = None) -> None:
    """The consistency rule of the labels (:func:`nybureau.domain.substance.label_conflict`):
    an experience and a character that contradict each other are refused unless the item has a
    note on its labels or a field note linked to it explains them."""
    explained = bool(values.get("label_note")) or (item_id is not None and any(
        item_id in n.item_ids for n in tx.field_notes(project["id"])))
    why = label_conflict(values.get("experience"), values.get("character"), explained)
    if why is not None:
        raise InvalidInput(
            Msg("The item is labelled both “{experience}” and “{character}”: {why}. Check the "
                "labels, or keep them and say why with --note \"…\" (or link a field note "
                "that explains it: `nybureau note add {slug} --item …`).",
                experience=EXPERIENCES[values["experience"]]["en"],
                experience_da=EXPERIENCES[values["experience"]]["da"],
                character=CHARACTERS[values["character"]]["en"],
                character_da=CHARACTERS[values["character"]]["da"],
                why=why["en"], why_da=why["da"], slug=project["slug"]))


def _word(field: str, value: Any, required: bool = False) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InvalidInput(Msg("The {field} is missing; use one of: {words}.", field=field,
                                   words=words(_VOCAB[field])))
        return None
    key = parse_word(_VOCAB[field], str(value))
    if key is None:
        raise InvalidInput(Msg("'{value}' is not a {field}; use one of: {words}.", value=value,
                               field=field, words=words(_VOCAB[field])))
    return key


def _agent(tx: Tx, project: dict[str, Any], name: str | None) -> int | None:
    if not name:
        return None
    from nybureau.services.people import collapse, near_names

    name = collapse(name)
    agents = {a["full_name"]: a["person_id"] for a in tx.agents(project["id"])}
    near = near_names(name, agents) if name not in agents else []
    if near:
        listed = ", ".join(f'"{n}"' for n in near)
        listed_da = ", ".join(f"»{n}«" for n in near)
        raise InvalidInput(
            Msg("'{name}' is not a documentation agent of '{slug}'. Did you mean: "
                "{listed}?", name=name, slug=project['slug'], listed=listed, listed_da=listed_da))
    if name not in agents:
        listing = ", ".join(agents) or "none yet"
        raise InvalidInput(
            Msg("'{name}' is not a documentation agent of '{slug}' (agents: {listing}); "
                "add them with `nybureau agent add {slug} \"{name}\"`.", name=name,
                slug=project['slug'], listing=listing,
                replace=listing.replace('none yet', 'ingen endnu')),
        )
    return agents[name]


def resolve_item(tx: Tx, project: dict[str, Any], ref: Any) -> dict[str, Any]:
    """An item of the project by its id (``12`` or ``#12``) or its exact title."""
    text = str(ref).strip()
    row = None
    number = text.lstrip("#")
    if number.isascii() and number.isdigit() and len(number) <= 18:  # an id the database holds
        row = tx.gov_item_get(project["id"], int(number))
    if row is None and text:
        row = tx.gov_item_by_title(project["id"], text)
    if row is None:
        from nybureau.services.people import did_you_mean

        en, da = did_you_mean(text, [r["title"] for r in tx.gov_items(project["id"])])
        raise NotFound(
            Msg("'{slug}' has no governance item '{ref}'.{en_} (Give its id or exact "
                "title; see `nybureau item list {slug}`.)", slug=project['slug'], ref=ref, en_=en,
                da_=da),
        )
    return row


def add_item(tx: Tx, slug: str, *, kind: str, title: str, description: str | None = None,
             applies_to: str | None = None, source: str | None = None,
             experience: str | None = None, character: str | None = None,
             evidence: str | None = None, agent: str | None = None,
             on: date | str | None = None, experienced_by: str | None = None,
             note: str | None = None) -> dict[str, Any]:
    """Add a governance item to the register (``on``: the day it was found, default today;
    ``experienced_by``: the role that experiences it as too tight or too loose; ``note``: why
    labels that seem to contradict each other hold); a title the register already has, and
    contradictory labels without a note, are refused."""
    project = get_project(tx, slug)
    values = {
        "kind": _word("kind", kind, required=True),
        "title": check_name(title, "title"),
        "description": check_text(description, "description"),
        "applies_to": check_text(applies_to, "applies_to"),
        "source": _word("source", source),
        "experience": _word("experience", experience),
        "character": _word("character", character),
        "evidence": check_text(evidence, "evidence"),
        "agent_person_id": _agent(tx, project, check_text(agent, "agent")),
        "recorded_on": past_date(tx, on, _ITEM_FUTURE),
        "experienced_by": _word("experienced_by", experienced_by),
        "label_note": check_text(note, "note"),
    }
    check_labels(tx, project, values)
    if tx.gov_item_by_title(project["id"], values["title"]):
        raise AlreadyExists(
            Msg("'{slug}' already has a governance item titled '{title}'; edit it with "
                "`nybureau item edit` or choose another title.", slug=slug, title=values['title']),
        )
    tx.project_touch(project)
    iid = tx.gov_item_insert(project_id=project["id"], **values)
    row = tx.gov_item_get(project["id"], iid)
    tx.audit("item.add", "governance_item", iid, project_id=project["id"], after=view(row))
    return view(row)


def list_items(tx: Tx, slug: str) -> list[dict[str, Any]]:
    """The register, in the order items were added."""
    project = get_project(tx, slug)
    return [view(r) for r in tx.gov_items(project["id"])]


def show_item(tx: Tx, slug: str, ref: Any) -> dict[str, Any]:
    """One item, by its id (``12`` or ``#12``) or its exact title."""
    project = get_project(tx, slug)
    return view(resolve_item(tx, project, ref))


def edit_item(tx: Tx, slug: str, ref: Any, **changes: Any) -> dict[str, Any]:
    """Change the given fields (None leaves a field as it is; "" clears an optional one)."""
    project = get_project(tx, slug)
    row = resolve_item(tx, project, ref)
    before = view(row)
    values: dict[str, Any] = {}
    for field, value in changes.items():
        if value is None:
            continue
        if field not in FIELDS:
            raise InvalidInput(Msg("Unknown field '{field}'.", field=field))
        if field == "title":
            values["title"] = check_name(value, "title")
            other = tx.gov_item_by_title(project["id"], values["title"])
            if other and other["id"] != row["id"]:
                raise AlreadyExists(
                    Msg("Another item (#{id}) is titled '{title}'.", id=other['id'],
                        title=values['title']))
        elif field in _VOCAB:
            values[field] = _word(field, value, required=field == "kind")
        elif field == "agent":
            values["agent_person_id"] = _agent(tx, project, check_text(value, "agent"))
        elif field == "date":
            values["recorded_on"] = past_date(tx, value, _ITEM_FUTURE)
        elif field == "note":
            values["label_note"] = check_text(value, "note")
        else:
            values[field] = check_text(value, field)
    if not values:
        raise InvalidInput(Msg("Nothing to change: give at least one option such as --title."))
    check_labels(tx, project, {**dict(row), **values}, row["id"])
    tx.project_touch(project)
    tx.gov_item_update(row["id"], **values)
    after = view(tx.gov_item_get(project["id"], row["id"]))
    tx.audit("item.edit", "governance_item", row["id"], project_id=project["id"],
             before={k: before[k] for k in after if before[k] != after[k]},
             after={k: after[k] for k in after if before[k] != after[k]})
    return after


def import_items(tx: Tx, slug: str, path: str | Path) -> dict[str, Any]:
    """Import items from a spreadsheet (CSV or .xlsx); every bad row is reported with its row
    number and the file's own column header, and nothing of the file is written unless every
    row is good."""
    project = get_project(tx, slug)
    sheet = read_sheet(path, COLUMNS, ("kind", "title"))
    agents = {a["full_name"]: a["person_id"] for a in tx.agents(project["id"])}
    existing = {r["title"] for r in tx.gov_items(project["id"])}
    today = copenhagen_today(tx)
    seen: dict[str, int] = {}
    good: list[dict[str, Any]] = []
    for number, row in sheet.rows:
        values: dict[str, Any] = {}
        for field, table in _VOCAB.items():
            raw = row.get(field, "")
            if not raw:
                if field == "kind":
                    sheet.bad(number, field, "required; use one of: " + words(table),
                              "skal udfyldes; brug en af: " + words(table))
                values[field] = None
                continue
            values[field] = cell_word(sheet, number, field, raw, table, parse_word, words(table))
        title = row.get("title", "")
        if not title:
            sheet.bad(number, "title", "required; every item needs a title",
                      "skal udfyldes; hvert styringselement skal have en titel")
        elif len(title) > 300:
            sheet.bad(number, "title", f"{len(title)} characters; at most 300 fit",
                      f"{len(title)} tegn; højst 300 er tilladt")
        elif title in existing:
            sheet.bad(number, "title", f"'{title}' is already in the register",
                      f"'{title}' står allerede i registret")
        elif title in seen:
            sheet.bad(number, "title", f"'{title}' appears twice (also row {seen[title]})",
                      f"'{title}' står der to gange (også række {seen[title]})")
        else:
            seen[title] = number
        values["title"] = title
        values["label_note"] = row.get("note") or None
        why = label_conflict(values["experience"], values["character"],
                             bool(values["label_note"]))
        if why is not None:
            sheet.bad(number, "character", why["en"] + "; say why in the column note, or check "
                      "the labels", why["da"] + "; forklar hvorfor i kolonnen note, eller ret "
                      "betegnelserne")
        for field in ("description", "applies_to", "evidence"):
            values[field] = row.get(field) or None
            if field == "applies_to" and values[field] and len(values[field]) > 300:
                sheet.bad(number, field, "at most 300 characters fit", "højst 300 tegn er tilladt")
        agent = row.get("agent", "")
        values["agent_person_id"] = None
        if agent:
            if agent not in agents:
                near = near_match(agent, agents)
                if near:
                    sheet.bad(number, "agent", f"'{agent}' is not a documentation agent of "
                              f"'{slug}'. Did you mean \"{near[0]}\"?",
                              f"'{agent}' er ikke dokumentationsagent i '{slug}'. Mente du "
                              f"»{near[0]}«?")
                else:
                    sheet.bad(number, "agent", f"'{agent}' is not a documentation agent of "
                              f"'{slug}' (add with `nybureau agent add {slug} \"{agent}\"`)",
                              f"'{agent}' er ikke dokumentationsagent i '{slug}' (tilføj med "
                              f"`nybureau agent add {slug} \"{agent}\"`)")
            else:
                values["agent_person_id"] = agents[agent]
        raw_date = row.get("date", "")
        values["recorded_on"] = (cell_date(
            sheet, number, "date", raw_date, today=today,
            future_en="an item is recorded when it has been found",
            future_da="et styringselement registreres, når det er fundet")
            if raw_date else today)
        good.append(values)
    sheet.raise_if_bad()
    tx.project_touch(project)
    ids = [tx.gov_item_insert(project_id=project["id"], **v) for v in good]
    tx.audit("item.import", "governance_item", None, project_id=project["id"],
             after={"file": sheet.name, "items": len(ids), "ids": ids})
    return {"file": sheet.name, "imported": len(ids), "ids": ids}


#: The starter file ``item template`` writes: (column, Danish header, English header, example).
TEMPLATE = (
    ("kind", "Type", "Kind", {"da": "regel/proceskrav", "en": "rule"}),
    ("title", "Titel", "Title", {"da": "Visitation skal godkendes af teamleder",
                                 "en": "Referrals must be approved by the team leader"}),
    ("description", "Beskrivelse", "Description",
     {"da": "Alle bevillinger over 10 timer godkendes på teammødet",
      "en": "Every grant over 10 hours is approved at the team meeting"}),
    ("applies_to", "Gælder for", "Applies to", {"da": "Bostøtten", "en": "Housing support"}),
    ("source", "Kilde", "Source", {"da": "interview", "en": "interview"}),
    ("experience", "Oplevelse", "Experience", {"da": "for stram", "en": "too tight"}),
    ("character", "Karakter", "Character", {"da": "kontrollerende", "en": "controlling"}),
    ("evidence", "Evidens", "Evidence", {"da": "Nævnt af tre medarbejdere",
                                         "en": "Mentioned by three staff"}),
    ("agent", "Dokumentationsagent", "Agent", {"da": "", "en": ""}),
    ("date", "Dato", "Date", {"da": "today", "en": "today"}),
)


def mapping_report(tx: Tx, slug: str) -> dict[str, Any]:
    """Data for the mapping report (*kortlægning*): the items grouped by kind, with counts by
    experience and character, who experiences them as too tight or too loose, each item's
    field notes (its evidence), the items whose labels contradict each other unexplained, and
    the agents and sources behind them."""
    project = get_project(tx, slug)
    items = [view(r) for r in tx.gov_items(project["id"])]
    by_kind = {k: [i for i in items if i["kind"] == k] for k in ITEM_KINDS}

    def count(field: str, table) -> dict[str, int]:
        return {k: sum(1 for i in items if i[field] == k) for k in table}

    dates = [i["date"] for i in items]
    from nybureau.services.substance.fieldnotes import notes_by_item

    notes = notes_by_item(tx, project["id"])
    conflicts = {}
    for i in items:
        why = label_conflict(i["experience"], i["character"],
                             bool(i["label_note"]) or bool(notes.get(i["id"])))
        if why is not None:
            conflicts[i["id"]] = why
    felt = {r: {e: sum(1 for i in items if i["experienced_by"] == r and i["experience"] == e)
                for e in ("too_tight", "too_loose")} for r in HEARD_ROLES}
    return {
        "notes": notes, "conflicts": conflicts,
        "experienced_by": {r: n for r, n in felt.items() if any(n.values())},
        "project": {"slug": project["slug"], "name": project["name"],
                    "municipality": project["municipality"], "area": project["area"]},
        "items": items,
        "by_kind": {k: v for k, v in by_kind.items() if v},
        "experience": count("experience", EXPERIENCES),
        "character": count("character", CHARACTERS),
        "sources": count("source", SOURCES),
        "agents": sorted({i["agent"] for i in items if i["agent"]}),
        "period": (min(dates), max(dates)) if dates else None,
    }
