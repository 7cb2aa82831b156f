"""Indirect red flags: frame families generalized from two red-flag-heavy corpora by other
writers (tests/data/heldout5 and heldout6).

Real programs rarely ask "how will you rank us?" outright. They ask where they landed on
the list in a P.S., whether the applicant signaled them, or for a reply "if that applies
to you"; they tie a reserved spot to a cancelled interview; they put rules in bulleted
lists that must not read as requests. Every text here is written for this test (other
programs, people and wording than those corpora), each family next to its closest
look-alike, so a pattern that memorized a sentence fails here.
"""

from __future__ import annotations

import pytest

from mailsync.classify import classify
from mailsync.taxonomy import Flag

from .test_classify_helpers import msg, red_flags

R, C, W = Flag.RANK_INQUIRY, Flag.COMMITMENT_REQUEST, Flag.WITHDRAWAL_REQUEST
RED = {R, C, W}
SIG = "\n\nDr. Amara Lindqvist\nProgram Director, Neurology Residency\nCopperfield Medical Center"
_NOTE = "Dear Dr. Haddad,\n\nThank you for visiting Copperfield last week. {}" + SIG


def _flags(body: str, sender: str = "office@copperfieldmc.org") -> tuple[set[Flag], list[str]]:
    return red_flags(body, subject="Copperfield Neurology", sender=sender)


