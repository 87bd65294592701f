"""What the outbox keeps of a message once it no longer needs to send it.

A message waiting in the outbox is stored whole, so that a retry sends exactly the same bytes
with the same Message-ID. Once the server has accepted it (or it is withdrawn), nybureau keeps
only its **headers and a list of its parts** — content type, file name, size and SHA-256 of
each — as plain UTF-8 text (encoded words decoded): what was sent to whom, and which files, is
told by that, by ``documents`` and by the history; the documents themselves can be rendered
again as of their date. That way the outbox never becomes a second archive of agendas and
minutes, and the personal data a message held (names and addresses in its headers) is plain
text that ``person forget`` finds and rewrites like every other free text.
"""

from __future__ import annotations

import hashlib
from email import message_from_string, policy
from email.message import EmailMessage

KEPT_HEADERS = ("Message-ID", "Date", "From", "To", "Cc", "Reply-To", "Subject")
REMOVED_NOTE = "[The content was removed after {why}; the message's parts were:]"


def parse(content: str) -> EmailMessage:
    """The stored message text as an :class:`EmailMessage` (headers decoded on access)."""
    return message_from_string(content, policy=policy.default)  # type: ignore[return-value]


def header_text(message: EmailMessage) -> str:
    """The kept headers, decoded, one a line."""
    lines = []
    for name in KEPT_HEADERS:
        for value in message.get_all(name, []):
            lines.append(f"{name}: {' '.join(str(value).split())}")
    return "\n".join(lines)


def parts_summary(message: EmailMessage) -> list[str]:
    """One line per leaf part: content type, file name, size and digest of its content."""
    out = []
    for part in message.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True) or b""
        name = part.get_filename()
        out.append(" ".join(x for x in (
            part.get_content_type(), name and f"»{name}«", f"{len(payload)} bytes",
            f"sha256 {hashlib.sha256(payload).hexdigest()}") if x))
    return out


def decoded_texts(message: EmailMessage) -> list[str]:
    """The headers and every text part, decoded (to look for a person in them)."""
    texts = [header_text(message)]
    for part in message.walk():
        if part.is_multipart():
            continue
        if part.get_content_maintype() == "text":
            try:
                texts.append(part.get_content())
            except (LookupError, ValueError):  # an unknown charset: read as bytes
                texts.append((part.get_payload(decode=True) or b"").decode("utf-8", "replace"))
        elif part.get_filename():
            texts.append(part.get_filename())
    return texts


def reduced(content: str, why: str) -> str:
    """The stored message reduced to its headers and the list of its parts."""
    message = parse(content)
    return "\n".join([header_text(message), "", REMOVED_NOTE.format(why=why),
                      *parts_summary(message), ""])


__all__ = ["parse", "header_text", "parts_summary", "decoded_texts", "reduced"]
