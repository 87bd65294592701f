"""``nybureau status``, ``advance`` and ``log``."""

from __future__ import annotations

import click

from nybureau.cli.app import INT64, App, echo, emit_json, esc, fmt_date, pass_app
from nybureau.textsafe import visible
from nybureau.domain.vocabulary import counted


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
            echo(app.t("Ingen projekter endnu: opret et med `nybureau project create`.",
                       "No projects yet: create one with `nybureau project create`."))
            return
        click.echo(_columns(
            app.t("Status for alle projekter", "Status of all projects"),
            ("id", app.t("kommune", "municipality"), app.t("fase", "phase"),
             app.t("krav opfyldt", "requirements met"), app.t("klar", "ready")),
            [(s["project"], s["municipality"],
              s["phase_title"] if s["completed"]
              else f"{s['phase_number']}/{s['phase_count']} {s['phase_title']}",
              "" if s["completed"] else f"{s['met']}/{len(s['requirements'])}",
              app.t("ja", "yes") if s["can_advance"] else "") for s in data]))
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
            f"afsluttet den {fmt_date(s['phase_entered_on'])}.",
            f"completed on {fmt_date(s['phase_entered_on'])}."))
        return
    heading(s["name"], f" ({s['project']}) — {s['municipality']}")
    say(app.t("Fase", "Phase") + f" {s['phase_number']} " + app.t("af", "of") +
        f" {s['phase_count']}: {bold(s['phase_title'])} " +
        app.t(f"(siden {fmt_date(s['phase_entered_on'])})",
              f"(since {fmt_date(s['phase_entered_on'])})"))
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
    say("")
    if s["can_advance"]:
        say(app.t(f"Klar til næste fase: {s['next_phase_title']}.",
                  f"Ready for the next phase: {s['next_phase_title']}."))
    else:
        say(app.t("Næste skridt:", "Next steps:"))
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
                "--all-ready flytter alle klar projekter; angiv ikke PROJECT, --to eller "
                "--reason.",
                "--all-ready moves every ready project; do not give PROJECT, --to or --reason."))
        with app.write() as tx:
            r = phases.advance_all_ready(tx, on=on, lang=app.lang)
        if as_json:
            emit_json(r)
            return
        for m in r["moved"]:
            echo(f"{m['project']}: {m['from_title']} → {m['to_title']}")
        echo(app.t(
            f"{counted(len(r['moved']), 'project', 'da')} gik videre; {len(r['not_ready'])} er ikke klar, "
            f"{r['completed']} er afsluttet"
            + (f", {len(r['date_before_phase'])} gik ind i fasen efter {r['on']}"
               if r["date_before_phase"] else "") + ".",
            f"{counted(len(r['moved']), 'project', 'en')} moved on; {len(r['not_ready'])} are not ready, "
            f"{r['completed']} are completed"
            + (f", {len(r['date_before_phase'])} entered their phase after {r['on']}"
               if r["date_before_phase"] else "") + "."))
        return
    if not project_slug:
        raise click.UsageError(app.t("Angiv PROJECT eller --all-ready.",
                                     "Give PROJECT or --all-ready."))
    expect = {project_slug: if_version} if if_version is not None else None
    with app.write(expect=expect) as tx:
        r = phases.advance(tx, project_slug, to=to, reason=reason, on=on, lang=app.lang)
    if r["kind"] == "advance":
        echo(app.t(f"'{project_slug}' er gået videre fra «{r['from_title']}» til "
                   f"«{r['to_title']}».",
                   f"'{project_slug}' moved on from “{r['from_title']}” to "
                   f"“{r['to_title']}”."))
    elif r["kind"] == "jump":
        echo(app.t(f"Spring registreret: '{project_slug}' er nu i «{r['to_title']}». "
                   f"Begrundelse: {r['reason']}",
                   f"Jump recorded: '{project_slug}' is now in “{r['to_title']}”. "
                   f"Reason: {r['reason']}"))
        for s in r["skipped"]:
            echo(app.t("  sprunget over: ", "  skipped: ") + s)
    else:
        echo(app.t(f"Tilbageløb registreret: '{project_slug}' er tilbage i "
                   f"«{r['to_title']}». Begrundelse: {r['reason']}",
                   f"Going back recorded: '{project_slug}' is back in “{r['to_title']}”. "
                   f"Reason: {r['reason']}"))


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
    table = make_table([col(app.t("tidspunkt (UTC)", "time (UTC)"), "date"),
                        col(app.t("hvem", "who"), "text"),
                        col(app.t("hændelse", "event"), "text")],
                       title=esc(app.t(f"Historik for {project_slug}",
                                       f"History of {project_slug}")),
                       cut=False)  # the sentences wrap: a history is read whole
    for e in events:
        said, ok = sentence(e, words)
        detail = said if ok else f"{e['action']}: {said}"
        who = e["actor"]
        if e.get("imported"):  # history from another database, never presented as local
            short = e["imported"]["file_sha256"][:12]
            who = app.t(f"importeret fra {short}: {who}", f"imported from {short}: {who}")
        table.add_row(e["at"].strftime("%Y-%m-%d %H:%M:%S"), esc(who), esc(detail))
    app.print(table)


COMMANDS = [status, advance, log]
