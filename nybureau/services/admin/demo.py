"""The demo: the Odder Kommune case (and a second municipality in the same network) loaded into
a fresh database and run through the phases by the same use cases the CLI calls — meetings with
their agendas and recorded outcomes included — and, with an output folder, every document the
projects allow rendered in Markdown, HTML and DOCX, and each project meeting's package as one
PDF (the minutes with their bilag once the meeting is held, else the agenda)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from nybureau.services.process import history
from nybureau.services.admin import scenario, scenario_steps

if TYPE_CHECKING:
    from nybureau.persistence.store import Store


def scenario_files() -> list[Path]:
    """The example scenarios, the Odder case first."""
    from nybureau.resources import data_dir

    files = sorted(data_dir("examples").glob("*/project.yaml"))
    return sorted(files, key=lambda p: (p.parent.name != "odder", p.parent.name))


def run(store: Store, actor: str) -> list[dict[str, Any]]:
    """Import every example scenario (one transaction each); return their timelines."""
    store.init()
    slugs = []
    for path in scenario_files():
        data, name = scenario.read(path)
        with store.transaction(actor) as tx:
            slugs.append(scenario_steps.run(tx, data, name)["project"])
    with store.transaction(actor, write=False) as tx:
        return [history.timeline(tx, slug) for slug in slugs]


def render_documents(store: Store, actor: str, out_dir: Path, lang: str = "da",
                     formats: tuple[str, ...] = ("md", "html", "docx"),
                     templates: str | None = None,
                     on_each: Callable[..., Any] | None = None) -> dict[str, Any]:
    """Render every document the demo projects allow into ``out_dir``. Returns the files written
    and the seconds spent rendering per format (building the documents' data is timed apart).
    ``on_each`` is called after each file is rendered (the CLI's progress bar)."""
    import time

    from nybureau.rendering import file_name
    from nybureau.rendering.batch import render_payloads, write_rendered
    from nybureau.services import documents

    started = time.perf_counter()
    datas: list[dict[str, Any]] = []
    seen: set[str] = set()
    with store.transaction(actor, write=False) as tx:
        for project in tx.project_list():
            for data in documents.build_all(tx, project["slug"], lang):
                key = file_name(data, "md")  # network agendas are shared by the projects
                if key not in seen:
                    seen.add(key)
                    datas.append(data)
    built = time.perf_counter() - started
    rendered, timings = render_payloads(datas, Path(out_dir), list(formats), templates,
                                        on_each)
    # an iCalendar invitation for each meeting, beside its agenda
    from nybureau.rendering.ics import meeting_ics

    for data in datas:
        if data["doc"]["name"] == "agenda":
            rendered.append((Path(out_dir) / file_name(data, "ics"), "invitation", "ics",
                             meeting_ics(data, lang=lang)))
    # one PDF per project meeting, as its members receive it: ~2 s each, so the demo writes
    # these and leaves the PDF of every other document to `render … --format pdf`
    # On a machine without Pango the demo still runs: the packages are left out, and the
    # result says why (``pdf_missing``).
    from nybureau.rendering.pdf import unavailable

    started = time.perf_counter()
    pdf_missing = unavailable()
    with store.transaction(actor, write=False) as tx:
        for project in ([] if pdf_missing else tx.project_list()):
            for m in tx.meeting_list(project_id=project["id"]):
                if m["status"] == "cancelled":
                    continue
                package, _ = documents.meeting_package(
                    tx, m["id"], lang, minutes=m["status"] != "planned", templates=templates)
                rendered.append((Path(out_dir) / package.file_name, "package", "pdf",
                                 package.content))
                if on_each is not None:
                    on_each()
    if not pdf_missing:
        timings["pdf"] = time.perf_counter() - started
    written = write_rendered(rendered)  # all or nothing
    return {"written": written, "timings": timings, "data_seconds": built,
            "documents": len(datas), "pdf_missing": pdf_missing}
