"""The one document registry: every document nybureau renders is declared here once, beside its
builder, with :func:`document`::

    @document("mandate", title=Words("Kommissorium for styregruppen", "Steering group mandate"),
              stem=Words("kommissorium", "mandate"), needs=Needs.PROJECT,
              section=Section.PROJECT, available=always)
    def mandate(tx, project, lang): ...

The declaration says everything the rest of nybureau asks about a document: its name (the
template is ``templates/NAME.FORMAT.j2``), its title and file-name stem in Danish and English,
what it needs (:class:`Needs`: what ``render NAME`` must be given, and so the arguments its
builder takes), where ``render all`` lists it (:class:`Section`) and when a project's state makes
it available (``available(scope, target) -> bool``: asked with the project's :class:`Scope`
for each target its needs enumerate, see :mod:`nybureau.services.documents.catalogue`). A
declaration that lacks any of these fails when its module is imported.

Each document is built from the records as of its own date (``data["as_of"]``): the rules of
the documents with a date of their own are ``DATED`` in
:mod:`nybureau.services.documents.catalogue`, the view of the records
:mod:`nybureau.services.documents.asof`.

The order of ``render list`` (and of the "Unknown document" message) is the order of the
package's document modules (``FAMILIES`` in its ``__init__``, see :func:`arrange`), then the
order of the declarations in each.

To add a document: declare it with its builder in the module of its family (a new module goes
into ``FAMILIES``); write ``templates/NAME.md.j2`` and ``templates/NAME.html.j2`` (DOCX is made
from the HTML); add it to the golden documents (``tests/meetings/conftest.py`` ``DOCS`` or
``tests/substance/test_documents.py`` ``DOCS``; ``NYBUREAU_UPDATE_GOLDEN=1``) and to ``LISTED``
in ``tests/unit/test_document_registry.py``. ``render list``, ``render NAME``, ``render all``
and the render matrix find it through the registry.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from enum import Enum, IntEnum
from typing import Any, Callable, Iterator, Literal, TypeVar

from nybureau.domain.records import MeetingListed, Network, Project
from nybureau.errors import NotFound
from nybureau.i18n import Msg

Lang = Literal["da", "en"]
DocumentData = dict[str, Any]  # what a builder returns: the template's context
Builder = Callable[..., DocumentData]
Availability = Callable[["Scope", Any], bool]  # (scope, target) -> whether it is available


class Needs(str, Enum):
    """What a document is about: what ``render NAME`` must be given, and so what its builder is
    called with (``tx`` first, ``lang`` last):

    ========================  ==========================================  =====================
    needs                     given                                       builder's arguments
    ========================  ==========================================  =====================
    ``PROJECT``               ``--project P``                             project
    ``DECISION``              ``--project P --decision D``                project, decision id
    ``NUMBER``                ``--project P --number N`` (module)         project, number
    ``NETWORK_NUMBER``        ``--project P|--network N --number N``      network, number
    ``PHASE``                 ``--project P --phase F``                   project, phase id
    ``MEETING``               ``--meeting M``                             meeting id, public
    ``OWNER``                 ``--project P|--network N``                 project, network
                                                                          (one of them None)
    ``ROLE``                  ``--project P --role R`` (interview guide)  project, role
    ========================  ==========================================  =====================

    The value is what ``render list --json`` prints."""

    MEETING = "meeting"
    DECISION = "decision"
    PROJECT = "project"
    NUMBER = "number"
    NETWORK_NUMBER = "network_number"
    PHASE = "phase"
    OWNER = "owner"
    ROLE = "role"


class Section(IntEnum):
    """Where ``render all`` (and :func:`available`) lists a document, in this order. Within a
    section the targets come first (in the order its needs enumerates them: the project, its
    decisions, modules 1–3, network meetings 1–4, phases, meetings), then the documents in the
    order of their declarations: a meeting's agenda, then its minutes."""

    PROJECT = 1  # the project's standing documents: description, mandate, status report
    DECISIONS = 2  # a decision paper for each decision of the phases reached
    PHASE_GUIDES = 3  # the guides to the activities of the phases reached
    PHASE_SUMMARIES = 4  # a summary of each phase left
    MEETINGS = 5  # each meeting's agenda and minutes
    SUBSTANCE = 6  # the documents of phases 3–6 the records allow


@dataclass(frozen=True)
class Words:
    """A text in Danish and English."""

    da: str
    en: str

    def __getitem__(self, lang: str) -> str:
        return self.da if lang == "da" else self.en


@dataclass(frozen=True)
class Document:
    """One document, as declared."""

    name: str
    title: Words
    stem: Words  # the file name's first part; the builder's ``subject`` follows it
    needs: Needs
    section: Section
    available: Availability
    build: Builder

    def info(self, lang: str) -> DocumentData:
        """The ``doc`` entry of the document's data: what templates and file names use."""
        return {"name": self.name, "title": self.title[lang], "lang": lang,
                "stem": self.stem[lang]}


