"""The fixed words of the domain: bodies, activity kinds, decision outcomes — ids in English,
labels in Danish and English. Plain data; nothing here does I/O."""

from __future__ import annotations

from nybureau.i18n import Msg

Label = dict[str, str]

BODIES: dict[str, Label] = {
    "management": {"da": "Ledelsen", "en": "Management"},
    "med": {"da": "MED-udvalget", "en": "MED committee"},
    "steering_group": {"da": "Styregruppen", "en": "Steering group"},
    "project_group": {"da": "Projektgruppen", "en": "Project group"},
    "working_group": {"da": "Arbejdsgruppen", "en": "Working group"},
    "follow_group": {"da": "Følgegruppen", "en": "Follow-up group"},
    "reference_group": {"da": "Referencegruppen", "en": "Reference group"},
    # the MED system as municipalities have it: a definition says which level decides what
    # (``med`` stays the project's own MED committee, whatever its level)
    "hoved_med": {"da": "Hoved-MED", "en": "Main MED committee"},
    "area_med": {"da": "Område-MED", "en": "Area MED committee"},
    "local_med": {"da": "Lokal-MED", "en": "Local MED committee"},
    # political bodies, for workflows that need them (a free-municipality trial's application)
    "city_council": {"da": "Byrådet", "en": "City council"},
    "committee": {"da": "Fagudvalget", "en": "Standing committee"},
    "mayor": {"da": "Borgmesteren", "en": "Mayor"},
    # external organisations: their decisions are recorded, their meetings are not ours to plan
    "ministry": {"da": "Ministeriet", "en": "Ministry"},
    "programme_management": {"da": "Programmets projektledelse",
                             "en": "Programme management"},
    "external_evaluator": {"da": "Den eksterne evaluator", "en": "External evaluator"},
}

#: What kind of body each is: ``internal`` (the project's own groups and management), ``med``
#: (a level of the MED system), ``political`` or ``external``.
BODY_KINDS: dict[str, str] = {
    "management": "internal", "steering_group": "internal", "project_group": "internal",
    "working_group": "internal", "follow_group": "internal", "reference_group": "internal",
    "med": "med", "hoved_med": "med", "area_med": "med", "local_med": "med",
    "city_council": "political", "committee": "political", "mayor": "political",
    "ministry": "external", "programme_management": "external", "external_evaluator": "external",
}

#: Bodies whose decisions are recorded as they are made elsewhere (``decision record``), never
#: at a meeting nybureau plans: the external organisations, and the mayor, who signs alone.
RECORDED_ONLY: frozenset[str] = frozenset(
    b for b, kind in BODY_KINDS.items() if kind == "external") | {"mayor"}

ACTIVITY_KINDS: dict[str, Label] = {
    "startup_meeting": {"da": "opstartsmøde", "en": "start-up meeting"},
    "seminar": {"da": "seminar", "en": "seminar"},
    "interview": {"da": "interview", "en": "interview"},
    "observation": {"da": "observationsstudie", "en": "observation study"},
    "workshop": {"da": "workshop", "en": "workshop"},
    "learning_meeting": {"da": "læringsmøde", "en": "learning meeting"},
    "conference": {"da": "konference", "en": "conference"},
    "module": {"da": "undervisningsmodul", "en": "teaching module"},
    "network_meeting": {"da": "netværksmøde", "en": "network meeting"},
    # citizens heard on what the project develops (the Odder case: a hearing role on new offers)
    "hearing": {"da": "høring", "en": "hearing"},
    # a study trip to see how others do it (a free-municipality trial's exchange between its
    # municipalities, seed 003: "medarbejderkonferencer, studieture")
    "study_trip": {"da": "studietur", "en": "study trip"},
}

#: The status of an exemption (*fritagelse*) a free-municipality trial seeks from the ministry:
#: sought until the ministry answers (granted or refused), or withdrawn by the municipality.
EXEMPTION_STATUSES: dict[str, Label] = {
    "sought": {"da": "søgt", "en": "sought"},
    "granted": {"da": "imødekommet", "en": "granted"},
    "refused": {"da": "afslået", "en": "refused"},
    "withdrawn": {"da": "trukket tilbage", "en": "withdrawn"},
}
#: The ministry's answers.
EXEMPTION_ANSWERS = frozenset({"granted", "refused"})

# Activity kinds that carry a number, and its allowed range.
NUMBERED_ACTIVITIES: dict[str, tuple[int, int]] = {
    "module": (1, 3),
    "network_meeting": (1, 4),
}

