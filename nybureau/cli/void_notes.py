"""Corrections: ``note void`` — void a field note entered by mistake (it stays in the history
and leaves the items' evidence, the trace and the documents). Attached to the group of
:mod:`nybureau.cli.notes`."""

from __future__ import annotations

from nybureau.cli._voids import void_command
from nybureau.cli.notes import note
from nybureau.i18n import Msg

void_command(
    note, "field_note", __name__, ref=("note_id", "NOTE_ID"),
    help="Void a field note (NOTE_ID: see `note list`).",
    done=Msg(
        "Field note {id} is voided; it is no longer evidence of its governance items but stays "
        "in the history."))
