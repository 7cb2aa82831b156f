"""The bundled sample data of ``mailsync demo``: mail, labels, programs and applicant.

These are data checks, not classifier checks: every sample message must be a
well-formed RFC 5322 message, the labels must cover the mail exactly, and the
programs and applicant files must load the way the demo loads them.
"""

from __future__ import annotations

import email
import email.errors
import email.policy
import json
import re
import tomllib
from collections import Counter
from datetime import datetime
from email.message import EmailMessage
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path

import pytest

from mailsync.config import APPLICANT_KEYS, CITIZENSHIP, VISAS
from mailsync.programs import CSV_COLUMNS, parse_programs_csv
from mailsync.taxonomy import Flag, Kind

SAMPLE = Path(__file__).resolve().parents[2] / "mailsync" / "sample"
MAIL_DIR = SAMPLE / "mail"
MAIL_FILES = sorted(MAIL_DIR.glob("*.eml"))
NAME_RE = re.compile(r"^\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*\.eml$")
REQUIRED_HEADERS = ("Message-ID", "Date", "From", "To", "Subject", "MIME-Version")


def _load(path: Path) -> EmailMessage:
    msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def _labels() -> list[dict]:
    lines = (SAMPLE / "labels.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _programs():
    return parse_programs_csv((SAMPLE / "programs.csv").read_text(encoding="utf-8"))


def _addresses(msg: EmailMessage, *names: str) -> list[str]:
    values = [str(v) for name in names for v in msg.get_all(name, [])]
    return [addr.lower() for _, addr in getaddresses(values)]


# ---------------------------------------------------------------- mail


def test_sample_mail_exists_and_is_numbered():
    assert len(MAIL_FILES) == 36
    for path in MAIL_FILES:
        assert NAME_RE.match(path.name), path.name
    numbers = [int(p.name[:2]) for p in MAIL_FILES]
    assert numbers == list(range(1, len(MAIL_FILES) + 1))


@pytest.mark.parametrize("path", MAIL_FILES, ids=lambda p: p.name)
def test_message_parses_without_header_defects(path: Path):
    msg = _load(path)
    for part in msg.walk():
        header_defects = [d for d in part.defects if isinstance(d, email.errors.HeaderDefect)]
        assert not header_defects, f"{path.name}: {header_defects}"
        for name, value in part.items():
            assert not getattr(value, "defects", ()), f"{path.name} {name}: {value.defects}"
    for name in REQUIRED_HEADERS:
        assert msg[name], f"{path.name}: no {name} header"
    assert msg["MIME-Version"] == "1.0"
    # RFC 2047 words must decode: nothing encoded may survive in the decoded values.
    for name in ("From", "To", "Cc", "Subject"):
        assert "=?" not in str(msg.get(name, "")), f"{path.name}: undecoded {name}"


@pytest.mark.parametrize("path", MAIL_FILES, ids=lambda p: p.name)
def test_message_id_and_date(path: Path):
    msg = _load(path)
    assert re.fullmatch(r"<[^<>@\s]+@[^<>@\s]+>", str(msg["Message-ID"]).strip())
    when = parsedate_to_datetime(str(msg["Date"]))
    assert when.tzinfo is not None, f"{path.name}: Date has no UTC offset"
    # One Match season: September 2026 to March 2027.
    assert datetime(2026, 9, 1).date() <= when.date() <= datetime(2027, 3, 31).date()


@pytest.mark.parametrize("path", MAIL_FILES, ids=lambda p: p.name)
def test_message_body_decodes(path: Path):
    msg = _load(path)
    body = msg.get_body(preferencelist=("plain", "html"))
    assert body is not None, f"{path.name}: no text body"
    text = body.get_content()
    if body.get_content_type() == "text/html":
        text = re.sub(r"<[^>]+>", " ", text)
    words = len(text.split())
    assert 60 <= words <= 400, f"{path.name}: {words} words"
    for part in msg.iter_attachments():
        assert part.get_filename(), f"{path.name}: attachment without a file name"
        assert part.get_content(), f"{path.name}: empty attachment"


def test_messages_are_in_date_order_and_ids_unique():
    msgs = [_load(p) for p in MAIL_FILES]
    dates = [parsedate_to_datetime(str(m["Date"])) for m in msgs]
    assert dates == sorted(dates)
    ids = [str(m["Message-ID"]).strip() for m in msgs]
    assert len(set(ids)) == len(ids)


def test_all_mail_is_addressed_to_the_applicant_on_invented_domains():
    applicant = tomllib.loads((SAMPLE / "applicant.toml").read_text(encoding="utf-8"))
    me = applicant["applicant"]["email"].lower()
    for path in MAIL_FILES:
        msg = _load(path)
        assert me in _addresses(msg, "To"), path.name
        for addr in _addresses(msg, "From", "To", "Cc", "Reply-To"):
            assert addr.endswith(".example"), f"{path.name}: {addr}"


def test_threads_point_at_earlier_sample_messages():
    msgs = [_load(p) for p in MAIL_FILES]
    seen: set[str] = set()
    threaded = 0
    for msg in msgs:
        parents = " ".join(str(msg.get(h, "")) for h in ("In-Reply-To", "References"))
        ids = set(re.findall(r"<[^<>]+>", parents))
        if ids & seen:
            threaded += 1
        seen.add(str(msg["Message-ID"]).strip())
    assert threaded >= 3


def test_sample_covers_the_mime_shapes():
    shapes: Counter[str] = Counter()
    for path in MAIL_FILES:
        msg = _load(path)
        shapes[msg.get_content_type()] += 1
        for part in msg.walk():
            cte = str(part.get("Content-Transfer-Encoding", "")).lower()
            if cte:
                shapes[f"cte:{cte}"] += 1
            if part.get_content_charset() == "iso-8859-1":
                shapes["iso-8859-1"] += 1
            if part.get_content_type() in ("application/pdf", "text/calendar"):
                shapes[part.get_content_type()] += 1
        raw = path.read_bytes()
        if b"=?" in raw.split(b"\n\n", 1)[0]:
            shapes["rfc2047"] += 1
    for shape in ("text/plain", "text/html", "multipart/alternative", "multipart/mixed",
                  "cte:quoted-printable", "cte:base64", "iso-8859-1", "application/pdf",
                  "text/calendar", "rfc2047"):
        assert shapes[shape] >= 1, f"no sample message has {shape}"


# ---------------------------------------------------------------- labels


def test_labels_cover_every_file_exactly_once():
    labels = _labels()
    files = [lab["file"] for lab in labels]
    assert len(files) == len(set(files)), "a file is labeled twice"
    assert sorted(files) == [p.name for p in MAIL_FILES]


def test_labels_use_valid_kinds_flags_and_program_ids():
    kinds = {k.value for k in Kind}
    flags = {f.value for f in Flag}
    program_ids = {p.program_id for p in _programs()}
    for lab in _labels():
        assert set(lab) == {"file", "kind", "flags", "program_id"}, lab
        assert lab["kind"] in kinds, lab
        assert isinstance(lab["flags"], list), lab
        assert len(set(lab["flags"])) == len(lab["flags"]), lab
        assert set(lab["flags"]) <= flags, lab
        assert lab["program_id"] is None or lab["program_id"] in program_ids, lab
        if lab["kind"] == Kind.OTHER:
            # Labeling convention: other mail is never flagged or linked.
            assert lab["flags"] == [] and lab["program_id"] is None, lab


def test_labels_cover_every_kind_and_flag_and_program():
    labels = _labels()
    assert {lab["kind"] for lab in labels} == {k.value for k in Kind}
    assert {f for lab in labels for f in lab["flags"]} == {f.value for f in Flag}
    linked = {lab["program_id"] for lab in labels} - {None}
    assert linked == {p.program_id for p in _programs()}


# ---------------------------------------------------------------- programs and applicant


def test_programs_csv_loads():
    text = (SAMPLE / "programs.csv").read_text(encoding="utf-8")
    header = text.splitlines()[0].split(",")
    assert tuple(header) == CSV_COLUMNS
    programs = _programs()
    assert len(programs) == 10
    assert [p.program_id for p in programs] == [f"S{i:02d}" for i in range(1, 11)]
    assert sum(not p.nrmp_participating for p in programs) == 1
    domains = Counter(d for p in programs for d in p.email_domains)
    assert any(n >= 2 for n in domains.values()), "no two programs share a domain"
    for p in programs:
        assert p.email_domains and all(d.endswith(".example") for d in p.email_domains)
        for addr in (p.pd_email, p.coordinator_email):
            assert addr.split("@", 1)[1] in p.email_domains, addr


def test_applicant_toml_has_every_key():
    data = tomllib.loads((SAMPLE / "applicant.toml").read_text(encoding="utf-8"))
    applicant = data["applicant"]
    assert set(applicant) == set(APPLICANT_KEYS)
    assert all(isinstance(v, str) for v in applicant.values())
    assert applicant["citizenship"] in CITIZENSHIP
    assert applicant["citizenship"] == "needs_visa"
    assert applicant["visa"] in VISAS and applicant["visa"] == "J-1"
    assert applicant["signature"] == ""
    assert applicant["email"].endswith(".example")
