"""The Jinja2 environment: the override chain, the sandbox, autoescaping, filters, and template
errors as :class:`~nybureau.errors.RenderError` naming the template file and line.

Look-up order for a template name: the user's folder (``--templates DIR`` or
``NYBUREAU_TEMPLATES``) first, then the built-in templates. ``{% extends "default:agenda.html.j2"
%}`` always reaches the built-in one, so a user template can extend the template it replaces.

The built-in templates ship with the package and are trusted: without a user folder they run in
a plain Jinja2 environment. As soon as a user folder is in the chain, every template (the user's
and the built-in ones it extends or imports) runs in Jinja2's sandbox, so a user template cannot
reach Python internals. ``*.html.j2`` output is autoescaped.

Limits on user templates (the sandbox only; the built-in templates are trusted and run without
them): a render may take at most ``NYBUREAU_TEMPLATE_TIMEOUT`` seconds (default 10) and write at
most ``NYBUREAU_TEMPLATE_MAX_OUTPUT`` megabytes of text (default 50); the time is checked in
every loop and call of the sandbox, the size as the document is written. ``range()`` gives at
most 100 000 numbers at a time and a million in one render, ``*`` may not repeat a text beyond
the output limit or a list beyond a million items, ``**`` may not make a number of more than
4 000 bits, and padding a text (``center``, ``ljust``, ``indent`` …) is held to the output limit.
A template that calls itself without end, needs too much memory or is found outside its folder
(a symbolic link, ``..``) is refused with a message naming it, like any template error.

Speed: the Markdown agenda of ten items renders in about 35 µs once its template is compiled
(Jinja2 as configured out of the box took about 450 µs; the benchmark's hand-written f-string
agenda takes about 25 µs). Every step below keeps the text exactly as Jinja2 and Babel wrote it
(the golden files, tests/unit/test_render_fast.py and tests/unit/test_render_flat.py):

- one environment per language: ``_("Dagsorden", "Agenda")`` with two literal texts is resolved
  when the template is compiled (:func:`_labels_extension`), so the label is template text, not
  a call; ``_`` still works at run time for anything else; the filters know their language;
- ``it.title`` on a plain dict reads the key inline in the compiled template, without a method
  call or a failed attribute look-up; anything else (another object, a missing key, a name that
  is an attribute of ``dict`` such as ``items``) goes through ``environment.getattr`` as before,
  and in the sandbox through its checks; in a loop whose row the body cannot rebind, whether
  the row is a plain dict is checked once per row;
- at the top level of a template an output line is yielded once, not once per part, and without
  autoescaping it is one ``"%s. %s" % (…)`` (``%s`` is ``str()``, as Jinja2's ``str(…)``);
- a plain macro call binds its arguments directly (callers, varargs and unknown keywords take
  Jinja2's own path); macros imported ``with context`` that read nothing of the document are
  made once per environment, as Jinja2 does for imports without context;
- a loop whose body uses ``loop`` only as ``loop.index``/``index0``/``first`` counts with
  ``enumerate`` instead of Jinja2's LoopContext (:func:`_number_loops`);
- template globals are a plain dict, and built-in templates are neither re-checked on disk nor
  looked up through the locked LRU cache at every render.
"""

from __future__ import annotations

import os
import time
import traceback
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Any

from nybureau.errors import RenderError

ENV_VAR = "NYBUREAU_TEMPLATES"

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
            f"{var} must be a positive number (it is '{value[:40]}').",
            f"{var} skal være et positivt tal (det er '{value[:40]}').")
    return number


class _Budget:
    """The limits of one render of a user template (the current one is in ``_BUDGET``)."""

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


_BUDGET: ContextVar[_Budget | None] = ContextVar("nybureau_template_budget", default=None)


def _budget_iter(iterable):
    """A loop's rows in the sandbox, with the time checked every 512 rows."""
    budget = _BUDGET.get()
    if budget is None:
        yield from iterable
        return
    n = 0
    for row in iterable:
        n += 1
        if not n & 511:
            budget.tick()
        yield row


