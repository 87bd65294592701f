"""Workflow definitions: YAML → a validated, frozen :class:`WorkflowSpec`.

Every problem is collected (not just the first) and reported as ``file:line: message``: unknown
keys, unknown requirement kinds, parameters of the wrong type, unknown phases in ``next``,
duplicate ids, missing titles.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from nybureau.errors import NotFound, Problem, WorkflowDefinitionError
from nybureau.i18n import Msg
from nybureau.workflow import requirements as reqs
from nybureau.workflow.definition_checks import (
    KNOWN_OPTIONS,
    _Ctx,
    _ident,
    _label,
    _options,
    _param,
    _unknown_keys,
)
from nybureau.workflow.located import LList, LMap, line_of, parse, size_problem
from nybureau.workflow.spec import (
    CoreElementSpec,
    DecisionSpec,
    FinalSpec,
    PhaseSpec,
    RequirementSpec,
    WorkflowSpec,
)
from nybureau.workflow.terms import parse_terms

__all__ = ["load_text", "load_file", "builtin_workflows", "resolve", "KNOWN_OPTIONS"]

_TOP_KEYS = {"id", "version", "title", "description", "options", "final", "phases",
             "core_elements", "terms"}
_PHASE_KEYS = {"id", "title", "purpose", "next", "decisions", "requirements"}
_DECISION_KEYS = {"id", "title", "by", "allow_noted", "description", "recommendation",
                  "local_choice"}


def load_text(source: str, file: str = "<workflow>") -> WorkflowSpec:
    """Validate a definition's YAML text; raise :class:`WorkflowDefinitionError` listing every
    problem with its line."""
    data, problems = parse(source, file)
    ctx = _Ctx(file, problems)
    if data is None and not problems:
        ctx.add(1, "the file is empty")
    if data is None or not isinstance(data, LMap):
        if data is not None:
            ctx.add(getattr(data, "line", 1), "a workflow definition must be a mapping")
        raise WorkflowDefinitionError(ctx.problems)

    _unknown_keys(ctx, data, _TOP_KEYS, "workflow")
    wf_id = _ident(ctx, data, "id", "workflow")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        ctx.add(data.line_of("version") if "version" in data else data.line,
                "workflow: 'version' must be a whole number of at least 1")
        version = 1
    title = _label(ctx, data, "title", True, "workflow")
    description = _label(ctx, data, "description", False, "workflow")

    options = _options(ctx, data)

    core_elements = _core_elements(ctx, data)
    terms = parse_terms(data.get("terms"), line_of, ctx.add,
                        lambda raw, name: _label(ctx, raw, name, True, f"terms: '{name}'"))

    final_raw = data.get("final")
    final_id, final_title = "completed", {"da": "Afsluttet", "en": "Completed"}
    if final_raw is not None:
        if not isinstance(final_raw, LMap):
            ctx.add(data.line_of("final"), "workflow: 'final' must be a mapping with id and title")
        else:
            _unknown_keys(ctx, final_raw, {"id", "title"}, "final")
            final_id = _ident(ctx, final_raw, "id", "final state") or final_id
            final_title = _label(ctx, final_raw, "title", True, "final state") or final_title

    raw_phases = data.get("phases")
    if not isinstance(raw_phases, LList) or not raw_phases:
        ctx.add(data.line_of("phases") if "phases" in data else data.line,
                "workflow: 'phases' must be a non-empty list")
        raise WorkflowDefinitionError(ctx.problems)

    # First pass: phase ids and declared decisions (requirements refer to both).
    phase_ids: list[str | None] = []
    seen_states: dict[str, int] = {final_id: line_of(final_raw, "id", data.line)}
    decisions_by_phase: list[list[DecisionSpec]] = []
    declared: dict[str, tuple[str, ...]] = {}
    for index, raw in enumerate(raw_phases):
        line = raw_phases.line_of(index)
        if not isinstance(raw, LMap):
            ctx.add(line, f"phase {index + 1} must be a mapping")
            phase_ids.append(None)
            decisions_by_phase.append([])
            continue
        pid = _ident(ctx, raw, "id", f"phase {index + 1}")
        if pid is not None:
            if pid in seen_states:
                ctx.add(raw.line_of("id"), f"duplicate phase id '{pid}' (also at line "
                        f"{seen_states[pid]})")
            else:
                seen_states[pid] = raw.line_of("id")
        phase_ids.append(pid)
        decs: list[DecisionSpec] = []
        raw_decs = raw.get("decisions", LList())
        if raw_decs is None:
            raw_decs = LList()
        if not isinstance(raw_decs, LList):
            ctx.add(raw.line_of("decisions"), f"phase '{pid}': 'decisions' must be a list")
            raw_decs = []
        for j, rd in enumerate(raw_decs):
            dline = raw_decs.line_of(j)
            if not isinstance(rd, LMap):
                ctx.add(dline, f"phase '{pid}': decision {j + 1} must be a mapping")
                continue
            _unknown_keys(ctx, rd, _DECISION_KEYS, f"decision in phase '{pid}'")
            did = _ident(ctx, rd, "id", f"decision {j + 1} of phase '{pid}'")
            what = f"decision '{did}'"
            dtitle = _label(ctx, rd, "title", True, what)
            by = rd.get("by")
            by = _param(ctx, rd.line_of("by") if "by" in rd else rd.line, "by",
                        reqs.Param("bodies"), by, what) if by is not None else None
            if by is None and "by" not in rd:
                ctx.add(rd.line, f"{what} is missing 'by' (the deciding bodies)")
            allow_noted = rd.get("allow_noted", False)
            if not isinstance(allow_noted, bool):
                ctx.add(rd.line_of("allow_noted"), f"{what}: 'allow_noted' must be true or false")
                allow_noted = False
            if did is None:
                continue
            if did in declared:
                ctx.add(rd.line_of("id"), f"duplicate decision id '{did}'")
                continue
            declared[did] = tuple(by or ())
            decs.append(DecisionSpec(
                id=did, title=dtitle, by=tuple(by or ()), allow_noted=allow_noted,
                description=_label(ctx, rd, "description", False, what),
                recommendation=_label(ctx, rd, "recommendation", False, what),
                local_choice=_label(ctx, rd, "local_choice", False, what),
            ))
        decisions_by_phase.append(decs)

    known_states = set(seen_states)
    phases: list[PhaseSpec] = []
    requirement_ids: dict[str, int] = {}
    for index, raw in enumerate(raw_phases):
        pid = phase_ids[index]
        if pid is None or not isinstance(raw, LMap):
            continue
        _unknown_keys(ctx, raw, _PHASE_KEYS, f"phase '{pid}'")
        ptitle = _label(ctx, raw, "title", True, f"phase '{pid}'")
        purpose = _label(ctx, raw, "purpose", False, f"phase '{pid}'")
        default_next = (phase_ids[index + 1] if index + 1 < len(phase_ids) else final_id)
        nxt = raw.get("next", default_next)
        if "next" in raw:
            if not isinstance(nxt, str) or nxt not in known_states:
                ctx.add(raw.line_of("next"), f"phase '{pid}': 'next' names unknown phase "
                        f"{nxt!r} (known: {', '.join(p for p in phase_ids if p)}, {final_id})")
                nxt = default_next
            elif nxt == pid:
                ctx.add(raw.line_of("next"), f"phase '{pid}': 'next' cannot be the phase itself")
                nxt = default_next
        raw_reqs = raw.get("requirements", LList())
        if raw_reqs is None:
            raw_reqs = LList()
        if not isinstance(raw_reqs, LList):
            ctx.add(raw.line_of("requirements"), f"phase '{pid}': 'requirements' must be a list")
            raw_reqs = []
        specs: list[RequirementSpec] = []
        for j, rr in enumerate(raw_reqs):
            rline = raw_reqs.line_of(j)
            where = f"requirement {j + 1} of phase '{pid}'"
            if not isinstance(rr, LMap):
                ctx.add(rline, f"{where} must be a mapping with a 'kind'")
                continue
            kind_name = rr.get("kind")
            kind = reqs.kind_of(kind_name) if isinstance(kind_name, str) else None
            if kind is None:
                ctx.add(rr.line_of("kind") if "kind" in rr else rline,
                        f"{where}: unknown requirement kind {kind_name!r} (known: "
                        f"{', '.join(sorted(reqs.REGISTRY))})")
                continue
            params: dict[str, Any] = {}
            ok = True
            for name, value in rr.items():
                if name in ("kind", "id"):
                    continue
                pspec = kind.params.get(name)
                if pspec is None:
                    ctx.add(rr.line_of(name), f"{where}: '{kind_name}' has no parameter '{name}' "
                            f"(it takes: {', '.join(kind.params) or 'none'})")
                    ok = False
                    continue
                checked = _param(ctx, rr.line_of(name), name, pspec, value, where)
                if checked is None:
                    ok = False
                params[name] = checked
            for name, pspec in kind.params.items():
                if name not in params:
                    if pspec.required:
                        ctx.add(rline, f"{where}: '{kind_name}' needs the parameter '{name}'")
                        ok = False
                    else:
                        params[name] = pspec.default
            if not ok:
                continue
            for message in kind.check(params, declared):
                ctx.add(rline, f"{where}: {message}")
                ok = False
            rid = rr.get("id") if "id" in rr else kind.default_id(params)
            if not isinstance(rid, str) or not rid:
                ctx.add(rr.line_of("id"), f"{where}: 'id' must be text")
                continue
            if rid in requirement_ids:
                ctx.add(rline, f"{where}: duplicate requirement id '{rid}' (also at line "
                        f"{requirement_ids[rid]}); give one of them an explicit 'id'")
                continue
            requirement_ids[rid] = rline
            if ok:
                specs.append(RequirementSpec(id=rid, kind=kind_name, params=params))
        phases.append(PhaseSpec(
            id=pid, number=index + 1, title=ptitle, purpose=purpose,
            decisions=tuple(decisions_by_phase[index]), requirements=tuple(specs), next=nxt,
        ))

    if ctx.problems:
        raise WorkflowDefinitionError(ctx.problems)
    return WorkflowSpec(
        id=wf_id or "", version=version, title=title, description=description,
        phases=tuple(phases), final=FinalSpec(final_id, final_title), options=options,
        source_hash=hashlib.sha256(source.encode("utf-8")).hexdigest(),
        core_elements=core_elements, terms=terms,
    )


def _core_elements(ctx: _Ctx, data: LMap) -> tuple[CoreElementSpec, ...]:
    """``core_elements``: a list of {id, title, description} — what a programme's
    implementation questionnaire asks about (optional)."""
    raw = data.get("core_elements")
    if raw is None:
        return ()
    if not isinstance(raw, LList):
        ctx.add(data.line_of("core_elements"), "workflow: 'core_elements' must be a list")
        return ()
    out: list[CoreElementSpec] = []
    seen: set[str] = set()
    for j, rc in enumerate(raw):
        what = f"core element {j + 1}"
        if not isinstance(rc, LMap):
            ctx.add(raw.line_of(j), f"{what} must be a mapping with id and title")
            continue
        _unknown_keys(ctx, rc, {"id", "title", "description"}, what)
        cid = _ident(ctx, rc, "id", what)
        title = _label(ctx, rc, "title", True, what)
        description = _label(ctx, rc, "description", False, what)
        if cid is None:
            continue
        if cid in seen:
            ctx.add(rc.line_of("id"), f"duplicate core element id '{cid}'")
            continue
        seen.add(cid)
        out.append(CoreElementSpec(id=cid, title=title, description=description))
    return tuple(out)


def load_file(path: str | Path) -> tuple[WorkflowSpec, str]:
    """Load a definition file; return the spec and its source text."""
    p = Path(path)
    try:
        big = size_problem(p.stat().st_size)  # refused before it is read
        if big:
            raise WorkflowDefinitionError([Problem(str(p), 1, big)])
        source = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise NotFound(Msg("Workflow file '{p}' does not exist.", p=p)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise WorkflowDefinitionError([Problem(str(p), 1, f"cannot be read as UTF-8 text: {exc}")])
    return load_text(source, str(p)), source


def builtin_workflows() -> dict[str, Path]:
    """Built-in definitions by id (the file name without ``.yaml``)."""
    from nybureau.resources import data_dir

    return {p.stem: p for p in sorted(data_dir("workflows").glob("*.yaml"))}


def resolve(ref: str) -> tuple[WorkflowSpec, str]:
    """A built-in id or a path to a YAML file → (spec, source text)."""
    builtins = builtin_workflows()
    if ref in builtins:
        return load_file(builtins[ref])
    if ref.endswith((".yaml", ".yml")) or "/" in ref or Path(ref).is_file():
        return load_file(ref)
    raise NotFound(
        Msg("Unknown workflow '{ref}'. Built-in workflows: {builtins}; or give the path "
            "of a .yaml file.", ref=ref, builtins=', '.join(builtins)),
    )
