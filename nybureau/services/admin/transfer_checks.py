"""The checks an import makes on a file's rows before anything is written: the schema's keys and
rules, every value through the checks the CLI makes, a project file held to its one project, and
the history of a complete export (see :mod:`nybureau.services.admin.transfer`)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from nybureau.errors import InvalidInput, NybureauError
from nybureau.i18n import Msg
from nybureau.services.admin import transfer as T
from nybureau.services.admin.transfer import (
    AUDIT,
    BATCH,
    IMPORTED,
    MACHINE_MAX,
    MACHINE_TEXT,
    MULTI_LINE_COLUMNS,
    REFERENCE_TABLES,
    _columns,
    _history_refused,
    _row_refused,
    _shown,
    _refuse,
)
from nybureau.services.common import (
    FREE_TEXT_FIELDS,
    MAX_TEXT,
    check_activity,
    check_body,
    check_outcome,
    check_slug,
    free_text,
    one_line,
)

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx


def _enumerations() -> dict[tuple[str, str], Any]:
    from nybureau.domain import risks as R
    from nybureau.domain import substance as S
    from nybureau.domain.vocabulary import BODIES, TRANSITION_KINDS
    from nybureau.services import meetings as M

    return {
        ("phase_transition", "kind"): TRANSITION_KINDS,
        ("meeting", "body"): set(BODIES) | {"network"},
        ("meeting", "status"): M.STATUSES,
        ("meeting_person", "attendance"): {"participant", "apology"},
        ("agenda_item", "kind"): M.ITEM_KINDS,
        ("governance_item", "kind"): S.ITEM_KINDS,
        ("governance_item", "source"): S.SOURCES,
        ("governance_item", "experience"): S.EXPERIENCES,
        ("governance_item", "character"): S.CHARACTERS,
        ("vote", "verdict"): S.VERDICTS,
        ("vote", "chain_role"): S.CHAIN_ROLES,
        ("prototype", "status"): S.PROTOTYPE_STATUSES,
        ("prototype_criterion", "bottom_line"): S.BOTTOM_LINES,
        ("survey_question", "bottom_line"): S.BOTTOM_LINES,
        ("survey_round", "kind"): S.ROUND_KINDS,
        ("evaluation_note", "kind"): S.NOTE_KINDS,
        ("spreading_activity", "kind"): S.SPREADING_KINDS,
        ("risk_entry", "kind"): R.RISK_KINDS,
        ("risk_entry", "chain_role"): S.CHAIN_ROLES,
        ("risk_entry", "likelihood"): R.LEVELS,
        ("risk_entry", "effect"): R.LEVELS,
        ("risk_entry", "status"): R.RISK_STATUSES,
        ("stakeholder", "interest"): R.LEVELS,
        ("stakeholder", "influence"): R.LEVELS,
        ("survey_round", "respondent_group"): S.RESPONDENT_GROUPS,
        ("evaluation_design", "evaluator"): S.EVALUATORS,
        ("implementation_rating", "degree"): S.IMPLEMENTATION_DEGREES,
        # 0014: the field work
        ("governance_item", "experienced_by"): S.HEARD_ROLES,
        ("field_note", "source"): S.NOTE_SOURCES,
        ("field_note", "role"): S.HEARD_ROLES,
    }


_CODE_CHECKS = {
    ("project", "slug"): lambda v: check_slug(v, "project"),
    ("network", "slug"): lambda v: check_slug(v, "network"),
    ("membership", "body"): check_body,
    ("decision", "body"): check_body,
    ("decision", "outcome"): check_outcome,
    ("agenda_item", "outcome"): check_outcome,
}


def _spec_of_definition(row: dict[str, Any]):
    """The definition's spec, after the checks ``workflow load`` makes: the source loads, and
    the stored hash, key, version and compiled spec are the source's."""
    from nybureau.workflow.loader import load_text

    try:
        spec = load_text(row["source"] or "", "<import>")
    except NybureauError as exc:
        raise InvalidInput(Msg("its source is not a valid workflow definition ({message})",
                               message=exc.message[:300],
                               message_da=exc.render("da")[:300])) from None
    try:
        stored = json.loads(row["spec_json"] or "")
    except ValueError:
        stored = None
    if spec.id != row["key"] or spec.version != row["version"] or \
            spec.source_hash != row["hash"] or stored != spec.to_dict():
        raise InvalidInput(Msg("its key, version, hash or compiled spec is not the one its source "
                               "gives"))
    return spec


def _base_column(col: str) -> str:
    """The column a language's copy of a text belongs to (``background_en`` → ``background``):
    a bilingual text stored as one column per language is checked as its base column is."""
    for suffix in ("_da", "_en"):
        if col.endswith(suffix) and len(col) > len(suffix):
            return col[:-len(suffix)]
    return col


