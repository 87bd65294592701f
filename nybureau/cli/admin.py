"""``nybureau audit verify``, ``export``, ``import``, ``backup``,
``person export|email|forget`` and ``workflow migrate`` — keeping the records safe, movable
and lawful."""

from __future__ import annotations

import click

from nybureau.cli.app import App, NybureauGroup, echo, emit_json, pass_app
from nybureau.cli.workflows import workflow
from nybureau.domain.vocabulary import counted
from nybureau.i18n import Msg


def _q(value: str, lang: str) -> str:
    """A quoted name: »…« in Danish, “…” in English."""
    return f"»{value}«" if lang == "da" else f"“{value}”"


@click.group(cls=NybureauGroup)
def audit() -> None:
    """The tamper-evident history."""


@audit.command("verify")
@click.option("--head", metavar="HASH", help="A head hash noted earlier; it must still be in "
                                            "the history (catches events removed at the end).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def audit_verify(app: App, head: str | None, as_json: bool) -> None:
    """Check every link of the audit history; report the first broken one (exit 1)."""
    from nybureau.errors import NybureauError
    from nybureau.services.admin import verify_audit

    with app.read() as tx:
        r = verify_audit(tx, head)
    if as_json:
        emit_json(r)
    elif r["ok"]:
        extra = app.t(Msg(", {redacted} of them pseudonymised under GDPR", redacted=r['redacted'])) if r["redacted"] \
            else ""
        rows = (r.get("state") or {}).get("rows")
        records = app.t(Msg("; the {rows} records match it", rows=rows)) \
            if rows is not None else ""
        echo(app.t(
            Msg("The history is intact: {counted}{extra}{records}. Head hash: "
                "{head}", counted=counted(r['events'], 'event', 'en'), extra=extra,
                records=records, head=r['head'], counted_2=counted(r['events'], 'event', 'da'))))
    if not r["ok"]:
        raise NybureauError(broken_text(r))


def broken_text(r: dict) -> Msg:
    """What `audit verify` found broken (also used by `backup`); the broken link's own text
    comes in both languages from the check."""
    b = r["first_broken"]
    if b.get("problem") in ("added", "changed", "deleted"):  # a row, not the chain
        n = (r.get("state") or {}).get("differences") or 1
        return Msg("The records do not match the audit history: {text}{rows} Find out who "
                   "changed the database directly, and restore it from a backup.",
                   text=b["en"], text_da=b["da"],
                   rows=Msg(" ({n} rows differ).", n=n) if n > 1 else ".")
    return Msg("The audit history is broken at {text}. Checked {checked} of {events} events "
               "before it.", text=b["en"], text_da=b["da"], checked=r["checked"],
               events=r["events"])


@click.command("export", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau export randers --out randers.json"))
@click.argument("project_slug", metavar="[PROJECT]", required=False)
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False),
              help="The JSON file to write.")
@pass_app
def export_cmd(app: App, project_slug: str | None, out: str) -> None:
    """Export every record (or one project's) to a JSON file that `nybureau import` reads."""
    from nybureau.services.admin import export_data, write_export

    from nybureau.cli.tables import progress

    with progress(None, app.t(Msg("Exporting"))):
        with app.read() as tx:
            data = export_data(tx, project_slug)
        path = write_export(data, out)
    rows = sum(data["counts"].values())
    echo(app.t(Msg("Exported {counted} from {counted_2} to {path}.",
                   counted=counted(rows, 'row', 'en'),
                   counted_2=counted(len(data['counts']), 'table', 'en'), path=path,
                   counted_3=counted(rows, 'row', 'da'),
                   counted_4=counted(len(data['counts']), 'table', 'da'))))


