"""Message-ID and the outgoing RFC 5322 message: threading, "Re:", UTF-8."""

from __future__ import annotations

import email
import email.policy
import re
from datetime import UTC, datetime, timedelta, timezone
from email.message import EmailMessage

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mailsync.message import Address, ParsedMessage
from mailsync.outbox import (
    MAX_REFERENCES,
    ThreadParent,
    build_outgoing,
    envelope,
    make_message_id,
    normalize_msgid,
    parent_of,
    reply_subject,
    thread_headers,
)

DATE = datetime(2025, 11, 3, 9, 15, tzinfo=timezone(timedelta(hours=-5)))
MSGID = "<mailsync.abc@example.org>"

# RFC 5322 §3.6.4 msg-id = "<" id-left "@" id-right ">", both dot-atom-text here.
ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
DOT_ATOM = rf"{ATEXT}(?:\.{ATEXT})*"
MSG_ID = re.compile(rf"^<{DOT_ATOM}@{DOT_ATOM}>$")


def _build(**overrides: object) -> EmailMessage:
    args: dict[str, object] = {
        "from_": Address("Asha Rao", "asha@example.org"),
        "to": [Address("Program Coordinator", "im@mercy.edu")],
        "subject": "Interview invitation",
        "body": "Thank you.\n",
        "date": DATE,
        "message_id": MSGID,
    }
    args.update(overrides)
    return build_outgoing(**args)  # type: ignore[arg-type]


def _text(msg: EmailMessage) -> str:
    """The decoded body with the wire's CRLF line ends (RFC 5322 §2.3) turned back into LF."""
    return str(msg.get_content()).replace("\r\n", "\n")


def _reparse(msg: EmailMessage) -> EmailMessage:
    parsed = email.message_from_bytes(msg.as_bytes(), policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


# Message-ID --------------------------------------------------------------------


def test_message_id_is_stable_and_valid() -> None:
    first = make_message_id("example.org", "acct-1/draft-17")
    assert first == make_message_id("example.org", "acct-1/draft-17")
    assert first != make_message_id("example.org", "acct-1/draft-18")
    assert first.endswith("@example.org>")
    assert MSG_ID.match(first)


@given(key=st.text(min_size=1, max_size=200), other=st.text(min_size=1, max_size=200))
def test_any_key_gives_a_valid_stable_message_id(key: str, other: str) -> None:
    mid = make_message_id("mail.example.org", key)
    assert MSG_ID.match(mid)
    assert mid == make_message_id("mail.example.org", key)
    if other != key:
        assert mid != make_message_id("mail.example.org", other)


@pytest.mark.parametrize("domain", ["", "exa mple.org", "-bad.org", "a..b", "x@y", "ex<>.org"])
def test_message_id_needs_a_real_domain(domain: str) -> None:
    with pytest.raises(ValueError):
        make_message_id(domain, "k")


def test_message_id_needs_a_key() -> None:
    with pytest.raises(ValueError):
        make_message_id("example.org", "")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("<a@b>", "<a@b>"),
        ("  <a@b>\r\n ", "<a@b>"),
        ("a@b", "<a@b>"),
        ("", ""),
        ("no-at-sign", ""),
        ("<a@b> <c@d>", ""),
    ],
)
def test_normalize_msgid(value: str, expected: str) -> None:
    assert normalize_msgid(value) == expected


# Subject -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("Interview invitation", "Re: Interview invitation"),
        ("Re: Interview invitation", "Re: Interview invitation"),
        ("RE: Interview invitation", "RE: Interview invitation"),
        ("re:Interview", "re:Interview"),
        ("Re[2]: Interview", "Re[2]: Interview"),
        ("Re : Interview", "Re : Interview"),
        ("Fwd: Interview", "Re: Fwd: Interview"),
        ("Regarding your application", "Re: Regarding your application"),
        ("Residency update", "Re: Residency update"),
        ("  Interview\r\n  invitation ", "Re: Interview invitation"),
        ("", "Re:"),
    ],
)
def test_reply_subject_never_doubles_re(subject: str, expected: str) -> None:
    assert reply_subject(subject) == expected
    assert reply_subject(reply_subject(subject)) == reply_subject(subject)


# Threading ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("parent", "in_reply_to", "references"),
    [
        (ThreadParent(message_id="<p@x>"), "<p@x>", ("<p@x>",)),
        (ThreadParent(message_id="<p@x>", references=("<r1@x>", "<r2@x>")),
         "<p@x>", ("<r1@x>", "<r2@x>", "<p@x>")),
        # No References: the parent's single In-Reply-To stands in (RFC 5322 §3.6.4).
        (ThreadParent(message_id="<p@x>", in_reply_to="<g@x>"), "<p@x>", ("<g@x>", "<p@x>")),
        (ThreadParent(message_id="<p@x>", references=("<r1@x>",), in_reply_to="<g@x>"),
         "<p@x>", ("<r1@x>", "<p@x>")),
        (ThreadParent(message_id="p@x", references=("r1@x",)), "<p@x>", ("<r1@x>", "<p@x>")),
        (ThreadParent(message_id="<p@x>", references=("<r1@x>", "<r1@x>", "<p@x>")),
         "<p@x>", ("<r1@x>", "<p@x>")),
        (ThreadParent(message_id="<p@x>", references=("garbage", "<r1@x>")),
         "<p@x>", ("<r1@x>", "<p@x>")),
        (ThreadParent(message_id=""), "", ()),
    ],
)
def test_thread_headers(
    parent: ThreadParent, in_reply_to: str, references: tuple[str, ...]
) -> None:
    assert thread_headers(parent) == (in_reply_to, references)


