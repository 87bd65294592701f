"""``nybureau status``, ``advance`` and ``log``."""

from __future__ import annotations

import click

from nybureau.cli.app import INT64, App, echo, emit_json, esc, fmt_date, pass_app
from nybureau.textsafe import visible
from nybureau.domain.vocabulary import counted
from nybureau.i18n import Msg


@click.command(epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau status randers"))
@click.argument("project_slug", metavar="[PROJECT]", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def status(app: App, project_slug: str | None, as_json: bool) -> None:
    """Where a project stands: its phase, what the phase still needs, and what to do next.

    Without PROJECT: one row per project.
    """
    from nybureau.services import phases

    with app.read(quick=True) as tx:
        data = (phases.status(tx, project_slug, app.lang) if project_slug
                else phases.status_all(tx, app.lang))
    if as_json:
        emit_json(data)
        return
    # Plain click output rather than rich: the status is the command run most often, and rich
    # costs ~20 ms to import and ~250 ms to lay out a table of 1,000 projects.
    if not project_slug:
        if not data:
            echo(app.t(Msg("No projects yet: create one with `nybureau project create`.")))
            return
        click.echo(_columns(
            app.t(Msg("Status of all projects")),
            ("id", app.t(Msg("municipality")), app.t(Msg("phase")),
             app.t(Msg("requirements met")), app.t(Msg("ready"))),
            [(s["project"], s["municipality"],
              s["phase_title"] if s["completed"]
              else f"{s['phase_number']}/{s['phase_count']} {s['phase_title']}",
              "" if s["completed"] else f"{s['met']}/{len(s['requirements'])}",
              app.t(Msg("yes")) if s["can_advance"] else "") for s in data]))
        return
    # Every value shown on one line, its control characters as escapes (see textsafe).
    s = {k: visible(v, newlines=False) if isinstance(v, str) else v for k, v in data.items()}
    # (styled with click: plain click.echo, the values already made visible above)
    say, bold = click.echo, (lambda text: click.style(text, bold=True))
    from nybureau.cli.tables import text_width, wrap

    full = text_width()  # None in a pipe: every line whole

    def room(prefix: int) -> int | None:
        return None if full is None else full - prefix

    def heading(name: str, rest: str) -> None:  # the name in bold, wrapped to the terminal
        lines = wrap(name + rest, room(0)).split("\n")
        first = lines[0]
        say(bold(first[:len(name)]) + first[len(name):] if len(first) >= len(name)
            else bold(first))
        for more in lines[1:]:
            say(more)

    if s["completed"]:
        heading(s["name"], f" ({s['project']}): " + app.t(
            Msg("completed on {fmt_date}.", fmt_date=fmt_date(s['phase_entered_on']))))
        return
    heading(s["name"], f" ({s['project']}) — {s['municipality']}")
    say(app.t(Msg("Phase")) + f" {s['phase_number']} " + app.t(Msg("of")) +
        f" {s['phase_count']}: {bold(s['phase_title'])} " +
        app.t(Msg("(since {fmt_date})", fmt_date=fmt_date(s['phase_entered_on']))))
    say("")
    for r in s["requirements"]:
        mark = click.style("✔", fg="green") if r["met"] else click.style("✘", fg="red")
        missing = visible(r["missing"], newlines=False)
        extra = " " + click.style(f"({missing})", dim=True) if r["missing"] else ""
        # wrapped to the terminal (80 columns in a pipe), never cut
        lines = wrap(f"{visible(r['text'], newlines=False)}{extra}", room(4)).split("\n")
        say(f"  {mark} {lines[0]}")
        for more in lines[1:]:
            say(f"    {more}")
        if r.get("warning"):  # met, but a warning (a requirement of severity warn)
            for line in wrap(app.t(Msg("Warning: {warning}",
                                       warning=visible(r["warning"], newlines=False))),
                             room(4)).split("\n"):
                say("    " + click.style(line, fg="yellow"))
    say("")
    if s.get("warnings"):
        for w in s["warnings"]:
            who = f" ({visible(w['who'], newlines=False)})" if w["who"] else ""
            line = app.t(Msg("Action item {id} is overdue (due {due}): {what}{who}",
                             id=w["action"], due=fmt_date(w["due_on"]),
                             what=visible(w["what"], newlines=False), who=who))
            lines = wrap(line, room(4)).split("\n")
            say("  " + click.style("!", bold=True) + " " + lines[0])
            for more in lines[1:]:
                say(f"    {more}")
        say("")
    if s["can_advance"]:
        say(app.t(Msg("Ready for the next phase: {next_phase_title}.",
                      next_phase_title=s['next_phase_title'])))
    else:
        say(app.t(Msg("Next steps:")))
    from nybureau.cli.choices import in_words

    for step in s["next_steps"]:
        step = in_words(step, app.lang)
        for line in wrap(visible(step, newlines=False), room(2), "", "  ").split("\n"):
            say("  " + click.style(line, fg="cyan"))


def _columns(title: str, headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    """A table as aligned text columns under a title and a header line; each cell on one line,
    its control characters shown as escapes."""
    from nybureau.cli.tables import console_width, fit

    rows = [tuple(visible(c, newlines=False) for c in r) for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    # Fit the terminal (80 columns in a pipe): the text columns (municipality, phase) give way,
    # cut with "…"; the id and the counts stay whole.
    room = console_width() - 2 * (len(widths) - 1)
    while sum(widths) > room:
        i = max((1, 2), key=lambda k: widths[k])
        if widths[i] <= 8:
            break
        widths[i] -= 1
    rows = [tuple(fit(c, w) for c, w in zip(r, widths)) for r in rows]
    headers = tuple(fit(h, w) for h, w in zip(headers, widths))

    def line(cells) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()

    return "\n".join([click.style(title, bold=True), "",
                      click.style(line(headers), bold=True),
                      line(["─" * w for w in widths]), *(line(r) for r in rows)])


@click.command(epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau advance randers --date 2026-03-15"))
@click.argument("project_slug", metavar="PROJECT", required=False)
@click.option("--to", "to", metavar="PHASE",
              help="Target phase: an earlier one (going back) or a later one (jump).")
@click.option("--reason", help="Why — required when going back or jumping past unmet "
                                "requirements.")
@click.option("--date", "on", help="Date of the move, YYYY-MM-DD (default: today).")
@click.option("--all-ready", "all_ready", is_flag=True,
              help="Instead of PROJECT: move every project whose phase is complete, in one "
                   "transaction.")
@click.option("--json", "as_json", is_flag=True, help="With --all-ready: print JSON.")
@click.option("--if-version", "if_version", type=INT64, metavar="N",
              help="Only if the project is still at version N (the `version` in "
                   "`status --json`); otherwise refused as changed since you read it.")
@pass_app
def advance(app: App, project_slug: str | None, to: str | None, reason: str | None, on,
            all_ready: bool, as_json: bool, if_version: int | None) -> None:
    """Move a project to its next phase when every requirement is met.

    Otherwise it is refused with the list of what is missing. Going back (tilbageløb) or
    jumping (spring) needs --reason and is recorded as such. With --all-ready: every project
    that is ready moves on; the others are counted and left as they are.
    """
    from nybureau.services import phases

    if all_ready:
        if project_slug or to or reason or if_version is not None:
            raise click.UsageError(app.t(
                Msg("--all-ready moves every ready project; do not give PROJECT, --to or --reason.")))
        with app.write() as tx:
            r = phases.advance_all_ready(tx, on=on, lang=app.lang)
        if as_json:
            emit_json(r)
            return
        for m in r["moved"]:
            echo(f"{m['project']}: {m['from_title']} → {m['to_title']}")
        echo((app.t(Msg("{counted} moved on; {n_not_ready} are not ready, "
                "{completed} are completed", counted=counted(len(r['moved']), 'project', 'en'),
                n_not_ready=len(r['not_ready']), completed=r['completed'],
                counted_2=counted(len(r['moved']), 'project', 'da')))
            + (app.t(Msg(", {n_date_before_phase} entered their phase after {on}",
                   n_date_before_phase=len(r['date_before_phase']), on=r['on']))
               if r["date_before_phase"] else "") + app.t(Msg("."))))
        return
    if not project_slug:
        raise click.UsageError(app.t(Msg("Give PROJECT or --all-ready.")))
    expect = {project_slug: if_version} if if_version is not None else None
    with app.write(expect=expect) as tx:
        r = phases.advance(tx, project_slug, to=to, reason=reason, on=on, lang=app.lang)
    if r["kind"] == "advance":
        echo(app.t(Msg("'{project_slug}' moved on from “{from_title}” to "
                       "“{to_title}”.", project_slug=project_slug, from_title=r['from_title'],
                       to_title=r['to_title'])))
    elif r["kind"] == "jump":
        echo(app.t(Msg("Jump recorded: '{project_slug}' is now in “{to_title}”. "
                       "Reason: {reason}", project_slug=project_slug, to_title=r['to_title'],
                       reason=r['reason'])))
        for s in r["skipped"]:
            echo(app.t(Msg("  skipped: ")) + s)
    else:
        echo(app.t(Msg("Going back recorded: '{project_slug}' is back in “{to_title}”. "
                       "Reason: {reason}", project_slug=project_slug, to_title=r['to_title'],
                       reason=r['reason'])))


@click.command(epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau log randers"))
@click.argument("project_slug", metavar="PROJECT")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def log(app: App, project_slug: str, as_json: bool) -> None:
    """The project's audit history, oldest first: who changed what, when."""
    from nybureau.services.process import history

    from nybureau.services.common import get_project

    with app.read() as tx:
        events = history.log(tx, project_slug)
        # the workflow, for phase and decision titles in the sentences (read in the same
        # transaction as the events)
        spec = tx.workflow_spec(get_project(tx, project_slug)["workflow_definition_id"])
    if as_json:
        emit_json([{"id": e["id"], "at": e["at"], "actor": e["actor"], "action": e["action"],
                    "entity": e["entity"], "entity_id": e["entity_id"], "before": e["before"],
                    "after": e["after"], "hash": e["hash"],
                    **({"source_id": e["source_id"], "imported": e["imported"]}
                       if e.get("imported") else {})} for e in events])
        return
    from nybureau.cli.tables import col, make_table

    from nybureau.cli.log_sentences import Words, sentence

    words = Words(app.lang, spec)
    table = make_table([col(app.t(Msg("time (UTC)")), "date"),
                        col(app.t(Msg("who")), "text"),
                        col(app.t(Msg("event")), "text")],
                       title=esc(app.t(Msg("History of {project_slug}", project_slug=project_slug))),
                       cut=False)  # the sentences wrap: a history is read whole
    for e in events:
        said, ok = sentence(e, words)
        detail = said if ok else f"{e['action']}: {said}"
        who = e["actor"]
        if e.get("imported"):  # history from another database, never presented as local
            short = e["imported"]["file_sha256"][:12]
            who = app.t(Msg("imported from {short}: {who}", short=short, who=who))
        table.add_row(e["at"].strftime("%Y-%m-%d %H:%M:%S"), esc(who), esc(detail))
    app.print(table)


COMMANDS = [status, advance, log]
