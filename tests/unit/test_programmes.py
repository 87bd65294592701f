"""The programmes of the seminar, the modules, the workshop and the learning meeting (issue 16,
point 7): the built-in file is valid and grounded in seed 004; a municipality's own file is
checked with file:line problems."""

from __future__ import annotations

import pytest

from nybureau.errors import ProgrammeError
from nybureau.workflow import programmes


def test_the_built_in_programmes_cover_every_day_and_fit_it():
    for name in programmes.NAMES:
        p = programmes.programme("nybureaukratisering", name)
        assert p is not None and p.blocks, name
    seminar = programmes.programme("nybureaukratisering", "seminar")
    assert (seminar.start, seminar.minutes) == (9 * 60, 4 * 60)  # 9.00–13.00
    titles = " ".join(b.title["da"] for b in seminar.blocks)
    # the seminar's list in seed 004, Bilag 1 (fase 2)
    for words in ("bevillinger, BUM-model, kontrolsystemer, regler og dokumentation",
                  "styring og tillid ikke behøver at være modsætninger",
                  "Hvornår opleves styring som understøttende", "Rolleskift",
                  "udfordringer", "samskabe styring"):
        assert words.lower() in titles.lower(), words
    assert "tilskud" not in str(seminar)
    for n in (1, 2, 3):
        m = programmes.programme("nybureaukratisering", f"module_{n}")
        assert m.start + m.minutes == 15 * 60
        taught = [b for b in m.blocks if not b.is_break]
        assert any(b.exercise for b in taught) and any(b.questions for b in taught)
    assert "fjerne, forandre og forankre" in str(programmes.programme(
        "nybureaukratisering", "module_2"))
    assert "teorifejl" in str(programmes.programme("nybureaukratisering", "module_3"))


def test_a_workflow_without_a_file_of_its_own_gets_the_model_s_programmes():
    assert programmes.programme("frikommuneforsoeg", "seminar") == programmes.programme(
        "nybureaukratisering", "seminar")


@pytest.mark.parametrize("text,line,says", [
    ("programmes:\n  seminar:\n    start: \"9.00\"\n    blocks:\n      - minutes: 0\n"
     "        title: Velkomst\n", 5, "'minutes' must be a whole number"),
    ("programmes:\n  seminar:\n    start: \"25.00\"\n    blocks:\n      - minutes: 10\n"
     "        title: Velkomst\n", 3, "'start' must be a time of day"),
    ("programmes:\n  seminar:\n    blocks:\n      - minutes: 10\n        titel: Velkomst\n",
     5, "unknown key 'titel'"),
    ("programmes:\n  kursus:\n    blocks: []\n", 2, "unknown programme 'kursus'"),
    ("programmes:\n  seminar:\n    blocks:\n      - minutes: 10\n        title: {da: Hej}\n"
     "        questions:\n          - {dk: Hvad nu}\n", 7, "unknown language 'dk'"),
    ("programmes:\n  seminar:\n    start: \"23.00\"\n    blocks:\n      - minutes: 120\n"
     "        title: Sent\n", 3, "runs past midnight"),
])
def test_a_programme_file_s_problems_are_reported_with_their_line(text, line, says):
    with pytest.raises(ProgrammeError) as e:
        programmes.load_text(text, "mine.yaml")
    found = [p for p in e.value.problems if says in str(p)]
    assert found and found[0].line == line, e.value.problems
    assert str(found[0]).startswith(f"mine.yaml:{line}: ")


def test_clock_and_parse_clock():
    assert programmes.clock(9 * 60) == "9.00" and programmes.clock(13 * 60 + 5) == "13.05"
    assert programmes.parse_clock("09:30") == 570 and programmes.parse_clock("9.3") is None
