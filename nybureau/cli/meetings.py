"""``nybureau meeting …``: plan a meeting with its agenda, edit items, record outcomes once,
approve the minutes, cancel a planned meeting, write an iCalendar invitation (or, for a
cancelled meeting, the cancellation)."""

from __future__ import annotations

import click

from nybureau.cli.app import INT64, App, NybureauGroup, echo, emit_json, esc, pass_app
from nybureau.cli.choices import Vocab
from nybureau.domain.vocabulary import BODIES, OUTCOMES
from nybureau.services.people import NEW_PERSON_HELP

ITEM_TYPES = ["decision", "discussion", "information"]


@click.group(cls=NybureauGroup)
def meeting() -> None:
    """Meetings of MED, management, the steering group … and network meetings 1–4."""


def _meeting_json(shown: dict, lang: str) -> dict:
    from nybureau.services import meetings as ms

    m = shown["meeting"]
    return {
        "id": m["id"], "project": m["project_slug"], "network": m["network_slug"],
        "body": m["body"], "number": m["number"], "committee": m["committee"],
        "name": ms.meeting_name(m, lang), "title": m["title"],
        "starts_at": m["starts_at"].isoformat(),
        "ends_at": m["ends_at"].isoformat() if m["ends_at"] else None,
        "place": m["place"], "minute_taker": m["minute_taker"], "status": m["status"],
        "approved_on": m["approved_on"],
        "cancelled": ({"on": shown["cancelled"]["on"].isoformat() if shown["cancelled"]["on"]
                       else None, "reason": shown["cancelled"]["reason"]}
                      if shown.get("cancelled") else None),
        "participants": [{"name": p["full_name"], "role": p["role"]} for p in shown["people"]
                         if p["attendance"] == "participant"],
        "apologies": [p["full_name"] for p in shown["people"] if p["attendance"] == "apology"],
        "items": [
            {"number": it["position"], "title": _item_title(it, shown, lang),
             "type": it["kind"], "closed": it["closed"], "case_number": it["case_number"],
             "decision": it["decision_key"], "outcome": it["outcome"],
             "text": it["decision_text"],
             "attachments": [{"title": a["title"], "location": a["location"],
                              "publishable": a["publishable"]} for a in it["attachments"]]}
            for it in shown["items"]
        ],
    }


def _item_title(it: dict, shown: dict, lang: str) -> str:
    from nybureau.services import meetings as ms

    if it["title"]:
        return it["title"]
    if it["standing"] == "project_news" and it["subject_project_id"] in shown.get("subjects", {}):
        town = shown["subjects"][it["subject_project_id"]]
        return f"Nyt fra {town}" if lang == "da" else f"News from {town}"
    if it["standing"]:
        return ms.STANDING[it["standing"]][lang]
    return shown.get("titles", {}).get(it["decision_key"], it["decision_key"] or "")


def _titles(tx, shown: dict, lang: str) -> None:
    from nybureau.workflow.spec import text

    m = shown["meeting"]
    shown["subjects"] = {p["id"]: p["municipality"] for p in tx.project_list()
                         if any(it["subject_project_id"] == p["id"] for it in shown["items"])}
    if m["project_slug"]:
        project = tx.project_get(m["project_slug"])
        spec = tx.workflow_spec(project["workflow_definition_id"])
        shown["titles"] = {d.id: text(d.title, lang) for p in spec.phases for d in p.decisions}