@pytest.mark.parametrize(("sentence", "flags"), [
    # where the program landed, asked indirectly
    ("P.S. If you're comfortable telling me, I'd love to know where we ended up on your list "
     "after your visit.", {R}),
    ("Is Copperfield near the top of your neuro list?", {R}),
    ("Have you interviewed at Bramblewood or Tessaly this season? We compete with them "
     "every year.", {R}),
    ("Also did u signal us?? asking for the chiefs lol", {R}),
    ("During the dinner I'll ask each candidate to name their top two programs in "
     "confidence.", {R}),
    # the ask points back at the sentence before it
    ("It helps our planning to know roughly where Copperfield falls in an applicant's "
     "ranking. Would you be willing to share that?", {R}),
    ("When spots open we first call applicants who have told us that Copperfield is among "
     "their top three. If that applies to you, please reply and tell us so.", {R}),
    # bargains: a reward tied to the applicant's promise or action
    ("If you tell Dr. Lindqvist you're ranking us #1, she basically locks you in.", {C}),
    ("Once you let Dr. Lindqvist know that Copperfield is your choice, you're set.", {C}),
    ("We can only rank applicants who are committed to coming to Copperfield.", {C}),
    ("Sign the agreement before the Match and the position is yours.", {C, W}),
    ("We'd really want a yes from you before our list goes in.", {C}),
    ("Would you be willing to put in writing that Copperfield is your first choice?", {C}),
    ("Cancel your remaining neurology interviews, and we'll reserve your spot with us.",
     {C, W}),
    # giving up other interviews or applications
    ("I'd like to know you've stopped interviewing elsewhere.", {W}),
    ("pls dont go to other interviews after ours, its not necesary.", {W}),
    ("He suggested you withdraw the applications you still have pending elsewhere.", {W}),
    # a second pair of writers: deals, euphemisms, text-speak, releases
    ("Say the word and it's done: you rank us 1, we rank you 1.", {C}),
    ("just tell Dr. Lindqvist ur ranking us 1st and ur golden", {C}),
    ("If you want to tell me where your heart is in March, and it's with Copperfield, I'll "
     "make sure that's reciprocated.", {C}),
    ("We're going to rank you to match here, on the understanding that you'll do the same "
     "for us.", {C}),
    ("You'd need to withdraw your NRMP registration and give me your commitment in writing.",
     {C, W}),
    ("Would you consider signing a letter of agreement in lieu of going through the Match?",
     {C, W}),
    ("Honestly you could skip the rest of your neurology interviews.", {W}),
    ("Please release any interview dates you still hold at other hospitals.", {W}),
    ("We ask that you not pursue offers from other programs.", {W}),
    ("Our rank meeting is close. Where do we sit on yours?", {R}),
    ("I am wishing to know if you will put Copperfield as number one in your rank.", {R}),
    ("We track where our applicants interview each season. Could you send us that?", {R}),
    # a third pair of writers: euphemisms, non-native English, forms
    ("Are we still in the running? Dr. Lindqvist would love a sense of where Copperfield "
     "stands for you.", {R}),
    ("Could you give us a sense of where we fit on your list? If we are at the top, we will "
     "make sure you match with us.", {R, C}),
    ("We'd be grateful if you didn't take any more interviews.", {W}),
    ("For this please to retire your application from NRMP and send us signed paper.", {C, W}),
    ("Once you have, let your other programs know you are off the market.", {W}),
    ("Please confirm that you've cancelled the rest of your neurology interviews.", {W}),
    # giving up interviews, however they are named
    ("If you still have interviews out west in March, could you drop them?", {W}),
    ("Frankly I'd cancel whatever interviews you still have and enjoy the spring.", {W}),
    ("There is really no reason for you to keep doing interviews after this week.", {W}),
    ("She asks that you hold off on any further interviews until we speak.", {W}),
    ("Have you had a chance to tell the other programs you're going with us?", {W}),
    ("It would help us if you let the other places know you are settled.", {W}),
    ("Would you be willing to withdraw your other ERAS applications?", {W}),
    ("We will need proof that your NRMP registration has been withdrawn.", {W}),
    ("Dr. Vance asks that candidates who visit release any other interview dates they hold "
     "that week.", {W}),
    # the list asked for in a logistics note, or of the programs ranked ahead
    ("Please also include in your reply the names of the other programs where you already "
     "have interviews booked.", {R}),
    ("He would appreciate it if you could email him the names of any programs you plan to "
     "rank ahead of Copperfield.", {R}),
    ("At the end of the day Dr. Lindqvist asks every candidate to share their tentative rank "
     "order.", {R}),
    ("We have learned that the candidates who really want us cancel the interviews they "
     "still have after January 15.", {W}),
    # formal and second-language asks
    ("Kindly inform us in which position you are thinking to put our program in your rank "
     "list.", {R}),
    ("The Committee requests that each interviewed candidate disclose the position at which "
     "the candidate intends to list Copperfield on his or her rank order list.", {R}),
    ("He wondered whether you've also had neurology interviews in Ohio, and roughly how many.",
     {R}),
    ("If you're sure about us, go ahead and let your remaining interviews go.", {W}),
    ("Have you withdrawn from the Match as the agreement requires?", {C, W}),
    ("Ines says you still have two interviews on your calendar for late January. I'd "
     "encourage you to cancel those.", {W}),
    # comparisons, plans and the other programs, asked in passing
    ("He'll ask you to walk him through your remaining visits and how Copperfield stacks up "
     "against them.", {R}),
    ("Is Copperfield the only neurology program you applied to in the Midwest, or are there "
     "others?", {R}),
    ("Which categorical programs are you pairing with our prelim year on your list?", {R}),
    ("It would really help me to hear how we compare to the larger programs you saw.", {R}),
    ("Once your list is final, would you give us a heads-up on where Copperfield ended up?",
     {R}),
    ("We ask every interviewee to share their current intentions regarding our program.", {R}),
    ("Dr. Lindqvist likes you to bring a copy of your remaining interview calendar.", {R}),
    ("We expect you to release any other neurology interviews you have booked for January.",
     {W}),
    # giving up visits and trips, freeing dates, wrapping up the season
    ("He usually suggests which of the other interviews you could let go of.", {W}),
    ("Go ahead and cancel your remaining visits and save the airfare.", {W}),
    ("She asks one thing: please free up your other January dates from the 18th on.", {W}),
    ("Please don't plan other residency visits after the 29th.", {W}),
    ("If not, which programs are still left, and would you be open to wrapping those up soon?",
     {R, W}),
    # heard from chiefs and residents, or asked without the stock words
    ("Not sure I'm allowed to ask lol but are we up there for you?? Like top few??", {R}),
    ("It really helps us to plan if we know which advanced programs you interviewed with.", {R}),
    ("She asked me, informally, to find out whether Copperfield is somewhere near the top for "
     "you.", {R}),
    ("Dr. V asked me to find out if you interviewed at Oakhurst too?", {R}),
    ("We choose our people in January and need you to stop looking once you say yes.", {W}),
    ("He'd like you to confirm that you have turned down any other interview invitations you "
     "are still holding.", {W}),
    ("Let's get the rest of your neurology interviews cancelled this week.", {W}),
    ("If you stopped taking new interviews now I think he'd read that as a big yes.", {W}),
    ("Please send me a sentence saying that Copperfield is your first choice.", {C}),
    ("I need you to promise you'll accept when the offer comes through.", {C}),
    ("We keep the second look for candidates who intend to put Copperfield at the top of their "
     "list; please confirm that's you.", {C}),
    # promises asked for in other words
    ("The offer is only valid if you withdraw from the Match and stop interviewing.", {C, W}),
    ("Cancel them, and I'll make sure the committee puts you exactly where you belong.",
     {C, W}),
    ("We'd love an exclusive commitment from you, meaning you'll make Copperfield your home.",
     {C}),
    ("If Copperfield is the first line on your list, you will match here.", {C}),
    ("If you want the spot, just reply \"I accept\" and I'll send the contract.", {C}),
    ("We only hold interview days for candidates who intend to rank Copperfield in their top "
     "three.", {C}),
    ("Send me a short note promising that Copperfield is your top choice, and I'll argue for "
     "you.", {C}),
    ("I can only hold the spot if you confirm today that you'll accept it when it is "
     "offered.", {C}),
    ("Are we your #1? If we are, I can promise you'll match here.", {R, C}),
])
def test_indirect_red_flags(sentence: str, flags: set[Flag]) -> None:
    found, why = _flags(_NOTE.format(sentence))
    assert found == flags, (sentence, why)