def _budget_range(*args):
    """``range()`` in the sandbox: at most MAX_RANGE numbers, MAX_RANGE_TOTAL in one render."""
    rng = range(*args)
    if len(rng) > MAX_RANGE:
        raise OverBudget("size", f"range() of {len(rng)} numbers; at most {MAX_RANGE}",
                         f"range() med {len(rng)} tal; højst {MAX_RANGE}")
    budget = _BUDGET.get()
    if budget is not None:
        budget.ranges += len(rng)
        if budget.ranges > MAX_RANGE_TOTAL:
            raise OverBudget("size", f"more than {MAX_RANGE_TOTAL} numbers from range() in "
                             "one document", f"mere end {MAX_RANGE_TOTAL} tal fra range() i ét "
                             "dokument")
        budget.tick()
    return rng


def _check_binop(operator: str, left, right) -> None:
    """``*`` (repetition) and ``**`` in the sandbox, before Python makes the result."""
    budget = _BUDGET.get()
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


def _check_call(obj, args) -> None:
    budget = _BUDGET.get()
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


def _bounded_filter(env, name: str, width_arg: int, multiply: bool = False) -> None:
    """A built-in filter whose width argument (``center(80)``, ``indent(4)``) is held to the
    output limit."""
    original = env.filters[name]

    def bounded(value, *args, **kwargs):
        budget = _BUDGET.get()
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


def _confined_loader(folder: str):
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


def builtin_dir() -> Path:
    from nybureau.resources import data_dir

    return data_dir("templates")


def user_dir(explicit: str | None = None) -> Path | None:
    value = explicit or os.environ.get(ENV_VAR)
    if not value:
        return None
    path = Path(value).expanduser()
    if not path.is_dir():
        raise RenderError(f"The templates folder '{path}' does not exist.",
                          f"Skabelonmappen '{path}' findes ikke.")
    return path


def _autoescape(name: str | None) -> bool:
    return bool(name) and name.endswith((".html.j2", ".html"))


_DICT_ATTRS = frozenset(dir(dict))


def _fast_getattr(base):
    """``getattr`` for environment class ``base``: a plain dict's key without a failed attribute
    look-up first (Jinja2 raises and catches AttributeError for every ``it.title``). A name that
    is an attribute of ``dict`` (``items``, ``get``, ``__class__`` …) takes the base class's path,
    so the result (and the sandbox's checks) are exactly Jinja2's."""

    def getattr(self, obj, attribute):  # noqa: A001 - Jinja2's method name
        if type(obj) is dict and attribute not in _DICT_ATTRS:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return base.getattr(self, obj, attribute)

    return getattr


def _labels_extension():
    from jinja2.ext import Extension
    from jinja2.lexer import Token

    class _Labels(Extension):
        """Compile ``_("da text", "en text")`` (two literal strings) to the literal text of the
        environment's language. A template that uses the name ``_`` for anything but calls
        (``{% set _ = … %}``, ``{% macro _() %}``, ``{% for _ in … %}``, an import as ``_``) is
        left as it is, and ``_`` is then called at run time as before."""

        def filter_stream(self, stream):
            lang = self.environment.nybureau_lang
            tokens = list(stream)
            n = len(tokens)
            for i, tok in enumerate(tokens):
                if tok.type == "name" and tok.value == "_":
                    prev = tokens[i - 1] if i else None
                    nxt = tokens[i + 1] if i + 1 < n else None
                    if (nxt is None or nxt.type != "lparen"
                            or (prev is not None and prev.type == "name"
                                and prev.value in ("macro", "set", "import", "as", "for"))):
                        return iter(tokens)
            out = []
            i = 0
            while i < n:
                tok = tokens[i]
                if (tok.type == "name" and tok.value == "_" and i + 5 < n
                        and not (i and (tokens[i - 1].type in ("dot", "pipe") or (
                            tokens[i - 1].type == "name" and tokens[i - 1].value in ("is", "call"))))
                        and tokens[i + 1].type == "lparen" and tokens[i + 2].type == "string"
                        and tokens[i + 3].type == "comma" and tokens[i + 4].type == "string"
                        and tokens[i + 5].type == "rparen"):
                    da, en = tokens[i + 2].value, tokens[i + 4].value
                    out.append(Token(tok.lineno, "string", en if lang == "en" else da))
                    i += 6
                    continue
                out.append(tok)
                i += 1
            return iter(out)

    return _Labels


