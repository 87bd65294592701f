"""``nybureau network …``, ``project …``, ``body member``, ``agent add``."""

from __future__ import annotations

import click

from nybureau.cli.app import App, NybureauGroup, echo, emit_json, esc, fmt_date, pass_app
from nybureau.cli.choices import Vocab
from nybureau.domain.vocabulary import ACTIVITY_KINDS, BODIES, OUTCOMES, TRANSITION_KINDS, label
from nybureau.i18n import Msg
from nybureau.services.people import NEW_PERSON_HELP
from nybureau.workflow.spec import text


@click.group(cls=NybureauGroup)
def network() -> None:
    """Networks of local projects that share network meetings 1–4."""


@network.command("create")
@click.argument("slug")
@click.option("--name", required=True, help="The network's name.")
@pass_app
def network_create(app: App, slug: str, name: str) -> None:
    """Create a network."""
    from nybureau.services import process

    with app.write() as tx:
        process.create_network(tx, slug, name)
    echo(app.t(Msg("Created network '{slug}'.", slug=slug)))


@network.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def network_list(app: App, as_json: bool) -> None:
    """List networks."""
    from nybureau.services import process

    with app.read() as tx:
        rows = process.list_networks(tx)
    if as_json:
        emit_json([{"network": r["slug"], "name": r["name"], "projects": r["projects"],
                    "responsible_municipality": r["responsible_municipality"]}
                   for r in rows])
        return
    from nybureau.cli.tables import col, make_table

    table = make_table([col("id", "id"), col(app.t(Msg("name")), "title"),
                        col(app.t(Msg("projects")), "number")],
                       title=app.t(Msg("Networks")))
    for r in rows:
        table.add_row(esc(r["slug"]), esc(r["name"]), str(r["projects"]))
    app.print(table)


@network.command("responsible", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau network responsible frikommune-boern \"Guldborgsund Kommune\""))
@click.argument("network_slug", metavar="NETWORK")
@click.argument("municipality", required=False)
@click.option("--clear", is_flag=True, help="No municipality is network-responsible.")
@pass_app
def network_responsible(app: App, network_slug: str, municipality: str | None,
                        clear: bool) -> None:
    """Record the network-responsible municipality (MUNICIPALITY: the municipality of one of
    the network's projects, or its project's id)."""
    from nybureau.services import process

    if (municipality is None) == (not clear):
        raise click.UsageError(app.t(Msg("Give the municipality, or --clear.")))
    with app.write() as tx:
        r = process.set_responsible(tx, network_slug, None if clear else municipality)
    if r["responsible_municipality"] is None:
        echo(app.t(Msg("The network '{slug}' has no network-responsible municipality.",
                       slug=network_slug)))
    else:
        echo(app.t(Msg("{municipality} is the network-responsible municipality of "
                       "'{slug}'.", municipality=r["responsible_municipality"],
                       slug=network_slug)))


@click.group(cls=NybureauGroup)
def project() -> None:
    """Local projects: create, list, show, import a scenario."""


@project.command("create", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau project create randers --name \"Bostøtte i Randers\" \\\n"
    "      --municipality \"Randers Kommune\""))
@click.argument("slug")
@click.option("--name", required=True, help="The project's name.")
@click.option("--municipality", required=True, help="The municipality, e.g. 'Odder Kommune'.")
@click.option("--area", help="The area of work, e.g. 'Det specialiserede voksenområde'.")
@click.option("--workflow", "workflow_ref", default="nybureaukratisering", show_default=True,
              help="A built-in workflow id or the path of your own .yaml definition.")
@click.option("--network", "network_slug", help="The network the project belongs to.")
@click.option("--date", "started", help="Start date YYYY-MM-DD (default: today).")
@pass_app
def project_create(app: App, slug, name, municipality, area, workflow_ref, network_slug,
                   started) -> None:
    """Create a local project; it starts in the workflow's first phase."""
    from nybureau.services import process
    from nybureau.workflow.spec import text

    with app.write() as tx:
        p = process.create_project(tx, slug, name=name, municipality=municipality, area=area,
                                    workflow=workflow_ref, network=network_slug,
                                    started_on=started)
        spec = tx.workflow_spec(p["workflow_definition_id"])
    echo(app.t(
        Msg("Created project '{slug}' on workflow '{id}' version {version}; "
            "phase 1: {text}.", slug=slug, id=spec.id, version=spec.version,
            text=text(spec.phases[0].title, 'en'), text_2=text(spec.phases[0].title, 'da')),
    ))


