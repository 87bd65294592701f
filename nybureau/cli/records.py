"""``nybureau decision record`` and ``nybureau activity record``."""

from __future__ import annotations

import click

from nybureau.cli.app import INT64, App, NybureauGroup, echo, fmt_date, pass_app
from nybureau.cli.choices import Vocab
from nybureau.domain.vocabulary import ACTIVITY_KINDS, BODIES, OUTCOMES, counted, label
from nybureau.i18n import Msg
from nybureau.services.people import NEW_PERSON_HELP


@click.group(cls=NybureauGroup)
def decision() -> None:
    """Decisions the phases need (by management, MED, the steering group …)."""


@decision.command("record", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau decision record randers organisation --by management --by med \\\n"
    "      --outcome approved --date 2026-03-10"))
@click.argument("project_slug", metavar="PROJECT")
@click.argument("decision_id", metavar="DECISION_ID")
@click.option("--by", "by", multiple=True, required=True, type=Vocab("body"),
              help="The deciding body; repeat for several (--by management --by med).")
@click.option("--outcome", required=True, type=Vocab("outcome"),
              help="approved (godkendt), approved_with_changes, rejected (ikke godkendt), "
                   "postponed (udsat), noted (taget til efterretning).")
@click.option("--date", "on", help="Date of the decision, YYYY-MM-DD (default: today).")
@click.option("--note", help="A short note, e.g. what was changed.")
@pass_app
def decision_record(app: App, project_slug, decision_id, by, outcome, on, note) -> None:
    """Record a decision's outcome."""
    from nybureau.services import process

    with app.write() as tx:
        r = process.record_decision(tx, project_slug, decision_id, by=list(by), outcome=outcome,
                                    on=on, note=note)
    from nybureau.rendering.dates import short_date
    from nybureau.workflow.spec import text

    def bodies(lang: str) -> str:
        # "Ledelsen" inside a sentence is "ledelsen" ("MED-udvalget" stays as it is)
        words = [w[0].lower() + w[1:] if len(w) > 1 and w[1].islower() else w
                 for w in (label(BODIES, b, lang) for b in r["bodies"])]
        return Msg(" and ").render(lang).join(
            [", ".join(words[:-1]), words[-1]] if len(words) > 1 else words)

    title = text(r["title"], app.lang)
    echo(app.t(
        Msg("Recorded the decision “{title}” ({decision_id}): "
            "{label} by {bodies} "
            "on {short_date}.", title=title, decision_id=decision_id,
            label=label(OUTCOMES, outcome, 'en').lower(), bodies=bodies('en'),
            short_date=short_date(r['decided_on'], 'en'),
            label_2=label(OUTCOMES, outcome, 'da').lower(), bodies_2=bodies('da'),
            short_date_2=short_date(r['decided_on'], 'da')),
    ))
    for w in r["warnings"]:
        echo(app.t(Msg("Note: ")) + w, err=True)


@click.group(cls=NybureauGroup)
def activity() -> None:
    """Activities: start-up meetings, seminars, interviews, modules, network meetings …"""


@activity.command("record", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau activity record randers startup_meeting --date 2026-03-12 \\\n"
    "      --attendee \"Pia Lund\""))
@click.argument("project_slug", metavar="PROJECT")
@click.argument("kind", type=Vocab("activity_kind"))
@click.option("--number", type=INT64, help="Module 1–3 or network meeting 1–4.")
@click.option("--date", "on", help="Date held, YYYY-MM-DD (default: today).")
@click.option("--title", help="A title, e.g. 'Opstartsmøde med ledelsen'.")
@click.option("--attendee", "attendees", multiple=True, metavar='"FULL NAME"',
              help="An attendee; repeat for several. Modules and network meetings default to "
                   "all the project's documentation agents.")
@click.option("--new-person", is_flag=True, help=NEW_PERSON_HELP)
@pass_app
def activity_record(app: App, project_slug, kind, number, on, title, attendees,
                    new_person) -> None:
    """Record an activity that was held."""
    from nybureau.services import process

    with app.write() as tx:
        r = process.record_activity(tx, project_slug, kind, number=number, on=on, title=title,
                                    attendees=list(attendees) or None, new_person=new_person)
    what = label(ACTIVITY_KINDS, kind, app.lang) + (f" {number}" if number else "")
    if r["merged"]:
        echo(app.t(
            Msg("{what} (held {fmt_date}) already exists in the network; "
                "added {counted} from '{project_slug}'.", what=what.capitalize(),
                fmt_date=fmt_date(r['held_on']),
                counted=counted(len(r['attendees']), 'attendee', 'en'), project_slug=project_slug,
                counted_2=counted(len(r['attendees']), 'attendee', 'da')),
        ))
    else:
        echo(app.t(
            Msg("Recorded {what} on {fmt_date} with {counted}.", what=what,
                fmt_date=fmt_date(r['held_on']),
                counted=counted(len(r['attendees']), 'attendee', 'en'), what_2=what.capitalize(),
                counted_2=counted(len(r['attendees']), 'attendee', 'da')),
        ))
    for en, da in r.get("warnings", ()):  # the same activity recorded twice
        echo(app.t(Msg("Warning: {text}", text=en, text_da=da)), err=True)


COMMANDS = [decision, activity]
