"""A stored message's identity (Message-ID, content hash) must not depend on which
path read it: the plain-shape shortcut of :func:`quick_identity` has to agree with the
email package's header parser on every header block, or a re-sync after an upgrade
could store a message twice."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mailsync.headers import content_hash
from mailsync.ingest import parsed_message_id, quick_identity

_NAMES = st.sampled_from(["Subject", "From", "To", "Date", "Received", "X-Mailer",
                          "Message-ID", "Message-Id", "message-id", "MESSAGE-ID",
                          "Message-ID ", "Content-Type", "References"])
_VALUES = st.sampled_from(["<a1@example.org>", " <b2@mail.example> ", "<c3@x>\t", "plain",
                           "<no-at-sign>", "<d4@x> <e5@y>", "<=?utf-8?q?f6?=@x>", "",
                           "<g7@x>,", "Re: interview", "<h8 @x>", "<i9@x>\r"])
_LINE = st.one_of(
    st.tuples(_NAMES, _VALUES).map(lambda nv: f"{nv[0]}:{nv[1]}"),
    _VALUES.map(lambda v: f" {v}"),             # a folded continuation
    st.sampled_from(["From sender@x Mon Jan  1 00:00:00 2026", "not a header line",
                     ":odd", "X-8bit: caf\xe9"]),
)


def _head(lines: list[str], eol: str) -> bytes:
    return eol.join(lines).encode("utf-8", "surrogateescape")


@settings(max_examples=1000)
@given(st.lists(_LINE, max_size=8), st.sampled_from(["\r\n", "\n"]))
def test_the_shortcut_agrees_with_the_parser(lines: list[str], eol: str) -> None:
    raw = _head(lines, eol) + (eol * 2).encode() + b"body"
    head = raw.split((eol * 2).encode(), 1)[0]
    mid, digest = quick_identity(raw)
    assert digest == content_hash(raw)
    assert mid == parsed_message_id(head, digest)


def test_the_first_message_id_header_wins() -> None:
    raw = b"Message-ID: <first@x>\r\nMessage-ID: <second@x>\r\n\r\nbody"
    assert quick_identity(raw)[0] == "<first@x>"


def test_a_folded_message_id_is_read_whole() -> None:
    raw = b"Subject: hi\r\nMessage-ID:\r\n <folded@x>\r\n\r\nbody"
    assert quick_identity(raw)[0] == "<folded@x>"


def test_mail_without_a_message_id_gets_one_from_its_content() -> None:
    raw = b"Subject: no id\r\n\r\nbody"
    mid, digest = quick_identity(raw)
    assert mid == f"<{digest[:32]}@mailsync.invalid>"
