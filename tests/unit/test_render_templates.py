"""What a municipality relies on when it brings its own templates: the override chain (its folder
first, then the built-in templates), the ``default:`` prefix (a template can extend the built-in
one it replaces), the shared frame and macros reaching every Markdown document (the agenda
included), the sandbox (no Python internals, loops as Jinja2 runs them), and that the renderer
uses plain, public Jinja2 only."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    """build(name, lang, public=False, **kw) → a document's data for the Solbjerg project."""
    from nybureau.services import documents
    from tests.meetings.conftest import scenario_store

    store = scenario_store(tmp_path_factory.mktemp("templates"))

    def _build(name: str, lang: str = "da", public: bool = False, **kw):
        with store.transaction("tester", write=False) as tx:
            return documents.build(tx, name, lang, public=public, **kw)

    yield _build
    store.dispose()


def _env(user=None, lang="da"):
    from nybureau.rendering import templating

    return templating.environment(str(user) if user else None, lang)


def _md(build, tmp_path=None, name="agenda", lang="da", **kw) -> str:
    from nybureau.rendering import render

    return render(build(name, lang, **kw), "md",
                  templates=str(tmp_path) if tmp_path else None).decode()


# -- the override chain and default: ------------------------------------------------------------

def test_a_users_template_replaces_the_builtin_one_and_the_rest_stay_builtin(build, tmp_path):
    (tmp_path / "agenda.md.j2").write_text("Egen dagsorden: {{ meeting.name }}\n",
                                           encoding="utf-8")
    assert _md(build, tmp_path, meeting=1) == "Egen dagsorden: Hoved-MED\n"
    assert _md(build, tmp_path, "minutes", meeting=1) == _md(build, None, "minutes", meeting=1)


def test_default_prefix_extends_the_builtin_template_of_the_same_name(build, tmp_path):
    (tmp_path / "agenda.md.j2").write_text(
        '{% extends "default:agenda.md.j2" %}\n'
        '{% block kicker %}*Egen linje*\n{% endblock %}\n'
        '{% block heading %}Egen titel{% endblock %}\n', encoding="utf-8")
    text = _md(build, tmp_path, meeting=1)
    assert text.startswith("*Egen linje*\n\n# Egen titel\n\n## Mødet\n")
    assert text.endswith(_md(build, meeting=1).split("\n## Mødet\n", 1)[1])


def test_a_users_base_md_applies_to_the_agenda_too(build, tmp_path):
    """The Markdown agenda is on the shared frame again: a changed base.md.j2 reaches it."""
    base = (REPO / "templates" / "base.md.j2").read_text(encoding="utf-8")
    (tmp_path / "base.md.j2").write_text(
        "Solbjerg Kommune · Ældre og Sundhed\n\n" + base.replace(
            '## {{ _("Kilder", "Sources") }}', "## Registreringer"), encoding="utf-8")
    for name in ("agenda", "minutes"):
        text = _md(build, tmp_path, name, meeting=1)
        assert text.startswith("Solbjerg Kommune · Ældre og Sundhed\n\n*Solbjerg"), name
        assert text.split("\n\n", 1)[1] == _md(build, None, name, meeting=1), name
        from nybureau.rendering import render

        appendix = render(build(name, "da", meeting=1), "md", templates=str(tmp_path),
                          sources=True).decode()
        assert "\n## Registreringer\n" in appendix and "\n## Kilder\n" not in appendix


def test_a_users_macros_apply_to_the_agenda_and_see_each_document(build, tmp_path):
    builtin = (REPO / "templates" / "_macros.md.j2").read_text(encoding="utf-8")
    (tmp_path / "_macros.md.j2").write_text(builtin.replace(
        "### {{ it.number }}. {{ it.title|md_inline }}",
        "### {{ it.number }}. {{ it.title }} [{{ meeting.name }}]"), encoding="utf-8")
    first = _md(build, tmp_path, meeting=1)
    third = _md(build, tmp_path, "minutes", meeting=3)
    assert "### 1. Velkomst [Hoved-MED]" in first
    assert "[Styregruppen]" in third and "[Hoved-MED]" not in third


def test_the_builtin_agenda_is_the_frame_and_the_macros(build):
    """What the built-in agenda writes, item by item, is the shared ``item`` macro's text."""
    text = _md(build, meeting=1, lang="en")
    assert text.startswith("*Solbjerg") and "\n## The meeting\n" in text
    assert "\n## Sources\n" not in text  # the records behind it: metadata, or --sources


# -- labels -------------------------------------------------------------------------------------

def test_labels_are_in_the_documents_language():
    for lang, word in (("da", "Dagsorden"), ("en", "Agenda")):
        assert _env(lang=lang).from_string('{{ _("Dagsorden", "Agenda") }}: {{ x }}').render(
            x=1) == f"{word}: 1"
    env = _env(lang="en")
    assert env.from_string('{{ _(a, b) }}|{{ _("kun dansk") }}|{{ _("a" ~ "b", "c") }}').render(
        a="da", b="en") == "en|kun dansk|c"


@pytest.mark.parametrize("source,expected", [
    ('{% set _ = "mine" %}{{ _ }}', "mine"),
    ('{% macro _(a, b) %}[{{ a }}]{% endmacro %}{{ _("x", "y") }}', "[x]"),
    ('{% set _ = lipsum %}{{ _ is callable }}', "True"),
    ('{% for _ in [1] %}{{ _ }}{% endfor %}', "1"),
])
def test_a_template_with_its_own_underscore_keeps_it(source, expected):
    assert _env(lang="da").from_string(source).render() == expected


# -- the sandbox --------------------------------------------------------------------------------

