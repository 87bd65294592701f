"""Starter spreadsheets for the imports: ``item template``, ``survey template`` and
``workshop template`` write a file with the columns the matching import reads (Danish headers,
or English with ``--lang en``) and one example row, which that import accepts unchanged."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from nybureau.errors import InvalidInput
from nybureau.i18n import Msg

FORMATS = ("csv", "xlsx")

#: The survey's starter columns: (Danish header, English header, example answer).
SURVEY_TEMPLATE = (
    ("Respondent", "Respondent", {"da": "R1", "en": "R1"}),
    ("Rolle", "Role", {"da": "Socialrådgiver", "en": "Social worker"}),
    ("kvalitet: Indsatsen tager udgangspunkt i borgerens mål",
     "quality: The support starts from the citizen's own goals", {"da": "4", "en": "4"}),
    ("arbejdsmiljø: Jeg har tid til kerneopgaven",
     "working environment: I have time for the core task", {"da": "3", "en": "3"}),
    ("effektivitet: Dokumentationen bruges i det videre arbejde",
     "efficiency: The documentation is used in the further work", {"da": "2", "en": "2"}),
)


def _table(kind: str, lang: str, today: date) -> tuple[list[str], list[str]]:
    from nybureau.services.substance import governance, workshop

    if kind == "survey":
        rows = SURVEY_TEMPLATE
        return ([da if lang == "da" else en for da, en, _ in rows],
                [ex[lang] for _, _, ex in rows])
    spec = governance.TEMPLATE if kind == "item" else workshop.TEMPLATE
    headers = [da if lang == "da" else en for _, da, en, _ in spec]
    example = [today.isoformat() if ex[lang] == "today" else ex[lang] for _, _, _, ex in spec]
    return headers, example


def render(kind: str, fmt: str, lang: str, today: date) -> bytes:
    """The starter file's bytes. CSV: UTF-8 with a byte-order mark (so Excel shows æøå), the
    semicolon as separator (as Danish Excel saves it); .xlsx: one sheet, bold headers."""
    if fmt not in FORMATS:
        raise InvalidInput(Msg("Unknown format '{fmt}'; use csv or xlsx.", fmt=fmt))
    headers, example = _table(kind, Msg("en").render(lang), today)
    if fmt == "csv":
        buf = io.StringIO(newline="")
        writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
        writer.writerow(headers)
        writer.writerow(example)
        return ("\ufeff" + buf.getvalue()).encode("utf-8")
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = {"item": "Styringselementer", "survey": "Måling",
                "workshop": "Stemmer"}[kind] if lang == "da" else \
        {"item": "Governance items", "survey": "Survey", "workshop": "Votes"}[kind]
    ws.append(headers)
    ws.append([_typed(v) for v in example])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for i, h in enumerate(headers, start=1):
        ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width = max(12, min(60, len(h) + 2))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _typed(value: str) -> Any:
    """Numbers as numbers in the workbook (as a user typing them would get)."""
    return int(value) if value.isdigit() and len(value) < 10 else value


def default_name(kind: str, fmt: str, lang: str) -> str:
    """The starter file's name when none is given (``kortlaegning.xlsx``, ``survey.csv`` …)."""
    base = {"item": ("kortlaegning", "mapping"), "survey": ("maaling", "survey"),
            "workshop": ("prioritering-stemmer", "workshop-votes")}[kind]
    return f"{base[0] if lang == 'da' else base[1]}.{fmt}"
