"""More red-flag cue families: how programs ask about rank, ask for commitment and ask
the applicant to withdraw, beyond the first registry (:mod:`mailsync.classify.cues`).

Each family names an intent and covers its synonyms, word orders and politeness
forms ("would you share…", "I need to know…", "I'd ask that you not…"). Policy
frames ("programs may not ask…", "you need not share…") are negations and do not
fire; quoted text never reaches the cues. Registered in
:data:`mailsync.classify.cues.ALL_CUES`.
"""

from __future__ import annotations

from mailsync.classify.cues import Cue, _c
from mailsync.taxonomy import Flag

_US = r"(?:we|us|our (?:program|residency|hospital|team)|this program)"
_Q = r"[^.?!\n]{0,80}\?"  # the sentence is a question

# Rank inquiry --------------------------------------------------------------------------------
_RANK = [
    # "Which advanced programs have you interviewed with?", "what regions are you applying to",
    # "which programs did you signal". Look-alike: "see which programs have invited you".
    _c("rank.which_programs", Flag.RANK_INQUIRY, 1.0, "asks which programs the applicant chose",
       r"\b(?:which|what) (?:other )?(?:[\w/-]+ ){0,3}(?:programs?|places|institutions|hospitals|"
       r"residenc(?:y|ies)|specialties|cities|states|regions|locations|schools)\b[^.?!]{0,40}?"
       r"\b(?:have you|are you|did you|will you|were you|you(?:'ve|'re| have| are| did| will| were)"
       r"|you (?:applied|interviewed|signal(?:l)?ed|ranked|visited|are considering|are ranking))"
       r"\b[^.?!]{0,25}?\b(?:interview\w*|appl\w*|rank\w*|signal\w*|consider\w*|visit\w*|look\w*)",
       keys=("which", "what")),
    # "Where else are you interviewing?", "where have you applied?"
    _c("rank.where_else", Flag.RANK_INQUIRY, 1.0, "asks where else the applicant applied",
       r"\bwhere (?:else )?(?:are|have|did|will|were) you (?:also |been )?(?:interview\w*|appl\w*|"
       r"signal\w*|rank\w*|considering)\b|\b(?:are|have|were) you (?:also |been |still )*"
       r"(?:interviewing|applying|applied|interviewed|looking)\b[^.?!]{0,30}\b(?:elsewhere|"
       r"anywhere else|other programs|other places|other institutions)\b",
       keys=("where", "elsewhere", "else", "other programs", "other places",
             "other institutions")),
    # "How high are we on your list?", "how highly do you plan to rank us?"
    _c("rank.how_high", Flag.RANK_INQUIRY, 1.0, "asks how high the program is on the list",
       r"\bhow (?:high|highly|far up|high up|low) (?:are|is|do|will|would|did) (?:we|us|our "
       r"program|our residency|\w+(?: \w+){0,2})\b[^.?!]{0,40}\b(?:list|ranking|rank|choices|"
       r"preferences)\b|\bhow (?:high|highly) (?:do|will|would|are) you (?:plan(?:ning)? to |going "
       r"to |intend(?:ing)? to )?(?:rank|place|list|put)\b",
       keys=("how high", "how far", "how low")),
    # "Are we in your top three?", "would we make your top five?", "is X your first choice?"
    _c("rank.in_your_top", Flag.RANK_INQUIRY, 1.0, "asks whether the program is near the top",
       r"\b(?:are|is|would|will|do|does|did|could|might) " + _US + r"(?: \w+){0,2} (?:be |make |"
       r"rank(?:ed)? |fall |land |sit )?(?:in|on|among|at the top of|near the top of|make|within) "
       r"your (?:top|first|#|number|highest|rank|list|short ?list|preferred|favou?rite)" + _Q,
       keys=("your top", "your first", "your #", "your number", "your highest", "your rank",
             "your list", "your short", "your preferred", "your favo")),
    # "Tell us about your ranking plans", "Dr X will ask about your rank list on interview
    # day". Look-alike: "you need not share your ranking plans" (negated).
    _c("rank.ranking_plans", Flag.RANK_INQUIRY, 1.0, "asks the applicant to reveal rank plans",
       r"\b(?:share|tell (?:us|me)|let (?:us|me) know|disclose|reveal|send (?:us|me)|know|knowing|"
       r"learn|learning|understand|understanding|hearing|ask (?:y"
       r"ou"
       r" )?about|discuss|hear about|curious about|wondering about|asking about) (?:about )?"
       r"(?:what |how )?(?:your|you) (?:[\w-]+ ){0,2}(?:rank(?:ing)? (?:plans?|intentions?|order|"
       r"list|decisions?|preferences?)|rank order list|rol\b|(?:top|first) (?:choices?|picks?)|"
       r"(?:plan|intend|are planning|will|would) to rank)",
       keys=("rank", "rol", "top choice", "top pick", "first choice", "first pick")),
    # "Did you signal us?", "have you used one of your gold signals on us?"
    _c("rank.signal", Flag.RANK_INQUIRY, 1.0, "asks whether or where the applicant signaled",
       r"\bdid you (?:\w+ ){0,3}signal\w*\b|\b(?:have|did) you (?:send|sent|use|used|give|given|sp"
       r"end"
       r"|spent) (?:us |our program )?(?:a |one of your |your |any )?(?:[\w-]+ )?signals?\b|"
       r"\b(?:which|what|where|how many) (?:programs? )?(?:did|have) you (?:\w+ )?signal\w*\b|"
       r"\bwhether you (?:signal\w*|sent (?:us )?a signal)\b",
       # what a platform says programs see: "programs see only whether YOU signaled THEM"
       unless=r"\b(?:see|sees|seen|shown|shows|visible|know|knows)(?: only)?\s*$",
       keys=("signal",)),
    # "How many interviews do you have?", "what other offers", "who else".
    _c("rank.other_interviews", Flag.RANK_INQUIRY, 1.0, "asks about other interviews or offers",
       r"\bhow many (?:other )?(?:interviews|programs|offers|invit\w+)\b[^.?!]{0,30}\b(?:you|have "
       r"you|do you|did you)\b|\b(?:what|which) other (?:interviews|offers|invitations)\b|"
       r"\bother programs you(?:'re| are)? (?:considering|interviewing|ranking|applying|applied)\b|"
       r"\b(?:who|what programs) else\b" + _Q,
       keys=("how many", "other interviews", "other offers", "other invitations",
             "other programs", "else")),
    # "Will you rank us?", "do you plan on ranking us?", "where will you rank our program?",
    # "how are you planning to rank?". Look-alike: "we hope you will rank us" (no inversion).
    _c("rank.will_you_rank", Flag.RANK_INQUIRY, 1.0, "asks whether or how the applicant ranks it",
       r"\b(?:will|would|are|do|did) you (?:be |still |also )?(?:plan(?:ning)? (?:on|to) |intend"
       r"(?:ing)? to |going to |thinking of |considering )?rank(?:ing)? (?:us|our program|this "
       r"program|\w+ program)\b|\b(?:how|where) (?:do|will|would|might|are) you (?:going to |"
       r"anticipate |expect to |foresee )?(?:rank(?:ing)?|plac(?:e|ing)|list(?:ing)?|put(?:ting)?) "
       r"(?:us|our program|this program|\w+ program)\b|\bhow (?:you(?:'re| are)|you will|you "
       r"would|you plan|you intend)\b[^.?!]{0,20}\brank\b",
       keys=("rank", "plac", "list", "put")),
    # "What will your rank list look like?", "please indicate your intended rank for us".
    _c("rank.your_list", Flag.RANK_INQUIRY, 1.0, "asks about the applicant's list",
       r"\bwhat (?:will|would|does|is|are) your (?:[\w-]+ )?(?:rank(?:ing)?s?|rank order|rol|top "
       r"(?:three|five|choices?|programs?|picks?))\b|\b(?:intended|anticipated|expected|planned|"
       r"likely|projected) (?:rank|ranking|rank position|position on your (?:rank )?list)\b",
       keys=("what", "intended", "anticipated", "expected", "planned", "likely", "projected")),
    # "Are we number one for you?", "is Willowmere your top choice?" (question form).
    _c("rank.are_we_number_one", Flag.RANK_INQUIRY, 1.0, "asks whether it is the first choice",
       r"\b(?:are|is|would|will) (?:we|us|our program|\w+) (?:still )?(?:your |the |a )?(?:#\s?1|"
       r"number one|no\.?\s?1|first choice|top choice|top pick|favou?rite)\b" + _Q,
       keys=("#", "number one", "no.", "first choice", "top choice", "top pick", "favo")),
    # "Did we get one of your signals?", "which programs received your signals?"
    _c("rank.signal_received", Flag.RANK_INQUIRY, 1.0, "asks about the applicant's signals",
       r"\bdid (?:we|our program) (?:get|receive) (?:one of )?your (?:[\w-]+ )?signals?\b|"
       r"\b(?:were|are) we (?:one of )?(?:your )?signal(?:l?ed)?\b|\b(?:which|what) programs? "
       r"(?:received|got|get) (?:one of )?your (?:[\w-]+ )?signals?\b", keys=("signal",)),
    # "Did you receive other interview offers?", "do you have more invitations?"
    _c("rank.other_offers", Flag.RANK_INQUIRY, 1.0, "asks about other interviews or offers",
       r"\b(?:did|have|do) you (?:receive|received|get|got|have|had) (?:any )?(?:other|more|"
       r"additional) (?:interview )?(?:offers|invitations|invites|interviews)\b",
       keys=("offers", "invitations", "invites", "interviews")),
]

# More rank-inquiry families: word order of embedded questions ("how high we are on your
# list", "how are you planning to rank X?"), names instead of "us" ("will you be ranking
# Sorrento Heights first?"), comparisons ("how do we stack up against the others?"),
# indirect and survey forms ("let us know whether you plan to rank us", "list the other
# programs you are still considering"). Look-alikes: "we will rank you highly" (interest),
# "we will never ask how you rank us" (negated), conditional bargains (commitment).
_RANK_MORE = [
    _c("rank.how_high_embedded", Flag.RANK_INQUIRY, 1.0, "asks how high the program sits",
       r"\bhow (?:high|highly|far up|high up|low|close to the top) (?:we|us|our program|this pr"
       r"ogram|"
       r"[\w'-]+(?: [\w'-]+){0,2}) (?:are|is|sit|sits|stand|stands|fall|falls|land|lands|rank|r"
       r"anks|"
       r"place|places|would be|will be)\b[^.?!]{0,30}\b(?:list|ranking|rank|choices|preferences)\b",
       keys=("how high", "how far", "how low", "how close")),
    _c("rank.how_planning", Flag.RANK_INQUIRY, 1.0, "asks how the applicant plans to rank",
       r"\b(?:how|where) (?:are|do|will|would|might) you (?:be )?(?:plan(?:ning)? (?:to|on)|"
       r"intend(?:ing)? to|going to|think(?:ing)? (?:of|about)|expect(?:ing)? to|hop(?:e|ing) to)"
       r" ?(?:rank(?:ing)?|plac(?:e|ing)|list(?:ing)?)\b|\bhow you (?:would|will|might|plan to|"
       r"intend to|are going to) rank\b",
       keys=("rank", "plac", "list")),
    _c("rank.named_first", Flag.RANK_INQUIRY, 1.0, "asks whether the applicant ranks it first",
       r"\b(?:will|would|are|do|did|could|might) you (?:be )?(?:still |also )?(?:plan(?:ning)? "
       r"(?:to|on) |intend(?:ing)? to |going to |considering )?rank(?:ing)? (?:[\w'-]+ ){1,4}?"
       r"(?:first|#\s?1|number one|no\.\s?1|highly|high|at the top|near the top|above|over|"
       r"ahead of|in your top)\b" + _Q,
       keys=("rank",)),
    _c("rank.whether_rank", Flag.RANK_INQUIRY, 1.0, "asks whether the applicant will rank it",
       r"\b(?:let (?:us|me) know|tell (?:us|me)|share|indicate|confirm|ask(?:ing)?|know|wondering|"
       r"curious) (?:about )?(?:whether|if) (?:or not )?you(?:'ll| will| would| plan| intend| are "
       r"planning| are going| might)?(?: to)? (?:be )?rank(?:ing)? (?:us|our|this|the program|"
       r"[\w'-]+ (?:first|#\s?1|highly|high))",
       keys=("whether", "if you", "if or")),
    _c("rank.compare", Flag.RANK_INQUIRY, 1.0, "asks how the program compares with others",
       r"\bhow (?:do|does|did|would|will) (?:we|us|our program|this program|[\w'-]+(?: [\w'-]+)?)"
       r" (?:compare|stack up|measure up|rank|fare)\b[^.?!]{0,50}\b(?:other|others|rest|"
       r"programs|places|list|choices)\b",
       keys=("compare", "stack up", "measure up", "rank", "fare")),
    _c("rank.list_programs", Flag.RANK_INQUIRY, 1.0, "asks for the other programs considered",
       r"\bother (?:[\w/'-]+ ){0,3}(?:programs|places|institutions|hospitals|residencies) (?:that |"
       r"where |which |at which |to which |with which )?you(?:'re| are| have|'ve| will)? (?:still |"
       r"also |currently |seriously )?"
       r"(?:considering|interviewing|interviewed|ranking|applying|applied|looking at|weighing|"
       r"signal\w*|visit\w*)\b|"
       # a survey's "Please rank the categorical and advanced DR programs you interviewed with
       # this season, in your current order of preference" (advice says "true order")
       r"\brank\b[^.?!]{0,60}\bprograms\b[^.?!]{0,60}\bin your (?:current|present) order of "
       r"preference|"
       r"\b(?:list|name|tell us|share) (?:the |all |any )?(?:other )?"
       r"(?:programs|places|institutions) (?:where |at which |that |you )?(?:you(?:'ve| have)? )?"
       r"(?:interviewed|applied|signal\w*|rank\w*|are (?:considering|ranking|interviewing))\b",
       # a demand about them, not a question which: "release the other programs you've
       # interviewed with" (a withdrawal request)
       unless=r"\b(?:release|cancel|withdraw from|decline|drop|turn down|let go of|notify|"
              r"inform|walk away from|back out of|withdrawn from|withdrew from) (?:all |any )?"
              r"(?:of )?(?:the |your )?$",
       keys=("programs", "places", "institutions", "hospitals", "residencies")),
    # "Could you reply with the list of prelim programs where you have applied?"
    _c("rank.programs_where", Flag.RANK_INQUIRY, 1.0, "asks where the applicant applied",
       r"\bprograms (?:where|at which|to which|with which) you(?:'ve| have| are)? (?:also |"
       r"already |currently )?(?:applied|interviewed|interviewing|applying|signal\w*|ranking)\b",
       before=r"\b(?:reply|send|list|tell|share|let (?:us|me) know|provide|indicate|which|what|"
              r"could you|can you|would you|please)\b[^.?!]{0,100}$",
       keys=("programs",)),
    _c("rank.signal_more", Flag.RANK_INQUIRY, 1.0, "asks about the applicant's signal",
       r"\b(?:did|have) (?:we|our program) (?:receive|received|get|gotten|got) (?:a |one of your |"
       r"your )?(?:[\w-]+ )?signal\b|\b(?:did|have) you (?:\w+ )?(?:signal(?:l)?ed|sent (?:us )?"
       r"(?:a|your) (?:[\w-]+ )?signal)\b|\b(?:which|what|where) (?:programs? )?(?:did |have )?"
       r"(?:you )?(?:use|used|send|sent|spend|spent) (?:your )?(?:[\w-]+ )?signals?\b",
       keys=("signal",)),
]

