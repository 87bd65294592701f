"""``nybureau log`` sentences for the documentation agents' field work (issue 16 §4): a field
note recorded and voided. Merged into :data:`nybureau.cli.log_sentences.SENTENCES`."""

from __future__ import annotations

from typing import Any

from nybureau.cli.log_sentences import Sentence
from nybureau.domain import substance as sub
from nybureau.domain.vocabulary import label


def _items(a: dict[str, Any]) -> tuple[str, str]:
    titles = [t for t in a.get("item_titles") or [] if t]
    if not titles:
        return "", ""
    da = ", ".join(f"»{t}«" for t in titles)
    en = ", ".join(f"“{t}”" for t in titles)
    return f" som belæg for {da}", f" as evidence of {en}"


FIELDWORK: dict[str, Sentence] = {
    "note.add": lambda a, b, w: (
        f"En feltnote fra {label(sub.NOTE_SOURCES, a.get('source') or '', 'da')} "
        f"({label(sub.HEARD_ROLES, a.get('heard') or '', 'da')}){w.on(a.get('date'))[0]} er "
        f"registreret{_items(a)[0]}.",
        f"A field note from {label(sub.NOTE_SOURCES, a.get('source') or '', 'en')} "
        f"({label(sub.HEARD_ROLES, a.get('heard') or '', 'en')}){w.on(a.get('date'))[1]} was "
        f"recorded{_items(a)[1]}."),
    "note.void": lambda a, b, w: (
        f"Feltnote {a.get('note')}{w.on(a.get('noted_on'))[0]} er annulleret. "
        f"Begrundelse: {a.get('reason')}",
        f"Field note {a.get('note')}{w.on(a.get('noted_on'))[1]} was voided. "
        f"Reason: {a.get('reason')}"),
}
