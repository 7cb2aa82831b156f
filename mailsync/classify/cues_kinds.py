"""More kind and context cue families: the phrasings programs, platforms and services use
beyond the first registry (:mod:`mailsync.classify.cues`).

Each cue is a family of phrasings for one intent (synonyms, word order, politeness
forms, status-line templates of interview platforms, non-native wording), never a
sentence of any corpus. Weak cues (< 1.0) only decide together with another cue of
the same kind. Registered in :data:`mailsync.classify.cues.ALL_CUES`.
"""

from __future__ import annotations

from mailsync.classify.cues import Cue, _c
from mailsync.taxonomy import Kind

_STATUS = (r"(?:new |current |application |interview |your )?status(?: update)?\s*"
           r"(?::|-|is now|is)\s*")

# Rejection -----------------------------------------------------------------------------------
_REJECTION = [
    # Platform status lines: "Status: Not invited", "New status: NOT SELECTED".
    # Look-alike: "Status: Waitlisted" (waitlist), "Status: Invited" (invite).
    _c("reject.status_line", Kind.REJECTION, 1.8, "platform status: not selected",
       _STATUS + r"(?:not (?:invited|selected|offered|moving forward|chosen|successful)|"
       r"declined by (?:the )?program|rejected|unsuccessful|no interview|closed - not selected)\b",
       negatable=False, keys=("status",)),
    # "has released remaining applicants", "no longer under consideration", "will not be
    # moving forward", "decided to pursue other candidates".
    _c("reject.released", Kind.REJECTION, 1.6, "applicant released or not moving forward",
       r"\breleas(?:ed|ing) (?:all )?(?:of )?(?:the |its |our )?remaining (?:applicants|candidates"
       r")\b|"
       r"\bno longer (?:under|being considered|in) (?:consideration|the running)?\b|"
       r"\b(?:will|are|is|can) not (?:be )?(?:moving|move|going) forward with (?:your|you)\b|"
       r"\b(?:won't|will not|are not|aren't|cannot|can't|unable to) (?:be )?(?:inviting|interview"
       r"ing|offering|extending)(?: you)? (?:an? |any |additional |further |more )?(?:interview|"
       r"invitation|you)s?\b|"
       r"\bdecided to (?:pursue|proceed with|move forward with|go with) other (?:candidates|"
       r"applicants)\b|\bnot among (?:the |those )?(?:applicants |candidates )?(?:selected|invited|"
       r"chosen)\b|\b(?:your application|you) (?:was|were|has been|have been) unsuccessful\b",
       negatable=False,
       keys=("releas", "no longer", "forward with", "inviting", "interviewing", "offering",
             "extending", "other candidates", "other applicants", "not among", "unsuccessful")),
    # Soft signals that add up: "Unfortunately", "completed its interview selections",
    # "isn't the news you hoped for", "we wish you the best in your search".
    _c("reject.completed", Kind.REJECTION, 0.6, "program finished its selections",
       r"\b(?:has|have) (?:now )?(?:completed|finished|concluded|closed) (?:its|our|their|all)?"
       r" ?(?:interview )?(?:selections?|scheduling|invitations|offers|interview offers)\b|"
       r"\bfinished (?:scheduling|extending|sending) (?:interviews|invitations)\b|"
       r"\bfilled all (?:of )?(?:our|its|their|the)? ?(?:interview )?(?:slots|spots|positions|dates"
       r"|sessions)\b"),
    # "both of our PGY-1 positions have been accepted, so we are no longer able to hold a
    # spot for you", "the offer made to you on October 20 is therefore closed". Not final:
    # a waitlist placement in the same note still wins.
    _c("reject.filled", Kind.REJECTION, 1.2, "positions filled; nothing held for the applicant",
       r"\b(?:all|both|each) (?:of )?(?:our |the |its )?(?:[\w-]+ ){0,3}(?:positions|spots|slots|"
       r"places)\b[^.?!]{0,60}\b(?:have|has|are|were) (?:now |all |already )*(?:been )?(?:filled|"
       r"accepted|taken)\b(?! (?:through|in|via|by) the\b)|\bno longer able to (?:hold|keep|offer|"
       r"reserve)\b|\b(?:offer|position) (?:made|extended) to you\b[^.?!]{0,40}\b(?:is|has been) "
       r"(?:therefore |now )?(?:closed|withdrawn|rescinded|no longer (?:valid|available))\b",
       negatable=False, keys=("filled", "accepted", "taken", "no longer able", "to you")),
    _c("reject.news", Kind.REJECTION, 0.8, "not the news the applicant hoped for",
       r"\b(?:is ?n't|is not|was not|wasn't|not) the (?:news|outcome|answer|result) you (?:were |h"
       r"ad"
       r" )?hop(?:ed|ing) for\b|\bdisappointing news\b", negatable=False),
    _c("reject.unfortunately", Kind.REJECTION, 0.4, "unfortunately",
       r"\bunfortunately\b", negatable=False),
    _c("reject.wish_best", Kind.REJECTION, 0.5, "wishes the applicant well elsewhere",
       r"\bwish(?:ing)? you (?:the )?(?:very )?(?:best|success|well|luck|all the best|every succes"
       r"s)"
       r"\b[^.?!]{0,40}\b(?:search|future|endeavou?rs|career|application process|elsewhere|"
       r"journey|season|pursuits)\b"),
    _c("reject.competitive", Kind.REJECTION, 0.4, "competitive applicant pool",
       r"\b(?:highly|extremely|very) competitive (?:applicant pool|year|season|cycle)\b|"
       r"\b(?:large|record|unprecedented) number of (?:highly )?(?:qualified |strong )?"
       r"(?:applicants|applications)\b|\bafter careful (?:consideration|review)\b",
       keys=(" competitive ", "number of", "after careful ")),
]

