"""``nybureau workflow migrate PROJECT --to VERSION|FILE [--dry-run]``.

A project runs on the definition it started with (stored with it: id, version, hash and the
whole spec). Migrating moves it to a newer version of the *same* workflow id:

* ``--to N`` looks for version N of the project's workflow: the built-in file
  ``workflows/<id>.yaml`` if that is version N, else ``workflows/history/<id>/v<N>.yaml``
  (released versions are kept there so they stay loadable), else a version N already stored in
  this database by another project;
* ``--to FILE.yaml`` takes your own adapted definition (same ``id``, higher ``version``).

The dry run lists what changes: phases removed, phases renamed (same id, new title), phases
added, requirements added and removed (per phase), decisions added and removed. The real run is
one audited transaction (``workflow.migrate``). A project whose current phase does not exist in
the new version is refused with the reason: move it to a phase both versions have first
(``nybureau advance PROJECT --to PHASE --reason …``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from nybureau.errors import InvalidInput, NotFound
from nybureau.i18n import Msg
from nybureau.services.common import get_project

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx

HISTORY = "history"


def history_file(workflow_id: str, version: int) -> Path:
    from nybureau.resources import data_dir

    return data_dir("workflows") / HISTORY / workflow_id / f"v{version}.yaml"


def builtin_versions(workflow_id: str) -> dict[int, Path]:
    """Every released version of a built-in workflow that ships with nybureau."""
    from nybureau.resources import data_dir
    from nybureau.workflow.loader import builtin_workflows, load_file

    out: dict[int, Path] = {}
    folder = data_dir("workflows") / HISTORY / workflow_id
    if folder.is_dir():
        for p in sorted(folder.glob("v*.yaml")):
            if p.stem[1:].isdigit():
                out[int(p.stem[1:])] = p
    current = builtin_workflows().get(workflow_id)
    if current is not None:
        out[load_file(current)[0].version] = current
    return dict(sorted(out.items()))


def _target(tx: Tx, spec, to: str):
    """(spec, source text or None, stored definition id or None)."""
    from nybureau.workflow.loader import load_file

    ref = str(to).strip()
    if ref.isdigit():
        version = int(ref)
        path = builtin_versions(spec.id).get(version)
        if path is not None:
            new, source = load_file(path)
            return new, source, None
        stored = [d for d in tx.workflow_definitions()
                  if d["key"] == spec.id and d["version"] == version]
        if len(stored) == 1:
            return tx.workflow_spec(stored[0]["id"]), None, stored[0]["id"]
        if len(stored) > 1:
            raise InvalidInput(
                Msg("This database holds {n_stored} different definitions of '{id}' "
                    "version {version}; name the file to migrate to with --to FILE.yaml.",
                    n_stored=len(stored), id=spec.id, version=version))
        known = ", ".join(str(v) for v in builtin_versions(spec.id)) or "none"
        raise NotFound(
            Msg("There is no version {version} of the workflow '{id}' (versions shipped: "
                "{known}). For your own definition give its file: --to my-model.yaml.",
                version=version, id=spec.id, known=known))
    new, source = load_file(ref)
    return new, source, None


def _label(value: dict[str, str] | None) -> str:
    if not value:
        return ""
    return value.get("da") or value.get("en") or ""


def diff(old, new) -> dict[str, Any]:
    """What changes between two versions of a definition, phase by phase."""
    old_phases = {p.id: p for p in old.phases}
    new_phases = {p.id: p for p in new.phases}
    removed = [p for p in old_phases if p not in new_phases]
    added = [p for p in new_phases if p not in old_phases]
    renamed = [{"phase": pid, "from": old_phases[pid].title, "to": new_phases[pid].title}
               for pid in old_phases if pid in new_phases
               and old_phases[pid].title != new_phases[pid].title]
    req_added, req_removed = [], []
    for pid, p in new_phases.items():
        before = {r.id: r for r in old_phases[pid].requirements} if pid in old_phases else {}
        for r in p.requirements:
            if r.id not in before:
                req_added.append({"phase": pid, "requirement": r.id, "kind": r.kind})
            elif before[r.id].params != r.params or before[r.id].kind != r.kind:
                req_added.append({"phase": pid, "requirement": r.id, "kind": r.kind,
                                  "changed": True})
        if pid in old_phases:
            now = {r.id for r in p.requirements}
            req_removed += [{"phase": pid, "requirement": r.id}
                            for r in old_phases[pid].requirements if r.id not in now]
    old_dec, new_dec = set(old.decision_ids), set(new.decision_ids)
    # an option whose value changes (a definition stored without the key has the loader's default)
    from nybureau.workflow.loader import KNOWN_OPTIONS

    options_changed = []
    for key in sorted(set(old.options) | set(new.options)):
        default = KNOWN_OPTIONS.get(key, (None, None))[1]
        before, after = old.options.get(key, default), new.options.get(key, default)
        if before != after:
            options_changed.append({"option": key, "from": before, "to": after})
    # a decision kept under its id whose wording (title, recommendation, by, local choice) changes
    reworded = []
    for did in sorted(old_dec & new_dec):
        a, b = old.decision(did)[1], new.decision(did)[1]
        if (a.title, a.recommendation, a.by, a.local_choice) != \
                (b.title, b.recommendation, b.by, b.local_choice):
            reworded.append({"decision": did, "title": b.title})
    return {
        "phases_removed": removed,
        "phases_added": added,
        "phases_renamed": renamed,
        "requirements_added": req_added,
        "requirements_removed": req_removed,
        "decisions_added": sorted(new_dec - old_dec),
        "decisions_removed": sorted(old_dec - new_dec),
        "decisions_reworded": reworded,
        "options_changed": options_changed,
        "final_renamed": old.final.id != new.final.id,
    }


def migrate(tx: Tx, slug: str, to: str, *, dry_run: bool = False) -> dict[str, Any]:
    """Move the project to the workflow version ``to`` (a version of its workflow, or a file);
    with ``dry_run`` only report what would change."""
    from nybureau.workflow.requirements import evaluate

    project = get_project(tx, slug)
    spec = tx.workflow_spec(project["workflow_definition_id"])
    new, source, stored_id = _target(tx, spec, to)
    if new.id != spec.id:
        raise InvalidInput(
            Msg("'{slug}' runs on the workflow '{id}'; the target is '{id_2}'. Migration "
                "moves a project to a newer version of the same workflow.", slug=slug, id=spec.id,
                id_2=new.id))
    if new.source_hash == spec.source_hash:
        raise InvalidInput(
            Msg("'{slug}' already runs on exactly this definition ('{id}' version "
                "{version}); nothing to migrate.", slug=slug, id=spec.id, version=spec.version))
    if new.version <= spec.version:
        raise InvalidInput(
            Msg("'{slug}' runs on version {version}; the target is version {version_2}. "
                "Migration only moves to a newer version (give the new definition a higher "
                "'version').", slug=slug, version=spec.version, version_2=new.version))
    changes = diff(spec, new)
    phase = project["phase"]
    in_new = phase in new.state_ids
    result = {
        "project": slug,
        "from": {"workflow": spec.id, "version": spec.version, "hash": spec.source_hash},
        "to": {"workflow": new.id, "version": new.version, "hash": new.source_hash},
        "phase": phase,
        "changes": changes,
        "dry_run": dry_run,
        "allowed": in_new,
    }
    if in_new and new.phase(phase) is not None:
        facts = tx.facts(project)
        result["unmet_now"] = [r.id for r in new.phase(phase).requirements
                               if not evaluate(r, facts, new).met]
    if not in_new:
        both = [p for p in spec.phase_ids if p in new.phase_ids]
        reason = Msg("'{slug}' is in the phase '{phase}', which version {version} of "
                     "'{workflow}' no longer has. Move the project to a phase both versions have "
                     "({both}) with `nybureau advance {slug} --to PHASE --reason …`, then "
                     "migrate.", slug=slug, phase=phase, version=new.version, workflow=new.id,
                     both=", ".join(both) or "none", both_da=", ".join(both) or "ingen")
        result["refusal"] = {"en": reason.render("en"), "da": reason.render("da")}
        if not dry_run:
            raise InvalidInput(reason)
        return result
    if dry_run:
        return result
    definition_id = stored_id if stored_id is not None else tx.workflow_store(new, source)
    before = {"workflow": spec.id, "version": spec.version, "hash": spec.source_hash,
              "phase": phase}
    tx.project_touch(project, workflow_definition_id=definition_id)
    tx.audit("workflow.migrate", "project", project["id"], project_id=project["id"],
             before=before,
             after={"workflow": new.id, "version": new.version, "hash": new.source_hash,
                    "phase": phase, "changes": changes})
    return result