# Commitment request ----------------------------------------------------------------------------
_COMMIT = [
    # "If you let us know we're your top choice, we can make sure you match"; also the
    # reverse order "we can guarantee a spot if you rank us first". The engine counts these
    # as interest signals, like commit.reciprocity.
    _c("commit.reciprocity_ask", Flag.COMMITMENT_REQUEST, 1.0, "ties a benefit to a promise",
       r"\bif (?:you )?(?:can |could )?(?:let us know|let me know|tell us|tell me|confirm|"
       r"assure us|can assure|can confirm|indicate|agree|would agree|are willing|'re willing|"
       r"choose us|pick us|make us)\b"
       r"[^.?!]{0,90}?\b(?:I|we)(?:'ll| will|'d| would| can| could| shall)\b[^.?!]{0,50}\b(?:make "
       r"sure|ensure|guarantee|rank you|put you|move you up|hold|reserve|match|secure|"
       r"offer)\b|"
       r"\b(?:I|we) (?:can|will|could|'ll|would) (?:guarantee|make sure|ensure|promise)\b[^.?!]{0,"
       r"80}"
       r"\bif you (?:rank|put|list|commit|promise|let us know|tell us|agree|sign|choose|pick)\b|"
       r"\bin (?:exchange|return) for (?:you )?(?:rank\w*|your (?:commitment|promise|rank\w*))\b",
       keys=("let us know", "let me know", "tell us", "tell me", "confirm", "assure us",
             "can assure", "indicate", "agree", "are willing", "'re willing", "choose us",
             "pick us", "make us", "guarantee", "make sure", "ensure", "promise", "exchange",
             "return")),
    # "whether you intend to commit to us", "can you commit", "can we count on you",
    # "a verbal commitment". Look-alike: "programs may not ask for a commitment" (negated).
    _c("commit.ask_commit", Flag.COMMITMENT_REQUEST, 1.0, "asks the applicant to commit",
       # a couple asked together: "whether you and Dr. Adebanjo can commit to Westfall"
       r"\b(?:whether|if) you(?: and (?:dr |your )?[\w'-]+| two| both)?(?: both)? (?:intend|plan|"
       r"are (?:willing|able|ready|prepared)|would be willing|will|can|could) (?:to )?commit\b|"
       # relayed: "Ask him whether he's prepared to commit to Grantham."
       r"\b(?:whether|if) (?:he|she|they)(?:'s|'re| is| are| would be) (?:willing|able|ready|"
       r"prepared) to commit\b|\b(?:can|will|would|could) you (?:commit|promise|pledge|"
       r"guarantee)\b|\b(?:are you|you're) (?:willing|ready|prepared|able) to (?:commit|promise|"
       r"pledge)\b|\bcan (?:we|I) count on you\b(?! to (?:join|attend|make it)\b(?! (?:us|our "
       r"(?:program|team|family)) (?:in|for|next)))|\bcount on you to rank\b|"
       # mutual: "we'd love to know we can count on each other when March comes around"
       r"\bcount on (?:each other|one another)\b|\b(?:your|a) (?:firm|"
       r"verbal|written|early|formal) (?:commitment|promise|assurance|pledge)\b"
       # the J-1 Statement of Need: "your written commitment to return home after training"
       r"(?! (?:to|that you(?:'ll| will)) return\b)|"
       r"\bassur(?:e|ance)\b[^.?!]{0,30}\b(?:rank|commit)\w*\b",
       keys=("commit", "promise", "pledge", "guarantee", "count on", "assur")),
    # "Please rank us first", "we need you to put us at the top of your list".
    # Look-alike: "we will rank you highly" (interest) and the applicant's own quoted letter.
    _c("commit.rank_us_first", Flag.COMMITMENT_REQUEST, 1.0, "asks to be ranked first",
       r"\b(?:please|kindly|we (?:need|want|ask|expect|would ask|'d ask) (?:you )?to|I (?:need|wan"
       r"t|"
       r"ask|expect) you to|(?:will|would|can|could) you) (?:\w+ )?(?:rank|put|list|place) us (?:a"
       r"s )?"
       r"(?:#\s?1|number one|first|at the top|(?:as )?your (?:top|first|#\s?1|number one))",
       keys=(" us ",)),
    # "We need to know that you will rank us first", "can you confirm you'll rank us #1",
    # "promise me", "your commitment to us". Look-alike: "we will rank you highly".
    _c("commit.need_assurance", Flag.COMMITMENT_REQUEST, 1.0, "asks for an assurance to rank",
       r"\b(?:need|want|would like|'d like) (?:to know|to hear|assurance|confirmation|your word) "
       r"(?:that )?you(?:'ll| will| would| plan to| intend to| are going to)? (?:rank|commit|"
       r"accept|choose|sign)\b|\bconfirm (?:that )?you(?:'ll| will| would| plan to| intend to)? "
       r"(?:rank|put|list|place) us\b|\bpromise (?:me|us)\b|\b(?:your|a) commitment (?:to (?:us|"
       r"our|rank|join|come|match)|that)\b",
       # an apology for such pressure asks nothing: "I want to apologize if anyone from our
       # program made you feel you needed to promise us something"
       unless=r"\b(?:made|make|making) you feel\b[^.?!]*$|\bapologi[sz]e (?:if|that|for)\b",
       keys=("to know", "to hear", "assurance", "confirmation", "your word", "confirm",
             "promise", "commitment")),
    # "Rank us first and you will match", "ranking us first guarantees you a spot",
    # "we will rank you to match only if you rank us first".
    _c("commit.rank_for_match", Flag.COMMITMENT_REQUEST, 1.0, "ties matching to ranking it first",
       r"\brank(?:ing)? us (?:#\s?1|first|number one|at the top|highest)\b[^.?!]{0,30}\b(?:and|,) "
       r"(?:you(?:'ll| will)|we(?:'ll| will)|I(?:'ll| will))\b|\brank(?:ing)? us (?:#\s?1|first|"
       r"number one|at the top)\b[^.?!]{0,30}\b(?:guarantee|ensure|secure)s?\b|"
       r"\b(?:I|we)(?:'ll| will| can| could| would)\b[^.?!]{0,60}\b(?:only )?if you (?:rank|put|"
       r"list|commit|promise|agree|choose|pick)\b[^.?!]{0,30}\b(?:us|our|first|#\s?1|number one|"
       r"top)\b", keys=("rank", "if you")),
    # "Please send us a letter of intent": asks the applicant to declare a first choice.
    _c("commit.ask_loi", Flag.COMMITMENT_REQUEST, 1.0, "asks for a letter of intent",
       r"\b(?:send|email|submit|provide|forward|sign|write) (?:us |me )?(?:a |your )?letter of "
       r"intent\b|"
       # "she would be grateful for a letter of intent from you if we are your first choice"
       r"\b(?:grateful|thankful|glad|happy|appreciate|welcome|love|like) (?:to (?:receive|get|"
       r"have|see) |for |receiving |getting )?(?:a |your )letter of intent from you\b",
       unless=r"\b(?:whether|if) (?:they|applicants|candidates|people|one) "
              r"(?:should|must|need to|ought to)\s*$|"
              # the applicant's question in an FAQ: "Should I send a letter …?"
              r"\b(?:should|do|can|may|must|shall) I\s+$",
       keys=("letter of intent",)),
]

# Rank questions, third wave: likelihood ("how likely are you to rank X at the top"),
# embedded yes/no ("I'd like to know if we're ranked first on your list"), signals in
# passive form ("were we one of the programs you signaled?"), and the announced question
# ("Dr. X will ask each candidate about their rank list on interview day").
_RANK_THIRD = [
    _c("rank.how_likely", Flag.RANK_INQUIRY, 1.0, "asks how likely the applicant ranks it top",
       r"\bhow (?:likely|probable|realistic) (?:is it that you(?:'ll| will| would)|are you to|w"
       r"ould "
       r"you be to|you are to|it is that you(?:'ll| will| would)) (?:be )?rank(?:ing)?\b",
       keys=("how likely", "how probable", "how realistic")),
    _c("rank.if_we_are_first", Flag.RANK_INQUIRY, 1.0, "asks whether it is ranked first",
       r"\b(?:know|hear|ask|asking|wondering|wonder|curious|find out|confirm|tell (?:us|me)|share)"
       r" (?:if|whether) (?:we(?:'re| are| will be| would be)|our program (?:is|will be)|[\w'-]"
       r"+(?: "
       r"[\w'-]+)? (?:is|will be)) (?:still )?(?:ranked |going to be )?(?:#\s?1|number one|first|"
       r"at the top|in your top|near the top|high|highly|your (?:top|first|#\s?1|number one))",
       keys=("if ", "whether")),
    _c("rank.signaled_us", Flag.RANK_INQUIRY, 1.0, "asks whether the applicant signaled it",
       r"\b(?:were|are|was|is) (?:we|us|our program|[\w'-]+(?: [\w'-]+)?) (?:one of |among )?(?"
       r":the )?"
       r"(?:programs? |places? )?(?:that |which )?you (?:signal\w*|sent (?:a |your )?(?:[\w-]+ )?"
       r"signals? to|used (?:a |one of your )?(?:[\w-]+ )?signals? on)\b", keys=("signal",)),
    _c("rank.will_ask", Flag.RANK_INQUIRY, 1.0, "announces that the program will ask about rank",
       r"\b(?:will|may|might|plans? to|is going to|are going to|would like to|wants? to|likes? to|"
       r"asks?|always asks) (?:also )?(?:ask|discuss|talk (?:with you )?about|inquire about|go "
       r"over|"
       r"ask (?:you|each (?:candidate|applicant)|every (?:candidate|applicant)|all (?:candidates|"
       r"applicants)) about)\b[^.?!]{0,40}\b(?:your|their|each candidate's|applicants') (?:[\w-]+ )"
       r"{0,2}(?:rank(?:ing)? (?:list|plans?|intentions?|order)|rank order list|rol\b|top "
       r"(?:choices|programs|three|five)|other (?:interviews|programs|offers))|"
       # a habit announced: "Dr. McCreary likes to sit down with every applicant and ask where
       # else you're interviewing and where Pennyrile would fall on your list"
       r"\b(?:will|likes? to|always|(?:is|are) going to|plans? to)\b(?: (?!not\b|never\b)"
       r"[\w'-]+){0,8}? asks? (?:you |each applicant |every applicant )?(?:where else you(?:'re| "
       r"are|'ve| have)|where (?:we|[\w'-]+(?: [\w'-]+)?) (?:would |will )?(?:falls?|stands?|"
       r"ranks?) on your)",
       # "none of our interviewers will ask you where else you have applied"
       unless=r"\b(?:none|no one|nobody|no (?:member|faculty|interviewer|one)s?)\b[^.?!]{0,60}$",
       keys=("rank", "rol", "top ", "other ", "where else", "on your")),
]

#: A line of a form to tick: "[ ] I intend to rank St. Brigid's Mercy as my first choice",
#: "[ ] Lowcountry University EM will be ranked FIRST on my certified rank order list".
#: The blank is possessive (``_{2,}+``): giving underscores back never helps a match, and
#: trying it made a ruled form line cost a thousand times the rest of the cue.
_CHECKBOX_RANK = (
    r"(?:\[ ?\]|\( ?\)|☐|□|_{2,}+)[ \t]*(?:I (?:(?:intend|plan|will|promise|commit|am committed|"
    r"agree) to|will|shall) (?:rank|list|place|put)\b[^\n]{0,60}\b(?:first|#\s?1|number one|top)|"
    r"[^\n]{0,60}\bwill be "
    r"ranked (?:first|#\s?1|number one|1st)\b|"
    # "( ) Ostrander is my first choice and I will rank it #1."
    r"[^\n]{0,60}\bI (?:will|intend to|plan to|promise to) rank (?:it|us|them|[\w'&-]+(?: "
    r"[\w'&-]+){0,2}) (?:first|#\s?1|number one|1st)\b)")
#: A box to tick that tells the rank, not only one that promises it: "( ) Ostrander Memorial
#: Psychiatry is my first choice and I will rank it #1."
_CHECKBOX_TELLS_RANK = (_CHECKBOX_RANK[:-1] + r"|[^\n]{0,60}\bis my (?:first|#\s?1|number one|"
                        r"no\.? ?1|top) choice\b)")
_CHECKBOX_KEYS = ("[", "( )", "()", "☐", "□", "__")
#: A statement in the applicant's voice for the applicant to sign (a letter of intent): "1.
#: Gulf Coast Neurology will be ranked as my first choice on my NRMP Rank Order List", "I
#: will not accept an interview or position with another neurology program". The program
#: never speaks so of itself; quoted replies of the applicant are not read.
_DECLARED_RANK = (
    # "… I agree to cancel any remaining preliminary surgery interviews and to rank Juniper
    # Coast first."
    r"\bI (?:intend|plan|will|promise|commit|agree) to (?:[^\n.]{0,100}?\band to )?(?:rank|list|"
    r"place|put)\b[^\n.]{0,60}\b"
    r"(?:as my )?(?:first|#\s?1|number one|top)\b|\bwill be ranked (?:as )?my (?:first|#\s?1|"
    r"number one|1st|top)\b")
_DECLARED_NOT_ELSEWHERE = (
    r"\bI will not (?:accept|attend|schedule|pursue|seek) (?:an?y? |other )?(?:interviews?|"
    r"positions?|offers?)(?: or (?:an?y? )?(?:interviews?|positions?|offers?))? (?:with|at|from) "
    r"(?:another|any other|other)\b")

# More commitment families: conditional bargains keyed on the first-choice words ("if we
# are your first choice, let us know, and we will rank you to match"; "if you give me your
# word that X is your first choice, you will be at the very top of our list"), "committing
# to rank us", requests for assurance ("if you can assure me of that"), "let us know
# you'll rank us first", early commitment. Named commit.reciprocity_* so the engine drops
# the rank words inside them (a bargain, not a rank question) and notes the interest.
_COMMIT_MORE = [
    _c("commit.reciprocity_first", Flag.COMMITMENT_REQUEST, 1.0, "ties a benefit to a #1 rank",
       r"\bif (?:you\b[^.?!]{0,60}|we(?:'re| are)|(?:[\w'-]+ ){1,3}(?:is|are)) (?:still |really"
       r" |truly )?"
       r"(?:your|the) (?:#\s?1|number one|no\.\s?1|first|top|1st)\b[^.?!]{0,80}?\b(?:we|I|you)"
       r"(?:'ll| will| can| could| would|'d| shall)\b[^.?!]{0,50}\b(?:rank you|match|make sure|"
       r"ensure|guarantee|offer|hold|reserve|top of|at the top|secure|spot|position|promise)\b"
       # "…we will move you toward the top of our waitlist": interview priority, a question.
       r"(?! (?:of )?(?:our |the |your )?(?:interview )?wait ?-?list)",
       keys=("#", "number one", "no.", "first", "top", "1st")),
    _c("commit.committing_to_rank", Flag.COMMITMENT_REQUEST, 1.0, "asks for a commitment to rank",
       r"\b(?:commit(?:s|ted|ting)?|pledg(?:e|es|ed|ing)|promis(?:e|es|ed|ing)) (?:to )?(?:rank"
       r"(?:ing)?|list(?:ing)?|put(?:ting)?|plac(?:e|ing)) (?:us|our program|this program|"
       # "commit to ranking the Westfall programs as your first pair"
       r"(?:the )?[\w'-]+(?: programs?)? (?:as (?:your )?)?(?:first|#\s?1|highly|at the top))",
       # the program's own word: "We are committed to ranking you highly"
       unless=r"\b(?:we|I)(?:'re|'m| are| am)(?: (?:fully|all|very|truly|still|firmly))? $",
       keys=("commit", "pledg", "promis")),
    _c("commit.assure", Flag.COMMITMENT_REQUEST, 1.0, "asks the applicant for an assurance",
       r"\b(?:if you (?:can|could|would)|can you|could you|would you|please|need you to|want yo"
       r"u to)"
       r" (?:\w+ )?(?:assure|reassure|promise|guarantee) (?:me|us)\b|\b(?:let (?:us|me) know|tell "
       r"(?:us|me)|assure (?:us|me)) (?:that )?(?:you|they)(?:'ll| will| plan to| intend to| are "
       r"going to| would) (?:rank|put|list|place) (?:us\b|(?!programs\b|them\b|it\b)[\w'-]+"
       # a group asked: "we ask those we invite to let us know that they plan to rank Cahaba
       # Valley first"
       r"(?: [\w'-]+)? (?:first|#\s?1|number one|at the top)\b)|"
       # "In return, I'd ask that you let us know you'll be ranking St. Bronwen FM first"
       r"\b(?:let (?:us|me) know|tell (?:us|me)|assure (?:us|me)) (?:that )?you(?:'ll| will) be "
       r"(?:ranking|putting|listing|placing) (?:us|[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3}) "
       r"(?:first|#\s?1|number one|at the top)\b",
       keys=("assure", "promise", "guarantee", "rank ", "put ", "list ", "place ",
             "be ranking", "be putting", "be listing", "be placing")),
    _c("commit.early", Flag.COMMITMENT_REQUEST, 1.0, "asks for an early commitment",
       r"\bearly (?:commitment|acceptance|signing|decision)\b|\bcommit (?:to (?:us|our program) )?"
       r"(?:early|now|today|before|ahead of)\b|\b(?:verbal|firm|written) (?:yes|commitment)\b"
       r"(?! (?:to|that you(?:'ll| will)) return\b)",  # J-1: "commitment to return home"
       keys=("early commitment", "early acceptance", "early signing", "early decision", "commit ",
             "verbal yes", "verbal commitment", "firm yes", "firm commitment", "written yes",
             "written commitment")),
]

