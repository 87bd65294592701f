"""The ``nybureau`` program's entry point.

Arguments that are not UTF-8 text are refused before anything else; ``nybureau --version`` is
answered here, with click's own message, without importing click. Everything else, the help
included, goes through click (:func:`nybureau.cli.main.main`).
"""

import os
import sys

#: click.version_option's message for the root group: "%(prog)s, version %(version)s"
VERSION_MESSAGE = "nybureau, version {version}\n"


def _write(stream, text: str, code: int) -> int:  # noqa: ANN001
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        # The reader went away (`nybureau --version | head -0`): exit 1 as click does, without a
        # second error when Python flushes the stream at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        return 1
    return code


def _shown(arg: str, limit: int = 60) -> str:
    """An argument as a message may show it: undecodable bytes (surrogate escapes) as \\xNN,
    other control characters escaped, cut to ``limit`` characters."""
    out = []
    for c in arg:
        o = ord(c)
        if 0xDC80 <= o <= 0xDCFF:
            out.append(f"\\x{o - 0xDC00:02x}")
        elif o < 32 or 0x7F <= o <= 0x9F or 0xD800 <= o <= 0xDFFF:
            out.append(f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}")
        else:
            out.append(c)
    text = "".join(out)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _lang(args: list[str]) -> str:
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args) and args[i + 1] in ("da", "en"):
            return args[i + 1]
        if arg in ("--lang=da", "--lang=en"):
            return arg[7:]
    lang = os.environ.get("NYBUREAU_LANG", "da")
    return lang if lang in ("da", "en") else "da"


def undecodable(args: list[str]) -> str | None:
    """The refusal for arguments (or NYBUREAU_* settings) that are not UTF-8 text, or None.

    On POSIX, Python hands bytes that are not valid UTF-8 to the program as lone surrogates
    ("surrogateescape"); no command can print, store or compare them, so they are refused here,
    before any command runs, naming the argument."""
    def bad(text: str) -> bool:
        return any(0xD800 <= ord(c) <= 0xDFFF for c in text)

    where = None
    for i, arg in enumerate(args, start=1):
        if bad(arg):
            where = (f"argument {i} ('{_shown(arg)}')", f"argument {i} ('{_shown(arg)}')")
            break
    else:
        for name, value in sorted(os.environ.items()):
            if name.startswith("NYBUREAU_") and bad(value):
                where = (f"the setting {name} ('{_shown(value)}')",
                         f"indstillingen {name} ('{_shown(value)}')")
                break
    if where is None:
        return None
    if _lang(args) == "da":
        return (f"{where[1][0].upper()}{where[1][1:]} er ikke gyldig UTF-8-tekst (bytes vist "
                "som \\xNN). Skriv værdien igen, eller ret terminalens tegnsæt til UTF-8.")
    return (f"{where[0][0].upper()}{where[0][1:]} is not valid UTF-8 text (bytes shown as "
            "\\xNN). Type the value again, or set your terminal's character set to UTF-8.")


def fast_answer(args: list[str]) -> int | None:
    """The exit code after answering ``nybureau ARGS`` here, or None: click must answer."""
    if args == ["--version"] and sys.stdout is not None:
        from nybureau import __version__

        return _write(sys.stdout, VERSION_MESSAGE.format(version=__version__), 0)
    return None


def main() -> int | None:
    problem = undecodable(sys.argv[1:])
    if problem is not None:
        try:
            sys.stderr.write(problem + "\n")
        except (OSError, ValueError, AttributeError):  # no usable stderr
            pass
        return 1
    code = fast_answer(sys.argv[1:])
    if code is not None:
        return code
    from nybureau.cli.main import main as click_main

    return click_main()
