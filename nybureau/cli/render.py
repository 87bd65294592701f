"""``nybureau render DOCUMENT …``, ``render all PROJECT``, ``render list``, ``render package
--meeting M`` (one PDF of a meeting's agenda or minutes with its bilag)."""

from __future__ import annotations

import click

from nybureau.cli.app import INT64, App, echo, emit_json, esc, pass_app
from nybureau.cli.choices import Vocab
from nybureau.i18n import Msg

FORMATS = ["md", "html", "docx", "pdf"]
ALL_FORMATS = ["md", "html", "docx"]  # `render all` without --format (PDF on request: slower)


@click.command(epilog=(
    "\b\n"
    "Examples:\n"
    "  nybureau render agenda --meeting 3 --format docx\n"
    "  nybureau render package --meeting 3 --out dagsorden.pdf\n"
    "  nybureau render all randers --out dokumenter"))
@click.argument("document")
@click.argument("target", required=False, metavar="[PROJECT]")
@click.option("--project", "project_slug", help="The project.")
@click.option("--meeting", "meeting_id", help="The meeting (agenda, minutes).")
@click.option("--decision", help="The decision (decision-paper).")
@click.option("--number", type=INT64, help="Module 1–3 or network meeting 1–4.")
@click.option("--phase", help="The phase (phase-summary).")
@click.option("--network", "network_slug", help="The network (network-agenda).")
@click.option("--role", type=Vocab("heard_role", only=["frontline", "leader", "administration",
                                                        "citizen"]),
              help="Who is interviewed (interview-guide): frontline, leader, administration or "
                   "citizen.")
@click.option("--format", "formats", multiple=True, type=Vocab("document_format"),
              help="md, html, docx or pdf (default: from --out's suffix, else md; `render "
                   "all`: md, html and docx). Repeat for several.")
@click.option("--out", "out", metavar="PATH",
              help="File or folder to write to (default: the current folder; '-' for standard "
                   "output).")
@click.option("--public", is_flag=True,
              help="Leave out closed items and attachments that may not be published.")
@click.option("--minutes", is_flag=True,
              help="render package: the minutes and their bilag instead of the agenda.")
@click.option("--sources", is_flag=True,
              help="Add an appendix for the secretariat naming the records each statement "
                   "comes from (the file's metadata always has them).")
@click.option("--templates", "templates", metavar="DIR", envvar="NYBUREAU_TEMPLATES",
              help="Your own templates; they override the built-in ones of the same name.")
@click.option("--as-of", "as_of", metavar="DATE",
              help="Show the records as they stood on DATE (YYYY-MM-DD; default: today). A "
                   "document with a date of its own (an agenda: when it was sent, else its "
                   "meeting; minutes and a decision paper: the meeting; the mandate: its "
                   "approval; a network agenda: the network meeting) is shown as of the earlier "
                   "of the two.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (render list / all).")
@pass_app
def render(app: App, document, target, project_slug, meeting_id, decision, number, phase,
           network_slug, role, formats, out, public, minutes, sources, templates, as_of,
           as_json) -> None:
    """Render a document as Markdown, HTML, DOCX or PDF (Danish by default, --lang en for
    English).

    \b
    nybureau render list                                   the documents
    nybureau render agenda --meeting 3 --format docx       one document
    nybureau render status-report odder-bostoette --out rapport.html
    nybureau render package --meeting 3 [--minutes]        one PDF with the bilag
    nybureau render all odder-bostoette --out dokumenter/  everything the project allows
    """
    if document == "list":
        _render_list(app, as_json)
        return
    if as_of is not None:
        from nybureau.services.common import parse_date

        as_of = parse_date(as_of, "--as-of date")
    if document == "all":
        _render_all(app, target or project_slug, formats or ALL_FORMATS, out, public, templates,
                    as_json, sources, as_of)
        return
    if document == "package":
        _render_package(app, meeting_id, minutes, out, public, templates, sources, as_of)
        return
    _render_one(app, document, project_slug or target, meeting_id, decision, number, phase,
                network_slug, formats, out, public, templates, sources, as_of, role)