def _runtime_classes():
    """The Context, Template and CodeGenerator classes of our environments, and the Template
    class of the sandbox (built once)."""
    global _RUNTIME
    if _RUNTIME is not None:
        return _RUNTIME
    from types import BuiltinMethodType

    from jinja2 import Template, meta, nodes
    from jinja2.compiler import CodeGenerator, optimizeconst
    from jinja2.runtime import Context, Macro, missing

    from markupsafe import Markup

    # The macro fast path uses the attributes Jinja2 3.1's Macro sets in __init__; a Jinja2
    # without them takes its own path for every call.
    fast_macros = {"_func", "_argument_count", "arguments", "catch_kwargs", "catch_varargs",
                   "caller", "explicit_caller", "_environment"} <= set(
                       Macro.__init__.__code__.co_names)

    class _Context(Context):
        def call(__self, __obj, *args, **kwargs):  # noqa: N805 - Jinja2's signature
            """Jinja2's Context.call with the common cases first: a plain macro called with
            its own arguments (Jinja2's argument binding and Markup wrapping, without its
            general checks), and a built-in method such as ``str.startswith``. Anything else
            (callers, varargs, unknown keywords, functions with pass_context …) goes through
            Jinja2's path."""
            kind = type(__obj)
            if kind is Macro:
                kwargs.pop("_loop_vars", None)
                kwargs.pop("_block_vars", None)
                if fast_macros and not (__obj.catch_kwargs or __obj.catch_varargs
                                        or __obj.caller or __obj.explicit_caller
                                        or __obj._environment.is_async):
                    n, k = __obj._argument_count, len(args)
                    arguments = None
                    if k == n and not kwargs:
                        arguments = args
                    elif k < n:
                        arguments = list(args)
                        for name in __obj.arguments[k:]:
                            arguments.append(kwargs.pop(name, missing))
                        if kwargs:  # a keyword the macro does not take: Jinja2's error
                            return __obj(__self.eval_ctx, *args, **kwargs)
                    if arguments is not None:
                        try:
                            rv = __obj._func(*arguments)
                        except StopIteration:
                            return __self.environment.undefined(
                                "value was undefined because a callable raised a "
                                "StopIteration exception")
                        return Markup(rv) if __self.eval_ctx.autoescape else rv
                return Context.call(__self, __obj, *args, **kwargs)
            if kind is BuiltinMethodType:
                kwargs.pop("_loop_vars", None)
                kwargs.pop("_block_vars", None)
                try:
                    return __obj(*args, **kwargs)
                except StopIteration:
                    return __self.environment.undefined(
                        "value was undefined because a callable raised a StopIteration "
                        "exception")
            return Context.call(__self, __obj, *args, **kwargs)

    class _Template(Template):
        _nb_free = None
        _nb_module = None

        def make_module(self, vars=None, shared=False, locals=None):
            """``{% import … with context %}`` makes the module anew at every render. When the
            imported template reads nothing from the context but the environment's globals
            (our _macros: labels are compiled in, filters know their language), the module is
            the same every time, so it is made once, as Jinja2 does for an import without
            context. A template that reads a variable of the document is made per render."""
            if vars is None or not shared:
                return super().make_module(vars, shared, locals)
            if self._nb_free is None:
                env = self.environment
                try:
                    source, filename, _ = env.loader.get_source(env, self.name)
                    free = meta.find_undeclared_variables(env.parse(source, self.name, filename))
                except Exception:  # noqa: BLE001 - then the module is simply not shared
                    free = None
                self._nb_free = (frozenset(free) if free is not None
                                 and set(free) <= env.globals.keys() else False)
            if self._nb_free is False:
                return super().make_module(vars, shared, locals)
            g = self.environment.globals
            for name in self._nb_free:
                value = locals.get(name, missing) if locals else missing
                if value is missing:
                    value = vars.get(name, missing)
                if value is not g[name]:
                    return super().make_module(vars, shared, locals)
            if self._nb_module is None:
                self._nb_module = super().make_module()
            return self._nb_module

    class _CodeGenerator(CodeGenerator):
        def visit_Template(self, node, frame=None):
            if not self.environment.is_async:
                _number_loops(node, nodes, self.environment)
                if self.environment.sandboxed:
                    _budget_loops(node, nodes, self.environment)
            return super().visit_Template(node, frame)

        nybureau_dicts = None  # loop row ref -> the name of its "is a plain dict" flag
        nybureau_rows = None  # the body of the loop being written and its row's name

        def visit_For(self, node, frame):
            """``{% for it in items %}…{{ it.title }}…``: whether the row is a plain dict is
            checked once per row, not at every ``it.x`` in the body, when nothing in the body
            can give ``it`` another value (no assignment to it, no macro, call block, import,
            include or block)."""
            target = node.target
            if (not self.environment.is_async and type(target) is nodes.Name
                    and not any(n.name == target.name and n.ctx != "load"
                                for n in node.find_all(nodes.Name) if n is not target)
                    and not any(node.find_all(_opaque_nodes(nodes)))):
                self.nybureau_rows = (node.body, target.name)
            super().visit_For(node, frame)

        def blockvisit(self, body, frame):
            rows = self.nybureau_rows
            if rows is None or body is not rows[0]:
                return super().blockvisit(body, frame)
            self.nybureau_rows = None
            ref = frame.symbols.ref(rows[1])
            flag = f"_nb_dict_{ref}"
            self.writeline(f"{flag} = type({ref}) is dict")
            dicts = self.nybureau_dicts = dict(self.nybureau_dicts or {})
            dicts[ref] = flag
            try:
                super().blockvisit(body, frame)
            finally:
                del dicts[ref]

        def visit_Call(self, node, frame, forward_caller=False):
            """The ``enumerate(rows, 1)`` of a loop numbered by :func:`_number_loops`; in the
            sandbox, a loop's rows through ``environment.nybureau_iter`` (its time limit)."""
            if getattr(node, "nybureau_budget", False):
                self.write("environment.nybureau_iter(")
                self.visit(node.args[0], frame)
                self.write(")")
                return
            if getattr(node, "nybureau_enumerate", False):
                self.write("enumerate(")
                self.visit(node.args[0], frame)
                self.write(", 1)")
                return
            super().visit_Call(node, frame, forward_caller=forward_caller)

        @optimizeconst
        def visit_Getattr(self, node, frame):
            """``it.title`` on a plain dict: the key, inline, without a method call; anything
            else (another object, a missing key, a name that is an attribute of ``dict``) goes
            to ``environment.getattr`` as in Jinja2. The object is evaluated once."""
            if self.environment.is_async or node.attr in _DICT_ATTRS:
                return super().visit_Getattr(node, frame)
            attr = repr(node.attr)
            if (self.nybureau_dicts and type(node.node) is nodes.Name
                    and node.node.ctx == "load"):
                ref = frame.symbols.find_ref(node.node.name)
                flag = self.nybureau_dicts.get(ref)
                if flag is not None:  # a loop's row, its type checked once per row
                    self.write(f"({ref}[{attr}] if {flag} and {attr} in {ref} "
                               f"else environment.getattr({ref}, {attr}))")
                    return
            self.write(f"(_nb_o[{attr}] if type(_nb_o := ")
            self.visit(node.node, frame)
            self.write(f") is dict and {attr} in _nb_o else environment.getattr(_nb_o, {attr}))")

        def visit_Output(self, node, frame):
            """At the top level of a template Jinja2 yields every part of an output line on
            its own (``{{ it.number }}. {{ it.title }}`` is four yields, each passed up through
            the blocks and the templates it extends); here the parts are joined and yielded
            once. Without autoescaping (Markdown) a line with values is written as one
            ``"%s. %s" % (…)``: ``%s`` is ``str()`` of each value, as Jinja2's ``str(…)``, in
            one step; in macros and other buffers it is appended as one string."""
            if frame.require_output_check or self.environment.is_async:
                return super().visit_Output(node, frame)
            finalize = self._make_finalize()
            body = []
            for child in node.nodes:
                try:
                    if not (finalize.const or isinstance(child, nodes.TemplateData)):
                        raise nodes.Impossible()
                    const = self._output_child_to_const(child, frame, finalize)
                except (nodes.Impossible, Exception):
                    body.append(child)
                    continue
                if body and isinstance(body[-1], list):
                    body[-1].append(const)
                else:
                    body.append([const])
            formatted = (finalize.src is None and not frame.eval_ctx.volatile
                         and not frame.eval_ctx.autoescape
                         and all(type(c) is str for item in body if isinstance(item, list)
                                 for c in item))
            if len(body) < 2 or (frame.buffer is not None and not formatted):
                return super().visit_Output(node, frame)
            if formatted:
                text = "".join("".join(item).replace("%", "%%") if isinstance(item, list)
                               else "%s" for item in body)
                self.writeline(f"{frame.buffer}.append(" if frame.buffer is not None
                               else "yield ")
                self.write(f"{text!r} % (")
                self.indent()
                for item in body:
                    if not isinstance(item, list):
                        self.newline(item)  # an error names the line of its value
                        self.visit(item, frame)
                        self.write(",")
                self.outdent()
                self.writeline(")" if frame.buffer is None else "))")
                return
            self.writeline("yield concat((")
            self.indent()
            for item in body:
                if isinstance(item, list):
                    self.writeline(self._output_const_repr(item) + ",")
                else:
                    self.newline(item)
                    self._output_child_pre(item, frame, finalize)
                    self.visit(item, frame)
                    self._output_child_post(item, frame, finalize)
                    self.write(",")
            self.outdent()
            self.writeline("))")

    class _BudgetTemplate(_Template):
        """A template of the sandbox: the document is written piece by piece, its size and the
        time checked as it grows (see the module notes)."""

        def render(self, *args, **kwargs):
            budget = _BUDGET.get()
            if budget is None or self.environment.is_async:
                return super().render(*args, **kwargs)
            ctx = self.new_context(dict(*args, **kwargs))
            try:
                parts = []
                size, limit, n = 0, budget.max_output, 0
                for piece in self.root_render_func(ctx):
                    size += len(piece)
                    if size > limit:
                        raise OverBudget("output")
                    parts.append(piece)
                    n += 1
                    if not n & 255:
                        budget.tick()
                return self.environment.concat(parts)
            except Exception:
                self.environment.handle_exception()

    _RUNTIME = (_Context, _Template, _CodeGenerator, _BudgetTemplate)
    return _RUNTIME


