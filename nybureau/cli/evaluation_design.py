"""``nybureau evaluation design|implementation|interview``: evaluation by design — the design
decided at the start, and a programme's implementation questionnaire and interview log.
Attached to the ``evaluation`` group of :mod:`nybureau.cli.evaluation`."""

from __future__ import annotations

import click

from nybureau.cli._voids import ALL_HELP, void_command
from nybureau.cli.app import App, echo, emit_json, esc, fmt_date, pass_app
from nybureau.cli.choices import Vocab
from nybureau.cli.evaluation import evaluation
from nybureau.i18n import Msg


def _show_design(app: App, slug: str, d) -> None:
    from nybureau.domain.substance import BOTTOM_LINES, EVALUATORS, ROUND_KINDS
    from nybureau.domain.vocabulary import label

    if d is None:
        echo(app.t(Msg("'{slug}' has no evaluation design yet. Set it with: nybureau evaluation "
                       "design {slug} --bottom-lines … --criterion … --baseline … --evaluator …",
                       slug=slug)))
        return
    echo(app.t(Msg("Evaluation design of {slug} (decided {day})", slug=slug,
                   day=fmt_date(d["decided_on"]))))
    echo("  " + app.t(Msg("Bottom lines: ")) +
         ", ".join(label(BOTTOM_LINES, k, app.lang) for k in d["bottom_lines"]))
    who = label(EVALUATORS, d["evaluator"], app.lang)
    echo("  " + app.t(Msg("Evaluator: ")) + esc(who + (f" ({d['evaluator_name']})"
                                                       if d["evaluator_name"] else "")))
    for r in d["rounds"]:
        echo(f"  {label(ROUND_KINDS, r['kind'], app.lang)}: {fmt_date(r['planned_on'])}")
    echo("  " + app.t(Msg("Criteria:")))
    for c in d["criteria"]:
        echo(f"    - {esc(c)}")


@evaluation.command("design", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau evaluation design odder --bottom-lines quality,work_environment \\\n"
    "      --criterion \"Borgerne oplever færre skift\" --baseline 2017-10-02 \\\n"
    "      --follow-up 2018-05-15 --evaluator consultants --date 2017-09-18"))
@click.argument("project_slug", metavar="PROJECT")
@click.option("--bottom-lines", help="The bottom lines followed, comma-separated: quality, "
              "work_environment, efficiency.")
@click.option("--criterion", "criteria", multiple=True,
              help="An evaluation criterion (repeat for several).")
@click.option("--evaluator", type=Vocab("evaluator"),
              help="Who evaluates: internal, consultants (the parties' consultants) or external.")
@click.option("--evaluator-name", help="The evaluator's name, e.g. VIVE.")
@click.option("--baseline", help="The planned baseline round, YYYY-MM-DD.")
@click.option("--mid-term", help="The planned mid-term round, YYYY-MM-DD (optional).")
@click.option("--follow-up", help="The planned follow-up round, YYYY-MM-DD.")
@click.option("--date", "on", help="When the design was decided (default: today).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def evaluation_design(app: App, project_slug, bottom_lines, criteria, evaluator,
                      evaluator_name, baseline, mid_term, follow_up, on, as_json) -> None:
    """Set or show the evaluation design: the bottom lines, the criteria, the planned rounds
    and who evaluates. Without options it is shown; with them it is set (replacing the one
    the project has — give every part)."""
    from nybureau.services.substance import set_design, show_design

    setting = any(v not in (None, ()) for v in (bottom_lines, criteria, evaluator,
                                                evaluator_name, baseline, mid_term, follow_up,
                                                on))
    if not setting:
        with app.read() as tx:
            d = show_design(tx, project_slug)
        if as_json:
            emit_json(d)
            return
        _show_design(app, project_slug, d)
        return
    if evaluator is None:
        raise click.UsageError(app.t(Msg("Say who evaluates with --evaluator (internal, "
                                         "consultants or external).")))
    with app.write() as tx:
        d = set_design(tx, project_slug, bottom_lines=bottom_lines or "",
                       criteria=list(criteria), evaluator=evaluator,
                       evaluator_name=evaluator_name, baseline_on=baseline,
                       mid_term_on=mid_term, follow_up_on=follow_up, on=on)
    if as_json:
        emit_json(d)
        return
    echo(app.t(Msg("Recorded the evaluation design of {slug}.", slug=project_slug)))
    _show_design(app, project_slug, d)


@evaluation.command("implementation", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau evaluation implementation forsoeg en_plan --round midtvejs-2018 \\\n"
    "      --degree delvist --date 2018-05-01"))
@click.argument("project_slug", metavar="PROJECT")
@click.argument("element", required=False)
@click.option("--round", "round_", help="The questionnaire's round, e.g. midtvejs-2018.")
@click.option("--degree", type=Vocab("implementation_degree"),
              help="full (fuldt), partial (delvist) or none (ikke implementeret).")
@click.option("--date", "on", help="When it was assessed (default: today).")
@click.option("--note", help="A short note.")
@click.option("--list", "as_list", is_flag=True,
              help="List the ratings and the interviews one by one, with the ids that "
                   "`evaluation void-rating` and `void-interview` take.")
