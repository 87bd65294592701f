"""``nybureau log`` as sentences: one per kind of audit event, in Danish and English.

:data:`SENTENCES` maps an event's action (``decision.record``) to a function of the event's
``after`` (and ``before``) values and a :class:`Words` helper that returns ``(danish,
english)``. An action without a sentence (a new kind of event) is shown the old way, as its
name and ``key=value`` details; tests/unit/test_catalogue.py fails until it has one.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Callable

from nybureau.domain import substance as sub
from nybureau.domain.vocabulary import (
    ACTIVITY_KINDS,
    BODIES,
    EXEMPTION_STATUSES,
    OUTCOMES,
    PROJECT_TEXTS,
    PROPOSERS,
    TRANSITION_KINDS,
    label,
)
from nybureau.workflow.spec import text


def plural(n: int, one: str, many: str) -> str:
    """``1 deltager`` / ``2 deltagere``: the count with the word in the right number."""
    return f"{n} {one if n == 1 else many}"


class Words:
    """What a sentence needs: the language, the workflow (for titles), date formatting."""

    def __init__(self, lang: str, spec=None) -> None:  # noqa: ANN001
        self.lang = lang
        self.spec = spec

    def date(self, value: Any) -> str:
        if not value:
            return ""
        from nybureau.rendering.dates import short_date

        try:
            if isinstance(value, str):
                value = (datetime.fromisoformat(value) if len(value) > 10
                         else date.fromisoformat(value))
            if isinstance(value, datetime):
                value = value.date()
            return short_date(value, self.lang)
        except (ValueError, TypeError):
            return str(value)

    def on(self, value: Any) -> tuple[str, str]:
        """`` den 14. juni 2017`` / `` on 14 June 2017`` (empty without a date)."""
        if not value:
            return "", ""
        return f" den {self.date(value)}", f" on {self.date(value)}"

    def body(self, body: str | None, lang: str) -> str:
        word = label(BODIES, body or "", lang)
        if lang == "da" and len(word) > 1 and word[1].islower():
            word = word[0].lower() + word[1:]  # 'Ledelsen' inside a sentence: 'ledelsen'
        return word

    def phase(self, phase_id: str | None, lang: str) -> str:
        if self.spec is not None and phase_id:
            return text(self.spec.title_of(phase_id), lang)
        return phase_id or ""

    def decision(self, decision_id: str | None, lang: str) -> str:
        found = self.spec.decision(decision_id) if self.spec is not None and decision_id else None
        return text(found[1].title, lang) if found else (decision_id or "")

    def count(self, n: Any, one: tuple[str, str], many: tuple[str, str]) -> tuple[str, str]:
        n = int(n or 0)
        return plural(n, one[0], many[0]), plural(n, one[1], many[1])


Sentence = Callable[[dict, dict, Words], tuple[str, str]]


def _both(w: Words, table, key) -> tuple[str, str]:  # noqa: ANN001
    return label(table, key or "", "da"), label(table, key or "", "en")


def _decision(a, b, w):  # noqa: ANN001
    d, e = w.on(a.get("decided_on"))
    oda, oen = _both(w, OUTCOMES, a.get("outcome"))
    note = f" {a['note']}" if a.get("note") else ""
    return (f"Beslutningen »{w.decision(a.get('decision'), 'da')}« er truffet af "
            f"{w.body(a.get('body'), 'da')}{d} ({oda}).{note}",
            f"The decision “{w.decision(a.get('decision'), 'en')}” was taken by "
            f"{w.body(a.get('body'), 'en')}{e} ({oen}).{note}")


def _project_set(a, b, w):  # noqa: ANN001
    da, en = [], []
    if "proposer" in a:
        da.append(f"{label(PROPOSERS, a['proposer'] or 'projektledelsen', 'da')} indstiller nu "
                  f"på projektets punkter.")
        en.append(f"{label(PROPOSERS, a['proposer'] or 'projektledelsen', 'en')} now recommends "
                  f"on the project's items.")
    if "case_number" in a:
        da.append(f"Projektets sagsnr. er nu {a['case_number']}." if a["case_number"]
                  else "Projektets sagsnr. er fjernet.")
        en.append(f"The project's case number is now {a['case_number']}." if a["case_number"]
                  else "The project's case number was removed.")
    return (" ".join(da) or "Projektets indstillinger er ændret.",
            " ".join(en) or "The project's settings were changed.")


def _activity(a, b, w):  # noqa: ANN001
    kda, ken = _both(w, ACTIVITY_KINDS, a.get("kind"))
    number = f" {a['number']}" if a.get("number") else ""
    title_da = f" »{a['title']}«" if a.get("title") else ""
    title_en = f" “{a['title']}”" if a.get("title") else ""
    d, e = w.on(a.get("held_on"))
    cda, cen = w.count(len(a.get("attendees") or []), ("deltager", "attendee"),
                       ("deltagere", "attendees"))
    return (f"Aktiviteten {kda}{number}{title_da} er holdt{d} med {cda}.",
            f"The {ken}{number}{title_en} was held{e} with {cen}.")


def _attend(a, b, w):  # noqa: ANN001
    kda, ken = _both(w, ACTIVITY_KINDS, a.get("kind"))
    number = f" {a['number']}" if a.get("number") else ""
    cda, cen = w.count(a.get("added"), ("deltager", "attendee"), ("deltagere", "attendees"))
    return (f"{cda} er tilføjet til {kda}{number}.", f"{cen} added to the {ken}{number}.")


def _workshop_plan(a, b, w):  # noqa: ANN001
    """The workshop's plan: when, where, how many invited in how many groups."""
    when = a.get("starts_at") or ""
    at = ""
    try:
        from nybureau.services.meetings import aware

        moment = aware(datetime.fromisoformat(when))
        at = f"{moment.hour}.{moment.minute:02d}"
    except (TypeError, ValueError):
        pass
    d, e = w.on(when)
    place = a.get("place")
    n, groups = len(a.get("invitees") or []), a.get("groups")
    verb = ("er ændret" if b else "er lagt"), ("was changed" if b else "was made")
    da = (f"Planen for workshoppen {verb[0]}: {d.strip()} kl. {at}"
          f"{', ' + place if place else ''}; {plural(n, 'inviteret', 'inviterede')}"
          f"{f' i {groups} grupper' if groups else ''}.")
    en = (f"The workshop's plan {verb[1]}: {e.strip()} at {at}"
          f"{', ' + place if place else ''}; {plural(n, 'invitee', 'invitees')}"
          f"{f' in {groups} groups' if groups else ''}.")
    return da, en


