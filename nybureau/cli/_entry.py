"""The ``nybureau`` program's entry point.

``nybureau --version`` and the root help (``--help``, ``-h``, or no arguments at all) are
answered here without importing click, whose import alone costs several times a bare Python
start-up. The help is the text click prints, pre-rendered into :mod:`nybureau.cli._commands`
(``python -m nybureau.cli._generate``; tests/unit/test_startup.py compares it with click's
output byte for byte). It is served only where click would print exactly that text: a layout
width equal to the one it was rendered at (terminals of 80 columns or more, and pipes) and a
UTF-8 stream. Everything else goes through click (:func:`nybureau.cli.main.main`).
"""

import os
import sys

#: click.version_option's message for the root group: "%(prog)s, version %(version)s"
VERSION_MESSAGE = "nybureau, version {version}\n"
#: the root group's help_option_names
HELP_OPTIONS = ("--help", "-h")


def help_width() -> int:
    """The width click lays help out at in this process: min(columns, 80) - 2, at least 50,
    where the columns are found as :func:`shutil.get_terminal_size` finds them (importing
    shutil would cost more than the rest of this path)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
        columns = columns or 80
    return max(min(columns, 80) - 2, 50)


def _utf8(stream) -> bool:  # noqa: ANN001
    encoding = getattr(stream, "encoding", None) or ""
    return encoding.lower().replace("_", "-") in ("utf-8", "utf8")


def _write(stream, text: str, code: int) -> int:  # noqa: ANN001
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        # The reader went away (`nybureau --help | head -1`): exit 1 as click does, without a
        # second error when Python flushes the stream at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        return 1
    return code


def fast_answer(args: list[str]) -> int | None:
    """The exit code after answering ``nybureau ARGS`` here, or None: click must answer."""
    if args == ["--version"] and sys.stdout is not None:
        from nybureau import __version__

        return _write(sys.stdout, VERSION_MESSAGE.format(version=__version__), 0)
    if not args or (len(args) == 1 and args[0] in HELP_OPTIONS):
        # click prints the help on stdout for --help; for no arguments on stderr, exit code 2
        stream = sys.stdout if args else sys.stderr
        if stream is None or not _utf8(stream):
            return None
        from nybureau.cli._commands import ROOT_HELP, ROOT_HELP_WIDTH

        if help_width() != ROOT_HELP_WIDTH:
            return None
        return _write(stream, ROOT_HELP, 0 if args else 2)
    return None


def main() -> int | None:
    code = fast_answer(sys.argv[1:])
    if code is not None:
        return code
    from nybureau.cli.main import main as click_main

    return click_main()
