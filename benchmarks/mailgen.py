"""Realistic Match-season mail for benchmarks: text, HTML and attachments, 2–30 KB."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime

SUBJECTS = [
    "Interview Invitation - Internal Medicine Residency", "Your interview on {d} is confirmed",
    "Thank you for applying", "Program newsletter: November", "Zoom link for tomorrow",
    "We regret to inform you", "Waitlist status update", "Question about your visa status",
    "Virtual open house - RSVP by {d}", "Your ERAS application has been received",
]
PARAS = [
    "Thank you for your interest in our residency program. We were impressed by your "
    "application and would like to invite you to interview with us this season.",
    "Please select an interview date through the scheduling link below. Slots are offered "
    "on a first-come, first-served basis and we ask that you respond within 48 hours.",
    "Our program offers a strong curriculum in inpatient and ambulatory medicine, with "
    "dedicated research time and mentorship for international medical graduates.",
    "If you have any questions about logistics, visa sponsorship or the interview day, "
    "please contact the program coordinator at the address below.",
    "We look forward to meeting you. The interview day includes a morning report, a tour "
    "of the hospital, and conversations with current residents and faculty.",
]


SIGNATURE = (
    "Sincerely,\n\nProgram Coordinator\nGraduate Medical Education\n"
    "Department of Internal Medicine\n555-0142\n\nCONFIDENTIALITY NOTICE: This e-mail "
    "and any attachments are intended only for the addressee and may contain privileged "
    "information.\n"
)


def message(i: int, rng: random.Random) -> bytes:
    """One message; the shape (plain, HTML, attachment) rotates with ``i``."""
    when = datetime(2026, 10, 1, 9, tzinfo=UTC) + timedelta(minutes=7 * i)
    msg = EmailMessage()
    msg["From"] = f"Coordinator {i % 50} <coord{i % 50}@program{i % 40}.example>"
    msg["To"] = "applicant@mail.example"
    msg["Subject"] = rng.choice(SUBJECTS).format(d=(when + timedelta(days=9)).strftime("%b %d"))
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = f"<bench-{i}-{rng.getrandbits(48):x}@program{i % 40}.example>"
    target = rng.randint(2_000, 30_000)
    # Program mail is a few paragraphs of text; the bulk of a 30 KB message is
    # HTML markup, inline styling and attachments, not prose.
    text = "Dear Dr. Applicant,\n\n"
    while len(text) < rng.randint(600, 3_500):
        text += rng.choice(PARAS) + "\n\n"
    text += SIGNATURE
    shape = i % 3
    msg.set_content(text)
    if shape == 1:
        style = 'style="font-family:Arial,sans-serif;font-size:14px;color:#222;margin:0 0 12px"'
        html = "".join(f"<p {style}>{p}</p>" for p in text.split("\n\n"))
        padding = max(0, target - len(text) - len(html))
        table = "<table><tr><td>&nbsp;</td></tr></table>" * (padding // 40)
        msg.add_alternative(f"<html><body>{html}{table}</body></html>", subtype="html")
    elif shape == 2:
        blob = rng.randbytes(max(500, (target - len(text)) * 3 // 4))
        msg.add_attachment(blob, maintype="application", subtype="pdf", filename=f"doc{i}.pdf")
    return bytes(msg)


def messages(n: int, seed: int = 7) -> list[bytes]:
    rng = random.Random(seed)
    return [message(i, rng) for i in range(n)]
