"""The corpus converter: real RFC 5322 bytes in the shapes senders use, threaded."""

from __future__ import annotations

import email
from email import policy

import pytest

from mailsync.corpus import (
    convert_all,
    message_id_for,
    record_id_for,
    text_to_html,
    thread_chain,
    to_rfc5322,
)

BASE = {
    "from_name": "Lucía Barrientos", "from_addr": "lb@ridgeway.org",
    "to_addr": "amina@gmail.com", "cc": [], "subject": "Interview – invitation",
    "date": "2026-10-20T08:30:00-07:00", "attachments": [], "in_reply_to": None,
    "labels": {"kind": "interview_invite", "flags": [], "program_id": None},
}


def record(rid: str, fmt: str = "plain", **extra: object) -> dict:
    return {**BASE, "id": rid, "format": fmt,
            "body_text": "Dear Dr. Rahman,\n\n• Dec 9\n• Jan 13\n\nReply by Oct 27.", **extra}


def parsed(raw: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(raw, policy=policy.default)  # type: ignore[return-value]


@pytest.mark.parametrize(("fmt", "ctype"), [("plain", "text/plain"), ("html", "text/html"),
                                             ("both", "multipart/alternative")])
def test_mime_shapes(fmt: str, ctype: str) -> None:
    m = parsed(to_rfc5322(record("d001", fmt)))
    assert m.get_content_type() == ctype
    assert m["Message-ID"] == message_id_for("d001")
    assert m["From"].addresses[0].display_name == "Lucía Barrientos"
    assert m["Date"].datetime.utcoffset().total_seconds() == -7 * 3600


def test_html_rendering_keeps_lists_and_escapes() -> None:
    html = text_to_html("A & B\n\n• one\n• two")
    assert "A &amp; B" in html and "<li>one</li>" in html


def test_attachments_images_calendars_and_documents() -> None:
    rec = record("d002", attachments=[
        {"filename": "logo.png", "content_type": "image/png", "text": ""},
        {"filename": "invite.ics", "content_type": "text/calendar", "text": "BEGIN:VCALENDAR"},
        {"filename": "survey.docx", "content_type": "application/vnd.openxmlformats-"
         "officedocument.wordprocessingml.document", "text": "Where will you rank us?"},
    ], cc=["coord@ridgeway.org"])
    m = parsed(to_rfc5322(rec))
    parts = {p.get_filename(): p for p in m.iter_attachments()}
    assert parts["logo.png"].get_content_type() == "image/png"
    assert parts["invite.ics"].get_content_type() == "text/calendar"
    assert parts["survey.docx"].get_content().strip() == "Where will you rank us?"
    assert m["Cc"] == "coord@ridgeway.org"


def test_threading_headers_follow_the_chain() -> None:
    recs = [record("d010"), record("d011", in_reply_to="d010"),
            record("d012", in_reply_to="d011")]
    by_id = {r["id"]: r for r in recs}
    assert thread_chain(recs[2], by_id) == ["d010", "d011"]
    raw = convert_all(recs)[2]
    m = parsed(raw)
    assert m["In-Reply-To"] == message_id_for("d011")
    assert m["References"].split() == [message_id_for("d010"), message_id_for("d011")]
    assert record_id_for(m["Message-ID"]) == "d012"
    assert record_id_for("<other@example.com>") is None


def test_round_trip_through_the_parser() -> None:
    from mailsync.parse import parse_message as parse

    for fmt in ("plain", "html", "both"):
        p = parse(to_rfc5322(record("d020", fmt)))
        assert "Reply by Oct 27." in p.text
        assert p.message_id == message_id_for("d020")
        assert p.date is not None and p.date.utcoffset().total_seconds() == -7 * 3600