@project.command("list", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau project list"))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--wide", is_flag=True, help="All columns (for a wide terminal).")
@pass_app
def project_list(app: App, as_json: bool, wide: bool) -> None:
    """List projects."""
    from nybureau.services import process

    with app.read(quick=True) as tx:
        rows = process.list_projects(tx)
        specs = tx.workflow_specs(rows) if not as_json else {}
    if as_json:
        emit_json([{"project": r["slug"], "name": r["name"], "municipality": r["municipality"],
                    "area": r["area"], "network": r["network_slug"],
                    "workflow": r["workflow_key"], "workflow_version": r["workflow_version"],
                    "phase": r["phase"]} for r in rows])
        return
    from nybureau.cli.tables import col, make_table

    table = make_table([col("id", "id"), col(app.t(Msg("name")), "title"),
                        col(app.t(Msg("municipality")), "text"),
                        col(app.t(Msg("network")), "text", wide=True),
                        col(app.t(Msg("phase")), "label")],
                       title=app.t(Msg("Projects")), wide=wide)
    for r in rows:
        spec = specs.get(r["workflow_definition_id"])
        phase = text(spec.title_of(r["phase"]), app.lang) if spec is not None else r["phase"]
        table.add_row(esc(r["slug"]), esc(r["name"]), esc(r["municipality"]),
                      esc(r["network_slug"]), esc(phase))
    app.print(table)