@pytest.mark.parametrize(("sentence", "flags"), [
    # a plain question about the rank asks about the rank, not for a promise
    ("Will you be ranking Copperfield first?", {R}),
    # the other programs to give up are no question about them
    ("We also ask that you cancel any remaining interviews with other programs.", {W}),
    # an unconditional ask for the answer asks the rank and for the promise; a bargain on
    # that answer only sets terms
    ("I'd ask that you confirm Copperfield is your first choice before our meeting.", {R, C}),
    ("If you can tell me Copperfield is your first choice, I'll make sure you match here.",
     {C}),
])
def test_which_flag_an_ask_is(sentence: str, flags: set[Flag]) -> None:
    found, why = _flags(_NOTE.format(sentence))
    assert found == flags, (sentence, why)


@pytest.mark.parametrize(("sender", "body"), [
    # rules in a bulleted list under a "may NOT:" header
    ("office@copperfieldmc.org", "Dear applicants,\n\nUnder the Match agreement, a program may "
     "NOT:\n- ask you where else you interviewed;\n- ask you to commit to ranking it first;\n"
     "- ask you to withdraw from the Match or sign a contract before Match Day.\n\nWe follow "
     "these rules." + SIG),
    ("advising@school.example", "A few words before your interviews: if anyone asks you to "
     "promise them a first-place rank or to cancel other interviews, thank them and call "
     "our office."),
    ("office@copperfieldmc.org", _NOTE.format("No member of our faculty will ask about your "
                                             "rank list or the other programs you are "
                                             "considering.")),
    ("office@copperfieldmc.org", _NOTE.format("I wanted to let you know that you will be "
                                             "ranked highly on our list.")),
    ("office@copperfieldmc.org", _NOTE.format("You are not required to tell us where else you "
                                             "have interviewed.")),
    ("office@copperfieldmc.org", _NOTE.format("Dr. Lindqvist asked me to let you know that "
                                             "both positions have been filled, so we are no "
                                             "longer able to hold a spot for you.")),
    ("office@copperfieldmc.org", _NOTE.format("She wants to prioritize people who are serious "
                                             "about us.")),
    ("office@copperfieldmc.org", _NOTE.format("Programs may express interest in you, but they "
                                             "may not ask you to commit to ranking them.")),
    ("office@copperfieldmc.org", _NOTE.format("I want you to know that we will rank you "
                                             "highly.")),
    ("advising@school.example", "Reminders from the Dean's office:\n\u2022 Do not sign any "
     "contract before Match Day unless you have spoken to the advising office first."),
    # advice with the asker in a relative clause; rules that nobody here breaks; history
    ("advising@school.example", "If a program that takes part in the Match asks you to "
     "withdraw or to sign early, do not do either before calling us."),
    ("advising@school.example", "If anybody offers you a spot outside the Match and tells you "
     "to leave the Match, call me first."),
    ("office@copperfieldmc.org", _NOTE.format("Nobody here will ever ask you to pull out of "
                                             "the Match.")),
    ("office@copperfieldmc.org", _NOTE.format("In past years some residents chose to withdraw "
                                             "from the Match after accepting our offer.")),
    ("office@copperfieldmc.org", _NOTE.format("If you need to cancel any interviews with us, "
                                             "just write to Dana.")),
    # rules stated, not asked; "first" that is no rank
    ("office@copperfieldmc.org", _NOTE.format("None of our interviewers will ask you about the "
                                             "other programs you are considering.")),
    ("office@copperfieldmc.org", _NOTE.format("NRMP rules prohibit programs from asking where "
                                             "else you interviewed or how you plan to rank.")),
    ("office@copperfieldmc.org", _NOTE.format("Your place on the waitlist is not affected by "
                                             "anything you tell us about how you plan to rank "
                                             "programs.")),
    ("office@copperfieldmc.org", _NOTE.format("Now that the Match is complete, here are your "
                                             "first steps.")),
    ("office@copperfieldmc.org", _NOTE.format("I want to correct myself: no, please do not "
                                             "withdraw from the Match.")),
    ("office@copperfieldmc.org", _NOTE.format("Trevor asked you last month where we would "
                                             "end up on your list. I shouldn't have asked "
                                             "that, so please disregard it.")),
    ("office@copperfieldmc.org", _NOTE.format("We are tidying our files before the ranking "
                                             "meeting. Do you wish to remain under "
                                             "consideration?")),
    ("advising@school.example", "No US program is allowed to ask how you will rank them. They "
     "also cannot ask you to cancel your other interviews or to withdraw from the Match."),
    ("noreply@slotbook.example", "Your interview is booked. Once you commit to this time slot, "
     "changes need the program's approval."),
    # attendance is no promise about the Match
    ("office@copperfieldmc.org", _NOTE.format("Please confirm your commitment to attend the "
                                             "December 15 interview day.")),
    ("office@copperfieldmc.org", _NOTE.format("Our residents host trivia the night before. Can "
                                             "we count on you to join?")),
    # the ask taken back
    ("office@copperfieldmc.org", _NOTE.format("Please don't feel you have to answer or share "
                                             "anything about how you'll order your list; rank "
                                             "where you'd thrive.")),
])
def test_indirect_look_alikes(sender: str, body: str) -> None:
    found, why = _flags(body, sender)
    assert not found, (body, why)


