"""The registry of requirement kinds: the one place that turns a requirement into a sentence.

A workflow definition only names a kind and its parameters; each kind declares its typed
parameters, the facts it reads (and how they are counted, once for every reader), checks its
parameters against the definition, decides whether a project's facts meet it, and says in Danish
or English what it asks for and what is still missing. ``status``, a refused ``advance`` and the
documents all use these same sentences.

To add a kind, subclass :class:`RequirementKind`, declare its ``facts`` and decorate it with
:func:`register` (see docs/DEVELOPING.md, "Add a requirement kind").

* :mod:`.base` — the base class, the registry, evaluation;
* :mod:`.facts` — the facts the built-in kinds read;
* :mod:`.kinds`, :mod:`.substance`, :mod:`.evaluation`, :mod:`.programme`, :mod:`.trial` — the built-in kinds.
"""

from nybureau.workflow.requirements.base import (
    REGISTRY,
    Evaluation,
    KindDeclarationError,
    Param,
    RequirementKind,
    bodies_text,
    evaluate,
    kind_of,
    mid_sentence,
    register,
    registered_facts,
    unregister,
)
from nybureau.workflow.requirements import kinds as _kinds  # noqa: F401  (registers them)
from nybureau.workflow.requirements import substance as _substance  # noqa: F401
from nybureau.workflow.requirements import evaluation as _evaluation  # noqa: F401
from nybureau.workflow.requirements import programme as _programme  # noqa: F401
from nybureau.workflow.requirements import trial as _trial  # noqa: F401

__all__ = ["Param", "RequirementKind", "REGISTRY", "register", "unregister", "kind_of",
           "registered_facts", "KindDeclarationError", "Evaluation", "evaluate",
           "mid_sentence", "bodies_text"]
