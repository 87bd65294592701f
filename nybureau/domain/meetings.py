"""The rules of a meeting, in plain Python: its vocabularies (statuses, item kinds, the standing
items of each body, the themes of the network meetings), its lifecycle, and the bilingual texts
an agenda stores. Nothing here does I/O; the services in :mod:`nybureau.services.meetings`
call it and word the refusals.

The lifecycle::

    planned ──record an outcome──▶ held ──approve the minutes──▶ approved
       │
       └──cancel──▶ cancelled

A meeting is *planned* until its first outcome is recorded (then *held*); the minutes of a held
meeting are *approved*. Only a planned meeting can be cancelled. An approved or a cancelled
meeting is a closed record: its agenda, its details, its people and its outcomes no longer
change (a wrong outcome is corrected by a new item at a later meeting).
"""

from __future__ import annotations

from typing import Any, Mapping

Label = dict[str, str]
#: A text generated in both languages, as an agenda stores it: {"da": …, "en": …}.
Bilingual = dict[str, str]

# -- vocabularies ------------------------------------------------------------------------------
ITEM_KINDS: dict[str, Label] = {
    "decision": {"da": "beslutningssag", "en": "for decision"},
    "discussion": {"da": "drøftelsessag", "en": "for discussion"},
    "information": {"da": "orienteringssag", "en": "for information"},
}

PLANNED, HELD, APPROVED, CANCELLED = "planned", "held", "approved", "cancelled"

STATUSES: dict[str, Label] = {
    PLANNED: {"da": "planlagt", "en": "planned"},
    HELD: {"da": "afholdt", "en": "held"},
    APPROVED: {"da": "referat godkendt", "en": "minutes approved"},
    # a planned meeting called off (aflyst): not held, so it has no minutes and no decisions
    CANCELLED: {"da": "aflyst", "en": "cancelled"},
}

# Standing items: title, type, and (where it has one) the recommendation, in Danish and English.
STANDING: dict[str, dict[str, Any]] = {
    "welcome": {"da": "Velkomst", "en": "Welcome", "kind": "information"},
    "approve_agenda": {"da": "Godkendelse af dagsorden", "en": "Approval of the agenda",
                       "kind": "decision",
                       "rec": {"da": "dagsordenen godkendes", "en": "the agenda is approved"}},
    "approve_minutes": {"da": "Godkendelse af referat fra sidste møde",
                        "en": "Approval of the minutes of the last meeting", "kind": "decision",
                        "rec": {"da": "referatet fra sidste møde godkendes",
                                "en": "the minutes of the last meeting are approved"}},
    # the action items of the body's earlier meetings: every open one, and those closed since
    # the last meeting (the table is generated like the status item's text)
    "follow_up": {"da": "Opfølgning på handlepunkter", "en": "Follow-up on action items",
                  "kind": "information",
                  "rec": {"da": "opfølgningen tages til efterretning",
                          "en": "the follow-up is noted"}},
    "information": {"da": "Orientering", "en": "Information", "kind": "information",
                    "rec": {"da": "orienteringen tages til efterretning",
                            "en": "the information is noted"}},
    "status": {"da": "Status på projektet", "en": "Project status", "kind": "information",
               "rec": {"da": "status tages til efterretning", "en": "the status is noted"}},
    "project_news": {"da": "Nyt fra projekterne", "en": "News from the projects",
                     "kind": "discussion"},
    "theme": {"da": "Tema", "en": "Theme", "kind": "discussion"},
    "communication": {"da": "Kommunikation fra mødet", "en": "Communication from the meeting",
                      "kind": "discussion",
                      "rec": {"da": "det aftales, hvad der kommunikeres fra mødet",
                              "en": "what is communicated from the meeting is agreed"}},
    "any_other_business": {"da": "Gensidige orienteringer og eventuelt",
                           "en": "Mutual information and any other business",
                           "kind": "information"},
    "evaluation": {"da": "Evaluering af mødet", "en": "Evaluation of the meeting",
                   "kind": "discussion"},
    "next_meeting": {"da": "Næste møde", "en": "Next meeting", "kind": "information"},
}

# The standing items of each kind of meeting: before the content items, and after them.
STANDING_BY_BODY: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "med": (("welcome", "approve_agenda", "approve_minutes", "follow_up", "information"),
            ("communication", "any_other_business", "evaluation", "next_meeting")),
    "management": (("approve_agenda", "follow_up", "information"), ("any_other_business",)),
    "steering_group": (("approve_agenda", "approve_minutes", "follow_up"),
                       ("communication", "any_other_business", "next_meeting")),
    "network": (("welcome", "approve_agenda"), ("any_other_business", "next_meeting")),
}
DEFAULT_STANDING: tuple[tuple[str, ...], tuple[str, ...]] = (
    ("approve_agenda", "approve_minutes", "follow_up"), ("any_other_business", "next_meeting"))
