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


def test_item_edit_takes_a_new_date(cli):
    """Found by the command fuzz test: `item edit --date` always said "Unknown field 'on'"."""
    cli.ok('project create p --name P --municipality M --date 2017-01-02')
    cli.ok('advance p --to mapping --reason "Test" --date 2017-02-01')
    cli.ok('item add p --kind rule --title Skema --date 2017-02-03')
    cli.ok('item edit p Skema --date 2017-02-05')
    assert '"2017-02-05"' in cli.ok('item show p Skema --json').output
    result = cli('item edit p Skema --date 2017-02-30')
    assert result.exit_code == 1 and "unexpected error" not in result.output
