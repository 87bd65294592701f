"""The print form's settings and measures: the letterhead and logo from the environment or a
settings file (a missing logo refused), sagsnr./dok.nr. from the data, and table columns sized
to their content so a word is never split ("Børnefagli / g" in a narrow column)."""

from __future__ import annotations

import io

import pytest

def _png() -> bytes:
    """A valid 1×1 PNG, written here (no picture file in the repository)."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b""))


PNG = _png()


def _data(**extra):
    return {"doc": {"name": "agenda", "lang": "da", "title": "Dagsorden", "stem": "dagsorden"},
            "meeting": {"name": "Hoved-MED", "body_label": "MED"}, "project": None,
            "date": __import__("datetime").date(2017, 8, 16), **extra}


def test_header_names_the_body_date_and_numbers_where_given():
    from nybureau.rendering.print_form import header_texts

    texts = header_texts(_data(), "Dagsorden – Hoved-MED")
    assert texts == {"left": "Dagsorden · Hoved-MED · 16. august 2017", "right": ""}
    texts = header_texts(_data(case_number="27.00.00-A00-1-17", document_number="123/17"), "")
    assert texts["right"] == "Sagsnr. 27.00.00-A00-1-17 · Dok.nr. 123/17"
    data = _data()
    data["meeting"]["case_number"] = "00.01"
    assert header_texts(data, "")["right"] == "Sagsnr. 00.01"


def test_letterhead_and_logo_from_the_environment(monkeypatch, tmp_path):
    from docx import Document

    from nybureau.rendering.docx_writer import html_to_docx
    from nybureau.rendering.print_form import letterhead

    logo = tmp_path / "logo.png"
    logo.write_bytes(PNG)
    monkeypatch.setenv("NYBUREAU_LETTERHEAD", "Odder Kommune | Social og Sundhed")
    monkeypatch.setenv("NYBUREAU_LOGO", str(logo))
    head = letterhead()
    assert head.lines == ("Odder Kommune", "Social og Sundhed") and head.logo == PNG
    content = html_to_docx("<html lang='da'><body><h1>T</h1></body></html>", title="T",
                           author="Odder Kommune", header={"left": "Dagsorden", "right": "",
                                                           "letterhead": head, "lang": "da"})
    doc = Document(io.BytesIO(content))
    header = doc.sections[0].header
    assert "Odder Kommune · Social og Sundhed" in [p.text for p in header.paragraphs]
    assert header._element.xpath(".//pic:pic")
    assert 'descr="Odder Kommune"' in header._element.xml


def test_letterhead_from_a_settings_file_with_a_relative_logo(monkeypatch, tmp_path):
    from nybureau.rendering.print_form import letterhead

    (tmp_path / "logo.png").write_bytes(PNG)
    settings = tmp_path / "nybureau.conf"
    settings.write_text("# Odder\nletterhead = Odder Kommune\nlogo = logo.png\n",
                        encoding="utf-8")
    monkeypatch.delenv("NYBUREAU_LETTERHEAD", raising=False)
    monkeypatch.delenv("NYBUREAU_LOGO", raising=False)
    monkeypatch.setenv("NYBUREAU_SETTINGS", str(settings))
    head = letterhead()
    assert head.lines == ("Odder Kommune",) and head.logo_type == "png"


def test_a_missing_or_wrong_logo_is_refused_and_nothing_is_written(cli, tmp_path, monkeypatch):
    cli.ok('project create p --name "P" --municipality "Testkommune" --date 2017-01-02')
    cli.ok('meeting plan p med --date "2017-03-01 10:00"')
    monkeypatch.setenv("NYBUREAU_LOGO", str(tmp_path / "gone.png"))
    out = tmp_path / "a.docx"
    r = cli(f"render agenda --meeting 1 --out {out}")
    assert r.exit_code != 0 and "gone.png' does not exist" in r.output
    assert "Traceback" not in r.output and not out.exists()
    (tmp_path / "logo.txt").write_text("not a picture", encoding="utf-8")
    monkeypatch.setenv("NYBUREAU_LOGO", str(tmp_path / "logo.txt"))
    r = cli(f"render agenda --meeting 1 --out {out}")
    assert r.exit_code != 0 and "is not a PNG or JPEG picture" in r.output
    monkeypatch.delenv("NYBUREAU_LOGO")
    cli.ok(f"render agenda --meeting 1 --out {out}")


def test_columns_are_never_narrower_than_their_longest_word():
    from nybureau.rendering.docx_print import _CELL_MM, _CHAR_MM, column_widths

    rows = [[("th", "Nr."), ("th", "Styringselement"), ("th", "Fjerne"), ("th", "Forandre"),
             ("th", "Forankre"), ("th", "Point")],
            [("td", "1"), ("td", "Børnefaglig undersøgelse før hver visitation af "
                                 "bostøtte efter serviceloven § 85"),
             ("td", ""), ("td", ""), ("td", ""), ("td", "")]]
    widths = column_widths(rows)
    assert sum(widths) == pytest.approx(170)
    assert widths[1] >= len("undersøgelse") * _CHAR_MM + _CELL_MM
    for j, head in enumerate(["Nr.", "Styringselement", "Fjerne", "Forandre", "Forankre"]):
        assert widths[j] >= len(head) * _CHAR_MM + _CELL_MM
    assert widths[1] == max(widths)  # the text column gets the room