# Commitment, third wave: any conditional marker ("should you", "provided you", "as long
# as you", "once you") tying a rank or commitment to a benefit, in either order; asking
# for "a commitment from you that …"; confirming "in writing" / "by Friday" that the
# applicant will rank or accept; naming the program instead of "us".
_COMMIT_THIRD = [
    _c("commit.reciprocity_conditional", Flag.COMMITMENT_REQUEST, 1.0,
       "ties a benefit to a rank or commitment",
       r"\b(?:if|should|once|provided(?: that)?|as long as|so long as|assuming|on the condition "
       r"that) you (?:\w+ )?(?:rank|commit|promise|put|list|place|choose|pick|pledge|agree|tell us|"
       r"let us know|confirm)\b[^.?!]{0,80}?\b(?:I|we|you)(?:'ll| will| can| could| would|'d| s"
       r"hall)"
       r"\b[^.?!]{0,50}\b(?:guarantee|ensure|make sure|match|spot|position|rank you|offer|hold|"
       r"reserve|secure|take care)\b|\b(?:rank you to match|guarantee\w*|ensure|make sure|"
       r"hold|reserve|offer)\b[^.?!]{0,60}\b(?:only if|if|provided(?: that)?|as long as|so long as|"
       r"on the condition that) you (?:\w+ )?(?:rank|commit|promise|put|list|place|pick|choose|"
       r"pledge|agree to rank)\b(?! (?:programs|in your true))|"
       # the program's habit: "we rank our prelims to match if they tell us we're their #1"
       r"\brank (?:you|them|our [\w-]+) to match\b[^.?!]{0,40}\bif (?:you|they) (?:tell|let) us "
       r"(?:know )?(?:that )?(?:we(?:'re| are)|[\w'-]+ is) (?:your|their) (?:#\s?1|number one|"
       r"first|top)",
       keys=("if you", "should you", "once you", "provided", "as long as", "so long as",
             "assuming you", "on the condition", "to match")),
    _c("commit.commitment_from_you", Flag.COMMITMENT_REQUEST, 1.0, "asks for a commitment",
       r"\b(?:commitment|promise|pledge|assurance|guarantee|your word) (?:from you|that you|tha"
       r"t (?:[\w'-]"
       r"+ ){1,3}(?:will|would|is going to) be)\b[^.?!]{0,60}\b(?:rank|first|#\s?1|number one|top|"
       r"accept|sign|commit|come|join|match)",
       keys=("commitment", "promise", "pledge", "assurance", "guarantee", "your word")),
    _c("commit.confirm_rank", Flag.COMMITMENT_REQUEST, 1.0, "asks to confirm a rank or acceptance",
       r"\b(?:confirm|know|hear|assure us|tell us|let us know)\b[^.?!]{0,30}?\bthat you(?:'ll| "
       r"will|"
       r" would| plan to| intend to| are going to)? (?:rank|put|list|place|accept|sign|commit)\b"
       r"(?! (?:programs|in your true|J-?1|H-?1B|visa|sponsorship))|"
       r"\b(?:let (?:us|me) know|tell (?:us|me)|assure (?:us|me)|"
       r"confirm) (?:that )?you(?:'ll| will| plan to| intend to| are going to| would) (?:rank|put|"
       r"list|place) (?:[\w'-]+ ){1,3}?(?:first|#\s?1|number one|at the top|on top|highest)\b",
       keys=("confirm", "know", "hear", "assure us", "tell us", "tell me", "let us know",
             "let me know", "assure me")),
    # A reward for being put first, said of anyone who does: "Anybody who puts Bexar
    # Cypress first on their list, I will see to it that they're ranked where they'll
    # match", "If Ashgrove is at the top of his list, he'll be in very good shape with us",
    # "The ones who tell us we're their first choice tend to end up where they want to be".
    _c("commit.reciprocity_top", Flag.COMMITMENT_REQUEST, 1.0,
       "ties a benefit to being ranked first",
       r"\b(?:if|whoever|(?:any|every)(?:one|body|[\w'-]* (?:applicant|candidate))s? (?:who|that)|"
       r"an? (?:applicant|candidate) (?:who|that)|"
       r"(?:applicants|candidates|people) (?:who )?(?:tell|told|let) us|"
       r"(?:those|the ones|people|applicants|candidates) (?:who|that)(?:'ve| have)?)"
       r"(?:(?!\bnot\b|n't\b|\bno\b)[^.?!;]){0,50}?"
       r"\b(?:(?:their|your|his|her|our) (?:first|top|#\s?1|number one|1st)(?: choice)?|"
       r"(?:at |to )?the (?:very )?top of (?:their|your|his|her|the) (?:[\w'-]+ )?list|"
       r"first on (?:their|your|his|her) (?:[\w'-]+ )?list|(?:ranks?|puts?|lists?) us (?:first|"
       r"#\s?1|number one|at the top))\b"
       r"(?:(?!\bnot\b|n't\b|\bno\b)[^.?!;]){0,80}?"
       r"\b(?:(?:has |have |will |'ll )?match(?:ed|es)? (?:here|with us)|end(?:s|ed)? up where|"
       r"in (?:very |really |great |good )*(?:good|great) shape|see to it|ranked (?:where|so) "
       r"(?:they|you|he|she)(?:'ll| will) match|(?:it|that) (?:will|does|would) (?:count|matter)|"
       r"take care of (?:the people|them|those|you|him|her)|(?:will be|are|get) looked after|"
       r"(?:do|did|done|fare[sd]?|land(?:s|ed)?|end(?:s|ed)? up|sit|sits|come out|place[sd]?) "
       r"(?:very |really |quite )?(?:well|high|highly) (?:on|in) our (?:rank )?list|"
       r"(?:given|get|gets|receive|receives) priority|rank (?:you |them |him |her )?to match)",
       keys=("first", "top", "#", "number one", "1st")),
    # "the folks who make it clear that Tallgrass is their place tend to do well when we sit
    # down to build our list" (a reward for declaring the program the one)
    _c("commit.their_place", Flag.COMMITMENT_REQUEST, 1.0,
       "ties a benefit to declaring the program the applicant's place",
       r"\b(?:those|the ones|people|folks|applicants|candidates) (?:who|that) (?:make it clear|"
       r"tell us|let us know|show us)\b[^.?!;]{0,40}\b(?:is|are) (?:their|your|his|her) (?:place|"
       r"home)\b[^.?!;]{0,40}\b(?:do|does|did|fare|fares) (?:very |really |quite )?well\b",
       keys=("make it clear", "tell us", "let us know", "show us")),
    _c("commit.reciprocity_advocate", Flag.COMMITMENT_REQUEST, 1.0,
       "ties the program's advocacy to the applicant's answer",
       r"\bif (?:it (?:is|will|does)|so|yes|you do|you will|we are|we're|that's the case)\b,? "
       r"(?:I|we|he|she)(?:'ll| will| can| could)\b[^.?!]{0,40}?\b(?:advocate|fight|go to bat|"
       r"push (?:hard )?for you|see to it|put in a (?:good )?word|rank you (?:to match|first|"
       r"at the top|highly)|move you up)",
       keys=("if it is", "if it will", "if it does", "if so", "if yes", "if you do",
             "if you will", "if we are", "if we're", "if that's")),
    # Withdrawal traded for a place: "if you cancel your remaining interviews, he will take
    # care of you at the rank meeting", "If she cancels Harrow Valley and the rest of her
    # prelim interviews we'll put her at the top of our list": a benefit for a commitment.
    _c("commit.reciprocity_withdraw", Flag.COMMITMENT_REQUEST, 1.0,
       "ties a benefit to withdrawing elsewhere",
       r"\b(?:if|once|as soon as|provided(?: that)?|as long as) (?:you|she|he) (?:\w+ )?"
       r"(?:cancel|withdraw|drop|decline|call off|pull out of|stop)\w*\b[^.?!]{0,120}?"
       r"(?:\b(?:I|we|he|she|they)(?:'ll| will| can| would|'d)\b[^.?!]{0,60}?\b(?:take care of|"
       r"secure|guarantee|make sure (?:you|she|he) match|rank (?:you|her|him) (?:first|#\s?1|"
       r"number one|to match|at the top)|put (?:you|her|him) (?:at (?:the )?top|first|at #\s?1)"
       r"|top of (?:our|the|my|his|her) (?:rank )?list)|"
       # "… and tell me Ironridge is first, you're ours"
       r"\byou(?:'re| are) (?:ours|in)\b)",
       keys=("if you", "if she", "if he", "once you", "as soon as you", "provided",
             "as long as")),
    # The same bargain in Spanish, Portuguese or French: "Si nos pones en primer lugar, te
    # aseguro que vas a estar aquí en julio."
    _c("commit.reciprocity_foreign", Flag.COMMITMENT_REQUEST, 1.0,
       "ties a benefit to a first rank (Spanish, Portuguese, French)",
       r"\b(?:si (?:nos|me|lo|la) (?:pones|pone|colocas|coloca|rankeas|clasificas|eliges|escoges)|"
       r"se (?:você )?nos (?:colocar|puser|classificar)|si vous nous (?:classez|mettez|placez))"
       r"\b[^.?!]{0,40}\b(?:primer lugar|primero|primera opci[óo]n|n[úu]mero uno|primeiro lugar|"
       r"primeira op[çc][ãa]o|premi[eè]re? (?:place|choix|position)|en premier)\b[^.?!]{0,80}?"
       r"\b(?:te aseguro|le aseguro|te garantizo|le garantizo|te prometo|vas a (?:estar|quedar|"
       r"hacer match)|garanto|vai (?:ficar|estar)|je vous (?:garantis|promets)|vous serez)",
       keys=("si nos", "si me", "si lo", "si la", "se você nos", "se nos", "si vous nous")),
    # A form to tick: "[ ] I intend to rank St. Brigid's Mercy as my first choice."
    _c("commit.intent_checkbox", Flag.COMMITMENT_REQUEST, 1.0,
       "a form asks the applicant to declare a first-choice ranking",
       _CHECKBOX_RANK, keys=_CHECKBOX_KEYS),
    _c("commit.intent_declaration", Flag.COMMITMENT_REQUEST, 1.0,
       "a statement to sign declares a first-choice ranking", _DECLARED_RANK,
       keys=("i intend", "i plan", "i will", "i promise", "i commit", "i agree",
             "will be ranked as my", "will be ranked my")),
    _c("withdraw.declaration", Flag.WITHDRAWAL_REQUEST, 1.0,
       "a statement to sign forswears other programs", _DECLARED_NOT_ELSEWHERE,
       keys=("i will not",), negatable=False),
    # "Please send the NRMP withdrawal confirmation" (after "We haven't received…")
    _c("withdraw.proof", Flag.WITHDRAWAL_REQUEST, 1.0, "asks for proof of a Match withdrawal",
       r"\b(?:NRMP|Match) withdrawal (?:confirmation|proof|screenshot|letter|receipt|notice)\b|"
       r"\b(?:proof|confirmation|screenshot|evidence) (?:of|that) (?:your |you )?(?:NRMP |Match )?"
       r"withdr[ae]w|"
       # "a screenshot from the NRMP R3 system showing that your Match registration has been
       # withdrawn"
       r"\b(?:screenshot|proof|confirmation|evidence|pdf)\b[^.?!\n]{0,80}\b(?:registration|"
       r"application|name) (?:has been|was|is) withdrawn\b", neg_window=8),
    # the same form asks the applicant to disclose the rank
    _c("rank.intent_checkbox", Flag.RANK_INQUIRY, 1.0,
       "a form asks the applicant to tick how they will rank the program",
       _CHECKBOX_TELLS_RANK, keys=_CHECKBOX_KEYS),
]

# Commitment, fifth wave: "we would like a commitment from you", "if we're your top choice,
# say the word and we'll make it happen", "I can promise you a spot as long as we're first",
# "rank us first and you're in", "send me an email confirming we're your top program".
_COMMIT_FIFTH = [
    _c("commit.from_you", Flag.COMMITMENT_REQUEST, 1.0, "asks for a commitment from the applicant",
       r"\b(?:a|your) (?:firm |verbal |written |clear )?(?:commitment|pledge) from you\b",
       keys=("from you",)),
    _c("commit.if_we_are_first_we_will", Flag.COMMITMENT_REQUEST, 1.0,
       "trades a benefit for being ranked first",
       r"\bif (?:we(?:'re| are)|[\w'-]+(?: [\w'-]+){0,2} is) (?:your|at the top of your) "
       r"(?:top|first|#\s?1|number one)\b[^.?!]{0,80}\b(?:we|I)(?:'ll| will| can)\b[^.?!]{0,40}"
       r"\b(?:make (?:it|that|this) happen|make sure|ensure|guarantee|rank you|take care)|"
       r"\bif (?:we(?:'re| are)|[\w'./&-]+(?: [\w'./&-]+){0,2} is) your (?:top|first|#\s?1|number "
       r"one)\b[^.?!]{0,60}\b(?:I|we)(?:'m| am| are|'re) (?:confident|sure|certain) you(?:'ll| "
       r"will) (?:be )?match\w*",
       keys=("if we", " is your", " is at the top")),
    _c("commit.spot_if_first", Flag.COMMITMENT_REQUEST, 1.0, "promises a spot for a #1 rank",
       r"\b(?:promise|guarantee|assure) you (?:a |the |your )?(?:spot|position|place|match)\b"
       r"[^.?!]{0,60}\b(?:if|as long as|provided|once)\b[^.?!]{0,60}\b(?:rank|first|#\s?1|number "
       r"one|top|commit|sign)|\b(?:rank|put|place) us (?:#\s?1|first|number one|at the top(?: "
       r"of your (?:rank )?list)?)\b[^.?!]{0,20}\b(?:and|,) you(?:'ll| will|'re| are) (?:in|match|"
       r"be (?:here|matched|in))\b",
       keys=("promise you", "guarantee you", "assure you", "rank us", "put us", "place us")),
    _c("commit.confirm_top", Flag.COMMITMENT_REQUEST, 1.0, "asks to confirm the program is first",
       r"\bconfirm(?:ing|s)? (?:that )?(?:us|we(?:'re| are)|[\w'./&-]+(?: [\w'./&-]+){0,3} (?:is|"
       r"will be)) (?:your )?(?:top|first|#\s?1|number one)\b(?!\s*(?:choice )?(?:of |for )?"
       r"(?:interview )?(?:dates?|days?|times?|slots?|sessions?))",
       keys=("confirm",)),
]

