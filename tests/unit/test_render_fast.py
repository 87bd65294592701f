"""The fast rendering path gives exactly what Jinja2 and Babel gave before: labels compiled per
language, dict keys read directly, the trusted environment for the built-in templates and the
sandbox for any chain with a user folder, CLDR dates in plain Python, the tidy check, and the
benchmark's hand-written floor writing the same agenda byte for byte. No timing is asserted."""

from __future__ import annotations

import random
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    """build(name, lang, public=False, **kw) → a document's data for the Solbjerg project."""
    from nybureau.services import documents
    from tests.meetings.conftest import scenario_store

    store = scenario_store(tmp_path_factory.mktemp("fast"))

    def _build(name: str, lang: str = "da", public: bool = False, **kw):
        with store.transaction("tester", write=False) as tx:
            return documents.build(tx, name, lang, public=public, **kw)

    yield _build
    store.dispose()


def _env(user=None, lang="da"):
    from nybureau.rendering import templating

    return templating.environment(str(user) if user else None, lang)


# -- labels ---------------------------------------------------------------------------------------

def test_labels_with_two_literal_texts_are_compiled_into_the_template():
    for lang, word in (("da", "Dagsorden"), ("en", "Agenda")):
        env = _env(lang=lang)
        code = env.compile('{{ _("Dagsorden", "Agenda") }}: {{ x }}', raw=True)
        assert "'Dagsorden', 'Agenda'" not in code and f"'{word}: " in code
        assert env.from_string('{{ _("Dagsorden", "Agenda") }}: {{ x }}').render(x=1) \
            == f"{word}: 1"


def test_underscore_still_works_at_run_time_for_anything_else():
    env = _env(lang="en")
    assert env.from_string('{{ _(a, b) }}|{{ _("kun dansk") }}|{{ _("a" ~ "b", "c") }}').render(
        a="da", b="en") == "en|kun dansk|c"
    assert _env(lang="da").from_string("{{ _(a, b) }}").render(a="da", b="en") == "da"


@pytest.mark.parametrize("source,expected", [
    ('{% macro _(a, b) %}[{{ b }}]{% endmacro %}{{ _("x", "y") }}', "[y]"),
    ('{% set _ = lipsum %}{{ _ is callable }}', "True"),
    ('{% for _ in [1] %}{{ _ }}{% endfor %}', "1"),
])
def test_a_template_with_its_own_underscore_keeps_it(source, expected):
    assert _env(lang="da").from_string(source).render() == expected


# -- attribute access -----------------------------------------------------------------------------

def test_dict_keys_and_attributes_read_as_jinja2_reads_them():
    from jinja2.exceptions import UndefinedError

    env = _env()
    data = {"title": "T", "items": [1, 2], "inner": {"name": "N"}, "get": "key"}

    class Obj:
        title = "attr"

    tpl = env.from_string("{{ d.title }}|{{ d.inner.name }}|{{ d.items()|list|length }}|"
                          "{{ d['items']|length }}|{{ o.title }}|{{ d.get is callable }}")
    assert tpl.render(d=data, o=Obj()) == "T|N|4|2|attr|True"
    with pytest.raises(UndefinedError):
        env.from_string("{{ d.missing }}").render(d=data)


# -- the sandbox ----------------------------------------------------------------------------------

def test_builtin_templates_alone_run_trusted_and_any_user_folder_runs_sandboxed(tmp_path):
    from jinja2.sandbox import SandboxedEnvironment

    assert not isinstance(_env(), SandboxedEnvironment)
    assert isinstance(_env(tmp_path), SandboxedEnvironment)
    assert isinstance(_env(tmp_path, "en"), SandboxedEnvironment)


@pytest.mark.parametrize("expr", [
    "d.__class__.__subclasses__()",
    "''.__class__.__mro__[1].__subclasses__()",
    "d.items.__self__.__class__",
    "meeting.__class__.__init__.__globals__",
])
def test_a_user_override_still_cannot_reach_python_internals(build, tmp_path, expr):
    from nybureau.errors import RenderError
    from nybureau.rendering import render

    (tmp_path / "agenda.md.j2").write_text(
        '{% extends "default:agenda.md.j2" %}{% block kicker %}{{ ' + expr.replace(
            "d.", "meeting.") + ' }}{% endblock %}', encoding="utf-8")
    with pytest.raises(RenderError) as err:
        render(build("agenda", "da", meeting=1), "md", templates=str(tmp_path))
    assert "agenda.md.j2" in str(err.value) and "security" in str(err.value)


def test_a_user_macros_file_that_reads_the_document_sees_each_document(build, tmp_path):
    """Imported macros are shared between renders only when they read nothing of the document;
    a user's _macros that does read it gets the document it is rendering."""
    from nybureau.rendering import render
    from nybureau.resources import data_dir

    builtin = (data_dir("templates") / "_macros.md.j2").read_text(encoding="utf-8")
    (tmp_path / "_macros.md.j2").write_text(builtin.replace(
        "### {{ it.number }}. {{ it.title|md_inline }}",
        "### {{ it.number }}. {{ it.title }} [{{ meeting.name }}]"), encoding="utf-8")
    first = render(build("minutes", "da", meeting=1), "md", templates=str(tmp_path)).decode()
    third = render(build("minutes", "da", meeting=3), "md", templates=str(tmp_path)).decode()
    assert "### 1. Velkomst [Hoved-MED]" in first
    assert "[Styregruppen]" in third and "[Hoved-MED]" not in third


