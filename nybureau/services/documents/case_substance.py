"""The sagsfremstillinger written from the substance of phases 4–6: the workshop's result and the
documentation agents' proposal (the focus-area decision), the priorities (the status to
management and MED), the criteria (the evaluation plan), the survey figures and notes (the
evaluation) and the spreading. Each function returns the paragraphs of one text in ``lang``
(blank lines between paragraphs, ``- `` for list lines), read through ``tx`` only.

When nothing is recorded yet, a text says so briefly rather than describing the method.
"""

from __future__ import annotations

from typing import Any

from nybureau.domain.records import Project
from nybureau.domain.substance import (
    BOTTOM_LINES,
    CHAIN_ROLES,
    CHANGE_VERDICTS,
    HOLD_VERDICTS,
    NOTE_KINDS,
    PROTOTYPE_STATUSES,
    ROUND_KINDS,
    SPREADING_KINDS,
    VERDICTS,
)
from nybureau.domain.vocabulary import counted, join_words, label
from nybureau.services.documents.parts import words


def w(lang: str, da: str, en: str) -> str:
    """The text in the document's language."""
    return da if lang == "da" else en


def q(value: str, lang: str) -> str:
    """A title in the language's quotation marks."""
    return f"»{value}«" if lang == "da" else f"“{value}”"


def date_of(value: Any, lang: str) -> str:
    from nybureau.rendering.dates import short_date

    return short_date(value, lang)


def _num(value: float, lang: str, signed: bool = False) -> str:
    """An average with two decimals in the language's form ("3,45"), optionally signed."""
    from decimal import Decimal

    from babel.numbers import format_decimal

    shown = format_decimal(Decimal(str(round(abs(value) if signed else value, 2))), "0.00",
                           locale="da_DK" if lang == "da" else "en_GB")
    if signed:
        return ("+" if value > 0 else "−" if value < 0 else "±") + shown
    return shown


def _items_by_id(tx, project: Project) -> dict[int, Any]:
    return {i.id: i for i in tx.gov_items(project.id)}


# -- the focus-area decision ----------------------------------------------------------------------
def focus_area_paragraphs(tx, project: Project, lang: str) -> list[str]:
    """The workshop's result (the tally per item), the agents' proposal (the focus areas and the
    items behind each) and what is proposed to be anchored."""
    from nybureau.services.documents.rows import activity_rows
    from nybureau.services.substance.workshop import prioritisation_proposal

    proposal = prioritisation_proposal(tx, project.slug)
    tally = proposal["tally"]
    parts: list[str] = []
    workshops = activity_rows(tx, project, lang, kinds={"workshop"})
    if not tally["items"]:
        if workshops:
            parts.append(w(lang, f"Workshoppen blev holdt den {date_of(workshops[-1]['held_on'], lang)}"
                                 ", men stemmerne er endnu ikke registreret.",
                           f"The workshop was held on {date_of(workshops[-1]['held_on'], lang)}, "
                           "but its votes are not recorded yet."))
        else:
            parts.append(w(lang, "Workshoppen om kortlægningen er endnu ikke holdt, og der er "
                                 "ingen prioritering at lægge frem.",
                           "The workshop on the mapping has not been held yet; there is no "
                           "prioritisation to present."))
        return parts + _decided_areas(tx, project, lang)
    roles = [f"{label(CHAIN_ROLES, r, lang)} {n}" for r, n in tally["by_role"].items() if n]
    when = (w(lang, f" den {date_of(workshops[-1]['held_on'], lang)}",
              f" on {date_of(workshops[-1]['held_on'], lang)}") if workshops else "")
    agents_cap = words(tx, project, lang)["The_agents"]
    parts.append(w(
        lang,
        f"{agents_cap} fremlagde kortlægningen på workshoppen{when}. "
        f"{counted(tally['participants'], 'participant', lang).capitalize()} gav "
        f"{counted(tally['votes'], 'vote', lang)} på "
        f"{counted(len(tally['items']), 'governance_item', lang)}"
        + (f" (stemmer pr. rolle: {', '.join(roles)})." if roles else "."),
        f"{agents_cap} presented the mapping at the workshop{when}. "
        f"{counted(tally['participants'], 'participant', lang).capitalize()} cast "
        f"{counted(tally['votes'], 'vote', lang)} on "
        f"{counted(len(tally['items']), 'governance_item', lang)}"
        + (f" (votes by role: {', '.join(roles)})." if roles else ".")))
    lines = [w(lang, "Workshoppens prioritering (point i alt og den vurdering, der fik flest "
                     "point):",
               "The workshop's prioritisation (points in total and the verdict with the most "
               "points):")]
    for e in tally["items"]:
        lines.append(f"- {e['title']}: {counted(e['points'], 'point', lang)}, "
                     f"{label(VERDICTS, e['leading'], lang) if e['leading'] else '–'}")
    parts.append("\n".join(lines))
    areas = _decided_areas(tx, project, lang)
    if areas:
        return parts + areas
    if proposal["proposed"]:
        lines = [w(lang, f"{agents_cap}s forslag er at arbejde videre med de "
                         "styringselementer, der fik flest point for at fjerne eller forandre "
                         f"(højst {proposal['limit']} ad gangen):",
                   f"{agents_cap} propose to work on the governance items with the "
                   f"most points to remove or change (at most {proposal['limit']} at a time):")]
        lines += [f"- {e['title']} ({label(VERDICTS, e['leading'], lang)})"
                  for e in proposal["proposed"]]
        parts.append("\n".join(lines))
    if proposal["anchor"]:
        parts.append(w(lang, "Styring, som workshoppen vil forankre: ",
                       "Governance the workshop wants to anchor: ")
                     + join_words([e["title"] for e in proposal["anchor"]], lang) + ".")
    return parts