class Scope:
    """What availability is decided from: one project's state (or, with ``network``, one
    network's), each part read once, when a document first asks for it."""

    def __init__(self, tx, project: Project | None = None,
                 network: Network | None = None) -> None:
        self.tx = tx
        self.project = project
        self.network = network
        self._memo: dict[str, Any] = {}

    @cached_property
    def spec(self) -> Any:
        return self.tx.workflow_spec(self.project.workflow_definition_id)

    @cached_property
    def _reached(self) -> int:
        return self.spec.index(self.project.phase)

    def reached(self, phase: Any) -> bool:
        """Whether the project has reached ``phase`` (a phase of its workflow, or None)."""
        return phase is not None and self.spec.index(phase.id) <= self._reached

    @cached_property
    def left(self) -> set[str]:
        """The phases the project has left at least once."""
        return {tr.from_phase for tr in self.tx.transitions(self.project.id)
                if tr.from_phase}

    @cached_property
    def meetings(self) -> list[MeetingListed]:
        return self.tx.meeting_list(project_id=self.project.id)

    def memo(self, key: str, read: Callable[[], Any]) -> Any:
        """``read()`` once per scope (e.g. the substance counts several documents ask for)."""
        if key not in self._memo:
            self._memo[key] = read()
        return self._memo[key]


class DocumentDeclarationError(TypeError):
    """A document declared without all it needs (a programming error, raised on import)."""


REGISTRY: dict[str, Document] = {}


def _words(what: str, name: str, value: Any) -> Words:
    if not isinstance(value, Words) or not all(
            isinstance(v, str) and v.strip() for v in (value.da, value.en)):
        raise DocumentDeclarationError(
            f"document {name!r}: {what} must be Words(da, en) with both texts, not {value!r}")
    return value


def declare(name: str, *, title: Words, stem: Words, needs: Needs, section: Section,
            available: Availability, build: Builder) -> Document:
    """Add a document to the registry; anything missing or wrong raises
    :class:`DocumentDeclarationError`."""
    if not isinstance(name, str) or not name or name != name.strip().lower() or " " in name:
        raise DocumentDeclarationError(f"a document's name must be a lower-case word: {name!r}")
    if name in REGISTRY:
        raise DocumentDeclarationError(f"document {name!r} is declared twice")
    if not isinstance(needs, Needs):
        raise DocumentDeclarationError(f"document {name!r}: needs must be a Needs, not {needs!r}")
    if not isinstance(section, Section):
        raise DocumentDeclarationError(
            f"document {name!r}: section must be a Section, not {section!r}")
    for what, fn in (("build", build), ("available", available)):
        if not callable(fn):
            raise DocumentDeclarationError(f"document {name!r} has no {what} function")
    doc = Document(name=name, title=_words("title", name, title), stem=_words("stem", name, stem),
                   needs=needs, section=section, available=available, build=build)
    REGISTRY[name] = doc
    return doc


B = TypeVar("B", bound=Builder)


def document(name: str, *, title: Words, stem: Words, needs: Needs, section: Section,
             available: Availability) -> Callable[[B], B]:
    """Declare the decorated function as the builder of document ``name``."""
    def register(build: B) -> B:
        declare(name, title=title, stem=stem, needs=needs, section=section, available=available,
                build=build)
        return build
    return register


def arrange(modules: list[str]) -> None:
    """Order the registry by family: the documents of ``modules[0]`` first, each module's in
    the order of their declarations. A document declared in a module not named fails."""
    rank = {m: i for i, m in enumerate(modules)}
    strays = [d.name for d in REGISTRY.values() if d.build.__module__ not in rank]
    if strays:
        raise DocumentDeclarationError(
            f"documents declared outside the package's FAMILIES: {', '.join(strays)}")
    ordered = sorted(REGISTRY.values(), key=lambda d: rank[d.build.__module__])  # stable
    REGISTRY.clear()
    REGISTRY.update((d.name, d) for d in ordered)


def always(scope: Scope, target: Any) -> bool:
    """Available whenever its needs give a target (e.g. every project's mandate)."""
    return True


def lookup(name: str) -> Document:
    """The declared document ``name``; NotFound names every document."""
    doc = REGISTRY.get(name)
    if doc is None:
        names = ", ".join(REGISTRY)
        raise NotFound(Msg("Unknown document '{name}'. Documents: {names}.", name=name,
                           names=names))
    return doc


def documents() -> Iterator[Document]:
    """Every declared document, in the order of ``render list``."""
    return iter(list(REGISTRY.values()))
