"""Evaluation and spreading (phase 6): survey rounds (baseline and follow-up) on Fremfærd's three
bottom lines, reported before/after per bottom line and per role with the number of respondents —
never for a group of fewer than five (anonymity) —, interview and learning-meeting notes, and the
spreading activities."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nybureau.domain.substance import (
    BOTTOM_LINES,
    MIN_GROUP,
    NOTE_KINDS,
    RESPONDENT_GROUPS,
    ROUND_KINDS,
    SPREADING_KINDS,
    parse_word,
    survey_results,
    words,
)
from nybureau.errors import AlreadyExists, InvalidInput
from nybureau.i18n import Msg
from nybureau.services.common import (
    check_name,
    check_slug,
    check_text,
    get_project,
    past_date,
)
from nybureau.services.substance.csvfile import read_sheet

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx

SURVEY_COLUMNS: dict[str, tuple[str, ...]] = {
    "respondent": ("respondent id", "besvarelse", "id", "nr"),
    "role": ("rolle", "stilling", "faggruppe"),
}


def _word(table, value, what_en, what_da):
    key = parse_word(table, value or "")
    if key is None:
        raise InvalidInput(Msg("'{value}' is not a {what_en}; use one of: {words}.", value=value,
                               what_en=what_en, words=words(table), what_da=what_da))
    return key


# -- surveys ------------------------------------------------------------------------------------

#: the heading word of an open (free-text) question column: ``åbent: Hvad virker godt?``
OPEN_WORDS = ("åbent", "aabent", "åben", "open")


def import_survey(tx: Tx, slug: str, path: str | Path, *, name: str, kind: str,
                  on: date | str, invited: int | None = None,
                  group: str | None = None) -> dict[str, Any]:
    """Import one survey round from CSV: a ``role`` column, an optional ``respondent`` column
    (a pseudonymous key, never a name — the same key in two rounds pairs the answers), one
    column per question headed ``bottom line: question`` (e.g. ``kvalitet: Bestillingen tager
    udgangspunkt i borgerens mål``) with Likert answers 1–5 (blank = not answered), and open
    questions headed ``åbent: question``. ``invited`` is how many were asked (the response
    rate); ``group`` who answered: staff (default) or citizen."""
    project = get_project(tx, slug)
    name = check_slug(name, "survey round")
    kind = _word(ROUND_KINDS, kind, "survey round kind", "målingstype")
    group = (None if group in (None, "") else
             _word(RESPONDENT_GROUPS, group, "respondent group", "respondentgruppe"))
    if invited is not None and (isinstance(invited, bool) or not isinstance(invited, int)
                                or not 1 <= invited <= 1_000_000):
        raise InvalidInput(Msg("--invited is the number asked to answer, a whole number from 1 "
                               "up."))
    held = past_date(tx, on, Msg("a survey round is imported when its answers are in; give the "
                         "date it was held with --date."))
    same = tx.survey_round_get(project["id"], name)
    if same and same.get("voided_at") is not None:
        raise AlreadyExists(Msg("'{slug}' has a voided survey round '{name}' (it stays in the "
                                "history); give the new round another name with --name.",
                                slug=slug, name=name))
    if same:
        raise AlreadyExists(Msg("'{slug}' already has a survey round '{name}'.", slug=slug,
                                name=name))
    sheet = read_sheet(path, SURVEY_COLUMNS, ("role",), allow_extra=True)
    known = tx.survey_questions(project["id"])
    questions: list[tuple[str, str]] = []
    open_questions: list[tuple[str, str]] = []  # (question, header)
    scale_headers: list[str] = []
    for header in sheet.extra:
        line, sep, text = header.partition(":")
        text = " ".join(text.split())
        if sep and line.strip().lower() in OPEN_WORDS:
            if not text or len(text) > 500:
                sheet.bad(1, header, "an open question is headed 'åbent: question' (at most "
                          "500 characters)",
                          "et åbent spørgsmål har overskriften 'åbent: spørgsmål' (højst 500 "
                          "tegn)")
            else:
                open_questions.append((text, header))
            continue
        scale_headers.append(header)
        key = parse_word(BOTTOM_LINES, line) if sep else None
        if key is None or not text:
            sheet.bad(1, header, "a question column is headed 'bottom line: question', with the "
                      f"bottom line one of {words(BOTTOM_LINES)}",
                      "en spørgsmålskolonne har overskriften 'bundlinje: spørgsmål', hvor "
                      f"bundlinjen er en af {words(BOTTOM_LINES)}")
            continue
        if len(text) > 500:
            sheet.bad(1, header, "the question is longer than 500 characters",
                      "spørgsmålet er længere end 500 tegn")
        elif text in known and known[text]["bottom_line"] != key:
            sheet.bad(1, header, f"this question was mapped to "
                      f"'{known[text]['bottom_line']}' in an earlier round; keep one mapping",
                      f"spørgsmålet hørte til '{known[text]['bottom_line']}' i en tidligere "
                      "måling; behold samme bundlinje")
        questions.append((text, key))
    if not questions and not open_questions:
        sheet.bad(1, None, "no question columns; head each one 'bottom line: question'",
                  "ingen spørgsmålskolonner; giv hver overskriften 'bundlinje: spørgsmål'")
    sheet.raise_if_bad()
    responses = []
    seen: dict[str, int] = {}
    for number, row in sheet.rows:
        role = " ".join(row.get("role", "").split())
        if not role:
            sheet.bad(number, "role", "required; the respondent's role, e.g. Socialrådgiver",
                      "skal udfyldes; respondentens rolle, fx Socialrådgiver")
        elif len(role) > 100:
            sheet.bad(number, "role", "at most 100 characters", "højst 100 tegn")
        respondent = row.get("respondent") or f"row-{number}"
        if respondent in seen:
            sheet.bad(number, "respondent", f"'{respondent}' appears twice (also row "
                      f"{seen[respondent]})",
                      f"'{respondent}' står der to gange (også række {seen[respondent]})")
        seen[respondent] = number
        answers = {}
        for (text, _), header in zip(questions, scale_headers):
            raw = row.get(header, "")
            if not raw:
                continue
            if raw not in ("1", "2", "3", "4", "5"):
                sheet.bad(number, header, f"'{raw}' is not an answer on the scale 1–5 "
                          "(leave blank when not answered)",
                          f"'{raw}' er ikke et svar på skalaen 1–5 (lad feltet stå tomt, "
                          "når der ikke er svaret)")
                continue
            answers[text] = int(raw)
        opened = {}
        for text, header in open_questions:
            said = " ".join((row.get(header) or "").split())
            if len(said) > 5000:
                sheet.bad(number, header, "an open answer is at most 5,000 characters",
                          "et åbent svar er højst 5.000 tegn")
            elif said:
                opened[text] = said
        if not answers and not opened:
            sheet.bad(number, None, "no answers in this row", "ingen svar i denne række")
        responses.append((respondent[:100], role, answers, opened))
    sheet.raise_if_bad()
    tx.project_touch(project)
    if invited is not None and invited < len(responses):
        raise InvalidInput(Msg("--invited ({invited}) is fewer than the {n} who answered.",
                               invited=invited, n=len(responses)))
    rid = tx.survey_round_insert(project_id=project["id"], name=name, kind=kind, held_on=held,
                                 invited=invited, respondent_group=group)
    qids = {}
    for text, key in questions:
        qids[text] = (known[text]["id"] if text in known
                      else tx.survey_question_insert(project["id"], text, key))
    count = opened_count = 0
    for respondent, role, answers, opened in responses:
        resp = tx.survey_response_insert(rid, respondent, role)
        tx.survey_answers_insert([{"response_id": resp, "question_id": qids[q], "value": v}
                                  for q, v in answers.items()])
        tx.open_answers_insert([{"response_id": resp, "question": q, "text": v}
                                for q, v in opened.items()])
        count += len(answers)
        opened_count += len(opened)
    extra = {**({"invited": invited} if invited is not None else {}),
             **({"group": group} if group else {}),
             **({"open_answers": opened_count} if open_questions else {})}
    tx.audit("survey.import", "survey_round", rid, project_id=project["id"],
             after={"file": sheet.name, "round": name, "kind": kind, "held_on": held,
                    "respondents": len(responses), "questions": len(questions),
                    "answers": count, **extra})
    return {"round": name, "kind": kind, "held_on": held, "respondents": len(responses),
            "questions": len(questions), "answers": count}


def survey_summary(tx: Tx, project: dict[str, Any]) -> dict[str, Any]:
    """Before (baseline rounds) and after (follow-up rounds) per bottom line, overall and per
    role, with the rounds; the anonymity rules are the domain's (``survey_results``)."""
    answers = tx.survey_answers(project["id"])
    roles, lines = survey_results((r["kind"], r["bottom_line"], r["role"], r["value"],
                                   r["response_id"])
                                  for r in answers if r.respondent_group != "citizen")
    return {"rounds": [{"name": r["name"], "kind": r["kind"], "date": r["held_on"],
                        "respondents": r["respondents"], "invited": r.invited,
                        "group": r.respondent_group or "staff"}
                       for r in tx.survey_rounds(project["id"])],
            "roles": roles, "bottom_lines": lines, "min_group": MIN_GROUP}