def _phase(a, b, w):  # noqa: ANN001
    kind = a.get("kind")
    d, e = w.on(a.get("on_date"))
    to_da, to_en = w.phase(a.get("phase"), "da"), w.phase(a.get("phase"), "en")
    fr_da, fr_en = w.phase(b.get("phase"), "da"), w.phase(b.get("phase"), "en")
    why_da = f" Begrundelse: {a['reason']}" if a.get("reason") else ""
    why_en = f" Reason: {a['reason']}" if a.get("reason") else ""
    if kind == "start" or not b.get("phase"):
        return (f"Projektet er startet i fasen »{to_da}«{d}.{why_da}",
                f"The project started in the phase “{to_en}”{e}.{why_en}")
    kda, ken = _both(w, TRANSITION_KINDS, kind)
    if kind == "advance":
        return (f"Projektet er gået videre fra »{fr_da}« til »{to_da}«{d}.{why_da}",
                f"The project moved on from “{fr_en}” to “{to_en}”{e}.{why_en}")
    return (f"Projektet er flyttet fra »{fr_da}« til »{to_da}« ({kda}){d}.{why_da}",
            f"The project moved from “{fr_en}” to “{to_en}” ({ken}){e}.{why_en}")


def _meeting_ref(a, b, w) -> tuple[str, str]:  # noqa: ANN001
    m = a.get("meeting")
    return (f" på møde {m}", f" of meeting {m}") if m else ("", "")


def _title(value: Any) -> tuple[str, str]:
    return (f" »{value}«", f" “{value}”") if value else ("", "")