# Commitment, sixth wave: a declaration made the price of something ("By confirming an
# interview date, you affirm that we are among your top three programs"), a reward after
# a first-choice question ("Are we your first choice? If so, you'll be ranked to match"),
# "if we're your #1, just send him an email saying so", and intent forms to return.
_COMMIT_SIXTH = [
    _c("commit.told_us_first", Flag.COMMITMENT_REQUEST, 1.0,
       "says the applicants who match are the ones who declared the program first",
       r"\b(?:applicants|people|candidates|residents|ones|those|folks|anyone|anybody|"
       r"whoever)\b[^.?!]{0,30}"
       r"\bwho(?:'ve| have| can| will)? (?:told|tells?|let|lets|assured|assures?|promised|"
       r"promises?|sent|sends?|wrote|writes?|emailed|emails?)"
       r"(?: (?:us|me|him|her|the committee))?\b[^.?!]{0,50}\b(?:(?:is|are|was|were) (?:their|"
       r"your) (?:first|top|#\s?1|number one|no\.? ?1)|(?:first|number one|#\s?1) on their list|"
       # "anyone who lets her know they're putting X first", "the ones who sent her a note
       # saying they'll rank X #1"
       r"they(?:'re| are|'ll| will| would)? (?:putting|put|rank(?:ing)?|list(?:ing)?|"
       r"plac(?:e|ing)) [^.?!]{0,40}?(?:first|#\s?1|number one|no\.? ?1|at the top))",
       keys=("told", "tell", "let", "assure", "promise", "sent", "send", "wrote", "write",
             "email")),
    _c("commit.affirm_first", Flag.COMMITMENT_REQUEST, 1.0,
       "makes the applicant declare the program a first choice",
       r"\byou(?: hereby)? (?:affirm|attest|certify|confirm|acknowledge|agree|declare|pledge|"
       r"state)s? that\b[^.?!]{0,60}\b(?:is|are|will be) (?:among |one of )?(?:your|my) "
       r"(?:top|first|#\s?1|number one|no\.? ?1)\b(?: (?:two|three|four|five|[2-5]))?"
       r"(?: (?:choices?|programs?))?",
       keys=("affirm", "attest", "certify", "confirm", "acknowledge", "agree", "declare",
             "pledge", "state")),
    _c("commit.if_so_reward", Flag.COMMITMENT_REQUEST, 1.0,
       "promises a reward if the program is the first choice",
       r"\bif (?:so|yes|it is|we are|we're|that's the case|that is the case)\b[^.?!]{0,80}"
       r"\b(?:(?:you(?:'ll| will)|I(?:'ll| will)|we(?:'ll| will)) (?:be )?rank(?:ed)? (?:you )?"
       r"to match|you(?:'ll| will) (?:match here|be (?:matched|golden|in|set))|you(?:'re| are) "
       r"in\b(?! (?:the|a|our|good|touch)\b)|"
       r"(?:I|we) can (?:promise|guarantee)|"
       r"(?:I|we)(?:'ll| will) (?:make sure|ensure|see to it that) you(?:'re| are)? (?:ranked|"
       r"listed|placed) (?:where you(?:'ll| will) match|to match|high enough to match))",
       keys=("if so", "if yes", "if it is", "if we are", "if we're", "the case")),
    _c("commit.say_so_if_first", Flag.COMMITMENT_REQUEST, 1.0,
       "asks the applicant to declare the program first",
       r"\bif (?:we(?:'re| are)|[\w'./&-]+(?: [\w'./&-]+){0,3} is) (?:your|at the top of your) "
       r"(?:top choice|first choice|#\s?1|number one|no\.? ?1)\b[^.?!]{0,60}\b(?:email|e-mail|"
       r"write|message|text|note)\b[^.?!]{0,40}\b(?:saying so|to say so|telling (?:us|him|her|me)"
       r"|saying (?:that|it))\b",
       keys=("if we", " is your", " is at the top")),
    _c("commit.only_if_rank", Flag.COMMITMENT_REQUEST, 1.0,
       "admits only applicants who will rank the program at the top",
       r"\bonly if (?:you|they|applicants?|candidates?) (?:are |is |will |would |can )?"
       r"(?:(?:prepared|willing|ready|planning|able|going|intend\w*|plan\w*) )?to rank\b"
       r"[^.?!]{0,40}\b(?:top|"
       r"first|#\s?1|number one|high\w*)\b",
       keys=("only if",)),
    _c("commit.if_top_promise", Flag.COMMITMENT_REQUEST, 1.0,
       "promises an outcome if the program is put first",
       r"\bif (?:we|[\w'./&-]+(?: [\w'./&-]+){0,2}) (?:go|goes|end up|ends up|land|lands|sit|sits|"
       r"is|are|'re) (?:at (?:or near )?the top of|first on|#\s?1 on|number one on) your "
       r"(?:rank )?list\b[^.?!]{0,60}\b(?:I|we) (?:can )?(?:promise|guarantee|assure|"
       r"(?:will |'ll )?make sure)\b",
       keys=("if we", " top of your", " first on your", " on your")),
    _c("commit.once_you_declare", Flag.COMMITMENT_REQUEST, 1.0,
       "makes a benefit wait for a declared top rank",
       r"\b(?:once|as soon as|if|when) you (?:let (?:us|me) know|tell (?:us|me)|confirm|assure "
       r"(?:us|me))(?: that)? (?:we(?:'ll| will)? be|we(?:'re| are)|[\w'./&-]+(?: [\w'./&-]+){0,3} "
       r"(?:will be|is)) (?:in |among |at )?(?:your|the top of your) (?:top|first|#\s?1|number "
       r"one)\b(?: (?:two|three|four|five|[2-5]))?(?: (?:choices?|programs?))?",
       keys=("once you", "as soon as you", "if you", "when you")),
    _c("commit.should_you_rank", Flag.COMMITMENT_REQUEST, 1.0,
       "promises an outcome should the program be ranked first",
       r"\bshould you (?:rank|place|put|list) (?:us|[\w'./&-]+(?: [\w'./&-]+){0,3}) (?:first|"
       r"#\s?1|number one|at the top|on top|highest)\b[^.?!]{0,60}\b(?:my word|promise|"
       r"guarantee|a (?:spot|place|position) for you|you(?:'ll| will) match)",
       keys=("should you",)),
    _c("commit.intent_form", Flag.COMMITMENT_REQUEST, 1.0, "sends an intent form to return",
       r"\bintent(?:ion)? (?:form|letter|statement)\b|\b(?:statement|declaration) of intent\b",
       where="subject",
       keys=("intent form", "intent letter", "intent statement", "intention form",
             "intention letter", "intention statement", "of intent")),
    _c("commit.return_intent", Flag.COMMITMENT_REQUEST, 1.0,
       "asks the applicant to sign a statement of intent",
       r"\b(?:sign|return|complete|submit|send)(?: and (?:return|send|sign|submit))? (?:us |me )?"
       r"(?:the |a |your |our )?(?:attached |enclosed |following )?(?:statement|declaration|form)"
       r" of intent\b", keys=("of intent",)),
    _c("commit.reward_for_declaring", Flag.COMMITMENT_REQUEST, 1.0,
       "rewards applicants who declare they will come",
       r"\b(?:applicants?|candidates?|people|those|someone|anyone|the ones)\b (?:who|that) "
       r"(?:tell|told|let|lets|has told|have told) (?:us|me|him|her)\b[^.?!]{0,60}\b(?:set on|"
       r"serious about|where (?:they|you) want to be|(?:would|'d) definitely come|all in)\b"
       r"[^.?!]{0,80}\b(?:front of the line|go to bat|end up here|are the ones|get (?:a|the|one "
       r"of our) spots?|moved up|priority)|\bif (?:she|he|they|I|we) hears? from someone that "
       r"they(?:'re| are) serious about\b[^.?!]{0,60}\b(?:go to bat|advocate|fight|push)",
       keys=("who tell", "who told", "who let", "that tell", "that told", "that let",
             "has told", "have told", "hears from", "hear from")),
    _c("commit.declaration_note", Flag.COMMITMENT_REQUEST, 1.0,
       "asks for a note declaring the program first",
       r"\b(?:letter|note|email|e-mail|statement|message)\b[^.?!]{0,40}\b(?:stating|saying|"
       r"confirming|declaring|promising|pledging) that\b[^.?!]{0,60}\b(?:will be|is) (?:their|your|"
       r"my|ranked) (?:first|top|#\s?1|number one)|\b(?:promising|pledging) that\b[^.?!]{0,60}"
       r"\b(?:will be|is) (?:first|#\s?1|number one|at the top)\b",
       keys=("stating that", "saying that", "confirming that", "declaring that",
             "promising that", "pledging that")),
    _c("commit.reserved_for_first", Flag.COMMITMENT_REQUEST, 1.0,
       "keeps something for applicants who will rank the program first",
       # "we're offering interviews to applicants who are prepared to rank Pell River highly"
       r"\b(?:reserve[sd]?|limit(?:ed)?|open|only|restricted|offering|offer|extend(?:ing)?)\b"
       r"[^.?!]{0,40}\b(?:for|to) "
       r"(?:candidates|applicants|those|people|interviewees) who (?:intend|plan|will|are going|are "
       r"planning|are prepared|are willing|are ready) to rank "
       r"(?:us|[\w'./&-]+(?: [\w'./&-]+){0,3}) (?:first|#\s?1|number one|at the top|highly|high)\b",
       keys=("who intend", "who plan", "who will", "who are")),
    _c("commit.tell_us_and_you_are_in", Flag.COMMITMENT_REQUEST, 1.0,
       "trades a place for a declaration",
       r"\btell (?:me|us) (?:that )?(?:we(?:'re| are)|[\w'./&-]+(?: [\w'./&-]+){0,2} is) "
       r"(?:the (?:place|one|program)|your (?:place|pick|choice|one))\b[^.?!]{0,30}\b(?:and|,) "
       r"you(?:'re| are| will be|'ll be) (?:in|matched|set|golden)\b",
       keys=("tell me", "tell us")),
]

# Commitment, fourth wave: "are you willing to make us your number one?", "tell me we're
# your first choice and I'll make sure you land here", "I need to know you're all in".
_COMMIT_FOURTH = [
    _c("commit.make_us_first", Flag.COMMITMENT_REQUEST, 1.0, "asks to make the program first",
       r"\b(?:willing|ready|able|prepared|going) to make (?:us|[\w'-]+(?: [\w'-]+){0,3}) your "
       r"(?:#\s?1|number one|first|top)\b",
       keys=("to make",)),
    _c("commit.tell_and_we_will", Flag.COMMITMENT_REQUEST, 1.0, "trades a benefit for a #1 word",
       r"\b(?:tell|promise|assure|show|convince) (?:me|us)\b[^.?!]{0,60}\b(?:first|#\s?1|number "
       r"one|top choice)\b[^.?!]{0,40}\b(?:and|,) (?:I|we)(?:'ll| will)\b",
       keys=("tell me", "tell us", "promise me", "promise us", "assure me", "assure us",
             "show me", "show us", "convince me", "convince us")),
    _c("commit.all_in", Flag.COMMITMENT_REQUEST, 1.0, "asks whether the applicant is all in",
       r"\b(?:you(?:'re| are)|be|are you) all[- ]in\b",
       keys=("all in", "all-in")),
]

# Withdrawal request ----------------------------------------------------------------------------
_WITHDRAW = [
    # "I'd ask that you not attend any further EM interviews", "do not schedule other
    # interviews". Look-alike: "we do not do in-person interviews".
    _c("withdraw.no_more_interviews", Flag.WITHDRAWAL_REQUEST, 1.0, "asks to stop interviewing",
       r"\b(?:not|n't|no longer) (?:to )?(?:attend|go to|schedule|accept|take|pursue|complete|"
       r"continue|book|sit for|do|add|arrange|line up|set up) (?:with )?(?:any |your )?"
       r"(?:further|other|more|additional|"
       r"remaining|future|upcoming|outside) (?:[\w-]+ ){0,2}interviews?\b",
       negatable=False, keys=("interview",)),
    # "… your interview at Saginaw Lakes coming up - I'd rather you didn't go."
    _c("withdraw.rather_not_go", Flag.WITHDRAWAL_REQUEST, 1.0,
       "asks the applicant to skip another interview",
       r"\binterviews?\b[^.?!]{0,80}\b(?:I|we)(?:'d| would) (?:much )?(?:rather|prefer) (?:that )?"
       r"you (?:didn't|did not|not|skipped|cancell?ed) (?:go|attend|it|that one)\b",
       negatable=False, keys=("rather you", "rather that you", "prefer you",
                              "prefer that you")),
    # The other interviews called needless: "I'm not sure you'll need those January
    # interviews", "you really don't need to go through with the rest of your January
    # interviews", "they can go ahead and cancel whatever interviews they have left", "tell
    # her you're done interviewing elsewhere", "confirm that you have declined interviews
    # with the other programs".
    _c("withdraw.interviews_needless", Flag.WITHDRAWAL_REQUEST, 1.0,
       "tells the applicant the other interviews are not needed",
       r"\b(?:don't|do not|won't|will not|wouldn't|not sure you(?:'ll| will)) (?:really |even )?"
       r"need (?:to (?:go through with|do|attend|keep|bother with) )?(?:the rest of |those |your "
       r"|any of |any |the )+(?:remaining |other |upcoming |later |january |february |[\w-]+ )?"
       r"interviews\b|"
       r"\bcancel (?:whatever|any|all(?: the| of the)?) (?:[\w-]+ )?interviews? (?:you|they) "
       r"(?:still )?have (?:left|remaining)\b|"
       r"\b(?:tell|let|email) (?:her|him|them|us|me)(?: know)? (?:that )?you(?:'re| are|'ve| "
       r"have)? (?:done|finished|stopped) interviewing\b|"
       r"\b(?:confirm|show|prove) (?:to (?:us|me|her|him) )?that you(?:'ve| have) (?:withdrawn|"
       r"declined|cancell?ed)\b|"
       # "honestly the remaining ones are a waste of your time and money. Cancel them"
       r"\b(?:the )?(?:remaining|other) (?:ones|interviews)\b[^.?!]{0,20}\b(?:are|would be) (?:a )?"
       r"(?:waste|pointless|unnecessary|not (?:needed|necessary))\b",
       negatable=False, keys=("need", "cancel", "interviewing", "withdrawn", "declined",
                              "cancelled", "canceled", "waste", "pointless", "necessary")),
    # "Please let Wendover know you are cancelling", "I would ask you, as a personal
    # favor, not to go".
    _c("withdraw.tell_them_cancelling", Flag.WITHDRAWAL_REQUEST, 1.0,
       "asks the applicant to cancel with another program",
       r"\b(?:let|tell) (?:[A-Z][\w'-]+|them|the (?:other )?program) know (?:that )?you(?:'re| are|"
       r" will be)? cancell?ing\b|\b(?:I|we) (?:would|'d) (?:ask|urge) you\b[^.?!]{0,40}\bnot to "
       r"(?:go|attend)\b",
       negatable=False, keys=("cancel", "not to go", "not to attend")),
    # The condition restated: "I can't drop the withdrawal requirement", "the withdrawal
    # condition stands".
    _c("withdraw.requirement_stands", Flag.WITHDRAWAL_REQUEST, 1.0,
       "restates that the offer requires leaving the Match",
       r"\b(?:can't|cannot|won't|will not|unable to|not able to|no way to) (?:\w+ )?(?:drop|waive|"
       r"remove|relax|lift|budge on|make an exception to) (?:the|our|this|that) (?:Match |NRMP )?"
       r"withdrawal (?:requirement|condition|clause|piece|part)\b|\b(?:the|our) (?:Match |NRMP )?"
       r"withdrawal (?:requirement|condition|clause) (?:stands|remains|still applies|is firm|is "
       r"non-?negotiable)\b",
       negatable=False, keys=("withdrawal requirement", "withdrawal condition",
                              "withdrawal clause", "withdrawal piece", "withdrawal part")),
    # Advice to stop interviewing: "I would not spend more money on neurology interviews if I
    # were you", "don't bother with any more interviews".
    _c("withdraw.stop_interviewing", Flag.WITHDRAWAL_REQUEST, 1.0,
       "advises the applicant to stop interviewing elsewhere",
       r"\b(?:wouldn't|would not|don't|do not|not to|no need to|needn't|no point in|not worth|"
       r"stop) "
       r"(?:spend(?:ing)? (?:any )?(?:more|extra|further) (?:money|time|funds) on (?:[\w-]+ ){0,2}"
       r"interview(?:s|ing)|(?:bother(?:ing)? (?:with|going (?:on|to))|go(?:ing)? (?:on|to)|"
       r"book(?:ing)?|schedul(?:e|ing)|attend(?:ing)?|do(?:ing)?) (?:any )?(?:more|other|further|"
       r"remaining|additional|new) (?:[\w-]+ ){0,2}interviews)\b",
       negatable=False, keys=("interview",)),
    # "cancel your upcoming interviews", "withdraw your other applications".
    _c("withdraw.cancel_others", Flag.WITHDRAWAL_REQUEST, 1.0, "asks to drop other programs",
       r"\b(?:cancel|withdraw from|pull out of|back out of|drop|forgo|forego|decline|turn down|ski"
       r"p|"
       r"stop|withdraw) (?:all |any |each )?(?:of )?(?:your )?(?:other|remaining|further|upcoming|"
       r"future|additional|outstanding|pending|scheduled) (?:[\w-]+ ){0,2}(?:interviews|invitations"
       r"|offers|applications)\b|\bwithdraw (?:all )?(?:of )?your (?:[\w-]+ ){0,2}applications? "
       r"(?:elsewhere|to other programs|at other programs|with other programs)\b|"
       # "release the interviews you're still holding elsewhere"
       r"\b(?:release|free up|give up|cancel|drop) (?:the |your )?(?:other )?interview(?:s| spots|"
       r" slots) (?:that )?you(?:'re| are|'ve| have)? (?:still )?(?:holding|booked|scheduled)\b|"
       # "clear your remaining interview calendar", "let the rest of your interview season go"
       r"\b(?:clear|free up|empty|wipe|close out) (?:out )?(?:the rest of )?your (?:remaining |"
       r"other |upcoming |future )?(?:[\w-]+ )?interview (?:calendar|schedule|season|trail|"
       r"dates)\b|"
       r"\blet (?:the rest of |all of )?your (?:remaining |other |upcoming )?(?:[\w-]+ )?"
       r"interview(?:s| season| trail| schedule| calendar) go\b",
       hypothetical=True, keys=("interviews", "invitations", "offers", "applications",
                                "interview calendar", "interview schedule", "interview season",
                                "interview trail", "interview dates")),
    # "take yourself out of the Match", "leave the Match", "your withdrawal from the NRMP",
    # "must be withdrawn". Look-alike: "if you have withdrawn from the Match, let us know".
    _c("withdraw.leave_match", Flag.WITHDRAWAL_REQUEST, 1.0, "asks to leave the Match",
       r"\b(?:withdraw|remove|take|pull) (?:yourself|your name|your application|your registration)"
       r" (?:out of|from) (?:the )?(?:\d{4} )?(?:NRMP|Match|Main Residency Match)\b|"
       r"\b(?:leave|exit|quit|drop out of|opt out of|unregister from|pull out of|back out of|"
       r"step (?:out of|away from)|get out of|come out of|remove yourself from) (?:the )?"
       r"(?:\d{4} )?(?:NRMP |"
       r"Main )?(?:Residency )?Match\b|\b(?:need|must|have|required|will need) to (?:be|have) "
       r"withdrawn\b|\b(?:conditional|contingent) (?:on|upon) (?:your )?"
       r"withdraw\w*\b|\b(?:confirm(?:ation)?|proof|evidence|documentation|copy)\b[^.?!]{0,40}"
       r"\byou(?:'ve| have) withdrawn from\b|\b(?:confirm(?:ation)?|proof|evidence|"
       r"documentation|copy|screenshot)\b[^.?!]{0,40}\b(?:registration|application|name)\b"
       r"[^.?!]{0,20}\b(?:has been|is|was) withdrawn\b", neg_window=18,
       keys=("yourself", "your name", "your application", "your registration", "leave ",
             "exit ", "quit ", "drop out of", "opt out of", "unregister from", "withdraw",
             "pull out of", "back out of", "step out of", "step away from", "get out of",
             "come out of")),
    # "this offer requires that you not go through the Match", "notify NRMP that you are
    # withdrawing", "stop scheduling interviews elsewhere".
    _c("withdraw.stay_out", Flag.WITHDRAWAL_REQUEST, 1.0, "asks to stay out of the Match",
       r"\b(?:you(?: will| would| must| should| do| may| can)? not|not to) (?:go through|"
       r"participate in|enter|take part in|register (?:for|in)|be in) (?:the )?(?:\d{4} )?"
       r"(?:NRMP |Main )?"
       r"(?:Residency )?Match\b|"
       r"\b(?:notify|tell|inform|email|e-mail|contact|call|write to) (?:the )?NRMP\b[^.?!]{0,40}"
       r"\bwithdraw\w*\b|"
       r"\b(?:resign from|forgo|forego|skip|give up|sit out|bypass|forfeit|opt out of) "
       r"(?:the |your )?(?:\d{4} )?(?:NRMP |Main )?(?:Residency )?Match\b|"
       r"\b(?:don't|do not|no need to|not) (?:bother )?(?:keep )?(?:interview(?:ing)?|"
       r"apply(?:ing)?) (?:anywhere|somewhere) else\b|"
       r"\bstop (?:scheduling|booking|accepting|attending|taking|going to) (?:any )?(?:more |"
       r"further |other |new )?interviews?\b",
       keys=("match", "nrmp", "interview", "apply", "applying")),
    # "sign the agreement prior to Match Day", "return the contract ahead of the ROL deadline".
    _c("withdraw.contract_early", Flag.WITHDRAWAL_REQUEST, 1.0, "contract before the Match",
       r"\b(?:sign|signed|execute|executed|return|complete)\b[^.?!]{0,60}\b(?:prior to|ahead of|in "
       r"advance of) (?:the )?(?:Match|rank|ROL)\b",
       keys=("prior to", "ahead of", "in advance of")),
]

