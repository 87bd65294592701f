"""The learning meeting's notes template and the programmes a municipality adapts (issue 16,
point 7), through the CLI."""

from __future__ import annotations


def _render(cli, tmp_path, name, lang="da", fmt="md", extra=""):
    out = tmp_path / f"{name}-{lang}-{fmt}"
    cli.ok(f"render {name} --project testrup --format {fmt} --out {out} {extra}", lang=lang)
    (path,) = list(out.iterdir()) if out.is_dir() else [out]
    return path.read_text(encoding="utf-8")


def _prototyping(cli):
    cli.ok('item add testrup --kind rule --title "Ugentlige timer" --date 2017-10-12')
    cli.ok('focus add testrup "Rummelige bestillinger" --item 1 --date 2017-11-20')
    cli.ok('advance testrup --to prototyping --reason "Test" --date 2017-11-27')


def test_the_template_is_blank_without_iterations(cli, mapping_project, tmp_path):
    def written(folder):
        cli.ok(f"render all testrup --format md --out {tmp_path / folder}", lang="da")
        return {p.name for p in (tmp_path / folder).rglob("*.md")}

    assert not any(n.startswith("laeringsmoede") for n in written("before"))
    _prototyping(cli)
    assert "laeringsmoede-testrup.md" in written("after")
    text = _render(cli, tmp_path, "learning-meeting")
    assert text.startswith("*Testrup Kommune · Testprojekt*\n\n# Læringsmøde – skabelon til "
                           "referat")
    assert "Der er ikke registreret afprøvninger siden sidste læringsmøde." in text
    assert "En teorifejl betyder, at ideen ikke virkede" in text
    assert "En implementeringsfejl betyder, at ideen ikke blev gennemført som tænkt" in text
    assert "## 5. Hvem gør hvad hvornår?" in text


def test_the_template_is_about_the_latest_learning_meeting_and_its_iterations(
        cli, mapping_project, tmp_path):
    _prototyping(cli)
    cli.ok('prototype add testrup "Støttebehov i stedet for timer" '
           '--focus-area "Rummelige bestillinger" --owner "Anne Agent"')
    cli.ok('prototype iterate testrup 1 --place "Team Nord" --date 2017-12-12 '
           '--learned "Borgerne fortæller mere om egne mål" --changed "Fast dagsorden"')
    cli.ok('activity record testrup learning_meeting --date 2017-12-19 '
           '--title "Læringsmøde 1 i Team Nord" --attendee "Anne Agent"')
    cli.ok('prototype iterate testrup 1 --place "Team Syd" --date 2018-01-09 '
           '--learned "Virker også ved revisitation"')
    cli.ok('activity record testrup learning_meeting --date 2018-01-16 '
           '--title "Læringsmøde 2" --attendee "Anne Agent"')
    cli.ok('prototype iterate testrup 1 --place "Hele bostøtten" --date 2018-02-06')
    text = _render(cli, tmp_path, "learning-meeting", extra="--as-of 2018-03-01")
    assert "| Dato | tirsdag den 16. januar 2018 |" in text
    assert "| Møde | Læringsmøde 2 |" in text and "| Deltagere | Anne Agent |" in text
    # since the last learning meeting and up to this one: iteration 2 only
    assert "| Støttebehov i stedet for timer | 2 | Team Syd | tirsdag den 9. januar 2018 |" \
        in text
    assert "Team Nord" not in text and "Hele bostøtten" not in text
    assert "afprøvning 2:** Virker også ved revisitation" in text
    assert "afprøvning 2:** (skrives på mødet)" in text  # nothing changed recorded
    # as of the first learning meeting's day, that one is the latest
    first = _render(cli, tmp_path, "learning-meeting", extra="--as-of 2017-12-20")
    assert "| Møde | Læringsmøde 1 i Team Nord |" in first
    assert "afprøvning 1:** Fast dagsorden" in first
    english = _render(cli, tmp_path, "learning-meeting", lang="en", extra="--as-of 2018-03-01")
    assert "A theory failure means the idea did not work" in english


def test_a_municipality_s_own_programme_changes_the_seminar_guide(cli, mapping_project, tmp_path,
                                                                  monkeypatch):
    text = _render(cli, tmp_path, "seminar-guide")
    assert "| 9.00–9.15 | Velkomst: formålet med projektet og med dagen |" in text
    assert "**Øvelse:** Styringslandkortet" in text
    own = tmp_path / "programmer.yaml"
    own.write_text('programmes:\n  seminar:\n    start: "12.30"\n    blocks:\n'
                   "      - minutes: 45\n        title: Bevillinger og BUM-modellen i Testrup\n"
                   "        exercise: {da: Tegn styringskæden, en: Draw the chain}\n"
                   "        questions:\n          - Hvem bestiller?\n", encoding="utf-8")
    monkeypatch.setenv("NYBUREAU_PROGRAMMES", str(own))
    text = _render(cli, tmp_path, "seminar-guide", lang="da", fmt="md", extra="--as-of 2017-12-01")
    assert "| 12.30–13.15 | Bevillinger og BUM-modellen i Testrup | – |" in text
    assert "**Øvelse:** Tegn styringskæden" in text and "- Hvem bestiller?" in text
    assert "Styringslandkortet" not in text
    module = _render(cli, tmp_path, "module-outline", extra="--number 1")
    assert "| 9.00–9.30 | Velkomst: dokumentationsagentens opgave" in module  # built-in


def test_a_broken_programme_file_is_refused_with_its_line_and_nothing_is_written(
        cli, mapping_project, tmp_path, monkeypatch):
    own = tmp_path / "programmer.yaml"
    own.write_text("programmes:\n  seminar:\n    blocks:\n      - minutes: ti\n"
                   "        title: Velkomst\n", encoding="utf-8")
    monkeypatch.setenv("NYBUREAU_PROGRAMMES", str(own))
    out = tmp_path / "out"
    r = cli(f"render seminar-guide --project testrup --format md --out {out}")
    assert r.exit_code != 0
    assert f"{own}:4: programme 'seminar', block 1: 'minutes' must be a whole number" in r.output
    assert not out.exists()