@click.option("--all", "include_voided", is_flag=True, help=ALL_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def evaluation_implementation(app: App, project_slug, element, round_, degree, on, note,
                              as_list, include_voided, as_json) -> None:
    """The implementation questionnaire of a programme whose workflow declares core elements:
    with ELEMENT, record its implementation degree in a round; without, show every core
    element's degree per round and the interview log."""
    from nybureau.services.substance import implementation, rate_element

    if as_list or include_voided:
        if element is not None:
            raise click.UsageError(app.t(Msg("--list shows every rating; leave out ELEMENT.")))
        _list_implementation(app, project_slug, include_voided, as_json)
        return
    if element is None:
        with app.read() as tx:
            r = implementation(tx, project_slug, app.lang)
        if as_json:
            emit_json(r)
            return
        _show_implementation(app, project_slug, r)
        return
    if not round_ or degree is None:
        raise click.UsageError(app.t(Msg("Give the round with --round and the degree with "
                                         "--degree.")))
    with app.write() as tx:
        r = rate_element(tx, project_slug, element, round_=round_, degree=degree, on=on,
                         note=note)
    if as_json:
        emit_json(r)
        return
    from nybureau.domain.substance import IMPLEMENTATION_DEGREES
    from nybureau.domain.vocabulary import label

    echo(app.t(Msg("Recorded '{element}' in the round '{round}': {degree}.",
                   element=r["element"], round=r["round"],
                   degree=label(IMPLEMENTATION_DEGREES, r["degree"], app.lang))))


def _list_implementation(app: App, slug: str, include_voided: bool, as_json: bool) -> None:
    from nybureau.cli._voids import table, voided
    from nybureau.services.substance import implementation_records

    with app.read() as tx:
        r = implementation_records(tx, slug, include_voided, app.lang)
    if as_json:
        emit_json(r)
        return
    mark = voided(app)
    table(app, app.t(Msg("Implementation ratings of {slug}", slug=slug)),
          ["id", app.t(Msg("core element")), app.t(Msg("round")), app.t(Msg("degree")),
           app.t(Msg("date")), ""],
          [[str(x["id"]), x["title"], x["round"], x["label"], fmt_date(x["date"]),
            mark if x["voided_at"] else ""] for x in r["ratings"]])
    table(app, app.t(Msg("Interview log of {slug}", slug=slug)),
          ["id", app.t(Msg("date")), app.t(Msg("role")), app.t(Msg("interviewer")), ""],
          [[str(x["id"]), fmt_date(x["date"]), x["role"], x["interviewer"],
            mark if x["voided_at"] else ""] for x in r["interviews"]])


def _show_implementation(app: App, slug: str, r) -> None:
    from nybureau.cli.tables import col, make_table

    if not r["has_elements"]:
        echo(app.t(Msg("The workflow of '{slug}' declares no core elements.", slug=slug)))
    else:
        table = make_table([col(app.t(Msg("core element")), "title")]
                           + [col(esc(x), "label") for x in r["rounds"]],
                           title=app.t(Msg("Implementation of {slug}", slug=slug)))
        for e in r["elements"]:
            table.add_row(esc(e["title"]), *[esc(c["label"]) for c in e["cells"]])
        app.print(table)
    for i in r["interviews"]:
        echo(f"{fmt_date(i['date'])}  {esc(i['role'])} ({esc(i['interviewer'])}): "
             f"{esc(i['summary'])}")


@evaluation.command("interview", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau evaluation interview odder --role Socialrådgiver \\\n"
    "      --interviewer \"Mette Holm\" --summary \"…\" --date 2018-03-01"))
@click.argument("project_slug", metavar="PROJECT")
@click.option("--role", required=True, help="The interviewee's role (never a name).")
@click.option("--interviewer", required=True, help="Who held the interview.")
@click.option("--summary", required=True, help="A summary of the interview.")
@click.option("--date", "on", help="When it was held (default: today).")
@pass_app
def evaluation_interview(app: App, project_slug, role, interviewer, summary, on) -> None:
    """Log an interview of the evaluation, anonymously: the interviewee by role only."""
    from nybureau.services.substance import add_interview

    with app.write() as tx:
        r = add_interview(tx, project_slug, role=role, interviewer=interviewer,
                          summary=summary, on=on)
    echo(app.t(Msg("Logged the interview with {role} ({day}).", role=r["role"],
                   day=fmt_date(r["date"]))))


void_command(
    evaluation, "implementation_rating", __name__, ref=("rating_id", "RATING_ID"),
    help="Void an implementation rating entered by mistake (RATING_ID: see `evaluation "
         "implementation PROJECT --list`); the element can then be rated again in that round.",
    done=Msg("The rating of '{element}' in the round '{round}' is voided; it leaves the "
             "questionnaire and the documents but stays in the history."))

void_command(
    evaluation, "implementation_interview", __name__, ref=("interview_id", "INTERVIEW_ID"),
    help="Void an interview logged by mistake (INTERVIEW_ID: see `evaluation implementation "
         "PROJECT --list`).",
    done=Msg("The interview with {role} is voided; it leaves the interview log and "
             "the documents but stays in the history."))
