"""``nybureau demo`` — the Odder case, start to finish, in a database of its own."""

from __future__ import annotations

import click

from nybureau.cli.app import App, echo, esc, pass_app
from nybureau.domain.vocabulary import ACTIVITY_KINDS, BODIES, OUTCOMES, TRANSITION_KINDS, label
from nybureau.domain.vocabulary import counted
from nybureau.i18n import Msg


@click.command()
@click.option("--db", "demo_db", metavar="PATH",
              help="Keep the demo database in this file (it must not hold the demo already). "
                   "Default: a temporary file, or DIR/nybureau-demo.db with --out.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False),
              help="Folder to keep the demo's database in, and to render every document into "
                   "(Markdown, HTML and DOCX; each meeting's package as PDF).")
@pass_app
def demo(app: App, demo_db: str | None, out_dir: str | None) -> None:
    """Run the Odder Kommune case through all six phases and print its timeline.

    Your own database is never touched: the demo uses a fresh database of its own.
    """
    import tempfile
    from pathlib import Path

    from nybureau.config import database_url
    from nybureau.persistence.store import Store
    from nybureau.services.admin import run_demo

    tmp = None
    if demo_db:
        path = Path(demo_db)
    elif out_dir:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
        path = Path(out_dir) / "nybureau-demo.db"
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="nybureau-demo-")
        path = Path(tmp.name) / "nybureau-demo.db"
    store = Store(database_url(str(path)))
    try:
        timelines = run_demo(store, app.actor)
        _print(app, timelines)
        if out_dir:
            _render(app, store, Path(out_dir))
        if tmp is None:
            echo(app.t(Msg("\nThe demo database is kept in {path}; try "
                           "`nybureau --db {path} status`.", path=path)))
    finally:
        store.dispose()
        if tmp is not None:
            tmp.cleanup()


def _render(app: App, store, out: "Path") -> None:
    from nybureau.services.admin import render_demo_documents

    from nybureau.cli.tables import progress

    with progress(None, app.t(Msg("Documents"))) as advance:
        result = render_demo_documents(store, app.actor, out, app.lang, on_each=advance)
    echo(app.t(Msg("\nDocuments written to {out} ({counted}, "
                   "{counted_2}):", out=out,
                   counted=counted(result['documents'], 'document', 'en'),
                   counted_2=counted(len(result['written']), 'file', 'en'),
                   counted_3=counted(result['documents'], 'document', 'da'),
                   counted_4=counted(len(result['written']), 'file', 'da'))))
    for w in result["written"]:
        echo(f"  {w['path']}")
    times = ", ".join(f"{fmt} {secs:.2f} s" for fmt, secs in result["timings"].items())
    echo(app.t(Msg("Rendering: {times} (data: {data_seconds:.2f} s).", times=times,
                   data_seconds=result['data_seconds'])))
    if result.get("pdf_missing"):
        echo(app.t(Msg("The meetings' PDF packages were left out: {why}",
                       why=app.t(result["pdf_missing"]))), err=True)


def _print(app: App, timelines) -> None:
    from rich.table import Table

    from nybureau.rendering.dates import short_date
    from nybureau.workflow.spec import text

    lang = app.lang
    for tl in timelines:
        p, spec = tl["project"], tl["spec"]
        rows = []
        for t in tl["transitions"]:
            title = text(spec.title_of(t["to_phase"]), lang)
            kind = t["kind"]
            if kind == "start":
                what = app.t(Msg("The project starts in phase 1: {title}", title=title))
            elif kind == "advance":
                what = app.t(Msg("On to {title}", title=title))
            else:
                what = f"{label(TRANSITION_KINDS, kind, lang).capitalize()}: {title}"
                if t["reason"]:
                    what += f" — {t['reason']}"
            rows.append((t["on_date"], 0, f"[bold]{esc(what)}[/bold]"))
        for d in tl["decisions"]:
            found = spec.decision(d["decision_key"])
            title = text(found[1].title, lang) if found else d["decision_key"]
            rows.append((d["decided_on"], 1, esc(f"{label(BODIES, d['body'], lang)}: {title} — "
                                                 f"{label(OUTCOMES, d['outcome'], lang)}")))
        for a in tl["activities"]:
            kind = label(ACTIVITY_KINDS, a["kind"], lang)
            if a["number"]:
                kind += f" {a['number']}"
            rows.append((a["held_on"], 2, esc(a["title"] or kind.capitalize())))
        rows.sort(key=lambda r: (r[0], r[1]))
        table = Table(title=esc(f"{p['name']} — {p['municipality']}"), show_lines=False)
        table.add_column(app.t(Msg("date")), no_wrap=True)
        table.add_column(app.t(Msg("event")))
        for when, _, what in rows:
            table.add_row(short_date(when, lang), what)
        app.print(table)
        final = text(spec.title_of(p["phase"]), lang)
        app.print(esc(app.t(Msg("Status: {final} ({n_decisions} decisions, "
                                "{n_activities} activities).\n", final=final,
                                n_decisions=len(tl['decisions']),
                                n_activities=len(tl['activities'])))))


COMMANDS = [demo]
