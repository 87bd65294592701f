"""The process of a project: networks and projects, their bodies and documentation agents, the
decisions and activities recorded, the history, and corrections (voiding a record entered by
mistake; amending a meeting item's outcome).

The public API — what the CLI and a future web view call — is :data:`__all__`. (The phase gate
and the moves between phases are :mod:`nybureau.services.phases` and
:mod:`nybureau.services.gate_dates`.)

Modules:

* :mod:`.projects` — networks, projects, body members and documentation agents;
* :mod:`.records` — ``decision record`` and ``activity record``;
* :mod:`.history` — a project's history (``log``) and timeline;
* :mod:`.voids` — one declaration per voidable table (:data:`VOIDABLES`) and one
  :func:`void_record`; the lists with the ids it takes;
* :mod:`.amend` — amending a meeting item's recorded outcome;
* :mod:`.programme` — the frame project a network carries: owner, management, its steps;
* :mod:`.texts` — the project's own texts, who indstiller on its items, its sagsnr.
"""

from __future__ import annotations

from nybureau.services.process.amend import amend_outcome
from nybureau.services.process.history import imported_log, log, timeline
from nybureau.services.process.projects import (
    add_agent,
    add_member,
    create_network,
    create_project,
    list_networks,
    set_responsible,
    list_projects,
    remove_agent,
    remove_member,
    show_project,
)
from nybureau.services.process.programme import (
    add_step,
    list_steps,
    set_programme,
    show_programme,
    step_done,
    step_reopen,
)
from nybureau.services.process.records import duplicate_warning, record_activity, record_decision
from nybureau.services.process.texts import (
    check_field as check_text_field,
    clear_text,
    proposer_label,
    read_text_file,
    set_project,
    set_text,
    show_texts,
    texts_of,
)
from nybureau.services.process.voids import (
    VOIDABLES,
    Voidable,
    list_activities,
    list_attachments,
    list_criteria,
    list_decisions,
    list_rounds,
    list_votes,
    void_attachment,
    void_record,
)

__all__ = [
    # networks, projects, bodies and agents
    "create_network", "list_networks", "set_responsible", "create_project", "list_projects", "show_project",
    "add_member", "remove_member", "add_agent", "remove_agent",
    # the frame project a network carries
    "set_programme", "show_programme", "add_step", "step_done", "step_reopen", "list_steps",
    # the project's own texts and document settings
    "show_texts", "set_text", "clear_text", "set_project", "texts_of", "proposer_label",
    "read_text_file", "check_text_field",
    # recording
    "record_decision", "record_activity", "duplicate_warning",
    # the history
    "log", "imported_log", "timeline",
    # corrections
    "Voidable", "VOIDABLES", "void_record", "void_attachment", "amend_outcome",
    "list_activities", "list_decisions", "list_votes", "list_rounds", "list_criteria",
    "list_attachments",
]