def test_macro_calls_keep_jinja2s_arguments_and_errors():
    from jinja2.exceptions import UndefinedError

    env = _env()
    tpl = env.from_string(
        "{% macro m(a, b=2) %}{{ a }}-{{ b }}{% endmacro %}"
        "{% macro w() %}<{{ caller() }}>{% endmacro %}"
        "{{ m(1) }} {{ m(1, 3) }} {{ m(1, b=4) }} {{ m(a=5) }} {% call w() %}c{% endcall %}"
        " {{ 'abc'.startswith('a') }}")
    assert tpl.render() == "1-2 1-3 1-4 5-2 <c> True"
    with pytest.raises(TypeError, match="no keyword argument 'c'"):
        env.from_string("{% macro m(a) %}{% endmacro %}{{ m(1, c=2) }}").render()
    with pytest.raises(UndefinedError):
        env.from_string("{% macro m(a) %}{{ a }}{% endmacro %}{{ m() }}").render()
    html = _env().from_string("{% macro m(a) %}<b>{{ a }}</b>{% endmacro %}{{ m('<i>') }}")
    assert html.render() == "<b><i></b>"  # Markdown environment: no escaping
    esc = _env().get_template("_macros.html.j2").module  # HTML macros are autoescaped
    assert "&lt;i&gt;" in str(esc.people([{"name": "<i>", "role": None}]))


# -- dates ----------------------------------------------------------------------------------------

def test_dates_are_formatted_exactly_as_babel_formats_them():
    from babel.dates import format_date, format_datetime

    from nybureau.rendering import dates

    rnd = random.Random(6)
    zones = [None, timezone.utc, dates.TZ, timezone(timedelta(hours=-5))]
    days = [date(2017, 4, 26), date(2024, 3, 31), date(2024, 10, 27), date(1999, 12, 31)]
    days += [date(1900, 1, 1) + timedelta(days=rnd.randrange(80000)) for _ in range(400)]
    for lang in ("da", "en"):
        loc = "da_DK" if lang == "da" else "en_GB"
        for d in days:
            when = datetime(d.year, d.month, d.day, rnd.randrange(24), rnd.randrange(60),
                            tzinfo=rnd.choice(zones))
            assert dates.long_date(d, lang) == format_date(d, dates._DATE[lang], locale=loc)
            assert dates.short_date(d, lang) == format_date(d, dates._SHORT[lang], locale=loc)
            assert dates.short_date(when, lang) == format_date(when, dates._SHORT[lang],
                                                               locale=loc)
            local = when.astimezone(dates.TZ) if when.tzinfo else when.replace(tzinfo=dates.TZ)
            assert dates.long_datetime(when, lang) == format_datetime(
                local, f"{dates._DATE[lang]} {dates._TIME[lang]}", locale=loc, tzinfo=dates.TZ)
    when = datetime(2017, 4, 26, 8, 0, tzinfo=timezone.utc)
    assert dates.long_datetime(when, "da") == "onsdag den 26. april 2017 kl. 10.00"
    assert dates.long_datetime(when, "en") == "Wednesday 26 April 2017 at 10:00"


def test_a_pattern_the_translation_does_not_know_is_left_to_babel():
    from nybureau.rendering import dates

    assert dates._compiled("EEE d. MMM yy", "da") is None
    assert dates._date_formatter("EEE d. MMM yy", "da")(date(2017, 4, 26)) == "ons. 26. apr. 17"


# -- tidy -----------------------------------------------------------------------------------------

def test_the_tidy_check_agrees_with_tidying_line_by_line():
    from nybureau.rendering import _tidy_lines, tidy_markdown

    pieces = ["# H", "## H2", "text", "more text", "", "", "> quote", "> more", "- li",
              "trailing ", "tab\t", "nbsp\xa0", "| a | b |", "#tag", ">x", "  indented",
              "crlf\r", "\u2028"]
    rnd = random.Random(6)
    for _ in range(4000):
        lines = [rnd.choice(pieces) for _ in range(rnd.randrange(1, 9))]
        text = "\n".join(lines) + rnd.choice(["", "\n", "\n\n"])
        assert tidy_markdown(text) == _tidy_lines(text), repr(text)


def test_builtin_agenda_and_minutes_are_written_tidy(build):
    """The built-in agenda and minutes need no tidying (the tidy step is then one check)."""
    from nybureau.rendering import _tidy_lines, templating

    for name in ("agenda", "minutes"):
        for meeting in (1, 2, 3):
            for lang in ("da", "en"):
                for public in (False, True):
                    data = build(name, lang, public=public, meeting=meeting)
                    raw = templating.render(f"{name}.md.j2",
                                            {**data, "lang": lang, "format": "md"})
                    assert raw == _tidy_lines(raw), (name, meeting, lang, public)


# -- the benchmark's floor ------------------------------------------------------------------------

def test_the_hand_written_floor_writes_the_same_agenda(build):
    from nybureau.rendering import render

    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import floors
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    for meeting in (1, 2, 3):
        for public in (False, True):
            data = build("agenda", "da", public=public, meeting=meeting)
            assert floors.fstring_agenda(data).encode("utf-8") == render(data, "md")
