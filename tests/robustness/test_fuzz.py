"""Bad input, tried on purpose (hypothesis): malformed workflow definitions and scenario files,
CSV-looking files, dates, names with odd Unicode, very long texts and SQL-looking strings, fed to
the loaders and the CLI. Never a traceback or an "unexpected error": either the input is
accepted as data, or a clear message and a non-zero exit, and the database unchanged.

Example counts are kept modest so the suite stays fast on two cores (see EXAMPLES)."""

from __future__ import annotations

import json
import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[2]
BUILTIN = (REPO / "workflows" / "nybureaukratisering.yaml").read_text(encoding="utf-8")
ODDER = (REPO / "examples" / "odder" / "project.yaml").read_text(encoding="utf-8")

EXAMPLES = {"workflow_text": 120, "workflow_cli": 25, "scenario": 40, "csv": 30, "dates": 40,
            "names": 60, "sql": 25}
CLI_SETTINGS = dict(deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])

BAD_OUTPUT = ("Traceback", "unexpected error")

SQLISH = st.sampled_from([
    "Robert'); DROP TABLE person;--", "' OR '1'='1", "\"; DELETE FROM project; --",
    "1; UPDATE audit_event SET actor='x'", "%_%", "\\x00", "$$; SELECT pg_sleep(5); $$",
    "<script>alert(1)</script>", "{{ 7*7 }}", "${jndi:ldap://x}", "NULL", "0x7F",
])
ODD = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), min_size=0, max_size=60)
# YAML files: any text, control characters included (PyYAML's reader refuses those: a
# file:line problem, see also the test below)
YAML_ODD = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=60)
ODD_PIECES = st.sampled_from(["\u202e", "\u200b", "\ufeff", "e\u0301", "Ø", "å", "\U0001F600",
                              "\t", "\n", "\r", "\x1b[31m", "ǅ", "ﬁ", "İ", "\u00a0", " "])
NAMES = st.one_of(ODD, SQLISH, st.lists(ODD_PIECES | ODD, max_size=6).map("".join),
                  st.integers(250, 12_000).map(lambda n: "Æ" * n))


def _clean(result) -> None:
    for bad in BAD_OUTPUT:
        assert bad not in result.output, result.output


_REFLECTED: dict[str, tuple] = {}


@pytest.fixture
def snapshot(db_url):
    """Every row of every table (the reflected schema cached: many examples per test)."""
    from sqlalchemy import MetaData, create_engine, select
    from sqlalchemy.pool import NullPool

    if db_url not in _REFLECTED:
        engine = create_engine(db_url, poolclass=NullPool)
        meta = MetaData()
        meta.reflect(engine)
        _REFLECTED[db_url] = (engine, meta)

    def take():
        engine, meta = _REFLECTED[db_url]
        with engine.connect() as conn:
            return {name: [tuple(r) for r in conn.execute(
                select(t).order_by(*t.primary_key.columns))]
                for name, t in sorted(meta.tables.items())}
    take()  # the schema exists (the cli fixture ran init)
    return take


def _check(cli, snapshot, args, before=None):
    """Run the CLI; a refusal must leave the database unchanged."""
    before = snapshot() if before is None else before
    result = cli(args)
    _clean(result)
    assert result.exit_code in (0, 1, 2), result.output
    if result.exit_code != 0:
        assert result.output.strip(), "a refusal says why"
        assert snapshot() == before
    return result


# -- workflow definitions -------------------------------------------------------------------------
def _mutate(text: str, rnd: random.Random, edits: int, junk: list[str]) -> str:
    lines = text.splitlines()
    for _ in range(edits):
        i = rnd.randrange(len(lines))
        op = rnd.randrange(6)
        if op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(i, rnd.choice(junk))
        elif op == 2:
            lines[i] = lines[i][: rnd.randrange(len(lines[i]) + 1)]
        elif op == 3:
            lines[i] = "  " * rnd.randrange(4) + lines[i].lstrip()
        elif op == 4:
            lines[i] = lines[i].replace(":", rnd.choice([": [", ": {", "::", ": !!python/object:os.system", ""]), 1)
        else:
            j = rnd.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        if not lines:
            lines = [""]
    return "\n".join(lines)


