"""Found by the command fuzz test (test_fuzz_commands.py): a refusal that comes after the
command's own write must still leave the database as it was."""

from __future__ import annotations


def test_person_export_to_a_file_that_cannot_be_written_records_no_access(cli, snapshot,
                                                                           tmp_path):
    cli.ok('project create p --name P --municipality M --date 2017-01-02')
    cli.ok('body member p med "Anne Holm" --role Formand')
    before = snapshot()
    for out in (str(tmp_path / ("x" * 5000) / "a.json"), str(tmp_path / "missing" / "a.json")):
        for lang in ("da", "en"):
            result = cli(["person", "export", "Anne Holm", "--out", out], lang=lang)
            assert result.exit_code == 1, result.output
            assert "unexpected error" not in result.output and result.output.strip()
            assert snapshot() == before  # no person.export event for an export that failed
    cli.ok(["person", "export", "Anne Holm", "--out", str(tmp_path / "a.json")])
    assert (tmp_path / "a.json").exists()
    assert snapshot() != before  # the access is recorded once the file is written
