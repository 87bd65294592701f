"""Rendering many documents at once (``render all``, the demo): everything is rendered in memory
first and written only when every document succeeded, so a broken template writes nothing; the
files are then written all or nothing (:mod:`nybureau.fsio`), so a full disk writes nothing
either."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Callable

from nybureau.i18n import Msg
from nybureau.rendering import file_name, render


def render_payloads(datas: list[dict[str, Any]], out_dir: Path, formats: list[str],
                    templates: str | None = None, on_each: Callable[[], Any] | None = None,
                    sources: bool = False) -> tuple[list[tuple[Path, str, str, bytes]], dict[str, float]]:
    """Render each document's data in each format, in memory: (path, document, format, bytes)
    for each file, and the seconds spent rendering per format. ``on_each`` is called after each
    file (the CLI's progress bar)."""
    timings = {fmt: 0.0 for fmt in formats}
    rendered: list[tuple[Path, str, str, bytes]] = []
    for data in datas:
        for fmt in formats:
            started = time.perf_counter()
            payload = render(data, fmt, templates, sources)
            timings[fmt] += time.perf_counter() - started
            rendered.append((out_dir / file_name(data, fmt), data["doc"]["name"], fmt, payload))
            if on_each is not None:
                on_each()
    return rendered, timings


def write_rendered(rendered: list[tuple[Path, str, str, bytes]]) -> list[dict[str, Any]]:
    """Write rendered files all or nothing; returns the files written (path, document, format,
    bytes)."""
    from nybureau.fsio import write_files

    names = [p for p, *_ in rendered]
    if len(set(names)) != len(names):
        dupes = sorted({str(p) for p in names if names.count(p) > 1})
        from nybureau.errors import RenderError

        raise RenderError(Msg("Two documents would get the same file name: {dupes}; "
                              "nothing was written.", dupes=', '.join(dupes)))
    write_files([(path, payload) for path, _, _, payload in rendered])
    return [{"path": path, "document": name, "format": fmt, "bytes": len(payload)}
            for path, name, fmt, payload in rendered]


def render_many(datas: list[dict[str, Any]], out_dir: Path, formats: list[str],
                templates: str | None = None, on_each: Callable[[], Any] | None = None,
                sources: bool = False) -> tuple[list[dict[str, Any]], dict[str, float]]:
    """Render each document's data in each format into ``out_dir``. Returns the files written
    (path, document, format, bytes) and the seconds spent rendering per format."""
    rendered, timings = render_payloads(datas, out_dir, formats, templates, on_each, sources)
    return write_rendered(rendered), timings
