"""YAML parsed with line numbers kept, so every validation problem can say ``file:line``.

PyYAML's composer gives nodes with marks; this turns them into dicts and lists that remember the
line of each key and item, and reports duplicate keys (which plain ``yaml.safe_load`` silently
drops).
"""

from __future__ import annotations

from typing import Any

from nybureau.errors import Problem


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


def parse(text: str, file: str) -> tuple[Any, list[Problem]]:
    """Parse YAML text; return the data (with lines) and the problems found while parsing."""
    import yaml

    problems: list[Problem] = []
    try:
        loader = yaml.SafeLoader(text)  # the reader refuses control characters right here
    except yaml.YAMLError as exc:
        line = exc.position and text.count("\n", 0, exc.position) + 1 if isinstance(
            exc, yaml.reader.ReaderError) else 1
        problems.append(Problem(file, line or 1, f"not valid YAML text: {exc}"))
        return None, problems
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problems.append(Problem(file, line, f"not valid YAML: {exc.problem or exc}"))
        return None, problems
    except yaml.YAMLError as exc:
        problems.append(Problem(file, 1, f"not valid YAML: {exc}"))
        return None, problems
    finally:
        loader.dispose()
    if node is None:
        return None, problems

    def convert(n: Any) -> Any:
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
                        Problem(file, key_node.start_mark.line + 1, f"key {key!r} must be text")
                    )
                    continue
                key = str(key)
                if key in out:
                    problems.append(
                        Problem(file, key_node.start_mark.line + 1, f"duplicate key '{key}'")
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
            problems.append(Problem(file, n.start_mark.line + 1, f"bad value: {exc}"))
            return None

    return convert(node), problems


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
