"""Every refusal nybureau makes is a :class:`NybureauError`; the CLI catches this root once.

The tree::

    NybureauError                  exit 1, one paragraph, no traceback
    ├── InvalidInput               a value given by the user is wrong (date, name, outcome …)
    ├── NotFound                   a project, network, person, phase or decision id does not exist
    ├── AlreadyExists              a slug or record that must be unique is taken
    ├── RequirementsNotMet         a forward move was refused; carries the unmet requirements
    ├── ReasonRequired             a jump (spring) or going back (tilbageløb) without --reason
    ├── ConcurrentChange           the project changed since it was read ("changed since you read it")
    ├── WorkflowDefinitionError    a workflow file is invalid; carries file:line problems
    ├── ScenarioError              a scenario file for ``project import`` is invalid; file:line
    ├── DatabaseError              the store cannot be used (not initialised, outdated, locked)
    └── RenderError                a document could not be rendered (template file and line)

A refusal carries its message as a :class:`nybureau.i18n.Msg` (the English text with named
values; the Danish text is in the message catalogue): ``str(err)`` and ``err.message`` are
English, ``err.render("da")`` is Danish, and the CLI renders it in the language of ``--lang``
when it prints it (``err.msg`` is the message itself, to pass on inside another one). A plain
``str`` is shown as it is in every language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from nybureau.i18n import Msg

__all__ = [
    "NybureauError",
    "InvalidInput",
    "NotFound",
    "AlreadyExists",
    "RequirementsNotMet",
    "ReasonRequired",
    "ConcurrentChange",
    "WorkflowDefinitionError",
    "ScenarioError",
    "DatabaseError",
    "Denied",
    "RenderError",
    "Problem",
]


class NybureauError(Exception):
    """Root of every error nybureau reports to a user."""

    exit_code = 1

    def __init__(self, message: Msg | str) -> None:
        self.msg = message
        self.message = str(message)
        super().__init__(self.message)

    def render(self, lang: str = "en") -> str:
        """The message in ``lang`` (``da`` or ``en``)."""
        return self.msg.render(lang) if isinstance(self.msg, Msg) else self.msg


class InvalidInput(NybureauError):
    pass


class NotFound(NybureauError):
    pass


class AlreadyExists(NybureauError):
    pass


class ReasonRequired(NybureauError):
    pass


class Denied(NybureauError):
    """The signed-in person (or nobody) may not see or do this (the web view: 403)."""

    exit_code = 5


class ConcurrentChange(NybureauError):
    def __init__(self, project: str) -> None:
        super().__init__(Msg(
            "Project '{project}' was changed by someone else since you read it; nothing was "
            "saved. Look at `nybureau status` and try again.", project=project))
        self.project = project


class RequirementsNotMet(NybureauError):
    """A forward move was refused. ``missing`` holds one sentence per unmet requirement."""

    def __init__(
        self,
        project: str,
        phase_title: dict[str, str],
        missing: list[dict[str, str]],
    ) -> None:
        self.project = project
        self.phase_title = phase_title
        self.missing = missing
        super().__init__(self.render("en"))

    def render(self, lang: str = "en") -> str:
        """The refusal in ``lang``: the phase, one line per missing requirement, what to do
        (the phase title and the sentences come in both languages from the workflow)."""
        title = self.phase_title.get(lang) or self.phase_title.get("en", "")
        head = Msg("Project '{project}' cannot leave the phase “{title}” yet. Still missing:",
                   project=self.project, title=title)
        tail = Msg("Record what is missing and try again — or jump past it with "
                   "`--to PHASE --reason \"…\"`.")
        lines = [head.render(lang)] + [f"  - {m.get(lang) or m['en']}" for m in self.missing]
        return "\n".join(lines + [tail.render(lang)])


@dataclass(frozen=True)
class Problem:
    """One validation problem in a file, reported as ``file:line: message``."""

    file: str
    line: int
    #: a plain text, or a message (or a refusal) the CLI shows in its language
    message: Any

    def render(self, lang: str = "en") -> str:
        # a message, or a refusal that renders itself (RequirementsNotMet)
        render = getattr(self.message, "render", None)
        text = render(lang) if callable(render) else str(self.message)
        return f"{self.file}:{self.line}: {text}"

    def __str__(self) -> str:
        return self.render("en")


class _Problems:
    """Problems as one value of a message: one per line, in the message's language."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        self.msg = self  # (how a message's values tell a renderable from a plain value)

    def render(self, lang: str = "en") -> str:
        return "\n".join(p.render(lang) for p in self.problems)

    def __str__(self) -> str:
        return self.render("en")


class _FileProblems(NybureauError):
    what = "file"

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        body = _Problems(self.problems)
        n = len(self.problems)
        count = Msg("{n} problem", n=n) if n == 1 else Msg("{n} problems", n=n)
        super().__init__(Msg("The {what} is invalid ({count}); nothing was written:\n{body}",
                             what=self.what, count=count, body=body))


class WorkflowDefinitionError(_FileProblems):
    what = "workflow definition"


class ScenarioError(_FileProblems):
    what = "scenario file"


class ProgrammeError(_FileProblems):
    what = "programme file"


class DatabaseError(NybureauError):
    pass


class RenderError(NybureauError):
    pass
