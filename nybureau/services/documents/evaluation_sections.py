"""The evaluation report's sections beside the nine questions, in the model's order — *proces,
resultat og oplevede effekter*: the evaluation design and the rounds planned and held, the
implementation questionnaire and interview log (for a programme with core elements); the
criteria, response rates and the paired respondents; the open answers and the citizens' own
rounds. Plain data for the templates; every figure keeps the anonymity rule (no group under
five)."""

from __future__ import annotations

from typing import Any

from nybureau.domain.substance import (
    BOTTOM_LINES,
    MIN_GROUP,
    RESPONDENT_GROUPS,
    ROUND_KINDS,
)
from nybureau.domain.vocabulary import label
from nybureau.i18n import Msg

__all__ = ["build"]


def _pct(value: float | None, lang: str) -> str:
    if value is None:
        return "–"
    s = f"{value:.1f} %"
    return s.replace(".", ",") if lang == "da" else s.replace(" %", "%")


def _num(value: float | None, lang: str, signed: bool = False) -> str:
    if value is None:
        return "–"
    s = f"{value:+.2f}" if signed else f"{value:.2f}"
    return s.replace(".", ",") if lang == "da" else s


def _cell(cell: dict[str, Any], lang: str) -> str:
    if cell.get("secondary"):
        return Msg("hidden for anonymity").render(lang)
    if cell.get("suppressed"):
        return Msg("fewer than {min_group} responses", min_group=MIN_GROUP).render(lang)
    if cell.get("mean") is None:
        return "–"
    return f"{_num(cell['mean'], lang)} (n = {cell['n']})"


def _planned(design: dict[str, Any] | None, rounds: list[dict[str, Any]], lang: str
             ) -> list[dict[str, Any]]:
    """Each planned round beside the rounds of its kind that were held."""
    from nybureau.rendering.dates import short_date

    if not design:
        return []
    out = []
    for r in design["rounds"]:
        held = [x for x in rounds if x["kind"] == r["kind"]]
        out.append({"kind": label(ROUND_KINDS, r["kind"], lang).capitalize(),
                    "planned": short_date(r["planned_on"], lang),
                    "held": ", ".join(f"{x['name']} ({short_date(x['date'], lang)})"
                                      for x in held) or "–"})
    return out