_RUNTIME = None

# Nodes in a loop's body that may see ``loop`` other than through a plain name in the body
# (closures, other templates, scoped blocks): a loop holding one keeps Jinja2's LoopContext.
_LOOP_OPAQUE = ("Macro", "CallBlock", "Include", "Import", "FromImport", "Extends", "Block")


def _opaque_nodes(nodes) -> tuple:
    return tuple(getattr(nodes, name) for name in _LOOP_OPAQUE)


def _number_loops(template, nodes, environment) -> None:
    """``{% for r in rows %}{{ loop.index }}. {{ r }}{% endfor %}``: when a loop's body uses
    ``loop`` only as ``loop.index``, ``loop.index0`` or ``loop.first``, the loop counts with
    ``enumerate`` and those become a plain name (or a comparison with 1): Jinja2's LoopContext
    (a Python object stepped for every row, and also made for every enclosing loop) is then not
    needed. Loops that use anything else of ``loop`` (``last``, ``length``, ``cycle`` …), are
    recursive, filter with ``if``, or hold a macro, call block, include, import or block keep
    Jinja2's loop."""
    opaque = _opaque_nodes(nodes)
    taken = {n.name for n in template.find_all(nodes.Name)}
    fors = list(template.find_all(nodes.For))
    for number, loop in enumerate(reversed(fors)):  # inner loops first
        if loop.recursive or loop.test is not None:
            continue
        refs = []  # the loop.index / loop.index0 nodes
        ok = True
        stack = [(child, None) for child in loop.body]
        while stack and ok:
            node, parent = stack.pop()
            if isinstance(node, opaque):
                ok = False
            elif isinstance(node, nodes.Name) and node.name == "loop":
                ok = (node.ctx == "load" and isinstance(parent, nodes.Getattr)
                      and parent.ctx == "load" and parent.attr in ("index", "index0", "first"))
                refs.append(parent)
            elif isinstance(node, nodes.For):
                # its body's ``loop`` is its own (it only must hold nothing opaque); its
                # iterable, test and else are evaluated in our loop
                ok = not node.recursive and not any(
                    isinstance(child, opaque) or child.find(opaque) is not None
                    for child in node.body)
                for name in ("target", "iter", "test"):
                    if getattr(node, name) is not None:
                        stack.append((getattr(node, name), node))
                stack.extend((child, node) for child in node.else_)
            else:
                for child in node.iter_child_nodes():
                    stack.append((child, node))
        if not ok or not refs:
            continue
        counter = f"_loop_index_{number}"
        while counter in taken:
            counter += "_"
        taken.add(counter)
        for ref in refs:
            index = nodes.Name(counter, "load", lineno=ref.lineno)
            if ref.attr == "index0":
                index = nodes.Sub(index, nodes.Const(1, lineno=ref.lineno), lineno=ref.lineno)
            elif ref.attr == "first":
                index = nodes.Compare(index, [nodes.Operand("eq", nodes.Const(1))],
                                      lineno=ref.lineno)
            _replace(template, ref, index.set_environment(environment), nodes)
        loop.target = nodes.Tuple([nodes.Name(counter, "store", lineno=loop.lineno), loop.target],
                                  "store", lineno=loop.lineno).set_environment(environment)
        name = object.__new__(nodes.InternalName)  # as Jinja2's parser makes one
        nodes.Node.__init__(name, "enumerate", lineno=loop.iter.lineno)
        call = nodes.Call(name, [loop.iter, nodes.Const(1)], [], None, None,
                          lineno=loop.iter.lineno).set_environment(environment)
        call.nybureau_enumerate = True  # written as enumerate(...) by the code generator
        loop.iter = call


