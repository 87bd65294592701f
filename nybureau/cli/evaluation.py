"""``nybureau survey …``, ``nybureau evaluation …`` and ``nybureau spreading …``: evaluation
and spreading (phase 6)."""

from __future__ import annotations

import click

from nybureau.cli.app import App, NybureauGroup, echo, emit_json, esc, fmt_date, pass_app
from nybureau.cli.choices import Vocab
from nybureau.domain.vocabulary import counted


@click.group(cls=NybureauGroup)
def survey() -> None:
    """Survey rounds (baseline and follow-up) on the three bottom lines."""


@survey.command("import", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau survey import randers maaling.csv --name januar-2026 \\\n"
    "      --kind baseline --date 2026-01-20"))
@click.argument("project_slug", metavar="PROJECT")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--name", required=True, help="The round's id, e.g. januar-2018.")
@click.option("--kind", required=True,
              help="baseline (førmåling), mid_term (midtvejsmåling) or follow_up (eftermåling).")
@click.option("--date", "on", required=True, help="When the survey was held, YYYY-MM-DD.")
@click.option("--invited", type=click.IntRange(1, 1_000_000),
              help="How many were asked to answer (for the response rate).")
@click.option("--group", type=Vocab("respondent_group"),
              help="Who answered: staff (default) or citizen (borgere).")
@pass_app
def survey_import(app: App, project_slug, file, name, kind, on, invited, group) -> None:
    """Import one survey round from an Excel workbook (.xlsx) or CSV (UTF-8 or Windows-1252).

    Columns: role (required), respondent (optional pseudonymous key — never a name; the same
    key in two rounds pairs the answers), and one column per question headed "bottom line:
    question", e.g. "kvalitet: Bestillingen tager udgangspunkt i borgerens mål"; answers 1–5,
    blank when not answered. Open questions are headed "åbent: question". A bad row is reported
    with its row number and column; nothing is imported. `survey template` writes a starter
    file.
    """
    from nybureau.services.substance import import_survey

    from nybureau.cli.tables import progress

    with progress(None, app.t(Msg("Importing"))), app.write() as tx:
        r = import_survey(tx, project_slug, file, name=name, kind=kind, on=on, invited=invited,
                          group=group)
    echo(app.t(
        Msg("Imported the round '{round}': {counted}, "
            "{counted_2}, {counted_3}.", round=r['round'],
            counted=counted(r['respondents'], 'respondent', 'en'),
            counted_2=counted(r['questions'], 'question', 'en'),
            counted_3=counted(r['answers'], 'answer', 'en'),
            counted_4=counted(r['respondents'], 'respondent', 'da'),
            counted_5=counted(r['questions'], 'question', 'da'),
            counted_6=counted(r['answers'], 'answer', 'da'))))


@click.group(cls=NybureauGroup)
def evaluation() -> None:
    """The evaluation: survey results before and after, interview and learning-meeting notes."""


def _cell(app: App, cell: dict) -> str:
    if cell.get("secondary"):  # 5 or more, hidden so that a smaller group cannot be worked out
        return app.t(Msg("hidden for anonymity"))
    if cell.get("suppressed"):
        return app.t(Msg("< 5 resp."))
    if cell.get("mean") is None:
        return "–"
    mean = f"{cell['mean']:.2f}"
    if app.lang == "da":
        mean = mean.replace(".", ",")
    return f"{mean} (n={cell['n']})"


def _change(app: App, value) -> str:
    if value is None:
        return "–"
    s = f"{value:+.2f}"
    return s.replace(".", ",") if app.lang == "da" else s


