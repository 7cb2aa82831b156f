"""Turning bytes from anywhere (IMAP, mbox, Maildir, .eml) into stored raw messages.

Only the identity is computed here (Message-ID and a content hash, from the
header block alone), so storing is fast and never depends on a full parse.
"""

from __future__ import annotations

import mailbox
import re
from collections.abc import Iterator
from email.parser import BytesHeaderParser
from email.policy import compat32
from pathlib import Path

from mailsync.errors import ConfigError
from mailsync.headers import content_hash, decode_header_value, message_ids, synthetic_message_id
from mailsync.store.messages import RawMessage

_HEADER_PARSER = BytesHeaderParser(policy=compat32)


#: The usual shape, read without the email package: header lines (or their
#: continuations) up to the first Message-ID header, whose whole value is one plain
#: ``<id@host>``. The first Message-ID header must be that one (a generic header line
#: never consumes it), so this agrees with the parser; anything else (a lone CR, which
#: the parser takes for a line end, included) takes the parser.
_PLAIN_MESSAGE_ID = re.compile(
    rb"(?![ \t])"  # a block opening with a continuation line is broken: the parser's
    rb"(?:(?!message-id:)(?:[\x21-\x39\x3b-\x7e]+:|[ \t])[^\r\n]*\r?\n)*?"
    rb"message-id:[ \t]*(<[\x21-\x3b\x3d\x3f-\x7e]*@[\x21-\x3b\x3d\x3f-\x7e]*>)[ \t]*\r?\n"
    rb"(?![ \t])", re.I)


def quick_identity(raw: bytes) -> tuple[str, str]:
    """(Message-ID, sha256) from the header block only. A writer of a big sync runs
    this for every message, so the common shape skips the email package's parser."""
    digest = content_hash(raw)
    head = raw.split(b"\r\n\r\n", 1)[0] if b"\r\n\r\n" in raw[:65536] else raw.split(b"\n\n", 1)[0]
    head = head[:65536]
    plain = _PLAIN_MESSAGE_ID.match(head + b"\n")
    if plain is not None and b"=?" not in plain.group(1):  # encoded words: the parser's
        return plain.group(1).decode("ascii")[:998], digest
    return parsed_message_id(head, digest), digest


def parsed_message_id(head: bytes, digest: str) -> str:
    """The Message-ID as the email package reads the header block ``head``; one
    derived from the content hash when there is none."""
    try:
        value = decode_header_value(_HEADER_PARSER.parsebytes(head).get("message-id"))
    except Exception:
        value = ""
    ids = message_ids(value)
    if ids:
        return ids[0][:998]
    value = value.strip()
    if value:
        return (value if value.startswith("<") else f"<{value}>")[:998]
    return synthetic_message_id(digest)


def raw_message(raw: bytes, *, uid: int | None = None, flags: tuple[str, ...] = ()) -> RawMessage:
    mid, digest = quick_identity(raw)
    return RawMessage(raw=raw, message_id=mid, content_hash=digest, uid=uid, flags=flags)


def iter_local(path: Path) -> Iterator[bytes]:
    """Messages in an .eml file, a directory of them, an mbox file or a Maildir."""
    if not path.exists():
        raise ConfigError(f"{path}: no such file or directory")
    if path.is_dir():
        if (path / "cur").is_dir() and (path / "new").is_dir():
            yield from _maildir(path)
        else:
            for child in sorted(path.rglob("*")):
                if child.is_file() and not child.name.startswith(".") and _is_mail_file(child):
                    yield from iter_local(child)
        return
    if _looks_like_mbox(path):
        yield from _mbox(path)
    else:
        yield path.read_bytes()


def count_local(path: Path) -> int | None:
    """How many messages ``iter_local`` will yield, when cheap to know (for progress bars)."""
    if path.is_dir() and (path / "cur").is_dir():
        return sum(1 for sub in ("cur", "new") for f in (path / sub).iterdir() if f.is_file())
    return None


_HEADER_LINE = re.compile(rb"^(From |[!-9;-~]+:)")
MAIL_SUFFIXES = {".eml", ".msg", ".mbox", ".mbx"}


def _is_mail_file(path: Path) -> bool:
    """In a directory walk: .eml files always; others only if they start like mail.

    This keeps a README or LICENSE next to the messages from being imported.
    """
    if path.suffix.lower() in MAIL_SUFFIXES:
        return True
    with path.open("rb") as fh:
        return bool(_HEADER_LINE.match(fh.read(200)))


def _looks_like_mbox(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(5) == b"From "


def _mbox(path: Path) -> Iterator[bytes]:
    box = mailbox.mbox(str(path), create=False)
    try:
        for key in box.iterkeys():
            yield box.get_bytes(key)
    finally:
        box.close()


def _maildir(path: Path) -> Iterator[bytes]:
    box = mailbox.Maildir(str(path), factory=None, create=False)
    for key in sorted(box.iterkeys()):
        yield box.get_bytes(key)