JUNK = st.lists(st.one_of(YAML_ODD, SQLISH, st.sampled_from([
    "- {kind: decision, decision: nope}", "version: -1", "phases: 7", "id: Ugyldig Id",
    "  - {kind: activity, activities: [unknown], min: x}", "&a [*a, *a]", "? [1, 2]", "---",
    "title: {da: '', en: 3}", "next: nowhere", "options: {unknown: true}", "%YAML 1.1",
    "!!binary |", "'unterminated", "[" * 50, "- " * 200])), min_size=1, max_size=5)


@settings(max_examples=EXAMPLES["workflow_text"], deadline=None, derandomize=True)
@given(st.integers(1, 8), st.integers(0, 2**32 - 1), JUNK)
def test_malformed_workflow_definitions_give_file_line_problems(edits, seed, junk):
    from nybureau.errors import WorkflowDefinitionError
    from nybureau.workflow.loader import load_text

    text = _mutate(BUILTIN, random.Random(seed), edits, junk)
    try:
        load_text(text, "model.yaml")
    except WorkflowDefinitionError as exc:
        assert exc.problems and all(str(p).startswith("model.yaml:") for p in exc.problems)


@settings(max_examples=EXAMPLES["workflow_cli"], **CLI_SETTINGS)
@given(st.integers(1, 6), st.integers(0, 2**32 - 1), JUNK)
def test_malformed_workflow_files_through_the_cli(cli, snapshot, tmp_path, edits, seed, junk):
    path = tmp_path / "model.yaml"
    path.write_text(_mutate(BUILTIN, random.Random(seed), edits, junk), encoding="utf-8")
    before = snapshot()
    r = _check(cli, snapshot, ["workflow", "validate", str(path)], before)
    if r.exit_code:
        assert "model.yaml:" in r.output
    _check(cli, snapshot, ["project", "create", f"p{seed % 10_000}", "--name", "P",
                           "--municipality", "M", "--workflow", str(path)])


@settings(max_examples=5, deadline=None)
@given(st.binary(min_size=1, max_size=200))
def test_workflow_file_that_is_not_text(tmp_path_factory, blob):
    from nybureau.errors import NybureauError
    from nybureau.workflow.loader import load_file

    path = tmp_path_factory.mktemp("wf") / "x.yaml"
    path.write_bytes(b"\xff\xfe" + blob)
    with pytest.raises(NybureauError):
        load_file(path)


@pytest.mark.parametrize("char", ["\x1f", "\x07", "\ufffe"])
def test_control_characters_in_yaml_are_file_line_problems(char):
    from nybureau.errors import WorkflowDefinitionError
    from nybureau.workflow.loader import load_text

    with pytest.raises(WorkflowDefinitionError) as exc:
        load_text(BUILTIN.replace("version: 2", f"version: 2 {char}"), "model.yaml")
    (problem,) = exc.value.problems
    assert problem.file == "model.yaml" and problem.line >= 1


# -- scenario files -----------------------------------------------------------------------------
SCENARIO_JUNK = st.lists(st.one_of(YAML_ODD, SQLISH, st.sampled_from([
    "  - {date: 2017-13-45, activity: seminar}", "  - {date: 2017-06-01, decision: nope, by: med,"
    " outcome: approved}", "  - {date: 2017-06-01, advance: nowhere}", "steps: 5",
    "  - {date: 2017-06-01, activity: module, number: 9}", "format: nybureau-scenario/2",
    "  - {date: 2017-06-01, member: {body: kings, name: X}}", "project: []",
    "  - {date: 1900-01-01, agent: {name: ''}}", "    attendees: 7"])), min_size=1, max_size=4)


@settings(max_examples=EXAMPLES["scenario"], **CLI_SETTINGS)
@given(st.integers(1, 6), st.integers(0, 2**32 - 1), SCENARIO_JUNK)
def test_malformed_scenarios_are_refused_whole(cli, snapshot, tmp_path, edits, seed, junk):
    path = tmp_path / "scenario.yaml"
    source = ODDER.replace("slug: odder-bostoette", f"slug: odder-{seed}")
    path.write_text(_mutate(source, random.Random(seed), edits, junk), encoding="utf-8")
    _check(cli, snapshot, ["project", "import", str(path)])


# -- CSV imports ----------------------------------------------------------------------------------
CELL = st.one_of(ODD, SQLISH, st.sampled_from(["", "\"", "\"\"", ";", ",", "\n", "for stram",
                                               "2018-02-30", "-1", "1e309", "nan", "🙂"]))
