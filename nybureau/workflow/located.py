"""YAML parsed with line numbers kept, so every validation problem can say ``file:line``.

PyYAML's composer gives nodes with marks; this turns them into dicts and lists that remember the
line of each key and item, and reports duplicate keys (which plain ``yaml.safe_load`` silently
drops).

It is the one YAML loader for files from users (workflow definitions, scenario files), and it
has limits, so a hostile or broken file is a clear problem at a line, not a minute of work or a
crash: the size of the text (:data:`MAX_BYTES`, per kind of file), the number of aliases
(``*name``), aliases that contain themselves, how far aliases may expand the document (the
"billion laughs"), and how deep blocks may nest.
"""

from __future__ import annotations

from typing import Any

from nybureau.errors import Problem
from nybureau.i18n import Msg


class LMap(dict):
    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LList(list):
    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


# The largest file of each kind, in bytes (UTF-8). The built-in workflows are about 10 kB and the
# example scenarios about 40 kB; PyYAML's (pure Python) parser reads roughly half a megabyte a
# second, so the largest scenario is still read within seconds.
MAX_BYTES = {"workflow": 1024 * 1024, "scenario": 5 * 1024 * 1024}
MAX_ALIASES = 1000  # ``*name`` references in one file
MAX_EXPANDED = 100_000  # values added by aliases when the document is expanded
MAX_DEPTH = 64  # mappings and lists inside each other


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{n // 1024} kB"


class _Limit(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line, self.message = line, message


def size_problem(size: int, kind: str = "workflow") -> str | None:
    """The problem with a file of ``size`` bytes if files of ``kind`` may not be that large."""
    limit = MAX_BYTES[kind]
    if size <= limit:
        return None
    return (f"the file is too large ({_size(size)}; a {kind} file may be at most "
            f"{_size(limit)})")


def too_big(text: str, kind: str = "workflow") -> str | None:
    """The problem with a text larger than files of ``kind`` may be, or None."""
    if len(text) <= MAX_BYTES[kind] // 4:  # a character is at most four bytes
        return None
    return size_problem(len(text.encode("utf-8", "surrogatepass")), kind)


def check_stored_definition(source: Any, spec_json: Any = None,
                            where: str = "workflow definition") -> None:
    """Refuse to store a workflow definition whose source is larger than a workflow file may be
    (and whose parsed form is more than four times that): every place that stores one (project
    create, workflow migrate, import) goes through here."""
    from nybureau.errors import InvalidInput

    limit = MAX_BYTES["workflow"]
    for value, most in ((source, limit), (spec_json, 4 * limit)):
        if isinstance(value, str) and len(value) > most // 4 and len(
                value.encode("utf-8", "surrogatepass")) > most:
            size = _size(len(value.encode("utf-8", "surrogatepass")))
            raise InvalidInput(
                Msg("The {where} is too large to store ({size}; a workflow definition may be at "
                    "most {size_2}). Nothing was saved.", where=where, size=size,
                    size_2=_size(limit)))


def _loader_class():
    import yaml

    class Loader(yaml.SafeLoader):
        """PyYAML's safe loader that counts aliases, refuses an alias inside its own anchor,
        and limits nesting while the document is composed (PyYAML's composer is recursive)."""

        def __init__(self, stream) -> None:
            super().__init__(stream)
            self.nb_aliases = 0
            self.nb_nodes = 0
            self.nb_open: list[str | None] = []  # anchors of the blocks being composed

        def compose_node(self, parent, index):
            event = self.peek_event()
            line = event.start_mark.line + 1 if event.start_mark else 1
            if isinstance(event, yaml.AliasEvent):
                self.nb_aliases += 1
                if self.nb_aliases > MAX_ALIASES:
                    raise _Limit(line, f"more than {MAX_ALIASES} aliases (*name); write the "
                                 "values out instead")
                if event.anchor in self.nb_open:
                    raise _Limit(line, f"the alias *{event.anchor} is inside its own anchor "
                                 f"&{event.anchor} (a value that contains itself)")
                return super().compose_node(parent, index)
            self.nb_nodes += 1
            if len(self.nb_open) >= MAX_DEPTH:
                raise _Limit(line, f"nested more than {MAX_DEPTH} levels deep")
            self.nb_open.append(getattr(event, "anchor", None))
            try:
                return super().compose_node(parent, index)
            finally:
                self.nb_open.pop()

    return Loader


_LOADER = None


def parse(text: str, file: str, kind: str = "workflow") -> tuple[Any, list[Problem]]:
    """Parse YAML text; return the data (with lines) and the problems found while parsing.
    ``kind`` ("workflow" or "scenario") sets the largest text allowed."""
    global _LOADER
    import yaml

    problems: list[Problem] = []
    big = too_big(text, kind)
    if big:
        return None, [Problem(file, 1, big)]
    if _LOADER is None:
        _LOADER = _loader_class()
    try:
        loader = _LOADER(text)  # the reader refuses control characters right here
    except yaml.YAMLError as exc:
        line = exc.position and text.count("\n", 0, exc.position) + 1 if isinstance(
            exc, yaml.reader.ReaderError) else 1
        problems.append(Problem(file, line or 1, Msg("not valid YAML text: {reason}",
                                                     reason=str(exc))))
        return None, problems
    try:
        node = loader.get_single_node()
    except _Limit as exc:
        problems.append(Problem(file, exc.line, exc.message))
        return None, problems
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problems.append(Problem(file, line, Msg("not valid YAML: {reason}",
                                                reason=str(exc.problem or exc))))
        return None, problems
    except yaml.YAMLError as exc:
        problems.append(Problem(file, 1, Msg("not valid YAML: {reason}", reason=str(exc))))
        return None, problems
    finally:
        loader.dispose()
    if node is None:
        return None, problems
    budget = [loader.nb_nodes + MAX_EXPANDED]

    def convert(n: Any) -> Any:
        budget[0] -= 1
        if budget[0] < 0:
            raise _Limit(n.start_mark.line + 1, "its aliases expand to more than "
                         f"{MAX_EXPANDED} values (an alias of an alias of …); write the values "
                         "out instead")
        if isinstance(n, yaml.MappingNode):
            out = LMap()
            out.line = n.start_mark.line + 1
            out.key_lines = {}
            for key_node, value_node in n.value:
                try:
                    key = loader.construct_object(key_node, deep=True)
                except yaml.YAMLError as exc:
                    problems.append(Problem(file, key_node.start_mark.line + 1, str(exc)))
                    continue
                if not isinstance(key, (str, int)):
                    problems.append(
                        Problem(file, key_node.start_mark.line + 1,
                                Msg("key {key} must be text", key=repr(key)))
                    )
                    continue
                key = str(key)
                if key in out:
                    problems.append(
                        Problem(file, key_node.start_mark.line + 1,
                                Msg("duplicate key '{key}'", key=key))
                    )
                    continue
                out.key_lines[key] = key_node.start_mark.line + 1
                out[key] = convert(value_node)
            return out
        if isinstance(n, yaml.SequenceNode):
            out_list = LList(convert(item) for item in n.value)
            out_list.line = n.start_mark.line + 1
            out_list.item_lines = [item.start_mark.line + 1 for item in n.value]
            return out_list
        try:
            return loader.construct_object(n, deep=True)
        except yaml.YAMLError as exc:
            problems.append(Problem(file, n.start_mark.line + 1, Msg("bad value: {reason}",
                                                                 reason=str(exc))))
            return None

    try:
        return convert(node), problems
    except _Limit as exc:
        return None, problems + [Problem(file, exc.line, exc.message)]


def line_of(container: Any, key: Any, default: int = 1) -> int:
    if isinstance(container, LMap):
        return container.line_of(key)
    if isinstance(container, LList):
        return container.line_of(key)
    return default


def type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__
