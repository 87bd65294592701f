"""The limits on user templates, and the sandboxed environment they run in.

The built-in templates are trusted and run without any of this. As soon as a user folder is in
the chain every template runs in :class:`Sandbox` (Jinja2's sandbox, extended only through its
public hooks ``call``, ``call_binop`` and ``intercepted_binops``, and an extension that passes
every loop's rows through a filter), and :func:`render` writes the document piece by piece:

- a render may take at most ``NYBUREAU_TEMPLATE_TIMEOUT`` seconds (default 10), checked in
  every loop and call and as the document is written;
- it may write at most ``NYBUREAU_TEMPLATE_MAX_OUTPUT`` megabytes of text (default 50);
- ``range()`` gives at most 100 000 numbers at a time and a million in one render, ``*`` may
  not repeat a text beyond the output limit or a list beyond a million items, ``**`` may not
  make a number of more than 4 000 bits, and padding a text (``center``, ``ljust``,
  ``indent`` …) is held to the output limit;
- a template found outside its folder (a symbolic link, ``..``) is refused.

A limit that is passed raises :class:`OverBudget` (or :class:`OutsideFolder`), which
:mod:`nybureau.rendering.templating` turns into the RenderError that names the template.
"""

from __future__ import annotations

import os
import time
from contextvars import ContextVar
from typing import Any

from nybureau.errors import RenderError
from nybureau.i18n import Msg

# -- limits on user templates (see the module notes) -------------------------------------------
TIMEOUT_VAR = "NYBUREAU_TEMPLATE_TIMEOUT"  # seconds
MAX_OUTPUT_VAR = "NYBUREAU_TEMPLATE_MAX_OUTPUT"  # megabytes of text
DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_OUTPUT = 50.0
MAX_RANGE = 100_000  # numbers from one range()
MAX_RANGE_TOTAL = 1_000_000  # numbers from every range() of one render
MAX_ITEMS = 1_000_000  # items of a list or tuple made with *
MAX_POWER_BITS = 4_000  # bits of a number made with **


class OverBudget(Exception):
    """A user template went past one of its limits; ``kind`` is "time", "output" or "size"."""

    def __init__(self, kind: str, detail: str = "", detail_da: str = "") -> None:
        super().__init__(detail or kind)
        self.kind, self.detail, self.detail_da = kind, detail, detail_da or detail


class OutsideFolder(Exception):
    """A user template that resolves outside its templates folder."""

    def __init__(self, name: str, where: str) -> None:
        super().__init__(name)
        self.name, self.where = name, where


def _number(var: str, default: float) -> float:
    value = os.environ.get(var)
    if not value:
        return default
    try:
        number = float(value.strip().replace(",", "."))
    except ValueError:
        number = -1.0
    if not number > 0 or number != number or number == float("inf"):
        raise RenderError(
            Msg("{var} must be a positive number (it is '{value}').", var=var, value=value[:40]))
    return number


class Budget:
    """The limits of one render of a user template (the current one is in ``BUDGET``)."""

    __slots__ = ("timeout", "deadline", "max_output", "ranges", "calls")

    def __init__(self) -> None:
        self.timeout = _number(TIMEOUT_VAR, DEFAULT_TIMEOUT)
        self.max_output = int(_number(MAX_OUTPUT_VAR, DEFAULT_MAX_OUTPUT) * 1024 * 1024)
        self.deadline = time.monotonic() + self.timeout
        self.ranges = 0
        self.calls = 0

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise OverBudget("time")

    def size(self, n: int) -> None:
        if n > self.max_output:
            mb = f"{self.max_output / (1024 * 1024):g}"
            raise OverBudget("size", f"a text of {n} characters; at most {mb} MB, see "
                             f"{MAX_OUTPUT_VAR}", f"en tekst på {n} tegn; højst {mb} MB, se "
                             f"{MAX_OUTPUT_VAR}")


BUDGET: ContextVar[Budget | None] = ContextVar("nybureau_template_budget", default=None)