# Waitlist ------------------------------------------------------------------------------------
_WAITLIST = [
    # "Status: Waitlisted", "you are still on our alternate list", "remain on the wait list".
    # Look-alike: "if you'd like to join our waitlist" (hypothetical).
    _c("waitlist.status_line", Kind.WAITLIST, 1.6, "platform status: waitlisted",
       _STATUS + r"(?:wait ?-?listed|wait ?-?list|on hold|alternate|hold list|stand-?by)\b",
       negatable=False, keys=("status",)),
    _c("waitlist.on_list", Kind.WAITLIST, 1.6, "applicant is on an alternate or wait list",
       r"\b(?:you|your (?:application|name))(?:'re| are| remain| will remain| have been| were|'ve "
       r"been| is| was| has been)? (?:still |currently |now |also )?(?:on|in) (?:our|the|an?|its|"
       r"their) (?:[\w-]+ ){0,2}(?:alternate|wait(?:ing)?|stand-?by|reserve|back-?up|hold) ?list\b|"
       r"\bremain(?:s|ing)? on (?:our|the|its|their) (?:[\w-]+ ){0,2}(?:alternate|wait(?:ing)?|"
       r"stand-?by|hold) ?list\b|\bwait-listed\b",
       hypothetical=True, keys=("list",)),
    # "Unfortunately we are unable to offer you an interview at this time. However, your
    # application remains under consideration" (with a date that may open: a waitlist).
    _c("waitlist.held", Kind.WAITLIST, 0.6, "application held for later",
       r"\b(?:your (?:application|file)|you) (?:remains?|will remain|is still|are still|is being "
       r"kept|will be kept) (?:under (?:active )?consideration|on file|in our (?:active )?pool)\b"),
    _c("waitlist.spot_opens", Kind.WAITLIST, 0.5, "will reach out if a spot opens",
       r"\bif (?:a|an|any) (?:[\w-]+ )?(?:spot|slot|session|date|position|opening|place|seat)s? "
       r"(?:opens|open up|becomes? available|frees? up)\b", negatable=False),
]

