"""The programmes of the method's days — the seminar on a common language of governance, the
three teaching modules, the prioritisation workshop and a learning meeting (*læringsmøde*): their
blocks with length, aim, exercise and dialogue questions, as data a municipality can adapt.

The built-in programmes are ``workflows/programmes/<workflow id>.yaml`` (the Nybureaukratisering
one for a workflow without its own file). A municipality copies the file, changes it and names
the copy with ``NYBUREAU_PROGRAMMES``; a programme the copy leaves out is taken from the
built-in file. Every problem is reported as ``file:line: message`` and nothing is rendered.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nybureau.errors import Problem, ProgrammeError
from nybureau.workflow.located import LList, LMap, line_of, parse, size_problem, type_name

__all__ = ["NAMES", "ENV_VAR", "Block", "Programme", "load_text", "programme", "clock",
           "parse_clock"]

ENV_VAR = "NYBUREAU_PROGRAMMES"
DEFAULT = "nybureaukratisering"
#: the programmes a file may hold
NAMES = ("seminar", "module_1", "module_2", "module_3", "workshop", "learning_meeting")
_PROGRAMME_KEYS = {"start", "blocks"}
_BLOCK_KEYS = {"minutes", "title", "responsible", "aim", "exercise", "questions", "break"}
_CLOCK = re.compile(r"^([01]?\d|2[0-3])[.:]([0-5]\d)$")

Label = dict[str, str]


@dataclass(frozen=True)
class Block:
    minutes: int
    title: Label
    responsible: Label
    aim: Label
    exercise: Label
    questions: tuple[Label, ...]
    is_break: bool


@dataclass(frozen=True)
class Programme:
    name: str
    start: int | None  # minutes after midnight of the first block; None: times count from 0.00
    blocks: tuple[Block, ...]
    file: str

    @property
    def minutes(self) -> int:
        return sum(b.minutes for b in self.blocks)


def parse_clock(value: str) -> int | None:
    """``"9.00"`` or ``"09:30"`` → minutes after midnight; None when it is not a time of day."""
    m = _CLOCK.match(value.strip()) if isinstance(value, str) else None
    return int(m.group(1)) * 60 + int(m.group(2)) if m else None


def clock(minutes: int) -> str:
    """Minutes → the Danish way to write a time of day or a duration: ``9.00``, ``13.45``."""
    return f"{minutes // 60}.{minutes % 60:02d}"


def _text(problems: list[Problem], file: str, container: Any, key: str, what: str,
          required: bool = False) -> Label:
    value = container.get(key)
    line = line_of(container, key)
    if value is None:
        if required:
            problems.append(Problem(file, getattr(container, "line", 1),
                                    f"{what} is missing '{key}'"))
        return {}
    if isinstance(value, str) and value.strip():
        return {"da": value.strip(), "en": value.strip()}
    if isinstance(value, dict):
        out = {}
        for lang, txt in value.items():
            if lang not in ("da", "en"):
                problems.append(Problem(file, line_of(value, lang), f"{what}: '{key}' has "
                                        f"unknown language '{lang}' (use da and en)"))
            elif not isinstance(txt, str) or not txt.strip():
                problems.append(Problem(file, line_of(value, lang),
                                        f"{what}: '{key}.{lang}' must be non-empty text"))
            else:
                out[lang] = txt.strip()
        if out:
            out.setdefault("da", out.get("en", ""))
            out.setdefault("en", out["da"])
        elif required:
            problems.append(Problem(file, line, f"{what}: '{key}' needs a Danish (da) or "
                                    "English (en) text"))
        return out
    problems.append(Problem(file, line, f"{what}: '{key}' must be text or a mapping of da/en "
                            f"texts, not {type_name(value)}"))
    return {}


def _block(problems: list[Problem], file: str, raw: Any, what: str) -> Block | None:
    if not isinstance(raw, LMap):
        problems.append(Problem(file, getattr(raw, "line", 1),
                                f"{what} must be a mapping, not {type_name(raw)}"))
        return None
    for key in raw:
        if key not in _BLOCK_KEYS:
            problems.append(Problem(file, raw.line_of(key), f"{what}: unknown key '{key}' "
                                    f"(allowed: {', '.join(sorted(_BLOCK_KEYS))})"))
    minutes = raw.get("minutes")
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= 600:
        problems.append(Problem(file, line_of(raw, "minutes") if "minutes" in raw else raw.line,
                                f"{what}: 'minutes' must be a whole number of minutes from 1 "
                                f"to 600 (got {minutes!r})"))
        minutes = None
    brk = raw.get("break", False)
    if not isinstance(brk, bool):
        problems.append(Problem(file, line_of(raw, "break"),
                                f"{what}: 'break' must be true or false"))
        brk = False
    questions: list[Label] = []
    qs = raw.get("questions", [])
    if not isinstance(qs, list):
        problems.append(Problem(file, line_of(raw, "questions"),
                                f"{what}: 'questions' must be a list"))
        qs = []
    for i, _q in enumerate(qs):
        holder = LMap({"q": qs[i]})
        holder.key_lines = {"q": qs.line_of(i) if isinstance(qs, LList) else raw.line}
        holder.line = holder.key_lines["q"]
        q = _text(problems, file, holder, "q", f"{what}, question {i + 1}", required=True)
        if q:
            questions.append(q)
    title = _text(problems, file, raw, "title", what, required=True)
    block = Block(minutes=minutes or 0, title=title,
                  responsible=_text(problems, file, raw, "responsible", what),
                  aim=_text(problems, file, raw, "aim", what),
                  exercise=_text(problems, file, raw, "exercise", what),
                  questions=tuple(questions), is_break=brk)
    return block if minutes and title else None


def load_text(source: str, file: str = "<programmes>") -> dict[str, Programme]:
    """Validate a programme file's YAML text: name → :class:`Programme`; raise
    :class:`ProgrammeError` listing every problem with its line."""
    data, problems = parse(source, file)
    out: dict[str, Programme] = {}
    if data is None and not problems:
        problems.append(Problem(file, 1, "the file is empty"))
    if data is not None and (not isinstance(data, LMap) or set(data) != {"programmes"}):
        problems.append(Problem(file, getattr(data, "line", 1) or 1,
                                "a programme file is a mapping with the one key 'programmes'"))
    elif data is not None:
        progs = data["programmes"]
        if not isinstance(progs, LMap):
            problems.append(Problem(file, data.line_of("programmes"),
                                    "'programmes' must be a mapping of programme names"))
            progs = LMap()
            progs.key_lines = {}
        for name, raw in progs.items():
            line = progs.line_of(name)
            what = f"programme '{name}'"
            if name not in NAMES:
                problems.append(Problem(file, line, f"unknown programme '{name}' (allowed: "
                                        f"{', '.join(NAMES)})"))
                continue
            if not isinstance(raw, LMap):
                problems.append(Problem(file, line, f"{what} must be a mapping"))
                continue
            for key in raw:
                if key not in _PROGRAMME_KEYS:
                    problems.append(Problem(file, raw.line_of(key), f"{what}: unknown key "
                                            f"'{key}' (allowed: blocks, start)"))
            start = None
            if "start" in raw:
                start = parse_clock(raw["start"]) if isinstance(raw["start"], str) else None
                if start is None:
                    problems.append(Problem(file, raw.line_of("start"), f"{what}: 'start' must "
                                            "be a time of day written as text, like \"9.00\""))
            blocks_raw = raw.get("blocks")
            if not isinstance(blocks_raw, LList) or not blocks_raw:
                problems.append(Problem(file, raw.line_of("blocks") if "blocks" in raw else line,
                                        f"{what} needs 'blocks': a list of at least one block"))
                continue
            blocks = [_block(problems, file, b, f"{what}, block {i + 1}")
                      for i, b in enumerate(blocks_raw)]
            total = sum(b.minutes for b in blocks if b)
            if start is not None and start + total > 24 * 60:
                problems.append(Problem(file, raw.line_of("start"), f"{what} runs past midnight "
                                        f"({clock(start)} and {total} minutes)"))
            out[name] = Programme(name=name, start=start,
                                  blocks=tuple(b for b in blocks if b), file=file)
    if problems:
        raise ProgrammeError(problems)
    return out


_CACHE: dict[tuple[str, float, int], dict[str, Programme]] = {}


def _load(path: Path) -> dict[str, Programme]:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise ProgrammeError([Problem(str(path), 1, "the programme file does not exist")])
    key = (str(path), st.st_mtime, st.st_size)
    if key not in _CACHE:
        big = size_problem(st.st_size)
        if big:
            raise ProgrammeError([Problem(str(path), 1, big)])
        _CACHE[key] = load_text(path.read_text(encoding="utf-8"), str(path))
    return _CACHE[key]


def _builtin(workflow_id: str) -> dict[str, Programme]:
    from nybureau.resources import data_dir

    folder = data_dir("workflows") / "programmes"
    own = folder / f"{workflow_id}.yaml"
    return _load(own if own.is_file() else folder / f"{DEFAULT}.yaml")


def programme(workflow_id: str, name: str) -> Programme | None:
    """The programme ``name`` for a project of ``workflow_id``: the municipality's own file
    (``NYBUREAU_PROGRAMMES``) when it has one of that name, else the built-in one."""
    own = os.environ.get(ENV_VAR)
    if own:
        mine = _load(Path(own).expanduser())
        if name in mine:
            return mine[name]
    return _builtin(workflow_id).get(name)