@project.command("show", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau project show randers"))
@click.argument("slug")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def project_show(app: App, slug: str, as_json: bool) -> None:
    """Show a project: its bodies, agents, decisions, activities and phase history."""
    from nybureau.services import process
    from nybureau.workflow.spec import text

    with app.read() as tx:
        info = process.show_project(tx, slug)
    p, spec, lang = info["project"], info["spec"], app.lang
    if as_json:
        emit_json({
            "project": p["slug"], "name": p["name"], "municipality": p["municipality"],
            "area": p["area"], "network": p["network_slug"], "workflow": p["workflow_key"],
            "workflow_version": p["workflow_version"], "workflow_hash": p["workflow_hash"],
            "phase": p["phase"], "phase_entered_on": p["phase_entered_on"],
            "started_on": p["started_on"], "version": p["version"],
            "bodies": info["bodies"], "agents": info["agents"],
            "decisions": [{"decision": d["decision_key"], "body": d["body"],
                           "outcome": d["outcome"], "date": d["decided_on"], "note": d["note"],
                           "source": d["source"]} for d in info["decisions"]],
            "activities": [{"kind": a["kind"], "number": a["number"], "title": a["title"],
                            "date": a["held_on"], "attendees": a["attendees"],
                            "network": a["network_id"] is not None}
                           for a in info["activities"]],
            "phase_history": [{"from": t["from_phase"], "to": t["to_phase"], "kind": t["kind"],
                               "reason": t["reason"], "date": t["on_date"], "actor": t["actor"]}
                              for t in info["transitions"]],
        })
        return
    from rich.panel import Panel

    from nybureau.cli.tables import col, make_table, print_show

    head = [f"[bold]{esc(p['name'])}[/bold]",
            esc(p["municipality"]) + (f" — {esc(p['area'])}" if p["area"] else "")]
    if p["network_slug"]:
        head.append(app.t(Msg("Network: ")) + esc(p["network_name"]))
    head.append(app.t(Msg("Workflow: ")) + esc(f"{spec.id} v{spec.version}"))
    head.append(app.t(Msg("Phase: ")) + esc(text(spec.title_of(p["phase"]), lang))
                + app.t(Msg(" since ")) + fmt_date(p["phase_entered_on"]))
    print_show(app, Panel("\n".join(head), title=esc(p["slug"])))
    bodies = make_table([col(app.t(Msg("body", context="projects.project_show")), "label"), col(app.t(Msg("name"))),
                         col(app.t(Msg("role")))],
                        title=app.t(Msg("Bodies and members")), cut=False)
    for body, members in info["bodies"].items():
        for m in members:
            bodies.add_row(label(BODIES, body, lang), esc(m["name"]), esc(m["role"]))
    for a in info["agents"]:
        bodies.add_row(app.t(Msg("Documentation agent")), esc(a["name"]),
                       esc(a["title"]))
    app.print(bodies)
    if info["decisions"]:
        table = make_table([col(app.t(Msg("date")), "date"),
                            col(app.t(Msg("decision")), "title"),
                            col(app.t(Msg("body", context="projects.project_show")), "label"),
                            col(app.t(Msg("outcome", context="projects.project_show")), "label")],
                           title=app.t(Msg("Decisions")), cut=False)
        for d in info["decisions"]:
            found = spec.decision(d["decision_key"])
            title = text(found[1].title, lang) if found else d["decision_key"]
            table.add_row(fmt_date(d["decided_on"]), esc(title), label(BODIES, d["body"], lang),
                          label(OUTCOMES, d["outcome"], lang))
        app.print(table)
    if info["activities"]:
        table = make_table([col(app.t(Msg("date")), "date"),
                            col(app.t(Msg("activity")), "label"),
                            col(app.t(Msg("title")), "title"),
                            col(app.t(Msg("attendees")), "number")],
                           title=app.t(Msg("Activities")), cut=False)
        for a in info["activities"]:
            kind = label(ACTIVITY_KINDS, a["kind"], lang) + (f" {a['number']}" if a["number"]
                                                             else "")
            table.add_row(fmt_date(a["held_on"]), kind, esc(a["title"]),
                          str(len(a["attendees"])))
        app.print(table)
    table = make_table([col(app.t(Msg("date")), "date"), col(app.t(Msg("move")), "label"),
                        col(app.t(Msg("to")), "title"),
                        col(app.t(Msg("reason")), "text")],
                       title=app.t(Msg("Phase history")), cut=False)
    for t in info["transitions"]:
        table.add_row(fmt_date(t["on_date"]), label(TRANSITION_KINDS, t["kind"], lang),
                      esc(text(spec.title_of(t["to_phase"]), lang)), esc(t["reason"]))
    app.print(table)


@project.command("import", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau project import randers.yaml"))
@click.argument("file", type=click.Path(dir_okay=False))
@pass_app
def project_import(app: App, file: str) -> None:
    """Load a scenario file (YAML): a project, its people and its history, in one go.

    The whole file is checked first; a bad file is reported by line and nothing is written.
    """
    from nybureau.services import phases
    from nybureau.services.admin import read_scenario, run_scenario

    data, name = read_scenario(file)
    with app.write() as tx:
        result = run_scenario(tx, data, name)
        status = phases.status(tx, result["project"], app.lang)
    echo(app.t(
        Msg("Imported '{project}' with {steps} steps; phase now: "
            "{phase_title}.", project=result['project'], steps=result['steps'],
            phase_title=status['phase_title']),
    ))
    for line, (en, da) in result.get("warnings", ()):  # the same activity recorded twice
        echo(app.t(Msg("Warning ({name}, line {line}): {en_}", name=name, line=line, en_=en,
                       da_=da)), err=True)


@project.command("text", epilog=(
    "\b\n"
    "Fields: background, purpose, goals, success_criteria, target_groups, economy, not_open,\n"
    "evaluation_design.\n"
    "\b\n"
    "Examples:\n"
    "  nybureau project text randers purpose --text \"At skabe …\"\n"
    "  nybureau project text randers background --file baggrund.txt\n"
    "  nybureau project text randers            # show every field"))
@click.argument("slug", metavar="PROJECT")
@click.argument("field", required=False)
@click.option("--text", "value", help="The text (blank lines separate paragraphs; "
              "lines starting with '- ' are a list).")
@click.option("--file", "file", type=click.Path(dir_okay=False),
              help="Read the text from a UTF-8 file.")
@click.option("--clear", is_flag=True, help="Remove the field's text (the history keeps it).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def project_text(app: App, slug: str, field: str | None, value: str | None, file: str | None,
                 clear: bool, as_json: bool) -> None:
    """The project's own texts (background, purpose, goals …): show, set or clear one.

    The project description prints them, and the agenda items are written from them.
    """
    from nybureau.errors import InvalidInput
    from nybureau.services import process

    given = [name for name, v in (("--text", value), ("--file", file), ("--clear", clear)) if v]
    if len(given) > 1:
        raise InvalidInput(Msg("Give only one of --text, --file and --clear."))
    if given and field is None:
        raise InvalidInput(Msg("Name the field to change, e.g. `nybureau project text {slug} "
                               "purpose --text …`.", slug=slug))
    if given:
        if file is not None:
            value = process.read_text_file(file)
        with app.write() as tx:
            if clear:
                process.clear_text(tx, slug, field)
            else:
                r = process.set_text(tx, slug, field, value)
        if clear:
            echo(app.t(Msg("Cleared the text '{field}' of '{slug}'.", field=field, slug=slug)))
        elif not r["changed"]:
            echo(app.t(Msg("The text '{field}' of '{slug}' is already this; nothing changed.",
                           field=field, slug=slug)))
        else:
            echo(app.t(Msg("Saved the text '{field}' of '{slug}'.", field=field, slug=slug)))
        return
    with app.read() as tx:
        if field is not None:
            process.check_text_field(field)
        rows = process.show_texts(tx, slug)
    if field is not None:
        rows = [r for r in rows if r["field"] == field]
    if as_json:
        emit_json({r["field"]: r["text"] for r in rows})
        return
    for r in rows:
        echo(f"{r['label'][app.lang]} ({r['field']}):")
        echo(r["text"] if r["text"] else app.t(Msg("(not recorded)")))
        echo()


@project.command("set", epilog=(
    "\b\n"
    "Examples:\n"
    "  nybureau project set randers --proposer forvaltningen\n"
    "  nybureau project set randers --case 27.00.00-A00-1-17"))
@click.argument("slug", metavar="PROJECT")
@click.option("--proposer", help="Who recommends (indstiller) on the project's items: "
              "projektledelsen (default), forvaltningen, sekretariatet or styregruppen.")
@click.option("--case", "case_number", help="The project's case number (sagsnr.); an empty "
              "text removes it.")
@pass_app
def project_set(app: App, slug: str, proposer: str | None, case_number: str | None) -> None:
    """Change a project's settings for its documents: who indstiller, its case number."""
    from nybureau.services import process

    with app.write() as tx:
        r = process.set_project(tx, slug, proposer=proposer, case_number=case_number)
    if not r["changed"]:
        echo(app.t(Msg("'{slug}' already has these settings; nothing changed.", slug=slug)))
        return
    if "proposer" in r["changed"]:
        echo(app.t(Msg("{who} now recommends on the items of '{slug}'.", slug=slug,
                       who=r["proposer"]["en"], who_2=r["proposer"]["da"])))
    if "case_number" in r["changed"]:
        if r["case_number"]:
            echo(app.t(Msg("The case number of '{slug}' is now {case}.", slug=slug,
                           case=r["case_number"])))
        else:
            echo(app.t(Msg("'{slug}' no longer has a case number.", slug=slug)))


@click.group(cls=NybureauGroup)
def body() -> None:
    """The bodies of a project: management, MED, steering group and groups."""


@body.command("member", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau body member randers med \"Line Bøgh Kjær\" \\\n"
    "      --role Tillidsrepræsentant"))
@click.argument("project_slug", metavar="PROJECT")
@click.argument("body_id", metavar="BODY", type=Vocab("body"))
@click.argument("full_name", metavar='"FULL NAME"')
@click.option("--role", help="The person's role in the body, e.g. 'Tillidsrepræsentant'.")
@click.option("--email", metavar="ADDRESS",
              help="The person's work e-mail, for meeting invitations (see `person email`).")
@click.option("--new-person", is_flag=True, help=NEW_PERSON_HELP)
@click.option("--from", "valid_from", metavar="DATE",
              help="The first day as a member, YYYY-MM-DD (default: from the project's start).")
@click.option("--to", "valid_to", metavar="DATE",
              help="The last day as a member, YYYY-MM-DD (default: still a member). Given for "
                   "an existing member, it ends (or changes) the membership.")
@click.option("--remove", is_flag=True,
              help="Take the person out of the body (the history keeps the membership).")
@pass_app
def body_member(app: App, project_slug: str, body_id: str, full_name: str, role,
                email: str | None, new_person: bool, valid_from: str | None,
                valid_to: str | None, remove: bool) -> None:
    """Add a member to a body (the person is created if new), change a member's role or
    period (--from/--to: documents show the body as it was on their date), or --remove one
    entered by mistake."""
    from nybureau.services import process

    body_label = label(BODIES, body_id, app.lang)
    if remove:
        if valid_from is not None or valid_to is not None:
            from nybureau.errors import InvalidInput

            raise InvalidInput(Msg("--remove takes no --from or --to; to end a membership, "
                                   "give --to DATE without --remove."))
        with app.write() as tx:
            r = process.remove_member(tx, project_slug, body_id, full_name,
                                      role=role, email=email, new_person=new_person)
        echo(app.t(Msg("{name} is no longer a member of the {body_label} of "
                       "'{project_slug}'.", name=r['name'], body_label=body_label,
                       project_slug=project_slug)))
        return
    with app.write() as tx:  # one transaction: a refused address adds no one
        r = process.add_member(tx, project_slug, body_id, full_name, role,
                                new_person=new_person, valid_from=valid_from,
                                valid_to=valid_to)
        _record_email(tx, r["name"], email)
    if r["created"]:
        echo(app.t(Msg("Added {name} to the {body_label} of '{project_slug}'.", name=r['name'],
                       body_label=body_label, project_slug=project_slug)))
    elif r["role_changed"]:
        echo(app.t(Msg("{name}'s role in the {body_label} is now: {role}.", name=r['name'],
                       body_label=body_label, role=r['role'])))
    if (valid_from is not None or valid_to is not None) and (
            r["valid_from"] is not None or r["valid_to"] is not None):
        since = fmt_date(r["valid_from"]) if r["valid_from"] else "–"
        until = fmt_date(r["valid_to"]) if r["valid_to"] else "–"
        echo(app.t(Msg("{name} is a member of the {body_label} from {since} to {until}.",
                       name=r['name'], body_label=body_label, since=since, until=until)))


@click.group(cls=NybureauGroup)
def agent() -> None:
    """Documentation agents (dokumentationsagenter)."""


@agent.command("add", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau agent add randers \"Pia Lund\" --title Fagkonsulent"))
@click.argument("project_slug", metavar="PROJECT")
@click.argument("full_name", metavar='"FULL NAME"')
@click.option("--title", help="The agent's job title, e.g. 'Fagkonsulent'.")
@click.option("--date", "on", help="Appointed on YYYY-MM-DD (default: today).")
@click.option("--email", metavar="ADDRESS",
              help="The agent's work e-mail, for meeting invitations (see `person email`).")
