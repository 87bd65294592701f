"""Which columns hold what, for a person's data under GDPR (:mod:`.gdpr`) and for one person,
one identity (:mod:`.persons`).

**Every text column of the schema is classified here**, in exactly one of :data:`PERSON_OWN`,
:data:`FREE_TEXT`, :data:`JSON_TEXT` and :data:`CODE_COLUMNS` (tests/robustness/
test_forget_exact.py holds the schema to it), and every column that refers to a person is in
:data:`PERSON_REFERENCES` (tests/unit/test_identity.py). A new column must be classified: free
text is searched for a person's name and rewritten by ``person forget``; codes are never
searched or rewritten, whatever the person is called.
"""

from __future__ import annotations

from nybureau.services.admin.audit import FORGET_PSEUDONYM

PERSON = "person"
AUDIT = "audit_event"
IMPORTED = "imported_event"
PSEUDONYM = FORGET_PSEUDONYM

# -- which columns hold what -----------------------------------------------------------------------
# The person's own row: rewritten by identity (pseudonym; the details emptied).
PERSON_OWN: dict[str, tuple[str, ...]] = {
    "person": ("full_name", "email", "union_affiliation"),
}
# Prose and names a user or a file wrote: searched for the whole name and rewritten.
FREE_TEXT: dict[str, tuple[str, ...]] = {
    "network": ("name", "responsible_municipality"),
    "project": ("name", "municipality", "area", "case_number"),
    "membership": ("role",),
    "agent": ("title",),
    "decision": ("note", "void_reason"),
    "activity": ("title", "void_reason"),
    "phase_transition": ("reason", "actor"),
    "audit_event": ("actor",),
    "imported_event": ("actor",),
    "import_batch": ("imported_by",),
    "governance_item": ("title", "description", "applies_to", "evidence", "label_note"),
    "vote": ("participant", "void_reason"),
    "focus_area": ("title", "description", "reason"),
    "prototype": ("title", "description", "owner", "evaluation_plan"),
    "prototype_criterion": ("text", "void_reason", "target", "measured"),
    "prototype_iteration": ("place", "learned", "changed"),
    "survey_round": ("name", "void_reason"),
    "survey_question": ("text",),
    "survey_response": ("respondent", "role"),
    "evaluation_note": ("title", "text", "void_reason"),
    "spreading_activity": ("title", "audience", "note", "void_reason"),
    "meeting": ("committee", "title", "place", "minute_taker", "case_number",
                "document_number"),
    "meeting_person": ("role",),
    "agenda_item": ("title", "case_number", "background", "finances", "summary",
                    "consequences", "consultation", "decision_text"),
    "attachment": ("title", "location", "void_reason"),
    "project_text": ("text",),
    "action_item": ("what", "who", "note"),
    "meeting_series": ("title",),
    "outbox_message": ("subject", "content", "last_error"),
    "workshop_round": ("title",),
    "risk_entry": ("what", "action", "owner", "close_note", "void_reason"),
    "stakeholder": ("name", "needs", "channel", "timing", "responsible", "void_reason"),
    "workshop_plan": ("place",),
    "workshop_invitee": ("group_name",),
    # evaluation by design (0016); the interviewer is a name as given (NAME_REFERENCES)
    "evaluation_design": ("criteria", "evaluator_name"),
    "survey_open_answer": ("question", "text"),
    "implementation_rating": ("round", "note", "void_reason"),
    "implementation_interview": ("role", "interviewer", "summary", "void_reason"),
    # 0014: the field work (anonymous by design, but a name typed by mistake is still found)
    "field_note": ("text", "void_reason"),
    # the frame project (0018): names and organisations of its owner and management as written
    "network_programme": ("name", "owner", "management", "description"),
    "programme_step": ("title", "note"),
    "exemption": ("law", "section", "sought", "note", "void_reason"),
}
# JSON whose string values are free text, except under the keys in PAYLOAD_CODE_KEYS.
JSON_TEXT: dict[str, tuple[str, ...]] = {
    "audit_event": ("before", "after"),
    "imported_event": ("before", "after"),
    "agenda_item": ("recommendations", "background_generated"),
    "meeting_series": ("rule", "template"),
    "outbox_message": ("recipients", "documents"),
}
# Codes: keys, enumerations, slugs, hashes, sources and the stored workflow definitions. Never
# searched, never rewritten.
CODE_COLUMNS: dict[str, tuple[str, ...]] = {
    "network": ("slug",),
    "workflow_definition": ("key", "hash", "source", "spec_json"),
    "project": ("slug", "phase", "proposer"),
    "membership": ("body",),
    "decision": ("decision_key", "body", "outcome", "source"),
    "activity": ("kind",),
    "phase_transition": ("from_phase", "to_phase", "kind"),
    "audit_event": ("action", "entity", "prev_hash", "hash", "state"),
    "imported_event": ("action", "entity", "prev_hash", "hash", "state"),
    "import_batch": ("file_sha256", "source_head", "chain"),
    "row_seal": ("tbl", "row_key", "digest"),
    "governance_item": ("kind", "source", "experience", "character", "experienced_by"),
    "vote": ("chain_role", "verdict"),
    "prototype": ("status",),
    "prototype_criterion": ("bottom_line",),
    "survey_round": ("kind", "respondent_group"),
    "survey_question": ("bottom_line",),
    "evaluation_note": ("kind",),
    "spreading_activity": ("kind",),
    "meeting": ("body", "status"),
    "meeting_person": ("attendance",),
    "agenda_item": ("standing", "kind", "decision_key", "outcome"),
    "project_text": ("field",),
    "action_item": ("status",),
    "meeting_series": ("body",),
    "outbox_message": ("message_id", "purpose", "status"),
    "body_deadline": ("body", "minutes_rule"),
    "web_grant": ("role",),
    "web_token": ("token_hash", "purpose"),
    "web_session": ("token_hash", "lang"),
    "web_attempt": ("key",),
    "workshop_round": ("code",),
    "workshop_voter": ("label", "chain_role"),
    "risk_entry": ("kind", "chain_role", "likelihood", "effect", "status"),
    "stakeholder": ("interest", "influence"),
    "workshop_invitee": ("chain_role",),
    "evaluation_design": ("bottom_lines", "evaluator"),
    "implementation_rating": ("element", "degree"),
    "field_note": ("source", "role"),
    "exemption": ("status",),
}
# Keys of audit payloads whose values are codes (the payload twins of the code columns, and
# what the history adds: versions, hashes, file digests, warning codes). An erasure leaves them
# alone, and ``audit verify`` accepts no erasure claim about them.
PAYLOAD_CODE_KEYS = frozenset({
    "action", "attendance", "body", "bottom_line", "chain_role", "character", "code",
    "experienced_by",
    "decision", "decision_key", "entity", "experience", "file_sha256", "from", "from_phase",
    "hash", "key", "kind", "outcome", "phase", "prev_hash", "scheme", "slug", "source",
    "special_categories", "standing", "status", "to", "to_phase", "verdict", "version",
    "workflow", "redacted", "redacted_paths", "rows_changed", "imported_redacted", "batch",
    "source_head", "source_events", "events", "state", "rows", "chain_sha256",
})