OUTCOMES: dict[str, Label] = {
    "approved": {"da": "godkendt", "en": "approved"},
    "approved_with_changes": {"da": "godkendt med ændringer", "en": "approved with changes"},
    "rejected": {"da": "ikke godkendt", "en": "rejected"},
    "postponed": {"da": "udsat", "en": "postponed"},
    "noted": {"da": "taget til efterretning", "en": "noted"},
    # the outcomes of any kind of item (issue 13): an indstilling agreed to, an item discussed,
    # a body informed
    "agreed": {"da": "tiltrådt", "en": "agreed"},
    "discussed": {"da": "drøftet", "en": "discussed"},
    "informed": {"da": "orienteret", "en": "informed"},
}

# Outcomes that satisfy a decision requirement; ``noted`` only where the definition allows it.
# *Tiltrådt* (the body agreed to the indstilling) decides like *godkendt*; *drøftet* and
# *orienteret* never decide anything: an item that needs a decision and was only discussed or
# reported on still waits for it.
SATISFYING_OUTCOMES = frozenset({"approved", "approved_with_changes", "agreed"})
# Outcomes that do not settle a decision: a postponement, a discussion, an orientation. None of
# them replaces an earlier final outcome of the same decision and body.
NON_FINAL_OUTCOMES = frozenset({"postponed", "discussed", "informed"})

TRANSITION_KINDS: dict[str, Label] = {
    "start": {"da": "start", "en": "start"},
    "advance": {"da": "videre", "en": "advance"},
    "jump": {"da": "spring", "en": "jump"},
    "back": {"da": "tilbageløb", "en": "going back"},
    "migrate": {"da": "ny workflow-version", "en": "workflow migration"},
}

# The kinds of a meeting's agenda item (as services.meetings labels them in documents).
MEETING_ITEM_TYPES: dict[str, Label] = {
    "decision": {"da": "beslutning", "en": "decision"},
    "discussion": {"da": "drøftelse", "en": "discussion"},
    "information": {"da": "orientering", "en": "information"},
}

# Who may own a meeting: a project's bodies, or a network.
MEETING_OWNERS: dict[str, Label] = {**BODIES, "network": {"da": "netværk", "en": "network"}}

# The word a command line shows for each id (Danish) where the label is not one word, and the
# extra spellings it accepts besides the ids and the labels (cli/choices.py folds case, æøå and
# spaces/hyphens before comparing).
WORDS: dict[int, dict[str, str]] = {
    id(BODIES): {"management": "ledelsen", "med": "med", "steering_group": "styregruppen",
                 "project_group": "projektgruppen", "working_group": "arbejdsgruppen",
                 "follow_group": "følgegruppen", "reference_group": "referencegruppen",
                 "hoved_med": "hoved-med", "area_med": "område-med", "local_med": "lokal-med",
                 "city_council": "byrådet", "committee": "fagudvalget", "mayor": "borgmesteren",
                 "ministry": "ministeriet", "programme_management": "programledelsen",
                 "external_evaluator": "evaluator"},
    id(OUTCOMES): {"rejected": "ikke_godkendt"},
    id(ACTIVITY_KINDS): {"observation": "observation"},
    id(EXEMPTION_STATUSES): {"withdrawn": "trukket_tilbage"},
}
ALIASES: dict[int, dict[str, str]] = {
    id(BODIES): {"ledelse": "management", "med_udvalg": "med", "med_udvalget": "med",
                 "medudvalget": "med", "hovedmed": "hoved_med", "hovedudvalget": "hoved_med",
                 "område_med": "area_med", "områdemed": "area_med", "sektor_med": "area_med",
                 "sektormed": "area_med", "områdeudvalg": "area_med",
                 "områdeudvalget": "area_med", "lokalmed": "local_med",
                 "lokaludvalget": "local_med", "byråd": "city_council",
                 "kommunalbestyrelsen": "city_council", "kommunalbestyrelse": "city_council",
                 "fagudvalg": "committee", "borgmester": "mayor",
                 "ministerium": "ministry", "programledelse": "programme_management",
                 "programmets_projektledelse": "programme_management",
                 "ekstern_evaluator": "external_evaluator",
                 "den_eksterne_evaluator": "external_evaluator", "styregruppe": "steering_group",
                 "styring": "steering_group", "projektgruppe": "project_group",
                 "arbejdsgruppe": "working_group", "følgegruppe": "follow_group",
                 "referencegruppe": "reference_group"},
    id(OUTCOMES): {"afvist": "rejected", "godkendt_med_ændring": "approved_with_changes"},
    id(ACTIVITY_KINDS): {"opstart": "startup_meeting", "observationsstudie": "observation",
                         "modul": "module", "netværksmøde": "network_meeting",
                         "borgerhøring": "hearing", "studierejse": "study_trip"},
    id(EXEMPTION_STATUSES): {"bevilget": "granted", "godkendt": "granted",
                             "givet": "granted", "ikke_godkendt": "refused",
                             "afvist": "refused", "tilbagetrukket": "withdrawn"},
    id(MEETING_ITEM_TYPES): {"beslutningssag": "decision", "drøftelsessag": "discussion",
                             "orienteringssag": "information"},
}