def survey_report(tx: Tx, slug: str, *, role: str | None = None) -> dict[str, Any]:
    """The survey summary; with ``role``, only that role — refused when the role's group is
    smaller than five respondents in any round (anonymity)."""
    project = get_project(tx, slug)
    summary = survey_summary(tx, project)
    if role is None:
        return summary
    role = " ".join(role.split())
    if role not in summary["roles"]:
        raise InvalidInput(Msg("No survey answers from the role '{role}'. Roles: "
                               "{value}.", role=role,
                               value=', '.join(summary['roles']) or 'none yet',
                               value_2=', '.join(summary['roles']) or 'ingen endnu'))
    for line in summary["bottom_lines"]:
        for r in line["roles"]:
            if r["role"] == role and (r["before"]["suppressed"] or r["after"]["suppressed"]):
                raise InvalidInput(
                    Msg("The answers of '{role}' cannot be shown: a group must have at least "
                        "{min_group} respondents in every round, so that no one can be recognised. "
                        "Report them together with another role instead.", role=role,
                        min_group=MIN_GROUP))
    for line in summary["bottom_lines"]:
        line["roles"] = [r for r in line["roles"] if r["role"] == role]
    summary["roles"] = [role]
    return summary


# -- notes and spreading ----------------------------------------------------------------------

