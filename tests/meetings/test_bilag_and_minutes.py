"""Issue 13, points 3 and 6: an item's bilag (numbered across the meeting, nybureau's documents
by themselves, a user's file copied into the package, a link kept a link) and minutes for every
kind of item (tiltrådt, drøftet, orienteret; text without an outcome; the standing items;
*Udkast til referat*; the public version with *Lukket punkt*)."""

from __future__ import annotations

import re

from tests.conftest import db_snapshot
from tests.meetings.test_meetings import setup_project, show, status


def _agenda(cli, tmp_path, meeting=1, name="a.md", *extra, lang="da"):
    out = cli.ok(["render", "agenda", "--meeting", str(meeting), "--out",
                  str(tmp_path / name), *extra], lang=lang)
    return (tmp_path / name).read_text(encoding="utf-8"), out.output


def _number(cli, decision, mid=1):
    return next(i["number"] for i in show(cli, mid)["items"] if i.get("decision") == decision)


def test_items_carry_their_documents_as_numbered_bilag(cli, tmp_path):
    setup_project(cli)
    cli.ok('meeting plan p med --date "2017-06-14 10:00" --committee "Hoved-MED"')
    text, _ = _agenda(cli, tmp_path)
    pd, org = _number(cli, "project_description"), _number(cli, "organisation")
    section = text.split(f"### {pd}. ")[1].split("### ")[0]
    assert "- Bilag 1: Projektbeskrivelse\n" in section
    section = text.split(f"### {org}. ")[1].split("### ")[0]
    assert "- Bilag 2: Kommissorium for styregruppen\n" in section
    assert "- Bilag 3: Statusrapport til ledelse og MED\n" in text  # the status item
    assert "## Bilag\n" in text  # the overview at the end
    numbers = [int(n) for n in re.findall(r"^- Bilag (\d+):", text.split("## Bilag\n")[1],
                                          re.M)]
    assert numbers == list(range(1, len(numbers) + 1))


def test_the_bilag_contract(cli, tmp_path, store):
    from nybureau.services import documents

    setup_project(cli)
    cli.ok('meeting plan p med --date "2017-06-14 10:00"')
    note = tmp_path / "Notat om økonomi.PDF"
    note.write_bytes(b"%PDF-1.4 notat")
    pd = _number(cli, "project_description")
    cli.ok(f'meeting item attach 1 {pd} --title "Notat om økonomi" --file "{note}"')
    cli.ok(f'meeting item attach 1 {pd} --title "Budget" --file https://example.org/b.pdf '
           "--not-public")
    with store.transaction("tester", write=False) as tx:
        data = documents.build(tx, "agenda", "da", meeting=1)
        public = documents.build(tx, "agenda", "da", meeting=1, public=True)
    kinds = [(a["number"], a["kind"]) for a in data["bilag"]]
    assert kinds[:3] == [(1, "document"), (2, "file"), (3, "url")]
    doc, file, url = data["bilag"][:3]
    assert doc["document"] == {"name": "project-description", "project": "p"}
    assert doc["file_name"] == "projektbeskrivelse-p.docx" and doc["publishable"]
    assert file["file_name"] == "notat-om-oekonomi.pdf" and file["path"] == str(note.resolve())
    assert url["url"] == "https://example.org/b.pdf" and url["file_name"] is None
    assert not url["publishable"]
    item = next(it for it in data["items"] if it["number"] == pd)
    assert item["attachments"] == data["bilag"][:3]
    # the public version leaves out what may not be published, and numbers without gaps
    assert [a["title"] for a in public["bilag"]][:2] == ["Projektbeskrivelse", "Notat om økonomi"]
    assert [a["number"] for a in public["bilag"]] == list(range(1, len(public["bilag"]) + 1))


def test_a_missing_file_is_refused_and_nothing_changes(cli, tmp_path, db_url):
    setup_project(cli)
    cli.ok('meeting plan p med --date "2017-06-14 10:00"')
    before = db_snapshot(db_url)
    r = cli(f'meeting item attach 1 2 --title "Notat" --file {tmp_path / "findes-ikke.pdf"}',
            lang="da")
    assert r.exit_code != 0 and "Traceback" not in r.output
    assert "findes ikke" in r.output and "findes-ikke.pdf" in r.output
    assert db_snapshot(db_url) == before


