"""Meetings: plan a meeting of a project's body (or a network meeting) with an agenda built from
what the project is waiting for, edit the agenda, record each item's outcome once, approve the
minutes, cancel a planned meeting, and build its calendar invitation.

The public API below is what the CLI (and a future web view) calls; each function takes the
open transaction ``tx`` first. The rules (the lifecycle, the vocabularies, the bilingual texts)
are in :mod:`nybureau.domain.meetings`.

Modules: ``planning`` (project and network meetings), ``agenda`` (items and attachments),
``attendance`` (time, place, people), ``minutes`` (outcomes and approval), ``cancelling``,
``reading`` (show, list, an item's texts), ``series`` (a body's meetings planned together),
``actions`` (action items: add, close, edit, list), ``follow_up`` (the agenda item following
them up), ``invitations`` (who an ICS invitation goes to and
its version), ``_shared`` (the helpers they share).
"""

from __future__ import annotations

from nybureau.domain.meetings import (
    ITEM_KINDS,
    NETWORK_THEMES,
    STANDING,
    STANDING_BY_BODY,
    STATUSES,
    in_lang,
)
from nybureau.services.meetings._shared import (
    aware,
    get_item,
    get_meeting_row,
    meeting_name,
    parse_datetime,
)
from nybureau.services.meetings.actions import (
    add_action,
    add_project_action,
    close_action,
    edit_action,
    get_action,
    list_actions,
)
from nybureau.services.meetings.agenda import add_item, attach, edit_item, move_item
from nybureau.services.meetings.attendance import edit_meeting
from nybureau.services.meetings.cancelling import (
    cancel_meeting,
    cancellation,
    refuse_document_of_cancelled,
)
from nybureau.services.meetings.invitations import invitation
from nybureau.services.meetings.minutes import approve_minutes, record_outcome
from nybureau.services.meetings.planning import (
    pending_decisions,
    plan_meeting,
    plan_network_meeting,
    plan_project_meeting,
)
from nybureau.services.meetings.sending import send_agenda
from nybureau.services.meetings.series import list_series, plan_series
from nybureau.services.meetings.reading import (
    generated_texts,
    item_background,
    item_recommendations,
    list_meetings,
    show_meeting,
)

# The helpers nybureau.services.process (corrections) shares with the use cases here (an item's
# attachment voided, an outcome amended): the same look-ups, version bump, audit event and
# refusal. Not part of the public API.
from nybureau.services.meetings._shared import audit as _audit  # noqa: E402
from nybureau.services.meetings._shared import get_item as _item  # noqa: E402
from nybureau.services.meetings._shared import refuse_if_cancelled as _refuse_if_cancelled  # noqa: E402,E501
from nybureau.services.meetings._shared import touch as _touch  # noqa: E402

__all__ = [
    # planning
    "plan_meeting",
    "plan_project_meeting",
    "plan_network_meeting",
    "pending_decisions",
    # meetings in series
    "plan_series",
    "list_series",
    # reading
    "show_meeting",
    "list_meetings",
    "get_meeting_row",
    "get_item",
    "meeting_name",
    "item_background",
    "item_recommendations",
    "generated_texts",
    # sending the agenda (its generated texts frozen)
    "send_agenda",
    "in_lang",
    "aware",
    "parse_datetime",
    # the agenda
    "add_item",
    "move_item",
    "edit_item",
    "attach",
    # details and attendance
    "edit_meeting",
    # outcomes and minutes
    "record_outcome",
    "approve_minutes",
    # cancelling
    "cancel_meeting",
    "cancellation",
    "refuse_document_of_cancelled",
    # the invitation
    "invitation",
    # action items (handlepunkter)
    "add_action",
    "add_project_action",
    "close_action",
    "edit_action",
    "get_action",
    "list_actions",
    # vocabularies (defined in nybureau.domain.meetings)
    "ITEM_KINDS",
    "STATUSES",
    "STANDING",
    "STANDING_BY_BODY",
    "NETWORK_THEMES",
]