def _budget_loops(template, nodes, environment) -> None:
    """In the sandbox every loop's rows go through ``environment.nybureau_iter``, which checks
    the render's time limit (a loop in a loop in a loop can otherwise run for hours)."""
    for loop in template.find_all(nodes.For):
        name = object.__new__(nodes.InternalName)  # as Jinja2's parser makes one
        nodes.Node.__init__(name, "nybureau_iter", lineno=loop.iter.lineno)
        call = nodes.Call(name, [loop.iter], [], None, None,
                          lineno=loop.iter.lineno).set_environment(environment)
        call.nybureau_budget = True  # written as environment.nybureau_iter(...)
        loop.iter = call


def _replace(root, old, new, nodes) -> None:
    """Put ``new`` where ``old`` is in the tree under ``root``."""
    for parent in root.find_all(nodes.Node):
        for name in parent.fields:
            value = getattr(parent, name)
            if value is old:
                setattr(parent, name, new)
                return
            if isinstance(value, list):
                for i, child in enumerate(value):
                    if child is old:
                        value[i] = new
                        return


@lru_cache(maxsize=16)
def environment(user: str | None = None, lang: str = "da"):
    """The environment for a user folder (or none) and a language. Templates are compiled per
    language (labels become template text). Without a user folder the trusted built-in
    templates run in a plain environment; with one, everything runs in the sandbox."""
    from jinja2 import (ChoiceLoader, Environment, FileSystemLoader, PrefixLoader,
                        StrictUndefined)
    from jinja2.sandbox import SandboxedEnvironment

    builtin = FileSystemLoader(str(builtin_dir()))
    loaders = []
    if user:
        loaders.append(_confined_loader(user))
    loaders += [PrefixLoader({"default": builtin}, delimiter=":"), builtin]
    base = SandboxedEnvironment if user else Environment
    context_class, template_class, code_generator_class, budget_class = _runtime_classes()

    def make_globals(self, d):
        """A template's globals as a plain dict rather than Jinja2's ChainMap over the
        environment's globals (every render copies them into its context, and a ChainMap is
        iterated in Python). Our globals are all set before the first template loads."""
        return {**self.globals, **(d or {})}

    def _load_template(self, name, globals):  # noqa: A002 - Jinja2's signature
        """Without auto-reload (the built-in templates) a loaded template is found again with
        one dict look-up instead of Jinja2's locked LRU cache."""
        if not globals and not self.auto_reload:
            template = self.nybureau_loaded.get(name)
            if template is None:
                template = self.nybureau_loaded[name] = base._load_template(self, name, None)
            return template
        return base._load_template(self, name, globals)

    members = {
        "getattr": _fast_getattr(base), "nybureau_lang": lang, "context_class": context_class,
        "template_class": template_class, "code_generator_class": code_generator_class,
        "make_globals": make_globals, "_load_template": _load_template}
    if user:  # the limits of the sandbox (see the module notes)
        def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja2's
            _check_call(__obj, args)
            return base.call(__self, __context, __obj, *args, **kwargs)

        def call_binop(self, context, operator, left, right):
            _check_binop(operator, left, right)
            return base.call_binop(self, context, operator, left, right)

        members.update(
            template_class=budget_class, call=call, call_binop=call_binop,
            intercepted_binops=frozenset({"*", "**"}),
            nybureau_iter=staticmethod(_budget_iter))
    cls = type(f"Nybureau{base.__name__}", (base,), members)
    env = cls(
        loader=ChoiceLoader(loaders), autoescape=_autoescape, undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        extensions=["jinja2.ext.loopcontrols", _labels_extension()],
        auto_reload=bool(user),  # the built-in templates do not change under a running process
    )
    env.nybureau_loaded = {}
    _filters(env, lang)
    if user:
        env.globals["range"] = _budget_range
        _bounded_filter(env, "center", 0)
        _bounded_filter(env, "indent", 0, multiply=True)
    return env