@click.command("import", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau import randers.json"))
@click.argument("file", type=click.Path(dir_okay=False))
@pass_app
def import_cmd(app: App, file: str) -> None:
    """Import a file made by `nybureau export` (all of it, or nothing)."""
    from nybureau.services.admin import import_data, read_export

    from nybureau.cli.tables import progress

    with progress(None, app.t(Msg("Importing"))):
        data, checksum = read_export(file)
        with app.write() as tx:
            r = import_data(tx, data, checksum)
    rows = sum(r["counts"].values())
    if r["scope"] == "all":
        echo(app.t(Msg("Imported {counted}; the history is intact.",
                       counted=counted(rows, 'row', 'en'), counted_2=counted(rows, 'row', 'da'))))
    else:
        echo(app.t(
            Msg("Imported the project '{project}': {rows} new rows. Its {events} events "
                "are kept as imported history (the source's head hash {source_head}).",
                project=r['project'], rows=rows, events=r['events'], source_head=r['source_head'])))


@click.command("backup", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau backup --out nybureau-kopi.db"))
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False),
              help="The backup file to write (SQLite).")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@pass_app
def backup_cmd(app: App, out: str, force: bool) -> None:
    """A consistent copy of the SQLite database, safe while others are writing."""
    from nybureau.services.admin import backup_database

    from nybureau.errors import NybureauError

    r = backup_database(app.store, out, overwrite=force)
    if r["audit_ok"]:
        echo(app.t(
            Msg("Backup written to {file} ({bytes} bytes, {events} events, history "
                "intact).", file=r['file'], bytes=r['bytes'], events=r['events'])))
        return
    # The copy is kept (it is the evidence), but a broken history is never reported as a
    # success: exit 1, so a scheduled backup makes it visible.
    raise NybureauError(
        Msg("Backup written to {file} ({bytes} bytes, {events} events), but the "
            "history is broken. {broken}", file=r['file'], bytes=r['bytes'], events=r['events'],
            broken=broken_text(r["chain"])))


@click.group(cls=NybureauGroup)
def person() -> None:
    """Persons: list, rename and merge them; their personal data (GDPR)."""


@person.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def person_list(app: App, as_json: bool) -> None:
    """Every person: e-mail, bodies and roles per project, and where they are an agent."""
    from nybureau.cli.app import esc
    from nybureau.domain.vocabulary import BODIES, label
    from nybureau.services import people as persons

    with app.read() as tx:
        rows = persons.list_persons(tx)
    if as_json:
        emit_json(rows)
        return
    if not rows:
        echo(app.t(Msg("No persons yet.")))
        return
    from nybureau.cli.tables import col, make_table

    table = make_table([col(app.t(Msg("name")), "title"), col(app.t(Msg("e-mail")), "text"),
                        col(app.t(Msg("bodies and roles")), "text")],
                       title=app.t(Msg("Persons")), cut=False)  # roles one per line
    agent_word = app.t(Msg("documentation agent"))
    for r in rows:
        roles = [f"{b['project']}: {label(BODIES, b['body'], app.lang)}"
                 + (f" ({b['role']})" if b["role"] else "") for b in r["bodies"]]
        roles += [f"{a['project']}: {agent_word}" + (f" ({a['title']})" if a["title"] else "")
                  for a in r["agent_of"]]
        table.add_row(esc(r["name"]), esc(r["email"] or ""), esc("\n".join(roles)))
    app.print(table)


@person.command("rename")
@click.argument("old", metavar='"OLD NAME"')
@click.argument("new", metavar='"NEW NAME"')
@click.option("--new-person", is_flag=True,
              help="The new name is close to another person's but is right: skip the "
                   "did-you-mean check.")
@pass_app
def person_rename(app: App, old: str, new: str, new_person: bool) -> None:
    """Correct a person's name everywhere it is recorded (kept in the history).

    \b
    Example: nybureau person rename "Pia Lund" "Pia Lund Madsen"
    """
    from nybureau.services import people as persons

    with app.write() as tx:
        r = persons.rename_person(tx, old, new, new_person=new_person)
    echo(app.t(Msg("“{old}” is now called “{new}”.", old=r['old'], new=r['new'])))


