"""``nybureau trace PROJECT ITEM`` — the way of one governance item through the project — and
``nybureau network status NETWORK``, the network's projects side by side (attached to the
``network`` group of :mod:`nybureau.cli.projects`)."""

from __future__ import annotations

import click

from nybureau.cli.app import App, echo, emit_json, esc, fmt_date, pass_app
from nybureau.cli.choices import Vocab
from nybureau.cli.projects import network
from nybureau.i18n import Msg


def _mean(app: App, cell: dict) -> str:
    if cell.get("suppressed"):
        return app.t(Msg("< 5 resp."))
    if cell.get("mean") is None:
        return "–"
    s = f"{cell['mean']:.2f}"
    return (s.replace(".", ",") if app.lang == "da" else s) + f" (n={cell['n']})"


def _signed(app: App, value) -> str:
    if value is None:
        return "–"
    s = f"{value:+.2f}"
    return s.replace(".", ",") if app.lang == "da" else s


@click.command()
@click.argument("project_slug", metavar="PROJECT")
@click.argument("ref", metavar="ITEM")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def trace(app: App, project_slug: str, ref: str, as_json: bool) -> None:
    """The way of one governance item (ITEM: id or exact title): where it was found, how it was
    experienced, the workshop's verdict, the focus area, the prototypes and their iterations,
    the evaluation criteria and results, and how it was spread."""
    from nybureau.services.substance import trace_item

    with app.read() as tx:
        t = trace_item(tx, project_slug, ref)
    if as_json:
        emit_json(t)
        return
    from rich.tree import Tree

    from nybureau.domain.substance import (
        BOTTOM_LINES,
        CHAIN_ROLES,
        CHARACTERS,
        EXPERIENCES,
        HEARD_ROLES,
        ITEM_KINDS,
        NOTE_SOURCES,
        PROTOTYPE_STATUSES,
        SOURCES,
        SPREADING_KINDS,
        VERDICTS,
    )
    from nybureau.domain.vocabulary import label

    lang, it = app.lang, t["item"]
    root = Tree(f"[bold]#{it['id']} {esc(it['title'])}[/bold] "
                f"({label(ITEM_KINDS, it['kind'], lang)})")
    found = root.add(app.t(Msg("1. Found")))
    found.add(app.t(Msg("Recorded ")) + fmt_date(it["date"])
              + (f" — {esc(it['agent'])}" if it["agent"] else "")
              + (f" ({label(SOURCES, it['source'], lang)})" if it["source"] else ""))
    if it["applies_to"]:
        found.add(app.t(Msg("Applies to: ")) + esc(it["applies_to"]))
    if it["experience"] or it["character"]:
        found.add(app.t(Msg("Experienced as: ")) + ", ".join(
            x for x in (label(EXPERIENCES, it["experience"], lang) if it["experience"] else "",
                        label(CHARACTERS, it["character"], lang) if it["character"] else "")
            if x))
    if it.get("experienced_by"):
        found.add(app.t(Msg("Experienced so by: ")) + label(HEARD_ROLES, it["experienced_by"],
                                                            lang))
    if it["evidence"]:
        found.add(app.t(Msg("Evidence: ")) + esc(it["evidence"]))
    if it.get("label_note"):
        found.add(app.t(Msg("Note on the labels: ")) + esc(it["label_note"]))
    for n in t.get("field_notes", []):
        found.add(app.t(Msg("Field note ")) + f"{fmt_date(n['date'])} "
                  f"({label(NOTE_SOURCES, n['source'], lang)}, "
                  f"{label(HEARD_ROLES, n['role'], lang)}): {esc(n['text'])}")
    ws = root.add(app.t(Msg("2. Prioritisation workshop")))
    if t["workshop"]:
        w = t["workshop"]
        lead = (app.t(Msg("tie")) if w["leading"] == "tie"
                else label(VERDICTS, w["leading"], lang))
        ws.add(app.t(Msg("Leading: ")) + f"[bold]{lead}[/bold] — "
               + ", ".join(f"{label(VERDICTS, v, lang)} {n} ({w['verdict_points'][v]} p)"
                           for v, n in w["counts"].items()))
        ws.add(app.t(Msg("Governance chain: "))
               + ", ".join(f"{label(CHAIN_ROLES, r, lang)} {n}" for r, n in w["chain"].items()))
    else:
        ws.add(app.t(Msg("No votes")))
    fa = root.add(app.t(Msg("3. Focus area")))
    for f in t["focus_areas"]:
        fa.add(f"{esc(f['title'])} ({fmt_date(f['decided_on'])})")
    if not t["focus_areas"]:
        fa.add(app.t(Msg("Not chosen as a focus area")))
    pr = root.add(app.t(Msg("4. Prototypes")))
    for p in t["prototypes"]:
        node = pr.add(f"{esc(p['title'])} — {label(PROTOTYPE_STATUSES, p['status'], lang)}")
        for i in p["iterations"]:
            node.add(f"{app.t(Msg('Iteration'))} {i['number']} "
                     f"({fmt_date(i['date'])}, {esc(i['place'])})"
                     + (f": {esc(i['changed'])}" if i["changed"] else ""))
        for c in p["criteria"]:
            node.add(app.t(Msg("Criterion: ")) + esc(c["text"]))
        if p["evaluation_plan"]:
            node.add(app.t(Msg("Plan: ")) + esc(p["evaluation_plan"]))
    if not t["prototypes"]:
        pr.add("–")
    ev = root.add(app.t(Msg("5. Evaluation")))
    for b in t["results"]:
        ev.add(f"{label(BOTTOM_LINES, b['bottom_line'], lang)}: "
               f"{_mean(app, b['before'])} → {_mean(app, b['after'])} "
               f"({_signed(app, b['change'])})")
    for n in t["notes"]:
        ev.add(f"{fmt_date(n['date'])} {esc(n['title'])}")
    if not t["results"] and not t["notes"]:
        ev.add("–")
    sp = root.add(app.t(Msg("6. Spreading")))
    for s in t["spreading"]:
        sp.add(f"{fmt_date(s['date'])} {label(SPREADING_KINDS, s['kind'], lang)}: "
               f"{esc(s['title'])} ({esc(s['audience'])})")
    if not t["spreading"]:
        sp.add("–")
    from nybureau.cli.tables import print_show

    print_show(app, root)