def _check_values(tx: Tx, rows: dict[str, list[dict[str, Any]]], existing_specs: dict[Any, Any]
                  ) -> None:
    """Every value through the checks the CLI makes; ``existing_specs``: definition id in the
    file → the spec of the same definition already in this database (not checked again)."""
    cols = _columns(tx)
    enums = _enumerations()
    specs: dict[Any, Any] = dict(existing_specs)
    for i, row in enumerate(rows.get("workflow_definition", [])):
        if row["id"] in specs:
            continue
        try:
            specs[row["id"]] = _spec_of_definition(row)
        except InvalidInput as exc:
            raise _row_refused("workflow_definition", i, row, exc.msg) from None
    for name, found in rows.items():
        c = cols[name]
        for i, row in enumerate(found):
            try:
                for col, info in c.items():
                    v = row[col]
                    what = f"{name}.{col}"
                    if v is None:
                        if not info["nullable"]:
                            raise InvalidInput(Msg("{what} is empty, and it must have a value",
                                                   what=what))
                        continue
                    if info["kind"] != "text":
                        continue
                    key = (name, col)
                    if key in _CODE_CHECKS:
                        _CODE_CHECKS[key](v)
                    elif key in enums:
                        if v not in enums[key]:
                            raise InvalidInput(
                                Msg("unknown value {v} for {what}; use one of: "
                                    "{enums}", v=_shown(v), what=what,
                                    enums=', '.join(sorted(enums[key]))))
                    max_len = info["max_length"] or (
                        MACHINE_MAX if key in MACHINE_TEXT else MAX_TEXT)
                    base = _base_column(col)  # background_en is text as background is
                    multi = key in MACHINE_TEXT or base in FREE_TEXT_FIELDS \
                        or (name, base) in MULTI_LINE_COLUMNS
                    (free_text if multi else one_line)(v, what, max_len,
                                                       required=not info["nullable"])
                if name == "activity":
                    check_activity(row["kind"], row["number"])
                if name == "project":
                    spec = specs.get(row["workflow_definition_id"])
                    if spec is not None and row["phase"] not in spec.state_ids:
                        raise InvalidInput(
                            Msg("the phase {phase} is not one of the workflow "
                                "'{id}' v{version}: {state_ids}", phase=_shown(row['phase']),
                                id=spec.id, version=spec.version,
                                state_ids=', '.join(spec.state_ids)))
            except InvalidInput as exc:
                raise _row_refused(name, i, row, exc.msg) from None


def _check_keys(tx: Tx, rows: dict[str, list[dict[str, Any]]]) -> None:
    """The schema's rules, checked on the file before anything is written: primary keys present
    and unique, unique keys unique, every reference to a row that is in the file."""
    cols = _columns(tx)
    present: dict[str, set[Any]] = {}
    for name in tx.admin_table_names():
        found = rows.get(name, [])
        pk = tx.admin_primary_key(name)
        for key in [tuple(pk)] + [tuple(u) for u in tx.admin_unique_keys(name)]:
            seen: dict[tuple, int] = {}
            for i, row in enumerate(found):
                value = tuple(row[k] for k in key)
                if any(v is None for v in value):
                    if key == tuple(pk):
                        raise _row_refused(name, i, row, Msg("it has no {key}",
                                                             key=', '.join(key)))
                    continue
                if value in seen:
                    shown = ", ".join(f"{k}={_shown(v)}" for k, v in zip(key, value))
                    raise _row_refused(
                        name, i, row, Msg("{shown} appears twice (also in row {seen})",
                                          shown=shown, seen=seen[value] + 1))
                seen[value] = i
        if len(pk) == 1:
            present[name] = {row[pk[0]] for row in found}
        for i, row in enumerate(found):
            for col, info in cols[name].items():
                ref = info["references"]
                if ref and row[col] is not None and row[col] not in present.get(ref, set()):
                    raise _row_refused(
                        name, i, row,
                        Msg("{name}.{col} refers to {ref} {row}, which is not in the file",
                            name=name, col=col, ref=ref, row=row[col]))
    # the CHECK rules of the schema
    for name in ("activity", "meeting"):
        for i, row in enumerate(rows.get(name, [])):
            if row["project_id"] is None and row["network_id"] is None:
                raise _row_refused(name, i, row, Msg("it belongs to neither a project nor a network"))
    for i, row in enumerate(rows.get("survey_answer", [])):
        if not 1 <= row["value"] <= 5:
            raise _row_refused("survey_answer", i, row, Msg("the answer must be between 1 and 5"))


