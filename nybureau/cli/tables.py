"""Tables and progress for the CLI: every table fits the console (80 columns when the output is
not a terminal, unless COLUMNS says otherwise), long text is cut with "…", dates and ids are
never cut, and ``--wide`` adds the columns that only fit a wide terminal. ``show`` commands wrap
their text instead (:func:`wrap`). Long work shows a progress bar on stderr when stderr is a
terminal (:func:`progress`), and nothing in a pipe or under a test runner.

This module imports rich only inside the functions that need it, so that ``status`` (plain
click output) can use :func:`console_width` and :func:`fit` without rich's start-up cost."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from typing import Any, Iterable, Iterator, Sequence

#: The width a table is laid out for when the output is not a terminal and COLUMNS is unset.
DEFAULT_WIDTH = 80


def console_width() -> int:
    """The real terminal width when stdout is a terminal; else COLUMNS when set; else 80."""
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        env = int(columns)
    else:
        env = None
    try:
        if sys.stdout.isatty():
            return os.get_terminal_size(sys.stdout.fileno()).columns or env or DEFAULT_WIDTH
    except (AttributeError, ValueError, OSError):
        pass
    return env or DEFAULT_WIDTH


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal cells with "…" when longer (a plain-text cell)."""
    from unicodedata import east_asian_width

    def cells(ch: str) -> int:
        return 2 if east_asian_width(ch) in ("W", "F") else 1

    if sum(cells(c) for c in text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        if used + cells(ch) > width - 1:
            break
        out.append(ch)
        used += cells(ch)
    return "".join(out) + "…"


def text_width() -> int | None:
    """The width plain-text lines (``status``, warnings) wrap to: the terminal's, or COLUMNS
    when set; None in a pipe without COLUMNS, where each line stays whole so that a script or
    grep finds a requirement or a warning on one line."""
    try:
        if sys.stdout.isatty():
            return console_width()
    except (AttributeError, ValueError):
        pass
    columns = os.environ.get("COLUMNS", "").strip()
    return int(columns) if columns.isdigit() and int(columns) > 0 else None


def wrap(text: str, width: int | None = None, indent: str = "", subsequent: str | None = None
         ) -> str:
    """Plain text wrapped to :func:`text_width` (``status`` and warnings wrap, never cut); in a
    pipe without COLUMNS it stays one line. ``width``: the room left after a prefix, given as
    ``text_width() - len(prefix)`` by the caller (or None: the whole width)."""
    import textwrap

    if width is None:
        width = text_width()
    if width is None:
        return indent + text
    return "\n".join(textwrap.wrap(text, width=max(width, 20), initial_indent=indent,
                                   subsequent_indent=indent if subsequent is None else subsequent,
                                   break_long_words=True, break_on_hyphens=False)) or indent


class Col:
    """One column. ``kind``: ``id`` (a number or a slug, never cut), ``date`` (never cut),
    ``title`` (cut to one line with "…"), ``text`` (cut with "…"), ``label`` (a short word from
    a vocabulary, cut with "…" if it must), ``number`` (right-aligned, never cut). ``wide``: shown
    only with ``--wide``."""

    __slots__ = ("header", "kind", "wide", "justify", "min_width", "max_width")

    def __init__(self, header: str, kind: str = "text", wide: bool = False,
                 justify: str | None = None, min_width: int | None = None,
                 max_width: int | None = None) -> None:
        self.header, self.kind, self.wide = header, kind, wide
        self.justify, self.min_width, self.max_width = justify, min_width, max_width


def col(header: str, kind: str = "text", wide: bool = False, **kw: Any) -> Col:
    return Col(header, kind, wide, **kw)


class _Table:
    """A rich Table that drops the cells of the columns not shown (``--wide`` ones), puts each
    title and text cell on one line cut with "…", and keeps ids, numbers and dates whole."""

    def __init__(self, table, columns: list[Col], keep: list[bool], cut: bool = True) -> None:
        self.table = table
        self.cut = cut
        self.columns = [c for c, k in zip(columns, keep) if k]
        self.keep = keep

    def add_row(self, *cells: Any, **kwargs: Any) -> None:
        from rich.cells import cell_len
        from rich.text import Text

        shown = []
        for c, column, cell in zip(self.columns, self.table.columns,
                                   (c for c, k in zip(cells, self.keep) if k)):
            text = cell if isinstance(cell, Text) else Text.from_markup(str(cell or ""), emoji=False)
            if c.kind in ("id", "date", "number"):
                longest = max((cell_len(line) for line in text.plain.split("\n")), default=0)
                column.min_width = max(column.min_width or 0, longest)
            elif self.cut:
                text.no_wrap, text.overflow = True, "ellipsis"
            shown.append(text)
        self.table.add_row(*shown, **kwargs)

    def __rich__(self):
        return self.table

    def __getattr__(self, name: str):
        return getattr(self.table, name)


def make_table(columns: Sequence[Col], *, title: str | None = None, wide: bool = False,
               cut: bool = True, **kwargs: Any) -> _Table:
    """A table of ``columns`` for the console: the ``wide`` columns only when ``wide``; each
    cell on one line (titles and texts cut with "…"), ids, numbers and dates whole. Rows are
    added with every column's cell; the cells of hidden columns are dropped. ``cut=False``
    (the tables of ``show`` commands): titles and texts wrap instead of being cut."""
    from rich.table import Table

    keep = [wide or not c.wide for c in columns]
    table = Table(title=title, **kwargs)
    for c, k in zip(columns, keep):
        if not k:
            continue
        fixed = c.kind in ("id", "date", "number")
        table.add_column(c.header, no_wrap=fixed,
                         overflow="ellipsis" if cut or fixed else "fold",
                         justify=c.justify or ("right" if c.kind == "number" else "left"),
                         min_width=c.min_width or (10 if c.kind == "date" else
                                                   None if fixed else
                                                   8 if c.kind == "title" else 3),
                         max_width=c.max_width)
    return _Table(table, list(columns), keep, cut)


def print_show(app, *renderables: Any) -> None:
    """Print what a ``show`` command shows (a panel, a tree, a heading): wrapped to the
    console's width, never cut (the App's console prints soft-wrapped lines, which a panel or a
    tree would crop)."""
    for renderable in renderables:
        app.console.print(renderable, soft_wrap=False)


@contextmanager
def progress(total: int | None, description: str) -> Iterator[Any]:
    """A progress bar on stderr while long work runs, when stderr is a terminal; otherwise (a
    pipe, a log file, a test runner) nothing is shown. Yields ``advance(n=1)``. ``total`` None:
    work whose size is not known beforehand (an import, an export): a running bar with the time
    spent."""
    if not _stderr_is_terminal() or (total is not None and total <= 1):
        yield lambda n=1: None
        return
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                               TimeElapsedColumn)

    counter = MofNCompleteColumn() if total is not None else TimeElapsedColumn()
    with Progress(TextColumn("{task.description}"), BarColumn(), counter,
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=total)
        yield lambda n=1: bar.advance(task, n)


def track(items: Iterable[Any], total: int, description: str) -> Iterator[Any]:
    """Iterate ``items`` with :func:`progress`."""
    with progress(total, description) as advance:
        for item in items:
            yield item
            advance()


def _stderr_is_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False