# Interview logistics -------------------------------------------------------------------------
_LOGISTICS = [
    # "Your interview details are ready", "here are the details for next Tuesday".
    # Look-alike: open-house details (damped for mass mail by the engine).
    _c("logistics.details", Kind.INTERVIEW_LOGISTICS, 1.0, "details of the interview day",
       r"\binterview(?: day)? (?:details|information|info|instructions|logistics|materials|packet|"
       r"schedule)\b|\bdetails for (?:your|next|tomorrow|this|the|our) |"
       r"\bhere (?:are|is) (?:the|your) (?:details|schedule|agenda|zoom|link|itinerary|plan)\b",
       keys=("details", "information", "info", "instructions", "logistics", "materials",
             "packet", "schedule", "here are", "here is")),
    # "Thank you for letting us know - we've released your interview spot": the applicant's
    # own cancellation acknowledged, not a rejection.
    _c("logistics.released_at_request", Kind.INTERVIEW_LOGISTICS, 1.6,
       "the applicant's cancelled interview acknowledged",
       r"\b(?:we've|we have|I've|I have) (?:released|cancell?ed|removed) your (?:interview )?"
       r"(?:spot|slot|date|interview|reservation)\b|\bcancell?ed your interview (?:as you "
       r"requested|per your request)\b", keys=("released", "cancelled", "canceled", "removed")),
    # A waitlist for an earlier date while an interview is booked is scheduling.
    _c("logistics.date_waitlist", Kind.INTERVIEW_LOGISTICS, 1.0, "waitlisted for another date",
       r"\b(?:date|time|session|slot) wait ?-?list\b|\bwait ?-?list for (?:an? |the )?(?:earlier|"
       r"later|different|another|other|sooner) (?:interview )?(?:date|time|session|slot)\b|"
       r"\bon the wait ?-?list for an? (?:earlier|later|different|sooner) date\b",
       keys=("wait",)),
    # "we need to move your interview", "the new date works for you".
    _c("logistics.move", Kind.INTERVIEW_LOGISTICS, 1.1, "interview moved to another date",
       r"\b(?:need|have|had|forced) to (?:move|change|reschedule|shift|postpone|push back)\b"
       r"[^.?!]{0,50}\binterview\b|\bmove your (?:[\w/&-]+ ){0,3}interview\b|\bnew (?:interview )?"
       r"(?:date|time|session)\b[^.?!]{0,30}\b(?:works|work|is|will be)\b",
       keys=("move", "change", "reschedule", "shift", "postpone", "push back", "new")),
    # Video-interview mechanics: meeting URLs and ids, webcams, interviewer lists.
    _c("logistics.video", Kind.INTERVIEW_LOGISTICS, 0.7, "video interview mechanics",
       r"\bzoom\.[a-z]+/j/|\bmeeting id\b|\bjoin (?:the|your) (?:session|interview|meeting|call)\b|"
       r"\binterview links?\b|\bwebcam\b|\bscreen ?share\b|\binterviewer (?:list|names)\b|"
       r"\byour interviewers?\b|\bif you need to (?:cancel|reschedule)\b",
       keys=("zoom", "meeting id", "join the", "join your", "interview link", "webcam", "screen",
             "interviewer", "if you need to")),
    _c("logistics.your_interview", Kind.INTERVIEW_LOGISTICS, 0.6, "about the applicant's interview",
       r"\byour (?:[\w/&-]+ ){0,3}interview (?:on|for|with|at|is|day|date|session|time|from)\b",
       keys=("interview on", "interview for", "interview with", "interview at", "interview is",
             "interview day", "interview date", "interview session", "interview time",
             "interview from")),
    _c("logistics.subject", Kind.INTERVIEW_LOGISTICS, 0.7, "subject: your interview on a date",
       r"^(?!\s*(?:re|aw|sv)\s*:)(?:.*\byour\b.{0,60}\binterview\b.{0,20}\b(?:mon|tue|wed|thu|fri|"
       r"sat|sun|jan|feb|mar|oct|nov|dec|\d{1,2}/\d{1,2})|.*\binterview (?:details|confirmation|"
       r"confirmed|reminder|itinerary|logistics|link|day details|schedule change|date change)|"
       r".*\b(?:tomorrow'?s|today'?s) interview|.*\binterview (?:tomorrow|today)\b)",
       where="subject", keys=("interview",)),
]

