"""Building a declared document, and listing the documents a project's state allows.

:func:`build` looks the document up in the registry, turns what it was given into its builder's
arguments through its :class:`~nybureau.services.documents.registry.Needs` (``_ARGUMENTS``: one
function per kind of need) and adds the ``doc`` entry. :func:`available` asks each document,
for every target its needs enumerate in a :class:`Scope` (``_TARGETS``), whether it is
available; :func:`build_all` builds them all (``render all``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Iterator, TypedDict

from nybureau.errors import InvalidInput
from nybureau.i18n import Msg
from nybureau.services.common import get_network, get_project
from nybureau.services.documents.asof import as_of as as_of_view
from nybureau.services.documents.asof import agenda_day, today
from nybureau.services.meetings import aware
from nybureau.services.documents.registry import (
    REGISTRY,
    DocumentData,
    Lang,
    Needs,
    Scope,
    Section,
    lookup,
)


class _Named(TypedDict):
    name: str


class DocumentRef(_Named, total=False):
    """One available document: its name and the keywords :func:`build` takes for it (also what
    ``render NAME`` is given: ``--project``, ``--meeting`` …)."""

    project: str
    meeting: int
    decision: str
    number: int
    phase: str
    network: str
    role: str


@dataclass(frozen=True)
class Given:
    """What ``render NAME`` was given (any of it may be missing)."""

    project: str | None = None
    meeting: Any = None  # a meeting's id (the CLI passes it as it was typed)
    decision: str | None = None
    number: int | None = None
    phase: str | None = None
    network: str | None = None
    public: bool = False
    role: str | None = None


def _need(name: str, value: Any, option: str) -> Any:
    if value is None:
        raise InvalidInput(Msg("The document '{name}' needs {option}.", name=name, option=option))
    return value


def _project(tx, name: str, given: Given) -> tuple[Any, ...]:
    return (get_project(tx, _need(name, given.project, "--project P")),)


def _decision(tx, name: str, given: Given) -> tuple[Any, ...]:
    return (*_project(tx, name, given), _need(name, given.decision, "--decision ID"))


def _number(tx, name: str, given: Given) -> tuple[Any, ...]:
    return (*_project(tx, name, given), _need(name, given.number, "--number N"))


def _phase(tx, name: str, given: Given) -> tuple[Any, ...]:
    return (*_project(tx, name, given), _need(name, given.phase, "--phase ID"))


def _network_number(tx, name: str, given: Given) -> tuple[Any, ...]:
    network = given.network
    if network is None:
        p = get_project(tx, _need(name, given.project, "--project P (or --network N)"))
        if p.network_id is None:
            raise InvalidInput(Msg("'{slug}' is not in a network; give --network.", slug=p.slug))
        network = p.network_slug
    return get_network(tx, network), _need(name, given.number, "--number N")


def _role(tx, name: str, given: Given) -> tuple[Any, ...]:
    return (*_project(tx, name, given), _need(name, given.role, "--role R"))


def _meeting(tx, name: str, given: Given) -> tuple[Any, ...]:
    return _need(name, given.meeting, "--meeting ID"), given.public


def _owner(tx, name: str, given: Given) -> tuple[Any, ...]:
    """A project's document, or with --network (and no --project) the network's."""
    if given.network is not None and given.project is None:
        return None, get_network(tx, given.network)
    return get_project(tx, _need(name, given.project, "--project P (or --network N)")), None


# Each kind of need: what its builder is called with (after tx, before lang).
_ARGUMENTS: dict[Needs, Callable[[Any, str, Given], tuple[Any, ...]]] = {
    Needs.PROJECT: _project, Needs.DECISION: _decision, Needs.NUMBER: _number,
    Needs.PHASE: _phase, Needs.NETWORK_NUMBER: _network_number, Needs.MEETING: _meeting,
    Needs.OWNER: _owner, Needs.ROLE: _role,
}


# -- each document's date: the day whose state it shows ---------------------------------------
# A rule gives (day, inclusive, own record) from the builder's arguments, or None: the date
# asked for, default today. ``inclusive=False``: the state just before the day (an agenda shows
# what its meeting is asked, not what it decides).
Dated = tuple[date, bool, Any]


def _meeting_row(tx, meeting_id: Any):
    from nybureau.services.meetings._shared import get_meeting_row

    return get_meeting_row(tx, meeting_id)


def _agenda_date(tx, meeting_id: Any, public: bool) -> Dated:
    """When the agenda was sent; else the meeting's start (or today, if that is earlier)."""
    return (*agenda_day(tx, _meeting_row(tx, meeting_id)), None)