def _changed(a: dict, b: dict) -> str:
    keys = [k for k in a if k not in ("number", "meeting", "people") and a.get(k) != b.get(k)]
    return ", ".join(keys)


SENTENCES: dict[str, Sentence] = {
    "project.create": lambda a, b, w: (
        f"Projektet »{a.get('name')}« ({a.get('municipality')}) er oprettet"
        f"{w.on(a.get('started_on'))[0]} i fasen »{w.phase(a.get('phase'), 'da')}«.",
        f"The project “{a.get('name')}” ({a.get('municipality')}) was created"
        f"{w.on(a.get('started_on'))[1]} in the phase “{w.phase(a.get('phase'), 'en')}”."),
    "project.text.set": lambda a, b, w: (
        f"Projektets tekst »{label(PROJECT_TEXTS, a.get('field') or '', 'da')}« er "
        f"{'ændret' if b else 'skrevet'}.",
        f"The project's text “{label(PROJECT_TEXTS, a.get('field') or '', 'en')}” was "
        f"{'changed' if b else 'written'}."),
    "project.text.clear": lambda a, b, w: (
        f"Projektets tekst »{label(PROJECT_TEXTS, a.get('field') or '', 'da')}« er fjernet.",
        f"The project's text “{label(PROJECT_TEXTS, a.get('field') or '', 'en')}” was "
        f"removed."),
    "project.set": _project_set,
    "project.import": lambda a, b, w: (
        f"Projektet er importeret fra en eksportfil med "
        f"{w.count(a.get('events'), ('hændelse', 'event'), ('hændelser', 'events'))[0]}.",
        f"The project was imported from an export file with "
        f"{w.count(a.get('events'), ('hændelse', 'event'), ('hændelser', 'events'))[1]}."),
    "network.create": lambda a, b, w: (f"Netværket »{a.get('name')}« er oprettet.",
                                       f"The network “{a.get('name')}” was created."),
    "person.create": lambda a, b, w: (f"{a.get('full_name')} er oprettet som person.",
                                      f"{a.get('full_name')} was added as a person."),
    "person.email": lambda a, b, w: (
        ("Personens arbejdsmail er sat til " + a["email"] + ".") if a.get("email")
        else "Personens arbejdsmail er fjernet.",
        ("The person's work e-mail was set to " + a["email"] + ".") if a.get("email")
        else "The person's work e-mail was removed."),
    "person.export": lambda a, b, w: ("Alt om en person er udleveret (indsigtsret).",
                                      "Everything about a person was exported (right of "
                                      "access)."),
    "person.forget": lambda a, b, w: (
        f"En person er erstattet af pseudonymet {a.get('pseudonym')}. Begrundelse: "
        f"{a.get('reason')}",
        f"A person was replaced by the pseudonym {a.get('pseudonym')}. Reason: "
        f"{a.get('reason')}"),
    "membership.add": lambda a, b, w: (
        f"{a.get('name')} er medlem af {w.body(a.get('body'), 'da')}"
        + (f" ({a['role']})" if a.get("role") else "") + ".",
        f"{a.get('name')} became a member of {w.body(a.get('body'), 'en')}"
        + (f" ({a['role']})" if a.get("role") else "") + "."),
    "membership.update": lambda a, b, w: (
        f"{a.get('name')}s rolle i {w.body(a.get('body'), 'da')} er nu "
        f"»{a.get('role') or '–'}«.",
        f"{a.get('name')}'s role in {w.body(a.get('body'), 'en')} is now "
        f"“{a.get('role') or '–'}”."),
    "agent.add": lambda a, b, w: (
        f"{a.get('name')} er udpeget som dokumentationsagent"
        + (f" ({a['title']})" if a.get("title") else "") + f"{w.on(a.get('appointed_on'))[0]}.",
        f"{a.get('name')} was appointed documentation agent"
        + (f" ({a['title']})" if a.get("title") else "") + f"{w.on(a.get('appointed_on'))[1]}."),
    "decision.record": _decision,
    "activity.record": _activity,
    "activity.attend": _attend,
    "phase.start": _phase,
    "phase.advance": _phase,
    "phase.jump": _phase,
    "phase.back": _phase,
    "phase.migrate": _phase,
    "workflow.migrate": lambda a, b, w: (
        f"Projektet er flyttet til version {a.get('version')} af workflowet "
        f"»{a.get('workflow')}« (fase »{w.phase(a.get('phase'), 'da')}«).",
        f"The project moved to version {a.get('version')} of the workflow "
        f"“{a.get('workflow')}” (phase “{w.phase(a.get('phase'), 'en')}”)."),
    "meeting.plan": lambda a, b, w: (
        f"Et møde i {w.body(a.get('body'), 'da') if a.get('body') != 'network' else 'netværket'}"
        f" er planlagt{w.on(a.get('starts_at'))[0]} med "
        f"{w.count(a.get('items'), ('punkt', ''), ('punkter', ''))[0]} og "
        f"{w.count(len(a.get('participants') or []), ('deltager', ''), ('deltagere', ''))[0]}.",
        f"A meeting of {w.body(a.get('body'), 'en') if a.get('body') != 'network' else 'the network'}"
        f" was planned{w.on(a.get('starts_at'))[1]} with "
        f"{w.count(a.get('items'), ('', 'item'), ('', 'items'))[1]} and "
        f"{w.count(len(a.get('participants') or []), ('', 'participant'), ('', 'participants'))[1]}."),
    "meeting.edit": lambda a, b, w: (
        f"Mødet er ændret ({_changed(a, b) or 'deltagere'}).",
        f"The meeting was changed ({_changed(a, b) or 'participants'})."),
    "meeting.cancel": lambda a, b, w: (
        f"Mødet er aflyst{w.on(a.get('cancelled_on'))[0]}."
        + (f" Begrundelse: {a['reason']}" if a.get("reason") else ""),
        f"The meeting was cancelled{w.on(a.get('cancelled_on'))[1]}."
        + (f" Reason: {a['reason']}" if a.get("reason") else "")),
    "meeting.series": lambda a, b, w: (
        f"{w.count(len(a.get('meetings') or []), ('møde', ''), ('møder', ''))[0]} i "
        f"{w.body(a.get('body'), 'da') if a.get('body') != 'network' else 'netværket'} er "
        f"planlagt som en mødeserie fra den {w.date(a.get('first'))} til den "
        f"{w.date(a.get('last'))}.",
        f"{w.count(len(a.get('meetings') or []), ('', 'meeting'), ('', 'meetings'))[1]} of "
        f"{w.body(a.get('body'), 'en') if a.get('body') != 'network' else 'the network'} "
        f"were planned as a series, from {w.date(a.get('first'))} to "
        f"{w.date(a.get('last'))}."),
    "meeting.send": lambda a, b, w: (
        f"Dagsordenen er sendt{w.on(a.get('agenda_sent_at'))[0]}; dens tekster er fastfrosset.",
        f"The agenda was sent{w.on(a.get('agenda_sent_at'))[1]}; its texts are frozen."),
    "meeting.approve": lambda a, b, w: (
        f"Referatet er godkendt{w.on(a.get('approved_on'))[0]}.",
        f"The minutes were approved{w.on(a.get('approved_on'))[1]}."),
    "meeting.item.add": lambda a, b, w: (
        f"Punkt {a.get('number')}{_title(a.get('title'))[0]} er sat på dagsordenen"
        f"{_meeting_ref(a, b, w)[0]}.",
        f"Item {a.get('number')}{_title(a.get('title'))[1]} was put on the agenda"
        f"{_meeting_ref(a, b, w)[1]}."),
    "meeting.item.move": lambda a, b, w: (
        f"Punkt {b.get('number')} er flyttet til nummer {a.get('number')}.",
        f"Item {b.get('number')} was moved to number {a.get('number')}."),
    "meeting.item.edit": lambda a, b, w: (
        f"Punkt {a.get('number')} er rettet ({_changed(a, b)}).",
        f"Item {a.get('number')} was edited ({_changed(a, b)})."),
    "meeting.item.record": lambda a, b, w: (
        f"Udfaldet af punkt {a.get('number')}{_meeting_ref(a, b, w)[0]} er "
        f"{_both(w, OUTCOMES, a.get('outcome'))[0]}." + (f" {a['text']}" if a.get("text") else ""),
        f"The outcome of item {a.get('number')}{_meeting_ref(a, b, w)[1]} is "
        f"{_both(w, OUTCOMES, a.get('outcome'))[1]}." + (f" {a['text']}" if a.get("text") else "")),
    "meeting.attachment.add": lambda a, b, w: (
        f"Bilaget{_title(a.get('title'))[0]} er vedhæftet punkt {a.get('number')}.",
        f"The attachment{_title(a.get('title'))[1]} was added to item {a.get('number')}."),
    "item.add": lambda a, b, w: (
        f"Styringselementet »{a.get('title')}« ({label(sub.ITEM_KINDS, a.get('kind') or '', 'da')})"
        " er registreret.",
        f"The governance item “{a.get('title')}” ({label(sub.ITEM_KINDS, a.get('kind') or '', 'en')})"
        " was registered."),
    "item.edit": lambda a, b, w: (
        f"Et styringselement er rettet ({', '.join(a) or '–'}).",
        f"A governance item was edited ({', '.join(a) or '–'})."),
    "item.import": lambda a, b, w: (
        f"{w.count(a.get('items'), ('styringselement', ''), ('styringselementer', ''))[0]} er "
        f"importeret fra {a.get('file')}.",
        f"{w.count(a.get('items'), ('', 'governance item'), ('', 'governance items'))[1]} "
        f"imported from {a.get('file')}."),
    "workshop.vote": lambda a, b, w: (
        f"{a.get('participant')} ({label(sub.CHAIN_ROLES, a.get('chain_role') or '', 'da')}) "
        f"stemte »{label(sub.VERDICTS, a.get('verdict') or '', 'da')}« på element "
        f"{a.get('item')} med {w.count(a.get('points'), ('point', ''), ('point', ''))[0]}.",
        f"{a.get('participant')} ({label(sub.CHAIN_ROLES, a.get('chain_role') or '', 'en')}) "
        f"voted “{label(sub.VERDICTS, a.get('verdict') or '', 'en')}” on item {a.get('item')} "
        f"with {w.count(a.get('points'), ('', 'point'), ('', 'points'))[1]}."),
    "workshop.import": lambda a, b, w: (
        f"{w.count(a.get('votes'), ('stemme', ''), ('stemmer', ''))[0]} fra "
        f"{w.count(a.get('participants'), ('deltager', ''), ('deltagere', ''))[0]} er "
        f"importeret fra {a.get('file')}.",
        f"{w.count(a.get('votes'), ('', 'vote'), ('', 'votes'))[1]} from "
        f"{w.count(a.get('participants'), ('', 'participant'), ('', 'participants'))[1]} "
        f"imported from {a.get('file')}."),
    "workshop.warning": lambda a, b, w: (f"Advarsel fra workshoppen: {a.get('warning')}",
                                         f"Workshop warning: {a.get('warning')}"),
    "workshop.plan": lambda a, b, w: _workshop_plan(a, b, w),
    "focus.add": lambda a, b, w: (
        f"Indsatsområdet »{a.get('title')}« er besluttet{w.on(a.get('decided_on'))[0]} med "
        f"{w.count(len(a.get('items') or []), ('styringselement', ''), ('styringselementer', ''))[0]}.",
        f"The focus area “{a.get('title')}” was decided{w.on(a.get('decided_on'))[1]} with "
        f"{w.count(len(a.get('items') or []), ('', 'governance item'), ('', 'governance items'))[1]}."),
    "prototype.add": lambda a, b, w: (
        f"Prototypen »{a.get('title')}« er tilføjet indsatsområdet »{a.get('focus_area')}«.",
        f"The prototype “{a.get('title')}” was added to the focus area “{a.get('focus_area')}”."),
    "prototype.criterion": lambda a, b, w: (
        f"Evalueringskriterium {a.get('criterion')} "
        f"({label(sub.BOTTOM_LINES, a.get('bottom_line') or '', 'da')}) er tilføjet: {a.get('text')}",
        f"Evaluation criterion {a.get('criterion')} "
        f"({label(sub.BOTTOM_LINES, a.get('bottom_line') or '', 'en')}) was added: {a.get('text')}"),
    "prototype.criterion.measure": lambda a, b, w: (
        f"Evalueringskriterium {a.get('criterion')} er målt {a.get('measured_on')}: "
        f"{a.get('measured')}"
        + {True: " (opfyldt)", False: " (ikke opfyldt)"}.get(a.get("met"), "") + ".",
        f"Evaluation criterion {a.get('criterion')} was measured on {a.get('measured_on')}: "
        f"{a.get('measured')}"
        + {True: " (met)", False: " (not met)"}.get(a.get("met"), "") + "."),
    "prototype.plan": lambda a, b, w: (f"Evalueringsplanen er sat: {a.get('evaluation_plan')}",
                                       f"The evaluation plan was set: {a.get('evaluation_plan')}"),
    "prototype.status": lambda a, b, w: (
        f"Prototypens status er nu »{label(sub.PROTOTYPE_STATUSES, a.get('status') or '', 'da')}«.",
        f"The prototype's status is now “{label(sub.PROTOTYPE_STATUSES, a.get('status') or '', 'en')}”."),
    "prototype.iteration": lambda a, b, w: (
        f"Afprøvning {a.get('iteration') or a.get('number')} er holdt{w.on(a.get('held_on'))[0]}"
        + (f" ({a['place']})" if a.get("place") else "") + ".",
        f"Pilot iteration {a.get('iteration') or a.get('number')} was held"
        f"{w.on(a.get('held_on'))[1]}" + (f" ({a['place']})" if a.get("place") else "") + "."),
    "survey.import": lambda a, b, w: (
        f"Spørgeskemarunden {a.get('round')} ({label(sub.ROUND_KINDS, a.get('kind') or '', 'da')}) "
        f"er importeret: {w.count(a.get('respondents'), ('respondent', ''), ('respondenter', ''))[0]}, "
        f"{w.count(a.get('answers'), ('svar', ''), ('svar', ''))[0]}.",
        f"The survey round {a.get('round')} ({label(sub.ROUND_KINDS, a.get('kind') or '', 'en')}) "
        f"was imported: {w.count(a.get('respondents'), ('', 'respondent'), ('', 'respondents'))[1]}, "
        f"{w.count(a.get('answers'), ('', 'answer'), ('', 'answers'))[1]}."),
    "evaluation.note": lambda a, b, w: (
        f"Noter fra {label(sub.NOTE_KINDS, a.get('kind') or '', 'da')}et »{a.get('title')}« er "
        f"tilføjet{w.on(a.get('held_on'))[0]}.",
        f"Notes from the {label(sub.NOTE_KINDS, a.get('kind') or '', 'en')} “{a.get('title')}” "
        f"were added{w.on(a.get('held_on'))[1]}."),
    "exemption.add": lambda a, b, w: (
        f"Fritagelsen {a.get('law')} {a.get('section')} er søgt{w.on(a.get('applied_on'))[0]}.",
        f"The exemption {a.get('law')} {a.get('section')} was sought"
        f"{w.on(a.get('applied_on'))[1]}."),
    "exemption.decide": lambda a, b, w: (
        f"Fritagelsen er {label(EXEMPTION_STATUSES, a.get('status') or '', 'da')}"
        f"{w.on(a.get('answered_on'))[0]}.",
        f"The exemption was {label(EXEMPTION_STATUSES, a.get('status') or '', 'en')}"
        f"{w.on(a.get('answered_on'))[1]}."),
    "network.responsible": lambda a, b, w: (
        (f"{a['responsible_municipality']} er netværksansvarlig kommune."
         if a.get("responsible_municipality") else "Netværket har ingen netværksansvarlig kommune."),
        (f"{a['responsible_municipality']} is the network-responsible municipality."
         if a.get("responsible_municipality")
         else "The network has no network-responsible municipality.")),
    "spreading.add": lambda a, b, w: (
        f"Spredning: {label(sub.SPREADING_KINDS, a.get('kind') or '', 'da')} »{a.get('title')}«"
        f"{w.on(a.get('held_on'))[0]}.",
        f"Spreading: {label(sub.SPREADING_KINDS, a.get('kind') or '', 'en')} “{a.get('title')}”"
        f"{w.on(a.get('held_on'))[1]}."),
    # corrections (voids and amendments): the record stays, the reason is part of the sentence
    "activity.void": lambda a, b, w: (
        f"Aktiviteten {label(ACTIVITY_KINDS, a.get('kind') or '', 'da')}"
        f"{_title(a.get('title'))[0]}{w.on(a.get('held_on'))[0]} er annulleret. "
        f"Begrundelse: {a.get('reason')}",
        f"The activity {label(ACTIVITY_KINDS, a.get('kind') or '', 'en')}"
        f"{_title(a.get('title'))[1]}{w.on(a.get('held_on'))[1]} was voided. "
        f"Reason: {a.get('reason')}"),
    "decision.void": lambda a, b, w: (
        f"Beslutningen »{w.decision(a.get('decision'), 'da')}« ({w.body(a.get('body'), 'da')}"
        f"{w.on(a.get('decided_on'))[0]}) er annulleret. Begrundelse: {a.get('reason')}",
        f"The decision “{w.decision(a.get('decision'), 'en')}” ({w.body(a.get('body'), 'en')}"
        f"{w.on(a.get('decided_on'))[1]}) was voided. Reason: {a.get('reason')}"),
    "decision.amend": lambda a, b, w: (
        f"Beslutningen er ændret fra {_both(w, OUTCOMES, b.get('outcome'))[0]} til "
        f"{_both(w, OUTCOMES, a.get('outcome'))[0]}. Begrundelse: {a.get('reason')}",
        f"The decision was amended from {_both(w, OUTCOMES, b.get('outcome'))[1]} to "
        f"{_both(w, OUTCOMES, a.get('outcome'))[1]}. Reason: {a.get('reason')}"),
    "meeting.item.amend": lambda a, b, w: (
        f"Udfaldet af punkt {a.get('number')}{_meeting_ref(a, b, w)[0]} er rettet fra "
        f"{_both(w, OUTCOMES, b.get('outcome'))[0]} til {_both(w, OUTCOMES, a.get('outcome'))[0]}"
        f". Begrundelse: {a.get('reason')}",
        f"The outcome of item {a.get('number')}{_meeting_ref(a, b, w)[1]} was amended from "
        f"{_both(w, OUTCOMES, b.get('outcome'))[1]} to {_both(w, OUTCOMES, a.get('outcome'))[1]}"
        f". Reason: {a.get('reason')}"),
    "meeting.attachment.void": lambda a, b, w: (
        f"Bilaget{_title(a.get('title'))[0]} til punkt {a.get('number')} er annulleret. "
        f"Begrundelse: {a.get('reason')}",
        f"The attachment{_title(a.get('title'))[1]} of item {a.get('number')} was voided. "
        f"Reason: {a.get('reason')}"),
    "workshop.vote.void": lambda a, b, w: (
        f"{a.get('participant')}s stemme om element #{a.get('item')} er annulleret. "
        f"Begrundelse: {a.get('reason')}",
        f"{a.get('participant')}'s vote on item #{a.get('item')} was voided. "
        f"Reason: {a.get('reason')}"),
    "prototype.criterion.void": lambda a, b, w: (
        f"Evalueringskriteriet »{a.get('text')}« for prototypen »{a.get('prototype_title')}« er "
        f"annulleret. Begrundelse: {a.get('reason')}",
        f"The evaluation criterion “{a.get('text')}” of the prototype "
        f"“{a.get('prototype_title')}” was voided. Reason: {a.get('reason')}"),
    "survey.void": lambda a, b, w: (
        f"Målingen »{a.get('name')}«{w.on(a.get('held_on'))[0]} er annulleret. "
        f"Begrundelse: {a.get('reason')}",
        f"The survey round “{a.get('name')}”{w.on(a.get('held_on'))[1]} was voided. "
        f"Reason: {a.get('reason')}"),
    "evaluation.note.void": lambda a, b, w: (
        f"Evalueringsnoten{_title(a.get('title'))[0]} er annulleret. "
        f"Begrundelse: {a.get('reason')}",
        f"The evaluation note{_title(a.get('title'))[1]} was voided. "
        f"Reason: {a.get('reason')}"),
    "exemption.void": lambda a, b, w: (
        f"Fritagelsen {a.get('law')} {a.get('section')} er annulleret. "
        f"Begrundelse: {a.get('reason')}",
        f"The exemption {a.get('law')} {a.get('section')} was voided. "
        f"Reason: {a.get('reason')}"),
    "spreading.void": lambda a, b, w: (
        f"Spredningen{_title(a.get('title'))[0]} er annulleret. Begrundelse: {a.get('reason')}",
        f"The spreading entry{_title(a.get('title'))[1]} was voided. "
        f"Reason: {a.get('reason')}"),
    # persons: one person, one identity
    "membership.remove": lambda a, b, w: (
        f"{a.get('name')} er ikke længere medlem af {w.body(a.get('body'), 'da')}.",
        f"{a.get('name')} is no longer a member of {w.body(a.get('body'), 'en')}."),
    "agent.remove": lambda a, b, w: (
        f"{a.get('name')} er ikke længere dokumentationsagent.",
        f"{a.get('name')} is no longer a documentation agent."),
    "person.rename": lambda a, b, w: (
        f"{b.get('full_name')} hedder nu {a.get('full_name')}.",
        f"{b.get('full_name')} is now called {a.get('full_name')}."),
    "person.merge": lambda a, b, w: (
        f"{b.get('full_name')} er lagt sammen med {a.get('into')}.",
        f"{b.get('full_name')} was merged into {a.get('into')}."),
}


