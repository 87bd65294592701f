"""Checks shared by the use cases: each bad value becomes an :class:`InvalidInput` that names
what is wrong and what to do."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from typing import Any

from nybureau.domain.vocabulary import (
    ACTIVITY_KINDS,
    BODIES,
    NUMBERED_ACTIVITIES,
    OUTCOMES,
    RECORDED_ONLY,
    label,
)
from nybureau.errors import InvalidInput, NotFound
from nybureau.i18n import Msg

SLUG_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")
MAX_NAME = 300
MAX_TEXT = 10_000

#: The dates nybureau accepts (every entry: CLI, CSV, YAML scenario, JSON import). Outside it
#: a date is a typing error, and the far edges overflow when a time is converted to UTC.
DATE_MIN = date(1900, 1, 1)
DATE_MAX = date(2999, 12, 31)
#: The largest whole number the database stores (a signed 64-bit integer, as on PostgreSQL).
INT64_MAX = 2**63 - 1

#: Fields (by the name the services give them) that are free text: they may hold line breaks
#: and tabs. Every other text field is one line: a name, title, slug, role, place, case number,
#: recommendation … (see :func:`one_line`).
FREE_TEXT_FIELDS = frozenset({"text", "note", "description", "reason", "background", "finances",
                              "evidence", "plan", "learned", "changed", "summary", "consequences",
                              "consultation"})

# Bidirectional embeddings, overrides and isolates: they make text display in another order
# than it is stored ("Trojan source"). Refused everywhere.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Line breaks besides \n that a one-line field must not hold either.
_BREAKS = frozenset("\n\r\x0b\x0c\x85\u2028\u2029")


def char_problem(c: str, multiline: bool) -> str | None:
    """Why ``c`` is not allowed (English, Danish joined by '|'), or None."""
    o = ord(c)
    if multiline and c in "\n\t":
        return None
    if c in _BREAKS:
        return "a line break|et linjeskift"
    if o < 32 or 0x7F <= o <= 0x9F:
        return "a control character|et kontroltegn"
    if 0xD800 <= o <= 0xDFFF:
        return "a broken character (not valid Unicode)|et ødelagt tegn (ikke gyldig Unicode)"
    if c in _BIDI:
        return "a text-direction override|et tegn, der vender skriveretningen"
    return None


def _check_chars(text: str, what: str, multiline: bool) -> None:
    for i, c in enumerate(text):
        why = char_problem(c, multiline)
        if why is None:
            continue
        en, da = why.split("|")
        if c in _BREAKS and not multiline:
            raise InvalidInput(
                Msg("The {what} must be one line; it contains {en_} (at character {i}). "
                    "Write it on one line.", what=what, en_=en, i=i + 1, da_=da))
        raise InvalidInput(
            Msg("The {what} contains {en_} (U+{ord:04X}, at character {i}); remove it.",
                what=what, en_=en, ord=ord(c), i=i + 1, da_=da))


def _as_text(value: Any) -> str:
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, (int, float)):
        return str(value)
    return value if isinstance(value, str) else ""


def one_line(value: Any, what: str = "name", max_len: int = MAX_NAME, *,
             required: bool = True) -> str | None:
    """A one-line text field (name, title, role, place, case number …): stripped; no line
    breaks, tabs, control characters, broken characters (lone surrogates) or text-direction
    overrides; at most ``max_len`` characters. Empty: refused when ``required``, else None.

    The one check every entry uses (CLI, CSV, YAML scenario, JSON import)."""
    return _bounded(_as_text(value).strip(), what, max_len, required, multiline=False)


def free_text(value: Any, what: str = "text", max_len: int = MAX_TEXT, *,
              required: bool = False) -> str | None:
    """Free text (a note, description, reason …): like :func:`one_line`, but line breaks and
    tabs are allowed (Windows line ends become ``\\n``). Empty: None unless ``required``."""
    text = _as_text(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    return _bounded(text, what, max_len, required, multiline=True)


def _bounded(text: str, what: str, max_len: int, required: bool, *, multiline: bool
             ) -> str | None:
    """The checks :func:`one_line` and :func:`free_text` share: empty, length, characters."""
    if not text:
        if not required:
            return None
        raise InvalidInput(Msg("The {what} is empty; give it as text.", what=what))
    if len(text) > max_len:
        raise InvalidInput(Msg("The {what} is {n_text} characters long; at most {max_len} fit.",
                               what=what, n_text=len(text), max_len=max_len))
    _check_chars(text, what, multiline=multiline)
    return text


def check_slug(value: str, what: str = "project") -> str:
    if not isinstance(value, str) or not SLUG_RE.fullmatch(value):
        shown = printable(value) if isinstance(value, str) else repr(value)
        raise InvalidInput(
            Msg("'{shown}' is not a usable {what} id: use lowercase letters a–z, digits and hyphens "
                "(at most 100), e.g. odder-bostoette.", shown=shown, what=what),
        )
    return value


def check_name(value: Any, what: str = "name", max_len: int = MAX_NAME) -> str:
    """A required text: one line, unless ``what`` is one of :data:`FREE_TEXT_FIELDS`."""
    if what in FREE_TEXT_FIELDS:
        return free_text(value, what, max_len, required=True)
    return one_line(value, what, max_len)


def check_text(value: Any, what: str, max_len: int = MAX_TEXT) -> str | None:
    """Optional text: ``None`` when empty; refused when longer than the field holds. One line,
    unless ``what`` is one of :data:`FREE_TEXT_FIELDS`."""
    if value is not None and not isinstance(value, str):
        value = str(value)
    if what in FREE_TEXT_FIELDS:
        return free_text(value, what, max_len)
    return one_line(value, what, max_len, required=False)


def printable(value: Any, max_len: int = 80) -> str:
    """``value`` as it may be echoed in a message: control characters, broken characters and
    direction overrides shown as ``\\xNN``/``\\uNNNN``, cut to ``max_len`` characters."""
    text = str(value)
    out = "".join(c if char_problem(c, False) is None else
                  (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}") for c in text)
    return out if len(out) <= max_len else out[:max_len - 1] + "…"


def shown_path(path: Any, max_len: int = 200) -> str:
    """A file path as a message shows it: cut in the middle when absurdly long."""
    text = printable(path, 10_000)
    return text if len(text) <= max_len else text[:max_len // 2] + "…" + text[-(max_len // 2):]


#: The URL schemes an attachment may link to; anything else with a scheme (javascript:,
#: data:, vbscript: …) is refused. A path (relative, absolute, C:\\…, \\\\server\\share) is fine.
LINK_SCHEMES = ("http", "https", "file")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")


def check_location(value: Any, what: str = "file or link", max_len: int = 1000) -> str:
    """Where an attachment is: a file path or an http(s)/file link, one line."""
    text = one_line(value, what, max_len)
    m = _SCHEME.match(text)
    if m and len(m.group(1)) > 1 and m.group(1).lower() not in LINK_SCHEMES:
        raise InvalidInput(
            Msg("The {what} is a '{printable}:' link; give a file path or an "
                "http(s) link (e.g. https://… or Bilag/plan.pdf).", what=what,
                printable=printable(m.group(1), 20)))
    return text


def check_int64(value: Any, what: str = "number") -> int:
    """A whole number the database can store (64 bits, signed)."""
    if isinstance(value, bool) or not isinstance(value, int) or not -INT64_MAX - 1 <= value <= INT64_MAX:
        raise InvalidInput(
            Msg("The {what} {printable} is not a whole number the database can hold "
                "(at most {int64_max}).", what=what, printable=printable(value, 30),
                int64_max=INT64_MAX))
    return value


def check_date_range(value: date, what: str = "date") -> date:
    """Refuse dates outside :data:`DATE_MIN` … :data:`DATE_MAX`."""
    day = value.date() if isinstance(value, datetime) else value
    if not DATE_MIN <= day <= DATE_MAX:
        raise InvalidInput(
            Msg("The {what} {day} is outside the dates nybureau accepts "
                "({year}–{year_2}); check the year.", what=what, day=day.isoformat(),
                year=DATE_MIN.year, year_2=DATE_MAX.year))
    return value


def parse_date(value: Any, what: str = "date") -> date:
    if isinstance(value, date):
        return check_date_range(value, what)
    if isinstance(value, str):
        try:
            parsed = date.fromisoformat(value.strip())
        except ValueError:
            pass
        else:
            return check_date_range(parsed, what)
    shown = printable(value)
    raise InvalidInput(
        Msg("'{shown}' is not a valid {what}: write it as YYYY-MM-DD, e.g. 2017-06-14.",
            shown=shown, what=what),
    )


def local_datetime(naive: datetime, what: str = "time") -> datetime:
    """A wall-clock time in Copenhagen as an aware datetime.

    A time that does not exist (the hour skipped when summer time starts, e.g. 2017-03-26
    02:30) is refused. A time that exists twice (the hour repeated when summer time ends,
    e.g. 2017-10-29 02:30) is taken as its first occurrence, still in summer time (CEST)."""
    from zoneinfo import ZoneInfo

    tz = ZoneInfo("Europe/Copenhagen")
    check_date_range(naive, what)
    aware = naive.replace(tzinfo=tz, fold=0)
    back = aware.astimezone(timezone.utc).astimezone(tz).replace(tzinfo=None)
    if back != naive.replace(tzinfo=None, fold=0):
        stamp = naive.strftime("%Y-%m-%d %H:%M")
        raise InvalidInput(
            Msg("{stamp} does not exist in Copenhagen: the clocks jump from 02:00 to 03:00 when "
                "summer time starts. Give a time before 02:00 or from 03:00.", stamp=stamp))
    return aware


def check_body(body: str) -> str:
    if body not in BODIES:
        raise InvalidInput(
            Msg("Unknown body '{body}'. Use one of: {bodies}.", body=body,
                bodies=', '.join(BODIES)),
        )
    return body


def check_meeting_body(body: str) -> str:
    """A body whose meetings nybureau plans: not an external organisation, nor the mayor."""
    check_body(body)
    if body in RECORDED_ONLY:
        name = label(BODIES, body, "en")
        raise InvalidInput(
            Msg("{name} decides outside this project's meetings: nybureau records its decisions "
                "but does not plan its meetings. Record what it decided with `nybureau decision "
                "record PROJECT DECISION --by {body} --outcome … --date …`.", name=name, body=body,
                name_2=label(BODIES, body, "da")))
    return body


def check_outcome(outcome: str) -> str:
    if outcome not in OUTCOMES:
        raise InvalidInput(
            Msg("Unknown outcome '{outcome}'. Use one of: {outcomes}.", outcome=outcome,
                outcomes=', '.join(OUTCOMES),
                value=', '.join((v['da'] for v in OUTCOMES.values()))),
        )
    return outcome


def check_activity(kind: str, number: int | None) -> tuple[str, int | None]:
    if kind not in ACTIVITY_KINDS:
        raise InvalidInput(
            Msg("Unknown activity kind '{kind}'. Use one of: {activity_kinds}.", kind=kind,
                activity_kinds=', '.join(ACTIVITY_KINDS)),
        )
    if kind in NUMBERED_ACTIVITIES:
        lo, hi = NUMBERED_ACTIVITIES[kind]
        if isinstance(number, bool) or not isinstance(number, int) or not lo <= number <= hi:
            raise InvalidInput(
                Msg("A {kind} needs --number between {lo} and {hi}.", kind=kind, lo=lo, hi=hi),
            )
        return kind, number
    if number is not None:
        raise InvalidInput(Msg("--number is only used with {numbered_activities}.",
                               numbered_activities=' and '.join(NUMBERED_ACTIVITIES),
                               numbered_activities_2=' og '.join(NUMBERED_ACTIVITIES)))
    return kind, None


def get_project(tx, slug: str) -> dict[str, Any]:
    project = tx.project_get(slug)
    if project is None:
        from nybureau.services.people import did_you_mean

        known = tx.project_list()
        en, da = did_you_mean(slug, [p["slug"] for p in known],
                              {p["name"]: p["slug"] for p in known})
        raise NotFound(
            Msg("There is no project '{slug}'.{en_} See the projects with `nybureau project list`.",
                slug=slug, en_=en, da_=da),
        )
    return project


def get_network(tx, slug: str) -> dict[str, Any]:
    network = tx.network_get(slug)
    if network is None:
        from nybureau.services.people import did_you_mean

        known = tx.network_list()
        en, da = did_you_mean(slug, [n["slug"] for n in known],
                              {n["name"]: n["slug"] for n in known})
        if en:
            raise NotFound(
                Msg("There is no network '{slug}'.{en_} See the networks with "
                    "`nybureau network list`.", slug=slug, en_=en, da_=da))
        raise NotFound(
            Msg("There is no network '{slug}'. Create it with `nybureau network create {slug} "
                "--name …` or see `nybureau network list`.", slug=slug),
        )
    return network


def copenhagen_today(tx) -> date:
    """Today's date in Copenhagen (``tx.now`` is UTC; just after midnight Danish time the UTC
    date is still yesterday)."""
    from zoneinfo import ZoneInfo

    return tx.now.astimezone(ZoneInfo("Europe/Copenhagen")).date()


def refuse_future(tx, day: date, msg: Msg) -> date:
    """Refuse ``day`` when it is after today (Copenhagen): what is recorded has happened.
    ``en``/``da`` say what the date is and what to do; the dates are added in front."""
    today = copenhagen_today(tx)
    if day > today:
        raise InvalidInput(
            Msg("The date {day} is in the future (today is {today}): {msg}", day=day.isoformat(),
                today=today.isoformat(), msg=msg))
    return day


def past_date(tx, on: Any, msg: Msg, what: str = "date") -> date:
    """``on`` parsed (today in Copenhagen when None), refused when it is in the future."""
    day = parse_date(on, what) if on is not None else copenhagen_today(tx)
    return refuse_future(tx, day, msg)