def _minutes_date(tx, meeting_id: Any, public: bool) -> Dated:
    """The meeting (its minutes' approval stays as recorded)."""
    m = _meeting_row(tx, meeting_id)
    return aware(m.starts_at).date(), True, ("meeting", m.id)


def _decision_paper_date(tx, project, decision_id: str) -> Dated | None:
    """The last meeting that puts the decision (the state just before it); else today."""
    put = [aware(m.starts_at).date() for m in tx.meeting_list(project_id=project.id)
           if m.status != "cancelled"
           and any(it.decision_key == decision_id for it in tx.items(m.id))]
    return (max(put), False, None) if put else None


def _mandate_date(tx, project) -> Dated | None:
    """The approval of the organisation: the day its last body approved it; else today."""
    from nybureau.domain.decisions import effective_decision
    from nybureau.domain.vocabulary import SATISFYING_OUTCOMES

    spec = tx.workflow_spec(project.workflow_definition_id)
    found = spec.decision("organisation")
    if found is None:
        return None
    rows = [d for d in tx.decisions(project.id) if d.decision_key == "organisation"]
    days = []
    for body in found[1].by:
        best = effective_decision([d for d in rows if d.body == body],
                                  outcome=lambda d: d.outcome,
                                  order=lambda d: (d.decided_on, d.id))
        if best is None or best.outcome not in SATISFYING_OUTCOMES:
            return None
        days.append(best.decided_on)
    return max(days), True, None


def _network_agenda_date(tx, network, number: int) -> Dated | None:
    """The network meeting (the state just before it, the meeting's own record kept for its
    date): the planned meeting, else the one recorded as held; else today."""
    for m in tx.meeting_list(network_id=network.id):
        if m.number == number and m.status != "cancelled":
            return aware(m.starts_at).date(), False, None
    for a in tx.activities({"id": -1, "network_id": network.id}):
        if a["kind"] == "network_meeting" and a["number"] == number:
            return a["held_on"], False, ("activity", a["id"])
    return None


#: The documents with a date of their own; every other document shows the date asked for.
DATED: dict[str, Callable[..., Dated | None]] = {
    "agenda": _agenda_date, "minutes": _minutes_date, "decision-paper": _decision_paper_date,
    "mandate": _mandate_date, "network-agenda": _network_agenda_date,
}


def document_date(tx, name: str, args: tuple[Any, ...], asked: date | None = None) -> Dated:
    """The day document ``name`` (built from ``args``) shows: its own date, or the date asked
    for when that is earlier (or when it has none); today when neither is given."""
    rule = DATED.get(name)
    own = rule(tx, *args) if rule is not None else None
    if own is None:
        return (asked or today(tx)), True, None
    if asked is not None and asked < own[0]:
        return asked, True, None
    return own


def build(tx, name: str, lang: Lang = "da", *, project: str | None = None,
          meeting: Any = None, decision: str | None = None, number: int | None = None,
          phase: str | None = None, network: str | None = None,
          public: bool = False, as_of: date | None = None,
          role: str | None = None) -> DocumentData:
    """The data of document ``name``, built from the records as of its date
    (``data["as_of"]``: see :func:`document_date`; ``as_of`` is the date asked for); raises
    InvalidInput naming what is missing."""
    doc = lookup(name)
    given = Given(project=project, meeting=meeting, decision=decision, number=number,
                  phase=phase, network=network, public=public, role=role)
    day, inclusive, own = document_date(tx, name, _ARGUMENTS[doc.needs](tx, name, given), as_of)
    view = as_of_view(tx, day, inclusive, own)
    data = doc.build(view, *_ARGUMENTS[doc.needs](view, name, given), lang)
    data["doc"] = doc.info(lang)
    data["terms"] = _terms(tx, given, lang)
    data["as_of"] = day
    data.setdefault("public", public)
    return data