def add_note(tx: Tx, slug: str, kind: str, title: str, text: str, *, on: date | str | None = None,
             prototype: Any = None) -> dict[str, Any]:
    """Attach an interview note or the notes of a learning meeting to the evaluation."""
    from nybureau.services.substance.prototypes import resolve

    project = get_project(tx, slug)
    kind = _word(NOTE_KINDS, kind, "note kind", "notattype")
    title = check_name(title, "title")
    text = check_name(text, "text", 20_000)
    held = past_date(tx, on, Msg("an evaluation note is recorded when the interview or meeting has "
                         "been held; give the date it was held with --date."))
    proto = resolve(tx, project, prototype) if prototype not in (None, "") else None
    tx.project_touch(project)
    nid = tx.note_insert(project_id=project["id"], kind=kind, title=title, held_on=held,
                         text=text, prototype_id=proto["id"] if proto else None)
    tx.audit("evaluation.note", "evaluation_note", nid, project_id=project["id"],
             after={"kind": kind, "title": title, "held_on": held,
                    "prototype": proto["title"] if proto else None})
    return {"id": nid, "kind": kind, "title": title, "date": held}


def list_notes(tx: Tx, slug: str, include_voided: bool = False) -> list[dict[str, Any]]:
    """The notes; with ``include_voided`` also the voided ones, with when and why."""
    project = get_project(tx, slug)
    return [{"id": n["id"], "kind": n["kind"], "title": n["title"], "date": n["held_on"],
             "text": n["text"], "prototype_id": n["prototype_id"],
             **({"voided_at": n["voided_at"], "void_reason": n["void_reason"]}
                if include_voided else {})}
            for n in tx.notes(project["id"], include_voided=include_voided)]


def add_spreading(tx: Tx, slug: str, kind: str, title: str, *, audience: str,
                  on: date | str | None = None, prototype: Any = None,
                  note: str | None = None) -> dict[str, Any]:
    """Record a spreading activity: an article, newsletter, publication, dialogue meeting or
    conference talk, with its audience and date."""
    from nybureau.services.substance.prototypes import resolve

    project = get_project(tx, slug)
    kind = _word(SPREADING_KINDS, kind, "spreading kind", "spredningsform")
    title = check_name(title, "title")
    audience = check_name(audience, "audience")
    held = past_date(tx, on, Msg("a spreading activity is recorded when it has taken place; give "
                         "its date with --date."))
    proto = resolve(tx, project, prototype) if prototype not in (None, "") else None
    note = check_text(note, "note")
    tx.project_touch(project)
    sid = tx.spreading_insert(project_id=project["id"], kind=kind, title=title,
                              audience=audience, held_on=held, note=note,
                              prototype_id=proto["id"] if proto else None)
    tx.audit("spreading.add", "spreading_activity", sid, project_id=project["id"],
             after={"kind": kind, "title": title, "audience": audience, "held_on": held,
                    "prototype": proto["title"] if proto else None})
    return {"id": sid, "kind": kind, "title": title, "audience": audience, "date": held}


def list_spreading(tx: Tx, slug: str, include_voided: bool = False) -> list[dict[str, Any]]:
    """The spreading activities; with ``include_voided`` also the voided ones."""
    project = get_project(tx, slug)
    return [{"id": s["id"], "kind": s["kind"], "title": s["title"], "audience": s["audience"],
             "date": s["held_on"], "prototype_id": s["prototype_id"], "note": s["note"],
             **({"voided_at": s["voided_at"], "void_reason": s["void_reason"]}
                if include_voided else {})}
            for s in tx.spreading(project["id"], include_voided=include_voided)]