def _verify_full_history(rows: dict[str, list[dict[str, Any]]], history: dict[str, Any]
                         ) -> dict[str, Any]:
    from nybureau.services.admin.audit import verify_rows
    from nybureau.services.admin.imported_history import check_batches, erasures

    audit = sorted(rows.get(AUDIT, []), key=lambda r: r["id"])
    check = verify_rows([dict(r) for r in audit])
    if not check["ok"]:
        b = check["first_broken"]
        raise _history_refused(Msg("{text}", text=b["en"], text_da=b["da"]))
    if history.get("events") != check["events"]:
        raise _history_refused(
            Msg("it states {get!r} events but holds {events}", get=history.get('events'),
                events=check['events']))
    if history.get("head") != check["head"]:
        raise _history_refused(Msg("its stated head hash is not the last event's hash: events were "
                                   "removed or added at the end"))
    imported = rows.get(IMPORTED, [])
    problem = check_batches(rows.get(BATCH, []), imported, audit, erasures(audit, imported))
    if problem:
        raise _history_refused(Msg("{text}", text=problem["en"], text_da=problem["da"]))
    return check


def _check_scope(tx: Tx, rows: dict[str, list[dict[str, Any]]], slug: str) -> dict[str, Any]:
    """Every row of a project-scope file belongs to its one project; return that row."""
    cols = _columns(tx)
    projects = rows.get("project", [])
    for i, row in enumerate(projects):
        if row["slug"] != slug or i > 0:
            raise _row_refused(
                "project", i, row,
                Msg("the file is an export of the project '{slug}' and may hold no other project "
                    "(this row is {slug_2})", slug=slug, slug_2=_shown(row['slug'], 100)))
    if not projects:
        raise _refuse(Msg("The file does not contain the project '{slug}' it names.", slug=slug))
    project = projects[0]
    pid, nid = project["id"], project["network_id"]
    for name in T.LOCAL_ONLY_TABLES:
        if rows.get(name):
            raise _row_refused(name, 0, rows[name][0],
                               Msg("this table belongs to the database that wrote it and is never "
                                   "part of a project's export"))
    for i, row in enumerate(rows.get("network", [])):
        if nid is None or row["id"] != nid or i > 0:
            raise _row_refused("network", i, row,
                               Msg("it is not the network of the project '{slug}'", slug=slug))
    for i, row in enumerate(rows.get("workflow_definition", [])):
        if row["id"] != project["workflow_definition_id"]:
            raise _row_refused("workflow_definition", i, row,
                               Msg("it is not the workflow definition of the project '{slug}'",
                                   slug=slug))
    referenced: dict[str, set[Any]] = {n: set() for n in REFERENCE_TABLES}
    for name, found in rows.items():
        if name in REFERENCE_TABLES or name == "project":
            continue
        c = cols[name]
        refs = {col: info["references"] for col, info in c.items() if info["references"]}
        for i, row in enumerate(found):
            if name == AUDIT:
                if not (row["project_id"] == pid or (
                        row["project_id"] is None and row["network_id"] is not None
                        and row["network_id"] == nid) or (
                        row["project_id"] is None and row["action"] == "person.forget")):
                    raise _row_refused(
                        name, i, row,
                        Msg("the event ({action}) belongs to another project or "
                            "network", action=_shown(row['action'])))
                continue
            for col, ref in refs.items():
                v = row[col]
                if v is None:
                    continue
                if ref == "project" and v != pid:
                    raise _row_refused(name, i, row,
                                       Msg("{name}.{col} points at another project ({v})",
                                           name=name, col=col, v=v))
                if ref == "network" and v != nid:
                    raise _row_refused(
                        name, i, row,
                        Msg("{name}.{col} points at another network than the project's ({v})",
                            name=name, col=col, v=v))
                if ref in referenced:
                    referenced[ref].add(v)
            owners = [col for col, ref in refs.items()
                      if ref not in REFERENCE_TABLES and ref != "project"]
            # a project's record, or its network's (a network meeting; the frame project, which
            # has no project_id at all)
            if "project_id" in c or "network_id" in c:
                if row.get("project_id") is None and (nid is None or row.get("network_id") != nid):
                    raise _row_refused(name, i, row,
                                       Msg("it belongs neither to the project nor to its network"))
            elif not any(row[col] is not None for col in owners):
                raise _row_refused(name, i, row, Msg("it does not belong to the project"))
    referenced["workflow_definition"].add(project["workflow_definition_id"])
    if nid is not None:
        referenced["network"].add(nid)
    for name in REFERENCE_TABLES:
        for i, row in enumerate(rows.get(name, [])):
            if row["id"] not in referenced[name]:
                raise _row_refused(name, i, row, Msg("no row of the project refers to it"))
    return project