def _decided_areas(tx, project: Project, lang: str) -> list[str]:
    """The focus areas recorded, each with the items behind it."""
    areas = tx.focus_areas(project.id)
    if not areas:
        return []
    items = _items_by_id(tx, project)
    lines = [w(lang, "Forslaget til indsatsområder og de styringselementer, hvert bygger på:",
               "The proposed focus areas and the governance items behind each:")]
    for f in areas:
        line = f"- {f.title}"
        if f.description:
            line += f": {f.description.rstrip('.')}."
        behind = [items[i].title for i in f.item_ids if i in items]
        if behind:
            line += w(lang, " Bygger på: ", " Based on: ") + "; ".join(behind) + "."
        if f.reason:
            line += w(lang, " Begrundelse: ", " Reason: ") + f.reason
        lines.append(line)
    return ["\n".join(lines)]


# -- the status with priorities to management and MED ---------------------------------------------
def priorities_paragraphs(tx, project: Project, lang: str) -> list[str]:
    """The focus areas decided and their items with the workshop's verdict (remove, change,
    anchor), and the governance to anchor."""
    from nybureau.services.substance.workshop import tally as tally_of

    areas = tx.focus_areas(project.id)
    tally = tally_of(tx, project.slug)
    leading = {e["id"]: e for e in tally["items"]}
    items = _items_by_id(tx, project)
    parts: list[str] = []
    if not areas:
        parts.append(w(lang, "Styregruppen har endnu ikke besluttet indsatsområder, så der er "
                             "ingen prioriteringer at give status på.",
                       "The steering group has not decided focus areas yet, so there are no "
                       "priorities to report."))
        return parts
    parts.append(w(lang, f"Styregruppen har besluttet "
                         f"{counted(len(areas), 'focus_area', lang)}:",
                   f"The steering group has decided {counted(len(areas), 'focus_area', lang)}:"))
    lines = []
    for f in areas:
        behind = []
        for i in f.item_ids:
            if i not in items:
                continue
            e = leading.get(i)
            verdict = label(VERDICTS, e["leading"], lang) if e and e["leading"] else None
            behind.append(f"{items[i].title} ({verdict})" if verdict else items[i].title)
        line = f"- {f.title}"
        line += (": " + "; ".join(behind)) if behind else ""
        lines.append(line + ".")
    parts[-1] += "\n" + "\n".join(lines)
    chosen = {i for f in areas for i in f.item_ids}
    # the items not chosen, by what the votes said of them
    for verdicts, da, en in (
            (HOLD_VERDICTS, "Styring, der virker og skal forankres: ",
             "Governance that works and is to be anchored: "),
            (CHANGE_VERDICTS, "Prioriteret, men ikke valgt som indsatsområde nu: ",
             "Prioritised, but not chosen as a focus area now: ")):
        titles = [e["title"] for e in tally["items"]
                  if e["leading"] in verdicts and e["id"] not in chosen]
        if titles:
            parts.append(w(lang, da, en) + join_words(titles, lang) + ".")
    return parts


