"""Every document × every format × four kinds of project, in Danish and English (issue 11 §1).

The fixtures, built once for the module in one database:

(a) the demo projects (``odder-bostoette``, ``egelund-socialpsykiatri``);
(b) ``randers``, built command by command as the README shows (network create, project create
    --network, body member, agent add, decision record, activity record, meeting plan PROJECT
    med, meeting record, meeting approve, advance …);
(c) the network ``midt`` of ``randers`` and ``favrskov``, whose network meetings were planned
    with ``meeting plan midt network --number N`` (the path that once crashed the DOCX title);
(d) ``tom``, a project with no optional data at all (no network, no area, nothing recorded).

Each project is rendered with ``render all PROJECT --out DIR`` and each available document with
the single ``render NAME …`` command, in all three formats; each network meeting's agenda and
each network agenda 1–4 too. Every run must exit 0 without "unexpected error"; every DOCX opens
with python-docx and has a title, every HTML file has ``lang=``, every Markdown file has text.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

FORMATS = ("md", "html", "docx")
LANGS = ("da", "en")
PROJECTS = ("odder-bostoette", "egelund-socialpsykiatri", "randers", "favrskov", "tom")


class _Cli:
    def __init__(self, url: str) -> None:
        self.url = url
        self.runner = CliRunner()

    def __call__(self, args, lang: str = "en"):
        from nybureau.cli.main import cli

        argv = shlex.split(args) if isinstance(args, str) else list(args)
        return self.runner.invoke(cli, ["--db", self.url, "--actor", "tester", "--lang", lang,
                                        *argv], catch_exceptions=False)

    def ok(self, args, lang: str = "en"):
        result = self(args, lang)
        assert result.exit_code == 0, f"{args!r} failed ({result.exit_code}):\n{result.output}"
        assert "unexpected error" not in result.output
        return result


def _url(tmp: Path) -> str:
    pg = os.environ.get("NYBUREAU_TEST_PG")
    if pg:
        from sqlalchemy import create_engine, text

        engine = create_engine(pg)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
        return pg
    return "sqlite:///" + str(tmp / "matrix.db")


def _readme_project(cli: _Cli) -> None:
    """(b) and (c): a Randers project in a two-municipality network, as the README goes."""
    cli.ok('network create midt --name "Netværk Midt"')
    cli.ok('project create randers --name "Nybureaukratisering i ældreplejen" '
           '--municipality "Randers Kommune" --area "Ældre og sundhed" --network midt '
           '--date 2025-01-06')
    cli.ok('project create favrskov --name "Styring på børneområdet" '
           '--municipality "Favrskov Kommune" --network midt --date 2025-01-08')
    cli.ok('body member randers steering_group "Hanne Kjær" --role Socialchef')
    cli.ok('body member randers med "Søren Østergaard" --role Tillidsrepræsentant')
    cli.ok('body member randers management "Birgitte Åkesson" --role Direktør')
    cli.ok('agent add randers "Anne Mølgaard" --title Fagkonsulent --date 2025-01-10')
    cli.ok('agent add randers "Jørgen Å. Bech" --title Økonomikonsulent --date 2025-01-10')
    cli.ok("decision record randers project_description --by management --by med "
           "--outcome approved --date 2025-01-20")
    import json

    med = json.loads(cli.ok('meeting plan randers med --date "2025-02-03 10:00" '
                            '--place "Rådhuset, lokale 2" --committee "Hoved-MED" '
                            '--minute-taker "Anne Mølgaard" --json').output)["id"]
    cli.ok(f'meeting record {med} 4 --outcome approved '
           '--text "Hoved-MED godkender organiseringen."')
    cli.ok(f"meeting record {med} 5 --outcome approved")
    cli.ok(f"meeting approve {med} --date 2025-02-10")
    cli.ok("decision record randers organisation --by management --outcome approved "
           "--date 2025-01-20")
    cli.ok("decision record randers seminar_participation --by management --outcome approved "
           "--date 2025-01-20")
    cli.ok("advance randers --date 2025-02-11")
    cli.ok('activity record randers seminar --date 2025-02-20 --title "Fælles sprog om styring"')
    cli.ok("decision record randers review_areas --by management --by med --outcome approved "
           "--date 2025-02-25")
    cli.ok("decision record randers documentation_agents --by management --by med "
           "--outcome approved --date 2025-02-25")
    # the evaluation design is decided at the start (phase 2)
    cli.ok('evaluation design randers --bottom-lines quality,work_environment '
           '--criterion "Medarbejderne oplever dokumentationen som meningsfuld" '
           "--baseline 2025-04-01 --follow-up 2025-11-01 --evaluator internal "
           "--date 2025-02-25")
    cli.ok("advance randers --date 2025-03-01")
    cli.ok('meeting plan randers steering_group --date "2025-03-03 09:00"')
    cli.ok('meeting plan midt network --number 1 --date "2025-03-05 13:00" --place Viborg')
    cli.ok('meeting plan midt network --number 2 --date "2025-05-06 13:00"')
    cli.ok("activity record randers module --number 1 --date 2025-03-10")
    cli.ok('item add randers --kind rule --title "Hjælpen visiteres i minutter" '
           '--experience "for stram" --character kontrollerende --date 2025-03-12')
    cli.ok('project create tom --name "Et tomt projekt" --municipality "Tom Kommune" '
           '--date 2025-01-02')


@pytest.fixture(scope="module")
def matrix(tmp_path_factory):
    from nybureau.persistence.store import Store
    from nybureau.services.admin import demo as demo_service

    tmp = tmp_path_factory.mktemp("matrix")
    url = _url(tmp)
    store = Store(url)
    try:
        demo_service.run(store, "tester")  # (a)
    finally:
        store.dispose()
    cli = _Cli(url)
    _readme_project(cli)  # (b), (c), (d)
    return cli, tmp


def _check_files(paths: list[Path], lang: str) -> None:
    import docx

    assert paths
    for path in paths:
        assert path.stat().st_size > 0, path
        if path.suffix == ".docx":
            document = docx.Document(str(path))
            title = document.core_properties.title
            assert title and title.strip(), path
            if path.name.startswith(("dagsorden-netvaerksmoede", "network-meeting-agenda",
                                     "network-agenda")):
                assert any(ch.isdigit() for ch in title), (path, title)
        elif path.suffix == ".html":
            text = path.read_text(encoding="utf-8")
            assert f'lang="{lang}"' in text, path
        else:
            assert path.suffix == ".md", path
            assert path.read_text(encoding="utf-8").strip(), path


def _available(cli: _Cli, slug: str) -> list[dict]:
    from nybureau.persistence.store import Store
    from nybureau.services import documents

    store = Store(cli.url)
    try:
        with store.transaction("tester", write=False) as tx:
            return documents.available(tx, slug)
    finally:
        store.dispose()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", PROJECTS)
def test_render_all(matrix, slug, lang):
    cli, tmp = matrix
    out = tmp / f"all-{slug}-{lang}"
    cli.ok(["render", "all", slug, "--out", str(out)], lang=lang)
    files = sorted(out.iterdir())
    _check_files(files, lang)
    wanted = len(_available(cli, slug))
    assert len(files) == 3 * wanted
    assert {f.suffix for f in files} == {".md", ".html", ".docx"}


def _argv(kw: dict) -> list[str]:
    argv = ["render", kw["name"]]
    for key in ("project", "meeting", "decision", "number", "phase", "network", "role"):
        if kw.get(key) is not None:
            argv += [f"--{key}", str(kw[key])]
    return argv


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", PROJECTS)
def test_render_each_document_alone(matrix, slug, lang):
    cli, tmp = matrix
    docs = _available(cli, slug)
    assert {"project-description", "mandate", "status-report"} <= {d["name"] for d in docs}
    for i, kw in enumerate(docs):
        out = tmp / f"one-{slug}-{lang}-{i}"
        argv = _argv(kw) + [a for fmt in FORMATS for a in ("--format", fmt)] + \
            ["--out", str(out) + "/"]
        printed = cli.ok(argv, lang=lang).output.splitlines()
        files = sorted(out.iterdir())
        # the document in three formats; an agenda or minutes has its bilag beside it
        mine = sorted(p for p in files if str(p) in printed[:3])
        assert len(mine) == 3, (kw, files)
        assert len(files) == 3 or kw["name"] in ("agenda", "minutes"), (kw, files)
        _check_files(files, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_network_meetings_planned_with_meeting_plan_network(matrix, lang):
    """The agendas of meetings planned with `meeting plan NETWORK network --number N`, and the
    network agenda 1–4 by network (planned or not), in every format."""
    import docx

    cli, tmp = matrix
    import json

    meetings = json.loads(cli.ok("meeting list --network midt --json").output)
    ids = [m["id"] for m in meetings]
    assert len(ids) == 2
    for mid in ids:
        out = tmp / f"net-agenda-{lang}-{mid}"
        cli.ok(["render", "agenda", "--meeting", str(mid), "--format", "md", "--format",
                "html", "--format", "docx", "--out", str(out) + "/"], lang=lang)
        _check_files(sorted(out.iterdir()), lang)
    for number in (1, 2, 3, 4):
        out = tmp / f"net-{lang}-{number}"
        for target in (["--network", "midt"], ["--project", "favrskov"]):
            cli.ok(["render", "network-agenda", *target, "--number", str(number), "--format",
                    "md", "--format", "html", "--format", "docx", "--out", str(out) + "/"],
                   lang=lang)
        files = sorted(out.iterdir())
        _check_files(files, lang)
        (docx_file,) = [f for f in files if f.suffix == ".docx"]
        title = docx.Document(str(docx_file)).core_properties.title
        expected = (f"Dagsorden for netværksmøde {number} – Netværk Midt" if lang == "da"
                    else f"Agenda for network meeting {number} – Netværk Midt")
        assert title == expected