def _terms(tx, given: Given, lang: Lang) -> dict[str, str]:
    """The words of the definition the document is rendered under (nybureau.workflow.terms):
    the project's, a meeting's project's or network's, or a network's (its first project's
    definition; the projects of one network share the method)."""
    from nybureau.workflow.terms import terms_of

    row: Any = None
    if given.project is not None:
        row = tx.project_get(given.project)
    elif given.meeting is not None or given.network is not None:
        network_id = None
        if given.meeting is not None:
            from nybureau.services.meetings import get_meeting_row

            meeting = get_meeting_row(tx, given.meeting)  # it exists: the document is built
            if meeting["project_slug"] is not None:
                row = tx.project_get(meeting["project_slug"])
            else:
                network_id = meeting.get("network_id")
        else:
            net = tx.network_get(given.network)
            network_id = net["id"] if net is not None else None
        if row is None and network_id is not None:
            projects = tx.project_list(network_id)
            row = projects[0] if projects else None
    if row is None:
        return terms_of(None, lang)
    return terms_of(tx.workflow_spec(row["workflow_definition_id"]).terms, lang)


Targets = Iterator[tuple[Any, dict[str, Any]]]  # (target, the keywords build takes for it)


def _project_targets(scope: Scope) -> Targets:
    if scope.project is not None:
        yield None, {"project": scope.project.slug}


def _decision_targets(scope: Scope) -> Targets:
    if scope.project is not None:
        for p in scope.spec.phases:
            for d in p.decisions:
                yield (p, d), {"project": scope.project.slug, "decision": d.id}


def _number_targets(scope: Scope) -> Targets:
    if scope.project is not None:
        for n in (1, 2, 3):
            yield n, {"project": scope.project.slug, "number": n}


def _network_number_targets(scope: Scope) -> Targets:
    key, slug = (("project", scope.project.slug) if scope.project is not None
                 else ("network", scope.network.slug))
    for n in (1, 2, 3, 4):
        yield n, {key: slug, "number": n}


def _phase_targets(scope: Scope) -> Targets:
    if scope.project is not None:
        for p in scope.spec.phases:
            yield p, {"project": scope.project.slug, "phase": p.id}


def _meeting_targets(scope: Scope) -> Targets:
    if scope.project is not None:
        for m in scope.meetings:
            yield m, {"meeting": m.id}


def _role_targets(scope: Scope) -> Targets:
    from nybureau.domain.substance import INTERVIEW_ROLES

    if scope.project is not None:
        for r in INTERVIEW_ROLES:
            yield r, {"project": scope.project.slug, "role": r}


def _owner_targets(scope: Scope) -> Targets:
    if scope.project is not None:
        yield scope.project, {"project": scope.project.slug}
    elif scope.network is not None:
        yield scope.network, {"network": scope.network.slug}


# Each kind of need: the targets a scope has for it, in order.
_TARGETS: dict[Needs, Callable[[Scope], Targets]] = {
    Needs.PROJECT: _project_targets, Needs.DECISION: _decision_targets,
    Needs.NUMBER: _number_targets, Needs.PHASE: _phase_targets,
    Needs.NETWORK_NUMBER: _network_number_targets, Needs.MEETING: _meeting_targets,
    Needs.OWNER: _owner_targets, Needs.ROLE: _role_targets,
}
assert set(_ARGUMENTS) == set(_TARGETS) == set(Needs), "every kind of need is served"


def available(tx, project: str | None = None, *, network: str | None = None
              ) -> list[DocumentRef]:
    """Every document the project's (or the network's) state allows, as keyword sets for
    :func:`build`, in the order of ``render all``."""
    if project is not None:
        scope = Scope(tx, project=get_project(tx, project))
    elif network is not None:
        scope = Scope(tx, network=get_network(tx, network))
    else:
        raise InvalidInput(Msg("Say which project or network."))
    out: list[DocumentRef] = []
    for section in Section:
        docs = [d for d in REGISTRY.values() if d.section is section]
        for needs in dict.fromkeys(d.needs for d in docs):  # in the order of declaration
            group = [d for d in docs if d.needs is needs]
            for target, keywords in _TARGETS[needs](scope):
                out += [DocumentRef(name=d.name, **keywords)  # type: ignore[typeddict-item]
                        for d in group if d.available(scope, target)]
    return out


def build_all(tx, project: str, lang: Lang = "da", public: bool = False,
              as_of: date | None = None) -> list[DocumentData]:
    """The data of every document :func:`available` lists for the project (as of the date
    asked for, when given: the project's state then decides what is available), each as of its
    own date (see :func:`build`)."""
    out = []
    for ref in available(as_of_view(tx, as_of), project):
        kw: dict[str, Any] = dict(ref)
        name = kw.pop("name")
        out.append(build(tx, name, lang, public=public, as_of=as_of, **kw))
    return out
