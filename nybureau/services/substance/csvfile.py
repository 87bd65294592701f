"""Reading the spreadsheets agents keep: Excel workbooks (.xlsx) and CSV as Danish Excel writes it.

CSV in UTF-8 (with or without a byte-order mark) or Windows-1252 (Danish Excel's default
"CSV (semikolonsepareret)"): bytes that are valid UTF-8 are read as UTF-8, anything else as
Windows-1252, and bytes that are neither are refused. Comma or semicolon separated (Danish Excel
uses the semicolon, because the comma is the decimal sign); column names in English or Danish, in
any case. An .xlsx file (recognised by its content, whatever its name) is read from its first
sheet, with the same limits as a CSV file: its size, the length of a cell and the number of rows.
Rows are numbered as the spreadsheet shows them: the header is row 1 (after any blank lines;
Excel's ``sep=;`` hint line is not shown as a row). Every problem is collected
as ``row N, column "C": message`` (Danish ``række N, kolonnen »C«: …``), C being the header as
written in the file, and the caller raises them together, so a bad file writes nothing.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from nybureau.errors import InvalidInput, NotFound
from nybureau.i18n import Msg
from nybureau.services.substance.xlsx import xlsx_records

#: Columns whose cells may hold line breaks (free text); every other cell is one line.
FREE_TEXT_COLUMNS = ("description", "evidence")
#: The largest CSV file read (a spreadsheet of governance items, votes or survey answers).
MAX_BYTES = 20_000_000
#: The most rows read (a workbook is compressed: its size alone does not bound its rows).
MAX_ROWS = 100_000
#: The longest cell (the csv module's own field limit, the same for a workbook).
MAX_CELL = csv.field_size_limit()
#: The most an .xlsx file may unpack to (a zip file can unpack to far more than it holds).
MAX_UNPACKED = 200_000_000

_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$")
_DA_DATE = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$")


@dataclass
class Sheet:
    """A parsed CSV file: its columns (canonical names) and rows as dicts with a row number."""

    name: str
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]]
    problems: list[tuple[str, str]] = field(default_factory=list)   # (English, Danish)
    extra: list[str] = field(default_factory=list)   # header cells not in the known columns
    headers: dict[str, str] = field(default_factory=dict)   # canonical column → as written

    def bad(self, row: int, column: str | None, message: str, danish: str | None = None) -> None:
        """Record a problem in ``row`` and ``column`` (a canonical column name, shown as the
        file's own header; or a header as written). ``danish`` defaults to ``message``."""
        shown = self.headers.get(column, column) if column else None
        en = f"row {row}" + (f', column "{shown}"' if shown else "")
        da = f"række {row}" + (f", kolonnen »{shown}«" if shown else "")
        self.problems.append((f"{en}: {message}", f"{da}: {danish or message}"))

    def raise_if_bad(self) -> None:
        if self.problems:
            n = len(self.problems)
            body_en = "\n".join(f"  {self.name}: {en}" for en, _ in self.problems[:50])
            body_da = "\n".join(f"  {self.name}: {da}" for _, da in self.problems[:50])
            count = Msg("{n} problem", n=n) if n == 1 else Msg("{n} problems", n=n)
            raise InvalidInput(Msg(
                "The file {name} has {count}; nothing was imported. Correct the file and import "
                "it again:\n{body}{more}", name=self.name, count=count, body=body_en,
                body_da=body_da,
                more=Msg("\n  … and {more} more", more=n - 50) if n > 50 else ""))


def _norm(header: str) -> str:
    return " ".join(header.strip().lower().replace("_", " ").split())


def read_sheet(
    path: str | Path,
    columns: dict[str, tuple[str, ...]],
    required: tuple[str, ...],
    *,
    allow_extra: bool = False,
    free_text: tuple[str, ...] = FREE_TEXT_COLUMNS,
) -> Sheet:
    """Read ``path``. ``columns`` maps each canonical column to its accepted header spellings
    (the canonical name is always accepted). Unknown columns are a problem unless
    ``allow_extra`` (then they are kept in ``Sheet.extra``, in order, with their raw header).

    Every cell is checked as the CLI checks a value: no control characters, broken characters
    or text-direction overrides, and no line breaks except in the ``free_text`` columns (a line
    break in a one-line column is most often a quote that was never closed, which merged rows).
    A quote still open at the end of the file, a cell over the csv module's field limit, and a
    file over :data:`MAX_BYTES` are refused with the row."""
    from nybureau.services.common import shown_path

    p = Path(path)
    shown = shown_path(p)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InvalidInput(
                Msg("The file {shown} is {size} MB; a spreadsheet for nybureau holds at "
                    "most {max_bytes} MB. Split it, or import only what is needed.", shown=shown,
                    size=size // 1000000, max_bytes=MAX_BYTES // 1000000))
        raw = p.read_bytes()
    except FileNotFoundError:
        raise NotFound(Msg("The file {shown} does not exist.", shown=shown)) from None
    except OSError as exc:
        raise InvalidInput(Msg("The file {shown} cannot be read: {value}.", shown=shown,
                               value=exc.strerror or exc)) from None
    sheet = Sheet(p.name, [], [])
    skipped = 0
    delimiter = ","
    if raw[:4] == b"PK\x03\x04":
        records = xlsx_records(sheet, p, shown, max_rows=MAX_ROWS, max_cell=MAX_CELL,
                               max_unpacked=MAX_UNPACKED)
    elif raw[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise InvalidInput(
            Msg("The file {shown} is an old Excel workbook (.xls). In Excel choose “Save as” → "
                "“Excel Workbook (.xlsx)” or “CSV (semicolon delimited)” and import that file.",
                shown=shown))
    else:
        text = _decode(raw, shown)
        first = next((ln.strip() for ln in text.split("\n") if ln.strip()), "")
        if first.lower().startswith("sep=") and len(first) == 5:
            # Excel's separator hint: Excel reads it and does not show it as a row
            delimiter = first[4]
            text = text.split(first, 1)[1].split("\n", 1)[1] if "\n" in text else ""
        else:
            delimiter = ";" if first.count(";") > first.count(",") else ","
        records = _records(sheet, text, delimiter)
    if len(records) > MAX_ROWS + 1:
        raise InvalidInput(
            Msg("The file {shown} has more than {max_rows} rows; a spreadsheet for nybureau holds "
                "at most {max_rows}. Split it, or import only what is needed.", shown=shown,
                max_rows=MAX_ROWS))
    while records and not any(c.strip() for c in records[0]):
        records.pop(0)
        skipped += 1
    if not records:
        sheet.bad(1, None, "the file is empty; the first row must name the columns",
                  "filen er tom; første række skal navngive kolonnerne")
        sheet.raise_if_bad()
    spelling = {}
    for canon, alts in columns.items():
        for a in (canon, *alts):
            spelling[_norm(a)] = canon
    header = records[0]
    for cell in header:
        _check_cell(sheet, 1 + skipped, None, cell, multiline=False)
    sheet.raise_if_bad()
    index: list[str | None] = []
    for cell in header:
        canon = spelling.get(_norm(cell))
        if canon is None:
            if not cell.strip():
                index.append(None)
                continue
            if allow_extra:
                sheet.extra.append(cell.strip())
                index.append("\x00" + cell.strip())
                continue
            sheet.bad(1 + skipped, cell.strip(), "unknown column; the columns are "
                      + ", ".join(columns),
                      "ukendt kolonne; kolonnerne er " + ", ".join(columns))
            index.append(None)
            continue
        if canon in sheet.columns:
            sheet.bad(1 + skipped, cell.strip(),
                      f"the column \"{canon}\" appears twice (also as "
                      f"\"{sheet.headers[canon]}\")",
                      f"kolonnen »{canon}« står der to gange (også som »{sheet.headers[canon]}«)")
        else:
            sheet.headers[canon] = cell.strip()
        sheet.columns.append(canon)
        index.append(canon)
    for col in required:
        if col not in sheet.columns:
            sheet.bad(1 + skipped, col, "this column is required and missing",
                      "kolonnen er påkrævet og mangler")
    sheet.raise_if_bad()
    for number, record in enumerate(records[1:], start=2 + skipped):
        if not any(c.strip() for c in record):
            continue
        if len(record) > len(header) and any(c.strip() for c in record[len(header):]):
            sheet.bad(number, None, f"{len(record)} cells but the header has {len(header)} "
                      f"columns (is the separator '{delimiter}' used inside a value without "
                      "quotes?)",
                      f"{len(record)} celler, men overskriftsrækken har {len(header)} kolonner "
                      f"(står skilletegnet '{delimiter}' i en værdi uden anførselstegn?)")
            continue
        row: dict[str, str] = {}
        good = True
        for col, cell in zip(index, record):
            if col is not None:
                name = col.lstrip("\x00")
                good &= _check_cell(sheet, number, name, cell, multiline=name in free_text)
                row[name] = cell.strip()
        if good:
            sheet.rows.append((number, row))
    if not sheet.rows and not sheet.problems:
        sheet.bad(2, None, "the file has a header but no rows",
                  "filen har en overskriftsrække, men ingen rækker")
    return sheet


def _records(sheet: Sheet, text: str, delimiter: str) -> list[list[str]]:
    """The file's records. Read strictly first, to notice a quote still open at the end (a lax
    reader silently takes the rest of the file as one cell); a file the strict reader refuses
    for another reason (a stray quote inside a value) is read laxly, as before."""
    def read(strict: bool) -> list[list[str]]:
        out: list[list[str]] = []
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=strict)
        try:
            for record in reader:
                out.append(record)
        except csv.Error as exc:
            message = str(exc)
            if "field limit" in message:
                sheet.bad(len(out) + 1, None, f"a cell is longer than {csv.field_size_limit()} "
                          "characters (is a quote (\") not closed?)",
                          f"en celle er længere end {csv.field_size_limit()} tegn (er et "
                          "anførselstegn (\") ikke lukket?)")
            elif "end of data" in message or "EOF" in message:
                lax = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
                head = next((r for r in lax if any(c.strip() for c in r)), [])
                at = len(lax[-1]) - 1 if lax else -1
                column = head[at].strip() or None if 0 <= at < len(head) else None
                sheet.bad(len(out) + 1, column, "a quote (\") opens a value that is never "
                          "closed, so the rest of the file would be read as this one cell; "
                          "close it or remove it",
                          "et anførselstegn (\") åbner en værdi, der aldrig lukkes, så resten "
                          "af filen ville blive læst som denne ene celle; luk det eller fjern det")
            elif strict:
                return None
            else:
                sheet.bad(len(out) + 1, None, f"cannot be read as CSV ({message})",
                          f"kan ikke læses som CSV ({message})")
            sheet.raise_if_bad()
        return out

    records = read(strict=True)
    return records if records is not None else read(strict=False)


def _check_cell(sheet: Sheet, number: int, column: str | None, cell: str, *,
                multiline: bool) -> bool:
    """Whether ``cell`` holds only what its column may hold; else the problem is recorded."""
    from nybureau.services.common import char_problem

    for i, c in enumerate(cell.strip()):
        why = char_problem(c, multiline)
        if why is None:
            continue
        en, da = why.split("|")
        if c in "\r\n" and not multiline:
            sheet.bad(number, column, "the value spans several lines; it must be one line "
                      "(is a quote (\") not closed?)",
                      "værdien fylder flere linjer; den skal være én linje (er et "
                      "anførselstegn (\") ikke lukket?)")
        else:
            sheet.bad(number, column, f"contains {en} (U+{ord(c):04X}, at character {i + 1}); "
                      "remove it",
                      f"indeholder {da} (U+{ord(c):04X}, ved tegn {i + 1}); fjern det")
        return False
    return True


def cell_date(sheet: Sheet, number: int, column: str, value: str, *,
              today: date | None = None, future_en: str | None = None,
              future_da: str | None = None) -> date | None:
    """ISO (2017-10-12) or Danish (12-10-2017, 12.10.2017) dates, in the years nybureau
    accepts (see services.common.DATE_MIN and DATE_MAX); with ``today``, not after it."""
    from nybureau.services.common import DATE_MAX, DATE_MIN

    found = None
    if _STAMP.match(value):   # a workbook's date cell with a time of day
        value = value[:10]
    try:
        found = date.fromisoformat(value)
    except ValueError:
        m = _DA_DATE.match(value)
        if m:
            try:
                found = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            except ValueError:
                pass
    if found is not None and not DATE_MIN <= found <= DATE_MAX:
        sheet.bad(number, column, f"'{value}' is outside the dates nybureau accepts "
                  f"({DATE_MIN.year}–{DATE_MAX.year}); check the year",
                  f"'{value}' ligger uden for de datoer, nybureau tager imod "
                  f"({DATE_MIN.year}–{DATE_MAX.year}); tjek årstallet")
        return None
    if found is not None:
        if today is not None and found > today:
            sheet.bad(number, column, f"{found.isoformat()} is in the future (today is "
                      f"{today.isoformat()}); {future_en or 'record it when it has happened'}",
                      f"{found.isoformat()} ligger i fremtiden (i dag er {today.isoformat()}); "
                      f"{future_da or 'registrér det, når det er sket'}")
            return None
        return found
    sheet.bad(number, column, f"'{value}' is not a date; write 2017-10-12 or 12-10-2017",
              f"'{value}' er ikke en dato; skriv 2017-10-12 eller 12-10-2017")
    return None


def cell_word(sheet: Sheet, number: int, column: str, value: str, table, parse, listing: str,
              allowed: set[str] | None = None) -> Any:
    key = parse(table, value)
    if key is None or (allowed is not None and key not in allowed):
        sheet.bad(number, column, f"'{value}' is not one of: {listing}",
                  f"'{value}' er ikke en af: {listing}")
        return None
    return key


def _decode(raw: bytes, shown: str) -> str:
    """The text of a CSV file: UTF-8 (with or without a byte-order mark) when the bytes are
    valid UTF-8 (text in Windows-1252 with any letter beyond ASCII practically never is),
    otherwise Windows-1252, as Danish Excel saves "CSV (semikolonsepareret)". Bytes that are
    neither (UTF-16 text or a binary file, full of NUL bytes; or a byte Windows-1252 leaves
    undefined) are refused. (A stray NUL byte in a cell is reported with its row.)"""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff") or raw.count(b"\x00") * 4 > len(raw):
        raise InvalidInput(
            Msg("The file {shown} is not a spreadsheet nybureau can read (it holds NUL bytes, as "
                "UTF-16 text or a binary file does). In Excel choose “Save as” → “Excel Workbook "
                "(.xlsx)”, “CSV UTF-8” or “CSV (semicolon delimited)” and import that file.",
                shown=shown))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InvalidInput(
            Msg("The file {shown} is neither UTF-8 nor Windows-1252 text (byte 0x{raw:02X}"
                " at position {start}). In Excel choose “Save as” → “CSV UTF-8 (comma "
                "delimited)” or “Excel Workbook (.xlsx)” and import that file.", shown=shown,
                raw=raw[exc.start], start=exc.start + 1)) from None


def near_match(name: str, candidates) -> list[str]:
    """Of ``candidates``, the names ``name`` nearly matches, closest first (the same rule as
    for persons everywhere: :func:`nybureau.services.people.near_names`)."""
    from nybureau.services.people import near_names

    return near_names(name, list(candidates))
