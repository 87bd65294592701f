"""``nybureau workflow list|show|validate``."""

from __future__ import annotations

import click

from nybureau.cli.app import App, NybureauGroup, echo, emit_json, esc, pass_app
from nybureau.cli.choices import Vocab
from nybureau.i18n import Msg


@click.group(cls=NybureauGroup)
def workflow() -> None:
    """The workflow definitions: the built-in model and your own adapted copies."""


@workflow.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def workflow_list(app: App, as_json: bool) -> None:
    """List the built-in workflow definitions."""
    from nybureau.workflow.loader import builtin_workflows, load_file
    from nybureau.workflow.spec import text

    rows = []
    for wid, path in builtin_workflows().items():
        spec, _ = load_file(path)
        rows.append({"id": spec.id, "version": spec.version, "title": text(spec.title, app.lang),
                     "phases": len(spec.phases), "hash": spec.source_hash, "file": path.name})
    if as_json:
        emit_json(rows)
        return
    from nybureau.cli.tables import col, make_table

    table = make_table([col("id", "id"), col("version", "number"),
                        col(app.t(Msg("title")), "title"),
                        col(app.t(Msg("phases")), "number")],
                       title=app.t(Msg("Built-in workflows")))
    for r in rows:
        table.add_row(esc(r["id"]), str(r["version"]), esc(r["title"]), str(r["phases"]))
    app.print(table)


def _mermaid(spec, lang: str) -> str:
    from nybureau.workflow.spec import text

    lines = ["stateDiagram-v2", f"    [*] --> {spec.phases[0].id}"]
    for p in spec.phases:
        lines.append(f"    {p.id} : {p.number}. {text(p.title, lang)}")
    lines.append(f"    {spec.final.id} : {text(spec.final.title, lang)}")
    for p in spec.phases:
        lines.append(f"    {p.id} --> {p.next} : {Msg('advance').render(lang)}")
    lines.append(f"    {spec.final.id} --> [*]")
    return "\n".join(lines)


@workflow.command("show")
@click.argument("ref", metavar="ID|FILE")
@click.option("--format", "fmt", type=Vocab("workflow_format"), default="text",
              show_default=True)
@pass_app
def workflow_show(app: App, ref: str, fmt: str) -> None:
    """Show a workflow's phases, decisions and requirements."""
    from nybureau.workflow.loader import resolve
    from nybureau.workflow.requirements import REGISTRY
    from nybureau.workflow.spec import text

    spec, _ = resolve(ref)
    if fmt == "json":
        emit_json(spec.to_dict())
        return
    if fmt == "mermaid":
        echo(_mermaid(spec, app.lang))
        return
    lang = app.lang
    echo(f"{text(spec.title, lang)} ({spec.id}, version {spec.version})")
    if spec.description:
        echo(text(spec.description, lang))
    for p in spec.phases:
        echo("")
        echo(f"{p.number}. {text(p.title, lang)} [{p.id}] → {p.next}")
        if p.purpose:
            echo(f"   {text(p.purpose, lang)}")
        if p.requirements:
            echo("   " + app.t(Msg("Requirements to move on:")))
        for r in p.requirements:
            echo(f"   - {REGISTRY[r.kind].describe(r.params, spec, lang)}  [{r.id}]")
        for d in p.decisions:
            if d.local_choice:
                echo("   " + app.t(Msg("Local choice ({decision}): {text}",
                                       decision=text(d.title, lang),
                                       text=text(d.local_choice, lang))))
    echo("")
    echo(f"→ {text(spec.final.title, lang)} [{spec.final.id}]")


@workflow.command("validate")
@click.argument("file", type=click.Path(dir_okay=False))
@pass_app
def workflow_validate(app: App, file: str) -> None:
    """Check a workflow definition file; print every problem as file:line: message."""
    from nybureau.workflow.loader import load_file

    spec, _ = load_file(file)
    reqs = sum(len(p.requirements) for p in spec.phases)
    echo(app.t(
        Msg("{file}: valid — workflow '{id}' version {version}, {n_phases} phases, "
            "{reqs} requirements.", file=file, id=spec.id, version=spec.version,
            n_phases=len(spec.phases), reqs=reqs),
    ))


COMMANDS = [workflow]