# Interest signal -----------------------------------------------------------------------------
_INTEREST = [
    # "you will be ranked to match", "we plan to rank you very favorably", "high on our list".
    # Look-alike: "where will you rank us?" (a rank question, flags).
    _c("interest.ranked_well", Kind.INTEREST_SIGNAL, 1.5, "program will rank the applicant well",
       r"\b(?:be|been|is|are|'re|was|were|being|get) ranked (?:very |quite |extremely )?(?:highly|"
       r"high|to match|favou?rably|near the top|at the top|competitively)\b|"
       r"\brank(?:ing)? you (?:very |quite |extremely )?(?:favou?rably|competitively|near the top|"
       r"among (?:our|the) (?:top|best)|in (?:our|the) top|high on our list)\b|"
       r"\b(?:high|near the top|at the top) (?:up )?(?:on|of) our (?:rank )?list\b|"
       r"\b(?:we|I)(?:'ll| will) (?:still |definitely |certainly |absolutely |happily )?rank you\b"
       r"(?! (?:low|lower|below|last|only if|if))",
       hypothetical=True, keys=("ranked", "rank", "our list", "our rank list")),
    # "You were one of my favorite conversations of the season", "you were a favorite".
    _c("interest.favorite", Kind.INTEREST_SIGNAL, 1.4, "the applicant was a favorite",
       r"\byou(?:'re| are| were) (?:one of (?:my|our|the) (?:very |absolute )?(?:favou?rites?|"
       r"favou?rite \w+|best \w+|highlights)|(?:a|our|my) (?:real |clear |big |definite )?"
       r"favou?rite)\b",
       keys=("favorite", "favourite", "best", "highlights")),
    # "one of the stand-out candidates of our season", "among our favourite interviewees".
    _c("interest.standout", Kind.INTEREST_SIGNAL, 1.4, "among the program's best candidates",
       r"\b(?:one of|among) (?:the |our )?(?:very )?(?:[\w-]+ ){0,2}(?:stand-?out|standout|"
       r"strongest|top|best|most (?:impressive|memorable)|favou?rite|exceptional|outstanding) "
       r"(?:candidates|applicants|interviewees|interviews|people)\b",
       keys=("candidates", "applicants", "interviewees", "interviews", "people")),
    # "you are among the candidates we are most seriously considering", "one of the
    # applicants we are most excited about". Look-alike: "we are considering all applicants".
    _c("interest.considering", Kind.INTEREST_SIGNAL, 1.4, "among those the program favors",
       r"\b(?:among|one of) (?:the |our |a (?:small |few |handful of )?)?(?:[\w-]+ ){0,2}"
       r"(?:candidates|applicants|people|interviewees) (?:that |whom |who )?(?:we(?:'re| are)|I"
       r"(?:'m"
       r"| am)) (?:most |very |highly |strongly |seriously |actively |especially |really )+"
       r"(?:considering|interested in|excited about|hoping to (?:match|recruit|rank))\b",
       keys=("candidates", "applicants", "people", "interviewees")),
    # "someone we'd very much like to have here", "our faculty loved you",
    # "we truly hope you'll join us". Look-alike: "we'd love to have you join our open house".
    _c("interest.want_you", Kind.INTEREST_SIGNAL, 1.2, "program wants this applicant",
       r"\b(?:we'?d|we would|I'?d|I would) (?:very much |really |truly |genuinely )?(?:like|love) "
       r"to (?:have you (?:here|as (?:a|one of our|our|part)|train (?:here|with us)|join (?:our|th"
       r"e) "
       r"(?:program|team|residency|family|class))|welcome you (?:here|to our (?:program|team|"
       r"family)|as))\b|"
       r"\bsomeone (?:we'?d|we would) (?:very much |really |truly )?(?:like|love) to have\b|"
       r"\b(?:we|I) (?:really |truly |sincerely )?hope (?:you'?ll|you will|to) (?:join us|train "
       r"(?:with us|here)|be part of our|match (?:with us|here|at)|see you (?:here )?in (?:july|ju"
       r"ne))"
       r"\b|\b(?:faculty|team|residents|we|everyone|committee) (?:all |really )?(?:loved|adored|"
       r"really liked) (?:you|meeting you|having you)\b",
       keys=("to have you", "welcome you", "to have", "hope", "loved", "adored", "really liked")),
    # A personal invitation to visit or spend time (second visit), not an interview.
    _c("interest.visit", Kind.INTEREST_SIGNAL, 1.3, "personal invitation to visit",
       r"\b(?:personally )?invite you to (?:visit|come (?:back|see|visit|spend)|tour|spend (?:a|th"
       r"e)"
       r" (?:morning|day|afternoon)|see (?:us|the (?:place|program|hospital)) in person)\b",
       hypothetical=True, keys=("invite you to",)),
]