def _filters(env, lang: str) -> None:
    """The filters and ``_`` for one language (each environment has one language)."""
    from nybureau.rendering import dates, text

    long_date, short_date, long_datetime = (dates.formatter("long_date", lang),
                                            dates.formatter("short_date", lang),
                                            dates.formatter("long_datetime", lang))
    tz = dates.TZ
    sep = "." if lang == "da" else ":"

    def f_date(value):
        return long_date(value) if value else ""

    def f_shortdate(value):
        return short_date(value) if value else ""

    def f_datetime(value):
        return long_datetime(value) if value else ""

    def f_time(value):
        if not value:
            return ""
        local = value.astimezone(tz) if value.tzinfo else value
        return f"{local.hour:02d}{sep}{local.minute:02d}"  # strftime's %H.%M / %H:%M

    def f_money(value):
        return text.money(value, lang)

    def f_number(value):
        return text.number(value, lang)

    def f_md(value):
        """Escape Markdown's line-leading specials in running text."""
        s = "" if value is None else str(value)
        return s.replace("*", "\\*").replace("_", "\\_").replace("`", "\\`")


    if lang == "da":
        def f_quote(value):
            """«Danish» quotation marks."""
            return f"«{value}»"
    else:
        def f_quote(value):
            """“English” quotation marks."""
            return f"“{value}”"

    def f_cap(value):
        s = "" if value is None else str(value)
        return s[:1].upper() + s[1:]

    english = lang == "en"

    def g_text(da, en=None):
        """``_("Dagsorden", "Agenda")``: the text in the document's language."""
        return en if english and en is not None else da

    env.globals["_"] = g_text
    env.filters.update(date=f_date, shortdate=f_shortdate, datetime=f_datetime, time=f_time,
                       money=f_money, number=f_number, md=f_md, cap=f_cap, q=f_quote,
                       **text.MD_FILTERS)