HEADERS = {
    "item": "kind,title,description,applies_to,source,experience,character,evidence,agent,date",
    "workshop": "participant,chain_role,item,verdict,points",
    "survey": "role,respondent,q1,q2",
}


@st.composite
def csv_files(draw):
    which = draw(st.sampled_from(sorted(HEADERS)))
    header = draw(st.one_of(st.just(HEADERS[which]), ODD))
    sep = draw(st.sampled_from([",", ";", "\t"]))
    rows = draw(st.lists(st.lists(CELL, max_size=11), max_size=6))
    text = "\n".join([header.replace(",", sep)] + [sep.join(r) for r in rows])
    raw = text.encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        raw = draw(st.sampled_from([b"\xef\xbb\xbf", b"", b"\xff\xfe", b"\x80"])) + raw
    return which, raw


@settings(max_examples=EXAMPLES["csv"], **CLI_SETTINGS)
@given(csv_files())
def test_csv_looking_inputs(cli, snapshot, tmp_path, case):
    which, raw = case
    if not snapshot()["project"]:
        cli.ok("project create csv-projekt --name C --municipality M --date 2020-01-01")
    path = tmp_path / "input.csv"
    path.write_bytes(raw)
    args = {"item": ["item", "import", "csv-projekt", str(path)],
            "workshop": ["workshop", "import", "csv-projekt", str(path), "--date", "2020-02-01"],
            "survey": ["survey", "import", "csv-projekt", str(path), "--name", "r1", "--kind",
                       "baseline", "--date", "2020-02-01"]}[which]
    _check(cli, snapshot, args)


# -- dates, names, long texts, SQL-looking strings ---------------------------------------------------
DATES = st.one_of(ODD, st.sampled_from(["2017-02-29", "2016-02-29", "0000-01-01", "9999-12-31",
                                        "2017-6-1", "17-06-01", "2017/06/01", "1. juni 2017",
                                        " 2017-06-01 ", "2017-06-01T10:00", "-2017-06-01",
                                        "２０１７-０６-０１"]), st.dates().map(str))


@settings(max_examples=EXAMPLES["dates"], **CLI_SETTINGS)
@given(DATES)
def test_dates(cli, snapshot, value):
    if not snapshot()["project"]:
        cli.ok("project create datoer --name D --municipality M --date 2000-01-01")
    r = _check(cli, snapshot, ["decision", "record", "datoer", "project_description", "--by",
                               "med", "--outcome", "postponed", "--date", value])
    if r.exit_code:
        assert "YYYY-MM-DD" in r.output or "date" in r.output.lower()


@settings(max_examples=EXAMPLES["names"], **CLI_SETTINGS)
@given(NAMES, NAMES)
def test_odd_names_and_long_texts(cli, snapshot, name, role):
    assume(not name.startswith("-") and not role.startswith("-"))
    if not snapshot()["project"]:
        cli.ok("project create navne --name N --municipality M --date 2000-01-01")
    r = _check(cli, snapshot, ["body", "member", "navne", "working_group", name, "--role", role])
    if r.exit_code == 0:
        members = json.loads(cli.ok("project show navne --json").stdout)["bodies"]
        assert name.strip() in {m["name"] for m in members["working_group"]}
    _check(cli, snapshot, ["activity", "record", "navne", "workshop", "--date", "2020-01-01",
                           "--title", role, "--attendee", name])
    _check(cli, snapshot, ["project", "create", "x" + str(len(name)), "--name", name,
                           "--municipality", role])


@settings(max_examples=EXAMPLES["sql"], **CLI_SETTINGS)
@given(SQLISH, SQLISH)
def test_sql_looking_strings_are_just_text(cli, snapshot, db_url, a, b):
    if not snapshot()["project"]:
        cli.ok("project create sql --name S --municipality M --date 2000-01-01")
    r = _check(cli, snapshot, ["decision", "record", "sql", "project_description", "--by", "med",
                               "--outcome", "noted", "--date", "2020-01-01", "--note", a + b])
    assert r.exit_code == 0
    notes = [d["note"] for d in json.loads(cli.ok("project show sql --json").stdout)["decisions"]]
    assert (a + b).strip() in notes
    for slug in (a, b):
        _check(cli, snapshot, ["person", "export", slug])
        _check(cli, snapshot, ["export", slug, "--out", str(Path(tempfile.gettempdir()) / "x.json")])
    cli.ok("audit verify")
