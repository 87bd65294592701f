"""``nybureau log`` sentences for the frame project a network carries (issue 16): the programme
given or changed, a step added, a step done, a step opened again. Merged into
:data:`nybureau.cli.log_sentences.SENTENCES`."""

from __future__ import annotations

from typing import Any

from nybureau.cli.log_sentences import Sentence

_FIELDS = {"name": ("navn", "name"), "owner": ("ejer", "owner"),
           "management": ("projektledelse", "project management"),
           "description": ("beskrivelse", "description")}


def _programme(a, b, w) -> tuple[str, str]:  # noqa: ANN001
    """network.programme: given (no before) or changed (the fields changed)."""
    if not b:
        return (f"Netværket har fået rammeprojektet »{a.get('name')}«.",
                f"The network was given the frame project “{a.get('name')}”.")
    fields = [k for k in _FIELDS if k in a or k in b]
    da = ", ".join(_FIELDS[k][0] for k in fields)
    en = ", ".join(_FIELDS[k][1] for k in fields)
    return (f"Rammeprojektet er ændret ({da}).", f"The frame project was changed ({en}).")


def _step_add(a, b, w) -> tuple[str, str]:  # noqa: ANN001
    due_da, due_en = w.on(a.get("due_on"))
    return (f"Rammeprojektets trin {a.get('number')} »{a.get('title')}« er tilføjet"
            + (f", forventet afsluttet{due_da}" if due_da else "") + ".",
            f"Step {a.get('number')} “{a.get('title')}” was added to the frame project"
            + (f", expected to end{due_en}" if due_en else "") + ".")


def _step_done(a, b, w) -> tuple[str, str]:  # noqa: ANN001
    on_da, on_en = w.on(a.get("done_on"))
    return (f"Rammeprojektets trin {a.get('number')} »{a.get('title')}« er gennemført{on_da}.",
            f"Step {a.get('number')} “{a.get('title')}” of the frame project was done{on_en}.")


def _step_reopen(a, b, w) -> tuple[str, str]:  # noqa: ANN001
    on_da, on_en = w.on((b or {}).get("done_on"))
    return (f"Rammeprojektets trin {a.get('number')} »{a.get('title')}« er åbnet igen (det var "
            f"markeret gennemført{on_da}). Begrundelse: {a.get('reason')}",
            f"Step {a.get('number')} “{a.get('title')}” of the frame project was opened again "
            f"(it had been marked done{on_en}). Reason: {a.get('reason')}")


PROGRAMME: dict[str, Sentence] = {
    "network.programme": _programme,
    "programme.step_add": _step_add,
    "programme.step_done": _step_done,
    "programme.step_reopen": _step_reopen,
}

__all__: list[Any] = ["PROGRAMME"]