# Commitment, seventh wave (round 16): asks to declare the program the applicant's place
# without the words "commit", "promise" or "rank": "I just need to hear that we're where you
# want to be", "shoot her an email saying SBM is it for you", "send him word that you're
# coming to us", "stick with us and we'll stick with you", letters that say the program
# will be at the top, "your word that if we put you at the top of ours, you'll be here".
_DECLARE_TO = (r"\b(?:hear|know|word|tell (?:me|us|her|him|them)|say(?:ing)?(?: to (?:me|us|her|"
               r"him))?|send (?:me|us|her|him) (?:word|a note|a line|an email|a message)|"
               r"e-?mail(?:ing)? (?:me|us|her|him)(?: saying)?|let (?:me|us|her|him) know)\b")
_COMMIT_SEVENTH = [
    _c("commit.declare_choice", Flag.COMMITMENT_REQUEST, 1.0,
       "asks the applicant to declare the program the place they will go",
       _DECLARE_TO + r"(?:(?!\b(?:whether|if)\b)[^.?!]){0,40}?\b(?:(?:that )?(?:we(?:'re| are)|"
       r"(?:it|this|that)(?:'s| is)|"
       r"(?:[\w'&-]+ ){1,3}is) (?:really |truly )?(?:where you want to (?:be|train|match|go|end "
       r"up)|it for (?:you|u)|the (?:one|place|program) for (?:you|u)|(?:your )?home)|(?:that )?"
       r"you(?:'re|'ll| are| will| would)? (?:be )?(?:coming (?:to us|here)(?! for (?:the|a|an|"
       r"dinner|lunch)\b)|coming to [\w'-]+ (?:for (?:residency|your (?:intern|prelim|"
       r"residency))|in july|next year)|joining us "
       r"(?:in july|next (?:year|july)|for (?:residency|your (?:intern|prelim|residency)))|all in|"
       r"with us in july|here in july))\b",
       # the declared place, the rarest part of every match
       keys=("where you want", "it for you", "it for u", "one for you", "place for you",
             "program for you", "one for u", "place for u", "program for u", "home",
             "coming to", "coming here", "joining us", "all in", "in july")),
    _c("commit.stick_with_us", Flag.COMMITMENT_REQUEST, 1.0, "trades loyalty for loyalty",
       r"\b(?:stick|stand|stay) (?:with|w|by) us\b[^.?!]{0,30}\b(?:we(?:'ll| will)|and we) "
       r"(?:stick|stand|stay) (?:with|w|by) (?:you|u)\b|\b(?:remembers?|notices?|rewards?) "
       r"(?:who|those who|the ones who|people who|applicants who) (?:tells?|told) (?:her|him|us|"
       r"them|me) (?:they(?:'re| are)|we(?:'re| are)) (?:all in|it|the one|their (?:home|place))\b",
       keys=("stick", "stand by", "stand with", "stay with", "stay by", "remember", "notice",
             "reward")),
    _c("commit.letter_at_top", Flag.COMMITMENT_REQUEST, 1.0,
       "invites letters saying the program will be ranked first",
       r"\bletters? (?:of intent )?(?:from (?:\w+ )?(?:candidates|applicants|interviewees) )?"
       r"(?:indicating|saying|stating|confirming|declaring) (?:that )?(?:[\w'&-]+ ){0,4}(?:will "
       r"be|is|are) (?:at the top|first|#\s?1|number one|(?:their|your) (?:first|top))\b",
       keys=("letter from", "letters from", "letter indicating", "letters indicating",
             "letter saying", "letters saying", "letter stating", "letters stating",
             "letter confirming", "letters confirming", "letter declaring", "letters declaring",
             "letter of intent", "letters of intent")),
    # "if we're the one, drop me a line", "if we're it for you, send him a quick line"
    _c("commit.if_the_one_say_so", Flag.COMMITMENT_REQUEST, 1.0,
       "asks the applicant to say so if the program is the one",
       r"\bif (?:we(?:'re| are)|(?:[\w'&-]+ ){1,3}is)\b[^.?!]{0,15}?\b(?:the one|it for (?:you|u)|"
       r"it|your (?:place|top pick|first pick|home))\b[^.?!]{0,20}?,? (?:please |just )?(?:drop|"
       r"send|shoot|write|e-?mail|text|let|tell|give)(?: (?:me|him|her|us|them))?(?: (?:a|an|one) "
       r"(?:quick |short |brief )?(?:line|note|email|e-mail|message|text)| know)\b",
       keys=("if we", " is ")),
    # "I'd like to be able to tell our committee that you are committed to Albuquerque"
    _c("commit.tell_committee", Flag.COMMITMENT_REQUEST, 1.0,
       "wants to tell the committee the applicant is committed",
       r"\b(?:tell|assure|inform|let) (?:our|the|my) (?:committee|faculty|chair|team|department)"
       r" (?:know )?that you(?:'re| are| will be)? (?:committed|coming|all in|ours)\b",
       keys=("committee", "faculty", "chair", "team", "department")),
    # "we'd love to hear you're ready to join us": the PD waits for a yes
    _c("commit.hear_ready_to_join", Flag.COMMITMENT_REQUEST, 1.0,
       "waits to hear that the applicant is ready to join",
       r"\b(?:love|like|want|hope|glad|happy|need|wait(?:ing)?) to (?:hear|know) (?:that )?"
       r"you(?:'re| are) (?:ready|set|prepared|planning|going) to (?:join|come to|train with) "
       r"(?:us|our)\b",
       keys=("to hear", "to know")),
    # "Cancel the rest of your interviews and you have my word you'll be ranked to match"
    _c("commit.do_this_and_my_word", Flag.COMMITMENT_REQUEST, 1.0,
       "promises a Match place in exchange for an act",
       r"\band (?:you have my word|I (?:promise|guarantee)|I can (?:promise|guarantee)|I'll make "
       r"sure)(?: (?:you|that you))?[^.?!]{0,12}?(?:you(?:'ll| will)? )?(?:be ranked to match|"
       r"match (?:here|with us)|be (?:at|near) the top of our list)\b",
       keys=("my word", "promise", "guarantee", "make sure")),
    # "the PD has asked that each of these candidates confirm in writing that they will rank
    # Northgate first"
    _c("commit.confirm_ranking_first", Flag.COMMITMENT_REQUEST, 1.0,
       "asks for a statement that the program will be ranked first",
       r"\b(?:confirm|state|affirm|certify|attest)(?: to (?:me|us))?(?: in writing)? that (?:you|"
       r"they)(?:'ll| will| would| are going to) (?:rank|list|put|place) "
       r"(?:us|(?:[\w'&.-]+ ){1,5}?) ?(?:first|#\s?1|number one|at the top|highest)\b",
       keys=("confirm", "state that", "affirm", "certify", "attest")),
    # "If Pell Harbor is where you want to be, say the word, and I will take it from there",
    # "If Antelope Flats is where you see yourself, a short note to me saying so"
    _c("commit.if_where_you_want_say_so", Flag.COMMITMENT_REQUEST, 1.0,
       "asks the applicant to say so if the program is where they want to be",
       r"\bif (?:we(?:'re| are)|(?:[\w'&-]+ ){1,3}is) (?:really |truly )?(?:where|the place) you "
       r"(?:want to (?:be|train|end up|match)|see yourself)\b[^.?!]{0,60}?\b(?:say the word|let "
       r"(?:me|us|him|her) know|tell (?:me|us|him|her)|saying so|drop (?:me|us|him|her) a line|"
       r"send (?:me|us|him|her) (?:a|an) (?:note|line|email)|I'd love to hear (?:it|that|so))\b",
       keys=("where you want", "where you see yourself", "place you want", "place you see")),
    _c("commit.word_if", Flag.COMMITMENT_REQUEST, 1.0, "asks for a promise in a bargain",
       r"\byour (?:word|promise|assurance) that if\b[^.?!]{0,80}\byou(?:'ll| will)\b",
       keys=("your word", "your promise", "your assurance")),
]

# Commitment, eighth wave: hints that tie a reward to saying so, without the words.
_COMMIT_EIGHTH = [
    # "the applicants who let us know early tend to do well"
    _c("commit.those_who_tell_do_well", Flag.COMMITMENT_REQUEST, 1.0,
       "says applicants who declare themselves do well",
       r"\b(?:applicants|candidates|people|those|folks|residents|ones|interviewees) who (?:let "
       r"(?:us|me|him|her|them) know|tell (?:us|me|him|her|them)|reach out)\b[^.?!]{0,40}?\b(?:tend"
       r" to|usually|always|often|generally) (?:do (?:very |really )?well|match|end up|land)\b",
       keys=("tend to", "usually", "always", "often", "generally")),
    # "we look kindly on candidates who have narrowed their search"
    _c("commit.looks_kindly_on", Flag.COMMITMENT_REQUEST, 1.0,
       "favors applicants who narrow their search or declare the program first",
       r"\blooks? (?:kindly|favou?rably) (?:on|upon) (?:applicants|candidates|people|those|"
       r"interviewees) who (?:have )?(?:narrowed|committed|made (?:us|it clear)|let (?:us|him|her) "
       r"know|told (?:us|him|her)|cancel\w*|withdr\w*)\b",
       keys=("kindly", "favorably", "favourably")),
    # "So if we're high on your list, it can't hurt to let him know"
    _c("commit.if_high_on_list_say_so", Flag.COMMITMENT_REQUEST, 1.0,
       "asks the applicant to say so if the program is high on their list",
       r"\bif (?:we(?:'re| are)|(?:[\w'&-]+ ){1,3}is) (?:high|first|at the top|near the top|#\s?1|"
       r"number one|up (?:near|at) the top)(?: (?:on|of) your (?:rank )?list\b)?[^.?!]{0,40}?\b"
       r"(?:let (?:me|us|him|her|them) "
       r"know|tell (?:me|us|him|her|them)|say so|drop (?:me|us|him|her) a line)\b",
       keys=("high on your", "first on your", "top of your", "#1 on your", "one on your",
             "near the top", "at the top")),
    # "let her know if we're your first choice, and she'll look after you"
    _c("commit.say_if_first_and_well_care", Flag.COMMITMENT_REQUEST, 1.0,
       "trades care for word that the program is first",
       r"\b(?:let|tell) (?:me|us|him|her|them) (?:know )?if (?:we(?:'re| are)|(?:[\w'&-]+ ){1,3}is)"
       r" your (?:first|top|#\s?1|number one) (?:choice|pick)\b[^.?!]{0,10}?(?:,|and) "
       r"(?:she|he|we|I|they)(?:'ll| will) (?:look after|take care of|make sure|see to)\b",
       keys=("look after", "take care of", "make sure", "see to")),
    # "a quick note confirming that Kittredge is where you intend to be would help me"
    _c("commit.note_confirming_place", Flag.COMMITMENT_REQUEST, 1.0,
       "asks for a note confirming the program is where the applicant will go",
       r"\b(?:note|email|line|letter|word|message) (?:confirming|saying|stating|telling (?:me|us))"
       r" (?:that )?(?:we(?:'re| are)|(?:[\w'&-]+ ){1,3}is) (?:where you (?:intend|want|plan) to "
       r"(?:be|train|go|end up)|your (?:first|top) choice)\b",
       keys=("confirming", "saying", "stating", "telling")),
    # "he gives a lot of weight to applicants who tell him we're their top choice"
    _c("commit.weight_to_those_who_tell", Flag.COMMITMENT_REQUEST, 1.0,
       "rewards applicants who declare the program first",
       r"\b(?:gives?|puts?|places?) (?:a lot of |real |great |extra |significant |more )?weight "
       r"(?:to|on) (?:applicants|candidates|people|those|folks|interviewees) who (?:tell|let|say|"
       r"show)\b",
       keys=("weight to", "weight on")),
    # "we save our top spots for folks who'll actually show up in July"
    _c("commit.top_spots_for_those_who_come", Flag.COMMITMENT_REQUEST, 1.0,
       "reserves the top of the list for applicants who will come",
       r"\b(?:save|saves|reserve|reserves|keep|keeps|hold|holds) (?:our|the) (?:top|best|first|"
       r"highest) (?:spots|places|positions|ranks|slots)\b[^.?!]{0,20}? for (?:folks|people|"
       r"applicants|candidates|those|residents|ones) who(?:'ll| will| are going to)? (?:actually |"
       r"really |definitely )?(?:show up|come|join|be here)\b",
       keys=("save our", "saves our", "reserve our", "reserves our", "keep our", "keeps our",
             "hold our", "holds our", "save the", "reserve the", "keep the", "hold the")),
    # "Are we your first choice? If so, say the word and I'll take care of the rest."
    _c("commit.if_so_say_the_word", Flag.COMMITMENT_REQUEST, 1.0,
       "trades care for a word that the program is first",
       r"\bif so,? (?:just )?(?:say the word|let (?:me|us|him|her) know|tell (?:me|us|him|her))\b"
       r"[^.?!]{0,20}?\b(?:I'll|I will|we'll|we will|she'll|he'll) (?:take care of|make sure|"
       r"handle|look after)\b",
       keys=("if so",)),
    # "a quick call to hear whether you're ready to make St. Ottilie your home"
    _c("commit.ready_to_make_us_home", Flag.COMMITMENT_REQUEST, 1.0,
       "wants to hear that the applicant is ready to choose the program",
       r"\b(?:hear|know|find out|learn) (?:whether|if) you(?:'re| are) ready to (?:make "
       r"(?:[\w.'&-]+ ){1,3}your (?:home|first choice|place|top choice)|join us|commit)\b",
       keys=("ready to",)),
    # "if we ranked you to match, would you come?"
    _c("commit.would_you_come", Flag.COMMITMENT_REQUEST, 1.0,
       "asks whether the applicant would come if ranked to match",
       r"\bif we (?:rank(?:ed)?|put|place[d]?|offer(?:ed)?) you (?:to match|high(?:ly)?|first|at "
       r"the top|a (?:spot|position))\b[^.?!]{0,30}?\b(?:would|will) you (?:come|join us|accept|be"
       r" here|take it)\b",
       keys=("would you", "will you")),
    # Round 20. A promise to accept an offer not yet made: "he asks that you confirm by
    # reply that you will accept the offer if we extend it in Round 1" (SOAP).
    _c("commit.accept_if_offered", Flag.COMMITMENT_REQUEST, 1.0,
       "asks for a promise to accept an offer before it is made",
       r"\b(?:confirm|promise|assure (?:us|me)|guarantee)\b[^.?!]{0,60}\bthat you(?:'ll| will| "
       r"would) (?:definitely )?accept (?:the|an|our|a|it)\b[^.?!]{0,30}?\bif (?:we|it is|one is|"
       r"an offer is|the offer is|offered)\b|"
       # Round 22: the clause listed under its lead-in ("Dr. Q asks that you confirm two
       # things: (a) that if we extend you an offer, you will accept it")
       r"\bthat,? if (?:we|the program|[A-Z][\w'-]+) (?:extends?|makes?|offers?|gives?) you "
       r"(?:an?|the|our) (?:offer|position|spot|contract)\b[^.?!]{0,20}?\byou(?:'ll| will| "
       r"would| shall) (?:definitely )?accept\b",
       keys=("accept",)),
]