def test_parent_of_a_parsed_message() -> None:
    parsed = ParsedMessage(message_id="<p@x>", subject="Invite", references=("<r@x>",),
                           in_reply_to="<r@x>")
    assert thread_headers(parent_of(parsed)) == ("<p@x>", ("<r@x>", "<p@x>"))


def test_long_reference_chains_keep_the_root_and_the_newest() -> None:
    refs = tuple(f"<r{i}@x>" for i in range(50))
    _, chain = thread_headers(ThreadParent(message_id="<p@x>", references=refs))
    assert len(chain) == MAX_REFERENCES
    assert chain[0] == "<r0@x>"
    assert chain[-1] == "<p@x>"
    assert chain[-2] == "<r49@x>"


def test_reply_carries_threading_headers_and_one_re() -> None:
    parent = ThreadParent(message_id="<invite@mercy.edu>", references=("<root@mercy.edu>",))
    msg = _reparse(_build(subject="Re: Interview invitation", parent=parent))
    assert msg["In-Reply-To"] == "<invite@mercy.edu>"
    assert msg["References"] == "<root@mercy.edu> <invite@mercy.edu>"
    assert msg["Subject"] == "Re: Interview invitation"


def test_new_message_has_no_threading_headers_and_no_re() -> None:
    msg = _reparse(_build())
    assert msg["In-Reply-To"] is None and msg["References"] is None
    assert msg["Subject"] == "Interview invitation"


def test_parent_without_message_id_gives_no_threading_headers() -> None:
    msg = _reparse(_build(parent=ThreadParent(message_id="")))
    assert msg["In-Reply-To"] is None
    assert msg["Subject"] == "Re: Interview invitation"


# The message -------------------------------------------------------------------


def test_headers_of_a_plain_message() -> None:
    msg = _build(cc=["Dr. Lee <lee@mercy.edu>"])
    raw = msg.as_bytes()
    parsed = _reparse(msg)
    assert parsed["From"] == "Asha Rao <asha@example.org>"
    assert parsed["To"] == "Program Coordinator <im@mercy.edu>"
    assert parsed["Cc"] == '"Dr. Lee" <lee@mercy.edu>'  # "." needs quoting in a phrase
    assert parsed["Message-ID"] == MSGID
    assert parsed["Date"] == "Mon, 03 Nov 2025 09:15:00 -0500"
    assert parsed["MIME-Version"] == "1.0"
    assert parsed.get_content_type() == "text/plain"
    assert parsed.get_content_charset() == "utf-8"
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    assert envelope(msg) == ("asha@example.org", ("im@mercy.edu", "lee@mercy.edu"))


def test_utf8_subject_names_and_body_are_encoded_7bit_and_round_trip() -> None:
    subject = "Entrevista — Médecine interne, 東京"
    body = "Estimada Dra. Núñez,\n\nGracias — ¡muchas gracias! Zürich 東京\n"
    msg = _build(from_=Address("Renée Ødegård", "renee@example.org"), subject=subject,
                 body=body)
    raw = msg.as_bytes()
    assert raw.isascii()  # RFC 2047 headers + quoted-printable body: no 8BITMIME needed
    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))  # RFC 5322 §2.1.1
    parsed = _reparse(msg)
    assert parsed["Subject"] == subject
    assert parsed["From"].addresses[0].display_name == "Renée Ødegård"
    assert parsed["Content-Transfer-Encoding"] == "quoted-printable"
    assert _text(parsed) == body


def test_header_injection_through_the_subject_is_flattened() -> None:
    msg = _reparse(_build(subject="Hello\r\nBcc: everyone@example.com"))
    assert msg["Bcc"] is None
    assert msg["Subject"] == "Hello Bcc: everyone@example.com"


BODY_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.just("\n"), max_size=400
)


@given(body=BODY_TEXT, subject=st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=120))
def test_any_text_round_trips(body: str, subject: str) -> None:
    msg = _build(body=body, subject=subject)
    raw = msg.as_bytes()
    assert raw.isascii()
    parsed = _reparse(msg)
    expected = body if body.endswith("\n") else body + "\n"
    assert _text(parsed) == expected
    assert str(parsed["Subject"]) == " ".join(subject.split())


@pytest.mark.parametrize(
    "overrides",
    [
        {"date": datetime(2025, 1, 1)},  # naive
        {"message_id": "not an id"},
        {"to": []},
        {"to": ["no-at-sign"]},
    ],
)
def test_build_outgoing_rejects_bad_input(overrides: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        _build(**overrides)


def test_date_is_taken_as_given() -> None:
    msg = _reparse(_build(date=datetime(2025, 12, 24, 23, 59, 59, tzinfo=UTC)))
    assert msg["Date"] == "Wed, 24 Dec 2025 23:59:59 +0000"
