"""``nybureau meeting …``: plan a meeting with its agenda, list, show and edit meetings.

The agenda's items (``meeting item …``) are in :mod:`nybureau.cli.meeting_items`; recording
outcomes, approving the minutes, cancelling and the iCalendar invitation (``meeting record|
approve|cancel|ics``) in :mod:`nybureau.cli.meeting_minutes`. Both add their commands to the
``meeting`` group defined here."""

from __future__ import annotations

import click

from nybureau.cli.app import INT64, App, NybureauGroup, echo, emit_json, esc, pass_app
from nybureau.cli.choices import Vocab
from nybureau.domain.vocabulary import OUTCOMES
from nybureau.i18n import Msg
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
        return Msg("News from {town}", town=town).render(lang)
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
    head = (f"[bold]{app.t(Msg('Meeting'))} {m['id']}: {esc(ms.meeting_name(m, lang))}"
            f"[/bold] — {esc(owner)}\n{long_datetime(m['starts_at'], lang)}")
    if m["place"]:
        head += f", {esc(m['place'])}"
    head += f"\n{app.t(Msg('Status'))}: {ms.STATUSES[m['status']][lang]}"
    if shown.get("cancelled"):
        from nybureau.rendering.dates import short_date

        c = shown["cancelled"]
        if c["on"]:
            head += app.t(Msg(" on ")) + short_date(c["on"], lang)
        if c["reason"]:
            head += f"\n{app.t(Msg('Reason'))}: {esc(c['reason'])}"
    from nybureau.cli.tables import col, make_table, print_show

    print_show(app, head)
    table = make_table([col("#", "number", justify="left"), col(app.t(Msg("item")), "title"),
                        col(app.t(Msg("type")), "label"),
                        col(app.t(Msg("outcome")), "label")], cut=False)
    for it in shown["items"]:
        title = _item_title(it, shown, lang)
        if it["closed"]:
            title += app.t(Msg(" (closed)"))
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
    echo(app.t(Msg("Planned meeting {id} with {n_items} items.", id=m['id'],
                   n_items=len(shown['items']))))
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
    table = make_table([col("id", "id"), col(app.t(Msg("body")), "title"),
                        col(app.t(Msg("project/network")), "text"),
                        col(app.t(Msg("time")), "date"),
                        col(app.t(Msg("items")), "number", wide=True),
                        col("status", "label")],
                       title=app.t(Msg("Meetings")), wide=wide)
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
@click.option("--case", "case_number", metavar="NR",
              help="The meeting's sagsnr. (printed in its documents' header).")
@click.option("--doc", "document_number", metavar="NR",
              help="The document's dok.nr. (printed in its documents' header).")
@click.option("--new-person", is_flag=True, help=NEW_PERSON_HELP)
@pass_app
def meeting_edit(app: App, meeting_id, starts, place, minute_taker, participants,
                 apologies, case_number, document_number, new_person) -> None:
    """Change a meeting's time, place or minute-taker; add participants or apologies."""
    from nybureau.services import meetings as ms

    with app.write() as tx:
        ms.edit_meeting(tx, meeting_id, starts=starts, place=place, minute_taker=minute_taker,
                        participants=list(participants), apologies=list(apologies),
                        new_person=new_person, case_number=case_number,
                        document_number=document_number)
    echo(app.t(Msg("Changed meeting {meeting_id}.", meeting_id=meeting_id)))


@meeting.command("sent", epilog=(
    "\b\n"
    "Examples:\n"
    "  nybureau meeting sent 3 --at \"2017-08-09 12:00\"\n"
    "  nybureau meeting sent 3 --minutes --at \"2017-08-17 09:00\""))
@click.argument("meeting_id", metavar="MEETING")
@click.option("--at", metavar='"YYYY-MM-DD HH:MM"',
              help="When it was sent (Copenhagen time; default: now).")
@click.option("--minutes", is_flag=True,
              help="The approved minutes were sent (by other means than `nybureau meeting "
                   "send`), not the agenda: their deadline is met.")
@pass_app
def meeting_sent(app: App, meeting_id, at, minutes) -> None:
    """Record that a meeting's agenda was sent: its generated texts (status, sagsfremstilling)
    are kept as they were then. Until it is sent they follow the records as of the agenda's
    date; a text you wrote for an item always stays. With --minutes: that its approved minutes
    were sent."""
    from nybureau.services import meetings as ms

    if minutes:
        from nybureau.services.meetings.deadlines import record_minutes_sent

        with app.write() as tx:
            r = record_minutes_sent(tx, meeting_id, at)
        echo(app.t(Msg("The approved minutes of meeting {meeting} were sent "
                       "{sent:%Y-%m-%d %H:%M}.", meeting=r["meeting"],
                       sent=r["minutes_sent_at"])))
        return
    with app.write() as tx:
        r = ms.send_agenda(tx, meeting_id, at)
    echo(app.t(Msg("The agenda of meeting {meeting} was sent {sent:%Y-%m-%d %H:%M}; its "
                   "generated texts are kept as they were then.", meeting=r["meeting"],
                   sent=r["sent_at"])))


COMMANDS = [meeting]