# Round 21. A rank made the price of an interview or a spot: "this season we are extending
# waitlist interviews only to applicants who will rank Dunmore Hills among their top three".
_COMMIT_NINTH = [
    _c("commit.only_for_rankers", Flag.COMMITMENT_REQUEST, 1.0,
       "grants something only to applicants who will rank the program high",
       r"\bonly (?:to|for|with) (?:applicants|candidates|those|people|interviewees) who (?:will|"
       r"can|agree to|commit to|promise to|plan to) rank (?:us|[A-Z][\w.'-]+(?: [A-Z][\w.'&-]+)"
       r"{0,4}) (?:first|#\s?1|number one|among their top|in their top|at the top|highly)",
       keys=("only to", "only for", "only with")),
]

# Round 20. A rank scale put to the applicant: "Please reply with just a number: 1 =
# Copperline will be my #1 / 2 = top 3 / …". Round 21: where else, asked obliquely.
_RANK_SCALE = [
    # "asks each invitee to share, in their reply, which other rural-track programs they
    # applied to"; a screening question "Which regions of the country are you applying to?"
    _c("rank.which_others", Flag.RANK_INQUIRY, 1.0, "asks where else the applicant applied",
       r"\bwhich other (?:[\w-]+ ){0,4}(?:programs?|hospitals?|places|residencies|departments) "
       r"(?:you|they)(?:'ve| have)? (?:also )?(?:applied|interviewed|are (?:applying|interviewing)|"
       r"signal\w*|are ranking)\b|"
       r"\bwhich (?:regions?|states|cities|parts) (?:of the country )?(?:are|have) you (?:also )?"
       r"(?:applying|applied|interviewing|interviewed)\b",
       before=r"\b(?:share|tell|list|name|let (?:us|me|him|her) know|asks?|which|reply|"
              r"indicate|select|question)\b[^.?!]{0,80}$|^\W*$",
       keys=("which other", "which region", "which state", "which cities", "which parts")),
    # "how we compared with the other departments you visited, and where you see us among
    # them"; "any programs leading the pack for you? Curious whether Albany is near the front"
    _c("rank.where_we_stand", Flag.RANK_INQUIRY, 1.0, "asks where the program stands for them",
       r"\bwhere you (?:see|place|put|would put|'d put) us (?:among|on|in) (?:them|your list|the "
       r"others|your ranking)\b|"
       r"\b(?:whether|(?:curious|wondering|wonder) if) (?:[A-Z][\w'-]+|we|our program|we're|we "
       r"are) (?:is |are )?(?:near|toward|towards) the (?:front|top)\b|"
       r"\bprograms? (?:leading the pack|out in front|at the front) for you\b|"
       r"\b(?:sneak )?peek at (?:your (?:rank )?list\b|what (?:it|your list) looks like\b)",
       keys=("among", "near the", "toward", "leading the pack", "out in front", "at the front",
             "peek at")),
    _c("rank.scale", Flag.RANK_INQUIRY, 1.0, "asks the applicant to place the program on a scale",
       r"\b1\s*=\s*[^=\n]{0,50}\b(?:will be|is) my (?:#\s?1|number one|no\.? ?1|first choice|"
       r"top choice)\b",
       keys=("my #", "my number one", "my no", "my first choice", "my top choice")),
]

# Round 22: bargains and asks as residents, recruiters and second-language writers put them.
_ROUND22 = [
    # "We prefer candidates who give us their word that they will come to Alder Bay. If you
    # can give such word, I will put you in very good position on our list."
    _c("commit.give_word", Flag.COMMITMENT_REQUEST, 1.0, "asks for the applicant's word",
       r"\b(?:give|gives|giving) (?:us|me|him|her|the (?:program|committee|pd)) (?:your|their|"
       r"his|her) (?:word|promise|assurance) that (?:you|they|he|she)(?:'ll| will| would) "
       r"(?:come|join|rank|accept|sign|be|choose)\b|"
       r"\bif you (?:can |could )?give (?:us |me |him |her )?(?:such|that|this|your) (?:a )?"
       r"(?:word|promise|assurance|commitment)\b",
       keys=("give", "giving")),
    # "Cancel the rest of your interviews and you'll be at the very top of our list."
    _c("commit.act_for_top", Flag.COMMITMENT_REQUEST, 1.0, "promises a rank for an act",
       r"\b(?:cancel|withdraw from|decline|drop|skip|tell (?:me|us|him|her)|let (?:me|us|him|"
       r"her) know|promise|commit|sign)\b[^.?!]{0,80}\band you(?:'ll| will) (?:be (?:at|near) "
       r"the (?:very )?top of (?:our|my|the|his|her) (?:rank )?list|be ranked to match|match "
       r"(?:here|with us))\b",
       keys=("top of", "ranked to match", "match here", "match with us")),
    # "a quick two-line email telling him you'll rank us first would go a long way"
    _c("commit.note_you_will_rank_first", Flag.COMMITMENT_REQUEST, 1.0,
       "asks for a note promising a first rank",
       r"\b(?:email|e-mail|note|message|line|text|letter)s?\b[^.?!]{0,30}?\b(?:telling|saying|"
       r"to tell|letting|that says|stating|promising|pledging|confirming|assuring (?:him|her|"
       r"them|us|me))\b[^.?!]{0,20}?\byou(?:'ll| will|'re going to| are "
       r"going to| plan to) rank (?:us|[A-Z][\w'&.-]*(?: [A-Z][\w'&.-]*){0,3}) (?:first|#\s?1|"
       r"number one|at the top|highest)\b",
       keys=("ll rank", "will rank", "going to rank", "plan to rank")),
    # "If Sandhill's number one on yours, you'll be on ours high enough to match"
    _c("commit.first_on_yours", Flag.COMMITMENT_REQUEST, 1.0,
       "promises a rank if the program is put first",
       r"\bif [^.?!]{0,40}\b(?:number one|#\s?1|no\.? ?1|first choice|top choice|top pick|first) "
       r"(?:on yours|on your (?:rank )?list)\b[^.?!]{0,10}\byou(?:'ll| will) be\b[^.?!]{0,30}"
       r"\b(?:high enough to match|ranked to match|on ours|at the top|match)\b",
       keys=("on yours", "on your list", "on your rank")),
    # "every applicant who pledges Caldera Valley as their #1 choice … gets first pick"
    _c("commit.pledge_as_first", Flag.COMMITMENT_REQUEST, 1.0,
       "rewards applicants who declare the program first",
       r"\b(?:who|if you|when you|once you|those who) (?:pledges?|promises?|commits? to|"
       r"declares?|names?)\b[^.?!]{0,40}?\bas (?:their|your|his|her) (?:#\s?1|number one|no\.? ?1"
       r"|first|top)(?: choice)?\b",
       keys=("as their", "as your", "as his", "as her")),
    # "ok not supposed to say this but… if ur putting us first just shoot me a msg"
    _c("rank.if_putting_us_first", Flag.RANK_INQUIRY, 1.0, "asks to be told of a first rank",
       r"\bif you(?:'re| are) (?:putting|ranking|listing|placing) (?:us|[A-Z]\w+(?: [A-Z]\w+)"
       r"{0,2}) (?:first|#\s?1|number one|at the top)\b[^.?!]{0,40}\b(?:shoot|send|drop|text|"
       r"email|tell|let)\b",
       keys=("putting", "ranking", "listing", "placing")),
    # "could you tell us whether you are also applying to categorical Internal Medicine
    # programs, and if so, which ones?"
    _c("rank.whether_and_which", Flag.RANK_INQUIRY, 1.0, "asks where else the applicant applied",
       r"\b(?:whether|if) you(?:'re| are| have)? (?:also )?(?:applying|applied|interviewing|"
       r"interviewed|ranking) (?:to|at|with|for)\b[^.?!]{0,60}\bif so,? (?:which|where)\b",
       keys=("if so",)),
    # "please mention in your reply the names of other programmes which have given you
    # interview call"; "Please list every program in Alabama, Mississippi, … you applied to"
    _c("rank.name_the_programs", Flag.RANK_INQUIRY, 1.0, "asks for the other programs' names",
       r"\b(?:names?|list) of (?:the |all )?(?:other )?(?:programs?|places|hospitals|"
       r"institutions)\b[^.?!]{0,40}\b(?:you(?:'ve| have)? (?:applied|interviewed|signal\w*)|"
       r"(?:which|that) (?:have )?(?:given|offered|sent|extended) you (?:an? )?interview)|"
       r"\blist (?:every|each|all|all the|any) (?:other )?(?:programs?|places|hospitals)\b"
       r"[^.?!]{0,80}\byou(?:'ve| have)? (?:applied|interviewed|signal\w*)\b",
       keys=("names of", "name of", "list of", "list every", "list each", "list all",
             "list any")),
    # The question in the writer's first language: "¿somos su primera opción?", "¿en qué
    # lugar quedamos en tu lista?", "¿a qué otros programas fuiste a entrevista?", "où se
    # situe Quarry Hill sur votre liste ?", "هل برنامجنا هو خيارك الأول؟" (is our program
    # your first choice?), "أين أجريتِ مقابلات أخرى" (where else did you interview?)
    _c("rank.first_choice_es", Flag.RANK_INQUIRY, 1.0, "asks about the rank in Spanish, "
       "French, Portuguese or Arabic",
       r"\b(?:somos|seremos|estamos como|es|sería) (?:[\w-]+ ){0,3}?(?:su|tu) primera "
       r"opci[oó]n\b|"
       r"\b(?:qu[eé]|cu[aá]l) lugar\b[^.?!]{0,40}\b(?:tu|su) lista\b|"
       # "saber en qué lugar nos tienes tú. ¿Estamos entre tus primeras opciones?"
       r"\b(?:estamos|somos|quedamos) (?:entre|dentro de) (?:tus|sus) (?:primeras|principales) "
       r"opciones\b|\ben qu[eé] lugar nos (?:tienes|tiene|pones|pone)\b|"
       r"\b(?:otros|dem[aá]s) programas\b[^.?!]{0,50}\b(?:entrevist\w*|aplicaste|postulaste|"
       r"aplic[oó]|postul[oó])\b[^.!]{0,80}\?|"
       r"\b(?:sur|dans) (?:votre|ta) liste\b[^.!]{0,80}\?|"
       r"\b(?:vos|tes) premiers? choix\b[^.!]{0,60}\?|"
       r"\b(?:sua|tua) primeira op[cç][aã]o\b|"
       # "¿nos vas a poner en primer lugar?"
       r"\b(?:nos|me) (?:vas|va|van|piensas|piensa|pensás) a (?:poner|colocar|rankear|"
       r"clasificar|elegir) (?:en |como )?(?:el )?(?:primer lugar|primero|n[uú]mero uno)\b|"
       r"خيارك الأول|مقابلات أخرى|قائمتك",
       keys=("primera opci", "lugar", "programas", "liste", "premier", "primeira op",
             "primero", "mero uno", "خيارك", "مقابلات", "قائمتك")),
    # "Since you signaled us, I'm going to assume Kettleridge is at or near the very top of
    # your list. Correct me if I'm wrong!"
    _c("rank.assume_top", Flag.RANK_INQUIRY, 1.0, "presumes the program's place on the list",
       r"\b(?:assum\w*|guess\w*|take it|suspect\w*|figur\w*|imagin\w*) (?:that )?(?:we(?:'re| "
       r"are)|(?:[A-Z][\w'-]+ ){1,3}is) (?:at or near |near |at |among |in |high on |up "
       r"(?:near|at) )(?:the (?:very )?top (?:of|on) )?your (?:rank )?(?:list|top)\b",
       keys=("your list", "your rank", "your top")),
    # "once you are interviewed by us, you will not continue interviewing with other
    # programs"; "no need of going for further interviews now"; "please consider withdrawing
    # from the pediatrics interviews you still have pending"
    _c("withdraw.stop_interviewing", Flag.WITHDRAWAL_REQUEST, 1.0, "asks to stop interviewing",
       r"\bnot (?:to )?(?:continue|keep|go on) (?:interviewing|applying)\b|"
       r"\bno (?:need|point) (?:of|for|in|to) (?:go(?:ing)? (?:for|to)|attend(?:ing)?|do(?:ing)?|"
       r"continu(?:e|ing)|keep(?:ing)?|complet(?:e|ing)) (?:any |the |your )?(?:further|more|"
       r"other|remaining) interviews?\b(?! (?:with us|here|at (?:our|this)))|"
       r"\bwithdraw(?:ing)? from (?:the |your |any |all )?(?:[\w-]+ ){0,2}interviews? (?:(?:that )?"
       r"you (?:still )?have|(?:that (?:are|remain) )?(?:still )?pending|remaining|left)\b",
       negatable=False, keys=("continue", "keep", "go on", "no need", "no point", "withdraw")),
    # A follow-up on an earlier ask: "did u cancel them yet? need to know b4 fri"
    _c("withdraw.did_you_cancel_yet", Flag.WITHDRAWAL_REQUEST, 1.0,
       "asks whether the other interviews are cancelled yet",
       r"\b(?:did|have) you (?:cancel(?:l?ed)?|decline[d]?|withdrawn? from) (?:them|those|the "
       r"others|the rest|the other ones)(?: yet| already)\b",
       keys=("cancel", "decline", "withdraw")),
]

