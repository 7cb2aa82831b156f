"""Parsing: any bytes become a ParsedMessage; nothing raises, nothing is dropped."""

from __future__ import annotations

import base64
from email.message import EmailMessage

from hypothesis import given, settings
from hypothesis import strategies as st

from mailsync.parse import parse_message
from tests.support import TORTURE


def _mail(**headers: str) -> EmailMessage:
    msg = EmailMessage()
    for key, value in headers.items():
        msg[key.replace("_", "-")] = value
    return msg


def test_plain_message_fields():
    msg = _mail(From="Dr. Jane Roe <Jane.Roe@Program.example>", To="me@x.example",
                Subject="Interview", Date="Tue, 03 Nov 2026 09:15:00 -0600",
                Message_ID="<a1@program.example>", In_Reply_To="<p0@x.example>",
                References="<r0@x.example> <p0@x.example>")
    msg.set_content("Hello there")
    p = parse_message(bytes(msg))
    assert p.message_id == "<a1@program.example>"
    assert p.sender == "jane.roe@program.example" and p.from_.name == "Dr. Jane Roe"
    assert p.date.utcoffset().total_seconds() == -6 * 3600
    assert p.text.strip() == "Hello there" and p.body_format == "plain"
    assert p.thread_parent_ids == ("<p0@x.example>", "<r0@x.example>")


def test_html_only_becomes_readable_text():
    msg = _mail(From="a@b.example", Subject="x", Message_ID="<h@b.example>")
    msg.set_content("<html><body><p>We are <b>pleased</b> to invite you.</p>"
                    "<ul><li>Jan 12</li><li>Jan 19</li></ul></body></html>", subtype="html")
    p = parse_message(bytes(msg))
    assert p.body_format == "html"
    assert "We are pleased to invite you." in p.text and "Jan 19" in p.text
    assert "<p>" not in p.text


def test_attachments_listed_with_text_and_calendar_events():
    msg = _mail(From="a@b.example", Subject="x", Message_ID="<c@b.example>")
    msg.set_content("see attached")
    msg.add_attachment(b"%PDF-1.4 tiny", maintype="application", subtype="pdf",
                       filename="offer.pdf")
    msg.add_attachment("How will you rank us?\n", filename="survey.txt")
    ics = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\n"
           "UID:1@t\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:20261112T140000Z\r\n"
           "DTEND:20261112T180000Z\r\nSUMMARY:Interview day\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    msg.add_attachment(ics.encode(), maintype="text", subtype="calendar", filename="i.ics")
    p = parse_message(bytes(msg))
    names = {a.filename: a for a in p.attachments}
    assert names["offer.pdf"].content_type == "application/pdf" and names["offer.pdf"].size > 0
    assert "rank us" in names["survey.txt"].text
    assert p.events[0].summary == "Interview day" and p.events[0].start.hour == 14


def test_unknown_charset_and_raw_8bit_headers_degrade_to_text():
    raw = (b"From: =?x-unknown?Q?Caf=E9?= <a@b.example>\r\nSubject: R\xe9sum\xe9 \xff\r\n"
           b"Message-ID: <u@b.example>\r\nContent-Type: text/plain; charset=klingon\r\n\r\n"
           b"Caf\xe9 body\r\n")
    p = parse_message(raw)
    assert p.message_id == "<u@b.example>"
    assert "sum" in p.subject and "body" in p.text


def test_no_message_id_gets_a_stable_synthetic_one():
    raw = b"From: a@b.example\r\nSubject: none\r\n\r\nbody\r\n"
    a, b = parse_message(raw), parse_message(raw)
    assert a.message_id == b.message_id and a.message_id.endswith("@mailsync.invalid>")
    assert "no Message-ID header" in a.defects


def test_truncated_mime_still_yields_a_message():
    raw = (b"From: a@b.example\r\nMessage-ID: <t@b.example>\r\nMIME-Version: 1.0\r\n"
           b"Content-Type: multipart/mixed; boundary=XYZ\r\n\r\n--XYZ\r\n"
           b"Content-Type: text/plain\r\n\r\nhalf a mess")
    p = parse_message(raw)
    assert p.message_id == "<t@b.example>" and "half a mess" in p.text


def test_base64_20mb_attachment_is_measured_not_kept_as_text():
    msg = _mail(From="a@b.example", Subject="big", Message_ID="<big@b.example>")
    msg.set_content("big one")
    msg.add_attachment(b"\0" * (20 * 1024 * 1024), maintype="application",
                       subtype="octet-stream", filename="scan.bin")
    p = parse_message(bytes(msg))
    assert p.attachments[0].size >= 20 * 1024 * 1024 - 4
    assert p.attachments[0].text == "" and len(p.text) < 100


def test_every_torture_file_parses():
    files = sorted(TORTURE.rglob("*.eml"))
    assert len(files) > 90
    for path in files:
        p = parse_message(path.read_bytes())
        assert p.message_id and p.content_hash and p.size == path.stat().st_size


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_never_raise(raw):
    p = parse_message(raw)
    assert p.message_id and p.size == len(raw)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400), st.sampled_from(["utf-8", "latin-1", "utf-16", "koi8-r"]))
def test_any_text_in_any_charset_round_trips(text, charset):
    encoded = text.encode(charset, "replace")
    raw = (f"From: a@b.example\r\nMessage-ID: <z@b.example>\r\nContent-Type: text/plain; "
           f"charset={charset}\r\nContent-Transfer-Encoding: base64\r\n\r\n").encode()
    p = parse_message(raw + base64.encodebytes(encoded))
    assert p.message_id == "<z@b.example>"
    assert isinstance(p.text, str)