#: Standing items on an agenda only when they have something to say: the approval of the last
#: minutes (a first meeting has none) and the follow-up on action items (none to follow up).
CONDITIONAL_STANDING = frozenset({"approve_minutes", "follow_up"})

# -- action items (handlepunkter) ----------------------------------------------------------------
ACTION_OPEN, ACTION_DONE, ACTION_CANCELLED = "open", "done", "cancelled"
ACTION_STATUSES: dict[str, Label] = {
    ACTION_OPEN: {"da": "åben", "en": "open"},
    ACTION_DONE: {"da": "udført", "en": "done"},
    ACTION_CANCELLED: {"da": "annulleret", "en": "cancelled"},
}

# What each network meeting works on (the frame of the model: module before, phase around it).
NETWORK_THEMES: dict[int, Label] = {
    1: {"da": "Sparring på udforskning og kortlægning af styringen",
        "en": "Sparring on exploring and mapping the governance"},
    2: {"da": "Fra kortlægning til prioritering: fjerne, forandre og forankre",
        "en": "From mapping to prioritisation: remove, change and anchor"},
    3: {"da": "Erfaringer med prototyper og drypvis afprøvning",
        "en": "Experience with prototypes and piloting drop by drop"},
    4: {"da": "Evaluering, erfaringsopsamling og spredning",
        "en": "Evaluation, lessons learnt and spreading"},
}

#: Items whose background (sagsfremstilling) nybureau writes when it plans the agenda: the
#: theme and the project news of a network meeting, and a project meeting's status item (a
#: decision item's background is generated too: an item with a decision and no standing key).
GENERATED_BACKGROUND_STANDING = frozenset({"theme", "project_news", "status", "follow_up"})


def standing_for(body: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The standing items of ``body``'s agenda: (before the content items, after them)."""
    return STANDING_BY_BODY.get(body, DEFAULT_STANDING)


# -- the lifecycle -----------------------------------------------------------------------------
STATES: tuple[str, ...] = (PLANNED, HELD, APPROVED, CANCELLED)

#: event → (the states it may happen in, the state it leads to)
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "record": (frozenset({PLANNED, HELD}), HELD),  # an item's outcome is recorded
    "approve": (frozenset({HELD}), APPROVED),      # the minutes are approved
    "cancel": (frozenset({PLANNED}), CANCELLED),   # the meeting is called off
}

#: What a service changes on a meeting: its agenda (items, their texts, attachments), its
#: details (time, place, minute-taker), its people, an item's outcome (recorded or amended).
CHANGES: tuple[str, ...] = ("agenda", "details", "people", "outcome")
_OPEN = frozenset({PLANNED, HELD})
_MAY_CHANGE: dict[str, frozenset[str]] = {what: _OPEN for what in CHANGES}


def transition(state: str, event: str) -> str | None:
    """The state ``event`` leads to from ``state``; None when it may not happen there."""
    if state not in STATES:
        raise ValueError(f"unknown meeting state {state!r}")
    sources, target = TRANSITIONS[event]
    return target if state in sources else None


def may_change(state: str, what: str) -> bool:
    """Whether ``what`` (one of :data:`CHANGES`) may change on a meeting in ``state``."""
    if state not in STATES:
        raise ValueError(f"unknown meeting state {state!r}")
    return state in _MAY_CHANGE[what]


def is_closed(state: str) -> bool:
    """An approved or cancelled meeting: a closed record."""
    return not any(may_change(state, what) for what in CHANGES)


def has_documents(state: str) -> bool:
    """A cancelled meeting has no agenda to send and no minutes; every other one has both."""
    return state != CANCELLED


# -- bilingual texts ---------------------------------------------------------------------------
def both(da: str, en: str) -> Bilingual:
    """A generated text in both languages."""
    return {"da": da, "en": en}


def is_bilingual(value: Any) -> bool:
    """A generated text: a mapping of the two languages (what a user typed is a ``str``, even
    when it looks like JSON)."""
    return isinstance(value, Mapping)


def in_lang(value: str | Mapping[str, str] | None, lang: str) -> str:
    """A stored text in ``lang``: a user's text as typed, whole; a generated text in ``lang``
    (Danish when it lacks ``lang``)."""
    if is_bilingual(value):
        return value.get(lang) or value.get("da") or ""
    return value or ""


def text_of(user: str | None, generated: Mapping[str, str] | None, lang: str) -> str:
    """A text kept as a user's text beside a generated one: the user's, when there is one."""
    if user is not None:
        return user
    return in_lang(generated, lang)


def action_status_on(status: str, closed_on: Any, day: Any) -> str:
    """An action item's status as it stood on ``day``: a point closed after the day was still
    open then."""
    if status != ACTION_OPEN and closed_on is not None and closed_on > day:
        return ACTION_OPEN
    return status


def action_overdue(status: str, due_on: Any, closed_on: Any, day: Any) -> bool:
    """Overdue on ``day``: open then, with a due date before the day."""
    return (action_status_on(status, closed_on, day) == ACTION_OPEN and due_on is not None
            and due_on < day)