# "We want you to interview.", "We want you to come interview", "We would very much like you
# to interview with the Calder County Family Medicine Residency", "we would love for you to
# interview at Cumberland Ridge". Look-alike: the day's
# schedule, "we'd like you to interview with Dr. Patel at 10".
_INVITE_WANT = [
    _c("invite.want_you_to", Kind.INTERVIEW_INVITE, 1.5,
       "program wants the applicant to interview",
       r"\b(?:want|wants|(?:would|'d) (?:very much |really |still )?(?:like|love)(?: for)?) you to "
       r"(?:come (?:and |out and |in and )?)?interview\b(?! with (?:dr\b|doctor|our (?:pd|chair|"
       r"faculty|residents|chiefs?)|the (?:pd|chair|residents|faculty|chiefs?)|each|both|two|"
       r"three))",
       hypothetical=True, keys=("you to interview", "you to come interview", "love for you to",
                                "like for you to",
                                "you to come and interview", "you to come out and interview",
                                "you to come in and interview")),
    # "Would you be willing to interview with us by video?"
    _c("invite.willing", Kind.INTERVIEW_INVITE, 1.5, "asks whether the applicant will interview",
       r"\b(?:would|could|will) you be (?:willing|able|available|interested|free) to (?:come "
       r"(?:and )?)?interview with us\b",
       keys=("interview with us",)),
]

