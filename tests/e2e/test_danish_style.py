"""Danish as a secretariat writes it (issue 13 §5; the style list in templates/README.md).

Renders every Danish document of the demo (Markdown and HTML, `nybureau demo --out`) and scans
each for «…» quotation marks, English ids (decision keys such as ``project_description``, table
names, "#12") and the calques of the style list.

The scan is strict for every document. Until all branches of issue 13 are merged, documents
whose templates and builders other hands own (agenda, minutes, decision papers, mandate,
project description, and the closing sources table of the frame, which moves to an appendix)
may still fail ``test_every_danish_document_keeps_the_style_list``; the failure lists each
document with the offending text. ``test_the_substance_and_report_documents_keep_it`` holds
the documents of the evaluation, workshop, guides and reports to the list now.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from nybureau.cli.main import cli
from nybureau.persistence.tables import metadata
from nybureau.workflow.loader import builtin_workflows, load_file

#: The calques of the style list, each with the Danish a secretariat writes.
CALQUES: dict[str, str] = {
    r"\bUdfald\b|\budfald\b": "Beslutning",
    r"Seneste gældende udfald": "Beslutning",
    r"\bFørende\b": "Flest stemmer",
    r"\btilskud\b": "bevillinger (what governance can be)",
    r"\bmærker\b": "point (the workshop's point rule)",
    r"^\s*Navn:": "Rolle i styringskæden (the voting sheet is anonymous)",
}

#: The file stems of the documents of the evaluation, the workshop, the guides and the reports
#: (their builders and templates keep the style list now; see the module docstring).
SUBSTANCE_AND_REPORTS = ("evalueringsrapport-", "stemmeseddel-", "forslag-indsatsomraader-",
                         "drejebog-", "undervisningsmodul-", "fasesammenfatning-",
                         "statusrapport-", "kortlaegning-", "netvaerksrapport-")


def _decision_keys() -> set[str]:
    keys = set()
    for path in builtin_workflows().values():
        keys.update(load_file(path)[0].decision_ids)
    return {k for k in keys if "_" in k}


def _table_names() -> set[str]:
    # names with an underscore: a plain English word ("meeting") could be a name or a title
    return {name for name in metadata.tables if "_" in name}


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    """Every document of the demo's two projects, in Danish, as Markdown and HTML (what
    `nybureau demo --out` writes, without the DOCX)."""
    root = tmp_path_factory.mktemp("demo-da")
    db, out = root / "demo.db", root / "documents"
    runner = CliRunner()
    result = runner.invoke(cli, ["--lang", "da", "demo", "--db", str(db)],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    for project in ("odder-bostoette", "egelund-socialpsykiatri"):
        for fmt in ("md", "html"):
            result = runner.invoke(cli, ["--lang", "da", "--db", str(db), "render", "all",
                                         project, "--out", str(out), "--format", fmt],
                                   catch_exceptions=False)
            assert result.exit_code == 0, result.output
    return out


def _text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        raw = re.sub(r"(?s)<style.*?</style>|<script.*?</script>|<svg.*?</svg>", " ", raw)
        raw = re.sub(r"(?m)<br\s*/?>|</p>|</li>|</tr>|</h\d>", "\n", raw)
        raw = html.unescape(re.sub(r"<[^>]+>", " ", raw))
    return raw


def _body(path: Path, text: str) -> str:
    """The document without the frame's closing sources table (which moves to an appendix)."""
    if path.suffix == ".md":
        return text.split("\n## Grundlag for dokumentet", 1)[0]
    return re.split(r"\n\s*Grundlag for dokumentet\s*\n", text, maxsplit=1)[0]


def problems(text: str) -> list[str]:
    """Every breach of the style list in ``text``, each with a little of its context."""
    found: list[str] = []

    def add(match: re.Match, why: str) -> None:
        start, end = max(0, match.start() - 40), min(len(text), match.end() + 40)
        found.append(f"{why}: …{' '.join(text[start:end].split())}…")

    unpaired = re.sub(r"»[^«»\n]*«", lambda m: " " * len(m.group(0)), text)
    for m in re.finditer(r"«[^«»\n]*»|«", unpaired):
        add(m, "«…» (write »…«)")
        break
    for key in sorted(_decision_keys() | _table_names()):
        for m in re.finditer(rf"(?<![\w/.-]){re.escape(key)}(?![\w/-])", text):
            add(m, f"English id {key!r}")
            break
    for m in re.finditer(r"(?<![&\w])#\d+\b", text):
        add(m, "an id \"#N\"")
        break
    for pattern, danish in CALQUES.items():
        for m in re.finditer(pattern, text, flags=re.MULTILINE):
            add(m, f"calque {m.group(0).strip()!r} (write {danish})")
            break
    return found


def _documents(demo: Path) -> list[Path]:
    docs = sorted(p for p in demo.iterdir() if p.suffix in (".md", ".html"))
    assert len(docs) > 40, "the demo renders its documents"
    return docs


def test_the_scan_finds_what_the_style_list_forbids():
    bad = ("Beslutningen «Projektbeskrivelse» (project_description) er registreret som "
           "agenda_item #12.\nUdfald: godkendt. Førende: forandre.\nNavn: ____")
    found = "\n".join(problems(bad))
    for what in ("«…»", "'project_description'", "'agenda_item'", "\"#N\"", "'Udfald'",
                 "'Førende'", "'Navn:'"):
        assert what in found, what
    assert problems("Beslutningen »Projektbeskrivelse« er godkendt (punkt 4). Flest stemmer: "
                    "forandre. Hver deltager giver hvert styringselement 0–3 point.") == []


def test_the_substance_and_report_documents_keep_it(demo):
    failures = {}
    for path in _documents(demo):
        if path.name.startswith(SUBSTANCE_AND_REPORTS):
            found = problems(_body(path, _text(path)))
            if found:
                failures[path.name] = found
    assert not failures, "\n".join(f"{name}:\n  " + "\n  ".join(found)
                                   for name, found in failures.items())


def test_every_danish_document_keeps_the_style_list(demo):
    failures = {}
    for path in _documents(demo):
        found = problems(_text(path))
        if found:
            failures[path.name] = found
    assert not failures, (f"{len(failures)} documents break the style list "
                          "(templates/README.md):\n"
                          + "\n".join(f"{name}:\n  " + "\n  ".join(found)
                                      for name, found in failures.items()))