def budget_iter(iterable):
    """A loop's rows in the sandbox, with the time checked every 512 rows."""
    budget = BUDGET.get()
    if budget is None:
        yield from iterable
        return
    n = 0
    for row in iterable:
        n += 1
        if not n & 511:
            budget.tick()
        yield row


def budget_range(*args):
    """``range()`` in the sandbox: at most MAX_RANGE numbers, MAX_RANGE_TOTAL in one render."""
    rng = range(*args)
    if len(rng) > MAX_RANGE:
        raise OverBudget("size", f"range() of {len(rng)} numbers; at most {MAX_RANGE}",
                         f"range() med {len(rng)} tal; højst {MAX_RANGE}")
    budget = BUDGET.get()
    if budget is not None:
        budget.ranges += len(rng)
        if budget.ranges > MAX_RANGE_TOTAL:
            raise OverBudget("size", f"more than {MAX_RANGE_TOTAL} numbers from range() in "
                             "one document", f"mere end {MAX_RANGE_TOTAL} tal fra range() i ét "
                             "dokument")
        budget.tick()
    return rng


def check_binop(operator: str, left, right) -> None:
    """``*`` (repetition) and ``**`` in the sandbox, before Python makes the result."""
    budget = BUDGET.get()
    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, (str, list, tuple, bytes)) and isinstance(times, int):
                n = len(seq) * times
                if isinstance(seq, (list, tuple)):
                    if n > MAX_ITEMS:
                        raise OverBudget("size", f"a list of {n} items; at most {MAX_ITEMS}",
                                         f"en liste med {n} elementer; højst {MAX_ITEMS}")
                elif budget is not None:
                    budget.size(n)
                elif n > DEFAULT_MAX_OUTPUT * 1024 * 1024:
                    raise OverBudget("size", f"a text of {n} characters; at most "
                                     f"{DEFAULT_MAX_OUTPUT:g} MB", f"en tekst på {n} tegn; "
                                     f"højst {DEFAULT_MAX_OUTPUT:g} MB")
    elif operator == "**" and isinstance(left, int) and isinstance(right, int):
        if right > 0 and abs(left) > 1 and abs(left).bit_length() * right > MAX_POWER_BITS:
            bits = abs(left).bit_length() * right
            raise OverBudget("size", f"a number of about {bits} bits; at most {MAX_POWER_BITS}",
                             f"et tal på omkring {bits} bit; højst {MAX_POWER_BITS}")


# text methods whose result is as long as one of their whole-number arguments
_PADDING = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})


def check_call(obj, args) -> None:
    budget = BUDGET.get()
    if budget is None:
        return
    budget.calls += 1
    if not budget.calls & 63:
        budget.tick()
    if getattr(obj, "__name__", None) in _PADDING and isinstance(getattr(obj, "__self__", None),
                                                                 str):
        for a in args:
            if isinstance(a, int):
                n = a * (len(obj.__self__) if obj.__name__ == "expandtabs" else 1)
                budget.size(n)


def bounded_filter(env, name: str, width_arg: int, multiply: bool = False) -> None:
    """A built-in filter whose width argument (``center(80)``, ``indent(4)``) is held to the
    output limit."""
    original = env.filters[name]

    def bounded(value, *args, **kwargs):
        budget = BUDGET.get()
        width = args[width_arg] if len(args) > width_arg else kwargs.get("width")
        if budget is not None and isinstance(width, int):
            n = width * (str(value).count("\n") + 1 if multiply else 1)
            budget.size(n)
        return original(value, *args, **kwargs)

    bounded.__name__ = original.__name__
    for attr in ("jinja_pass_arg",):
        if hasattr(original, attr):
            setattr(bounded, attr, getattr(original, attr))
    env.filters[name] = bounded


def confined_loader(folder: str):
    """A FileSystemLoader for a user's folder that refuses a template whose file is outside the
    folder (a symbolic link that points out of it, a name with ``..`` or an absolute path)."""
    from jinja2 import FileSystemLoader

    class Confined(FileSystemLoader):
        def get_source(self, environment, template):
            parts = template.replace("\\", "/").split("/")
            if ".." in parts or template.startswith("/"):
                raise OutsideFolder(template, template)
            source, filename, uptodate = super().get_source(environment, template)
            root = os.path.realpath(folder)
            real = os.path.realpath(filename)
            if os.path.commonpath([root, real]) != root:
                raise OutsideFolder(template, real)
            return source, filename, uptodate

    return Confined(folder)