def test_builtin_templates_alone_run_trusted_and_any_user_folder_runs_sandboxed(tmp_path):
    from jinja2.sandbox import SandboxedEnvironment

    assert not isinstance(_env(), SandboxedEnvironment)
    assert isinstance(_env(tmp_path), SandboxedEnvironment)
    assert isinstance(_env(tmp_path, "en"), SandboxedEnvironment)


@pytest.mark.parametrize("expr", [
    "meeting.__class__.__subclasses__()",
    "''.__class__.__mro__[1].__subclasses__()",
    "meeting.items.__self__.__class__",
    "meeting.__class__.__init__.__globals__",
    "cycler.__init__.__globals__.os",
])
def test_a_sandboxed_user_template_cannot_reach_python_internals(build, tmp_path, expr):
    from nybureau.errors import RenderError

    (tmp_path / "agenda.md.j2").write_text(
        '{% extends "default:agenda.md.j2" %}{% block kicker %}{{ ' + expr
        + ' }}{% endblock %}', encoding="utf-8")
    with pytest.raises(RenderError) as err:
        _md(build, tmp_path, meeting=1)
    assert "agenda.md.j2" in str(err.value)
    assert "security" in str(err.value) or "UndefinedError" in str(err.value)


LOOPS = [
    "{% for r in rows %}{{ loop.index }}. {{ r }};{% endfor %}",
    "{% for r in rows %}{{ loop.index0 }}{{ loop.revindex }}{{ loop.length }}{% else %}none"
    "{% endfor %}",
    "{% for a in rows %}[{% for b in a %}{{ loop.index }}{{ b }}{% endfor %}]{% endfor %}",
    "{% for a in rows %}{% for b in a %}{{ b }}{{ ',' if not loop.last }}{% endfor %}"
    "{{ loop.index }}{% endfor %}",
    "{% for a in rows if a %}{{ loop.index }}{{ a|length }}{% endfor %}",
    "{% for a in (rows if rows else []) %}{{ a|length }}{% endfor %}",
    "{% for k, v in pairs %}{{ loop.index }}{{ k }}{{ v }}{% endfor %}",
    "{% for (k, v) in pairs|list %}{{ k }}{% endfor %}",
    "{% for x in 1, 2 %}{{ x }}{% endfor %}",
    "{% for k in {'in': 1, 'if': 2} %}{{ k }}{% endfor %}",
    "{% for r in rows recursive %}{{ loop.depth }}{% if r is iterable and r is not string %}"
    "{{ loop(r) }}{% endif %}{% endfor %}",
    "{% for r in rows %}{{ loop.cycle('a', 'b') }}{% if loop.index > 1 %}{% break %}{% endif %}"
    "{% endfor %}",
    "{%- for r in rows -%}{{ r|length }}{%- endfor %}",
]


@pytest.mark.parametrize("source", LOOPS)
def test_loops_in_the_sandbox_give_what_jinja2s_loops_give(source, tmp_path):
    """In the sandbox every loop's rows pass the time check; the rows are the same."""
    from jinja2 import Environment

    plain = Environment(extensions=["jinja2.ext.loopcontrols"])
    for rows, pairs in (([[1, 2], [], [3]], {"a": 1, "b": 2}.items()), ([], [])):
        context = {"rows": rows, "pairs": list(pairs)}
        assert _env(tmp_path).from_string(source).render(context) == \
            plain.from_string(source).render(context)


# -- plain, public Jinja2 -------------------------------------------------------------------------

#: modules of Jinja2 that are its internals (code generation, run-time support, the parser's
#: tree): nybureau imports none of them
JINJA2_INTERNALS = ("jinja2.compiler", "jinja2.runtime", "jinja2.nodes", "jinja2.parser",
                    "jinja2.idtracking", "jinja2.optimizer", "jinja2.visitor", "jinja2.debug")
#: Environment's class hooks and private methods that an extension of Jinja2's machinery sets
JINJA2_HOOKS = ("code_generator_class", "context_class", "template_class", "make_globals",
                "_load_template", "root_render_func", "_parse", "_tokenize", "_generate")


def _jinja2_imports(path: Path) -> list[tuple[str, str]]:
    """(module, name) for every import of Jinja2 (or markupsafe) in ``path``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(a.name, "") for a in node.names if a.name.split(".")[0] == "jinja2"]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in (
                "jinja2", "markupsafe"):
            found += [(node.module, a.name) for a in node.names]
    return found


def test_no_module_imports_a_private_jinja2_name():
    bad = []
    for path in sorted((REPO / "nybureau").rglob("*.py")):
        rel = path.relative_to(REPO)
        for module, name in _jinja2_imports(path):
            if (module in JINJA2_INTERNALS or name.startswith("_")
                    or any(part.startswith("_") for part in module.split("."))):
                bad.append(f"{rel}: from {module} import {name}")
        source = path.read_text(encoding="utf-8")
        if "jinja2" in source:
            bad += [f"{rel}: {hook}" for hook in JINJA2_HOOKS if hook in source]
    assert not bad, "\n".join(bad)


def test_the_check_above_would_see_a_private_import(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text("from jinja2.compiler import CodeGenerator\nfrom jinja2 import _x\n"
                     "import jinja2.runtime\n", encoding="utf-8")
    assert _jinja2_imports(probe) == [("jinja2.compiler", "CodeGenerator"), ("jinja2", "_x"),
                                      ("jinja2.runtime", "")]


def test_jinja2_is_not_pinned_to_one_minor_version():
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if ln.strip().startswith('"Jinja2'))
    assert '"Jinja2>=3.1"' in line, line
