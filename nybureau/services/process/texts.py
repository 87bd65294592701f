"""The project's own texts (background, purpose, goals … see
:data:`nybureau.domain.vocabulary.PROJECT_TEXTS`) and its settings for documents: who
*indstiller* on its items (``project.proposer``) and its *sagsnr.* (``project.case_number``).

The documents read the texts through :func:`texts_of`; the project description prints them, the
sagsfremstillinger of the agenda items draw on them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nybureau.domain.vocabulary import DEFAULT_PROPOSER, PROJECT_TEXTS, PROPOSERS, label
from nybureau.errors import InvalidInput, NotFound
from nybureau.i18n import Msg
from nybureau.services.common import free_text, get_project, one_line

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx

#: the longest text a field holds (a project description's section, not a book)
MAX_PROJECT_TEXT = 20_000


def check_field(field: Any) -> str:
    """One of :data:`PROJECT_TEXTS`, or a refusal naming them."""
    if isinstance(field, str) and field in PROJECT_TEXTS:
        return field
    names = ", ".join(PROJECT_TEXTS)
    raise InvalidInput(Msg("Unknown text field '{field}'; the fields are: {names}.",
                           field=str(field), names=names))


def check_proposer(value: Any) -> str:
    """One of :data:`PROPOSERS`, or a refusal naming them."""
    if isinstance(value, str) and value in PROPOSERS:
        return value
    names = ", ".join(PROPOSERS)
    raise InvalidInput(Msg("Unknown proposer '{value}'; choose one of: {names}.",
                           value=str(value), names=names))


def texts_of(tx: Tx, project: Any) -> dict[str, str]:
    """field → text of the project's texts (only those recorded), in vocabulary order."""
    found = {t.field: t.text for t in tx.project_texts(project.id)}
    return {f: found[f] for f in PROJECT_TEXTS if f in found}


def show_texts(tx: Tx, slug: str) -> list[dict[str, Any]]:
    """Every field with its labels and the project's text (None where none is recorded)."""
    project = get_project(tx, slug)
    found = texts_of(tx, project)
    return [{"field": f, "label": dict(PROJECT_TEXTS[f]), "text": found.get(f)}
            for f in PROJECT_TEXTS]


def set_text(tx: Tx, slug: str, field: str, text: Any) -> dict[str, Any]:
    """Write (or replace) the project's text of ``field``."""
    project = get_project(tx, slug)
    field = check_field(field)
    value = free_text(text, field, MAX_PROJECT_TEXT, required=True)
    before = texts_of(tx, project).get(field)
    if before == value:
        return {"field": field, "changed": False, "created": False}
    tx.project_touch(project)
    tid = tx.project_text_set(project.id, field, value)
    tx.audit("project.text.set", "project_text", tid, project_id=project.id,
             before={"field": field, "text": before} if before is not None else None,
             after={"field": field, "text": value})
    return {"field": field, "changed": True, "created": before is None}


def read_text_file(path: str) -> str:
    """The text of a UTF-8 file given with ``--file``, or a refusal saying why it cannot be
    read."""
    from pathlib import Path

    from nybureau.services.common import shown_path

    p = Path(path)
    try:
        return p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise NotFound(Msg("The file {path} does not exist; nothing was changed.",
                           path=shown_path(p))) from None
    except UnicodeDecodeError:
        raise InvalidInput(Msg("The file {path} is not UTF-8 text; save it as UTF-8 and try "
                               "again.", path=shown_path(p))) from None
    except OSError as exc:
        raise InvalidInput(Msg("The file {path} cannot be read ({reason}); nothing was "
                               "changed.", path=shown_path(p),
                               reason=exc.strerror or type(exc).__name__)) from None


def clear_text(tx: Tx, slug: str, field: str) -> dict[str, Any]:
    """Remove the project's text of ``field`` (the history keeps it)."""
    project = get_project(tx, slug)
    field = check_field(field)
    row = next((t for t in tx.project_texts(project.id) if t.field == field), None)
    if row is None:
        raise NotFound(Msg("'{slug}' has no text '{field}'; nothing was cleared.",
                           slug=slug, field=field))
    tx.project_touch(project)
    tx.project_text_delete(row.id)
    tx.audit("project.text.clear", "project_text", row.id, project_id=project.id,
             before={"field": field, "text": row.text}, after={"field": field, "removed": True})
    return {"field": field}


def proposer_label(project: Any, lang: str) -> str:
    """Who recommends, as it opens "… indstiller, at …" (the project leadership if unset)."""
    return label(PROPOSERS, project.proposer or DEFAULT_PROPOSER, lang)


def set_project(tx: Tx, slug: str, *, proposer: str | None = None,
                case_number: str | None = None) -> dict[str, Any]:
    """Change who indstiller on the project's items and/or its sagsnr. Only what is given
    changes; an empty case number removes it."""
    project = get_project(tx, slug)
    values: dict[str, Any] = {}
    if proposer is not None:
        values["proposer"] = check_proposer(proposer)
    if case_number is not None:
        values["case_number"] = one_line(case_number, "case number", 100, required=False)
    if not values:
        raise InvalidInput(Msg("Nothing to change: give --proposer or --case."))
    before = {k: getattr(project, k) for k in values}
    if before == values:
        return {"changed": []}
    updated = tx.project_touch(project, **values)
    tx.audit("project.set", "project", project.id, project_id=project.id,
             before=before, after=values)
    return {"changed": sorted(k for k in values if before[k] != values[k]),
            "proposer": {lang: proposer_label(updated, lang) for lang in ("da", "en")},
            "case_number": updated.case_number}