def _render_list(app: App, as_json: bool) -> None:
    from nybureau.services.documents import Needs, documents

    docs = list(documents())
    if as_json:
        emit_json([{"name": d.name, "title": d.title[app.lang], "needs": d.needs.value}
                   for d in docs])
        return
    from nybureau.cli.tables import col, make_table

    needs = {Needs.MEETING: "--meeting M", Needs.DECISION: "--project P --decision D",
             Needs.PROJECT: "--project P", Needs.NUMBER: "--project P --number N",
             Needs.NETWORK_NUMBER: "--project P|--network N --number N",
             Needs.PHASE: "--project P --phase F", Needs.OWNER: "--project P|--network N",
             Needs.ROLE: "--project P --role R"}
    table = make_table([col(app.t(Msg("name")), "id"),
                        col(app.t(Msg("title")), "title"),
                        col(app.t(Msg("needs")), "id")],
                       title=app.t(Msg("Documents")))
    for d in docs:
        table.add_row(esc(d.name), esc(d.title[app.lang]), esc(needs[d.needs]))
    app.print(table)


def _render_one(app, document, project_slug, meeting_id, decision, number, phase,
                network_slug, formats, out, public, templates, sources, as_of=None,
                role=None) -> None:
    from pathlib import Path

    from nybureau.services import documents

    if not formats:
        suffix = Path(out).suffix.lstrip(".") if out else ""
        formats = [suffix] if suffix in FORMATS else ["md"]
    with app.read() as tx:
        data = documents.build(tx, document, app.lang, project=project_slug, meeting=meeting_id,
                               decision=decision, number=number, phase=phase,
                               network=network_slug, public=public, as_of=as_of, role=role)
        # a meeting's bilag: written beside the agenda or the minutes
        package, missing = ([], []) if out == "-" or not data.get("bilag") else \
            _meeting_package(tx, data, list(formats), templates)
    payloads = [documents.render(data, fmt, templates, sources) for fmt in formats]
    if out == "-":
        from nybureau.errors import InvalidInput

        if len(payloads) != 1 or payloads[0].format in ("docx", "pdf"):
            raise InvalidInput(Msg("Only one Markdown or HTML document can go to standard output."))
        click.echo(payloads[0].content.decode("utf-8"), nl=False)
        return
    from nybureau.fsio import write_files

    files = [(_target(out, r.file_name, len(payloads) > 1), r.content) for r in payloads]
    beside = files[0][0].parent
    files += [(beside / name, content) for name, content in package
              if beside / name not in {p for p, _ in files}]
    write_files(files)  # all or nothing
    for path, _ in files:
        echo(str(path))
    for what in missing:
        echo(app.t(Msg("Note: the file of {bilag} could not be read; it is not in the "
                       "package.", bilag=app.t(what))), err=True)


def _meeting_package(tx, data, formats, templates):
    from nybureau.services.documents.meeting_bilag import package_for

    return package_for(tx, data, formats, templates)


def _target(out, name: str, several: bool):
    from pathlib import Path

    if not out:
        return Path(name)
    path = Path(out)
    if path.is_dir() or out.endswith(("/", "\\")) or several:
        return path / name if (path.is_dir() or out.endswith(("/", "\\")) or not path.suffix) \
            else path.with_suffix(Path(name).suffix)
    return path


def _render_package(app, meeting_id, minutes, out, public, templates, sources,
                    as_of=None) -> None:
    from nybureau.errors import InvalidInput
    from nybureau.services import documents

    if not meeting_id:
        raise InvalidInput(Msg("Say which meeting: `nybureau render package --meeting M`."))
    if out == "-":
        raise InvalidInput(Msg("A package is a PDF: give a file or folder with --out."))
    with app.read() as tx:
        rendered, notes = documents.meeting_package(tx, meeting_id, app.lang, minutes=minutes,
                                                    public=public, templates=templates,
                                                    sources=sources, as_of=as_of)
    from nybureau.fsio import write_files

    path = _target(out, rendered.file_name, False)
    write_files([(path, rendered.content)])
    echo(str(path))
    for note in notes:
        echo(app.t(note))


def _render_all(app, project_slug, formats, out, public, templates, as_json, sources,
                as_of=None) -> None:
    from pathlib import Path

    from nybureau.errors import InvalidInput
    from nybureau.services import documents

    if not project_slug:
        raise InvalidInput(Msg("Say which project: `nybureau render all PROJECT --out DIR`."))
    with app.read() as tx:
        datas = documents.build_all(tx, project_slug, app.lang, public=public, as_of=as_of)
    from nybureau.cli.tables import progress

    with progress(len(datas) * len(formats), app.t(Msg("Documents"))) as advance:
        written = documents.render_all(datas, Path(out or "."), list(formats), templates,
                                       advance, sources=sources)
    if as_json:
        emit_json([str(w["path"]) for w in written])
        return
    for w in written:
        echo(str(w["path"]))


COMMANDS = [render]
