"""The boundary matcher answers exactly as feedparser's own compiled pattern would."""

from __future__ import annotations

import email
import email.feedparser
import re

from hypothesis import given
from hypothesis import strategies as st

from mailsync import boundaries
from mailsync.parse import parse_message

_BOUNDARY = st.text(alphabet=st.sampled_from("abcXYZ019=_-.+()/: '?\\$*[]"),
                    min_size=1, max_size=30)
_PIECE = st.sampled_from(["", "--", "-", " ", "\t", "  ", "\r\n", "\r", "\n", "\n\n",
                          "\r\r", "x", " x", "\r\n\n"])

_GROUPS = (0, "sep", "end", "ws", "linesep")


def _feedparser_pattern(boundary: str) -> str:
    return ("(?P<sep>" + re.escape("--" + boundary)
            + r")(?P<end>--)?(?P<ws>[ \t]*)(?P<linesep>\r\n|\r|\n)?$")


@given(_BOUNDARY, st.lists(_PIECE, max_size=4), st.booleans())
def test_matches_like_the_regex(boundary: str, pieces: list[str], lead: bool) -> None:
    pattern = _feedparser_pattern(boundary)
    line = ("" if lead else "--" + boundary) + "".join(pieces)
    want = re.compile(pattern).match(line)
    got = boundaries.boundary_pattern(pattern).match(line)
    assert (got is None) == (want is None), line
    if want is not None:
        assert [got.group(g) for g in _GROUPS] == [want.group(g) for g in _GROUPS]


def test_other_patterns_are_left_to_re() -> None:
    assert boundaries.boundary_pattern(r"(?P<sep>a+)(?P<end>--)?") is None
    assert boundaries.boundary_pattern(_feedparser_pattern("b"), re.I) is None
    assert boundaries.boundary_pattern(b"(?P<sep>") is None


def test_multipart_mail_parses_as_with_the_real_re(monkeypatch) -> None:
    raw = (b"From: a@b.example\r\nSubject: s\r\nMIME-Version: 1.0\r\n"
           b'Content-Type: multipart/mixed; boundary="==x.y(z)=="\r\n\r\npreamble\r\n'
           b"--==x.y(z)==\r\nContent-Type: text/plain\r\n\r\nhello there\r\n"
           b"--==x.y(z)==  \r\nContent-Type: text/plain; name=a.txt\r\n"
           b"Content-Disposition: attachment; filename=a.txt\r\n\r\nfile body\r\n"
           b"--==x.y(z)==--\r\nepilogue\r\n")
    boundaries.install()
    msg = parse_message(raw)
    assert msg.text.strip() == "hello there"
    assert [a.filename for a in msg.attachments] == ["a.txt"]
    ours = [(p.get_payload(), p.defects) for p in email.message_from_bytes(raw).walk()]
    monkeypatch.setattr(email.feedparser, "re", re)
    theirs = [(p.get_payload(), p.defects) for p in email.message_from_bytes(raw).walk()]
    assert ours[1:] == theirs[1:] == [("hello there", []), ("file body", [])]