def test_a_file_is_copied_into_the_package_and_printed_by_its_name(cli, tmp_path):
    setup_project(cli)
    cli.ok('meeting plan p med --date "2017-06-14 10:00" --committee "Hoved-MED"')
    source = tmp_path / "kilde" / "Bilag til MED – årsplan.docx"
    source.parent.mkdir()
    source.write_bytes(b"PK arsplan")
    cli.ok(f'meeting item attach 1 2 --title "Årsplan" --file "{source}"')
    cli.ok('meeting item attach 1 2 --title "Kommunens side" --file https://odder.dk/med')
    out_dir = tmp_path / "pakke"
    out_dir.mkdir()
    r = cli.ok(f"render agenda --meeting 1 --format md --format html --out {out_dir}", lang="da")
    md = (out_dir / "dagsorden-hoved-med-2017-06-14.md").read_text(encoding="utf-8")
    html = (out_dir / "dagsorden-hoved-med-2017-06-14.html").read_text(encoding="utf-8")
    copied = out_dir / "bilag-til-med-aarsplan.docx"
    assert copied.read_bytes() == b"PK arsplan"
    assert str(copied) in r.output
    for text in (md, html):
        assert str(source.parent) not in text and "kilde" not in text  # never the local path
        assert "Årsplan (bilag-til-med-aarsplan.docx)" in text
    assert "[Kommunens side](https://odder.dk/med)" in md
    assert '<a href="https://odder.dk/med">Kommunens side</a>' in html
    # nybureau's documents are rendered beside it: DOCX beside Markdown, HTML beside HTML
    assert (out_dir / "projektbeskrivelse-p.docx").exists()
    assert (out_dir / "projektbeskrivelse-p.html").exists()
    assert (out_dir / "kommissorium-p.docx").exists()


def test_the_public_version_keeps_the_closed_items_number(cli, tmp_path):
    setup_project(cli)
    cli.ok('meeting plan p med --date "2017-06-14 10:00" --committee "Hoved-MED"')
    cli.ok('meeting item add 1 --title "Personalesag" --closed --position 3 '
           '--background "Fortroligt."')
    cli.ok("render agenda --meeting 1 --public --out " + str(tmp_path) + "/", lang="da")
    text = (tmp_path / "dagsorden-hoved-med-2017-06-14-offentlig.md").read_text(
        encoding="utf-8")
    assert "3. Lukket punkt\n" in text and "### 3. Lukket punkt\n" in text
    assert "Personalesag" not in text and "Fortroligt" not in text
    listed = [int(n) for n in re.findall(r"^(\d+)\. ", text.split("## Punkter")[1], re.M)]
    assert listed[:len(set(listed))] == list(range(1, len(set(listed)) + 1))  # no jump
    cli.ok("render agenda --meeting 1 --public --out " + str(tmp_path) + "/", lang="en")
    assert (tmp_path / "agenda-hoved-med-2017-06-14-public.md").exists()


def test_new_outcomes_and_the_gate(cli):
    """Drøftet never decides a decision item; tiltrådt decides like godkendt."""
    setup_project(cli)
    cli.ok('meeting plan p med --date "2017-06-14 10:00"')
    pd = _number(cli, "project_description")

    def missing():
        return next(r for r in status(cli)["requirements"]
                    if r["id"] == "decision:project_description")["missing"]

    cli.ok(f'meeting record 1 {pd} --outcome discussed --text "Udvalget ønsker tidsplanen '
           'uddybet."')
    assert "MED committee" in missing()
    cli.ok(f'meeting record 1 {pd} --outcome tiltrådt --amend --reason "besluttet alligevel"')
    assert "MED committee" not in missing()


def test_discussed_does_not_replace_an_earlier_approval():
    from nybureau.domain.decisions import effective_outcomes

    rows = [("k", (1, 1), "approved"), ("k", (2, 2), "discussed"), ("k", (3, 3), "informed")]
    assert effective_outcomes(rows)["k"] == "approved"


def test_a_decision_item_needs_an_outcome(cli, db_url):
    setup_project(cli)
    cli.ok('meeting plan p med --date "2017-06-14 10:00"')
    pd = _number(cli, "project_description")
    before = db_snapshot(db_url)
    r = cli(f'meeting record 1 {pd} --text "Drøftet."')
    assert r.exit_code != 0 and "--outcome" in r.output
    r = cli("meeting record 1 1")
    assert r.exit_code != 0 and "--text" in r.output
    assert db_snapshot(db_url) == before