@evaluation.command("report", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau evaluation report randers"))
@click.argument("project_slug", metavar="PROJECT")
@click.option("--role", help="Only this respondent role (refused for groups under 5).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def evaluation_report(app: App, project_slug: str, role, as_json: bool) -> None:
    """Before/after per bottom line and per role, with the change and the number of
    respondents. Groups of fewer than 5 respondents are never shown (anonymity)."""
    from nybureau.services.substance import survey_report

    with app.read() as tx:
        s = survey_report(tx, project_slug, role=role)
    if as_json:
        emit_json(s)
        return
    from nybureau.cli.tables import col, make_table
    from nybureau.domain.substance import BOTTOM_LINES
    from nybureau.domain.vocabulary import label

    table = make_table([col(app.t(Msg("bottom line")), "label"),
                        col(app.t(Msg("group")), "text"),
                        col(app.t(Msg("before")), "number"),
                        col(app.t(Msg("after")), "number"),
                        col(app.t(Msg("change")), "number")],
                       title=esc(app.t(Msg("Evaluation of {project_slug}: before and after "
                                           "(scale 1–5)", project_slug=project_slug))))
    for b in s["bottom_lines"]:
        line = label(BOTTOM_LINES, b["bottom_line"], app.lang)
        if role is None:
            table.add_row(line, app.t(Msg("all")), _cell(app, b["before"]),
                          _cell(app, b["after"]), _change(app, b["change"]))
        for r in b["roles"]:
            table.add_row("" if role is None else line, esc(r["role"]), _cell(app, r["before"]),
                          _cell(app, r["after"]), _change(app, r["change"]))
    app.print(table)
    rounds = ", ".join(f"{r['name']} ({fmt_date(r['date'])}, n={r['respondents']})"
                       for r in s["rounds"])
    echo(app.t(Msg("Rounds: ")) + (rounds or app.t(Msg("none yet"))))
    echo(app.t(Msg("Groups of fewer than {min_group} respondents are not shown.",
                   min_group=s['min_group'])))


@evaluation.command("note")
@click.argument("project_slug", metavar="PROJECT")
@click.argument("kind", metavar="KIND")
@click.argument("title")
@click.option("--text", required=True, help="The notes.")
@click.option("--date", "on", help="Date YYYY-MM-DD (default: today).")
@click.option("--prototype", help="The prototype the notes concern (id or title).")
@pass_app
def evaluation_note(app: App, project_slug, kind, title, text, on, prototype) -> None:
    """Attach notes to the evaluation; KIND is interview or learning_meeting (læringsmøde)."""
    from nybureau.services.substance import add_note

    with app.write() as tx:
        r = add_note(tx, project_slug, kind, title, text, on=on, prototype=prototype)
    echo(app.t(Msg("Attached the notes “{title}” to the evaluation.", title=r['title'])))


@evaluation.command("notes")
@click.argument("project_slug", metavar="PROJECT")
@click.option("--all", "include_voided", is_flag=True,
              help="Also show voided notes, marked as voided.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--wide", is_flag=True, help="All columns (for a wide terminal).")
@pass_app
def evaluation_notes(app: App, project_slug: str, as_json: bool, include_voided: bool,
                     wide: bool = False) -> None:
    """List the interview and learning-meeting notes."""
    from nybureau.domain.substance import NOTE_KINDS
    from nybureau.domain.vocabulary import label
    from nybureau.services.substance import list_notes

    with app.read() as tx:
        rows = list_notes(tx, project_slug, include_voided)
    if as_json:
        emit_json(rows)
        return
    from nybureau.cli.tables import col, make_table

    table = make_table([col("id", "id"), col(app.t(Msg("date")), "date"),
                        col(app.t(Msg("kind")), "label"),
                        col(app.t(Msg("title")), "title"),
                        col(app.t(Msg("notes")), "text", wide=True)],
                       title=app.t(Msg("Evaluation notes")), wide=wide)
    for n in rows:
        title = n["title"] + (f" ({app.t(Msg('voided'))})" if n.get("voided_at") else "")
        table.add_row(str(n["id"]), fmt_date(n["date"]), label(NOTE_KINDS, n["kind"], app.lang),
                      esc(title), esc(n["text"]))
    app.print(table)


@click.group(cls=NybureauGroup)
def spreading() -> None:
    """Spreading the lessons: articles, newsletters, publications, dialogue meetings, talks."""


@spreading.command("add")
@click.argument("project_slug", metavar="PROJECT")
@click.argument("kind", metavar="KIND")
@click.argument("title")
@click.option("--audience", required=True, help="Who it reaches.")
@click.option("--date", "on", help="Date YYYY-MM-DD (default: today).")
@click.option("--prototype", help="The prototype it spreads (id or title).")
@click.option("--note", help="A short note.")
@pass_app
def spreading_add(app: App, project_slug, kind, title, audience, on, prototype, note) -> None:
    """Record a spreading activity. KIND: article, newsletter, publication, dialogue_meeting,
    conference_talk (Danish words accepted)."""
    from nybureau.services.substance import add_spreading

    with app.write() as tx:
        r = add_spreading(tx, project_slug, kind, title, audience=audience, on=on,
                          prototype=prototype, note=note)
    echo(app.t(Msg("Recorded spreading: “{title}” ({fmt_date}).", title=r['title'],
                   fmt_date=fmt_date(r['date']))))


@spreading.command("list")
@click.argument("project_slug", metavar="PROJECT")
@click.option("--all", "include_voided", is_flag=True,
              help="Also show voided entries, marked as voided.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--wide", is_flag=True, help="All columns (for a wide terminal).")
@pass_app
def spreading_list(app: App, project_slug: str, as_json: bool, include_voided: bool,
                   wide: bool = False) -> None:
    """List the spreading activities."""
    from nybureau.domain.substance import SPREADING_KINDS
    from nybureau.domain.vocabulary import label
    from nybureau.services.substance import list_spreading

    with app.read() as tx:
        rows = list_spreading(tx, project_slug, include_voided)
    if as_json:
        emit_json(rows)
        return
    from nybureau.cli.tables import col, make_table

    table = make_table([col("id", "id"), col(app.t(Msg("date")), "date"),
                        col(app.t(Msg("kind", context="evaluation.spreading_list")), "label"),
                        col(app.t(Msg("title")), "title"),
                        col(app.t(Msg("audience")), "text", wide=True)],
                       title=app.t(Msg("Spreading")), wide=wide)
    for s in rows:
        title = s["title"] + (f" ({app.t(Msg('voided'))})" if s.get("voided_at") else "")
        table.add_row(str(s["id"]), fmt_date(s["date"]),
                      label(SPREADING_KINDS, s["kind"], app.lang), esc(title),
                      esc(s["audience"]))
    app.print(table)


from nybureau.cli._templates import template_command  # noqa: E402
from nybureau.i18n import Msg

template_command(survey, "survey", "a survey round", "survey import PROJECT FILE --name … --kind … --date …")


COMMANDS = [survey, evaluation, spreading]
