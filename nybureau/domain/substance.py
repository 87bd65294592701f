"""The words of phases 3–6: governance items, verdicts, the governance chain, prototypes, the
three bottom lines, survey rounds and spreading. Ids in English, labels in Danish and English,
and the Danish words a spreadsheet may use instead of the ids (``ALIASES``). Plain data."""

from __future__ import annotations

Label = dict[str, str]

ITEM_KINDS: dict[str, Label] = {
    "goal": {"da": "mål", "en": "goal"},
    "rule": {"da": "regel/proceskrav", "en": "rule / process requirement"},
    "documentation": {"da": "dokumentation", "en": "documentation"},
    "other": {"da": "andet", "en": "other"},
}

SOURCES: dict[str, Label] = {
    "interview": {"da": "interview", "en": "interview"},
    "observation": {"da": "observation", "en": "observation"},
    "document": {"da": "dokument", "en": "document"},
    "workshop": {"da": "workshop", "en": "workshop"},
}

EXPERIENCES: dict[str, Label] = {
    "too_tight": {"da": "for stram", "en": "too tight"},
    "too_loose": {"da": "for slap", "en": "too loose"},
    "fitting": {"da": "passende", "en": "fitting"},
}

CHARACTERS: dict[str, Label] = {
    "supportive": {"da": "understøttende", "en": "supportive"},
    "controlling": {"da": "kontrollerende", "en": "controlling"},
    "meaningful": {"da": "meningsgivende", "en": "meaningful"},
    "waste_of_time": {"da": "tidsspilde", "en": "waste of time"},
}

VERDICTS: dict[str, Label] = {
    "remove": {"da": "fjerne", "en": "remove"},
    "change": {"da": "forandre", "en": "change"},
    "anchor": {"da": "forankre", "en": "anchor"},
    "keep": {"da": "fastholde", "en": "keep"},
}

# The governance chain (styringskæden), from the frontline up.
CHAIN_ROLES: dict[str, Label] = {
    "frontline": {"da": "frontlinjemedarbejder", "en": "frontline staff"},
    "leader": {"da": "leder", "en": "leader"},
    "administration": {"da": "forvaltning", "en": "administration"},
    "med": {"da": "MED", "en": "MED"},
    "union_rep": {"da": "tillidsrepræsentant", "en": "union representative"},
}

PROTOTYPE_STATUSES: dict[str, Label] = {
    "draft": {"da": "udkast", "en": "draft"},
    "piloting": {"da": "afprøves", "en": "piloting"},
    "adjusted": {"da": "justeret", "en": "adjusted"},
    "adopted": {"da": "forankret i drift", "en": "adopted"},
    "dropped": {"da": "opgivet", "en": "dropped"},
}

# Fremfærd's three bottom lines (tre bundlinjer).
BOTTOM_LINES: dict[str, Label] = {
    "quality": {"da": "kvalitet", "en": "quality"},
    "work_environment": {"da": "arbejdsmiljø", "en": "working environment"},
    "efficiency": {"da": "effektivitet", "en": "efficiency"},
}

ROUND_KINDS: dict[str, Label] = {
    "baseline": {"da": "førmåling", "en": "baseline"},
    "follow_up": {"da": "eftermåling", "en": "follow-up"},
}

NOTE_KINDS: dict[str, Label] = {
    "interview": {"da": "interview", "en": "interview"},
    "learning_meeting": {"da": "læringsmøde", "en": "learning meeting"},
}

SPREADING_KINDS: dict[str, Label] = {
    "article": {"da": "artikel", "en": "article"},
    "newsletter": {"da": "nyhedsbrev", "en": "newsletter"},
    "publication": {"da": "publikation", "en": "publication"},
    "dialogue_meeting": {"da": "dialogmøde", "en": "dialogue meeting"},
    "conference_talk": {"da": "konferenceoplæg", "en": "conference talk"},
}

# The smallest group whose survey answers may be shown (anonymity).
MIN_GROUP = 5

# Extra spellings accepted in spreadsheets, besides the ids and the labels above.
ALIASES: dict[int, dict[str, str]] = {
    id(ITEM_KINDS): {"regel": "rule", "proceskrav": "rule", "regler": "rule",
                     "regler og proceskrav": "rule"},
    id(VERDICTS): {"fjern": "remove", "forandr": "change", "forankr": "anchor",
                   "fasthold": "keep", "ændre": "change"},
    id(CHAIN_ROLES): {"medarbejder": "frontline", "frontlinje": "frontline",
                      "frontlinjemedarbejdere": "frontline", "ledelse": "leader",
                      "tr": "union_rep", "tillidsrepraesentant": "union_rep",
                      "med-udvalg": "med", "administration": "administration"},
    id(ROUND_KINDS): {"før": "baseline", "baseline": "baseline", "efter": "follow_up",
                      "opfølgning": "follow_up", "followup": "follow_up"},
    id(BOTTOM_LINES): {"arbejdsmiljo": "work_environment", "arbejdsmiljø": "work_environment"},
}


def parse_word(table: dict[str, Label], value: str) -> str | None:
    """The id for ``value`` given as an id, a Danish or English label, or an alias; else None."""
    if not isinstance(value, str):
        return None
    word = " ".join(value.strip().lower().replace("_", " ").split())
    if not word:
        return None
    for key, lab in table.items():
        if word in (key.replace("_", " "), lab["da"].lower(), lab["en"].lower()):
            return key
    return ALIASES.get(id(table), {}).get(word)


def words(table: dict[str, Label]) -> str:
    """``goal (mål), rule (regel/proceskrav) …`` for messages."""
    return ", ".join(f"{k} ({v['da']})" if v["da"] != k else k for k, v in table.items())
