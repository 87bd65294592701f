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

Messages are given in English and, where a project leader meets them, in Danish; the CLI picks
the language with ``--lang``.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    "RenderError",
    "Problem",
]


class NybureauError(Exception):
    """Root of every error nybureau reports to a user."""

    exit_code = 1

    def __init__(self, message: str, da: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.message_da = da

    def render(self, lang: str = "en") -> str:
        if lang == "da" and self.message_da:
            return self.message_da
        return self.message


class InvalidInput(NybureauError):
    pass


class NotFound(NybureauError):
    pass


class AlreadyExists(NybureauError):
    pass


class ReasonRequired(NybureauError):
    pass


class ConcurrentChange(NybureauError):
    def __init__(self, project: str) -> None:
        super().__init__(
            f"Project '{project}' was changed by someone else since you read it; nothing was "
            "saved. Look at `nybureau status` and try again.",
            f"Projektet '{project}' er ændret af en anden, siden du læste det; intet er gemt. "
            "Se `nybureau status`, og prøv igen.",
        )
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
        super().__init__(self._text("en"), self._text("da"))

    def _text(self, lang: str) -> str:
        title = self.phase_title.get(lang) or self.phase_title.get("en", "")
        if lang == "da":
            head = (
                f"Projektet '{self.project}' kan ikke gå videre fra fasen «{title}». "
                "Det mangler:"
            )
            tail = (
                "Registrér det, der mangler, og prøv igen — eller spring over med "
                "`--to FASE --reason \"…\"`."
            )
        else:
            head = f"Project '{self.project}' cannot leave the phase “{title}” yet. Still missing:"
            tail = (
                "Record what is missing and try again — or jump past it with "
                "`--to PHASE --reason \"…\"`."
            )
        lines = [head] + [f"  - {m.get(lang) or m['en']}" for m in self.missing] + [tail]
        return "\n".join(lines)


@dataclass(frozen=True)
class Problem:
    """One validation problem in a file, reported as ``file:line: message``."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class _FileProblems(NybureauError):
    what = "file"

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        body = "\n".join(str(p) for p in self.problems)
        n = len(self.problems)
        super().__init__(
            f"The {self.what} is invalid ({n} problem{'s' if n != 1 else ''}); nothing was "
            f"written:\n{body}",
            f"Filen er ugyldig ({n} problem{'er' if n != 1 else ''}); intet er skrevet:\n{body}",
        )


class WorkflowDefinitionError(_FileProblems):
    what = "workflow definition"


class ScenarioError(_FileProblems):
    what = "scenario file"


class DatabaseError(NybureauError):
    pass


class RenderError(NybureauError):
    pass