def _paired_rows(p: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    rows = []
    for b in p["bottom_lines"]:
        if b["pairs"] is None and not b["suppressed"]:
            continue
        rows.append({"bottom_line": label(BOTTOM_LINES, b["bottom_line"], lang).capitalize(),
                     "pairs": b["pairs"] if b["pairs"] is not None else
                     Msg("fewer than {min_group} responses", min_group=MIN_GROUP).render(lang),
                     "change": _num(b["change"], lang, signed=True),
                     "better": "–" if b["better"] is None else str(b["better"]),
                     "worse": "–" if b["worse"] is None else str(b["worse"])})
    return rows


def build(tx, project: Any, survey: dict[str, Any], lang: str) -> dict[str, Any]:
    """The sections' data, beside the nine questions (``survey``: the staff summary)."""
    from nybureau.services.substance import evaluation_design as ed
    from nybureau.services.substance import evaluation_results as res

    design = ed.show_design(tx, project["slug"])
    answers = tx.survey_answers(project["id"])
    rates = [{"name": r["name"], "date": r["date"],
              "kind": label(ROUND_KINDS, r["kind"], lang),
              "group": label(RESPONDENT_GROUPS, r["group"], lang),
              "respondents": r["respondents"],
              "invited": r["invited"] if r["invited"] is not None else "–",
              "rate": _pct(r["rate"], lang)} for r in res.response_rates(survey)]
    staff_pairs = res.paired(answers)
    cit = res.citizens(answers)
    citizen_rows = []
    for b in cit["bottom_lines"]:
        if b["before"].get("n") == 0 and b["after"].get("n") == 0:
            continue
        citizen_rows.append({"bottom_line": label(BOTTOM_LINES, b["bottom_line"],
                                                  lang).capitalize(),
                             "before": _cell(b["before"], lang),
                             "after": _cell(b["after"], lang),
                             "change": _num(b["change"], lang, signed=True)})
    opened = [{**o, "kind": label(ROUND_KINDS, o["kind"], lang), "code": o["group"],
               "group": label(RESPONDENT_GROUPS, o["group"], lang)}
              for o in res.open_answers(tx, project)]
    impl = ed.implementation(tx, project["slug"], lang)
    return {
        "design": {"sentences": ed.design_sentences(design, lang),
                   "criteria": design["criteria"]} if design else None,
        "planned_rounds": _planned(design, survey["rounds"], lang),
        "rates": rates,
        "any_invited": any(r["invited"] is not None for r in survey["rounds"]),
        "paired": {"pairs": staff_pairs["pairs"], "shown": staff_pairs["shown"],
                   "rows": _paired_rows(staff_pairs, lang)},
        "open_answers": [o for o in opened if o["code"] != "citizen"],
        "citizens": {"answered": cit["answered"], "rows": citizen_rows,
                     "open_answers": [o for o in opened if o["code"] == "citizen"],
                     "paired": {"pairs": cit["paired"]["pairs"],
                                "shown": cit["paired"]["shown"],
                                "rows": _paired_rows(cit["paired"], lang)}},
        "implementation": impl,
    }


#: The seed's two headings over the nine questions: 1–5 under *Proces*, 6–9 under
#: *Organisatorisk læring*.
PARTS: dict[int, dict[str, str]] = {
    1: {"da": "Proces", "en": "Process"},
    6: {"da": "Organisatorisk læring", "en": "Organisational learning"},
}

#: What is missing, said plainly, when the records do not answer a question.
MISSING: dict[int, dict[str, str]] = {
    1: {"da": "Der mangler en førmåling og en kortlægning af styringselementer, så "
              "udgangspunktet ikke kan beskrives ud fra registreringerne.",
        "en": "A baseline survey and a mapping of governance items are missing, so the "
              "starting point cannot be described from the records."},
    2: {"da": "Der er ikke registreret faseskift eller aktiviteter, så forløbet ikke kan "
              "beskrives ud fra registreringerne.",
        "en": "No phase changes or activities are recorded, so the course cannot be described "
              "from the records."},
    3: {"da": "Der er ikke registreret udsatte eller afviste beslutninger, opgivne prototyper, "
              "fald på bundlinjerne eller kerneelementer, der ikke er implementeret. Beskriv "
              "udfordringerne med egne ord.",
        "en": "No postponed or rejected decisions, dropped prototypes, falls on the bottom "
              "lines or core elements not implemented are recorded. Describe the challenges "
              "in your own words."},
    4: {"da": "Der er ikke registreret fremgang på bundlinjerne, forankrede prototyper eller "
              "åbne svar. Beskriv, hvad medarbejdere og ledere selv fremhæver som godt.",
        "en": "No rise on the bottom lines, adopted prototypes or open answers are recorded. "
              "Describe what staff and leaders themselves point out as good."},
    6: {"da": "Der er ikke registreret læringsmøder eller læring fra afprøvningerne.",
        "en": "No learning meetings or lessons from the iterations are recorded."},
    7: {"da": "Der er ikke registreret indsatsområder, målte kriterier eller målinger før og "
              "efter.",
        "en": "No focus areas, measured criteria or before/after surveys are recorded."},
    8: {"da": "Der er ikke registreret spredningsaktiviteter eller en beslutning om spredning.",
        "en": "No spreading activities or decision on spreading are recorded."},
    9: {"da": "Der er ikke registreret interview, der kan svare på dette.",
        "en": "No interviews that could answer this are recorded."},
}


def extra_answers(tx, project: Any, lang: str) -> dict[int, list[str]]:
    """Answers to the nine questions from the records of this section: the design (2), core
    elements not fully implemented (3), open answers (4), the paired change (7) and the
    interview log (9)."""
    from nybureau.rendering.dates import short_date
    from nybureau.services.substance import evaluation_design as ed
    from nybureau.services.substance import evaluation_results as res

    da = lang == "da"
    out: dict[int, list[str]] = {}
    design = ed.show_design(tx, project["slug"])
    if design:
        out[2] = ed.design_sentences(design, lang)[:1]
    impl = ed.implementation(tx, project["slug"], lang)
    if impl["rounds"]:
        last = impl["rounds"][-1]
        lacking = [e["title"] for e in impl["elements"]
                   if e["cells"][-1]["degree"] in ("partial", "none")]
        if lacking:
            out[3] = [(f"Implementeringsspørgeskemaet (runden »{last}«): "
                       if da else f"The implementation questionnaire (round “{last}”): ")
                      + "; ".join(lacking) + (" er ikke fuldt implementeret." if da else
                                              " not fully implemented.")]
    opened = res.open_answers(tx, project)
    if opened:
        n = sum(len(o["answers"]) for o in opened)
        out[4] = [f"{n} åbne svar i spørgeskemaerne (se »Oplevede effekter«)." if da else
                  f"{n} open answers in the surveys (see “Experienced effects”)."]
    pairs = res.paired(tx.survey_answers(project["id"]))
    if pairs["shown"]:
        for b in pairs["bottom_lines"]:
            if b["change"] is not None:
                line = label(BOTTOM_LINES, b["bottom_line"], lang).capitalize()
                out.setdefault(7, []).append(
                    f"{line}, de samme {b['pairs']} respondenter før og efter: ændring "
                    f"{_num(b['change'], lang, signed=True)} ({b['better']} bedre, "
                    f"{b['worse']} dårligere)." if da else
                    f"{line}, the same {b['pairs']} respondents before and after: change "
                    f"{_num(b['change'], lang, signed=True)} ({b['better']} better, "
                    f"{b['worse']} worse).")
    for i in impl["interviews"]:
        out.setdefault(9, []).append(
            f"{short_date(i['date'], lang)}, interview med {i['role'].lower()}: {i['summary']}"
            if da else
            f"{short_date(i['date'], lang)}, interview with {i['role'].lower()}: "
            f"{i['summary']}")
    return out