#: the filter every loop's rows pass through in the sandbox (see :class:`LoopRows`)
ROWS_FILTER = "nybureau_rows"
_OPEN = frozenset({"lparen", "lbracket", "lbrace"})
_CLOSE = frozenset({"rparen", "rbracket", "rbrace"})


def _loop_rows_extension():
    from jinja2.ext import Extension
    from jinja2.lexer import Token

    class LoopRows(Extension):
        """``{% for x in EXPR %}`` is read as ``{% for x in (EXPR)|nybureau_rows %}``, so that
        a loop's rows pass :func:`budget_iter` (its time check): a loop in a loop in a loop
        that writes nothing and calls nothing could otherwise run for hours."""

        def filter_stream(self, stream):
            tokens = list(stream)
            out: list[Any] = []
            i, n = 0, len(tokens)
            while i < n:
                tok = tokens[i]
                out.append(tok)
                i += 1
                if not (tok.type == "name" and tok.value == "for" and len(out) > 1
                        and out[-2].type == "block_begin"):
                    continue
                at_in = _find(tokens, i, lambda t: t.type == "name" and t.value == "in")
                if at_in is None:
                    continue  # a syntax error: Jinja2's parser reports it
                end = _find(tokens, at_in + 1, lambda t: t.type == "block_end" or (
                    t.type == "name" and t.value in ("if", "recursive")))
                if end is None:
                    continue
                line = tokens[at_in].lineno
                out.extend(tokens[i:at_in + 1])
                out.append(Token(line, "lparen", "("))
                out.extend(tokens[at_in + 1:end])
                out += [Token(line, "rparen", ")"), Token(line, "pipe", "|"),
                        Token(line, "name", ROWS_FILTER)]
                i = end
            return iter(out)

    return LoopRows


def _find(tokens: list, start: int, wanted) -> int | None:  # noqa: ANN001
    """The index of the first token from ``start`` outside brackets that is ``wanted``, or
    None when the statement (``block_end``) ends first."""
    depth = 0
    for j in range(start, len(tokens)):
        t = tokens[j]
        if t.type in _OPEN:
            depth += 1
        elif t.type in _CLOSE:
            depth -= 1
        elif depth <= 0 and wanted(t):
            return j
        elif t.type == "block_end":
            return None
    return None


_SANDBOX = None


def sandbox_class():
    """Jinja2's SandboxedEnvironment with the limits above in its public hooks (made once)."""
    global _SANDBOX
    if _SANDBOX is None:
        from jinja2.sandbox import SandboxedEnvironment

        class Sandbox(SandboxedEnvironment):
            intercepted_binops = frozenset({"*", "**"})

            def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja2's
                check_call(__obj, args)
                return super().call(__context, __obj, *args, **kwargs)

            def call_binop(self, context, operator, left, right):  # noqa: ANN001
                check_binop(operator, left, right)
                return super().call_binop(context, operator, left, right)

        _SANDBOX = Sandbox
    return _SANDBOX


def limit(env: Any) -> None:
    """The limits of ``env``, a :class:`Sandbox` just made: ``range()``, the padding filters,
    and the filter of every loop's rows."""
    env.add_extension(_loop_rows_extension())
    env.globals["range"] = budget_range
    env.filters[ROWS_FILTER] = budget_iter
    bounded_filter(env, "center", 0)
    bounded_filter(env, "indent", 0, multiply=True)


def render(template: Any, context: dict[str, Any]) -> str:
    """``template.render(context)`` piece by piece, holding the current budget's size and
    time limits as the document grows."""
    budget = BUDGET.get()
    if budget is None:
        return template.render(context)
    parts: list[str] = []
    size, n = 0, 0
    for piece in template.generate(context):
        size += len(piece)
        if size > budget.max_output:
            raise OverBudget("output")
        parts.append(piece)
        n += 1
        if not n & 255:
            budget.tick()
    return "".join(parts)
