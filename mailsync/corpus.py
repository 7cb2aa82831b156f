"""Labeled corpus records (``corpus/`` schema) turned into real RFC 5322 messages.

The evaluation must exercise the same path as synced mail: bytes → ``parse_message``
→ classify → link. The corpus stores each message as JSON (rendered text, a
format tag, attachments with their extracted text), so this module rebuilds the
bytes a mail server would have held, with the MIME shapes real senders use:

* ``plain``: one text/plain part (transfer encoding varies by record, so both
  quoted-printable and base64 bodies are parsed);
* ``html``: an HTML-only message (the parser must render it to text);
* ``both``: multipart/alternative with a text and an HTML part;
* attachments: images as binary parts, ``text/*`` (calendars) as text parts, and
  documents (PDF, DOCX) as ``text/plain`` parts under their original file name,
  because the corpus keeps only their extracted text and the parser extracts text
  from ``text/*`` parts only;
* threading: Message-IDs derived from the corpus id, In-Reply-To and References
  following ``in_reply_to``; ``Cc``; ``Date`` with the sender's UTC offset.
"""

from __future__ import annotations

import html
import json
import re
import zlib
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from email import policy
from email.headerregistry import Address as HeaderAddress
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

Record = Mapping[str, Any]

#: The smallest valid PNG: image attachments need real binary bytes, not text.
_PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
_MSGID_DOMAIN = "corpus.mailsync.test"
_BULLET = re.compile(r"^\s*[•\-\*–]\s+")


def message_id_for(record_id: str) -> str:
    """The Message-ID the converter gives a corpus record (stable, angle brackets kept)."""
    return f"<{record_id}@{_MSGID_DOMAIN}>"


def record_id_for(message_id: str) -> str | None:
    """Inverse of :func:`message_id_for`; ``None`` for ids the converter did not make."""
    m = re.fullmatch(rf"<([^@>]+)@{re.escape(_MSGID_DOMAIN)}>", message_id.strip())
    return m.group(1) if m else None


def load_records(path: str | Path) -> list[dict[str, Any]]:
    """Read a corpus JSONL file; blank lines are skipped."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def thread_chain(record: Record, by_id: Mapping[str, Record]) -> list[str]:
    """Ancestor ids of ``record``, root first (for the References header)."""
    chain: list[str] = []
    parent = record.get("in_reply_to")
    while parent and parent not in chain:
        chain.append(parent)
        parent = (by_id.get(parent) or {}).get("in_reply_to")
    return list(reversed(chain))


def to_rfc5322(record: Record, by_id: Mapping[str, Record] | None = None) -> bytes:
    """Build the message bytes for one corpus record.

    ``by_id`` (all records by id) lets References list the whole thread; without
    it only the direct parent is referenced.
    """
    msg = EmailMessage(policy=policy.SMTP)
    _set_headers(msg, record, by_id or {})
    _set_body(msg, record)
    for att in record.get("attachments") or ():
        _add_attachment(msg, att)
    return msg.as_bytes()


def iter_corpus(path: str | Path) -> Iterator[tuple[dict[str, Any], bytes]]:
    """Yield ``(record, raw_bytes)`` for every record of a corpus file, in order."""
    records = load_records(path)
    by_id = {r["id"]: r for r in records}
    for record in records:
        yield record, to_rfc5322(record, by_id)


def _variant(record: Record) -> int:
    """A stable per-record number used to vary encodings and header spellings."""
    return zlib.crc32(str(record.get("id", "")).encode())


def _address(name: str, addr: str) -> HeaderAddress:
    local, _, domain = addr.partition("@")
    return HeaderAddress(display_name=name or "", username=local, domain=domain)


def _set_headers(msg: EmailMessage, record: Record, by_id: Mapping[str, Record]) -> None:
    msg["Message-ID"] = message_id_for(record["id"])
    msg["From"] = _address(record.get("from_name", ""), record["from_addr"])
    msg["To"] = record.get("to_addr") or "undisclosed-recipients:;"
    cc = [c for c in record.get("cc") or () if c]
    if cc:
        msg["Cc"] = ", ".join(cc)
    msg["Subject"] = record.get("subject", "")
    when = datetime.fromisoformat(record["date"])
    msg["Date"] = format_datetime(when)
    parent = record.get("in_reply_to")
    if parent:
        msg["In-Reply-To"] = message_id_for(parent)
        chain = thread_chain(record, by_id) if by_id else [parent]
        msg["References"] = " ".join(message_id_for(p) for p in chain)
    msg["MIME-Version"] = "1.0"


def text_to_html(text: str) -> str:
    """Render plain text as simple HTML: paragraphs, line breaks, bullet lists."""
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    out = ["<html><head><meta charset=\"utf-8\"></head><body>"]
    for block in blocks:
        lines = block.split("\n")
        if all(_BULLET.match(line) for line in lines):
            items = "".join(f"<li>{html.escape(_BULLET.sub('', ln))}</li>" for ln in lines)
            out.append(f"<ul>{items}</ul>")
        else:
            out.append("<p>" + "<br>\n".join(html.escape(ln) for ln in lines) + "</p>")
    out.append("</body></html>")
    return "\n".join(out)


def _set_body(msg: EmailMessage, record: Record) -> None:
    text = record.get("body_text", "") or ""
    fmt = record.get("format", "plain")
    cte = "base64" if _variant(record) % 3 == 0 else "quoted-printable"
    if fmt == "html":
        msg.set_content(text_to_html(text), subtype="html", charset="utf-8", cte=cte)
    elif fmt == "both":
        msg.set_content(text, charset="utf-8", cte=cte)
        msg.add_alternative(text_to_html(text), subtype="html", charset="utf-8")
    else:
        msg.set_content(text, charset="utf-8", cte=cte)


def _add_attachment(msg: EmailMessage, att: Mapping[str, Any]) -> None:
    filename = att.get("filename") or "attachment.bin"
    ctype = (att.get("content_type") or "application/octet-stream").lower()
    text = att.get("text") or ""
    maintype, _, subtype = ctype.partition("/")
    if maintype == "image" or not text:
        data = _PNG_1PX if maintype == "image" else b"\x00"
        msg.add_attachment(data, maintype=maintype or "application",
                           subtype=subtype or "octet-stream", filename=filename)
    elif maintype == "text":
        msg.add_attachment(text, subtype=subtype or "plain", filename=filename)
    else:
        # Only the extracted text of a document is known; ship it as text under its name.
        msg.add_attachment(text, subtype="plain", filename=filename)


def convert_all(records: Sequence[Record]) -> list[bytes]:
    """Bytes for every record, threading resolved across the whole list."""
    by_id = {r["id"]: r for r in records}
    return [to_rfc5322(r, by_id) for r in records]