@person.command("merge")
@click.argument("source", metavar='"A"')
@click.argument("target", metavar='"B"')
@pass_app
def person_merge(app: App, source: str, target: str) -> None:
    """Merge person A into person B: B keeps everything A had, and A is gone.

    Memberships, agent roles, attendance, apologies, minute-taking, votes and item agents move
    to B; where both had the same (the same body, the same meeting), one is kept. One audited
    change.

    \b
    Example: nybureau person merge "Line Bøgh Kjaer" "Line Bøgh Kjær"
    """
    from nybureau.services import people as persons

    with app.write() as tx:
        r = persons.merge_persons(tx, source, target)
    n = sum(r["moved"].values()) + sum(r["collapsed"].values())
    echo(app.t(Msg("“{source}” was merged into “{target}”: {n} records moved "
                   "({sum} duplicates removed).", source=r['source'], target=r['target'], n=n,
                   sum=sum(r['collapsed'].values()))))


@person.command("export", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau person export \"Pia Lund\" --out pia-lund.json"))
@click.argument("full_name", metavar='"FULL NAME"')
@click.option("--out", "out", type=click.Path(dir_okay=False),
              help="Write the JSON to this file instead of printing it.")
@click.option("--include-special", is_flag=True,
              help="Include special-category data (a union affiliation), e.g. when the export "
                   "goes to the person themselves. Left out by default.")
@pass_app
def person_export(app: App, full_name: str, out: str | None, include_special: bool) -> None:
    """Everything stored about a person, as JSON (right of access)."""
    from nybureau.services import people as persons
    from nybureau.services.admin import write_export

    with app.write() as tx:  # the access itself is recorded in the history
        data = persons.export_person(tx, full_name, include_special=include_special)
        # written before the commit: a file that cannot be written records no access
        path = write_export(data, out) if out else None
    if out:
        echo(app.t(Msg("The data was written to {path}.", path=path)))
    else:
        emit_json(data)


@person.command("email", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau person email \"Pia Lund\" pia.lund@randers.dk"))
@click.argument("full_name", metavar='"FULL NAME"')
@click.argument("address", metavar="[ADDRESS]", required=False)
@click.option("--remove", is_flag=True, help="Take the recorded address away.")
@pass_app
def person_email(app: App, full_name: str, address: str | None, remove: bool) -> None:
    """Record a person's work e-mail for invitations.

    `nybureau meeting ics` lists the person as an attendee of their meetings when they have an
    address; --remove takes it away. The change is kept in the history."""
    from nybureau.services import people as persons

    with app.write() as tx:
        r = persons.set_email(tx, full_name, address, remove=remove)
    if not r["changed"]:
        echo((app.t(Msg("Nothing changed: {name} already has the address {email}.", name=r['name'],
                email=r['email'])) if r["email"]
            else app.t(Msg("Nothing changed: {name} has no e-mail address.", name=r['name']))))
    elif r["email"]:
        echo((app.t(Msg("The e-mail address of {name} is now {email}", name=r['name'], email=r['email']))
            + (app.t(Msg(" (was {before}).", before=r['before'])) if r["before"] else app.t(Msg(".")))))
    else:
        echo(app.t(Msg("The e-mail address of {name} ({before}) was removed.", name=r['name'],
                       before=r['before'])))


@person.command("forget", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau person forget \"Pia Lund\" --reason \"Request of 2026-05-01\""))
@click.argument("full_name", metavar='"FULL NAME"')
@click.option("--reason", required=True,
              help="Why (e.g. the date and reference of the request); not the name.")