def _print_meeting(app: App, shown: dict) -> None:
    from nybureau.domain.vocabulary import label
    from nybureau.rendering.dates import long_datetime
    from nybureau.services import meetings as ms

    m = shown["meeting"]
    lang = app.lang
    owner = m["project_name"] or m["network_name"]
    head = (f"[bold]{app.t('Møde', 'Meeting')} {m['id']}: {esc(ms.meeting_name(m, lang))}"
            f"[/bold] — {esc(owner)}\n{long_datetime(m['starts_at'], lang)}")
    if m["place"]:
        head += f", {esc(m['place'])}"
    head += f"\n{app.t('Status', 'Status')}: {ms.STATUSES[m['status']][lang]}"
    if shown.get("cancelled"):
        from nybureau.rendering.dates import short_date

        c = shown["cancelled"]
        if c["on"]:
            head += app.t(" den ", " on ") + short_date(c["on"], lang)
        if c["reason"]:
            head += f"\n{app.t('Begrundelse', 'Reason')}: {esc(c['reason'])}"
    from nybureau.cli.tables import col, make_table, print_show

    print_show(app, head)
    table = make_table([col("#", "number", justify="left"), col(app.t("punkt", "item"), "title"),
                        col(app.t("type", "type"), "label"),
                        col(app.t("beslutning", "outcome"), "label")], cut=False)
    for it in shown["items"]:
        title = _item_title(it, shown, lang)
        if it["closed"]:
            title += app.t(" (lukket)", " (closed)")
        table.add_row(str(it["position"]), esc(title), ms.ITEM_KINDS[it["kind"]][lang],
                      label(OUTCOMES, it["outcome"], lang) if it["outcome"] else "–")
    app.print(table)


@meeting.command("plan", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau meeting plan randers med --date \"2026-04-02 13:00\" \\\n"
    "      --place \"Rådhuset\""))
@click.argument("owner", metavar="PROJECT|NETWORK")
@click.argument("body", type=Vocab("meeting_owner"))
@click.option("--date", "starts", required=True, metavar='"YYYY-MM-DD HH:MM"',
              help="Start, Copenhagen time.")
@click.option("--place", help="Mødested.")
@click.option("--title", help="A title for the meeting (optional).")
@click.option("--committee", help="The body's own name, e.g. 'Hoved-MED' (used in documents "
                                  "and file names).")
@click.option("--duration", type=INT64, default=120, show_default=True, help="Minutes.")
@click.option("--minute-taker", help="Referent.")
@click.option("--participant", "participants", multiple=True, metavar='"FULL NAME"',
              help="Participants (default: the body's members, or every agent in the network).")
@click.option("--apology", "apologies", multiple=True, metavar='"FULL NAME"',
              help="Afbud; repeat for several.")
