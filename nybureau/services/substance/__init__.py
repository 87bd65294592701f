"""The substance of phases 3–6: the governance register (mapping), the prioritisation workshop
and its focus areas, prototypes, evaluation (surveys, notes, spreading), an item's trace, and
the spreadsheets the agents import and the starter files for them.

The public API: what the CLI (and a future web view) calls. Every use case takes an open
transaction from the store (``tx``) and the project's slug, checks its input as the CLI does and
raises a :class:`~nybureau.errors.NybureauError` on refusal; a change writes its audit event in
the same transaction. The method's rules (vocabularies, points, warnings, anonymity) live in
:mod:`nybureau.domain.substance`.

Modules: :mod:`.governance`, :mod:`.workshop`, :mod:`.prototypes`, :mod:`.evaluation`,
:mod:`.trace`, :mod:`.risks` (the risk and barrier log), :mod:`.communication` (the
communication plan), :mod:`.spreadsheet_templates`; reading spreadsheets: :mod:`.csvfile` and
:mod:`.xlsx`.
"""

from __future__ import annotations

from nybureau.services.substance.communication import (
    add_stakeholder,
    list_stakeholders,
    update_stakeholder,
)
from nybureau.services.substance.evaluation import (
    add_note,
    add_spreading,
    import_survey,
    list_notes,
    list_spreading,
    survey_report,
    survey_summary,
)
from nybureau.services.substance.evaluation_design import (
    add_interview,
    implementation,
    implementation_records,
    rate_element,
    set_design,
    show_design,
)
from nybureau.services.substance.exemptions import (
    add_exemption,
    decide_exemption,
    list_exemptions,
    resolve_exemption,
)
from nybureau.services.substance.governance import (
    add_item,
    edit_item,
    import_items,
    list_items,
    mapping_report,
    resolve_item,
    show_item,
)
from nybureau.services.substance.fieldnotes import add_field_note, list_field_notes
from nybureau.services.substance.prototypes import (
    add_criterion,
    measure_criterion,
    add_iteration,
    add_prototype,
    list_prototypes,
    show_prototype,
)
from nybureau.services.substance.prototypes import resolve as resolve_prototype
from nybureau.services.substance.prototypes import set_plan as set_prototype_plan
from nybureau.services.substance.prototypes import set_status as set_prototype_status
from nybureau.services.substance.risks import add_risk, close_risk, list_risks, update_risk
from nybureau.services.substance.spreadsheet_templates import default_name as template_file_name
from nybureau.services.substance.spreadsheet_templates import render as render_template
from nybureau.services.substance.trace import trace as trace_item
from nybureau.services.substance.trace import traces as trace_items
from nybureau.services.substance.focus_areas import (
    add_focus_area,
    list_focus_areas,
    resolve_focus_area,
)
from nybureau.services.substance.workshop import (
    import_votes,
    prioritisation_proposal,
    record_vote,
    tally,
    voting_sheet,
)
from nybureau.services.substance.workshop_plan import plan_workshop, show_workshop_plan

__all__ = [
    # the governance register (phase 3)
    "add_item", "edit_item", "import_items", "list_items", "show_item", "resolve_item",
    "mapping_report",
    # the documentation agents' field notes (phase 3)
    "add_field_note", "list_field_notes",
    # the prioritisation workshop and focus areas (phase 4)
    "record_vote", "import_votes", "tally", "add_focus_area", "list_focus_areas",
    "resolve_focus_area", "voting_sheet", "prioritisation_proposal",
    "plan_workshop", "show_workshop_plan",
    # prototypes (phase 5)
    "add_prototype", "add_criterion", "measure_criterion", "set_prototype_plan", "set_prototype_status",
    "add_iteration", "list_prototypes", "show_prototype", "resolve_prototype",
    # evaluation and spreading (phase 6)
    "import_survey", "survey_summary", "survey_report", "add_note", "list_notes",
    "add_spreading", "list_spreading",
    # risks, drivers and barriers; the communication plan (issue 16 §6)
    "add_risk", "update_risk", "close_risk", "list_risks",
    "add_stakeholder", "update_stakeholder", "list_stakeholders",
    # evaluation by design: the design, the implementation questionnaire, the interview log
    "set_design", "show_design", "rate_element", "add_interview", "implementation", "implementation_records",
    # a free-municipality trial's exemptions
    "add_exemption", "decide_exemption", "list_exemptions", "resolve_exemption",
    # an item's way through the project
    "trace_item", "trace_items",
    # starter spreadsheets for the imports
    "render_template", "template_file_name",
]