@click.option("--new-person", is_flag=True, help=NEW_PERSON_HELP)
@pass_app
def agent_add(app: App, project_slug: str, full_name: str, title, on,
              email: str | None, new_person: bool) -> None:
    """Add a documentation agent to a project."""
    from nybureau.services import process

    with app.write() as tx:  # one transaction: a refused address adds no one
        r = process.add_agent(tx, project_slug, full_name, title, on, new_person=new_person)
        _record_email(tx, r["name"], email)
    echo(app.t(Msg("{name} is now a documentation agent in '{project_slug}'.", name=r['name'],
                   project_slug=project_slug)))


@agent.command("remove")
@click.argument("project_slug", metavar="PROJECT")
@click.argument("full_name", metavar='"FULL NAME"')
@pass_app
def agent_remove(app: App, project_slug: str, full_name: str) -> None:
    """End a person's role as documentation agent in a project.

    What they recorded, attended and voted stays as it is: those records name the person, and
    only the agent role ends (the history keeps it).

    \b
    Example: nybureau agent remove randers "Mads Bøje"
    """
    from nybureau.services import process

    with app.write() as tx:
        r = process.remove_agent(tx, project_slug, full_name)
    echo(app.t(Msg("{name} is no longer a documentation agent in '{project_slug}'.",
                   name=r['name'], project_slug=project_slug)))


def _record_email(tx, full_name: str, email: str | None) -> None:
    if email is not None:
        from nybureau.services import people

        people.set_email(tx, full_name, email)


COMMANDS = [network, project, body, agent]
