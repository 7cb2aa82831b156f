"""Bytes to :class:`ParsedMessage`: any MIME shape, any charset, never an exception.

mail-parser does the MIME walk and transfer decoding. The standard ``email``
package fills the gaps mail-parser leaves: header values are decoded here (so a
broken RFC 2047 word degrades to text instead of failing), the Date header keeps
its UTC offset (mail-parser normalizes it away, but deadlines need the sender's
zone), and text/calendar parts are read with icalendar. HTML-only mail is turned
into readable text with html2text.

Whatever goes wrong is recorded in ``defects``; a message that cannot be parsed
at all still yields a ParsedMessage with a synthetic Message-ID, so it is stored
and listed rather than dropped.
"""

from __future__ import annotations

import email
import email.header
import email.policy
import email.utils
import logging
from datetime import UTC, datetime
from email.message import Message
from typing import Any

import html2text
import mailparser
from icalendar import Calendar

from mailsync import boundaries
from mailsync.headers import (
    content_hash,
    decode_bytes,
    decode_header_value,
    message_ids,
    synthetic_message_id,
)
from mailsync.message import Address, Attachment, BodyFormat, CalendarEvent, ParsedMessage

log = logging.getLogger(__name__)
# mail-parser reports every multipart container it walks past as "not handled" at
# WARNING; that is normal MIME structure, not a problem worth a log line per message.
logging.getLogger("mailparser").setLevel(logging.ERROR)
boundaries.install()  # no regex compile per multipart message

#: Text longer than this is cut: a classifier needs the first pages, not a 20 MB log.
MAX_TEXT_CHARS = 200_000
#: Attachment text kept for classification (a survey form, an offer letter).
MAX_ATTACHMENT_TEXT = 20_000
#: Headers kept verbatim because they tell mass mail and automated mail apart.
KEPT_HEADERS = (
    "list-id", "list-unsubscribe", "precedence", "auto-submitted", "x-mailer", "sender",
    "x-auto-response-suppress", "reply-to", "return-path", "x-forwarded-for", "x-original-to",
    "delivered-to", "content-type",
)


class _BodyParser(mailparser.MailParser):
    """mail-parser's MIME walk, decoding and defect checks, without its summary dict.

    ``parse()`` ends by building ``mail`` and ``mail_partial``, two dicts of every
    header and part, which this module never reads; that is an eighth of the cost
    of a message. Everything read here (``message``, ``text_plain``, ``text_html``,
    ``attachments``) is filled in before.
    """

    def _make_mail(self, complete: bool = True) -> dict[str, Any]:
        return {}


def parse_message(raw: bytes) -> ParsedMessage:
    """Parse one message. Never raises: problems are listed in ``defects``."""
    digest = content_hash(raw)
    defects: list[str] = []
    try:
        parsed = _BodyParser.from_bytes(raw)
        msg: Message = parsed.message
    except Exception as exc:  # mail-parser raises many types on broken input
        defects.append(f"mail-parser failed: {type(exc).__name__}: {exc}"[:300])
        parsed = None
        msg = _stdlib_message(raw, defects)
    if msg is None:
        return ParsedMessage(
            message_id=synthetic_message_id(digest), size=len(raw), content_hash=digest,
            defects=tuple(defects), body_format="none",
        )
    defects.extend(_message_defects(msg))
    text, html, fmt = _bodies(parsed, msg, defects)
    attachments, events = _attachments(parsed, msg, defects)
    return ParsedMessage(
        message_id=_message_id(msg, digest, defects),
        subject=_header(msg, "subject"),
        from_=_first(_addresses(parsed, msg, "from")),
        to=_addresses(parsed, msg, "to"),
        cc=_addresses(parsed, msg, "cc"),
        reply_to=_addresses(parsed, msg, "reply-to"),
        date=_date(msg, defects),
        in_reply_to=_first_id(_header(msg, "in-reply-to")),
        references=tuple(message_ids(_header(msg, "references"))),
        text=_clean(text)[:MAX_TEXT_CHARS],
        html=_clean(html)[:MAX_TEXT_CHARS],
        body_format=fmt,
        attachments=attachments,
        events=events,
        headers={h: v for h in KEPT_HEADERS if (v := _header(msg, h))},
        size=len(raw),
        content_hash=digest,
        defects=tuple(dict.fromkeys(defects)),
    )


def _stdlib_message(raw: bytes, defects: list[str]) -> Message | None:
    try:
        return email.message_from_bytes(raw)
    except Exception as exc:
        defects.append(f"email package failed: {type(exc).__name__}: {exc}"[:300])
        return None


def _message_defects(msg: Message) -> list[str]:
    found = [type(d).__name__ for d in getattr(msg, "defects", [])]
    for part in msg.walk() if msg.is_multipart() else ():
        found.extend(type(d).__name__ for d in getattr(part, "defects", []))
    return found


def _clean(text: str) -> str:
    """NUL bytes cannot be stored in PostgreSQL text and never carry meaning in mail."""
    return text.replace("\x00", "").replace("\r\n", "\n")


def _header(msg: Message, name: str) -> str:
    try:
        value = msg.get(name)
    except Exception:
        return ""
    if isinstance(value, str) and not value.isascii() and max(value) >= "\udc80":
        value = value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return decode_header_value(value)