def _where(exc: BaseException, fallback: str) -> tuple[str, int | None]:
    """The template file and line an error happened at."""
    from jinja2 import TemplateSyntaxError

    if isinstance(exc, TemplateSyntaxError):
        return exc.filename or exc.name or fallback, exc.lineno
    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if f.filename.endswith((".j2", ".html", ".md"))]
    if frames:
        return frames[-1].filename, frames[-1].lineno
    return fallback, None


def render(name: str, context: dict[str, Any], templates: str | None = None) -> str:
    """Render template ``name`` with ``context``; any template problem → RenderError."""
    return render_from(name, context, templates)[0]


def render_from(name: str, context: dict[str, Any], templates: str | None = None
                ) -> tuple[str, bool]:
    """:func:`render`, and whether only the built-in templates were in use (no user folder)."""
    user = user_dir(templates)
    env = environment(str(user) if user else None, "en" if context.get("lang") == "en" else "da")
    token = _BUDGET.set(_Budget()) if user else None  # the limits of user templates
    try:  # Template.render copies the context
        return env.get_template(name).render(context), user is None
    except (OverBudget, OutsideFolder, RecursionError, MemoryError, OverflowError) as exc:
        raise _refusal(exc, name, user) from None
    except Exception as exc:
        from jinja2 import TemplateNotFound
        from jinja2.exceptions import SecurityError, TemplateError

        if isinstance(exc, TemplateNotFound):
            raise RenderError(
                f"Template '{exc.name}' was not found (looked in: "
                f"{', '.join(str(p) for p in ([user] if user else []) + [builtin_dir()])}).",
                f"Skabelonen '{exc.name}' findes ikke (ledt i: "
                f"{', '.join(str(p) for p in ([user] if user else []) + [builtin_dir()])}).",
            ) from None
        if not isinstance(exc, (TemplateError, SecurityError, TypeError, ValueError,
                                AttributeError, KeyError, IndexError, ZeroDivisionError)):
            raise
        file, line = _where(exc, name)
        where = f"{file}:{line}" if line else file
        kind = "security" if isinstance(exc, SecurityError) else type(exc).__name__
        raise RenderError(
            f"The template {where} could not be rendered ({kind}: {exc}). Nothing was written.",
            f"Skabelonen {where} kunne ikke bruges ({kind}: {exc}). Intet er skrevet.",
        ) from None
    finally:
        if token is not None:
            _BUDGET.reset(token)