class _Values(dict):
    """An event's values where a value not recorded reads as empty text, never as "None"."""

    def get(self, key, default=""):  # noqa: ANN001
        value = super().get(key)
        return default if value is None else value


def details(after: dict | None) -> str:
    """The old form: ``key=value, …`` of the values recorded."""
    return ", ".join(f"{k}={v}" for k, v in (after or {}).items() if v not in (None, "", []))


def sentence(event: dict, words: Words) -> tuple[str, bool]:
    """(the event as a sentence in ``words.lang``, True) — or (its details the old way, False)
    when its action has no sentence or the sentence cannot be made from what was recorded."""
    make = SENTENCES.get(event.get("action") or "")
    if make is not None:
        try:
            da, en = make(_Values(event.get("after") or {}), _Values(event.get("before") or {}),
                          words)
            return (da if words.lang == "da" else en), True
        except (KeyError, TypeError, ValueError, AttributeError):
            pass
    return details(event.get("after")), False


# The sentences of what happens between meetings (issue 14), in a module of their own.
from nybureau.cli.log_sentences_follow_up import FOLLOW_UP  # noqa: E402  (builds on the above)

SENTENCES.update(FOLLOW_UP)

# The sentences of the web view (issue 15), in a module of their own.
from nybureau.cli.log_sentences_web import WEB  # noqa: E402  (builds on the above)

SENTENCES.update(WEB)

# The sentences of the risk log and the communication plan (issue 16 §6), in a module of their
# own.
from nybureau.cli.log_sentences_risks import RISKS  # noqa: E402  (builds on the above)

SENTENCES.update(RISKS)
# The sentences of evaluation by design (issue 16 §5), in a module of their own.
from nybureau.cli.log_sentences_evaluation import EVALUATION  # noqa: E402  (builds on the above)

SENTENCES.update(EVALUATION)
# The sentences of the documentation agents' field work (issue 16), in a module of their own.
from nybureau.cli.log_sentences_fieldwork import FIELDWORK  # noqa: E402  (builds on the above)

SENTENCES.update(FIELDWORK)
# The sentences of the frame project a network carries (issue 16), in a module of their own.
from nybureau.cli.log_sentences_programme import PROGRAMME  # noqa: E402  (builds on the above)

SENTENCES.update(PROGRAMME)
