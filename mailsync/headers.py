"""Message identity and header words: the part of parsing ingest needs at full speed.

Storing a message needs only its Message-ID and a content hash, read from the
header block; keeping these apart from :mod:`mailsync.parse` lets a sync store
raw mail without loading the MIME, HTML and calendar machinery.
"""

from __future__ import annotations

import email.header
import hashlib
from typing import Any


def content_hash(raw: bytes) -> str:
    """The de-duplication key for a message's exact bytes."""
    return hashlib.sha256(raw).hexdigest()


def synthetic_message_id(digest: str) -> str:
    """A stable Message-ID for mail that has none, derived from its content."""
    return f"<{digest[:32]}@mailsync.invalid>"


def decode_header_value(value: Any) -> str:
    """Decode RFC 2047 words leniently; unknown charsets and raw 8-bit degrade to text."""
    if value is None:
        return ""
    if isinstance(value, email.header.Header):
        value = str(value)
    text = str(value)
    try:
        chunks = email.header.decode_header(text)
    except Exception:
        return " ".join(text.split())
    out = []
    for chunk, charset in chunks:
        if isinstance(chunk, bytes):
            out.append(decode_bytes(chunk, charset))
        else:
            out.append(chunk)
    joined = "".join(out) if any(isinstance(c, bytes) for c, _ in chunks) else text
    return " ".join(joined.split())


def decode_bytes(data: bytes, charset: str | None) -> str:
    for candidate in (charset, "utf-8"):
        if not candidate or candidate.lower() in {"unknown-8bit", "x-unknown"}:
            continue
        try:
            return data.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("latin-1")


def message_ids(value: str) -> list[str]:
    """Message-IDs in a References or In-Reply-To header, in order, angle brackets kept."""
    ids = []
    for token in value.replace(",", " ").split():
        token = token.strip()
        if token.startswith("<") and token.endswith(">") and "@" in token:
            ids.append(token)
    return ids