# Round 24: withdrawal asked as terms of an interview, as advice, and in three words.
_ROUND24 = [
    # An interview's terms: "By accepting an interview date with us, applicants agree not to
    # schedule interviews with other pediatric programs", "agree to decline interview offers
    # from other family medicine programs", "he asks the people we interview not to also
    # interview at the other two Med-Peds programs".
    _c("withdraw.interview_terms", Flag.WITHDRAWAL_REQUEST, 1.0,
       "makes not interviewing elsewhere a term",
       r"\bagree(?:s|d)? (?:not to|to not) (?:schedule|accept|attend|pursue|book|take|do)\b"
       r"[^.?!]{0,20}\binterviews?\b|"
       r"\bagree(?:s|d)? to (?:decline|cancel|turn down) (?:any |all )?(?:other |further )?"
       r"(?:[\w-]+ )?interview (?:offers|invitations|invites)\b|"
       r"\bnot to (?:also )?interview (?:at|with) (?:the |any )?(?:other|another)\b|"
       r"\b(?:released?|cleared?|freed? up|dropped|cancell?ed) (?:their|your|all|any) other "
       r"(?:[\w-]+ ){0,2}interview (?:dates|slots|spots|days)\b",
       negatable=False, keys=("agree", "not to interview", "not to also interview",
                              "released", "release", "cleared", "clear", "freed up",
                              "free up", "dropped", "cancelled", "canceled")),
    # Advice to stop: "I honestly don't think you need to put yourself through the rest of
    # your interview season", "you can stop worrying about the other interviews", "focus only
    # on Corbin-Vale from here … more time spent on interviews elsewhere would be time
    # wasted", "let those programs know you won't need them", "Cancel the rest."
    _c("withdraw.advice_to_stop", Flag.WITHDRAWAL_REQUEST, 1.0,
       "advises the applicant to stop interviewing",
       r"\b(?:don't|do not) (?:\w+ ){0,2}(?:think )?you (?:really )?need to (?:put yourself "
       r"through|go through|sit through|finish|complete|keep (?:doing|going with)) (?:the rest "
       r"of|the remainder of|your remaining|the remaining|more|any more) (?:of )?(?:your |the )?"
       r"interviews?(?: season| trail| tour)?\b|"
       r"\b(?:stop|quit) (?:worrying about|bothering with|stressing about) (?:the|your|those|any) "
       r"(?:other|remaining|rest of (?:the|your)) interviews?\b|"
       r"\b(?:interviews? elsewhere|other interviews?)\b[^.?!]{0,40}\b(?:time wasted|a waste|"
       r"wasted)\b|"
       r"\blet (?:those|the other|the|your other) programs know (?:that )?you (?:won't|will not|"
       r"no longer) need (?:them|those|the (?:dates|interviews|slots))\b|"
       r"\bcancel (?:the rest|the others|all the others)(?=\s*(?:[.!]|$))|"
       r"\btake (?:the |all |any )?other (?:[\w-]+ ){0,2}programs? off (?:your|the) (?:rank )?"
       r"list\b|"
       # "If you can tell me Northwind is your first choice and let the other programs go"
       r"\blet (?:the |your |all )?(?:the )?other (?:programs?|interviews?|places) go\b",
       negatable=False, keys=("need to", "worrying", "bothering", "stressing", "wasted",
                              "a waste", "programs know", "cancel the", "cancel all",
                              "off your", "off the", "programs go", "program go",
                              "interviews go", "interview go", "places go")),
    # The cancellations reported: "send me a quick list of the interviews you've cancelled",
    # "confirm by reply that they have cancelled any interviews scheduled after February 1"
    _c("withdraw.report_cancellations", Flag.WITHDRAWAL_REQUEST, 1.0,
       "asks which interviews the applicant cancelled",
       r"\b(?:list|which|tell (?:us|me)|send (?:me|us)) (?:of )?(?:the )?interviews? (?:that )?"
       r"you(?:'ve| have) (?:cancell?ed|declined|dropped|turned down)\b|"
       r"\b(?:confirm|show|prove)\b[^.?!]{0,30}\bthat (?:they|he|she)(?:'ve| have) (?:cancell?ed|"
       r"declined|withdrawn from) (?:any|all|their|other)\b|"
       # "a short email from you stating that Mount Carrow is your first choice and that you
       # have withdrawn from your remaining interviews"
       r"\b(?:stating|saying|confirming|to confirm)\b[^.?!]{0,60}\byou(?:'ve| have) (?:withdrawn "
       r"from|cancell?ed|declined) (?:your|the|all|any) (?:remaining |other )?interviews\b",
       negatable=False, keys=("cancelled", "canceled", "declined", "dropped", "turned down",
                              "withdrawn")),
    # "So I will say plainly what I hope: please don't take any more interviews."
    _c("withdraw.no_more_interviews", Flag.WITHDRAWAL_REQUEST, 1.0,
       "asks the applicant to take no more interviews",
       r"\b(?:don't|do not) (?:take|schedule|accept|book|do|attend|go to) any (?:more|further|"
       r"other) (?:[\w'-]+ ){0,3}interviews\b",
       negatable=False, keys=("don't", "do not")),
    # "ok be honest are we #1 or #2 for u"
    _c("rank.are_we_one_or_two", Flag.RANK_INQUIRY, 1.0, "asks whether it is first",
       r"\bare we (?:your )?(?:#\s?1|number one|no\.? ?1|first)(?: or (?:#\s?\d|number two|"
       r"second))? (?:for you|on your list|in your ranking)\b",
       keys=("are we",)),
    # "Let me make you a promise: rank Sunward first, and there will be a place for you in
    # the global health track."
    _c("commit.rank_first_and_reward", Flag.COMMITMENT_REQUEST, 1.0,
       "promises a reward for a first rank",
       r"\b(?:rank|put|list) (?:us|[A-Z][\w'-]+(?: [A-Z][\w'-]+){0,2}) (?:first|#\s?1|number one|"
       r"at the top),? and (?:there(?:'ll| will) be|you(?:'ll| will)|we(?:'ll| will)|"
       r"I(?:'ll| will)|"
       # "rank Gulfwater first and you're in", "put Tamarind Coast first, and you will be a
       # Tamarind Coast resident in July"
       r"you(?:'re| are) (?:in|golden|set)\b|it(?:'s| is) yours)\b",
       keys=("rank ", "put ", "list ")),
]

# Round 26: a favour for the partner in a couples match, or any help, for a first rank: "if
# Lone Oak is your number one, we'll pull strings for Owen with Dr. Harwell in psych", "If
# Pelican Crescent ends up at the top of your list, I'll make sure our friends over in
# psychiatry take a very serious look at Owen". (Gladness is no benefit: "if we're your #1,
# we'd be thrilled" stays a rank question.)
_ROUND26 = [
    _c("commit.reciprocity_favor", Flag.COMMITMENT_REQUEST, 1.0,
       "ties a favour to being ranked first",
       r"\bif (?:[\w'&.-]+ ){0,3}(?:(?:is|are|'s|'re|ends? up|winds? up|comes? out)(?: as| at)? "
       r"(?:the )?(?:your|ur) (?:number one|#\s?1|no\.? ?1|first choice|top choice)|(?:is|are|'s|"
       r"'re|ends? up|winds? up) at the (?:very )?top of (?:your|ur) (?:rank )?list)\b"
       r"[^.?!]{0,30}?,? (?:then )?(?:(?:I|we|he|she)(?:'ll| will| can| could)\b"
       r"(?! (?:be (?:thrilled|happy|delighted|glad|honou?red|excited)|love|let you know))"
       r" (?:\w+ )?(?:make sure|pull (?:some )?strings|take care|see to it|put in a (?:good )?word|"
       r"look after|help|push|advocate|fight|talk to|call|get|do (?:everything|what)|move)|"
       # "… you can be sure there will be a spot here for you"
       r"you can be (?:sure|certain|confident)|there(?:'ll| will) be a (?:spot|place|position))",
       keys=("your number one", "your #", "your no.", "your no1", "your no 1",
             "your first choice", "your top choice", "top of your", "ur number one", "ur #",
             "top of ur")),
    # "P.S. Are we top 3 for y'all? Be honest"
    _c("rank.are_we_top_n", Flag.RANK_INQUIRY, 1.0, "asks whether it is in the top few",
       r"\bare we (?:in )?(?:your |ur )?top (?:\d|two|three|four|five)\b[^.?!]{0,30}\?",
       keys=("are we",)),
]

# Round 27: the same asks in Portuguese and Spanish: "me promete uma coisa: coloca o
# Ostrander em primeiro", "onde mais você entrevistou?", "cancela las otras entrevistas que te
# quedan", "no hace falta que sigas entrevistando". Their negations are not English ones:
# "no te voy a preguntar … ni dónde más entrevistaste".
_NEGATED_FOREIGN = r"\b(?:no|nunca|jam[aá]s|n[aã]o|nem|ni|ne|jamais)\b[^.?!]{0,60}$"
_ROUND27 = [
    # Round 28: "If you can tell Dr. Delacroix-Hale that Tri-Rivers is your #1, it goes a
    # very long way here"; "I need to know by Friday whether you're in."
    _c("commit.tell_first_goes_far", Flag.COMMITMENT_REQUEST, 1.0,
       "ties a benefit to declaring the program first",
       r"\bif you (?:can |could )?(?:tell|let|assure|write) [^.?!]{0,50}\b(?:is|are|'s|'re) "
       r"(?:your|ur) (?:#\s?1|number one|no\.? ?1|first choice|top choice)\b[^.?!]{0,25}"
       r"\b(?:goes a (?:very |really )?long way|helps? (?:a lot|enormously|tremendously)|makes a "
       r"(?:big |huge |real )?difference|counts? for a lot)",
       keys=("if you",)),
    # 'Reply with one word, "committed," and you're in.'
    _c("commit.say_it_and_in", Flag.COMMITMENT_REQUEST, 1.0,
       "promises a place for a word from the applicant",
       r"\b(?:reply|respond|tell|say|text|email|e-mail|write|send|give)\b[^.?!]{0,60},?\"? and "
       r"you(?:'re| are) (?:in|ours)\b",
       keys=("and you're in", "and you are in", "and you're ours", "and you are ours")),
    # legal drafting: "the relative position that the Applicant presently intends to assign
    # to the Program on the Applicant's rank order list", "the identity of any other
    # anesthesiology programs at which the Applicant has interviewed"
    _c("rank.formal_disclosure", Flag.RANK_INQUIRY, 1.0,
       "asks formally for the rank or the other programs",
       r"\b(?:position|place|rank(?:ing)?) (?:that )?(?:the applicant|you) (?:presently |currently "
       r")?(?:intends?|plans?) to (?:assign|give)\b|\bidentity of (?:any |all )?(?:the )?other "
       r"(?:[\w-]+ )?programs? (?:at|with) which (?:the applicant|you) (?:has|have) interviewed\b",
       keys=("intends to", "intend to", "plans to", "plan to", "identity of")),
    _c("commit.whether_youre_in", Flag.COMMITMENT_REQUEST, 1.0,
       "asks whether the applicant is committed",
       r"\b(?:need|want|have) to know\b[^.?!]{0,30}\bwhether you(?:'re| are) in\b",
       keys=("whether you're in", "whether you are in")),
    # Round 28: "did you interview at Mercy Children's or any of the Kansas City programs
    # too?" (not "did you interview with Dr. Hale?", one of the program's own)
    _c("rank.did_you_interview_at", Flag.RANK_INQUIRY, 1.0,
       "asks whether the applicant interviewed at other programs",
       r"\bdid you (?:also |happen to |end up )?interview(?:ing)? (?:at|with) (?!(?:dr\b|doctor|"
       r"us\b|our\b|the (?:pd|chair|chiefs?|residents|faculty)))[^.?!]{1,80}?(?:\btoo|\bas well|"
       r"\balso|\bprograms?|\belsewhere)\s*\?",
       keys=("did you",)),
    _c("commit.promise_foreign", Flag.COMMITMENT_REQUEST, 1.0,
       "asks for a promise of a first rank (Portuguese, Spanish)",
       r"\b(?:me promete|prom[eé]teme|promete-me|me prometes|me prometa)\b[^?!]{0,80}?"
       r"\b(?:primeiro|primer lugar|primero|n[uú]mero (?:um|uno))\b|"
       r"\b(?:coloca|coloque|p[oõ]e|ponha|pon|ponga|ponnos|p[oó]nganos) (?:o |a |al |el |la |"
       r"nos )?(?:[\w'-]+ ){0,3}(?:em|en|como) (?:primeiro|primer lugar|primero|primeira "
       r"op[çc][aã]o|n[uú]mero (?:um|uno))\b",
       unless=_NEGATED_FOREIGN,
       keys=("me promete", "prométeme", "prometeme", "promete-me", "me prometes", "me prometa",
             "primeiro", "primer lugar", "primero", "primeira op", "mero um", "mero uno")),
    _c("rank.where_else_foreign", Flag.RANK_INQUIRY, 1.0,
       "asks where else the applicant interviewed (Portuguese, Spanish)",
       r"\b(?:onde|d[oó]nde|en qu[eé]) (?:mais|m[aá]s|otros (?:lugares|programas)) (?:voc[eê] |"
       r"usted )?(?:entrevistou|aplicou|entrevistaste|aplicaste|te entrevistaste|postulaste|"
       r"tem entrevistas|tienes entrevistas)\b",
       unless=_NEGATED_FOREIGN,
       keys=("onde mais", "donde más", "dónde más", "donde mas", "dónde mas", "en qué otros",
             "en que otros")),
    _c("withdraw.cancel_foreign", Flag.WITHDRAWAL_REQUEST, 1.0,
       "asks to cancel other interviews (Spanish, Portuguese, French)",
       r"\bcancel(?:a|ar|e|em|ar) (?:las |tus |todas las |as |suas |todas as )?(?:otras |dem[aá]s |"
       r"outras |demais )?entrevistas\b|\bno (?:hace falta|necesitas|tienes) que sigas "
       r"entrevistando\b|\bn[aã]o precisa (?:mais )?(?:continuar|seguir) (?:fazendo )?"
       r"entrevistas\b|"
       r"\bannul(?:ez|er) (?:vos |tes |les )?autres entretiens\b",
       unless=r"\b(?:nunca|jam[aá]s|n[aã]o|nem|ni|jamais)\b[^.?!]{0,60}$",
       keys=("entrevistas", "entrevistando", "autres entretiens")),
]

_PUT_YOU_DOWN = (
    r"\b(?:can|could|may|shall|should) (?:I|we) (?:put|mark|count|list|note|write) you(?: down)? "
    r"(?:as|for) (?:ranking|putting|listing|having) (?:us|[\w'&-]+(?: [\w'&-]+){0,2}) (?:#\s?1|"
    r"first|number one|no\.? ?1|at the top|in your top)")

_WITHDRAWN_ONES_RANKED = (
    r"\b(?:applicants|candidates|those|people|residents|interviewees) who (?:have )?(?:already )?"
    r"withdrawn from (?:the )?(?:main )?(?:residency )?(?:match|nrmp)\b[^.?!]{0,80}\b(?:are the "
    r"ones|rank(?:ed|ing)? (?:them |you )?(?:to match|first|highly)|comfortable|get (?:the|our) "
    r"(?:spots?|positions?))")
_IF_SERIOUS_CANCEL = (
    r"\bif you(?:'re| are) (?:really |truly |actually )?(?:serious|committed|sure|all in)"
    r"(?: about| on| to)? (?:us|[\w'&-]+(?: [\w'&-]+){0,2})?\b[^.?!]{0,15}?[,:;–—-]\s*(?:then )?"
    r"(?:go (?:ahead and )?)?(?:cancel|withdraw from|decline|drop|skip|call off|back out of|"
    r"pull out of)\b")

