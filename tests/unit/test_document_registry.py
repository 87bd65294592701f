"""The one document registry (nybureau.services.documents.registry): every document is declared
once, beside its builder, with all the registry asks for; every declared document renders in
every format and language for the demo project; a declaration that lacks anything fails when
its module is imported."""

from __future__ import annotations

import ast
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FORMATS = ("md", "html", "docx")
LANGS = ("da", "en")

# The order of `render list` (and of the "Unknown document" message).
LISTED = ["agenda", "minutes", "decision-paper", "project-description", "mandate",
          "seminar-guide", "workshop-guide", "module-outline", "network-agenda",
          "interview-guide", "observation-template", "learning-meeting", "status-report",
          "phase-summary", "year-plan", "mapping-report", "voting-sheet", "prioritisation-proposal",
          "evaluation-report", "network-report", "communication-plan", "newsletter", "article",
          "exemption-register", "programme-plan"]
#: documents only a free-municipality trial's records make available
TRIAL_ONLY = {"exemption-register"}


def test_every_document_is_declared_once_in_the_order_of_render_list():
    from nybureau.services import documents

    docs = list(documents.documents())
    assert [d.name for d in docs] == LISTED
    assert len({d.build for d in docs}) == len(docs)  # one builder each
    for d in docs:
        assert isinstance(d.needs, documents.Needs) and isinstance(d.section, documents.Section)
        assert d.title.da and d.title.en and d.stem.da and d.stem.en
        assert d.build.__module__.startswith("nybureau.services.documents.")


def test_each_document_has_its_templates_and_each_template_a_document():
    from nybureau.services import documents

    names = {d.name for d in documents.documents()}
    templates = REPO / "templates"
    for fmt in ("md", "html"):
        found = {p.name[: -len(f".{fmt}.j2")] for p in templates.glob(f"*.{fmt}.j2")
                 if not p.name.startswith(("_", "base."))}
        assert found == names, fmt


def _declarations(path: Path) -> list[str]:
    """The document names declared with @document(...) in a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("document",
                                                                             "declare"):
            if node.args and isinstance(node.args[0], ast.Constant):
                out.append(node.args[0].value)
    return out


def test_no_document_is_described_anywhere_but_its_declaration():
    """No second table of documents: each name is declared in exactly one place, and nothing in
    nybureau/ spells out a document's title/stem pair by hand."""
    declared: dict[str, list[str]] = {}
    for path in sorted((REPO / "nybureau").rglob("*.py")):
        for name in _declarations(path):
            declared.setdefault(name, []).append(str(path.relative_to(REPO)))
        text = path.read_text(encoding="utf-8")
        assert '"stem": {' not in text, path  # the old dict-of-dicts registry
    assert sorted(declared) == sorted(LISTED)
    assert all(len(where) == 1 for where in declared.values()), declared


def test_every_kind_of_need_is_served():
    from nybureau.services.documents import Needs, catalogue

    assert set(catalogue._ARGUMENTS) == set(Needs) == set(catalogue._TARGETS)
    # the values `render list --json` prints
    assert [n.value for n in Needs] == ["meeting", "decision", "project", "number",
                                        "network_number", "phase", "owner", "role"]


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    import os

    from nybureau.persistence.store import Store
    from nybureau.services.admin import demo

    pg = os.environ.get("NYBUREAU_TEST_PG")
    if pg:
        from sqlalchemy import create_engine, text

        engine = create_engine(pg)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    url = pg or "sqlite:///" + str(tmp_path_factory.mktemp("registry") / "demo.db")
    store = Store(url)
    demo.run(store, "tester")
    yield store
    store.dispose()


@pytest.mark.parametrize("lang", LANGS)
def test_every_declared_document_renders_in_every_format_for_the_demo_project(demo_store, lang):
    from nybureau.services import documents

    with demo_store.transaction("tester", write=False) as tx:
        refs = documents.available(tx, "odder-bostoette")
        first = {}
        for ref in refs:
            first.setdefault(ref["name"], ref)
        # a free-municipality trial's documents have no Odder counterpart; they are rendered in
        # every format in tests/substance/test_free_municipality.py
        expected = set(LISTED) - TRIAL_ONLY
        assert set(first) == expected, expected - set(first)
        datas = []
        for name, ref in first.items():
            kw = {k: v for k, v in ref.items() if k != "name"}
            datas.append(documents.build(tx, name, lang, **kw))
    for data in datas:
        doc = documents.lookup(data["doc"]["name"])
        assert data["doc"] == doc.info(lang)
        for fmt in FORMATS:
            out = documents.render(data, fmt)
            assert out.content, (doc.name, fmt)
            assert out.file_name.startswith(doc.stem[lang]) and out.file_name.endswith(fmt)