# Special-category data (GDPR art. 9): left out of an export unless asked for explicitly.
SPECIAL = ("union_affiliation",)

#: Every column that refers to a person by id, and what a merge does with a row that would then
#: duplicate one the surviving person already has (``collapse``: the merged row is dropped, its
#: empty details filled into the survivor's). A test holds this to the schema's foreign keys, so
#: a new table that refers to a person must be considered here.
PERSON_REFERENCES: dict[tuple[str, str], str] = {
    ("membership", "person_id"): "collapse",        # both in the same body of a project
    ("agent", "person_id"): "collapse",             # both agents of the same project
    ("activity_attendee", "person_id"): "collapse",  # both attended the same activity
    ("meeting_person", "person_id"): "collapse",    # both on the same meeting's list
    ("governance_item", "agent_person_id"): "move",
    ("action_item", "person_id"): "move",
    ("web_grant", "person_id"): "collapse",         # both granted the same role
    ("web_token", "person_id"): "move",
    ("web_session", "person_id"): "move",
    ("minutes_approval", "person_id"): "collapse",  # both approved the same minutes
    ("workshop_round", "opened_by"): "move",
    ("workshop_invitee", "person_id"): "collapse",  # both invited to the same workshop
    ("field_note", "agent_person_id"): "move",
}
#: Columns that name a person by their full name (as text): rewritten by rename and merge when
#: they hold exactly the person's name. (Prose that mentions the name is left as written.)
NAME_REFERENCES: dict[str, tuple[str, ...]] = {
    "vote": ("participant",),
    "meeting": ("minute_taker",),
    "prototype": ("owner",),
    "action_item": ("who",),
    "risk_entry": ("owner",),
    "implementation_interview": ("interviewer",),
}
