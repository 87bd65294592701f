"""One person, one identity: the person list, correcting a name (rename) and merging two
persons who are one (merge). Which columns refer to a person is declared in
:mod:`.classification` (:data:`~.classification.PERSON_REFERENCES`,
:data:`~.classification.NAME_REFERENCES`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from nybureau.errors import AlreadyExists, InvalidInput
from nybureau.i18n import Msg
from nybureau.services.people.classification import NAME_REFERENCES, PERSON, PERSON_REFERENCES
from nybureau.services.people.erasure import person_references
from nybureau.services.people.identity import directory, existing_person, forget_directory
from nybureau.services.people.names import near_names, normalise

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx


def list_persons(tx: Tx) -> list[dict[str, Any]]:
    """Every person: name, work e-mail, bodies and roles per project, and where they are a
    documentation agent. No special-category data."""
    from sqlalchemy import select

    from nybureau.persistence import tables as t

    slugs = {r["id"]: r["slug"] for r in tx._all(select(t.project.c.id, t.project.c.slug))}
    out: dict[int, dict[str, Any]] = {}
    for p in tx._all(select(t.person.c.id, t.person.c.full_name, t.person.c.email)
                     .order_by(t.person.c.full_name)):
        out[p["id"]] = {"name": p["full_name"], "email": p["email"], "bodies": [],
                        "agent_of": []}
    m = t.membership
    for r in tx._all(select(m.c.person_id, m.c.project_id, m.c.body, m.c.role)
                     .order_by(m.c.project_id, m.c.body, m.c.id)):
        out[r["person_id"]]["bodies"].append(
            {"project": slugs[r["project_id"]], "body": r["body"], "role": r["role"]})
    a = t.agent
    for r in tx._all(select(a.c.person_id, a.c.project_id, a.c.title, a.c.appointed_on)
                     .order_by(a.c.project_id, a.c.id)):
        out[r["person_id"]]["agent_of"].append(
            {"project": slugs[r["project_id"]], "title": r["title"],
             "appointed_on": r["appointed_on"]})
    return list(out.values())


def _rows_naming(tx: Tx, name: str) -> list[tuple[str, dict[str, Any], list[str]]]:
    """(table, row, columns) for every row whose name columns hold exactly ``name``."""
    out = []
    for table, cols in NAME_REFERENCES.items():
        rows = tx.admin_rows(table, any_of={c: [name] for c in cols})
        out += [(table, r, [c for c in cols if r[c] == name]) for r in rows]
    return out


def _touch_projects(tx: Tx, project_ids: Iterable[int | None]) -> None:
    for pid in sorted({p for p in project_ids if p is not None}):
        for project in tx.admin_rows("project", where={"id": pid}):
            tx.project_touch(project)


def _projects_of(tx: Tx, person_id: int, name: str) -> set[int]:
    """The projects whose records refer to the person (by id or by name)."""
    found: set[int] = set()
    for (table, col) in PERSON_REFERENCES:
        for r in tx.admin_rows(table, where={col: person_id}):
            found.add(_project_of(tx, table, r))
    for table, r, _cols in _rows_naming(tx, name):
        found.add(_project_of(tx, table, r))
    return found


def _project_of(tx: Tx, table: str, row: dict[str, Any]) -> int | None:
    if "project_id" in row:
        return row["project_id"]
    parent = {"activity_attendee": ("activity", "activity_id"),
              "meeting_person": ("meeting", "meeting_id")}.get(table)
    if parent:
        rows = tx.admin_rows(parent[0], where={"id": row[parent[1]]})
        return rows[0].get("project_id") if rows else None
    return None


def rename_person(tx: Tx, old: str, new: str, *, new_person: bool = False) -> dict[str, Any]:
    """Correct a person's name. Refused when the new name is another person's (merge them
    instead) or nearly another person's (unless ``new_person``: it is a different name)."""
    person = existing_person(tx, old)
    new = normalise(new, "new name")
    if new == person["full_name"]:
        raise InvalidInput(Msg("The person is already called \"{new}\"; nothing to change.",
                               new=new))
    people = directory(tx)
    other = people.by_name.get(new)
    if other is not None:
        raise AlreadyExists(
            Msg("There is already a person called \"{new}\". If they are the same person, merge "
                "the two: nybureau person merge \"{full_name}\" \"{new}\".", new=new,
                full_name=person['full_name']))
    near = [n for n in near_names(new, people.by_name) if n != person["full_name"]]
    if near and not new_person:
        listed = ", ".join(f'"{c}"' for c in near)
        raise InvalidInput(
            Msg("\"{new}\" is close to the name of another person: {listed}. If they are the same "
                "person, merge them with `nybureau person merge`; if \"{new}\" is right, repeat the "
                "command with --new-person.", new=new, listed=listed))
    touched = _projects_of(tx, person["id"], person["full_name"])
    renamed: dict[str, int] = {}
    for table, row, cols in _rows_naming(tx, person["full_name"]):
        tx.admin_update(table, {"id": row["id"]}, {c: new for c in cols})
        renamed[table] = renamed.get(table, 0) + 1
    tx.admin_update(PERSON, {"id": person["id"]}, {"full_name": new})
    _touch_projects(tx, touched)
    tx.audit("person.rename", PERSON, person["id"], before={"full_name": person["full_name"]},
             after={"full_name": new, "rows_changed": renamed})
    forget_directory(tx)
    return {"old": person["full_name"], "new": new, "rows_changed": renamed}