@network.command("status")
@click.argument("slug", metavar="NETWORK")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--out", metavar="PATH",
              help="Also write the comparative report (file, or folder for the default name).")
@click.option("--format", "formats", multiple=True, type=Vocab("document_format"),
              help="Format of the report written with --out (default: from its suffix, else "
                   "md). Repeat for several.")
@pass_app
def network_status(app: App, slug: str, as_json: bool, out, formats) -> None:
    """Compare the network's projects side by side: phase, items by verdict, focus areas,
    prototypes and the change per bottom line (the comparative study)."""
    from nybureau.services import documents

    with app.read() as tx:
        r = documents.network_status(tx, slug, app.lang)
        if out:
            _write_report(app, tx, slug, out, formats)
    if as_json:
        emit_json(r)
        return
    from rich.table import Table

    from nybureau.domain.substance import BOTTOM_LINES, PROTOTYPE_STATUSES, VERDICTS
    from nybureau.domain.vocabulary import label

    projects = r["projects"]
    table = Table(title=esc(r["network"]["name"]))
    table.add_column("")
    for p in projects:
        table.add_column(f"{esc(p['municipality'])}\n{esc(p['project'])}")

    def row(name, fn):
        table.add_row(name, *[fn(p) for p in projects])

    row(app.t(Msg("phase")),
        lambda p: f"{min(p['phase_number'], p['phase_count'])}/{p['phase_count']} "
                  f"{esc(p['phase_title'])}")
    row(app.t(Msg("network meetings (agents)")),
        lambda p: "  ".join(f"{n}: {p['network_meetings'].get(n, 0)}/{p['agents']}"
                            for n in (1, 2, 3, 4)))
    row(app.t(Msg("governance items")), lambda p: str(p["items"]))
    for v in VERDICTS:
        row(f"  {label(VERDICTS, v, app.lang)}",
            lambda p, v=v: str(p["items_by_verdict"].get(v, 0)))
    row(app.t(Msg("focus areas")),
        lambda p: "\n".join(esc(f, newlines=False) for f in p["focus_areas"]) or "–")
    row(app.t(Msg("prototypes")), lambda p: ", ".join(
        f"{label(PROTOTYPE_STATUSES, s, app.lang)} {n}"
        for s, n in p["prototypes_by_status"].items() if n) or "–")
    for b in BOTTOM_LINES:
        row(label(BOTTOM_LINES, b, app.lang), lambda p, b=b: (
            f"{_mean(app, p['evaluation'][b]['before'])} → "
            f"{_mean(app, p['evaluation'][b]['after'])} "
            f"({_signed(app, p['evaluation'][b]['change'])})"))
    app.print(table)
    echo(app.t(Msg("Groups of fewer than {min_group} respondents are not shown.",
                   min_group=r['min_group'])))


def _write_report(app: App, tx, slug: str, out: str, formats) -> None:
    from pathlib import Path

    from nybureau import rendering
    from nybureau.services.documents import network_document

    data = network_document(tx, slug, app.lang)
    target = Path(out)
    folder = out.endswith(("/", "\\")) or target.is_dir()
    if not formats:
        formats = [target.suffix.lstrip(".")] if target.suffix.lstrip(".") in (
            "md", "html", "docx") and not folder else ["md"]
    from nybureau.fsio import write_files

    files = []
    for fmt in formats:
        payload = rendering.render(data, fmt)
        path = (target / rendering.file_name(data, fmt) if folder
                else target.with_suffix("." + fmt) if len(formats) > 1 else target)
        files.append((path, payload))
    write_files(files)  # all or nothing
    for path, _ in files:
        echo(str(path), err=True)


COMMANDS = [trace]