def test_the_match_services_state_rules_and_ask_nothing() -> None:
    body = ("Dear Applicant,\n\nIf you accept a position outside the Match, you must withdraw "
            "from the Match before the rank order list deadline. No program may require you to "
            "sign a contract before Match Day.\n\nNational Resident Matching Program")
    c = classify(msg(body, subject="Positions outside the Match", sender="noreply@nrmp.org"))
    assert not set(c.flags) & RED and c.kind.value != "pre_match_offer"
    assert any(r.cue == "sender.rule_keeper" for r in c.reasons)
    same = classify(msg(body, subject="Positions outside the Match",
                        sender="pd@copperfieldmc.org"))
    assert W in same.flags  # the same words from a program do ask


def test_a_negation_stops_at_the_next_clause_of_a_list() -> None:
    body = ("Dear Dr. Haddad,\n\nI attach the formal offer of a PGY-1 position. To accept, "
            "please withdraw your NRMP registration, let the other programs know you are no "
            "longer available, and return the signed offer letter by Friday." + SIG)
    c = classify(msg(body, subject="Formal offer", sender="pd@copperfieldmc.org"))
    assert C in c.flags, [r.cue for r in c.reasons]


def test_terms_introduced_after_a_negative_sentence_are_still_asked() -> None:
    body = ("Dear Dr. Haddad,\n\nCopperfield does not take part in the NRMP Match. Because of "
            "this, our offers are made on the following terms:\n\n1. You sign and return the "
            "enclosed Letter of Appointment by October 28.\n2. You withdraw your registration "
            "from the NRMP Match." + SIG)
    c = classify(msg(body, subject="Offer of a PGY-1 position", sender="pd@copperfieldmc.org"))
    assert {C, W} <= set(c.flags)
