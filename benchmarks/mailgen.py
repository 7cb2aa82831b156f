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
    text = "Dear Dr. Applicant,\n\n"
    while len(text) < target * 0.6:
        text += rng.choice(PARAS) + "\n\n"
    shape = i % 3
    if shape == 0:
        msg.set_content(text)
    elif shape == 1:
        msg.set_content(text)
        html = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
        msg.add_alternative(f"<html><body>{html}</body></html>", subtype="html")
    else:
        msg.set_content(text[: target // 3])
        blob = rng.randbytes(max(500, target - len(text[: target // 3])) // 2)
        msg.add_attachment(blob, maintype="application", subtype="pdf", filename=f"doc{i}.pdf")
    return bytes(msg)


def messages(n: int, seed: int = 7) -> list[bytes]:
    rng = random.Random(seed)
    return [message(i, rng) for i in range(n)]