# Pre-match offer -----------------------------------------------------------------------------
_OFFER = [
    # "we are prepared to offer you one of our PGY-1 positions", "able to offer you a spot";
    # the contract itself ("Resident Employment Agreement for your PGY-1 position"), and the
    # offer's own expiry ("the offer will be withdrawn"). Look-alike: "offer you an interview".
    _c("offer.prepared", Kind.PRE_MATCH_OFFER, 1.3, "offers the applicant a position",
       r"\b(?:prepared|ready|able|pleased|happy|delighted|thrilled|excited|glad|like|want|going|"
       r"authori[sz]ed) to (?:formally )?offer you (?:an?|one of (?:our|the|two|three)|the|this|"
       r"our)? ?(?:[\w/-]+ ){0,4}(?:positions?|spots?|places?|slots?|contracts?|appointments?|"
       r"fellowships?|jobs?)\b",
       keys=("offer you",)),
    _c("offer.contract_for_position", Kind.PRE_MATCH_OFFER, 1.2, "contract for a position",
       r"\b(?:contract|agreement|offer letter)\b[^.?!]{0,40}\bfor your (?:[\w-]+ ){0,3}"
       r"(?:position|appointment|residency)\b|\b(?:the|this|your|our) offer will (?:be )?(?:wit"
       r"hdrawn|"
       r"rescinded|void|revoked|cancel\w*|lapse|expire)\b|\b(?:resident|house ?staff) employment "
       r"agreement\b", keys=("for your", "offer will", "employment agreement")),
    # "We would like to make you a formal offer", "an offer of employment/appointment",
    # "this offer expires Friday". Look-alike: "extend an offer to interview" (invite).
    _c("offer.make_offer", Kind.PRE_MATCH_OFFER, 1.2, "makes the applicant an offer",
       r"\b(?:make|making|extend|extending|send|sending|issue|issuing) (?:you )?(?:an? |our |this "
       r")?"
       r"(?:formal |written |official |conditional |firm )?offer\b(?! (?:to|of|for) (?:an? |your )?"
       r"(?:[\w-]+ )?interview)|\b(?:an? |our |this |the )?(?:formal |written |official )?offer of "
       r"(?:employment|residency|appointment|a (?:[\w-]+ )?(?:position|spot|contract|residency)|"
       r"a pgy)|\b(?:this|the|our|your) offer (?:expires|is valid|stands|will remain open|lapses)"
       r"\b",
       keys=("offer",)),
    # Positions that do not go through the Match: "non-Match position", "before the Match".
    _c("offer.non_match", Kind.PRE_MATCH_OFFER, 0.8, "position outside the NRMP process",
       r"\bnon-?(?:nrmp|match)(?:[- ]participating)? (?:position|spot|program|offer|contract)\b|"
       r"\b(?:position|spot|contract|offer)s?\b[^.?!]{0,50}\b(?:prior to|before|independent of|"
       r"separate from) the (?:NRMP |main )?Match\b|\b(?:open|unfilled|vacant|available) (?:pgy-?\d"
       r" |categorical |preliminary )?(?:position|spot|slot)s? (?:starting|beginning|effective|for)"
       r"\b", keys=("non", "prior to", "before", "independent of", "separate from", "position",
                     "spot", "slot")),
    _c("offer.join_as", Kind.PRE_MATCH_OFFER, 0.6, "asks the applicant to join as a resident",
       r"\bjoin (?:us|our (?:program|team|residency)) as (?:an? |one of our )?(?:pgy-?\d|intern|"
       r"first-year|resident|categorical|preliminary)\b|\baccept (?:this|our|the) offer\b|"
       r"\bbring you on ?board as\b",
       keys=("join", "accept", "bring you on")),
    # "we have an opening in our PGY-2 class and would like you to fill it", "the off-cycle
    # slot is yours if you want it". Look-alike: "the choice is yours".
    _c("offer.yours", Kind.PRE_MATCH_OFFER, 1.2, "a position is the applicant's for the taking",
       r"\b(?:opening|vacancy|position|spot|slot)\b[^.?!]{0,60}\b(?:would like|want|like|hope) you "
       r"to (?:fill|take|accept) it\b|\b(?:position|spot|slot|opening|it)(?:'s| is) yours if you "
       r"(?:want|would like|accept)\b",
       keys=("you to fill", "you to take", "you to accept", "yours if you")),
    # "hold one TY position outside the Match ... offer it to you".
    # Look-alike: "programs may not offer positions outside the Match" (negated policy).
    _c("offer.outside_match", Kind.PRE_MATCH_OFFER, 1.2, "position outside the Match",
       r"\b(?:position|spot|slot|place|contract)s?\b"
       r"(?!(?: are| were| is| get)? (?:filled|recruited))[^.?!]{0,60}\boutside (?:of )?the "
       r"(?:NRMP |main )?(?:residency )?Match\b|"
       r"\boutside (?:of )?the (?:NRMP )?Match\b[^.?!]{0,60}\b(?:position|offer|spot|contract)\b",
       # how the program recruits, not an offer: "our program fills its positions outside"
       unless=r"\b(?:fills?|filled|recruits?|recruited|hires?|hired)\b[^.?!]{0,25}$",
       keys=("outside",)),
    # "He still has a contract ready for you if you're willing to withdraw", "there's a
    # position waiting for you here": a contract or post already set aside for the applicant.
    _c("offer.ready_for_you", Kind.PRE_MATCH_OFFER, 1.2, "a contract is ready for the applicant",
       r"\b(?:contract|agreement|position|spot|slot)s? (?:is |are )?(?:ready|waiting|drawn up|"
       r"prepared|on the table) for you\b",
       keys=("ready for you", "waiting for you", "drawn up for you", "prepared for you",
             "on the table for you")),
    # "we can send you our resident contract now, you sign it and send back"
    _c("offer.send_contract", Kind.PRE_MATCH_OFFER, 1.2, "sends the applicant a contract to sign",
       r"\b(?:send|give|email|e-mail|mail|forward) you (?:our|the|a|your) (?:resident |residency |"
       r"house ?staff |employment |pgy-?1 |pgy-?2 )?(?:contract|employment agreement|offer "
       # "Human Resources is pleased to send you your Resident Agreement for a PGY-1 position"
       r"letter)\b|\b(?:send|give|email|e-mail|mail|forward) you (?:our|the|a|your) (?:resident|"
       r"residency|house ?staff) agreement\b",
       hypothetical=True, keys=("you our", "you the", "you a", "you your")),
    _c("offer.it_to_you", Kind.PRE_MATCH_OFFER, 0.6, "offers a held position to the applicant",
       r"\boffer (?:it|this (?:position|spot|place)|the (?:position|spot|place)) to you\b|"
       r"\b(?:hold|reserve|set aside|keep)\b[^.?!]{0,30}\b(?:position|spot) (?:for you|open for yo"
       r"u)"
       r"\b|\b(?:hold|reserve|keep) (?:yours|your (?:spot|position|place|offer))\b",
       keys=("offer", "hold", "reserve", "set aside", "keep")),
    # a military or outside-the-Match selection: "Following up on your selection for
    # Pediatrics at Fort Calloway AMC … To lock in the position I still need …"
    _c("offer.lock_in", Kind.PRE_MATCH_OFFER, 1.2, "asks what secures a position selected for",
       r"\b(?:lock in|secure|finali[sz]e) (?:the|your) (?:pgy-?\d |residency |training )?"
       r"position\b|\byour selection for (?:[\w&/-]+ ){1,3}at\b",
       keys=("lock in", "secure", "finaliz", "finalis", "selection for")),
]

