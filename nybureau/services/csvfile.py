"""Reading the spreadsheets agents keep: CSV as Danish Excel writes it.

UTF-8 with or without a byte-order mark; comma or semicolon separated (Danish Excel uses the
semicolon, because the comma is the decimal sign); column names in English or Danish, in any case.
Rows are numbered as the spreadsheet shows them: the header is row 1 (after any blank lines;
Excel's ``sep=;`` hint line is not shown as a row). Every problem is collected
as ``row N, column C: message`` and the caller raises them together, so a bad file writes nothing.
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

#: Columns whose cells may hold line breaks (free text); every other cell is one line.
FREE_TEXT_COLUMNS = ("description", "evidence")
#: The largest CSV file read (a spreadsheet of governance items, votes or survey answers).
MAX_BYTES = 20_000_000

_DA_DATE = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$")


@dataclass
class Sheet:
    """A parsed CSV file: its columns (canonical names) and rows as dicts with a row number."""

    name: str
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]]
    problems: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)   # header cells not in the known columns

    def bad(self, row: int, column: str | None, message: str) -> None:
        where = f"row {row}" + (f", column '{column}'" if column else "")
        self.problems.append(f"{where}: {message}")

    def raise_if_bad(self) -> None:
        if self.problems:
            n = len(self.problems)
            body = "\n".join(f"  {self.name}: {p}" for p in self.problems[:50])
            more = f"\n  … and {n - 50} more" if n > 50 else ""
            raise InvalidInput(
                f"The file {self.name} has {n} problem{'s' if n != 1 else ''}; nothing was "
                f"imported. Correct the file and import it again:\n{body}{more}",
                f"Filen {self.name} har {n} problem{'er' if n != 1 else ''}; intet er "
                f"importeret. Ret filen, og importér den igen:\n{body}{more}",
            )


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
                f"The file {shown} is {size // 1_000_000} MB; a spreadsheet for nybureau holds at "
                f"most {MAX_BYTES // 1_000_000} MB. Split it, or import only what is needed.",
                f"Filen {shown} fylder {size // 1_000_000} MB; et regneark til nybureau må højst "
                f"fylde {MAX_BYTES // 1_000_000} MB. Del det op, eller importér kun det nødvendige.")
        raw = p.read_bytes()
    except FileNotFoundError:
        raise NotFound(f"The file {shown} does not exist.", f"Filen {shown} findes ikke.") from None
    except OSError as exc:
        raise InvalidInput(f"The file {shown} cannot be read: {exc.strerror or exc}.",
                           f"Filen {shown} kan ikke læses: {exc.strerror or exc}.") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(
            f"The file {p} is not UTF-8 text. In Excel choose “Save as” → “CSV UTF-8 "
            "(comma delimited)” and import that file.",
            f"Filen {p} er ikke UTF-8-tekst. Vælg i Excel «Gem som» → «CSV UTF-8 "
            "(kommasepareret)», og importér den fil.",
        ) from None
    first = next((ln.strip() for ln in text.split("\n") if ln.strip()), "")
    skipped = 0
    if first.lower().startswith("sep=") and len(first) == 5:
        # Excel's separator hint: Excel reads it and does not show it as a row
        delimiter = first[4]
        text = text.split(first, 1)[1].split("\n", 1)[1] if "\n" in text else ""
    else:
        delimiter = ";" if first.count(";") > first.count(",") else ","
    sheet = Sheet(p.name, [], [])
    records = _records(sheet, text, delimiter)
    while records and not any(c.strip() for c in records[0]):
        records.pop(0)
        skipped += 1
    if not records:
        sheet.bad(1, None, "the file is empty; the first row must name the columns")
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
                      + ", ".join(columns))
            index.append(None)
            continue
        if canon in sheet.columns:
            sheet.bad(1 + skipped, cell.strip(), f"the column '{canon}' appears twice")
        sheet.columns.append(canon)
        index.append(canon)
    for col in required:
        if col not in sheet.columns:
            sheet.bad(1 + skipped, col, "this column is required and missing")
    sheet.raise_if_bad()
    for number, record in enumerate(records[1:], start=2 + skipped):
        if not any(c.strip() for c in record):
            continue
        if len(record) > len(header) and any(c.strip() for c in record[len(header):]):
            sheet.bad(number, None, f"{len(record)} cells but the header has {len(header)} "
                      f"columns (is the separator '{delimiter}' used inside a value without "
                      "quotes?)")
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
        sheet.bad(2, None, "the file has a header but no rows")
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
                          "characters (is a quote (\") not closed?)")
            elif "end of data" in message or "EOF" in message:
                lax = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
                head = next((r for r in lax if any(c.strip() for c in r)), [])
                at = len(lax[-1]) - 1 if lax else -1
                column = head[at].strip() or None if 0 <= at < len(head) else None
                sheet.bad(len(out) + 1, column, "a quote (\") opens a value that is never "
                          "closed, so the rest of the file would be read as this one cell; "
                          "close it or remove it")
            elif strict:
                return None
            else:
                sheet.bad(len(out) + 1, None, f"cannot be read as CSV ({message})")
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
        en = why.split("|")[0]
        if c in "\r\n" and not multiline:
            sheet.bad(number, column, "the value spans several lines; it must be one line "
                      "(is a quote (\") not closed?)")
        else:
            sheet.bad(number, column, f"contains {en} (U+{ord(c):04X}, at character {i + 1}); "
                      "remove it")
        return False
    return True


def cell_date(sheet: Sheet, number: int, column: str, value: str) -> date | None:
    """ISO (2017-10-12) or Danish (12-10-2017, 12.10.2017) dates, in the years nybureau
    accepts (see services.common.DATE_MIN and DATE_MAX)."""
    from nybureau.services.common import DATE_MAX, DATE_MIN

    found = None
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
                  f"({DATE_MIN.year}–{DATE_MAX.year}); check the year")
        return None
    if found is not None:
        return found
    sheet.bad(number, column, f"'{value}' is not a date; write 2017-10-12 or 12-10-2017")
    return None


def cell_word(sheet: Sheet, number: int, column: str, value: str, table, parse, listing: str,
              allowed: set[str] | None = None) -> Any:
    key = parse(table, value)
    if key is None or (allowed is not None and key not in allowed):
        sheet.bad(number, column, f"'{value}' is not one of: {listing}")
        return None
    return key