def _refusal(exc: BaseException, name: str, user: Path | None) -> RenderError:
    """The refusal for a template that went past a limit, called itself without end, needed
    too much memory or resolved outside its folder."""
    file, line = _where(exc, name)
    where = f"{file}:{line}" if line else file
    budget = _BUDGET.get()
    if isinstance(exc, OutsideFolder):
        return RenderError(
            f"The template {where} uses '{exc.name}', which is outside the templates folder "
            f"{user} (a symbolic link or '..'); templates are only read from inside it. "
            "Nothing was written.",
            f"Skabelonen {where} bruger '{exc.name}', som ligger uden for skabelonmappen "
            f"{user} (et symbolsk link eller '..'); skabeloner læses kun inde fra mappen. "
            "Intet er skrevet.")
    if isinstance(exc, OverBudget) and exc.kind == "time":
        secs = f"{budget.timeout:g}" if budget else f"{DEFAULT_TIMEOUT:g}"
        return RenderError(
            f"The template {where} took too long (more than {secs} s) and was stopped. "
            f"Nothing was written. Make it do less (loops in loops?), or allow more time with "
            f"{TIMEOUT_VAR}=SECONDS.",
            f"Skabelonen {where} tog for lang tid (mere end {secs} s) og blev stoppet. Intet "
            f"er skrevet. Få den til at gøre mindre (løkker i løkker?), eller giv mere tid med "
            f"{TIMEOUT_VAR}=SEKUNDER.")
    if isinstance(exc, OverBudget) and exc.kind == "output":
        mb = f"{budget.max_output / (1024 * 1024):g}" if budget else f"{DEFAULT_MAX_OUTPUT:g}"
        return RenderError(
            f"The template {where} wrote too much (more than {mb} MB) and was stopped. Nothing "
            f"was written. Make it write less, or allow more with {MAX_OUTPUT_VAR}=MEGABYTES.",
            f"Skabelonen {where} skrev for meget (mere end {mb} MB) og blev stoppet. Intet er "
            f"skrevet. Få den til at skrive mindre, eller tillad mere med "
            f"{MAX_OUTPUT_VAR}=MEGABYTE.")
    if isinstance(exc, (OverBudget, OverflowError)):
        detail = exc.detail if isinstance(exc, OverBudget) else str(exc)
        detail_da = exc.detail_da if isinstance(exc, OverBudget) else str(exc)
        return RenderError(
            f"The template {where} asks for something too large ({detail}) and was stopped. "
            "Nothing was written.",
            f"Skabelonen {where} beder om noget for stort ({detail_da}) og blev stoppet. Intet "
            "er skrevet.")
    if isinstance(exc, RecursionError):
        return RenderError(
            f"The template {where} calls itself without end (a macro, include or block that "
            "keeps calling itself). Nothing was written.",
            f"Skabelonen {where} kalder sig selv uden ende (en makro, include eller blok, der "
            "bliver ved med at kalde sig selv). Intet er skrevet.")
    return RenderError(
        f"The template {where} needed more memory than there is. Nothing was written.",
        f"Skabelonen {where} krævede mere hukommelse, end der er. Intet er skrevet.")