def test_standing_items_are_minuted_and_the_draft_is_titled_so(cli, tmp_path):
    setup_project(cli)
    cli.ok('meeting plan p med --date "2017-06-14 10:00" --committee "Hoved-MED"')
    items = {i["title"]: i["number"] for i in show(cli)["items"]}
    comm = items["Communication from the meeting"]
    aob = items["Mutual information and any other business"]
    evaluation = items["Evaluation of the meeting"]
    cli.ok(f'meeting record 1 {comm} --outcome discussed --text "Nyhedsbrev til alle ansatte."')
    out = cli.ok(f'meeting record 1 {aob} --text "Intet."').output
    assert f"Item {aob} is minuted." in out
    cli.ok(f'meeting record 1 {evaluation} --outcome informed')
    r = cli(f'meeting record 1 {aob} --text "Igen."')
    assert r.exit_code != 0 and "already minuted" in r.output
    cli.ok(f"render minutes --meeting 1 --out {tmp_path / 'r.md'}", lang="da")
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert text.splitlines()[2] == "# Udkast til referat: Hoved-MED, 14. juni 2017"
    assert "Udkast: referatet er ikke godkendt endnu" in text
    section = text.split(f"### {comm}. Kommunikation fra mødet")[1].split("### ")[0]
    assert "**Beslutning**\n\n> **Drøftet.** Nyhedsbrev til alle ansatte.\n" in section
    assert section.index("**Indstilling**") < section.index("**Beslutning**")
    section = text.split(f"### {aob}. Gensidige orienteringer og eventuelt")[1].split("### ")[0]
    assert "**Beslutning**\n\n> Intet.\n" in section
    assert "> **Orienteret.**" in text
    assert "Udfald" not in text and "Velkomst (orienteringssag)" not in text
    assert f"| {aob}. Gensidige orienteringer og eventuelt | Intet. |" in text
    cli.ok("meeting approve 1 --date 2017-06-28")
    cli.ok(f"render minutes --meeting 1 --out {tmp_path / 'r.md'}", lang="da")
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert text.splitlines()[2] == "# Referat: Hoved-MED, 14. juni 2017"
    assert "Referatet er godkendt den 28. juni 2017" in text
    cli.ok(f"render minutes --meeting 1 --out {tmp_path / 'e.md'}", lang="en")
    assert "# Minutes: Hoved-MED" in (tmp_path / "e.md").read_text(encoding="utf-8")


def test_item_sections_in_order(cli, tmp_path, store):
    from sqlalchemy import update

    from nybureau.persistence import tables as t

    setup_project(cli)
    cli.ok('meeting plan p med --date "2017-06-14 10:00"')
    cli.ok('meeting item add 1 --title "Budget" --background "Sagen." --finances "Ingen udgifter." '
           '--recommendation "budgettet godkendes" --position 3')
    with store.transaction("tester") as tx:
        tx.conn.execute(update(t.agenda_item).where(t.agenda_item.c.title == "Budget").values(
            summary="Kort om sagen.", consequences="Ingen.", consultation="Hørt i MED."))
    cli.ok("meeting record 1 3 --outcome agreed")
    cli.ok(f"render minutes --meeting 1 --out {tmp_path / 'r.md'}", lang="da")
    section = (tmp_path / "r.md").read_text(encoding="utf-8").split("### 3. Budget")[1] \
        .split("### ")[0]
    order = ["**Resumé**", "**Sagsfremstilling**", "**Økonomi**", "**Konsekvenser**",
             "**Høring og sagsgang**", "**Indstilling**", "Projektledelsen indstiller,",
             "**Beslutning**", "> **Tiltrådt.**"]
    positions = [section.index(h) for h in order]
    assert positions == sorted(positions)


def test_a_meetings_case_and_document_numbers_reach_the_header_even_after_the_meeting(cli):
    # The journal numbers come from the municipality's ESDH, often after the meeting was held:
    # they may be set then, and every format's header prints them; nothing else may change.
    cli.ok('project create hdr --name "Hdr" --municipality "Odder Kommune" --date 2017-01-02')
    cli.ok('meeting plan hdr med --date "2017-02-01 10:00"')
    cli.ok("meeting record 1 1 --outcome approved")
    cli.ok("meeting approve 1 --date 2017-02-10")
    cli.ok("meeting edit 1 --case 00.01.00-A00-12-17 --doc 108734/17")
    refused = cli('meeting edit 1 --place "Et andet sted"')  # the minutes are approved
    assert refused.exit_code != 0 and "Traceback" not in refused.output
    html = cli.ok("render agenda --meeting 1 --format html --out -").output
    assert "Sagsnr. 00.01.00-A00-12-17" in html or "Case no. 00.01.00-A00-12-17" in html
    assert "108734/17" in html
