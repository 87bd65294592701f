"""Workflow definitions: the built-in model, a custom one, and every kind of problem reported as
file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from nybureau.errors import WorkflowDefinitionError
from nybureau.workflow.loader import builtin_workflows, load_file, load_text, resolve
from nybureau.workflow.spec import WorkflowSpec

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "workflows"


def problems_of(source: str) -> list[str]:
    with pytest.raises(WorkflowDefinitionError) as exc:
        load_text(source, "x.yaml")
    return [str(p) for p in exc.value.problems]


def test_builtin_model_has_the_six_phases_and_their_gates():
    spec, _ = resolve("nybureaukratisering")
    assert spec.phase_ids == ["backing", "common_language", "mapping", "prioritisation",
                              "prototyping", "evaluation"]
    assert spec.final.id == "completed"
    assert spec.phase("backing").title["da"] == "Opbakning og organisering"
    assert spec.phase("prototyping").title["da"] == "Udvikling og afprøvning af løsning"
    for p in spec.phases:
        assert p.title["da"] and p.title["en"] and p.purpose["da"] and p.purpose["en"]
    ids = {p.id: [r.id for r in p.requirements] for p in spec.phases}
    assert ids["backing"][:3] == ["decision:project_description", "decision:organisation",
                                  "decision:seminar_participation"]
    assert "body_members:steering_group" in ids["backing"]
    assert {"activity:seminar", "decision:review_areas", "decision:documentation_agents",
            "agent_count"} <= set(ids["common_language"])
    assert {"module:1", "network_meeting:1", "activity:interview", "activity:observation"} \
        <= set(ids["mapping"])
    assert {"module:2", "activity:workshop", "network_meeting:2", "decision:focus_areas",
            "decision:status_report"} <= set(ids["prioritisation"])
    assert {"module:3", "network_meeting:3", "decision:evaluation_plan"} <= set(
        ids["prototyping"])
    assert {"network_meeting:4", "decision:evaluation", "decision:spreading"} <= set(
        ids["evaluation"])
    assert spec.decision("focus_areas")[1].by == ("steering_group",)
    assert spec.decision("status_report")[1].allow_noted is True
    assert spec.decision("project_description")[1].by == ("management", "med")


def test_every_builtin_file_is_named_after_its_id_and_valid():
    found = builtin_workflows()
    assert "nybureaukratisering" in found
    for wid, path in found.items():
        spec, _ = load_file(path)
        assert spec.id == wid


def test_spec_survives_storage_as_json():
    spec, _ = resolve("nybureaukratisering")
    again = WorkflowSpec.from_dict(spec.to_dict())
    assert again == spec


def test_custom_definition_loads_with_defaults():
    spec, source = load_file(FIXTURES / "mini.yaml")
    assert (spec.id, spec.version) == ("mini", 2)
    assert spec.phase("explore").title == {"da": "Udforskning", "en": "Udforskning"}
    assert spec.phase("start").next == "explore"
    assert spec.phase("wrap_up").next == "done"
    req = spec.phase("explore").requirements[0]
    assert req.params == {"activities": ["interview", "observation"], "min": 2}
    assert len(spec.source_hash) == 64 and "Mini" in source


def test_every_problem_is_reported_with_its_line():
    with pytest.raises(WorkflowDefinitionError) as exc:
        load_file(FIXTURES / "broken.yaml")
    lines = [str(p) for p in exc.value.problems]
    text = "\n".join(lines)
    path = str(FIXTURES / "broken.yaml")
    assert f"{path}:7: phase 'first': 'next' names unknown phase 'nowhere'" in text
    assert f"{path}:11:" in text and "unknown body 'kommunalbestyrelsen'" in text
    assert f"{path}:14:" in text and "unknown requirement kind 'telepathy'" in text
    assert f"{path}:15:" in text and "parameter 'min' must be a whole number, not text" in text
    assert f"{path}:16: duplicate phase id 'first' (also at line 5)" in text
    assert "phase 2 is missing 'title'" not in text  # duplicate ids are reported instead
    assert "duplicate requirement id 'decision:ok'" in text
    assert all(line.startswith(path + ":") for line in lines)


def test_invalid_yaml_is_a_problem_with_a_line():
    with pytest.raises(WorkflowDefinitionError) as exc:
        load_file(FIXTURES / "not-yaml.yaml")
    (problem,) = exc.value.problems
    assert problem.line in (2, 3) and "not valid YAML" in str(problem)


@pytest.mark.parametrize(
    "source, expected",
    [
        ("", "x.yaml:1: the file is empty"),
        ("- a\n- b\n", "a workflow definition must be a mapping"),
        ("id: Bad Id\nversion: 1\ntitle: T\nphases: [{id: a, title: A}]\n",
         "x.yaml:1: workflow: 'id' must be a lowercase id"),
        ("id: a\nversion: one\ntitle: T\nphases: [{id: b, title: B}]\n",
         "x.yaml:2: workflow: 'version' must be a whole number"),
        ("id: a\nversion: 1\nphases: [{id: b, title: B}]\n", "workflow is missing 'title'"),
        ("id: a\nversion: 1\ntitle: T\nphases: []\n", "'phases' must be a non-empty list"),
        ("id: a\nversion: 1\ntitle: T\nphases:\n  - id: b\n", "phase 'b' is missing 'title'"),
        ("id: a\nversion: 1\ntitle: T\ntitle: U\nphases: [{id: b, title: B}]\n",
         "x.yaml:4: duplicate key 'title'"),
        ("id: a\nversion: 1\ntitle: T\ncolour: red\nphases: [{id: b, title: B}]\n",
         "x.yaml:4: workflow: unknown key 'colour'"),
        ("id: a\nversion: 1\ntitle: T\noptions: {fast: true}\nphases: [{id: b, title: B}]\n",
         "unknown option 'fast'"),
        ("id: a\nversion: 1\ntitle: T\nphases:\n  - id: b\n    title: B\n    requirements:\n"
         "      - {kind: decision, decision: nope}\n",
         "x.yaml:8: requirement 1 of phase 'b': decision 'nope' is not declared"),
        ("id: a\nversion: 1\ntitle: T\nphases:\n  - id: b\n    title: B\n    requirements:\n"
         "      - {kind: module_attendance, module: 7}\n", "module must be between 1 and 3"),
        ("id: a\nversion: 1\ntitle: T\nphases:\n  - id: b\n    title: B\n    requirements:\n"
         "      - {kind: body_members, body: steering_group, colour: red}\n",
         "x.yaml:8: requirement 1 of phase 'b': 'body_members' has no parameter 'colour'"),
        ("id: a\nversion: 1\ntitle: T\nphases:\n  - id: b\n    title: B\n    requirements:\n"
         "      - {kind: activity, activities: [seances]}\n", "unknown activity kind 'seances'"),
        ("id: a\nversion: 1\ntitle: T\nphases:\n  - id: b\n    title: B\n    next: b\n",
         "'next' cannot be the phase itself"),
        ("id: a\nversion: 1\ntitle: {fr: Titre}\nphases: [{id: b, title: B}]\n",
         "unknown language 'fr'"),
    ],
)
def test_validation_problems(source, expected):
    assert any(expected in p for p in problems_of(source)), problems_of(source)


def test_terms_name_the_field_workers_in_the_definitions_own_words():
    from nybureau.workflow.terms import fill, terms_of

    spec, _ = resolve("frikommuneforsoeg")
    assert terms_of(spec.terms, "da")["the_agents"] == "koordinatorerne"
    assert terms_of(spec.terms, "en")["agent"] == "coordinator"
    assert WorkflowSpec.from_dict(spec.to_dict()) == spec
    plain, _ = resolve("nybureaukratisering")
    assert plain.terms == {} and "terms" not in plain.to_dict()
    assert terms_of(plain.terms, "da")["agents"] == "dokumentationsagenter"
    words = terms_of(spec.terms, "da")
    assert fill("{The_agents} faciliterer; {agent} {x}", words) == \
        "Koordinatorerne faciliterer; koordinator {x}"
    source = (FIXTURES / "mini.yaml").read_text(encoding="utf-8")
    bad = source.replace("\nphases:", "\nterms:\n  agent: koordinator\n  helpers: hjælpere\n"
                                      "  agents: {da: '', en: helpers}\nphases:", 1)
    with pytest.raises(WorkflowDefinitionError) as exc:
        load_text(bad, "mini.yaml")
    text = "\n".join(str(p) for p in exc.value.problems)
    assert "terms: unknown term 'helpers' (known: agent, agents, the_agents)" in text
    assert "terms: 'agents': 'agents.da' must be non-empty text" in text
    ok = source.replace("\nphases:", "\nterms:\n  agent: koordinator\nphases:", 1)
    assert load_text(ok, "mini.yaml").terms == {"agent": {"da": "koordinator",
                                                          "en": "koordinator"}}
