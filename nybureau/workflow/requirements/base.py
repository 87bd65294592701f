"""The base of a requirement kind, and the registry of kinds.

A kind is one class: its typed parameters, the facts it reads (:class:`~nybureau.domain.facts.Fact`
objects, each of which says how its rows are read — once, for every reader), whether a project's
facts meet it, and its sentences in Danish and English. :func:`register` refuses a kind that
does not declare its facts, so a kind can never be silently unmet for want of them.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, ClassVar

from nybureau.domain.facts import Fact, ProjectFacts
from nybureau.domain.vocabulary import BODIES, join_words, label
from nybureau.workflow.spec import RequirementSpec, WorkflowSpec

__all__ = ["Param", "RequirementKind", "REGISTRY", "register", "unregister", "kind_of",
           "registered_facts", "Evaluation", "evaluate", "mid_sentence", "bodies_text"]


@dataclass(frozen=True)
class Param:
    """A typed parameter. ``type`` is one of: int, bool, str, body, bodies, activity,
    activities, decision."""

    type: str
    required: bool = True
    default: Any = None
    minimum: int | None = None


class RequirementKind:
    """Base class. Subclasses set ``name``, ``params`` and ``facts`` and implement ``met``,
    ``describe`` (and usually ``missing`` and ``command``).

    ``facts`` is the tuple of :class:`Fact` objects ``met``/``missing`` read (``()`` when a
    kind reads none). ``reads`` may narrow, for given parameters, which part of each fact is
    read (e.g. one decision id); by default all of each."""

    name: ClassVar[str]
    params: ClassVar[dict[str, Param]]
    facts: ClassVar[tuple[Fact, ...]]

    @classmethod
    def reads(cls, params: dict[str, Any]) -> dict[Fact, frozenset | None]:
        """fact → the keys of it these parameters read (None: all of it)."""
        return {f: None for f in cls.facts}

    @classmethod
    def check(cls, params: dict[str, Any], spec_decisions: dict[str, tuple[str, ...]]) -> list[str]:
        """Problems with the parameters beyond their types (e.g. an unknown decision id)."""
        return []

    @classmethod
    def default_id(cls, params: dict[str, Any]) -> str:
        return cls.name

    @classmethod
    def met(cls, params: dict[str, Any], facts: ProjectFacts, spec: WorkflowSpec) -> bool:
        raise NotImplementedError

    @classmethod
    def describe(cls, params: dict[str, Any], spec: WorkflowSpec, lang: str) -> str:
        """What the requirement asks for, as a checklist line."""
        raise NotImplementedError

    @classmethod
    def missing(
        cls, params: dict[str, Any], facts: ProjectFacts, spec: WorkflowSpec, lang: str
    ) -> str:
        """What is still missing, given the facts (only called when not met)."""
        return ""

    @classmethod
    def command(cls, params: dict[str, Any], spec: WorkflowSpec, project: str) -> str:
        """The command that records what this requirement asks for."""
        return ""

    @classmethod
    def warning(cls, params: dict[str, Any], facts: ProjectFacts, spec: WorkflowSpec,
                lang: str) -> str:
        """What ``status`` warns of while the requirement is met (a kind whose parameters make
        it a warning rather than a gate); "" when nothing."""
        return ""

    @classmethod
    def next_command(cls, params: dict[str, Any], facts: ProjectFacts, spec: WorkflowSpec,
                     project: str) -> str:
        """The command that records what is still missing (``status``'s next step)."""
        return cls.command(params, spec, project)


REGISTRY: dict[str, type[RequirementKind]] = {}
_FIELDS = tuple(f.name for f in fields(ProjectFacts))


class KindDeclarationError(TypeError):
    """A requirement kind registered without what it must declare (a programming error,
    raised when the kind's module is imported)."""


def _slot(fact: Fact) -> tuple[str, str]:
    """Where a fact puts its values in ProjectFacts."""
    return (fact.field, fact.name if fact.field == "counts" else "")


def registered_facts() -> tuple[Fact, ...]:
    """Every fact a registered kind reads, each once, in the order the kinds were registered."""
    seen: dict[int, Fact] = {}
    for cls in REGISTRY.values():
        for fact in cls.facts:
            seen.setdefault(id(fact), fact)
    return tuple(seen.values())


def register(cls: type[RequirementKind]) -> type[RequirementKind]:
    """Add a kind to the registry (a class decorator). Refuses, naming the kind, a kind without
    a ``name``, ``params`` or ``facts``, and a fact that would fill the place of another."""
    name = getattr(cls, "name", None)
    if not isinstance(name, str) or not name:
        raise KindDeclarationError(f"requirement kind {cls.__qualname__} has no name")
    for attr in ("params", "facts"):
        if not any(attr in vars(k) for k in cls.__mro__ if k is not RequirementKind):
            hint = (" (the Fact objects it reads, e.g. facts = (Count(\"things\", \"thing\"),);"
                    " facts = () if it reads none)") if attr == "facts" else ""
            raise KindDeclarationError(
                f"requirement kind '{name}' ({cls.__qualname__}) does not declare its "
                f"{attr}{hint}")
    facts = cls.facts
    if not isinstance(facts, tuple) or not all(isinstance(f, Fact) for f in facts):
        raise KindDeclarationError(
            f"requirement kind '{name}': facts must be a tuple of Fact objects, not {facts!r}")
    for fact in facts:
        if fact.field not in _FIELDS:
            raise KindDeclarationError(
                f"requirement kind '{name}': its fact {fact!r} fills '{fact.field}', which is "
                f"not a part of ProjectFacts ({', '.join(_FIELDS)})")
    if name in REGISTRY and REGISTRY[name] is not cls:
        raise KindDeclarationError(f"requirement kind '{name}' is registered twice")
    taken = {_slot(f): f for f in registered_facts()}
    for fact in facts:
        other = taken.get(_slot(fact))
        if other is not None and other is not fact and not _same(other, fact):
            raise KindDeclarationError(
                f"requirement kind '{name}': its fact {fact!r} would fill the same place of "
                f"the facts as {other!r}; give it another name")
    REGISTRY[name] = cls
    return cls


def _same(a: Fact, b: Fact) -> bool:
    same_as = getattr(a, "same_as", None)
    return bool(same_as and same_as(b))


def unregister(name: str) -> None:
    """Remove a kind (for tests that define one of their own)."""
    REGISTRY.pop(name, None)


def kind_of(name: str) -> type[RequirementKind] | None:
    return REGISTRY.get(name)


# -- sentences shared by the kinds --------------------------------------------------------------
def mid_sentence(word: str) -> str:
    """'Ledelsen' → 'ledelsen' inside a Danish sentence; 'MED-udvalget' stays as it is."""
    return word[0].lower() + word[1:] if len(word) > 1 and word[1].islower() else word


def bodies_text(bodies: list[str], lang: str) -> str:
    words = [label(BODIES, b, lang) for b in bodies]
    if lang == "da":
        words = [mid_sentence(w) for w in words]
    return join_words(words, lang)


# -- evaluation ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Evaluation:
    id: str
    kind: str
    met: bool
    text: dict[str, str]      # the checklist line, per language
    missing: dict[str, str]   # what is still missing, per language ("" when met)

    def sentence(self, lang: str) -> str:
        line = self.text[lang]
        return f"{line} ({self.missing[lang]})" if self.missing.get(lang) else line


def evaluate(req: RequirementSpec, facts: ProjectFacts, spec: WorkflowSpec) -> Evaluation:
    cls = REGISTRY[req.kind]
    ok = cls.met(req.params, facts, spec)
    return Evaluation(
        id=req.id,
        kind=req.kind,
        met=ok,
        text={lang: cls.describe(req.params, spec, lang) for lang in ("da", "en")},
        missing={
            lang: ("" if ok else cls.missing(req.params, facts, spec, lang)) for lang in ("da", "en")
        },
    )
