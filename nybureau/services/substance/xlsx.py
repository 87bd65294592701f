"""Reading an Excel workbook (.xlsx) as :mod:`nybureau.services.substance.csvfile` reads a CSV
file: the first sheet's rows as text, within the same limits."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nybureau.errors import InvalidInput
from nybureau.i18n import Msg

if TYPE_CHECKING:
    from nybureau.services.substance.csvfile import Sheet


def _cell_text(value: Any) -> str:
    """A workbook cell as the text a CSV file would hold."""
    from datetime import datetime, time

    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime):
        return (value.date().isoformat() if value.time() == time(0)
                else value.strftime("%Y-%m-%d %H:%M"))
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def xlsx_records(sheet: Sheet, p: Path, shown: str, *, max_rows: int, max_cell: int,
                 max_unpacked: int) -> list[list[str]]:
    """The rows of an .xlsx file's first sheet, as text, within the CSV limits (the caller's:
    :mod:`nybureau.services.substance.csvfile`): at most ``max_rows`` rows (and one more, so
    the caller sees there were too many), cells of at most ``max_cell`` characters, and a file
    that unpacks to at most ``max_unpacked`` bytes."""
    import zipfile
    import warnings

    bad_file = InvalidInput(
        Msg("The file {shown} looks like an Excel workbook but cannot be read as one. Open it in "
            "Excel, choose “Save as” → “Excel Workbook (.xlsx)” and import that file.",
            shown=shown))
    try:
        with zipfile.ZipFile(p) as z:
            unpacked = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, OSError):
        raise bad_file from None
    if unpacked > max_unpacked:
        raise InvalidInput(
            Msg("The workbook {shown} unpacks to {unpacked} MB; a spreadsheet for "
                "nybureau holds at most {max_unpacked} MB unpacked. Split it, or "
                "import only what is needed.", shown=shown, unpacked=unpacked // 1000000,
                max_unpacked=max_unpacked // 1000000))
    try:
        import openpyxl

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")   # openpyxl warns of styles it does not know
            book = openpyxl.load_workbook(p, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise bad_file from None
    try:
        ws = book.worksheets[0] if book.worksheets else None
        out: list[list[str]] = []
        if ws is None:
            return out
        for values in ws.iter_rows(values_only=True):
            if len(out) > max_rows + 1:
                break
            record = [_cell_text(v) for v in values]
            while record and record[-1] == "":
                record.pop()
            for cell in record:
                if len(cell) > max_cell:
                    sheet.bad(len(out) + 1, None, f"a cell is longer than {max_cell} characters",
                              f"en celle er længere end {max_cell} tegn")
                    sheet.raise_if_bad()
            out.append(record)
        return out
    finally:
        book.close()