def _addresses(parsed: Any, msg: Message, name: str) -> tuple[Address, ...]:
    """The mailboxes of an address header.

    mail-parser has already split them while it walked the headers (and it reads raw
    8-bit names better than the standard library), so its result is used; only where
    mail-parser failed are the headers parsed again. A display name it left as an
    encoded word (it keeps quoted ones literal) is decoded leniently here.
    """
    pairs: list[tuple[str, str]] | None = None
    if parsed is not None:
        try:
            pairs = getattr(parsed, name.replace("-", "_"))
        except Exception:
            pairs = None
    if not isinstance(pairs, list):
        try:
            values = msg.get_all(name) or []
        except Exception:
            return ()
        pairs = email.utils.getaddresses([decode_header_value(v) for v in values])
    result = []
    for display, addr in pairs:
        addr = addr.strip().strip("<>").lower()
        if addr and "@" in addr and not addr.startswith("@"):
            display = display.strip().strip('"')
            if "=?" in display:
                display = decode_header_value(display)
            result.append(Address(name=display, addr=addr))
    return tuple(result)


def _first(items: tuple[Address, ...]) -> Address | None:
    return items[0] if items else None


def _first_id(value: str) -> str:
    ids = message_ids(value)
    return ids[0] if ids else ""


def _message_id(msg: Message, digest: str, defects: list[str]) -> str:
    ids = message_ids(_header(msg, "message-id"))
    if ids:
        return ids[0]
    raw_id = _header(msg, "message-id").strip()
    if raw_id:
        return raw_id if raw_id.startswith("<") else f"<{raw_id}>"
    defects.append("no Message-ID header")
    return synthetic_message_id(digest)


def _date(msg: Message, defects: list[str]) -> datetime | None:
    value = _header(msg, "date")
    if not value:
        return None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        defects.append(f"unparseable Date header: {value[:80]}")
        return None
    if when is None:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def html_to_text(html: str) -> str:
    """Render HTML the way a reader sees it: paragraphs, lists, links kept as URLs."""
    converter = html2text.HTML2Text()
    converter.body_width = 0
    converter.ignore_images = True
    converter.ignore_emphasis = True
    converter.ignore_tables = False
    converter.unicode_snob = True
    try:
        return converter.handle(html).strip()
    except Exception:
        return ""


def _bodies(parsed: Any, msg: Message, defects: list[str]) -> tuple[str, str, BodyFormat]:
    if parsed is not None:
        plain = "\n".join(parsed.text_plain).strip()
        html = "\n".join(parsed.text_html).strip()
    else:
        plain, html = _stdlib_bodies(msg, defects)
    if plain and html:
        return plain, html, "both"
    if html:
        return html_to_text(html), html, "html"
    if plain:
        return plain, "", "plain"
    return "", "", "none"


def _stdlib_bodies(msg: Message, defects: list[str]) -> tuple[str, str]:
    plain: list[str] = []
    html: list[str] = []
    for part in msg.walk():
        if part.is_multipart() or part.get_filename():
            continue
        ctype = part.get_content_type()
        if ctype not in ("text/plain", "text/html"):
            continue
        text = _part_text(part, defects)
        (plain if ctype == "text/plain" else html).append(text)
    return "\n".join(plain).strip(), "\n".join(html).strip()


def _part_text(part: Message, defects: list[str]) -> str:
    try:
        payload = part.get_payload(decode=True)
    except Exception as exc:
        defects.append(f"undecodable part: {exc}"[:200])
        return ""
    if not isinstance(payload, bytes):
        return str(payload or "")
    return decode_bytes(payload, part.get_content_charset())


def _attachments(
    parsed: Any, msg: Message, defects: list[str]
) -> tuple[tuple[Attachment, ...], tuple[CalendarEvent, ...]]:
    attachments: list[Attachment] = []
    events: list[CalendarEvent] = []
    for item in (parsed.attachments if parsed is not None else []):
        attachments.append(_attachment(item))
    for part in msg.walk():
        if part.get_content_type() == "text/calendar":
            events.extend(_calendar_events(_part_text(part, defects), defects))
    return tuple(attachments), tuple(events)


def _attachment(item: dict[str, Any]) -> Attachment:
    payload = item.get("payload") or ""
    binary = bool(item.get("binary"))
    ctype = (item.get("mail_content_type") or "application/octet-stream").lower()
    size = len(payload) * 3 // 4 if binary else len(payload.encode("utf-8", "replace"))
    text = ""
    if ctype.startswith("text/") and not binary:
        text = html_to_text(payload) if ctype == "text/html" else payload
    elif ctype.startswith("text/") and binary:
        text = _decode_base64_text(payload, item.get("charset"))
    return Attachment(
        filename=decode_header_value(item.get("filename") or ""),
        content_type=ctype,
        size=size,
        text=_clean(text)[:MAX_ATTACHMENT_TEXT],
    )


def _decode_base64_text(payload: str, charset: str | None) -> str:
    import base64
    import binascii

    try:
        return decode_bytes(base64.b64decode(payload), charset)
    except (binascii.Error, ValueError):
        return ""


def _calendar_events(text: str, defects: list[str]) -> list[CalendarEvent]:
    try:
        cal = Calendar.from_ical(text)
    except Exception as exc:
        defects.append(f"unreadable calendar part: {exc}"[:200])
        return []
    events = []
    for ev in cal.walk("VEVENT"):
        events.append(
            CalendarEvent(
                summary=str(ev.get("summary", "")),
                start=_ical_time(ev.get("dtstart")),
                end=_ical_time(ev.get("dtend")),
                location=str(ev.get("location", "")),
                uid=str(ev.get("uid", "")),
            )
        )
    return events


def _ical_time(prop: Any) -> datetime | None:
    if prop is None:
        return None
    value = getattr(prop, "dt", None)
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if value is not None:  # an all-day date
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    return None
