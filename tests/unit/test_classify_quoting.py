"""Quoted replies, forward headers and signatures: what the sender wrote now vs before."""

from __future__ import annotations

from mailsync.classify.quoting import split_message


def test_gmail_attribution_and_angle_quotes_are_cut() -> None:
    text = ("Confirmed, see you Tuesday!\nTess\n\n"
            "On Mon, Nov 2, 2026 at 3:47 PM Amina Rahman <amina@gmail.com> wrote:\n"
            "> Dear Ms. Ford, my first choice would be Tuesday.\n> Best, Amina\n")
    parts = split_message(text)
    assert parts.new == "Confirmed, see you Tuesday!\nTess"
    assert "first choice" in parts.quoted and not parts.forwarded


def test_wrapped_attribution_line() -> None:
    text = ("Thanks!\n\nOn Thu, Dec 3, 2026 at 2:51 PM Amina Rahman\n<amina@gmail.com> "
            "wrote:\n> I accept the interview.\n")
    assert split_message(text).new == "Thanks!"


def test_outlook_header_block_is_cut() -> None:
    text = ("Hi Dr. Rahman,\n\nI've moved you to January 11.\n\nTess\n\n"
            "From: Amina Rahman <amina@gmail.com>\nSent: Tuesday, November 10, 2026 9:12 PM\n"
            "To: Tess Ford <tess@ridgeway.org>\nSubject: Re: Interview\n\n"
            "Would it be possible to change my interview? I will rank you #1.")
    parts = split_message(text, "RE: Interview")
    assert "rank you #1" not in parts.new and "moved you" in parts.new


def test_original_message_separator_is_cut() -> None:
    text = "Got it.\n\n-----Original Message-----\nFrom: A\nSent: today\n\nold text"
    assert split_message(text).new == "Got it."


def test_forward_keeps_forwarded_body_and_sender() -> None:
    text = ("---------- Forwarded message ---------\n"
            "From: Tess Ford <tess@ridgeway.org>\nDate: Wed, Nov 4, 2026\n"
            "Subject: Interview Invitation\nTo: <amina@old.edu>\n\n"
            "We would like to invite you to interview.\n\n--\nAuto-forwarded by the school.")
    parts = split_message(text, "Fwd: Interview Invitation")
    assert parts.new == ""
    assert parts.forwarded == "We would like to invite you to interview."
    assert parts.forwarded_from == "tess@ridgeway.org"
    assert "invite you" in parts.readable


def test_coordinator_forward_of_pd_note() -> None:
    text = ("Dr. Vale asked me to forward this to your personal email.\n\nTess\n\n"
            "________________________________\nFrom: Dana Vale <dvale@ridgeway.org>\n"
            "Sent: Thursday, January 14, 2027 3:58 PM\nTo: amina@old.edu\n"
            "Subject: Second look\n\nI'd like to personally invite you to our second look.")
    parts = split_message(text, "FW: Second look")
    assert "second look" in parts.forwarded and parts.forwarded_from == "dvale@ridgeway.org"


def test_signature_delimiter_and_boilerplate_are_dropped() -> None:
    text = ("See you soon.\n-- \nTess Ford\n"
            "CONFIDENTIALITY NOTICE: if you received this in error, reply and delete.")
    assert split_message(text).new == "See you soon."
    text2 = "See you.\n\nCONFIDENTIALITY NOTICE: This e-mail is for the intended recipient."
    assert split_message(text2).new == "See you."


def test_lone_angle_bracket_line_is_not_a_quote() -> None:
    text = "Scores:\n> 240 is our usual cutoff\nPlease send your transcript."
    assert "send your transcript" in split_message(text).new


def test_sent_from_my_phone_is_dropped() -> None:
    assert split_message("Confirmed.\nSent from my iPhone").new == "Confirmed."


def test_a_forward_marker_followed_at_once_by_its_header_is_a_forward() -> None:
    """Gmail writes the From: line right under "---------- Forwarded message ---------";
    the subject need not say Fwd."""
    text = ("See below from Dr. Imrie.\n\n---------- Forwarded message ---------\n"
            "From: Sara Imrie <simrie@wrenfieldmc.org>\nDate: Mon, Jan 4, 2027\n"
            "Subject: Okafor\n\nCan you ask her about her plans?")
    parts = split_message(text, "Okafor")
    assert parts.forwarded == "Can you ask her about her plans?"
    assert parts.forwarded_from == "simrie@wrenfieldmc.org"
