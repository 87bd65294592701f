"""``nybureau meeting series …``: plan a body's meetings for a period with one template agenda
(``meeting series PROJECT BODY --every 4w …`` or ``--dates …``), and list the series. Attached
to the ``meeting`` group of :mod:`nybureau.cli.meetings`."""

from __future__ import annotations

import click

from nybureau.cli.app import INT64, App, NybureauGroup, echo, emit_json, esc, pass_app
from nybureau.cli.choices import Vocab
from nybureau.cli.meetings import meeting
from nybureau.i18n import Msg
from nybureau.services.people import NEW_PERSON_HELP


class _SeriesGroup(NybureauGroup):
    """``meeting series PROJECT BODY …`` is ``meeting series plan PROJECT BODY …``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["plan", *args]
        return super().parse_args(ctx, args)


@meeting.group("series", cls=_SeriesGroup, epilog=(
    "\b\n"
    "Examples:\n"
    "  nybureau meeting series odder-bostoette med --every month \\\n"
    "      --from 2017-09-01 --to 2017-12-31 --weekday wednesday --time 13:00\n"
    "  nybureau meeting series list odder-bostoette"))
def series() -> None:
    """A body's meetings for a period, planned together (PROJECT BODY …, or list)."""


@series.command("plan", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau meeting series odder-bostoette med --every 4w \\\n"
    "      --from 2017-09-06 --to 2017-12-20 --time 13:00 --item \"Arbejdsmiljø\""))
@click.argument("owner", metavar="PROJECT", required=False)
@click.argument("body", metavar="BODY", type=Vocab("body"), required=False)
@click.option("--network", "network_slug", help="A network's meetings (instead of PROJECT "
                                                "BODY); they take the next free numbers 1–4.")
@click.option("--every", type=Vocab("series_every"),
              help="Every week, two weeks, four weeks, or month (the same weekday of the same "
                   "week of the month as the first meeting).")
@click.option("--from", "starts_on", metavar="YYYY-MM-DD", help="The period's first day.")
@click.option("--to", "ends_on", metavar="YYYY-MM-DD", help="The period's last day.")
@click.option("--weekday", help="Meet on this weekday (the first one from --from), e.g. "
                                "wednesday / onsdag.")
@click.option("--dates", metavar="D1,D2,…", help="The meeting days, instead of --every.")
@click.option("--time", "time_of_day", default="13:00", show_default=True, metavar="HH:MM",
              help="Start, Copenhagen time.")
@click.option("--duration", type=INT64, default=120, show_default=True, help="Minutes.")
@click.option("--place", help="Mødested.")
@click.option("--title", help="The series' name (optional).")
@click.option("--committee", help="The body's own name, e.g. 'Hoved-MED'.")
@click.option("--minute-taker", help="Referent.")
@click.option("--item", "items", multiple=True, metavar="TITLE",
              help="An item on every agenda of the series; repeat for several.")
@click.option("--on-holiday", type=Vocab("on_holiday"),
              help="A meeting day on a Danish public holiday: left out (the default with "
                   "--every) or refused (the default with --dates).")
@click.option("--new-person", is_flag=True, help=NEW_PERSON_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def series_plan(app: App, owner, body, network_slug, every, starts_on, ends_on, weekday, dates,
                time_of_day, duration, place, title, committee, minute_taker, items,
                on_holiday, new_person, as_json) -> None:
    """Plan a body's meetings for a period, each with the same template agenda.

    Each meeting is then a meeting of its own: edit, move or cancel it with `meeting edit`,
    `meeting item …` and `meeting cancel`."""
    from nybureau.errors import InvalidInput
    from nybureau.services.meetings import plan_series

    if network_slug is not None:
        if owner is not None:
            raise InvalidInput(Msg("Give PROJECT BODY or --network NETWORK, not both."))
        owner, body = network_slug, "network"
    elif owner is None or body is None:
        raise InvalidInput(Msg("Say whose meetings: PROJECT BODY (e.g. odder-bostoette med), or "
                               "--network NETWORK."))
    day_list = [d.strip() for d in dates.split(",") if d.strip()] if dates else None
    with app.write() as tx:
        r = plan_series(tx, owner, body, every=every, dates=day_list, starts_on=starts_on,
                        ends_on=ends_on, time=time_of_day, weekday=weekday,
                        duration_minutes=duration, place=place, title=title,
                        committee=committee, minute_taker=minute_taker, items=list(items),
                        on_holiday=on_holiday, new_person=new_person)
    if as_json:
        emit_json({"series": r["series"],
                   "meetings": [{"id": s["meeting"]["id"],
                                 "starts_at": s["meeting"]["starts_at"].isoformat(),
                                 "items": len(s["items"])} for s in r["meetings"]],
                   "skipped": [{"date": s["date"].isoformat(), "holiday": s["holiday"]}
                               for s in r["skipped"]]})
        return
    from nybureau.rendering.dates import long_datetime, short_date

    echo(app.t(Msg("Planned series {series}: {n} meetings.", series=r["series"],
                   n=len(r["meetings"]))))
    for s in r["meetings"]:
        m = s["meeting"]
        echo(f"  {m['id']}: {long_datetime(m['starts_at'], app.lang)}")
    for s in r["skipped"]:
        echo(app.t(Msg("Left out {day}: {name}.", day=short_date(s["date"], app.lang),
                       name=s["holiday"].get(app.lang) or s["holiday"].get("da", ""))))


@series.command("list", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau meeting series list odder-bostoette"))
@click.argument("project_slug", metavar="[PROJECT]", required=False)
@click.option("--network", "network_slug", help="A network's series.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def series_list(app: App, project_slug, network_slug, as_json) -> None:
    """List the meeting series (of a project, a network, or all) and their meetings."""
    from nybureau.services.meetings import list_series

    with app.read() as tx:
        rows = list_series(tx, project_slug, network_slug)
    if as_json:
        emit_json([{"id": r["series"].id, "body": r["series"].body, "title": r["series"].title,
                    "starts_on": r["series"].starts_on.isoformat(),
                    "ends_on": r["series"].ends_on.isoformat(), "rule": r["rule"],
                    "template": [t["title"] for t in r["template"]],
                    "meetings": [{"id": m["id"], "starts_at": m["starts_at"].isoformat(),
                                  "status": m["status"]} for m in r["meetings"]]}
                   for r in rows])
        return
    from nybureau.cli.tables import col, make_table
    from nybureau.domain.meetings import STATUSES
    from nybureau.services.meetings import meeting_name

    table = make_table([col("id", "id"), col(app.t(Msg("body")), "title"),
                        col(app.t(Msg("period")), "date"),
                        col(app.t(Msg("meetings")), "text")],
                       title=app.t(Msg("Meeting series")))
    for r in rows:
        s = r["series"]
        name = meeting_name(r["meetings"][0], app.lang) if r["meetings"] else s.body
        table.add_row(str(s.id), esc(s.title or name), f"{s.starts_on} – {s.ends_on}",
                      esc(", ".join(f"{m['id']} ({m['starts_at']:%Y-%m-%d}, "
                                    f"{STATUSES[m['status']][app.lang]})"
                                    for m in r["meetings"])))
    app.print(table)