def test_available_for_a_network_lists_its_year_plan_and_four_agendas(demo_store):
    from nybureau.services import documents

    with demo_store.transaction("tester", write=False) as tx:
        network = tx.project_get("odder-bostoette")["network_slug"]
        refs = documents.available(tx, network=network)
        assert refs == [{"name": "year-plan", "network": network},
                        {"name": "programme-plan", "network": network}] + [
            {"name": "network-agenda", "network": network, "number": n} for n in (1, 2, 3, 4)]
        assert documents.build(tx, "year-plan", "da", network=network)["network"]["slug"] \
            == network
        for ref in refs[2:]:
            assert documents.build(tx, "network-agenda", "en", network=network,
                                   number=ref["number"])["number"] == ref["number"]


# -- a declaration that lacks anything fails at import --------------------------------------------
@pytest.fixture
def scratch_registry():
    """The registry as it is, restored after the test (a failing declaration must not leave a
    half-declared document behind either)."""
    from nybureau.services.documents import registry

    before = dict(registry.REGISTRY)
    yield registry
    registry.REGISTRY.clear()
    registry.REGISTRY.update(before)


def _import_module(tmp_path, monkeypatch, source: str):
    name = f"scratch_docs_{abs(hash(source))}"
    (tmp_path / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        __import__(name)
    finally:
        sys.modules.pop(name, None)


HEAD = """
from nybureau.services.documents.registry import (Needs, Section, Words, always, declare,
                                                  document)
"""


@pytest.mark.parametrize("declaration,message", [
    ("""
     @document("scratch", stem=Words("kladde", "scratch"), needs=Needs.PROJECT,
               section=Section.PROJECT, available=always)
     def scratch(tx, project, lang):
         return {}
     """, "title"),
    ("""
     @document("scratch", title=Words("Kladde", ""), stem=Words("kladde", "scratch"),
               needs=Needs.PROJECT, section=Section.PROJECT, available=always)
     def scratch(tx, project, lang):
         return {}
     """, "title"),
    ("""
     declare("scratch", title=Words("Kladde", "Scratch"), stem=Words("kladde", "scratch"),
             needs=Needs.PROJECT, section=Section.PROJECT, available=always, build=None)
     """, "no build function"),
    ("""
     declare("scratch", title=Words("Kladde", "Scratch"), stem=Words("kladde", "scratch"),
             needs="project", section=Section.PROJECT, available=always, build=print)
     """, "needs must be a Needs"),
    ("""
     @document("scratch", title=Words("Kladde", "Scratch"), stem=Words("kladde", "scratch"),
               needs=Needs.PROJECT, section=Section.PROJECT, available=None)
     def scratch(tx, project, lang):
         return {}
     """, "no available function"),
    ("""
     @document("mandate", title=Words("Kladde", "Scratch"), stem=Words("kladde", "scratch"),
               needs=Needs.PROJECT, section=Section.PROJECT, available=always)
     def scratch(tx, project, lang):
         return {}
     """, "declared twice"),
])
def test_a_document_declared_without_what_it_needs_fails_at_import(
        scratch_registry, tmp_path, monkeypatch, declaration, message):
    with pytest.raises(TypeError, match=message):
        _import_module(tmp_path, monkeypatch, HEAD + textwrap.dedent(declaration))
    assert "scratch" not in scratch_registry.REGISTRY
    assert list(scratch_registry.REGISTRY) == LISTED


def test_a_document_declared_outside_the_families_is_refused(scratch_registry, tmp_path,
                                                            monkeypatch):
    from nybureau.services import documents

    _import_module(tmp_path, monkeypatch, HEAD + textwrap.dedent("""
        @document("scratch", title=Words("Kladde", "Scratch"), stem=Words("kladde", "scratch"),
                  needs=Needs.PROJECT, section=Section.PROJECT, available=always)
        def scratch(tx, project, lang):
            return {}
        """))
    with pytest.raises(scratch_registry.DocumentDeclarationError, match="scratch"):
        scratch_registry.arrange([m.__name__ for m in documents.FAMILIES])
