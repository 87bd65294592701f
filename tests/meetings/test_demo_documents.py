"""`nybureau demo --out DIR`: the Odder meetings are planned and recorded, and every document is
rendered into DIR in Markdown, HTML and DOCX, with the list of files printed."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from nybureau.cli.main import cli


@pytest.mark.slow
def test_demo_out_renders_every_document_in_three_formats(tmp_path):
    out = tmp_path / "demo"
    result = CliRunner().invoke(cli, ["--lang", "da", "demo", "--out", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    files = {p.name for p in out.iterdir() if p.suffix in (".md", ".html", ".docx")}
    for name in files:
        assert str(out / name) in result.output  # every file written is printed
    stems = {name.rsplit(".", 1)[0] for name in files}
    for stem in stems:
        assert {f"{stem}.md", f"{stem}.html", f"{stem}.docx"} <= files, stem
    # Odder's meetings: MED (Områdeudvalget) and the steering group, agenda and minutes
    for stem in ("dagsorden-omraadeudvalg-for-social-og-sundhed-2017-06-22",
                 "referat-omraadeudvalg-for-social-og-sundhed-2017-08-16",
                 "referat-styregruppen-odder-bostoette-2017-11-20",
                 "projektbeskrivelse-odder-bostoette", "kommissorium-odder-bostoette",
                 "drejebog-seminar-odder-bostoette", "drejebog-workshop-odder-bostoette",
                 "undervisningsmodul-2-odder-bostoette",
                 "dagsorden-netvaerksmoede-3-fremfaerd-nybureaukratisering",
                 "statusrapport-odder-bostoette", "fasesammenfatning-odder-bostoette-4-prioritering",
                 "beslutningsoplaeg-odder-bostoette-beslutning-om-indsatsomraader"):
        assert stem in stems, stem
    minutes = (out / "referat-omraadeudvalg-for-social-og-sundhed-2017-08-16.md").read_text(
        encoding="utf-8")
    assert "onsdag den 16. august 2017 kl. 14.00" in minutes
    assert "**Godkendt med ændringer.** Den justerede projektbeskrivelse godkendes." in minutes
    assert "Referatet er godkendt den 12. september 2017" in minutes
    assert "Rendering: md" in result.output and "docx" in result.output