@click.option("--number", type=INT64, help="Network meeting 1–4 (with BODY network).")
@click.option("--new-person", is_flag=True, help=NEW_PERSON_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def meeting_plan(app: App, owner, body, starts, place, title, committee, duration, minute_taker,
                 participants, apologies, number, new_person, as_json) -> None:
    """Plan a meeting; its agenda is written from what the project is waiting for.

    PROJECT BODY for a project's body (e.g. odder-bostoette med), or NETWORK network --number N
    for a network meeting."""
    from nybureau.services import meetings as ms

    with app.write() as tx:
        shown = ms.plan_meeting(tx, owner, body, starts=starts, place=place, title=title,
                                committee=committee, duration_minutes=duration,
                                minute_taker=minute_taker, participants=list(participants),
                                apologies=list(apologies), number=number,
                                new_person=new_person)
        _titles(tx, shown, app.lang)
    if as_json:
        emit_json(_meeting_json(shown, app.lang))
        return
    m = shown["meeting"]
    echo(app.t(f"Møde {m['id']} er planlagt med {len(shown['items'])} punkter.",
               f"Planned meeting {m['id']} with {len(shown['items'])} items."))
    _print_meeting(app, shown)


@meeting.command("list", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau meeting list randers"))
@click.argument("project_slug", metavar="[PROJECT]", required=False)
@click.option("--network", "network_slug", help="A network's meetings.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--wide", is_flag=True, help="All columns (for a wide terminal).")
@pass_app
def meeting_list(app: App, project_slug, network_slug, as_json, wide=False) -> None:
    """List meetings (of a project, a network, or all)."""
    from nybureau.services import meetings as ms

    with app.read() as tx:
        rows = ms.list_meetings(tx, project_slug, network_slug)
    if as_json:
        emit_json([{"id": r["id"], "project": r["project_slug"], "network": r["network_slug"],
                    "body": r["body"], "number": r["number"],
                    "name": ms.meeting_name(r, app.lang),
                    "starts_at": r["starts_at"].isoformat(), "place": r["place"],
                    "status": r["status"], "items": r["items"]} for r in rows])
        return
    from nybureau.cli.tables import col, make_table
    from nybureau.rendering.dates import long_datetime

    when = (lambda at: long_datetime(at, app.lang)) if wide else \
        (lambda at: at.strftime("%Y-%m-%d %H:%M"))
    table = make_table([col("id", "id"), col(app.t("udvalg", "body"), "title"),
                        col(app.t("projekt/netværk", "project/network"), "text"),
                        col(app.t("tidspunkt", "time"), "date"),
                        col(app.t("punkter", "items"), "number", wide=True),
                        col("status", "label")],
                       title=app.t("Møder", "Meetings"), wide=wide)
    for r in rows:
        table.add_row(str(r["id"]), esc(ms.meeting_name(r, app.lang)),
                      esc(r["project_slug"] or r["network_slug"]),
                      when(r["starts_at"]), str(r["items"]),
                      ms.STATUSES[r["status"]][app.lang])
    app.print(table)


@meeting.command("show", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau meeting show 3"))
@click.argument("meeting_id", metavar="MEETING")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def meeting_show(app: App, meeting_id, as_json) -> None:
    """Show a meeting and its agenda."""
    from nybureau.services import meetings as ms

    with app.read() as tx:
        shown = ms.show_meeting(tx, meeting_id)
        _titles(tx, shown, app.lang)
    if as_json:
        emit_json(_meeting_json(shown, app.lang))
        return
    _print_meeting(app, shown)


@meeting.command("edit", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau meeting edit 3 --apology \"Pia Lund\""))
@click.argument("meeting_id", metavar="MEETING")
@click.option("--date", "starts", metavar='"YYYY-MM-DD HH:MM"', help="Move the meeting.")
@click.option("--place", help="Mødested.")
@click.option("--minute-taker", help="Referent.")
@click.option("--participant", "participants", multiple=True, metavar='"FULL NAME"')
@click.option("--apology", "apologies", multiple=True, metavar='"FULL NAME"', help="Afbud.")
@click.option("--new-person", is_flag=True, help=NEW_PERSON_HELP)
@pass_app
def meeting_edit(app: App, meeting_id, starts, place, minute_taker, participants,
                 apologies, new_person) -> None:
    """Change a meeting's time, place or minute-taker; add participants or apologies."""
    from nybureau.services import meetings as ms

    with app.write() as tx:
        ms.edit_meeting(tx, meeting_id, starts=starts, place=place, minute_taker=minute_taker,
                        participants=list(participants), apologies=list(apologies),
                        new_person=new_person)
    echo(app.t(f"Møde {meeting_id} er ændret.", f"Changed meeting {meeting_id}."))


@meeting.group("item", cls=NybureauGroup)
def item() -> None:
    """Agenda items: add, move, edit, attach."""


def _recs(values) -> list[str] | None:
    return list(values) or None


@item.command("add", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau meeting item add 3 --title \"Project description\" \\\n"
    "      --type decision"))
@click.argument("meeting_id", metavar="MEETING")
@click.option("--title", required=True)
@click.option("--type", "kind", type=Vocab("meeting_item_type"), default="decision",
              show_default=True, help="beslutning / drøftelse / orientering.")
@click.option("--closed/--open", default=False, help="Lukket or åbent punkt (default open).")
@click.option("--case", "case_number", help="Sagsnr. (free text).")
@click.option("--background", help="Sagsfremstilling.")
@click.option("--recommendation", "recommendations", multiple=True, metavar='"at …"',
              help="One 'at …' recommendation of the indstilling; repeat for several.")
@click.option("--finances", help="Økonomi.")
@click.option("--decision", help="The workflow decision this item asks for (counts for the "
                                 "gate when its outcome is recorded).")
@click.option("--position", type=INT64, help="Item number to insert at (default: last).")
@pass_app
def item_add(app: App, meeting_id, title, kind, closed, case_number, background,
             recommendations, finances, decision, position) -> None:
    """Add an item to a meeting's agenda."""
    from nybureau.services import meetings as ms

    with app.write() as tx:
        r = ms.add_item(tx, meeting_id, title=title, kind=kind, closed=closed,
                        case_number=case_number, background=background,
                        recommendations=_recs(recommendations), finances=finances,
                        decision=decision, position=position)
    echo(app.t(f"Punkt {r['number']} er tilføjet møde {r['meeting']}: {title}",
               f"Added item {r['number']} to meeting {r['meeting']}: {title}"))


@item.command("move")
@click.argument("meeting_id", metavar="MEETING")
@click.argument("number", metavar="ITEM")
@click.option("--to", "to", type=INT64, required=True, help="The new item number.")
@pass_app
def item_move(app: App, meeting_id, number, to) -> None:
    """Move an item; the others are renumbered."""
    from nybureau.services import meetings as ms

    with app.write() as tx:
        r = ms.move_item(tx, meeting_id, number, to)
    echo(app.t(f"Punkt {r['from']} er nu punkt {r['to']}.",
               f"Item {r['from']} is now item {r['to']}."))


@item.command("edit")
@click.argument("meeting_id", metavar="MEETING")
@click.argument("number", metavar="ITEM")
@click.option("--title")
@click.option("--type", "kind", type=Vocab("meeting_item_type"))
@click.option("--closed/--open", default=None, help="Lukket or åbent punkt.")
@click.option("--case", "case_number", help="Sagsnr.")
@click.option("--background", help="Sagsfremstilling (replaces it).")
@click.option("--recommendation", "recommendations", multiple=True, metavar='"at …"',
              help="Replaces the indstilling; repeat for several.")
@click.option("--finances", help="Økonomi.")
@pass_app
def item_edit(app: App, meeting_id, number, title, kind, closed, case_number, background,
              recommendations, finances) -> None:
    """Edit an item (only the options given change)."""
    from nybureau.services import meetings as ms

    with app.write() as tx:
        r = ms.edit_item(tx, meeting_id, number, title=title, kind=kind, closed=closed,
                         case_number=case_number, background=background,
                         recommendations=_recs(recommendations), finances=finances)
    echo(app.t(f"Punkt {r['number']} er ændret: {', '.join(r['changed'])}.",
               f"Changed item {r['number']}: {', '.join(r['changed'])}."))


@item.command("attach")
@click.argument("meeting_id", metavar="MEETING")
@click.argument("number", metavar="ITEM")
@click.option("--title", required=True, help="The attachment's title.")
@click.option("--file", "location", required=True, metavar="PATH|URL", help="A file or a link.")
@click.option("--not-public", is_flag=True, help="Never included in a --public render.")
@pass_app
def item_attach(app: App, meeting_id, number, title, location, not_public) -> None:
    """Add an attachment (bilag) to an item."""
    from nybureau.services import meetings as ms

    with app.write() as tx:
        r = ms.attach(tx, meeting_id, number, title=title, location=location,
                      publishable=not not_public)
    echo(app.t(f"Bilag «{title}» er tilføjet punkt {r['number']}.",
               f"Attached “{title}” to item {r['number']}."))


@meeting.command("record", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau meeting record 3 2 --outcome approved"))
@click.argument("meeting_id", metavar="MEETING")
@click.argument("number", metavar="ITEM")
@click.option("--outcome", required=True, type=Vocab("outcome"),
              help="approved (godkendt), approved_with_changes, rejected, postponed (udsat), "
                   "noted (taget til efterretning).")
@click.option("--text", help="The decision's wording in the minutes.")
@click.option("--amend", is_flag=True,
              help="Replace the item's recorded outcome (until the minutes are approved).")
@click.option("--reason", metavar="TEXT", help="Why the outcome is amended (with --amend).")
@pass_app
def meeting_record(app: App, meeting_id, number, outcome, text, amend, reason) -> None:
    """Record an item's outcome once: it becomes the minutes, the decision the phase gate counts
    and an entry in the history."""
    from nybureau.domain.vocabulary import label
    from nybureau.services import meetings as ms

    if reason is not None and not amend:
        from nybureau.errors import InvalidInput

        raise InvalidInput(
            "--reason goes with --amend (the reason for replacing a recorded outcome).",
            "--reason hører sammen med --amend (årsagen til at erstatte en registreret "
            "beslutning).")
    if amend:  # a correction (issue 11): nybureau.services.process.amend
        from nybureau.services import process as corrections

        with app.write() as tx:
            r = corrections.amend_outcome(tx, meeting_id, number, outcome=outcome, text=text,
                                          reason=reason)
        echo(app.t(
            f"Punkt {r['number']} er ændret: {label(OUTCOMES, r['previous'], 'da')} → "
            f"{label(OUTCOMES, outcome, 'da')}."
            + (f" Beslutningen '{r['decision']}' er ændret med." if r["decision_ids"] else ""),
            f"Item {r['number']} amended: {label(OUTCOMES, r['previous'], 'en')} → "
            f"{label(OUTCOMES, outcome, 'en')}."
            + (f" The decision '{r['decision']}' is amended with it." if r["decision_ids"]
               else "")))
        return
    with app.write() as tx:
        r = ms.record_outcome(tx, meeting_id, number, outcome=outcome, text=text)
    msg = app.t(f"Punkt {r['number']}: {label(OUTCOMES, outcome, 'da')}.",
                f"Item {r['number']}: {label(OUTCOMES, outcome, 'en')}.")
    if r["decision"]:
        msg += app.t(f" Beslutningen '{r['decision']}' er registreret fra mødet.",
                     f" The decision '{r['decision']}' is recorded from the meeting.")
    if r["approved_previous"]:
        msg += app.t(f" Referatet af møde {r['approved_previous']} er dermed godkendt.",
                     f" The minutes of meeting {r['approved_previous']} are approved with it.")
    echo(msg)
    for w in r["warnings"]:
        echo(app.t("Bemærk: ", "Note: ") + w, err=True)


@meeting.command("approve", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau meeting approve 3 --date 2026-04-20"))
@click.argument("meeting_id", metavar="MEETING")
@click.option("--date", "on", help="Date of approval, YYYY-MM-DD (default: today).")
@pass_app
def meeting_approve(app: App, meeting_id, on) -> None:
    """Approve the minutes of a held meeting."""
    from nybureau.services import meetings as ms

    with app.write() as tx:
        r = ms.approve_minutes(tx, meeting_id, on)
    echo(app.t(f"Referatet af møde {r['meeting']} er godkendt ({r['approved_on']}).",
               f"Approved the minutes of meeting {r['meeting']} ({r['approved_on']})."))


@meeting.command("cancel", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau meeting cancel 3 --reason \"Moved to May\""))
@click.argument("meeting_id", metavar="MEETING")
@click.option("--reason", required=True, help="Why it is cancelled (kept in the history; not "
                                              "put in the cancellation sent to attendees).")
@click.option("--date", "on", help="Date of the cancellation, YYYY-MM-DD (default: today).")
@pass_app
def meeting_cancel(app: App, meeting_id, reason, on) -> None:
    """Cancel (aflys) a planned meeting."""
    from nybureau.services import meetings as ms

    with app.write() as tx:
        r = ms.cancel_meeting(tx, meeting_id, reason, on)
    echo(app.t(
        f"Møde {r['meeting']} er aflyst ({r['cancelled_on']}). Send aflysningen til deltagerne "
        f"med `nybureau meeting ics {r['meeting']}`.",
        f"Cancelled meeting {r['meeting']} ({r['cancelled_on']}). Send the cancellation to the "
        f"attendees with `nybureau meeting ics {r['meeting']}`."))


@meeting.command("ics")
@click.argument("meeting_id", metavar="MEETING")
@click.option("--out", "out", metavar="PATH",
              help="File to write (default: a transliterated name in the current folder; "
                   "'-' for standard output).")
@pass_app
def meeting_ics(app: App, meeting_id, out) -> None:
    """Write an iCalendar invitation with the agenda as its description.

    Participants with an e-mail address (`nybureau person email`) are its attendees, apologies
    as declined; the minute-taker with an address is its organizer. Each time the meeting is
    moved or its agenda changed, the invitation's SEQUENCE grows, so calendars apply it. For a
    cancelled meeting it is the cancellation (METHOD:CANCEL), without the reason."""
    from pathlib import Path

    from nybureau.rendering import file_name
    from nybureau.rendering.ics import meeting_ics as make
    from nybureau.services import documents

    with app.read() as tx:
        data = documents.invitation_data(tx, meeting_id, app.lang)
    payload = make(data, lang=app.lang, invitation=data["invitation"])
    if out == "-":
        click.echo(payload.decode("utf-8"), nl=False)
        return
    path = Path(out) if out else Path(file_name(data, "ics"))
    if path.is_dir():
        path = path / file_name(data, "ics")
    from nybureau.fsio import write_file

    write_file(path, payload)  # the old file stays until the new one is complete
    echo(str(path))


# -- corrections (issue 11 §3): an item's attachments with their ids, and voiding one ---------
@item.command("attachments")
@click.argument("meeting_id", metavar="MEETING")
@click.argument("number", metavar="ITEM")
@click.option("--all", "include_voided", is_flag=True,
              help="Also show voided records, marked as voided.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def item_attachments(app: App, meeting_id, number, include_voided, as_json) -> None:
    """List an item's attachments (bilag) with the ids `meeting item void-attachment` takes."""
    from nybureau.cli._voids import json_row, state, table
    from nybureau.services import process as corrections

    with app.read() as tx:
        rows = corrections.list_attachments(tx, meeting_id, number, include_voided)
    if as_json:
        emit_json([json_row(r, ["id", "title", "location", "publishable"]) for r in rows])
        return
    table(app, app.t(f"Bilag til punkt {number} på møde {meeting_id}",
                      f"Attachments of item {number} of meeting {meeting_id}"),
           ["id", app.t("titel", "title"), app.t("fil eller link", "file or link"),
            app.t("annulleret", "voided")],
           [[str(r["id"]), r["title"], r["location"], state(app, r)] for r in rows])


@item.command("void-attachment")
@click.argument("meeting_id", metavar="MEETING")
@click.argument("number", metavar="ITEM")
@click.argument("attachment_id", metavar="ATTACHMENT_ID")
@click.option("--reason", required=True, metavar="TEXT",
              help="Why the record is voided (kept in the history).")
@pass_app
def item_void_attachment(app: App, meeting_id, number, attachment_id, reason) -> None:
    """Void an attachment (bilag) of an item; it leaves the agenda and the minutes."""
    from nybureau.cli._voids import done
    from nybureau.services import process as corrections

    with app.write() as tx:
        r = corrections.void_attachment(tx, meeting_id, number, attachment_id, reason=reason)
    done(app, f"Bilaget «{r['title']}» (punkt {r['number']}, møde {r['meeting']}) er "
               "annulleret; det er ikke længere med i dagsorden og referat, men bliver i "
               "historikken.",
          f"Attachment “{r['title']}” (item {r['number']}, meeting {r['meeting']}) is voided; "
          "it leaves the agenda and the minutes but stays in the history.")

COMMANDS = [meeting]