# -- the evaluation plan ---------------------------------------------------------------------------
def evaluation_plan_paragraphs(tx, project: Project, lang: str) -> list[str]:
    """The prototypes with their criteria (and targets as written) and plans, and the survey's
    questions."""
    parts: list[str] = []
    protos = tx.prototypes(project.id)
    if not protos:
        parts.append(w(lang, "Der er endnu ikke registreret prototyper med "
                             "evalueringskriterier.",
                       "No prototypes with evaluation criteria are recorded yet."))
    for p in protos:
        status = label(PROTOTYPE_STATUSES, p.status, lang)
        head = w(lang, f"Prototypen {q(p.title, lang)} (indsatsområdet {q(p.focus_area, lang)}, "
                       f"{status})",
                 f"The prototype {q(p.title, lang)} (focus area {q(p.focus_area, lang)}, "
                 f"{status})")
        criteria = [c for c in p.criteria if c.voided_at is None]
        if criteria:
            lines = [head + w(lang, " evalueres på disse kriterier:",
                              " is evaluated on these criteria:")]
            for c in criteria:
                bl = (w(lang, " – bundlinje: ", " – bottom line: ")
                      + label(BOTTOM_LINES, c.bottom_line, lang)) if c.bottom_line else ""
                lines.append(f"- {c.text.rstrip('.')}{bl}")
            parts.append("\n".join(lines))
        else:
            parts.append(head + w(lang, " har endnu ingen evalueringskriterier.",
                                  " has no evaluation criteria yet."))
        if p.evaluation_plan:
            parts.append(w(lang, "Plan: ", "Plan: ") + p.evaluation_plan)
    questions = tx.survey_questions(project.id)
    if questions:
        lines = [w(lang, "Spørgeskemaet måler:", "The survey measures:")]
        lines += [f"- {text}" + w(lang, " – bundlinje: ", " – bottom line: ")
                  + label(BOTTOM_LINES, sq.bottom_line, lang) for text, sq in questions.items()]
        parts.append("\n".join(lines))
    return parts


# -- the evaluation --------------------------------------------------------------------------------
def evaluation_paragraphs(tx, project: Project, lang: str) -> list[str]:
    """The survey's rounds and figures per bottom line, the prototypes' state and the notes of
    interviews and learning meetings."""
    from nybureau.services.substance.evaluation import survey_summary

    parts: list[str] = []
    summary = survey_summary(tx, project)
    if summary["rounds"]:
        rounds = [f"{label(ROUND_KINDS, r['kind'], lang)} {q(r['name'], lang)} "
                  + w(lang, f"den {date_of(r['date'], lang)}", f"on {date_of(r['date'], lang)}")
                  + f" ({counted(r['respondents'], 'respondent', lang)})"
                  for r in summary["rounds"]]
        lines = [w(lang, "Spørgeskemaundersøgelsen: ", "The survey: ")
                 + join_words(rounds, lang) + "."]
        shown = False
        for line in summary["bottom_lines"]:
            b, a = line["before"], line["after"]
            if b.get("mean") is None and a.get("mean") is None:
                continue
            shown = True
            name = label(BOTTOM_LINES, line["bottom_line"], lang).capitalize()
            before = _num(b["mean"], lang) if b.get("mean") is not None else \
                w(lang, "ikke målt", "not measured")
            after = _num(a["mean"], lang) if a.get("mean") is not None else \
                w(lang, "ikke målt", "not measured")
            change = (f" ({_num(line['change'], lang, signed=True)})"
                      if line["change"] is not None else "")
            lines.append(w(lang, f"- {name}: gennemsnit {before} før og {after} efter{change}",
                           f"- {name}: average {before} before and {after} after{change}"))
        if not shown:
            lines.append(w(lang, "- Ingen gennemsnit kan vises endnu.",
                           "- No averages can be shown yet."))
        parts.append("\n".join(lines))
    else:
        parts.append(w(lang, "Der er endnu ikke registreret svar fra spørgeskemaundersøgelsen.",
                       "No survey answers are recorded yet."))
    protos = tx.prototypes(project.id)
    if protos:
        parts.append(w(lang, "Prototypernes status: ", "The prototypes' status: ")
                     + join_words([f"{q(p.title, lang)} "
                                   f"{label(PROTOTYPE_STATUSES, p.status, lang)}"
                                   for p in protos], lang) + ".")
    notes = [n for n in tx.notes(project.id) if n.voided_at is None]
    if notes:
        lines = [w(lang, "Fra interview og læringsmøder:",
                   "From interviews and learning meetings:")]
        for n in notes:
            kind = label(NOTE_KINDS, n.kind, lang)
            title = n.title if n.title.lower().startswith(kind.lower()) else \
                f"{kind.capitalize()} {q(n.title, lang)}"
            lines.append(f"- {title}, {date_of(n.held_on, lang)}: {' '.join(n.text.split())}")
        parts.append("\n".join(lines))
    return parts


def spreading_paragraphs(tx, project: Project, lang: str) -> list[str]:
    """What has been done to spread the lessons."""
    rows = [s for s in tx.spreading(project.id) if s.voided_at is None]
    if not rows:
        return [w(lang, "Der er endnu ikke registreret spredningsaktiviteter.",
                  "No spreading activities are recorded yet.")]
    lines = [w(lang, "Erfaringerne er spredt således:", "The lessons have been spread so:")]
    for s in rows:
        kind = label(SPREADING_KINDS, s.kind, lang)
        title = q(s.title, lang) if s.title.lower().startswith(kind.lower()) else \
            f"{kind.capitalize()} {q(s.title, lang)}"
        note = f" {s.note}" if s.note else ""
        lines.append(f"- {title} for {s.audience}, {date_of(s.held_on, lang)}.{note}")
    return ["\n".join(lines)]
