"""The print form every DOCX and PDF shares: A4, Danish margins, the running header, page
numbers, sagsnr./dok.nr. and the municipality's letterhead.

The letterhead is a setting, not data: the municipality's own logo and the lines under it
(``Odder Kommune · Social og Sundhed · Rådhusgade 3 · 8300 Odder``). It is read from

- the environment: ``NYBUREAU_LETTERHEAD`` (the text; lines separated by ``|`` or new lines)
  and ``NYBUREAU_LOGO`` (a PNG or JPEG file), or
- a settings file named by ``NYBUREAU_SETTINGS`` with the same keys (``letterhead = …``,
  ``logo = …``, one ``key = value`` a line, ``#`` starts a comment; a relative logo path is
  read from the settings file's folder).

The environment wins over the file. A logo that is not there, or is no PNG/JPEG, is refused
(nothing is written). Without a setting the documents carry no letterhead.

Case numbers come from the document's data, where the builders put them: ``data["case_number"]``
and ``data["document_number"]``, else the meeting's (``meeting.case_number``,
``meeting.document_number``), else the project's ``case_number``. None given: none printed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nybureau.i18n import Msg

# A4 and the margins of Danish Word's own A4 template (top and bottom 3 cm, sides 2 cm); the
# header and footer sit 1.25 cm from the edge.
PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_TOP_MM = 30
MARGIN_BOTTOM_MM = 30
MARGIN_LEFT_MM = 20
MARGIN_RIGHT_MM = 20
HEADER_DISTANCE_MM = 12.5
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM

ENV_LETTERHEAD = "NYBUREAU_LETTERHEAD"
ENV_LOGO = "NYBUREAU_LOGO"
ENV_SETTINGS = "NYBUREAU_SETTINGS"


@dataclass(frozen=True)
class Letterhead:
    lines: tuple[str, ...] = ()
    logo: bytes | None = None     # the image's bytes
    logo_type: str | None = None  # "png" or "jpeg"

    def __bool__(self) -> bool:
        return bool(self.lines or self.logo)


def _settings_file() -> tuple[dict[str, str], Path | None]:
    value = os.environ.get(ENV_SETTINGS)
    if not value:
        return {}, None
    from nybureau.errors import InvalidInput

    path = Path(value).expanduser()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise InvalidInput(Msg("The settings file '{path}' cannot be read. Give an existing "
                               "text file in {var}, or unset it.", path=path,
                               var=ENV_SETTINGS)) from None
    out: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, val = line.split("=", 1)
        out[key.strip().lower()] = val.strip().strip('"')
    return out, path.parent


def _image_type(content: bytes) -> str | None:
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if content.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    return None


def letterhead() -> Letterhead:
    """The municipality's letterhead from the settings (see the module's text)."""
    from nybureau.errors import InvalidInput

    settings, base = _settings_file()
    text = os.environ.get(ENV_LETTERHEAD) or settings.get("letterhead") or ""
    logo_value = os.environ.get(ENV_LOGO) or settings.get("logo") or ""
    lines = tuple(p.strip() for p in text.replace("\\n", "\n").replace("|", "\n").split("\n")
                  if p.strip())
    if not logo_value:
        return Letterhead(lines)
    logo_path = Path(logo_value).expanduser()
    if not logo_path.is_absolute() and base is not None and not os.environ.get(ENV_LOGO):
        logo_path = base / logo_path
    try:
        content = logo_path.read_bytes()
    except OSError:
        raise InvalidInput(Msg("The logo file '{path}' does not exist. Give a PNG or JPEG file "
                               "in {var} (or the settings file's 'logo'), or unset it.",
                               path=logo_path, var=ENV_LOGO)) from None
    kind = _image_type(content)
    if kind is None:
        raise InvalidInput(Msg("The logo file '{path}' is not a PNG or JPEG picture. Give a PNG "
                               "or JPEG file.", path=logo_path))
    return Letterhead(lines, content, kind)


def _get(mapping: Any, key: str) -> Any:
    if isinstance(mapping, dict):
        return mapping.get(key)
    return getattr(mapping, key, None)


def numbers(data: dict[str, Any]) -> dict[str, str | None]:
    """The document's sagsnr. and dok.nr., from the data (see the module's text)."""
    meeting = data.get("meeting") or {}
    project = data.get("project") or {}
    case = data.get("case_number") or _get(meeting, "case_number") or _get(project,
                                                                          "case_number")
    doc_no = data.get("document_number") or _get(meeting, "document_number")
    return {"case_number": str(case) if case else None,
            "document_number": str(doc_no) if doc_no else None}


def header_texts(data: dict[str, Any], title: str) -> dict[str, str]:
    """The running header: on the left the body and the meeting's date (a meeting document) or
    the project and the document's title (any other); on the right sagsnr. and dok.nr."""
    lang = data["doc"]["lang"]
    meeting = data.get("meeting")
    if meeting and (meeting.get("body_label") or meeting.get("name")):
        from nybureau.rendering.dates import short_date

        when = data.get("date")
        who = meeting.get("name") or meeting.get("body_label")
        left = f"{who} · {short_date(when, lang)}" if when else who
        left = f"{data['doc']['title']} · {left}"
    elif data.get("project"):
        left = f"{data['project']['name']} · {data['doc']['title']}"
    else:
        left = title
    nums = numbers(data)
    right = []
    if nums["case_number"]:
        right.append(f"{'Sagsnr.' if lang == 'da' else 'Case no.'} {nums['case_number']}")
    if nums["document_number"]:
        right.append(f"{'Dok.nr.' if lang == 'da' else 'Doc. no.'} {nums['document_number']}")
    return {"left": left, "right": " · ".join(right)}


def page_words(lang: str) -> tuple[str, str]:
    """"Side" … "af" / "Page" … "of" around the page numbers."""
    return ("Side", "af") if lang == "da" else ("Page", "of")


def context(data: dict[str, Any], title: str) -> dict[str, Any]:
    """What the HTML template needs for the print form (its CSS @page rules, the letterhead)."""
    import base64

    head = letterhead()
    page, of = page_words(data["doc"]["lang"])
    texts = header_texts(data, title)
    return {
        "left": texts["left"], "right": texts["right"], "page": page, "of": of,
        "css": {"left": css_string(texts["left"]), "right": css_string(texts["right"]),
                "page": css_string(f"{page} "), "of": css_string(f" {of} ")},
        "letterhead": list(head.lines),
        "logo": (f"data:image/{head.logo_type};base64,"
                 f"{base64.b64encode(head.logo).decode('ascii')}") if head.logo else None,
        "logo_alt": (head.lines[0] if head.lines else author(data)),
        "margins": f"{MARGIN_TOP_MM}mm {MARGIN_RIGHT_MM}mm {MARGIN_BOTTOM_MM}mm "
                   f"{MARGIN_LEFT_MM}mm",
    }


def author(data: dict[str, Any]) -> str:
    """Who the document is from: the municipality, else the network."""
    if data.get("project"):
        return data["project"]["municipality"]
    if data.get("network"):
        return data["network"]["name"]
    return "nybureau"


def css_string(value: str) -> str:
    """A text as a CSS string literal (for ``content:`` in the @page margin boxes)."""
    out = ['"']
    for ch in value or "":
        if ch in '"\\' or ord(ch) < 0x20 or ch in "<>":
            out.append(f"\\{ord(ch):06x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)
