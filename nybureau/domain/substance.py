"""The words of phases 3–6: governance items, verdicts, the governance chain, prototypes, the
three bottom lines, survey rounds and spreading. Ids in English, labels in Danish and English,
and the Danish words a spreadsheet may use instead of the ids (``ALIASES``); and the method's
rules on them, as pure functions of plain values: the workshop's points and verdicts, its
warnings and leading verdict, a prototype's status through its iterations, and the anonymity of
survey results. The services (:mod:`nybureau.services.substance`) read and write; these decide."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

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
    # new governance where the mapping found it missing (the model: "der faktisk er brug for at
    # etablere mere styring"); only with the option allow_establish_verdict
    "establish": {"da": "etablere", "en": "establish"},
}

#: The verdicts that ask for a change, so an item they lead on is a candidate focus area, and
#: those that hold what works.
CHANGE_VERDICTS = ("remove", "change", "establish")
HOLD_VERDICTS = ("anchor", "keep")
#: The option that enables each verdict not always allowed.
VERDICT_OPTIONS = {"keep": "allow_keep_verdict", "establish": "allow_establish_verdict"}

# The governance chain (styringskæden), from the frontline up.
CHAIN_ROLES: dict[str, Label] = {
    "frontline": {"da": "frontlinjemedarbejder", "en": "frontline staff"},
    "leader": {"da": "leder", "en": "leader"},
    "administration": {"da": "forvaltning", "en": "administration"},
    "med": {"da": "MED", "en": "MED"},
    "union_rep": {"da": "tillidsrepræsentant", "en": "union representative"},
}

# Who was heard in the field work, and who experiences an item as too tight or too loose: the
# governance chain and the citizens (borgerne) it serves. Citizens are not part of the chain
# that votes at the workshop, so they are added here and not to CHAIN_ROLES.
HEARD_ROLES: dict[str, Label] = {
    **CHAIN_ROLES,
    "citizen": {"da": "borger", "en": "citizen"},
}

# The same roles as those who experience something, in a sentence: "opleves som for stram af
# frontlinjemedarbejderne" / "experienced as too tight by frontline staff".
HEARD_BY: dict[str, Label] = {
    "frontline": {"da": "frontlinjemedarbejderne", "en": "frontline staff"},
    "leader": {"da": "lederne", "en": "the leaders"},
    "administration": {"da": "forvaltningen", "en": "the administration"},
    "med": {"da": "MED-udvalget", "en": "the MED committee"},
    "union_rep": {"da": "tillidsrepræsentanterne", "en": "the union representatives"},
    "citizen": {"da": "borgerne", "en": "the citizens"},
}

#: The roles the interview guides are written for (the interview-guide document's targets).
INTERVIEW_ROLES = ("frontline", "leader", "administration", "citizen")

# Where a field note comes from: the three ways the documentation agents explore governance
# (seed 004, phase 3: interviews, documents and observation in practice).
NOTE_SOURCES: dict[str, Label] = {k: SOURCES[k] for k in ("interview", "observation", "document")}

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
    "mid_term": {"da": "midtvejsmåling", "en": "mid-term"},
    "follow_up": {"da": "eftermåling", "en": "follow-up"},
}

# Who answers a survey round: the staff and leaders (the default) or the citizens.
RESPONDENT_GROUPS: dict[str, Label] = {
    "staff": {"da": "medarbejdere og ledere", "en": "staff and leaders"},
    "citizen": {"da": "borgere", "en": "citizens"},
}

# Who carries out the evaluation (the evaluation design).
EVALUATORS: dict[str, Label] = {
    "internal": {"da": "intern evaluering", "en": "internal evaluation"},
    "consultants": {"da": "parternes konsulenter", "en": "the parties' consultants"},
    "external": {"da": "ekstern evaluator", "en": "external evaluator"},
}

# How far a core element of a programme is implemented (implementeringsgrad).
IMPLEMENTATION_DEGREES: dict[str, Label] = {
    "full": {"da": "fuldt implementeret", "en": "fully implemented"},
    "partial": {"da": "delvist implementeret", "en": "partly implemented"},
    "none": {"da": "ikke implementeret", "en": "not implemented"},
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
                   "fasthold": "keep", "ændre": "change", "etabler": "establish",
                   "ny": "establish", "ny_styring": "establish"},
    id(CHAIN_ROLES): {"medarbejder": "frontline", "frontlinje": "frontline",
                      "frontlinjemedarbejdere": "frontline", "ledelse": "leader",
                      "tr": "union_rep", "tillidsrepraesentant": "union_rep",
                      "med-udvalg": "med", "administration": "administration"},
    id(HEARD_ROLES): {"medarbejder": "frontline", "frontlinje": "frontline",
                      "frontlinjemedarbejdere": "frontline", "ledelse": "leader",
                      "tr": "union_rep", "tillidsrepraesentant": "union_rep",
                      "med-udvalg": "med", "administration": "administration",
                      "borgere": "citizen", "bruger": "citizen", "brugere": "citizen"},
    id(NOTE_SOURCES): {"dokument": "document", "dokumenter": "document",
                       "observationsstudie": "observation", "feltstudie": "observation"},
    id(ROUND_KINDS): {"før": "baseline", "baseline": "baseline", "efter": "follow_up",
                      "opfølgning": "follow_up", "followup": "follow_up",
                      "midtvejs": "mid_term", "midterm": "mid_term", "midtvej": "mid_term"},
    id(RESPONDENT_GROUPS): {"borger": "citizen", "medarbejder": "staff",
                            "medarbejdere": "staff", "personale": "staff"},
    id(EVALUATORS): {"intern": "internal", "konsulenter": "consultants",
                     "parternes konsulenter": "consultants", "ekstern": "external"},
    id(IMPLEMENTATION_DEGREES): {"fuldt": "full", "delvist": "partial",
                                 "ikke": "none", "ikke implementeret": "none"},
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


# -- the mapping (phase 3): labels that contradict each other --------------------------------

#: Pairs of an experience and a character that say opposite things about one item, each with
#: why (da, en). The seed (004) asks whether governance is experienced as too tight or too loose
#: and as supportive, controlling, meaningful or a waste of time: governance that is too loose
#: (too little of it) is not at the same time experienced as controlling; governance that is
#: too tight is not at the same time supportive; governance that fits is not a waste of time.
#: Such an item is recorded only with a note that explains it (see :func:`label_conflict`).
CONTRADICTORY_LABELS: dict[tuple[str, str], Label] = {
    ("too_loose", "controlling"): {
        "da": "styring, der opleves som for slap, opleves ikke samtidig som kontrollerende",
        "en": "governance experienced as too loose is not at the same time experienced as "
              "controlling"},
    ("too_tight", "supportive"): {
        "da": "styring, der opleves som for stram, opleves ikke samtidig som understøttende",
        "en": "governance experienced as too tight is not at the same time experienced as "
              "supportive"},
    ("fitting", "waste_of_time"): {
        "da": "styring, der opleves som passende, opleves ikke samtidig som tidsspilde",
        "en": "governance experienced as fitting is not at the same time experienced as a "
              "waste of time"},
}


def label_conflict(experience: str | None, character: str | None,
                   explained: bool) -> Label | None:
    """The one consistency rule of an item's labels: when its experience and character form a
    pair of :data:`CONTRADICTORY_LABELS` and nothing explains it (``explained``: the item has a
    note on its labels, or a field note of the mapping linked to it as evidence), why the pair
    contradicts itself; otherwise None."""
    if explained or experience is None or character is None:
        return None
    return CONTRADICTORY_LABELS.get((experience, character))


# -- the prioritisation workshop (phase 4) ------------------------------------------------------

#: The points one participant gives one item unless the workflow's option ``max_points`` says
#: otherwise; the rule is stated once, by :func:`point_rule`.
MAX_POINTS = 3

#: A warning when one part of the chain cast more than this share of the votes.
DOMINANT_SHARE = 0.5


def verdicts_for(options: Mapping[str, Any]) -> dict[str, Label]:
    """The verdicts a workflow's ``options`` allow: keep (*fastholde*) only with
    ``allow_keep_verdict``, establish (*etablere*) only with ``allow_establish_verdict``."""
    allowed = dict(VERDICTS)
    if not options.get("allow_keep_verdict", False):
        allowed.pop("keep")
    if not options.get("allow_establish_verdict", False):
        allowed.pop("establish")
    return allowed


def max_focus_areas(options: Mapping[str, Any]) -> int:
    """The small-steps principle: how many focus areas a workflow allows at a time."""
    return int(options.get("max_focus_areas", 1))


def max_points(options: Mapping[str, Any]) -> int:
    """The most points one participant gives one governance item (option ``max_points``)."""
    return int(options.get("max_points", MAX_POINTS))


def point_rule(options: Mapping[str, Any]) -> dict[str, str]:
    """The workshop's one point rule, worded the same in the voting sheet, the workshop guide
    and the refusal of `workshop import`/`workshop vote`."""
    n = max_points(options)
    return {"da": f"Hver deltager giver hvert styringselement 0–{n} point, flest til de "
                  "elementer, hvor en ændring betyder mest for kerneopgaven.",
            "en": f"Each participant gives each governance item 0–{n} points, the most to the "
                  "items where a change matters most for the core task."}


def workshop_warnings(chain_roles: Iterable[str]) -> list[dict[str, str]]:
    """Principles 1, 5 and 6: the whole chain takes part, frontline staff above all. Given the
    chain role of every vote cast, the warnings (code, English, Danish)."""
    by_role: dict[str, int] = {}
    for role in chain_roles:
        by_role[role] = by_role.get(role, 0) + 1
    return chain_warnings(by_role)


def chain_warnings(by_role: Mapping[str, int]) -> list[dict[str, str]]:
    """:func:`workshop_warnings` from the number of votes cast per chain role."""
    by_role = {r: n for r, n in by_role.items() if n > 0}
    if not by_role:
        return []
    out = []
    if not by_role.get("frontline"):
        out.append({
            "code": "no_frontline",
            "en": "No frontline staff voted: the method asks that staff choose the focus areas "
                  "(principles 1, 5 and 6). Involve frontline staff before the steering group "
                  "decides.",
            "da": "Ingen frontlinjemedarbejdere har stemt: modellen forudsætter, at "
                  "medarbejderne er med til at vælge indsatsområderne (principperne 1, 5 og 6). "
                  "Inddrag frontlinjen, før styregruppen beslutter.",
        })
    total = sum(by_role.values())
    role, n = max(by_role.items(), key=lambda kv: kv[1])
    if len(by_role) > 1 and n / total > DOMINANT_SHARE or len(by_role) == 1:
        out.append({
            "code": "dominant_role",
            "en": f"{CHAIN_ROLES[role]['en'].capitalize()} cast {n} of {total} votes "
                  f"({round(100 * n / total)} %): one part of the governance chain dominates the "
                  "prioritisation (principle 1, the whole chain).",
            "da": f"{CHAIN_ROLES[role]['da'].capitalize()} har afgivet {n} af {total} stemmer "
                  f"({round(100 * n / total)} %): én del af styringskæden dominerer "
                  "prioriteringen (princip 1, hele styringskæden).",
        })
    return out


def leading_verdict(points: Mapping[str, int], counts: Mapping[str, int]) -> str | None:
    """The verdict an item's votes lead to: most points, then most votes; ``"tie"`` when the
    first two are level; None without votes."""
    if not counts:
        return None
    ranked = sorted(counts, key=lambda k: (points.get(k, 0), counts[k]), reverse=True)
    if len(ranked) > 1 and (points.get(ranked[0], 0), counts[ranked[0]]) == \
            (points.get(ranked[1], 0), counts[ranked[1]]):
        return "tie"
    return ranked[0]


# -- prototypes (phase 5) -------------------------------------------------------------------------

def ready_to_adopt(criteria: Any, plan: Any) -> bool:
    """A prototype may be adopted (*forankret i drift*) once its evaluation criteria and its
    evaluation plan are agreed."""
    return bool(criteria) and bool(plan)


def status_after_iteration(status: str, changed: bool) -> str:
    """A prototype's status after one more pilot iteration: a draft is piloting from its first
    iteration, a change makes it adjusted; an adopted or dropped prototype keeps its status."""
    if status in ("draft", "piloting", "adjusted"):
        return "adjusted" if changed else "piloting"
    return status


# -- survey results (phase 6) ---------------------------------------------------------------------

def survey_cell(values: list[int], respondents: set[Any]) -> dict[str, Any]:
    """The mean of one group's answers, or suppressed when it has fewer than ``MIN_GROUP``
    respondents (anonymity)."""
    n = len(respondents)
    if n < MIN_GROUP:
        return {"mean": None, "n": None, "suppressed": True}
    return {"mean": round(sum(values) / len(values), 2), "n": n, "suppressed": False}


def survey_change(before: Mapping[str, Any], after: Mapping[str, Any]) -> float | None:
    """After minus before, when both are shown."""
    if before.get("mean") is None or after.get("mean") is None:
        return None
    return round(after["mean"] - before["mean"], 2)


def survey_results(answers: Iterable[tuple[str, str, str, int, Any]]
                   ) -> tuple[list[str], list[dict[str, Any]]]:
    """Before (baseline rounds) and after (follow-up rounds) per bottom line, overall and per
    role, from answers given as (round kind, bottom line, role, value, response id). A group of
    fewer than ``MIN_GROUP`` respondents is suppressed; when only one role of a round and bottom
    line is suppressed, the next smallest is suppressed too, so the hidden group cannot be
    worked out from the total. Returns the roles (sorted) and one entry per bottom line."""
    acc: dict[tuple[str, str, str | None], tuple[list[int], set[Any]]] = {}
    roles: list[str] = []
    for kind_, line_, role_, value, response in answers:
        if role_ not in roles:
            roles.append(role_)
        for role in (None, role_):
            vals, resp = acc.setdefault((kind_, line_, role), ([], set()))
            vals.append(value)
            resp.add(response)
    roles.sort()
    cells: dict[tuple[str, str, str | None], dict[str, Any]] = {
        k: survey_cell(*v) for k, v in acc.items()}
    for kind in ROUND_KINDS:
        for line in BOTTOM_LINES:
            present = [(len(acc[(kind, line, ro)][1]), ro) for ro in roles
                       if (kind, line, ro) in acc]
            hidden = [ro for _, ro in present if cells[(kind, line, ro)]["suppressed"]]
            total = cells.get((kind, line, None))
            if len(hidden) == 1 and len(present) > 1 and total and not total["suppressed"]:
                n, ro = min(p for p in present if p[1] not in hidden)
                cells[(kind, line, ro)] = {"mean": None, "n": None, "suppressed": True,
                                           "secondary": True}
    empty = {"mean": None, "n": 0, "suppressed": False}
    lines = []
    for line in BOTTOM_LINES:
        before = cells.get(("baseline", line, None), empty)
        after = cells.get(("follow_up", line, None), empty)
        per_role = []
        for ro in roles:
            b = cells.get(("baseline", line, ro), empty)
            a = cells.get(("follow_up", line, ro), empty)
            per_role.append({"role": ro, "before": b, "after": a, "change": survey_change(b, a)})
        lines.append({"bottom_line": line, "before": before, "after": after,
                      "change": survey_change(before, after), "roles": per_role})
    return roles, lines