@pass_app
def person_forget(app: App, full_name: str, reason: str) -> None:
    """Replace a person by a pseudonym everywhere, the history included. Cannot be undone."""
    from nybureau.services import people as persons

    persons.forget_prepare(app.store)  # refuses while another program blocks the wipe
    with app.write() as tx:
        r = persons.forget_person(tx, full_name, reason)
    persons.forget_finish(app.store, r)  # the old name out of the database file, or a refusal
    rows = sum(r["rows_changed"].values())
    echo(app.t(
        Msg("The person is now “{pseudonym}”: the name was replaced in {rows} rows "
            "({events_rewritten} in the history). This cannot be undone.",
            pseudonym=r['pseudonym'], rows=rows, events_rewritten=r['events_rewritten'])))
    echo(app.t(
        Msg("Mind the files outside the database: exports, backups and documents made before today "
            "still hold the name. Delete them or make them again.")))


@workflow.command("migrate")
@click.argument("project_slug", metavar="PROJECT")
@click.option("--to", "to", required=True, metavar="VERSION|FILE",
              help="The newer version of the project's workflow, or your own .yaml file.")
@click.option("--dry-run", is_flag=True, help="Only list what would change.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def workflow_migrate(app: App, project_slug: str, to: str, dry_run: bool,
                     as_json: bool) -> None:
    """Move a project to a newer version of its workflow definition."""
    from nybureau.errors import InvalidInput
    from nybureau.services.admin import migrate_workflow
    from nybureau.workflow.spec import text

    if dry_run:
        with app.read() as tx:
            r = migrate_workflow(tx, project_slug, to, dry_run=True)
    else:
        with app.write() as tx:
            r = migrate_workflow(tx, project_slug, to)
    if as_json:
        emit_json(r)
        if dry_run and not r["allowed"]:
            raise InvalidInput(Msg("{text}", text=r["refusal"]["en"], text_da=r["refusal"]["da"]))
        return
    c, lang = r["changes"], app.lang
    head = (app.t(Msg("Migration (dry run)")) if dry_run else app.t(Msg("Migrated")))
    echo(f"{head}: '{project_slug}' {r['from']['workflow']} v{r['from']['version']} → "
         f"v{r['to']['version']}")
    lines = []
    for p in c["phases_renamed"]:
        lines.append(app.t(Msg("phase renamed")) +
                     f": {p['phase']}: {_q(text(p['from'], lang), lang)} → {_q(text(p['to'], lang), lang)}")
    for p in c["phases_removed"]:
        lines.append(app.t(Msg("phase removed")) + f": {p}")
    for p in c["phases_added"]:
        lines.append(app.t(Msg("phase added")) + f": {p}")
    for q in c["requirements_added"]:
        word = app.t(Msg("requirement changed")) if q.get("changed") else \
            app.t(Msg("requirement added"))
        lines.append(f"{word}: {q['phase']}: {q['requirement']} ({q['kind']})")
    for q in c["requirements_removed"]:
        lines.append(app.t(Msg("requirement removed")) +
                     f": {q['phase']}: {q['requirement']}")
    for d in c["decisions_added"]:
        lines.append(app.t(Msg("decision added")) + f": {d}")
    for d in c["decisions_removed"]:
        lines.append(app.t(Msg("decision removed")) + f": {d}")
    for d in c.get("decisions_reworded", []):
        lines.append(app.t(Msg("decision reworded")) +
                     f": {d['decision']}: {_q(text(d['title'], lang), lang)}")
    for o in c.get("options_changed", []):
        lines.append(app.t(Msg("option changed")) + f": {o['option']}: "
                     f"{_option_value(o['from'])} → {_option_value(o['to'])}")
    for line in lines or [app.t(Msg("no changes to phases and requirements"))]:
        echo("  " + line)
    if r.get("unmet_now"):
        echo(app.t(Msg("Unmet requirements of the current phase after migrating: "))
             + ", ".join(r["unmet_now"]))
    if dry_run and not r["allowed"]:
        raise InvalidInput(Msg("{text}", text=r["refusal"]["en"], text_da=r["refusal"]["da"]))


def _option_value(value) -> str:
    """An option's value as the definition file writes it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "–" if value is None else str(value)


COMMANDS = [audit, export_cmd, import_cmd, backup_cmd, person]