# Info request --------------------------------------------------------------------------------
_INFO = [
    # "according to our records we still need: a copy of your certificate", "missing document".
    _c("info.still_need", Kind.INFO_REQUEST, 1.2, "asks for missing documents or information",
       r"\b(?:we|I) (?![^.?!]{0,120}\b(?:contract|agreement|offer letter|signed)\b)(?:still )?"
       r"(?:need|require|are missing|have not (?:yet )?received|haven't (?:yet"
       r" )?received|did not receive|didn't receive)\b[^.?!]{0,60}\b(?:copy|confirmation|"
       r"certificate|documents?|transcripts?|scores?|score reports?|forms?|proof|verification|"
       r"photo|passport|visa|signature|letters?)\b|\bmissing (?:documents?|items?|information|"
       r"scores?|transcripts?|letters?)\b|\bstill need(?:ed)?:",
       keys=("need", "require", "missing", "received", "receive")),
    # "do you wish to remain under consideration?", "are you still interested in X?",
    # "please update us on your level of interest".
    _c("info.interest_check", Kind.INFO_REQUEST, 1.2, "asks whether the applicant is still in",
       r"\bare you still (?:interested|considering|planning)\b|\bdo you (?:still )?(?:wish|want|"
       r"plan) to (?:remain|be considered|continue|stay)\b|\b(?:let us know|tell us|share|indicate|"
       r"update us on|confirm) (?:about )?your (?:current |continued )?(?:level of )?interest\b",
       keys=("still", "wish to", "want to", "plan to", "interest")),
    # "I need to know where you stand", "please tell me by Friday whether you intend to …".
    # Look-alike: "let me know which date works" (scheduling) and "if you need anything".
    _c("info.need_answer", Kind.INFO_REQUEST, 1.2, "asks the applicant for an answer",
       r"\b(?:I|we) (?:really )?need to (?:know|hear|understand)\b[^.?!]{0,30}\b(?:where|whether|i"
       r"f|"
       r"how|which|what|your)\b|\bplease (?:tell|let) (?:me|us) (?:know )?(?:by [\w ,]{3,30} )?"
       r"(?:whether|where|which|how)\b(?![^.?!]{0,40}\b(?:date|time|slot|session|day|works?|"
       r"available|availability|arriv\w*|get there|parking|prefer\w*|options?|block|suits?|"
       r"convenient)\b)",
       keys=("need to know", "need to hear", "need to understand", "please tell", "please let")),
    _c("info.eligibility", Kind.INFO_REQUEST, 0.6, "verifies eligibility",
       r"\bverify(?:ing)? (?:your |the )?eligibility\b|\beligibility (?:verification|check|"
       r"confirmation)\b", keys=("eligibility",)),
]