LANGUAGES = ("da", "en")

# Counted words: (Danish one, Danish many, English one, English many); see counted().
PLURALS: dict[str, tuple[str, str, str, str]] = {
    "attendee": ("deltager", "deltagere", "attendee", "attendees"),
    "participant": ("deltager", "deltagere", "participant", "participants"),
    "governance_item": ("styringselement", "styringselementer", "governance item",
                        "governance items"),
    "agenda_item": ("punkt", "punkter", "item", "items"),
    "vote": ("stemme", "stemmer", "vote", "votes"),
    "answer": ("svar", "svar", "answer", "answers"),
    "respondent": ("besvarelse", "besvarelser", "respondent", "respondents"),
    "question": ("spørgsmål", "spørgsmål", "question", "questions"),
    "project": ("projekt", "projekter", "project", "projects"),
    "event": ("hændelse", "hændelser", "event", "events"),
    "row": ("række", "rækker", "row", "rows"),
    "record": ("række", "rækker", "record", "records"),
    "table": ("tabel", "tabeller", "table", "tables"),
    "document": ("dokument", "dokumenter", "document", "documents"),
    "file": ("fil", "filer", "file", "files"),
    "focus_area": ("indsatsområde", "indsatsområder", "focus area", "focus areas"),
    "point": ("point", "point", "point", "points"),
    "iteration": ("afprøvning", "afprøvninger", "iteration", "iterations"),
    "criterion": ("kriterium", "kriterier", "criterion", "criteria"),
}


def counted(n: int, word: str, lang: str) -> str:
    """``1 deltager`` / ``2 deltagere`` / ``1 attendee``: ``n`` with ``word`` (a key of
    :data:`PLURALS`) in the right number, in ``lang``. Danish and English both use the
    singular for exactly one (CLDR: one = 1) and the plural otherwise, 0 included."""
    da_one, da_many, en_one, en_many = PLURALS[word]
    if lang == "da":
        return f"{n} {da_one if n == 1 else da_many}"
    return f"{n} {en_one if n == 1 else en_many}"


def label(table: dict[str, Label], key: str, lang: str) -> str:
    """The label of ``key`` in ``lang``, falling back to English and then the key itself."""
    entry = table.get(key)
    if not entry:
        return key
    return entry.get(lang) or entry.get("en") or key


def join_words(words: list[str], lang: str) -> str:
    """``a, b og c`` / ``a, b and c``."""
    if not words:
        return ""
    if len(words) == 1:
        return words[0]
    conj = Msg(" and ").render(lang)
    return ", ".join(words[:-1]) + conj + words[-1]


# -- the project's own texts and who recommends (issue 13) ----------------------------------------
# The fields of ``project_text``, in the order a project description prints them.
PROJECT_TEXTS: dict[str, Label] = {
    "background": {"da": "Baggrund", "en": "Background"},
    "purpose": {"da": "Formål", "en": "Purpose"},
    "goals": {"da": "Mål", "en": "Goals"},
    "success_criteria": {"da": "Succeskriterier", "en": "Success criteria"},
    "target_groups": {"da": "Målgrupper", "en": "Target groups"},
    "economy": {"da": "Økonomi", "en": "Finances"},
    "not_open": {"da": "Rammer, der ikke er til drøftelse",
                 "en": "What is not open for discussion"},
    "evaluation_design": {"da": "Evalueringsdesign", "en": "Evaluation design"},
}

# Who *indstiller* (recommends) on a project's decision items (``project.proposer``; None is
# the project leadership). The label opens a sentence: "<label> indstiller, at …".
PROPOSERS: dict[str, Label] = {
    "projektledelsen": {"da": "Projektledelsen", "en": "The project leadership"},
    "forvaltningen": {"da": "Forvaltningen", "en": "The administration"},
    "sekretariatet": {"da": "Sekretariatet", "en": "The secretariat"},
    "styregruppen": {"da": "Styregruppen", "en": "The steering group"},
}
DEFAULT_PROPOSER = "projektledelsen"