def delete_row(tx, table: str, key: dict[str, Any]) -> None:
    from sqlalchemy import and_, delete

    from nybureau.persistence import tables as t

    tb = t.metadata.tables[table]
    tx.conn.execute(delete(tb).where(and_(*[tb.c[k] == v for k, v in key.items()])))


def merge_persons(tx: Tx, source: str, target: str) -> dict[str, Any]:
    """Merge person ``source`` into ``target``: every row that refers to the source (by id,
    see :data:`PERSON_REFERENCES`, or by exact name, :data:`NAME_REFERENCES`) then refers to
    the target; a row that would duplicate one the target has (both in the same body, both
    attended the same meeting, both voted on the same item) is dropped, its empty details
    filled into the target's; the source's e-mail and union affiliation go to the target when
    it has none; the source person is deleted. One audited transaction."""
    a = existing_person(tx, source)
    b = existing_person(tx, target)
    if a["id"] == b["id"]:
        raise InvalidInput(
            Msg("\"{full_name}\" and \"{full_name_2}\" are the same person; give two "
                "different persons: the one to merge, then the one to keep.",
                full_name=a['full_name'], full_name_2=b['full_name']))
    touched = _projects_of(tx, a["id"], a["full_name"])
    moved: dict[str, int] = {}
    collapsed: dict[str, int] = {}
    for table, cols in person_references(tx).items():
        pk = tx.admin_primary_key(table)
        keys = [k for k in tx.admin_unique_keys(table) + [tuple(pk)] if set(k) & set(cols)]
        for row in tx.admin_rows(table, any_of={c: [a["id"]] for c in cols}):
            new = dict(row, **{c: b["id"] for c in cols if row[c] == a["id"]})
            twin = None
            for key in keys:
                found = tx.admin_find_by(table, {k: new[k] for k in key})
                if found is not None:
                    twin = found
                    break
            row_key = {k: row[k] for k in pk}
            if twin is not None:
                fill = {c: row[c] for c in row if twin.get(c) is None and row[c] is not None
                        and c not in pk}
                delete_row(tx, table, row_key)
                if fill:
                    tx.admin_update(table, {k: twin[k] for k in pk}, fill)
                collapsed[table] = collapsed.get(table, 0) + 1
            elif set(pk) & set(cols):  # the key itself changes: a new row, so the seal sees it
                delete_row(tx, table, row_key)
                tx.admin_insert(table, new)
                moved[table] = moved.get(table, 0) + 1
            else:
                tx.admin_update(table, row_key, {c: new[c] for c in cols})
                moved[table] = moved.get(table, 0) + 1
    for table, row, cols in _rows_naming(tx, a["full_name"]):
        values = {c: b["full_name"] for c in cols}
        if tx.admin_update_unique(table, {"id": row["id"]}, values):
            moved[table] = moved.get(table, 0) + 1
        else:  # the target already has it (voted on the same item): the duplicate goes
            delete_row(tx, table, {"id": row["id"]})
            collapsed[table] = collapsed.get(table, 0) + 1
    details = {c: a[c] for c in ("email", "union_affiliation")
               if b.get(c) is None and a.get(c) is not None}
    delete_row(tx, PERSON, {"id": a["id"]})
    if details:
        tx.admin_update(PERSON, {"id": b["id"]}, details)
    _touch_projects(tx, touched)
    tx.audit("person.merge", PERSON, b["id"],
             before={"full_name": a["full_name"], "person_id": a["id"]},
             after={"into": b["full_name"], "into_id": b["id"], "moved": moved,
                    "collapsed": collapsed, "details": sorted(details)})
    forget_directory(tx)
    return {"source": a["full_name"], "target": b["full_name"], "moved": moved,
            "collapsed": collapsed, "details": sorted(details)}