# Program update ------------------------------------------------------------------------------
_UPDATE = [
    # "Dear Applicant," (singular but generic), "To: Applicants to our programs".
    _c("update.generic_greeting", "ctx.bulk", 0.8, "generic greeting of a mailing",
       r"\bdear (?:prospective |future |residency |program )?(?:applicant|candidate|interviewee)s?"
       r"\s*[,:!]|\bto:?\s*(?:all )?applicants (?:to|of|for)\b|\b(?:for|to) applicants (?:to|of|fo"
       r"r)"
       r" (?:all )?(?:of )?our\b|\bto all (?:our )?(?:interviewees|candidates)\b",
       keys=("applicant", "candidate", "interviewee")),
    # Program news: compensation, benefits, living guides, announcements.
    _c("update.program_news", Kind.PROGRAM_UPDATE, 0.9, "program news (pay, benefits, city)",
       r"\b(?:resident |house ?staff )?(?:salar(?:y|ies)|compensation|stipends?) (?:and|&) "
       r"benefits\b|\bbenefits (?:summary|package|overview)\b|\bpgy-?1 (?:salary|stipend)\b|"
       r"\bresident compensation\b|\bliving in [A-Z]?\w+\b|\bguide (?:for|to) (?:applicants|living)"
       r"\b|\bcost of living\b|\bneighbou?rhoods\b|\bnew this year\b",
       keys=("salar", "compensation", "stipend", "benefits", "pgy", "living", "guide",
             "neighbo", "new this year")),
    # What programs post for everyone: social media, tours, resident life, their people.
    _c("update.program_life", Kind.PROGRAM_UPDATE, 0.9, "program news for everyone",
       r"\bfollow (?:us|our (?:residents|program)) (?:on|@)|\binstagram\b|\bpodcast\b|"
       r"\b(?:virtual|video|360) tour\b|\bresident life\b|\bmeet (?:our|the) (?:new )?(?:chiefs?|"
       r"chief residents|residents|interns|faculty|incoming class)\b|\bwelcome (?:our|the) new "
       r"(?:program director|chiefs?|chief residents|class|interns|faculty)\b|"
       r"\bcongratulations to (?:our|all of our) (?:residents|graduates|chiefs?|faculty|graduating)"
       r"\b|\bour (?:new|incoming) (?:interns|class)\b",
       keys=("follow us", "follow our", "instagram", "podcast", " tour", "resident life",
             "meet our", "meet the", "welcome our new", "welcome the new", "congratulations to",
             "new interns", "incoming interns", "new class", "incoming class")),
    _c("update.announce", Kind.PROGRAM_UPDATE, 0.5, "announcement wording",
       r"\b(?:we are|we're) (?:pleased|proud|excited|thrilled|happy) to (?:share|announce)\b|"
       r"\bannounc(?:e|es|ed|ing|ement)\b", keys=("to share", "to announce", "announc")),
]

# Context: not about the applicant's applications -----------------------------------------------
_OTHER = [
    # Bank and card alerts (any language the applicant's bank writes in).
    _c("other.bank", "ctx.other", 1.2, "bank or card alert",
       r"\bpurchase (?:alert|notification)\b|\balerta de (?:consumo|compra)\b|\btarjeta\b|"
       r"\b(?:visa|mastercard|amex|debit|credit)(?: card)? (?:ending (?:in )?|[*x]{2,})\d{4}\b|"
       r"\*{4}\d{4}\b|\bstatement is (?:now )?(?:available|ready)\b|\bonline banking\b|"
       r"\b(?:do not|don't) recogni[sz]e this (?:transaction|purchase|charge)\b",
       keys=("purchase", "alerta", "tarjeta", "visa", "mastercard", "amex", "debit", "credit",
             "***", "statement", "banking", "recogni")),
    # Forum and community digests: other people's stories, not the applicant's mail.
    _c("other.forum", "ctx.other", 1.2, "forum or community digest",
       r"\bposted by\b|\btop (?:reply|answer|comment)\b|\(\d+ (?:replies|comments|answers)\)|"
       r"\b(?:weekly|daily|forum|community) digest\b|\bnew (?:posts|threads|replies) in\b|"
       r"\btrending (?:threads|posts|discussions)\b",
       keys=("posted by", "top reply", "top answer", "top comment", "replies", "comments",
             "answers", "digest", "new posts", "new threads", "new replies", "trending")),
    # Credential phishing: log in through a link, pay a fee, or lose something.
    _c("other.phishing", "ctx.other", 1.2, "phishing pattern",
       r"\b(?:click|tap) (?:here|the link|below|the button) (?:to|and) (?:log ?in|sign ?in|verify|"
       r"confirm|re-?certify|update|restore|unlock|avoid)\b|\bre-?certification fee\b|"
       r"\bto avoid (?:removal|suspension|deactivation|being withdrawn|losing your)\b|"
       r"\bone-time (?:payment|fee)\b",
       keys=("click", "tap", "certification fee", "to avoid", "one-time")),
]

KIND_EXTRA: tuple[Cue, ...] = (*_REJECTION, *_WAITLIST, *_LOGISTICS, *_INTEREST, *_OFFER,
                               *_INFO, *_UPDATE, *_INVITE_WANT)
CONTEXT_EXTRA: tuple[Cue, ...] = tuple(_OTHER)