# Round 29: "you'll rank us first, right?"; "reply to me confirming that Ashgrove is where
# you intend to do your preliminary year".
_ROUND29 = [
    _c("rank.tag_question", Flag.RANK_INQUIRY, 1.0,
       "asks the applicant to confirm how they will rank the program",
       r"\byou(?:'ll| will| are going to|'re going to|'re gonna| are gonna|'d| would)? (?:be )?"
       r"rank(?:ing)? (?:us|[\w'&-]+(?: [\w'&-]+){0,2}) (?:first|#\s?1|number one|no\.? ?1|"
       r"at the top|highly|high|in your top (?:three|3|five|5))\b[^.?!\n]{0,20}, (?:right|yes|"
       r"correct|yeah|no|eh|ok|okay|na)\s?\?",
       keys=("right", "yes", "correct", "yeah", "no", "eh", "ok", "na")),
    _c("commit.confirm_intent", Flag.COMMITMENT_REQUEST, 1.0,
       "asks the applicant to confirm they will train at the program",
       r"\b(?:confirm|confirming|confirms|assure|assuring|state|stating|tell (?:me|us)|telling "
       r"(?:me|us))(?: to (?:me|us))?(?: in writing)? that (?:(?:[\w'&.-]+ ){1,4}(?:is|will be) "
       r"(?:where|the (?:place|program|one)(?: where| that)?) you(?:'ll| will| would)? (?:intend|"
       r"plan|want|are going|will|'d like|would like) to|you (?:intend|plan|will|are going|want) "
       r"to (?:come here|join us|train (?:here|with us)|(?:do|spend) your [\w-]+ (?:year )?"
       r"(?:here|with us)|match (?:here|with us)))",
       keys=("confirm", "assur", "state", "stating", "tell", "telling")),
    # an interview day's terms: "Applicants who choose this day agree to rank Ironwood Bay #1
    # and to cancel their other OB/GYN interviews"
    _c("withdraw.agree_to_cancel", Flag.WITHDRAWAL_REQUEST, 1.0,
       "makes cancelling other interviews the terms of an agreement",
       r"\b(?:agrees?|agreeing|commits?|committing|promises?|pledges?) to (?:[^.?!]{0,60}?\band )?"
       r"(?:to )?(?:cancel|withdraw from|decline|drop|forgo|forego) (?:all |any )?(?:of )?(?:their|"
       r"your|his|her) (?:other|remaining|outstanding)\b[^.?!]{0,40}\binterviews?\b",
       keys=("cancel", "withdraw from", "decline", "drop", "forgo", "forego")),
    # Round 32: "Can you confirm that you will rank St. Brigid's first?", "if you can confirm
    # that you'll rank our preliminary year first": asked, the confirmation reveals the rank
    # (4 of 5 such sentences in the tuning sets are labelled rank and commitment both).
    _c("rank.confirm_you_will_rank", Flag.RANK_INQUIRY, 1.0,
       "asks the applicant to confirm how they will rank the program",
       r"\b(?:(?:can|could|would|will) you |if you (?:can |could )?)(?:please )?confirm(?: to "
       r"(?:me|us))? (?:that )?you(?:'ll| will| are going to|'re going to) (?:be )?rank(?:ing)?\b",
       keys=("confirm",)),
    # texts and voicemails: "asked the chiefs to get a feel for who has us at #1 before the
    # rank meeting... so are we??"; "where Brookhollow falls for you. You know, are we up
    # there at the top."
    _c("rank.who_has_us_first", Flag.RANK_INQUIRY, 1.0,
       "asks to learn which applicants rank the program first",
       r"\b(?:feel|sense|idea|know|find out|figure out|check|see|gauge|get a read on) (?:for |on )?"
       r"who (?:has|have|had|is putting|puts|ranks|is ranking|will rank)(?: us| [\w'&-]+)? "
       r"(?:at |as )?(?:#\s?1|first|number one|no\.? ?1|at the top)\b",
       keys=("who has", "who have", "who had", "who is putting", "who puts", "who ranks",
             "who is ranking", "who will rank")),
    _c("rank.where_we_fall", Flag.RANK_INQUIRY, 1.0,
       "asks where the program falls among the applicant's choices",
       r"\bwhere (?!you\b)(?:we|[\w'&-]+(?: [\w'&-]+){0,2}) (?:falls?|lands?|stands?|sits?|fits?) "
       r"(?:for you|on your (?:list|rank)|in your (?:list|rank|order|mind|plans))\b|"
       # the list named just before: "once you have sorted out your list, I would be glad to
       # hear from you where Calloway-Pierce falls on it"
       r"\b(?:your|the) (?:rank )?list\b[^.?!]{0,60}\bwhere (?!you\b)(?:we|[\w'&-]+(?: "
       r"[\w'&-]+){0,2}) (?:falls?|lands?|stands?|sits?) on it\b",
       keys=("fall", "land", "stand", "sit", "fits")),
    # "Just curious what the conflict is — another interview? Which program? Dr. Burkhalter
    # likes to know who we're up against"
    _c("rank.who_we_are_up_against", Flag.RANK_INQUIRY, 1.0,
       "asks which programs the applicant weighs against this one",
       r"\b(?:know|hear|see|sense|idea|find out|learn|curious|understand)\b[^.?!]{0,20}\bwho "
       r"(?:we(?:'re| are)|we'll be|we will be|we're going to be) (?:up against|competing "
       r"(?:with|against))\b|\banother interview\?\s*(?:which|what|where)(?: one| program| "
       r"place)?\?",
       keys=("up against", "competing with", "competing against", "another interview?")),
    _c("rank.are_we_at_the_top", Flag.RANK_INQUIRY, 1.0,
       "asks whether the program is at the top of the applicant's list",
       r"\bare we (?:up )?(?:there )?(?:at|near|toward|towards) the top\b",
       keys=("are we",)),
    # "if you're serious about us, cancel Grantham and Cedar Marsh"
    _c("withdraw.if_serious_cancel", Flag.WITHDRAWAL_REQUEST, 1.0,
       "makes cancelling other programs the proof of a commitment",
       _IF_SERIOUS_CANCEL, negatable=False, keys=("serious", "committed", "sure about", "all in")),
    _c("commit.if_serious_cancel", Flag.COMMITMENT_REQUEST, 1.0,
       "asks for proof of a commitment by cancelling other programs",
       _IF_SERIOUS_CANCEL, negatable=False, keys=("serious", "committed", "sure about", "all in")),
    # "If we are at the top of your list, let me know, and I'll make sure our list reflects
    # that": the bargain's condition asks where the program stands (7 of 9 such sentences in
    # the tuning sets are labelled rank and commitment both); kept through the bargain drop
    _c("rank.if_first_tell_me", Flag.RANK_INQUIRY, 1.0,
       "asks to be told whether the program is first, with a bargain",
       r"\bif (?:we(?:'re| are)|[\w'&-]+(?: [\w'&-]+){0,2} is) (?:(?:up )?(?:at|near) the top"
       r"(?: of your (?:[\w-]+ )?list)?|your (?:#\s?1|number one|no\.? ?1|first choice|top choice|"
       r"first)|(?:#\s?1|number one|"
       r"first) (?:on|for) you)\b[^.?!]{0,25}?\b(?:let (?:me|us) know|tell (?:me|us)|say so)\b",
       keys=("if we", "if ")),
    # a form's field: "Other interviews completed or scheduled (program + city):"
    _c("rank.form_other_interviews", Flag.RANK_INQUIRY, 1.0,
       "a form asks for the applicant's other interviews or programs",
       r"(?:^|\n)[ \t]*(?:[-*•][ \t]*)?other (?:interviews?|programs?|applications?)\b[^\n:?]{0,60}"
       r":[ \t_]*(?:\n|$)",
       keys=("other interview", "other program", "other application")),
    # "please bring the attached Statement of Intent, signed"
    _c("commit.sign_statement_of_intent", Flag.COMMITMENT_REQUEST, 1.0,
       "asks the applicant to sign and return a statement of intent",
       r"\bplease (?:sign|return|bring|send|e-?mail|complete)\b[^.?!]{0,40}\b(?:statement|"
       r"declaration|form|letter) of (?:intent|commitment)\b",
       keys=("of intent", "of commitment")),
    # "If you could list which of those programs have also invited you (and on which dates)"
    _c("rank.list_which_invited_you", Flag.RANK_INQUIRY, 1.0,
       "asks which other programs invited the applicant",
       r"\b(?:list|tell (?:us|me)|let (?:us|me) know|share|name)\b[^.?!]{0,20}\bwhich (?:of "
       r"(?:those|these|the) )?(?:other )?(?:[\w-]+ )?programs? (?:have |has )?(?:also |already )?"
       r"(?:invited|interviewed|offered|accepted) you\b",
       keys=("which",)),
    # relayed: "ask him which programs he has ranked above us"
    _c("rank.ranked_above_us", Flag.RANK_INQUIRY, 1.0,
       "asks which programs the applicant ranks above this one",
       r"\bwhich (?:other )?programs? (?:he|she|they|you)(?: has| have|'s|'ve| will| would|'ll|"
       r"'d)? (?:ranked|rank|ranks|put|placed|listed|rate|rated) (?:above|ahead of|over|higher "
       r"than) "
       r"(?:us|ours|[\w'&-]+(?: [\w'&-]+){0,2})\b",
       keys=("above", "ahead of", "over", "higher than")),
    # "Dr. Baptiste would be grateful if applicants who consider Quarry Hill one of their top
    # three urology programs would let us know"
    _c("rank.who_consider_us_top_tell", Flag.RANK_INQUIRY, 1.0,
       "asks the applicants who rank the program near the top to say so",
       r"\b(?:applicants|those|people|anyone|candidates|you) who (?:consider|see|have|rank|put|"
       r"count) (?:us|[\w'&-]+(?: [\w'&-]+){0,2}) (?:as )?(?:one of )?(?:their|your|the) (?:top|"
       r"first|#\s?1|number one)\b[^.?!]{0,60}\b(?:let (?:us|me|him|her) know|tell (?:us|me|him|"
       r"her)|reply|write|e-?mail)",
       keys=("consider", "who see", "who have", "who rank", "who put", "who count")),
    # "The applicants who have already withdrawn from the Main Match by the time we meet to
    # rank on January 7 are the ones the committee feels comfortable ranking to match."
    _c("withdraw.withdrawn_ones_ranked", Flag.WITHDRAWAL_REQUEST, 1.0,
       "says the applicants ranked to match are those who withdrew from the Match",
       _WITHDRAWN_ONES_RANKED, negatable=False, keys=("withdrawn from",)),
    # the same, the ranking first: "the candidates we rank at the very top are the ones who
    # have withdrawn their other applications before our rank meeting"
    _c("withdraw.top_ranked_withdrew", Flag.WITHDRAWAL_REQUEST, 1.0,
       "says the applicants ranked highest are those who gave up their other applications",
       r"\b(?:applicants|candidates|people|residents|interviewees) (?:we|I|the committee) "
       r"(?:rank|ranks|ranked|put|place)\b[^.?!]{0,40}\b(?:are|were) (?:the ones|those|the "
       r"(?:applicants|candidates)) who (?:have |had )?(?:already )?(?:withdrawn|cancell?ed|"
       r"declined|dropped|turned down)\b",
       negatable=False, keys=("withdrawn", "cancel", "declined", "dropped", "turned down")),
    _c("commit.withdrawn_ones_ranked", Flag.COMMITMENT_REQUEST, 1.0,
       "ties ranking to match to withdrawing from the Match",
       _WITHDRAWN_ONES_RANKED, negatable=False, keys=("withdrawn from",)),
    # "offering interview days to applicants who are willing to confirm, in their reply to
    # this email, that Kingsford will be in their top three"
    _c("commit.confirm_we_will_be_top", Flag.COMMITMENT_REQUEST, 1.0,
       "asks for a statement that the program will be among the applicant's top choices",
       r"\b(?:confirm\w*|state|affirm|certify|promise|assure (?:us|me))(?:,? in [^,.?!]{0,40},)? "
       r"that,?(?: [^,.?!]{0,40},)? (?:we|[\w'&.-]+(?: [\w'&.-]+){0,3}) (?:will|would|is going to) "
       r"be (?:(?:in|among|at|one of) )?(?:(?:their|your|his|her) (?:top|first|#\s?1|number one|"
       # "confirming that, should you interview, Wrenfield will be one of the top three
       # programs on your rank order list"
       r"no\.? ?1)\b|the top (?:\d|two|three|four|five)\b[^.?!]{0,30}\b(?:your|their) (?:rank|"
       r"list))",
       keys=("confirm", "state", "affirm", "certify", "promise", "assure")),
    # Round 31: "we ask that people who accept an interview with us not go on to interview
    # at the other Houston-area EM programs"
    _c("withdraw.ask_not_elsewhere", Flag.WITHDRAWAL_REQUEST, 1.0,
       "asks the applicant not to interview at other programs",
       r"\b(?:ask|request|require|expect)(?:s|ed)? (?:that )?(?:you|people|applicants|candidates|"
       r"interviewees|those|everyone)(?: who [^.?!]{0,60}?)? (?:not|never|do not|don't) "
       r"(?:go on to |also |then )?(?:interview|apply|accept (?:interviews|offers)) (?:at|with|to|"
       r"from) (?:the |any )?other\b", negatable=False,
       keys=("ask", "request", "require", "expect")),
    # "So can I put you down as ranking us #1?" asks the rank and a declaration of it
    _c("rank.put_you_down", Flag.RANK_INQUIRY, 1.0,
       "asks to record the applicant as ranking the program first",
       _PUT_YOU_DOWN, keys=("put you", "mark you", "count you", "list you", "note you",
                            "write you")),
    _c("commit.put_you_down", Flag.COMMITMENT_REQUEST, 1.0,
       "asks to record the applicant as ranking the program first",
       _PUT_YOU_DOWN, keys=("put you", "mark you", "count you", "list you", "note you",
                            "write you")),
    # a form's field: "Other program pairs we are ranking (optional, for coordination): ____"
    _c("rank.form_other_programs", Flag.RANK_INQUIRY, 1.0,
       "a form asks which other programs the applicant ranks",
       r"\bother (?:[\w-]+ ){0,2}programs?(?: pairs?)? (?:you are|you're|we are|we're|i am|i'm) "
       r"(?:ranking|considering|interviewing (?:at|with)|applying to)\b[^\n]{0,60}(?::|_{3,})",
       keys=("other",)),
    # "if you had to choose today between Harrowgate and the other programs you've seen,
    # where would we land for you?"
    _c("rank.where_would_we_land", Flag.RANK_INQUIRY, 1.0,
       "asks where the program would land among the applicant's choices",
       r"\bwhere (?:would|do|does|will) (?:we|[\w'&-]+(?: [\w'&-]+){0,2}) (?:land|fall|stand|come "
       r"out|end up)\b(?: for you| on your list| among| in your)",
       keys=("where would", "where do", "where does", "where will")),
    # "By accepting this invitation, you are confirming that KPUH will be one of your top
    # choices": accepting made a declaration of rank
    _c("commit.by_accepting_you_declare", Flag.COMMITMENT_REQUEST, 1.0,
       "makes accepting a declaration that the program ranks at the top",
       r"\bby (?:accepting|confirming|scheduling|booking|choosing|selecting|signing|replying|"
       r"returning)\b[^.?!]{0,60}\byou(?:'re| are)? (?:confirming|affirming|agreeing|certifying|"
       r"acknowledging|indicating|stating|confirm|affirm|agree|certify|acknowledge|indicate|"
       r"state)\b[^.?!]{0,60}\b(?:your|their) (?:top|first|#\s?1|number one)",
       keys=("by accepting", "by confirming", "by scheduling", "by booking", "by choosing",
             "by selecting", "by signing", "by replying", "by returning")),
    # "If you have, and you are committed to spending your prelim year with us, I'm
    # comfortable ranking you at the top of our prelim list."
    _c("commit.if_committed_reward", Flag.COMMITMENT_REQUEST, 1.0,
       "rewards a commitment with a place on the list",
       r"\bif\b[^.?!]{0,30}?\byou(?:'re| are) (?:truly |really |fully |genuinely )?committed to"
       r"\b[^.?!]{0,60}?,? (?:I|we|he|she)(?:'m| am|'ll| will|'d| would|'re| are| can)\b"
       r"[^.?!]{0,40}?\b(?:rank(?:ing)? (?:you|her|him)|comfortable|happy to|make sure|see to it|"
       r"put(?:ting)? (?:you|her|him)|take care)",
       keys=("committed to",)),
    # "You rank us 1, we rank you to match."; "If Ifeoluwa commits to ranking Tamarind Hill
    # first, I will make sure she is ranked to match."
    _c("commit.rank_for_rank", Flag.COMMITMENT_REQUEST, 1.0,
       "trades the applicant's first rank for the program's",
       r"\byou rank us (?:#\s?)?(?:1|1st|first|number one|no\.? ?1|at the top)\b[^.?!]{0,6}?"
       r"[,;:–—-]+\s*(?:and )?(?:we|I)(?:'ll| will)? rank you (?:to match|first|#\s?1|at the top|"
       r"high)|"
       r"\bif (?:you|she|he|[\w'-]+) (?:commits?|promises?|agrees?|pledges?) to (?:rank(?:ing)?|"
       r"put(?:ting)?|list(?:ing)?) [^.?!]{0,40}?\b(?:first|#\s?1|number one|at the top)\b"
       r"[^.?!]{0,40}?\b(?:I|we|he|she|they)(?:'ll| will| can| would)\b[^.?!]{0,40}?\b(?:make "
       r"sure|see to it|guarantee|ensure|rank)|"
       # "If she has us first we'll move her up."
       r"\bif (?:you|she|he|they) (?:has|have|puts?|ranks?|lists?) us (?:first|#\s?1|number one|"
       r"at the top)\b[^.?!]{0,20}?\b(?:we|I)(?:'ll| will| can)\b[^.?!]{0,20}?\b(?:move|rank|put|"
       r"bump|push) (?:you|her|him|them) (?:up|higher|to the top|first)",
       keys=("you rank us", "commit", "promise", "agree", "pledge", "has us", "have us",
             "puts us", "put us", "ranks us", "rank us", "lists us", "list us")),
]

# Round 25: withdrawal as an offer's condition and as a call to another program. (Asking
# whether the applicant also applies in another specialty is no rank question in the
# development corpus, d099, whatever one writer thought.)
_ROUND25 = [
    # "He still has a contract ready for you if you're willing to withdraw."
    _c("withdraw.if_willing", Flag.WITHDRAWAL_REQUEST, 1.0,
       "makes withdrawing the condition of a place",
       r"\bif you(?:'re| are| were) (?:willing|ready|prepared|able) to (?:withdraw|pull out of the "
       r"match|leave the match|back out of the match|drop out of the match)\b",
       negatable=False, keys=("willing to", "ready to", "prepared to", "able to")),
    # "Call Hollis Ridge and tell them you're out, skip it, and I'll take care of you here."
    _c("withdraw.tell_them_out", Flag.WITHDRAWAL_REQUEST, 1.0,
       "asks the applicant to tell another program they are out",
       r"\b(?:call|email|e-mail|text|write|tell|let) (?:[A-Z][\w'.&-]* ){0,3}(?:and )?(?:tell|let) "
       r"(?:them|him|her) (?:know )?(?:that )?you(?:'re| are) (?:out|not coming|withdrawing|done|"
       r"cancell?ing)\b",
       negatable=False, keys=("you're out", "you are out", "not coming", "withdrawing",
                              "you're done", "you are done", "cancelling", "canceling")),
]

FLAG_EXTRA: tuple[Cue, ...] = (*_RANK, *_RANK_MORE, *_RANK_THIRD, *_COMMIT, *_COMMIT_MORE,
                               *_COMMIT_THIRD, *_COMMIT_FOURTH, *_COMMIT_FIFTH, *_COMMIT_SIXTH,
                               *_COMMIT_SEVENTH, *_COMMIT_EIGHTH, *_COMMIT_NINTH, *_RANK_SCALE,
                               *_WITHDRAW, *_ROUND22, *_ROUND24, *_ROUND25, *_ROUND26,
                               *_ROUND27, *_ROUND29)
