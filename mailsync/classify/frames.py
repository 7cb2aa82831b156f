"""Red flags recognized by their frame, not by their phrasing.

A rank question is *an ask* (a question mark, "let us know", "we'd love to
hear", "wanted to know") about *rank or other programs* (rank, list, top
three, #1, where else, signals, how we compare) *addressed to the applicant*
("you", "your"). Writers vary the words endlessly but rarely the frame, so a
sentence with all three parts is flagged even when no phrase family in the cue
registry knows its wording. Commitment pressure is the same frame around
commit/promise/assure words or "rank us first", where a bargain ("if you are
willing to commit…") counts as an ask; a withdrawal request asks to leave the
Match, give up other interviews, or sign before Match Day.

Each frame has explicit look-alikes that stop it: the program's own promise
("we will rank you highly", "ranked to match"), statements that nobody will
ask ("we never ask how you rank us"), NRMP rule quotations, date choices ("your
first choice of date"), the program's own rank list, and reported events
("has withdrawn"). Measured on an unseen corpus, the rank frame lifted
rank-inquiry recall from 0.65 to 0.88 with no new error on the tuned corpora.
"""

from __future__ import annotations

import re

from mailsync.classify.cues import WordAlternation as _Words
from mailsync.taxonomy import Flag


def _any(*alternatives: str) -> re.Pattern[str]:
    """One case-insensitive pattern from word-bounded alternatives."""
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.I)


_ASK = re.compile(r"\?|" + _any(
    r"let (?:us|me|(?!you\b)[A-Z]\w+) know",
    r"please (?:to )?(?:share|tell|indicate|advise|confirm|reply|respond|let|list|name|send|"
    r"provide|email|inform)",
    r"(?:wonder|wondered|wondering|wonders) (?:if|whether)", r"indicat(?:e|ing) whether",
    r"requests? that",
    r"(?:wish|wishing|want|wanting) to know", r"(?:get|love|like|want|have) a sense",
    r"(?:get|have) a feel for",
    r"(?:we|I|he|she|they)(?:'d| would) (?:love|like|appreciate)"
    r"(?: it if you could| to (?:know|hear|learn|understand))",
    r"please (?:also )?(?:include|mention|add|list|name|write down)",
    r"(?:could|can|would|will) you (?:tell|share|let|confirm|indicate|give|consider)",
    r"(?:we|I)(?:'re| are| were|'m| am) (?:curious|wondering|interested to (?:know|hear))",
    r"(?:tell|share with|remind) (?:us|me)",
    r"feel free to (?:share|tell|let|mention)",
    r"(?:enjoys?|loves?|likes?) (?:hearing|to hear|knowing|to know) (?:where|which|how)",
    r"kindly (?:share|indicate|let|confirm|inform|tell)",
    r"(?:we|I) (?:ask|request) that you",
    r"it would help (?:us|me)(?: both| all)? to know",
    r"(?:would|will) help (?:me|us) (?:a lot|a great deal|greatly|immensely|tremendously)",
    r"(?:a |just a )?(?:simple |quick )?(?:yes or no|yes/no)",
    r"(?:he|she|we|I|they)(?:'d| would) like (?:each of |all of |every one of )?(?:you|them|"
    r"the applicants|each applicant) to (?:email|send|write|tell|let|share|reply|confirm)",
    r"would (?:really |truly |greatly )?help (?:us|me) (?:a lot )?to (?:know|hear|understand|"
    r"learn)",
    r"(?:likes?|asks?|wants?|expects?) (?:\w+ ){0,2}(?:applicants?|candidates?|interviewees?|you) "
    r"to bring",
    # a heads-up: "each faculty interviewer will ask you where else you've interviewed"
    r"(?:interviewers?|faculty|he|she|they|director|PD|chair|chief|residents?)(?: (?:will|'ll|"
    r"is going to|are going to|likes? to|tends? to|usually|always|often))+ ask you (?:which|"
    r"what|where|how|whether|if|about)",
    # a heads-up: "she asks every candidate which programs they signaled"
    r"asks? (?:each|every|all|everyone|everybody)(?: of the| the)?(?: (?:applicant|candidate|"
    r"interviewee|invitee)s?)? (?:which|what|where|how|whether|if|about)",
    r"(?:good|useful|helpful|important) (?:for (?:me|us) )?to know",
    r"(?:a|any|quick) heads[- ]up",
    r"helps? (?:\w+ ){0,3}to know",
    r"(?:haven't|have not|didn't|did not) (?:yet )?hear(?:d)? back", r"my question",
    r"(?:asks?|asked|wants?|wanted) (?:\w+ ){0,3}(?:applicants?|candidates?|interviewees?|you|me|"
    r"us) to "
    r"(?:send|reply|list|tell|share|ask|find out|check|get a sense|collect|gather)",
    r"(?:I|we|he|she|they)(?:'ll| will) (?:probably |likely |definitely |usually |also |surely )?"
    r"ask",
    r"(?:will|'ll|is going to|plans? to|likes? to|tends? to) (?:[\w'-]+ ){0,2}ask(?:ing)? "
    r"(?:each|every|all)",
    # "he likes to end by asking each candidate where…", "she tends to ask"
    r"(?:likes?|loves?|tends?) to (?:\w+ ){0,3}(?:ask|asking)",
    # "he usually finishes by asking which programs…", "the Director always asks the
    # candidates…", "she likes to go over the other programs each applicant…"
    r"(?:always|usually|often|typically) (?:\w+ ){0,4}(?:asks?|asking)",
    r"(?:likes?|loves?|tends?|wants?) to (?:go over|go through|review|discuss|talk through)",
    r"(?:are|is) (?:requested|required|asked|expected) to", r"requested by",
    r"(?:asked|asks|ask) that", r"(?:it|the form|this form|the survey) asks? (?:for|about|you)",
    r"(?:the |our |this )?(?:portal|form|questionnaire|survey|system|application)(?:'ll| will) "
    r"(?:also )?ask",
    r"(?:we|I) (?:ask|request) that (?:all |every )?(?:applicants|candidates)",
    r"all you (?:would |will )?(?:have|need) to do",
    r"(?:would|will|could) (?:really )?(?:help|let|allow) (?:me|us) (?:to )?(?:advocate|plan|"
    r"prioriti[sz]e|fight|make the case)",
    r"happy to hear (?:where|how|which)", r"drop (?:your|us|me)",
    r"helps? (?:us|me) (?:to )?plan if (?:we|I) know", r"to find out (?:whether|if)",
    r"(?:wanted|wants|want|would like|asked|is asking|are asking|hoped|hopes) to "
    r"(?:know|find out|ask|hear)",
).pattern, re.I)

# Commitment is asked for by a condition (a bargain) as often as by a question.
_COMMIT_ASK = re.compile(_ASK.pattern + "|" + _any(
    r"if you(?:'re| are|'d| would| can| could| will)? (?:[\w.'-]+ ){0,4}(?:willing|able|ready|"
    r"prepared|rank|ranking|commit|promise|agree|sign|confirm|put|assure|guarantee|tell|give|"
    r"cancel|withdraw|drop|stop|decline)",
    r"(?:must|should|are expected to|is expected to) (?:\w+ )?(?:confirm|commit|promise|place|"
    r"rank|sign)", r"tell \w+ (?:you|that you)",
    r"by (?:accepting|signing|scheduling|confirming)", r"say the word",
    r"you(?:'d| would| will) need to", r"(?:just )?tell (?:dr\.? |her |him |them )",
    r"on the (?:understanding|condition|assumption) that you",
    r"if (?:it is|so|yes|that's the case|that is the case)\b", r"let's",
    r"if (?:I|we) (?:know|hear|have|get)\b",
    r"(?:send|write|email|drop) (?:\w+ ){0,3}(?:a )?(?:short |quick |brief )?(?:note|email|line|"
    r"letter)",
    r"in exchange", r"in return",
    r"(?:once|as long as|provided(?: that)?) you",
    r"(?:applicants|candidates|people|residents|those|ones) who",
    r"(?:and|then) (?:we|I)(?:'ll| will) (?:\w+ )?(?:reserve|hold|guarantee|save|secure|make sure|"
    r"take care)",
    r"(?:would you|you(?:'d| would)) be (?:willing|able|prepared|ready)",
    r"(?:we|I)(?:'d| would) (?:really |truly )?(?:want|need|prefer)",
    r"(?:we|I) (?:really |truly )?need",
    r"if you can (?:\w+ )?(?:let|tell)",
    r"if (?:[\w.'-]+ ){1,3}(?:is|are|'re) (?:at the top|first|#\s?1|number one|"
    r"your (?:top|first|#))",
    r"(?:and|then) the (?:position|spot|job) is yours", r"is yours if",
    r"(?:my|our|the) (?:conditions|terms) (?:are|is)", r"if we are",
    r"if (?:[\w.'-]+ ){1,4}(?:is|are|'re) the (?:first|top|very first)",
    r"if you want (?:it|the (?:spot|position|job|place))", r"just (?:reply|say|write)",
    r"if you do\b", r"if (?:I|we|he|she) (?:hears?|knows?|gets?) (?:from you|back)",
    r"(?:we|I)(?:'d| would) (?:really |truly )?(?:love|like|appreciate) (?:an? |your )",
).pattern, re.I)

_RANK_TOPIC = _any(
    r"rank(?:ing|ed|s)?", r"rank[- ]order",
    r"(?:top|first|1st) (?:choice|pick|program|spot|option)s?",
    r"#\s?1", r"(?:your|my|our|the|ur|her|his|their) #\s?1", r"number[- ]one", r"no\. ?1",
    r"top (?:two|three|four|five|2|3|4|5|few|tier)(?! (?:interview )?(?:dates?|days?|times?|"
    r"slots?|sessions?)\b)",
    r"(?:stack|measure|match)(?:s|ed|ing)? up", r"compare[sd]? (?:to|with|against)",
    r"(?:remaining|other|upcoming) interview (?:calendar|schedule|list|dates)",
    r"(?:the )?only (?:[\w'-]+ ){0,3}programs? (?:you(?:'ve| have)?|u) (?:applied|interviewed|"
    r"are interviewing|are applying)",
    r"which (?:[\w'-]+ ){1,3}programs (?:are|did|have|will|would) you",
    # "which you'd choose: psychiatry or medicine here"
    r"which (?:one )?(?:you(?:'d| would)|would you) (?:choose|pick|rank higher)",
    # after the deadline: "did you certify a prelim list, and did Northshore make it onto it?"
    r"(?:did|have|has) (?:[A-Z][\w'-]+ ){1,3}(?:make|made) it (?:onto|on to|on) (?:it|your|ur)",
    r"(?:did|has|have) (?:[A-Z][\w'-]+ ){1,3}(?:make|made) (?:your|ur) (?:rank |final )?list",
    r"(?:your|ur) plan A", r"(?:choice|option|plan A) or (?:a |your )?(?:backup|back-up|plan B)",
    r"where (?!(?:things|it|this|that|everything|matters|you|we|they|he|she)\b)[A-Z][\w'-]+"
    r"(?: [A-Z][\w'-]+)? (?:ended up|landed|fell)",
    r"mean (?:first|#\s?1|number one|the top)",
    r"(?:are we|is [A-Z][\w'-]+(?: [A-Z][\w'-]+)?) up there (?:for (?:you|u)|on (?:your|ur) list)",
    r"which (?:[\w'-]+ ){0,3}programs (?:you|u)(?:'ve| have)? (?:interviewed|applied|"
    r"are interviewing|signal)",
    r"(?:near|at|close to) the top for (?:you|u)\b",
    r"(?:if|whether) (?:you|u) (?:also )?(?:interviewed|applied) (?:at|with|to) "
    r"(?!us\b)[A-Z][\w'-]+",
    r"who else is on (?:your|ur) list",
    r"(?:your|their|ur) (?:current )?intentions (?:regarding|about|toward|towards|for|with) "
    r"(?:us|our program|this program|our residency|[A-Z][\w'-]+)",
    r"how (?:high|far up|low)",
    r"where would you (?:say|put|place) (?:we|us|[A-Z][\w'-]+(?: [A-Z][\w'-]+)?) (?:land|lands|"
    r"stand|stands|fall|falls|sit|sits|rank|ranks|fit|fits)",
    r"where (?:we|our program|they|it) (?:stand|stood|fall|fell|sit|land|landed|fit|rank|ranked|"
    r"ended up|end up)",
    r"(?:on|in) (?:your|ur) (?:rank|ranking|match|final) list",
    r"(?:where|put|place|position|placed|landed|stand|fall)\b[^.?!]{0,40}\b(?:on|in) "
    r"(?:your|ur|their) list",
    r"(?:top|high|higher|near the top|bottom) (?:of|on) (?:your|ur)(?=(?: [\w'-]+){0,2} list\b)",
    r"where (?:are you|you are|you're) leaning",
    r"which way (?:are you|you are|you're|you'd be|you would be) leaning",
    r"(?:which|what) (?:other )?programs (?:you(?:'re| are)|are you) (?:weighing|comparing|"
    r"considering) (?:us )?(?:against|with|alongside)",
    r"(?:weighing|comparing) us (?:against|with|to) (?:other|the other|which)",
    r"how we compare (?:to|with) (?:the )?(?:other|others)",
    r"which other (?:hospitals|programs|places|institutions|centers)\b[^.?!]{0,60}\b"
    r"(?:interview|interviews|interviewed|applied)",
    r"(?:which|what) (?:position|place|spot) (?:you(?:'ll| will| would)?|u) (?:put|place|rank|"
    r"have) (?:us|our program)",
    r"(?:is|would) [A-Z][\w'-]+(?: [A-Z][\w'-]+)? (?:be )?the (?:place|spot|program|one) "
    r"(?:you(?:'d| would| will)?|u'd) (?:pick|choose|select)",
    r"(?:upper|top|higher) (?:part|half|end) of (?:your|ur) list",
    r"where (?:we|we're|our program|[A-Z][\w'-]+(?: [A-Z][\w'-]+)?) (?:are|is|stands?|sits?|"
    r"falls?|lands?) on (?:yours|ur list|your (?:rank |final )?list)",
    r"which (?:[\w'-]+ )?(?:specialty|program|one|department) (?:you are|you're|are you) leaning",
    r"where (?:do|does|did) (?:we|our program|it|[A-Z][\w'-]+(?: [A-Z][\w'-]+)?) (?:sit|stand|"
    r"fall|rank|land|fit)",
    r"how many (?:[\w'-]+ ){0,2}(?:interviews|programs|offers|signals)",
    r"(?:are we|is [A-Z][\w'-]+(?: [A-Z][\w'-]+)?) (?:still )?in the running",
    r"(?:have|did) (?:you|u) (?:also |already )?(?:applied|interviewed) (?:to|at|with) "
    r"(?:[\w'-]+ ){0,3}programs",
    r"[A-Z][\w'-]+ (?:stands|falls|sits|lands|landed|fits|ranks) (?:in|on|for) (?:your|ur|you|an "
    r"applicant's|the applicant's)",
    r"other (?:[\w'/-]+ ){1,3}(?:programs|interviews|offers)",
    r"(?:programs|places) (?:you|they|u)(?:'ve| have)? (?:\w+ )?(?:interviewed|applied|signal)",
    r"which (?:[\w'-]+ ){0,3}(?:programs|specialties)(?: or (?:[\w'-]+ ){0,2}(?:programs|"
    r"specialties))? (?:each |every |the )?(?:applicant|candidate|you)(?:'ve| has| have)? "
    r"(?:also |already )?applied",
    r"(?:programs|places) (?:you|u) (?:plan|intend|are planning|will|would|might|may) "
    r"(?:to )?rank",
    r"(?:you(?:'ve| have)|have you) (?:also |already )?(?:had|got|gotten|received|booked|"
    r"scheduled) (?:[\w'-]+ ){0,3}interviews (?:in|at|with|elsewhere)",
    r"rank(?:ed|ing)? (?:\w+ )?(?:ahead of|above|higher than) (?:us|[A-Z][\w'-]+)",
    r"(?:you(?:'re| are)|ur) (?:not |also )?(?:interviewing|applying) (?:at|with) "
    r"(?!(?:us|our|this|the same)\b)[A-Z][\w'-]+",
    r"(?:have|did|are|were) (?:you|u) (?:interview|interviewed|interviewing|signal|signaled|"
    r"signalled|apply|applied) (?:at|with|us|anywhere|any|other|elsewhere|to)",
    r"where (?:you|our applicants|applicants|candidates) (?:have )?(?:interview|interviewed|"
    r"applied|signaled|signalled)",
    r"(?:you|u) (?:will |would )?(?:list|put) (?:[\w'-]+ ){0,3}(?:first|#\s?1|number one|"
    r"at the top)",
    r"which other [\w'-]+",
    r"other (?:programs?|interviews?|offers?|places|institutions|residenc(?:y|ies)|options)",
    r"elsewhere", r"anywhere else", r"where else", r"which (?:other )?programs",
    r"(?:interviewed|interviewing|applied|applying) (?:with|at|to) (?:other|any other|which)",
    r"signal(?:s|ed|led|ing)?", r"preference signal",
)

_COMMIT_TOPIC = _any(
    # a list's item to confirm: "confirm two things: 1. That Delta Pines will be among the top
    # three programs on your rank list"
    r"(?:will|would) be (?:in|among) (?:the |your |their )?top (?:\d|two|three|four|five|few|"
    r"handful)\b(?: [\w-]+)? (?:programs? )?(?:on|of) (?:your|their) (?:rank(?:ing)? )?list",
    # "a short note confirming you won't be ranking other prelim programs"
    r"(?:confirm\w*|promis\w*|assur\w*|stat\w*|saying) (?:to (?:us|me) )?(?:that )?you "
    r"(?:won't|will not|wouldn't|would not|aren't|are not) (?:be )?(?:rank\w*|list\w*) "
    r"(?:any )?(?:other|another)",
    r"commit(?:ment|ted|ting)?", r"promise (?:me|us|that you|to)", r"your promise",
    r"you(?:'ll| will| can| could)? promise", r"assur(?:e|ance)", r"guarantee", r"pledge",
    r"your word", r"verbal (?:commitment|agreement|yes)",
    r"(?:rank|ranking) (?:us|[A-Z][\w'-]+(?: [A-Z][\w'-]+)?) (?:as (?:your |their )?(?:top|first|"
    r"#\s?1|number one)|first|1st|#\s?1|number one|at the top|highest)",
    r"(?:put|puts|putting) us (?:first|at the top|#\s?1)",
    r"make us your (?:top|first|#\s?1|number[- ]one)",
    # (not the writer's own: "To put it in writing so there's no confusion: I'd like to know…")
    r"(?:put|confirm|state|commit) (?:it |this |that )?in writing(?! so (?:that )?there(?:'s| is| "
    r"will be) no\b)", r"in writing that",
    r"(?:are|is|be|being) (?:truly |fully |really )?committed to "
    r"(?:coming|joining|training|spending|doing|starting|matching|us|our)",
    r"(?:know|tell (?:me|us)|confirm|say)(?: that)? (?:we're|we are|we'd be|we would be|we will be)"
    r" (?:your|their) (?:first|top|#\s?1|number one|1st)",
    r"(?:know|tell (?:me|us)|confirm|say)(?: that)? (?:we're|we are) (?:number one|#\s?1|first|"
    r"on top|at the top)",
    r"(?:make sure|ensure) (?:that )?you (?:match|end up|land) (?:with us|here|at "
    r"(?!a |an |the |any |one |your )[\w'-]+)",
    r"(?:know|sure|hear) (?:if|whether|that) you(?:'re| are) serious about us",
    r"(?:know|tell (?:me|us|her|him|them)|told (?:me|us)|confirm|say|saying|stating|attest|"
    r"attests|certify|declare)"
    r"(?:,[^,]{0,30},| in (?:your|their|the) (?:reply|response|email|answer))?(?: that)? "
    # "to know whether Wexford-Hale is your first choice" asks the rank, not a promise
    r"(?!(?:whether|if)\b)[A-Z][\w'-]+(?: [A-Z][\w'-]+)? (?:is|would be|will be) "
    r"(?:one of )?(?:your|their) (?:first|top|#\s?1|number one|1st|choice)",
    # "applicants who can confirm that Lowcountry is in their top three"
    r"(?:confirm|attest|certify|declare)s? that [A-Z][\w'-]+(?: [A-Z][\w'-]+)? (?:is|will be|"
    r"would be) (?:in|among) (?:your|their) top",
    r"a (?:firm |clear |definite )?(?:yes|commitment) from you",
    r"guaranteed? (?:you )?(?:a )?(?:spot|position|place)",
    r"(?:is|are|be) (?:at the top of|first on|#\s?1 on|number one on) your list",
    r"(?:the )?(?:position|spot|job) is yours",
    r"letters? of intent", r"intent to accept", r"(?:final )?intent form",
    r"letters? of (?:agreement|commitment)", r"count on you", r"reciprocat\w*",
    r"(?:statement|declaration)s? of intent", r"you(?:'re| are) with us",
    r"you(?:'ll| will| would) put [A-Z][\w'-]+(?: [A-Z][\w'-]+)? first",
    r"(?:place|put) [A-Z][\w'-]+(?: [A-Z][\w'-]+)? first on (?:your|their) list",
    r"sign (?:it |the contract |the agreement )?(?:now |today |early )?(?:rather than|instead of) "
    r"(?:wait|waiting|going through)",
    r"(?:you|u) rank us (?:#\s?)?(?:1|1st|first|number one)\b",
    r"confirm (?:to (?:me|us) )?that [A-Z][\w'-]+(?: [A-Z][\w'-]+)? (?:is|will be|would be) "
    r"(?:your )?(?:first|top|#\s?1|number one)",
    r"(?:is|are) where you(?:'ll| will| want to) (?:be|train|match)",
    r"you(?:'re| are) (?:sure|certain|all in)", r"you(?:'re| are| will be) accepting",
    r"(?:we(?:'re| are) going to|we(?:'ll| will)|I(?:'ll| will)) (?:\w+ ){0,2}rank you (?:to match|"
    r"first|#\s?1|at the top)",
    r"(?:do|return) the same for us", r"finali[sz]e (?:things |it |everything )?with us",
    r"guarantee(?:d)? (?:you )?(?:a |one of our )?(?:[\w'-]+ ){0,3}(?:spot|position|place)s?",
    r"(?:protected|guaranteed|reserved) (?:position|spot|place)",
    r"(?:reserve|hold|save|secure|lock in|keep) (?=your (?:[\w'-]+ )?(?:spot|position|place|"
    r"slot)\b|(?:a |one of (?:our|the) |this |that )?(?:[\w'-]+ )?(?:spot|position|place|slot)s? "
    r"for you\b)",
    r"locks? you in",
    # "candidates who intend to rank Ridgemont in their top three"
    r"rank(?:ing)? (?:us|[A-Z][\w'-]+(?: [A-Z][\w'-]+)?) (?:in|among|within) (?:your|their|ur) "
    r"top (?:two|three|five|2|3|5|few|choices)",
    r"(?:has|have|needs?|must) (?:to )?be signed (?:before|by|prior)",
    r"(?:your|the) (?:position|spot|place|seat) (?:is|will be) (?:secured|guaranteed|locked|safe)",
    r"(?:you(?:'re| are)|ur|u're) (?:settled|decided|set) on (?:us|[A-Z][\w'-]+)",
    r"(?:the )?(?:position|spot|job|place) is (?:theirs|hers|his)",
    r"promis(?:e|ing) (?:me |us )?that [A-Z][\w'-]+(?: [A-Z][\w'-]+){0,2} (?:is|will be|would be) "
    r"(?:your|ur) (?:first|top|#\s?1|number one)",
    r"(?:confirm|promise|assure|tell)(?: [\w'-]+){0,6} that you(?:'ll| will) accept",
    r"promise (?:that )?you(?:'ll| will) match",
    r"(?:the )?(?:first|top) (?:line|spot|place|position|entry) (?:on|of|in) (?:your|ur) "
    r"(?:rank )?list",
    r"you(?:'ll| will) match (?:here|with us|at (?!a |an |the |any |one |your )[\w'-]+)",
    r"(?:reply|respond|write|say)(?: with)? [\"“']?(?:I accept|yes, I accept)",
    r"(?:written |formal )?undertaking",
    r"you(?:'ll| will| would) (?:put|list|rank) [A-Z][\w'-]+(?: [A-Z][\w'-]+)? first",
    r"(?:offer|position|spot) is only (?:valid|available|open|good) if you",
    r"(?:we|I)(?:'ll| will) take (?:good )?care of you",
    r"(?:make sure|ensure) (?:that )?(?:the committee|we|they|our committee) "
    r"(?:puts?|ranks?|places?) you",
    r"(?:we|I|he|she)(?:'ll| will) (?:place|put|rank) you (?:in our top (?:tier|group)|to match|"
    r"at the top)",
    r"make sure the Match works out",
    r"(?:be )?at the top of yours",
    r"(?:sentence|line|note|statement|word) (?:saying |stating )?that (?:we(?:'re| are)|"
    r"[A-Z][\w'-]+"
    r"(?: [A-Z][\w'-]+)? (?:is|are|will be|would be)) (?:your|ur) (?:first|top|#\s?1|number one)",
    r"if we rank you (?:high enough|to match)[^.?!]{0,40}\bwould you (?:come|join|accept|sign)",
    r"if (?:we|[A-Z][\w'.-]+(?: [A-Z][\w'.-]+)?) (?:offered|offer|were to offer|extended|extend) "
    r"you (?:a |the |this |that )?"
    r"(?:[\w'-]+ )?(?:position|spot|place|contract)[^.?!]{0,20}\bwould you (?:accept|take|come|"
    r"sign|join)",
    r"your acceptance in writing",
    r"(?:intend|plan|going|willing) to (?:put|place|rank|list) (?:us|[A-Z][\w'-]+(?: "
    r"[A-Z][\w'-]+)?) "
    r"(?:at the top|first|#\s?1|number one|in (?:their|your) top)",
    r"(?:you|u) put us (?:1st|first|#\s?1|number one)",
    r"promise (?:me |us )?(?:that )?you(?:'ll| will) (?:accept|come|sign|rank)",
    r"indicate that [A-Z][\w'-]+(?: [A-Z][\w'-]+)? (?:is|would be|will be) (?:your|ur) "
    r"(?:first |top )?choice",
)

_MATCH = r"(?:the )?(?:NRMP|(?:NRMP |main |residency )*Match)"
_WITHDRAW_TOPIC = _any(
    rf"withdraw(?:ing|al)?(?: your (?:name|application|registration))? from {_MATCH}",
    rf"(?:pull|drop|opt|back) out (?:of|from) {_MATCH}",
    r"(?:remove|take) yourself (?:out )?(?:of|from) (?:the )?(?:[\w'-]+ ){0,4}(?:Match|NRMP)",
    r"(?:withdraw|deactivate|cancel) (?:your )?(?:NRMP |Match )?registration",
    r"clear (?:your|their|ur) (?:calendar|schedule)s? of (?:other|any other|all other)",
    r"let go of (?:the rest of |all |any )?(?:of )?(?:your |ur |the )?(?:remaining |other )?"
    r"(?:[\w'-]+ ){0,3}interview(?:s| dates| slots| days)",
    # "he said you don't need to do the Aldergrove interview next week", "there is no need to
    # go to the rest of her interviews"
    r"(?:don't|do not|doesn't|does not|no) need to (?:do|go to|attend|keep|bother with|fly to|"
    r"travel to) (?:the |your |that |those |the rest of (?:your|her|his|their) )(?:[\w'-]+ ){0,3}"
    r"interviews?\b(?! (?:day|dinner|social|tour|reception|lunch|in person|itself))",
    # "I would ask you to release those remaining dates so other applicants can have them"
    r"release (?:those|these|your|the|any|all) (?:remaining|other|outstanding|such) "
    r"(?:[\w'-]+ ){0,2}(?:dates|slots|spots|interviews)",
    # "please don't go on interviewing at the other Great Basin programs"
    r"(?:don't|do not|not to|not) (?:go on|keep on|keep|continue) (?:interviewing|to interview) "
    r"(?:at|with) (?:the |any )?other",
    r"take (?:your|ur) name out of (?:the )?(?:national |nrmp |main )?(?:algorithm|match|"
    r"matching)",
    r"(?:cancel|clear|drop)(?:ling|ing)? (?:whatever|everything|anything|all)(?: else)?(?: that)?"
    r"(?:'s| is| you have)? (?:still |left )?(?:on|in) (?:your|ur) (?:calendar|schedule)",
    r"off the market", r"cancel (?:the|any) interviews you (?:still )?have",
    r"(?:withdraw|retire|remove|pull) your (?:application|registration|name) from",
    r"(?:sign|return|execute|complete)(?: and (?:return|sign))? (?:the |this |your |our )?"
    r"(?:[\w'-]+ ){0,3}(?:contract|agreement|offer letter)[^.?!]{0,60}\b(?:before|prior to) "
    r"(?:the )?(?:Match|Match Day|rank(?:ing)?(?: order)? (?:list )?deadline)",
    r"(?:status|registration) (?:as|is|shows as) withdrawn",
    r"cancel(?:led|ed)? the rest of (?:your|ur) (?:[\w'-]+ ){0,2}interviews",
    r"sign (?:it |the contract |the agreement )?(?:now |today |early )?(?:rather than|instead of) "
    r"(?:wait(?:ing)?(?: for)?|going through) (?:March|the Match|Match Day)",
    r"(?:other|remaining) (?:[\w'-]+ ){0,2}(?:visits|interviews) (?:are |have been )?(?:cleared|"
    r"cancell?ed|released)",
    r"not (?:attending|scheduling|accepting|pursuing) (?:any )?(?:more|other|further|additional) "
    r"(?:[\w'-]+ ){0,3}interviews",
    r"skip (?:the rest of |all |any )?(?:your|ur|the) (?:other |remaining )?(?:[\w'-]+ ){0,3}"
    r"interviews",
    r"releas(?:e|ing) (?:any |all |your |the )?(?:[\w'-]+ ){0,3}interview (?:dates|slots|spots)",
    r"release (?:any |all |your )?(?:other |remaining )(?:[\w'-]+ ){0,3}interviews",
    r"(?:in lieu|instead) of (?:going through |participating in |entering )?(?:the )?"
    r"(?:NRMP |Main Residency )?Match",
    r"(?:you (?:to |should |must |will |would )?|please |that you |and )(?:not|never|don't|do not) "
    r"(?:pursue|accept|schedule|book|consider|entertain|set up|arrange|line up|take on) (?:any )?"
    r"(?:more |further |other )?"
    r"(?:[\w'-]+ ){0,3}(?:offers|interviews|positions)",
    r"(?:should|must|will|would) not (?:schedule|attend|accept|book)(?: or (?:schedule|attend|"
    r"accept|book))? (?:any )?(?:further|more|other|additional) (?:[\w'-]+ ){0,3}interviews",
    r"hold off on (?:scheduling|accepting|booking|pursuing|attending) (?:any )?(?:[\w'-]+ ){0,4}"
    r"(?:interviews|offers|invitations)",
    # "cancel your Gulf Meridian and Bellmore interviews" (not the program's own)
    r"cancel(?:ling|ing)? (?:your|ur) (?:[\w'&.-]+ ){1,4}interviews?\b(?! (?:with us|here|at our|"
    r"date|time|slot|day))",
    r"(?:don't|dont|do not) bother with (?:your |the |any |those |these )?(?:[\w'-]+ ){0,3}"
    r"(?:interviews|interview (?:trips|visits|days)|(?:january|february|december|winter|other|"
    r"remaining) (?:trips|visits))",
    rf"(?:you (?:will |would |must |should |do )?not|not to) (?:participate|take part) in {_MATCH}",
    r"(?:release|give up|decline) (?:all |any )?(?:of )?your (?:other|remaining) "
    r"(?:[\w'-]+ ){0,2}(?:interview|interviews|interview dates|invitations|offers)",
    r"(?:cancel|decline|withdraw from) (?:all |any )?(?:of )?(?:your )?"
    r"(?:other|remaining|upcoming|further) (?:[\w'-]+ ){0,3}(?:interviews|visits|trips|"
    r"interview dates)",
    # "applicants who are serious about Pemberton should cancel the conflicting interview"
    r"(?:cancel|decline|drop|skip)(?:ling|ing|led|ped|s)? (?:the|their|your|ur|any) (?:conflicting|"
    r"competing|clashing) (?:[\w'-]+ ){0,2}interviews?",
    r"(?:stop|stops|stopped|stopping) interviewing",
    r"(?:do not|don't|not to|not) (?:schedule|book|accept|attend|pursue|take)(?: or (?:schedule|"
    r"book|accept|attend|pursue|take))? (?:any )?interviews "
    r"(?:with|at) (?:the |any )?other (?:[\w'/-]+ ){0,4}programs",
    r"(?:no longer|not) (?:be )?interviewing (?:elsewhere|anywhere else|(?:with|at) (?:the |any )?"
    r"other)",
    r"not (?:to )?interview (?:at|with) (?:those|these|the other|other|any other)\b",
    # the condition of a place: "a spot here with your name on it if you drop the January
    # interviews"
    r"(?:if|once) you (?:\w+ )?(?:drop|cancel|skip|decline) (?:the|your|those|all|ur) "
    r"(?:[\w'-]+ ){0,2}interviews",
    # "we ask that applicants who accept an interview with us decline interviews at other
    # family medicine programs in the Fox Valley area"
    r"(?:decline|cancel|turn down|skip|drop)(?:s|ing)? (?:any |all )?(?:further |more )?"
    r"interviews? (?:at|with) (?:any |the )?other",
    # "he asks that applicants who accept an interview with Ingleside refrain from
    # interviewing at other preliminary medicine programs in Texas"
    r"refrain from (?:interviewing|scheduling|accepting|booking|attending) (?:any )?(?:further |"
    r"more |other )?(?:interviews? )?(?:at|with) (?:any |the )?other",
    # "she prefers that they not accept further OB/GYN interview invitations"
    r"(?:not|never|don't|do not) accept (?:any )?(?:further|more|other|additional) "
    r"(?:[\w/'-]+ ){0,3}(?:interview )?(?:invitations|invites)",
    # "he asks that applicants who book the November 12 date not keep interviews at the other
    # West Texas IM programs"
    r"(?:not|never|don't|do not) (?:keep|hold|schedule|book|take|attend) (?:any )?(?:[\w'-]+ ){0,2}"
    r"interview(?:s| dates| slots| days) (?:at|with) (?:the |any )?other",
    r"(?:drop|withdraw|cancel|decline|declin(?=ing))(?:s|ed|led|ped|ping|ling|ing)? (?:all |any )?"
    r"(?:of )?(?:your|their|ur|the) "
    r"(?:other|remaining) (?:[\w'-]+ ){0,4}(?:applications|interviews|interview invitations|"
    r"invitations|offers|programs)",
    r"(?:no|not schedule any) (?:further|more|other) interviews",
    r"withdraw(?:ing)? (?:all |any )?(?:of )?(?:the |your |ur )?(?:other |remaining |residency |"
    r"pending )*applications",
    r"(?:don't|dont|do not|not to|no need to|didn't|did not|wouldn't|would not) (?:go|attend|"
    r"accept|schedule|do|take) "
    r"(?:to )?(?:any )?(?:other|more|further) interviews",
    r"(?:sign|return|execute)(?: and (?:return|sign))? (?:the|this|your|our) "
    r"(?:contract|agreement|offer letter)[^.?!]{0,40}\bbefore (?:the )?"
    r"(?:Match|Match Day|rank(?:ing)? (?:list )?deadline)",
    # giving up interviews, however the interviews are named
    r"(?:cancel|drop|skip|forgo|give up)(?:ling|ing|led|ped|s)? (?:whatever|any|all(?: of)?|the|"
    r"those|these|your|ur) (?:[\w'-]+ ){0,3}interviews (?:you|they|u|that|still|left|remaining)",
    r"save yourself (?:the rest of |all |any of )?(?:your |the |ur )?(?:[\w'-]+ ){0,3}interviews",
    r"(?:doesn't|don't|does not|do not|not) (?:really )?need to keep (?:doing |going to |on )?"
    r"(?:[\w'-]+ ){0,2}interview(?:s|ing)",
    r"tell (?:me|us) (?:that )?you(?:'re| are) not (?:interviewing|going) (?:at|to|with|"
    r"anywhere|elsewhere)",
    r"(?:no|little) (?:reason|need|point) (?:for you )?to (?:keep|continue) (?:spending|doing) "
    r"(?:[\w'-]+ ){0,4}?interviews",
    # "there's really no reason to keep the rest of your interviews on the calendar"
    r"(?:no|little) (?:reason|need|point) (?:for you )?to (?:keep|continue) (?:doing |going to |"
    r"with )?(?:the rest of |all of )?(?:the |your |any |ur |more |other )?(?:[\w'-]+ ){0,2}"
    r"interviews",
    r"hold off on (?:any |all )?(?:further|more|other|additional|remaining) (?:[\w'-]+ ){0,2}"
    r"interviews",
    r"interviews\b[^.?!]{0,120}\b(?:(?:not|n't) (?:schedule|attend|book|go to|keep)|cancel|drop|"
    r"skip|let go of)(?:ling|ing|ped)? (?:them|those|the rest)|interviews\b[^.?!]{0,120}\blet "
    r"(?:them|those|the rest) go\b",
    # "You can cancel whatever you still have left on the gen surg side."
    r"(?:cancel|clear|drop|skip)(?:ling|ing)? (?:whatever|everything|anything|all)(?: else)?"
    r"(?: that)?(?: you)?(?: still)? (?:have|'ve got|got)(?: left)? (?:on|in) (?:the|your|ur) "
    r"(?:[\w'-]+ ){0,3}(?:side|calendar|schedule|trail|circuit|list)\b",
    # "Take the rest of the month off, cancel what's left on your calendar"
    r"(?:cancel|clear|drop|skip)(?:ling|ing)? (?:what|whatever|everything|anything)(?:'s| is) "
    r"(?:still )?left (?:on|in) (?:the|your|ur) (?:[\w'-]+ ){0,3}(?:side|calendar|schedule|trail|"
    r"circuit|list)\b",
    # "you don't need to put yourself through more January interviews"
    r"(?:doesn't|don't|does not|do not|not) (?:really )?need to (?:put yourself through|sit "
    r"through|go through|do) (?:any )?(?:more|further|other|additional) (?:[\w'-]+ ){0,2}"
    r"interviews",
    # "I'd let the neurology interviews you still have go"; "she would honestly rather you
    # skip the Boston interview on the 22nd"
    r"let (?:the |your |those |any )?(?:[\w'-]+ ){0,3}interviews (?:you (?:still )?have |"
    r"(?:still )?left |that are left )?go\b",
    r"(?:rather|prefer)(?: that)? you (?:skip|cancel|drop|miss|pass on|skipped|cancell?ed|dropped) "
    r"(?:the |your )(?:[\w'-]+ ){0,3}interview\b",
    r"(?:tell|let|inform|notify) (?:the |your |ur )?other (?:programs|places|schools|hospitals)"
    r"(?: know)? (?:that )?(?:you(?:'re| are)?|ur|u're|u are) (?:going|settled|committed|coming|"
    r"choosing|done|taken)",
    r"let (?:the |your |ur )?other (?:[\w'-]+ ){0,2}(?:programs|places|schools|hospitals) know",
    r"(?:stop|quit) looking",
    r"(?:be )?done with (?:the |your |ur )?(?:[\w'-]+ ){0,2}interview (?:trail|circuit|season)",
    r"off the interview (?:circuit|trail)",
    r"turn(?:ed|ing)? down (?:any |all |the |your )?(?:other|remaining) (?:[\w'-]+ ){0,3}"
    r"(?:interview invitations|invitations|interviews|offers)",
    r"(?:get|have) (?:the rest of |all of |all )?(?:your|ur) (?:other |remaining )?"
    r"(?:[\w'-]+ ){0,2}interviews cancell?ed",
    r"cancell?ation of (?:your|ur|all|the) (?:other |remaining )?(?:[\w'-]+ ){0,2}interviews",
    r"release from (?:the )?(?:NRMP|Match)",
    r"(?:stop|stopped|stopping|quit) (?:taking|accepting|scheduling|booking) (?:new |more |any |"
    r"other |further )?(?:[\w'-]+ ){0,2}interviews",
    r"promise not to (?:accept|pursue|schedule|take) ",
    r"withdraw(?:ing)? (?:all |any )?(?:of )?(?:the |your |ur |her |his |their )?(?:rest of "
    r"(?:the |your |ur )?)?(?:other |remaining |residency |pending |ERAS )*applications",
    r"(?:release|waiver) from (?:your |the )?(?:Match|NRMP) (?:commitment|agreement|contract)",
    r"let (?:your |ur |the |all |all of )?(?:other |remaining )?(?:[\w'-]+ ){0,2}interviews go",
    # "you would be well within your rights to let the others go"
    r"let (?:the |all the )?others go\b",
    # an invitation's terms: "accept this invitation only if you will not be interviewing
    # with other Transitional Year programs in Illinois"
    r"(?:only if|provided(?: that)?|as long as) you (?:will |are )?not (?:be )?interview(?:ing)? "
    r"(?:with|at) (?:any )?other",
    rf"have you (?:already )?withdrawn (?:your (?:name|registration|application) )?from {_MATCH}",
    # "…interviews on your calendar for late January. I'd encourage you to cancel those"
    r"(?:interviews|visits|trips)\b[^?!]{0,160}?\b(?:cancel|drop|skip|release|decline)"
    r"(?:ling|ing|led|ped)? (?:them|those|these|the rest)\b",
    r"(?:interviews|visits|trips|programs)\b[^?!]{0,160}?\bwrap(?:ping|ped)? (?:them|those|these) "
    r"up\b",
    r"(?:other|remaining) interviews (?:you )?(?:could|can|should|might) (?:let go of|drop|cancel|"
    r"skip)",
    r"free up (?:your |ur )?(?:other |remaining )?(?:[\w'-]+ ){0,2}(?:dates|interviews|visits|"
    r"calendar)",
    r"(?:don't|do not|not to) (?:plan|book|schedule|make) (?:any )?(?:other|more|further) "
    r"(?:[\w'-]+ ){0,2}(?:visits|interviews|trips)",
    r"wrap(?:ped)? up (?:your|their|ur) (?:interview )?(?:season|search|interviews)",
)

# Addressed to the applicant: "you", or a polite imperative ("Please sign…").
_YOU = re.compile(_any(r"you", r"your", r"yours", r"you're", r"you've", r"you'll", r"u", r"ur",
                        r"(?:each|every) (?:[\w-]+ )?(?:candidate|applicant|interviewee)",
                        r"(?:ask|asks|asking|require|requires) (?:that )?(?:all )?(?:our |the )?"
                        r"(?:candidates|applicants|invitees|interviewees)(?! (?:not|never|do "
                        r"not|don't)\b)",
                        # "she prefers that the people we interview not interview at those
                        # two as well"
                        r"(?:asks?|asked|prefers?|wants?|expects?) that (?:the |our )?(?:people|"
                        r"applicants|candidates|interviewees|invitees|they)(?: (?:we|who) "
                        r"[^.?!]{0,40}?)? not",
                        r"(?:applicants|candidates) (?:are requested|are asked|list|provide|"
                        r"send|share|indicate|disclose)").pattern
                  # an imperative opening the sentence or a clause: "…this morning, please
                  # don't schedule or take interviews with other programs" (not one put to a
                  # colleague by name: "Marisol — please let Dr. Khatib know …")
                  + r"|(?:^|[:;]|(?-i:[a-z]{3,}),)\s*(?:so |and |but )?(?:please|kindly) "
                    r"(?!note|be aware|see|"
                    r"find|remember|know)", re.I)

#: A demand put to applicants at large ("we only rank applicants who are committed to
#: us") addresses the reader as well; for commitment pressure only, since "applicants
#: who …" is also how programs describe their own ranking.
_WHO = re.compile(r"\b(?:applicants|candidates|people|those|invitees|interviewees) (?:who|"
                  r"committed|willing)\b", re.I)

# Look-alikes that stop a frame, whatever else the sentence holds.
#: A rule that nobody may ask: "programs may not ask you to commit to ranking them".
_NOT_ASKED = (r"(?:do not|don't|never|cannot|can't|won't|will not|not (?:allowed|permitted) to|"
              r"may not|are prohibited from|(?:instructed|told|trained|asked|reminded|required) "
              r"not to|stopped) (?:\w+ ){0,3}?(?:ask|inquire|request|require)")
#: Advice about what to do when someone asks: "If anyone asks you to commit, …".
#: Who the asker is, between "if anyone" and "asks": "If a program that participates in the
#: Match asks you to…", "If anyone claiming to speak for our program asks how you plan to
#: rank us" (shared with the cues' policy frame in engine.py).
ASKER_CLAUSE = (r"(?: (?:that|which|who|claiming|purporting|pretending|associated|affiliated|"
                r"connected|representing|speaking|from|at)(?: [\w'-]+){1,6}?)?")
_IF_ASKED = (r"if (?:(?:a|any|the|another|one of your) (?:residency )?(?:program|program director|"
             r"PD|interviewer)s?(?:'s? (?:message|e-?mail|note|letter)| (?:message|e-?mail|note|"
             r"letter|invitation|form|survey)s?)?|anyone|anybody|someone|somebody)" + ASKER_CLAUSE +
             r" (?:ever )?(?:asks?|says?|tells?|wants?|pressures?|offers?|requires?)")
#: "Nobody here will ever ask you to…", "no member of our faculty should ask".
_NOBODY_ASKS = (r"(?:nobody|no one|no (?:member|person|faculty|staff|resident|program|"
                r"interviewer)s?|none of (?:our|the|its|their) [\w'-]+)"
                # "No one affiliated with Red Mesa — faculty, residents or alumni — will ask"
                r"(?:[\s,—–-]+[\w'-]+){0,12}?[\s,—–-]+(?:should|will|may|can|is (?:allowed|"
                r"permitted) to) (?:\w+ )?(?:out to )?(?:ask|require|request|pressure)|"
                # passive: "no one is asked to sign or promise anything"
                r"(?:nobody|no one|no applicant|no candidate)(?: is| will be| would be| should be)?"
                r" (?:ever )?(?:asked|required|expected|pressured) to")
#: A choice among interview dates is no rank of programs: "your first choice of date".
_DATE_CHOICE = (r"(?:first|top) choice (?:of|for) (?:interview |your )?"
                r"(?:date|slot|session|time|day)s?|"
                r"(?:date|slot|session|time)s? (?:in|by) (?:order of )?preference|"
                r"(?:date|day|slot|session|time) (?:is|would be) your (?:first|top|preferred)|"
                # dates put in order: "your FIRST CHOICE and SECOND CHOICE interview dates", "your
                # first, second and third choice from the dates below"
                r"(?:first|top|1st)(?: choice)?,? (?:(?:second|2nd)(?: choice)?,? )?(?:and|&|or) "
                r"(?:second|backup|2nd|third|3rd) choices? (?:(?:among|of|from) (?:the |these )?)?"
                r"(?:interview )?(?:date|slot|session|time|day)s?")
_NRMP_RULES = r"NRMP (?:rules?|polic(?:y|ies)|code|agreement)"
#: Ranking choices inside the program (pathways, clinic sites, electives), not programs:
#: "rank the four pathways below from 1 to 4", "could you rank the sites 1-3?".
OPTION_RANKING = (r"rank(?:ing)? (?:the |these |those |all |each of the |your )?(?:\w+ ){0,2}"
                   r"(?:pathways?|tracks?|sites?|rotations?|electives?|clinics?|locations?|"
                   r"campus(?:es)?|sessions?|topics?|concentrations?|areas of interest|"
                   r"research areas|interest areas|options below|choices below|the following|"
                   r"dates?|days?|(?:time )?slots?|"
                   # a platform's own survey: "how would you rank your overall experience"
                   r"experiences?|features?|satisfaction|"
                   # two or three dates or options put in order: "can you rank them 1st and 2nd?"
                   r"(?:them|these|those|both|the two|the three) (?:from )?(?:1st|1|#1) "
                   r"(?:and|to|through|-) (?:2nd|3rd|2|3|4))"
                   r"(?! (?:of|at|in) (?:other|the other)\b)")
#: The ask taken back: "please don't feel you need to reply or tell us anything".
_NO_ANSWER_NEEDED = (r"(?:do not|don't|never|shouldn't|should not|needn't) feel (?:like )?"
                     r"(?:any |the )?(?:need to |pressure to |obligation to )?(?:tell|share|"
                     r"answer|disclose)|"
                     r"(?:do not|don't|never|shouldn't|should not) feel (?:like )?(?:you (?:need|"
                     r"have|ought) to|"
                     r"(?:obligated|obliged|pressured|any pressure) to)|"
                     r"(?:no need|not necessary) (?:for you )?to (?:reply|respond|answer|tell|"
                     r"share)|(?:please )?(?:do not|don't) send (?:us |me )?(?:that|this|any|such)|"
                     r"not affected by anything you tell|(?:shouldn't|should not) have asked|"
                     r"please disregard")
_STOP_RANK = _any(
    # days to keep apart: "If you are also interviewing with the MVH PM&R program, let me know
    # your PM&R date and I'll try to keep your two interviews on separate days"
    r"if you(?:'re| are) (?:also )?interviewing (?:with|at) (?:the|our) [^.?!]{0,60}\blet "
    r"(?:me|us) know (?:your|the|which) (?:[\w&/-]+ )?(?:date|day|time)",
    # the program's own priority: "Our #1 priority on interview day is that you feel at home"
    r"our (?:#\s?1|number one|top|first) (?:priority|goal|concern|job|focus|aim)",
    # "we do not expect or want you to tell us anything about your rank list"
    r"(?:do not|don't|never) (?:\w+ ){0,2}(?:expect|want|need|ask)(?: or (?:want|expect|need|ask))?"
    r" (?:you )?to (?:tell|share|disclose|reveal|say)",
    # an instruction to rank honestly: "Please rank us wherever we truly belong on your list,
    # and don't write back to tell me where that is"
    r"rank (?:us|programs|them|everyone) (?:wherever|however|in whatever order|where (?:we|it|"
    r"they) (?:truly |really )?belong|according to your (?:true |own |real )?preferences|"
    r"honestly)",
    # the applicant's advanced (PGY-2) position, which a preliminary or transitional year
    # must know about: "or do you hold (or expect to hold) an advanced position elsewhere?"
    # (the development corpus asks so without a rank question, d099)
    r"(?:hold|have|secured?|expect to hold|matched (?:to|into)|applying (?:to|for)) (?:\([^)]{0,30}"
    r"\) )?(?:an? |any )?(?:advanced|pgy-?2|categorical pgy-?2) positions?",
    # a choice among the program's own options: "tell us which of the two (clinic sites)
    # would be your first choice"
    r"which (?:one )?of (?:the|these|those|our) (?:two|three|four|five|\d|sites|options|tracks|"
    r"locations|clinics|campuses|pathways)\b[^.?!]{0,40}(?:first|top) (?:choice|pick)",
    # the program's ranking, not the applicant's: "Does needing a visa affect how you rank
    # applicants?"
    r"how (?:you|your program|the program|programs|the committee) (?:\w+ )?(?:rank|evaluate|"
    r"review|consider|select) (?:applicants|candidates|interviewees|IMGs|people|residents)",
    # courtesy and acknowledgement, not a question about other programs
    r"you (?:may|might) (?:be|have)", r"we (?:know|understand|realize|recognize) (?:that )?you",
    r"if you (?:have |had )?(?:already )?(?:accepted|taken|decided|signed|withdrawn|matched)",
    r"(?:we|I|the (?:committee|program))(?:'ll| will| plan to| intend to| are going to| would)"
    r" (?:\w+ )?rank you",
    r"ranked to match", r"rank(?:ed)? you (?:highly|high|very)",
    r"(?:the ones|those|candidates|applicants|people) (?:that |whom |who )?we (?:\w+ )?rank",
    r"you(?:'ll| will)? be ranked", r"you(?:'re| are) not (?:required|expected|obligated|asked) to",
    # "would you like to remain on our rank list?": the program's list, not hers
    r"(?:like|want|wish|prefer) to (?:be ranked|remain (?:on|in) (?:our|the|[\w'-]+'s) rank)",
    r"you(?:'re| are) (?:ranked|on our (?:rank )?list|high on our)",
    _NOT_ASKED, _NO_ANSWER_NEEDED,
    _NRMP_RULES, r"Match Participation Agreement",
    _NOBODY_ASKS, _IF_ASKED,
    r"apologi[sz]e for (?:the|my|our|an?|that) (?:\w+ ){0,2}(?:message|e-?mail|note|question|"
    r"request|letter)",
    # the program's own meeting, list and places: "Q: When is your rank meeting?" (an
    # applicant's question in an FAQ), "we hold our top spots for people who…"
    r"your rank(?:ing)? (?:meeting|committee|day|process|session|conference)s?",
    # an ask not to tell: "we ask that you not send us statements about how you plan to
    # rank us" (a yes/no question, "Need a yes/no by 12/1", asks no promise either)
    r"(?:ask|request|prefer|urge)(?:s|ed)? (?:that )?(?:you|applicants|candidates|interviewees) "
    r"(?:not|never|do not|don't) (?:send|share|tell|disclose|e-?mail|write|contact|reveal|"
    r"communicate)",
    # not asked, not wanted: "I'd rather you didn't tell me where we land on your list", "We
    # are not asking, and do not want to know, how you plan to rank us"
    r"(?:rather|prefer)(?: that)? you (?:didn't|did not|don't|do not|not|wouldn't) (?:tell|send|"
    r"share|say|disclose)",
    r"(?:we're|we are|i'm|i am|nobody is|no one is) not asking\b",
    r"(?:do not|don't|does not|doesn't) (?:want|need) to know",
    # the meeting as a deadline: "I'd like his answer before the rank meeting on Feb 8"
    r"(?:answer|reply|response|decision) (?:from (?:you|him|her|them) )?(?:before|by|ahead of|"
    r"prior to) (?:the|our) rank(?:ing)? (?:meeting|committee)",
    r"(?:our|the program's|its) top (?:spots?|positions?|tier|group|slots?|places?)",
    # a form's fields: "Preferred name and pronouns"
    r"preferred (?:name|pronouns?|first name|nickname|contact|e-?mail|phone|method|language|"
    r"title|mailing)",
    # reported or thanked for, not asked: "thank you for telling us we're your #1"
    r"(?:thank you|thanks|grateful|thrilled|delighted|honou?red|touched)(?: so much| very much)? "
    r"(?:for|to (?:hear|know|learn|read))",
    r"you (?:told|wrote|said|mentioned|shared with) (?:us|me)",
    r"(?:since|as|now that|after|when) you (?:let|told) (?:us|me)",
    r"(?:no need to|(?:please )?(?:do not|don't)) (?:tell|share|disclose|let us know)",
    r"you (?:also )?(?:do not|don't|never|don't ever|do not ever) (?:have|need) to (?:tell|share|"
    r"disclose|answer|reveal)",
    _DATE_CHOICE,
    r"certif(?:y|ied|ication) (?:of )?your rank", r"rank list (?:is|was) certified",
    r"(?:under )?no obligation to", r"not (?:obligated|obliged) to",
    # the applicant's questions in an FAQ: "Will you tell me where I am on your list?",
    # "Do you rank applicants who don't send thank-you notes?"
    r"(?:will|would|can|could|do|does) you (?:tell|share with|let|show) me (?:where|how|if|"
    r"whether|what)", r"where I (?:am|stand|fall|sit|rank) (?:on|in) your",
    r"(?:should|do|can|may|must|shall) I (?:tell|share with|let|send|email|write|show|rank|list|"
    r"put) (?:you|programs|them|it)",
    # "Will I be asked to commit to Calloway, or to tell you how I'll rank you?"
    r"(?:will|would|could|might) I be (?:asked|expected|required|pressured) to",
    # the program's own ranking as a condition: "if we ranked you to match, would you come?"
    r"if we (?:rank(?:ed)?|put|place[d]?) you",
    r"(?:do|should|must) I (?:need|have) to (?:send|tell|share|write|email|rank|commit|sign)",
    # permission, not an ask: "You may tell us that you plan to rank us highly. You don't
    # have to."
    r"you (?:may|can|are welcome to) (?:tell|let) us",
    r"(?:do|does|will|would|can) (?:you|the program|your program|the committee) rank "
    r"(?:applicants|candidates|people|anyone|those|students|IMGs|international)",
    # a demand to drop them, not a question which: "release the other programs you've
    # interviewed with" (withdrawal_request)
    r"(?:release|cancel|withdraw from|decline|drop|turn down|notify|inform|let go of|walk away "
    r"from|back out of) (?:all |any )?(?:of )?(?:the |your )?other (?:[\w'-]+ )?(?:programs|"
    r"interviews|offers|places)",
    # the Match's own advice: "we ask that you rank programs by your own true preferences"
    r"rank (?:\w+ ){0,3}(?:by|according to|in (?:the )?order of|based (?:solely |only )?on) "
    r"(?:your|their) (?:own )?(?:true |genuine |real |honest |actual )?preferences?",
    OPTION_RANKING,
)
_STOP_COMMIT = _any(
    # no declaration wanted: "You do not need to tell us that we are your first choice."
    r"you (?:also )?(?:do not|don't) (?:have|need) to (?:tell|share|disclose|answer|reveal|say|"
    r"promise|commit)\b(?![^.?!;]*\bbut\b)",
    # dates to choose: "reply with your first and second choices by Friday so I can hold
    # your spot"
    r"your (?:first|top|1st) (?:and|&|or) (?:second|backup|2nd) (?:choices?|preferences?|dates?|"
    r"picks?)",
    # a place kept open, asking nothing: "the job is yours for as long as you need it"
    r"(?:is|are) yours for as long as you",
    # a rank already made cannot be promised: "Lists are certified … Did you rank us first?"
    r"did you (?:rank|put|list|place)",
    # "…that is lovely, but it does not change how we rank": no reward, so no bargain
    r"(?:does|do|will|would|should) not (?:change|affect|influence|alter)",
    r"(?:doesn't|don't|won't|wouldn't|shouldn't) (?:change|affect|influence|alter)",
    r"(?:do not|don't|never|cannot|can't|won't|will not|not) (?:\w+ )?(?:ask|request|require|"
    r"expect|need)(?:ing)? (?:\w+ )?(?:a |any |your )?(?:commitment|promise)",
    # the program's own disclaimer; "would you give us a non-binding indication" still asks
    r"(?:is|are|be|remains?|stays?) (?:completely |entirely |totally |strictly )?non-?binding",
    r"not (?:a )?binding", r"no (?:commitment|obligation)", r"not obligated",
    # "this is not a guarantee of any Match outcome, and I am not asking for anything in return"
    r"not (?:a |any )?guarantee", r"not asking (?:you )?for anything",
    # attendance, not a promise about the Match: "still committed to joining us Thursday"
    r"committed to (?:joining|attending|coming)(?: us)? (?:this|on|for|tomorrow|tonight|next|"
    r"by|the (?:interview|session|dinner|social|event))",
    r"still committed to (?:attend|attending|join|joining|coming)",
    r"commitment to (?:attend|attending|join|joining)",
    r"commit to (?:this|the|your|a) (?:time )?slot",
    # Round 22: scheduling, "we ask that you select and commit to one date", "confirm that
    # you can commit to October 27"
    r"commit to (?:this|the|your|a|one|that|their|an|each) (?:\w+ )?(?:interview )?(?:date|day|"
    r"slot|time|session)s?\b",
    r"commit to (?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,? )?(?:jan|feb|mar|apr|may|jun|"
    r"jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}",
    # service after training: "asks graduates to commit to three years of practice"
    r"commit(?:ment)? to (?:\w+ ){0,2}years? of (?:service|practice|work)",
    # a scheduling platform: "Once you confirm, you are committed to this date"
    r"(?:you are|you're) committed to (?:this|that|the|your) (?:interview )?(?:date|slot|time|"
    r"session|day)",
    # a commitment to a country, a career or a place of practice, not to a program: the J-1
    # "commitment to return to Pakistan", "how committed are you to a career in primary care"
    r"commitment to return (?:to|home)", r"commit(?:ted|ment)? to (?:return|returning) (?:to|home)",
    r"committed (?:are you )?to (?:a |an |your )?(?:long[- ]term )?(?:career|future|life) in",
    r"commitment to (?:a |an )?(?:long[- ]term )?(?:career in|practi[cs]e in|serv(?:e|ing|ice) in"
    r"|rural|underserved)",
    r"count on you to (?:join|attend|make it)\b(?! (?:us|our (?:program|team|family)) "
    r"(?:in|for|next))",
    r"we (?:promise|guarantee|assure you|commit)", _NRMP_RULES, _DATE_CHOICE, _IF_ASKED,
    r"(?:will|would|could|might) I be (?:asked|expected|required|pressured) to",
    r"(?:do|should|must) I (?:need|have) to (?:send|tell|share|write|email|rank|commit|sign)",
    _NOT_ASKED, _NO_ANSWER_NEEDED, _NOBODY_ASKS,
    r"(?:no longer|not|unable to) (?:\w+ )?(?:able to )?(?:hold|reserve|offer|keep)",
    # the Match's own binding rule: "if you rank a program and match there, you are committed
    # to go"
    r"(?:you are|you're|applicants are|you will be) (?:\w+ )?(?:committed|obligated|bound) to "
    r"(?:go|attend|train|accept|start|begin)",
    # scheduling: "Brett will hold a slot for you until October 20", "We will hold your slot
    # once you reply" (an interview's)
    r"(?:will|'ll|can|could|would be (?:glad|happy) to) (?:hold|reserve|save|keep) (?:a|an|the|"
    r"this|that|your) (?:interview )?(?:slot|date|seat|time)s?\b",
    # scheduling: "please respond by Saturday so we can hold your spot" (the interview's)
    r"(?:respond|reply|rsvp|confirm|answer|let us know)\b[^.?!]{0,40}\bso (?:that )?(?:we|I) "
    r"(?:can|may|could) (?:hold|reserve|save|keep) (?:your|a|the) (?:interview )?(?:spot|slot|"
    r"place|seat|date)",
)
_STOP_WITHDRAW = _any(
    # a list of what the program will not do: "We will not offer you a position outside the
    # Match, ask you to sign anything before Match Day, or suggest that you cancel …"
    r"(?:we|I|nobody|no one) (?:will not|won't|will never|would never|do not|don't|never) "
    r"[^.;!?]{0,140}\b(?:suggest|ask|require|expect|pressure)\b",
    r"(?:has|have|had) withdrawn", r"(?:under )?no obligation to", r"not (?:obligated|obliged) to",
    r"(?:do not|don't|won't|will not|not) (?:need|have|be (?:required|asked)) to withdraw",
    r"without withdrawing", r"does not (?:require|affect)", _NRMP_RULES, _IF_ASKED, _NOT_ASKED,
    r"(?:do not|don't|never|not) (?:sign|return|execute)", _NOBODY_ASKS,
    r"(?:please )?(?:do not|don't|never) withdraw",
    r"(?:chose|decided|opted|elected) to withdraw", r"if you (?:need|have|must|decide) to cancel",
    # leaving this program's own waitlist: "If you would like to withdraw your application from
    # consideration, simply reply to this message."
    r"if you (?:would like|wish|want|decide|choose|prefer|need) (?:us )?to withdraw your "
    r"(?:application|name|candidacy)",
    # a platform's way out: "If you are no longer interested in this program, you can withdraw
    # your application from Calloway Memorial directly in MatchSlate"
    r"if you(?:'re| are) no longer interested",
    r"you (?:can|may) (?:always )?withdraw your (?:application|name|candidacy)",
    # the program's own calendar: "No further interviews will be offered"
    r"no (?:further|more|additional|other) interviews? (?:will|would|can|could|are|is) "
    r"(?:\w+ )?(?:be )?(?:offered|scheduled|available|extended|added)",
)

# The program's own list and the season's calendar are not the applicant's ranking:
# blanked out before the topic is looked for.
_NEUTRAL = _any(
    r"the rank(?:ing)? (?:meetings?|committee|process|discussions?|season)",
    r"(?:our|its|their|the program's|the committee's) (?:final )?rank(?:ing)?(?:[- ]order)? ?"
    r"(?:list|meetings?|process|committee|discussions?|decisions?)?",
    r"rank(?:ing)?[- ](?:order )?list (?:certification )?(?:deadline|opens|closes)",
    # "As our committee finalizes the pathology rank list, …": the program's list
    r"(?:committee|we|program|department) (?:\w+ )?(?:finaliz|prepar|build|certif|submitt?|"
    r"review|complet)\w* (?:the|its|our) (?:[\w-]+ ){0,2}rank(?:ing)?(?:[- ]order)? list",
)

#: For each frame, lower-case literals one of which every sentence whose topic matches
#: contains: a sentence with none of them is not read (engine._frame_candidates). Written
#: by hand rather than derived from the patterns, because a derived hitting set picks the
#: word most alternatives share ("you", "interview", "list"), which nearly every sentence
#: holds; tests/unit/test_classify_frames.py checks every frame match against them.
GATES: dict[Flag, tuple[str, ...]] = {
    Flag.RANK_INQUIRY: (
        "rank", "choice", "pick", "spot", "option", "top program", "first program",
        "1st program", "#", "number one", "number-one", "no. 1", "no.1", "top ", "stack up",
        "measure up", "match up", "compare", "how high", "how far up", "how low", "where ",
        "list", "leaning", "stands", "falls", "sits", "lands", "landed", "fits", "other",
        "interviewed", "interviewing", "you interview", "u interview", "applied", "applying",
        "signal", "elsewhere", "else", "which ", "you list", "you will list", "you would list",
        "you put", "you will put", "you would put", "u list", "u put", "how many",
        "running", "interviews in", "interviews at", "interviews with", "interviews elsewhere",
        "interview calendar", "interview schedule", "interview list", "interview dates", "only",
        "plan a", "backup", "back-up", "plan b", "mean first", "mean #", "mean number",
        "mean the top", "intentions", "up there", "which ", "top for", "if you interviewed",
        "if you applied", "if you also", "whether you interviewed", "whether you applied",
        "whether you also", "if u ", "whether u ", "who else", "make it on", "made it on"),
    Flag.COMMITMENT_REQUEST: (
        "commit", "promis", "assur", "guarante", "pledge", "your word", "verbal", "rank",
        "put us", "puts us", "putting us", "make us your", "in writing", "your first",
        "their first", "your top", "their top", "#", "number one", "your 1st", "their 1st",
        "your choice", "their choice", "yes from you", "first on", "at the top of", "be among",
        "be in the top", "be at the top",
        "is yours", "of intent", "intent to accept", "intent form", "protected", "reserve",
        "hold ", "save ", "secure ", "lock", "of agreement", "count on you", "where you want to",
        "sure", "certain", "all in", "accepting", "the same for us", "finali", "told me",
        "told us", "reciprocat", "rank us", "keep ", "with us", "put ", "rather than",
        "instead of", "where you", "make sure", "ensure", "serious", "on top", "their top",
        "ur top", "ur first", "ur #", "be signed", "is secured", "be secured", "is guaranteed",
        "be guaranteed", "is locked", "be locked", "is safe", "be safe", "settled on",
        "decided on", "set on", "is theirs", "is hers", "is his", "promis", "you'll accept",
        "you will accept", "i accept", "you'll match", "you will match", "first line",
        "top line", "first spot", "top spot", "first place", "top place", "first position",
        "top position", "first entry", "top entry", "undertaking", "you'll list",
        "you will list", "you would list", "only valid", "only available", "only open",
        "only good", "care of you", "puts you", "put you", "ranks you", "rank you", "places you",
        "place you", "works out", "of yours", "we're first", "we are first", "re first",
        "would you come", "would you join", "would you accept", "would you sign", "in writing",
        "to put", "to place", "to list", "put us", "indicate that", "you won't",
        "you will not", "you wouldn't", "you would not", "you aren't", "you are not"),
    Flag.WITHDRAWAL_REQUEST: (
        "withdraw", " out ", "yourself", "participate", "take part", "release", "give up",
        "decline", "cancel", "interviewing", "interviews", "contract", "agreement",
        "offer letter", "drop", "applications", "in lieu", "instead of", "offers",
        "positions", "hold off", "bother with", "registration", "skip", "clear ",
        "rather than", "instead of", "visits", "attending", "scheduling", "off the market",
        "retire", "remove", "pull", "withdrawn", "trips", "wrap", "free up", "other programs",
        "other places", "other schools", "other hospitals", "let the other", "let your other",
        "let ur other", "let other", "stop looking", "quit looking", "done with",
        "off the interview", "turn down", "turned down", "turning down", "turns down",
        "releas", "need to do", "need to go to", "need to attend", "need to keep",
        "need to bother", "need to fly", "need to travel", "not interview", "not to interview",
        "invitations", "invites"),
}

FRAMES: tuple[tuple[Flag, re.Pattern[str], re.Pattern[str], re.Pattern[str] | None], ...] = (
    # (flag, topic, look-alikes, the ask it needs, if any)
    (Flag.RANK_INQUIRY, _RANK_TOPIC, _STOP_RANK, _ASK),
    (Flag.COMMITMENT_REQUEST, _COMMIT_TOPIC, _STOP_COMMIT, _COMMIT_ASK),
    (Flag.WITHDRAWAL_REQUEST, _WITHDRAW_TOPIC, _STOP_WITHDRAW, None),
)

#: "She asks that candidates who come here release their other dates": a demand put to
#: every applicant, read as addressed for withdrawal only ("we ask that candidates not
#: discuss rank" is how programs state their own rule).
_ASK_THAT_ALL = re.compile(r"\b(?:ask|asks|asking|require|requires|request|requests) that "
                           r"(?:all |every )?(?:candidates|applicants|invitees|interviewees)\b",
                           re.I)


#: A heads-up put to every applicant: "Dr. Okoro will ask each applicant which other
#: programs they are interviewing with" (the dev conventions flag it as a rank inquiry).
_WILL_ASK_EACH = re.compile(
    r"\b(?:will|'ll|is going to|plans? to|likes? to|tends? to|always|usually|often) "
    r"(?:[\w'-]+ ){0,2}ask(?:s|ing)? (?:each|every|all|the)(?: of the| the)? "
    r"(?:applicant|candidate|interviewee|invitee)s?\b|"
    r"\b(?:she|he|they|director|PD|chair|chief) (?:also |always |usually |often )?asks (?:each|"
    r"every|all)(?: of the| the)? (?:applicant|candidate|interviewee|invitee|resident)s?\b|"
    r"\b(?:will|'ll|likes? to|tends? to|always|usually|often) ask (?:everyone|everybody|each of "
    r"you|all of you)\b", re.I)


def _addressed(flag: Flag, direct: bool, group: bool) -> bool:
    """Whether a sentence is put to the applicant for this flag: directly (_YOU), or, for
    the demands, to applicants at large (_WHO: "candidates who really want us cancel the
    interviews they have"; _ASK_THAT_ALL)."""
    return direct or flag is not Flag.RANK_INQUIRY


_QUOTED = re.compile(r"^\s*(?:>|\||On .{5,80} wrote:)")

#: The applicant's own question in a program's FAQ or Q&A ("Q: Will anyone ask me where else
#: I interviewed?", '"Is it OK to tell you that Calloway is my #1?"', or quoted with ">" in
#: an answer written between the applicant's lines): a line led by "Q:" or ">",
#: or a quoted one-sentence question in the first person (not a voicemail's transcript).
#: The program answers it; it asks nothing.
_FAQ_QUESTION = re.compile(
    r"[ \t]*(?:>|Q(?:uestion)?\s*[:.)]|"
    # a numbered one in the applicant's voice ("Q3: Will I be asked…"); a survey's numbered
    # item asks the applicant ("Q5. Please rank the programs you interviewed with")
    r"Q(?:uestion)?\s*\d{1,2}\s*[:.)](?=[^\n]{0,200}\b(?:I|my|me|I'm|I've|we|us|our)\b)|"
    r"[\"“][^\"”\n.!]{0,160}\b(?:I|my|me|I'm|I've)\b[^\"”\n.!]{0,160}\?)")


def applicants_question(text: str, start: int = 0) -> bool:
    """Whether the line holding offset ``start`` of ``text`` is an FAQ's question in the
    applicant's voice (see _FAQ_QUESTION)."""
    return bool(_FAQ_QUESTION.match(text, text.rfind("\n", 0, start) + 1))


def _ask_of(rx: re.Pattern[str]) -> tuple[bool, tuple[_Words, ...]]:
    r"""(whether a question mark alone is an ask, the word alternations) of an ask pattern
    built as ``\?|`` + :func:`_any` (+ ``|`` + :func:`_any` …)."""
    src = rx.pattern
    mark = src.startswith("\\?|")
    parts = (src[3:] if mark else src).split("|\\b(?:")
    words = [parts[0], *("\\b(?:" + p for p in parts[1:])]
    return mark, tuple(_Words(re.compile(w, re.I)) for w in words)


_FAST = {id(rx): _Words(rx) for _, topic, stop, _ in FRAMES for rx in (topic, stop)}
_FAST_ASK = {id(ask): _ask_of(ask) for *_, ask in FRAMES if ask is not None}


def _asks(ask: re.Pattern[str], low: str, *, question: bool = True) -> bool:
    """Whether the sentence asks; ``question=False`` does not count a bare question mark."""
    mark, words = _FAST_ASK[id(ask)]
    return (question and mark and "?" in low) or any(w.search(low) for w in words)


def looks_alike(flag: Flag, sentence: str) -> bool:
    """Whether ``sentence`` holds one of ``flag``'s look-alikes (the program's own promise,
    a rule, an FAQ in the applicant's voice …): what stops its frame stops any other guess."""
    stop = next((stop for f, _, stop, _ in FRAMES if f is flag), None)
    return stop is not None and bool(_FAST[id(stop)].search(sentence.lower()))


def frame_matches(sentence: str) -> list[tuple[Flag, str]]:
    """The flags whose frame this one sentence completes, each with the topic it matched."""
    if _QUOTED.match(sentence) or _FAQ_QUESTION.match(sentence):
        return []
    direct = bool(_YOU.search(sentence) or _WILL_ASK_EACH.search(sentence))
    group = not direct and bool(_ASK_THAT_ALL.search(sentence) or _WHO.search(sentence))
    if not direct and not group:
        return []
    low = sentence.lower()
    if len(low) != len(sentence):  # offsets would not agree: the plain patterns
        return _frame_matches_plain(sentence, direct, group)
    neutral = _NEUTRAL.sub(" ", sentence) if "rank" in low else sentence
    neutral_low = neutral.lower() if neutral is not sentence else low
    found = []
    for flag, topic, stop, ask in FRAMES:
        if not _addressed(flag, direct, group):
            continue
        m = _FAST[id(topic)].search(neutral_low)
        if not m or _FAST[id(stop)].search(low):
            continue
        # "Will you be ranking us first?" asks about the rank; only a demand or a bargain
        # around those words ("confirm that you're ranking us first") asks for a promise.
        position = flag is Flag.COMMITMENT_REQUEST and bool(_POSITION.match(neutral_low, m.start()))
        if ask is not None and not _asks(ask, low, question=not position):
            continue
        if position and _WHETHER.search(neutral_low, max(0, m.start() - 60), m.start()):
            continue
        if _ASK_NOT.search(low, max(0, m.start() - 60), m.start()):
            continue  # "we ask that you not share your rank list with us"
        found.append((flag, neutral[m.start():m.end()]))
    return _commitment_over_rank(found)


#: An ask that the applicant *not* do the topic: the opposite of the frame's request.
_ASK_NOT = re.compile(r"\b(?:ask|request|urge|prefer)(?:s|ed)? (?:that )?(?:you|applicants|people|"
                      r"those|everyone|interviewees|"
                      # "we ask that applicants who accept an interview with us not interview
                      # with the other programs in the area": a withdrawal ask, not a rank one
                      r"candidates)(?: who [^.?!]{0,60}?)? (?:not|never|do not|don't)\b[^.?!]*$")


#: A commitment topic that names a rank position: asked about, it is a rank question.
_POSITION = re.compile(r"rank|(?:(?:is|are|be|being) )?(?:at the top|first on)|#|number one|"
                       r"say (?:that )?(?:we're|we are)")
#: "let me know if you're going to be ranking us first": a question whether, not a demand.
_WHETHER = re.compile(r"\b(?:know|tell (?:me|us)|ask(?:ing)?|wonder\w*|curious|check|find out|"
                      r"hear|sense|idea)\b[^,;.?!]{0,15}\b(?:if|whether)\b[^,;.?!]*$")


def _frame_matches_plain(sentence: str, direct: bool, group: bool) -> list[tuple[Flag, str]]:
    """:func:`frame_matches` with the original patterns, for text whose lower case has
    another length (so the fast matchers' offsets would not agree)."""
    neutral = _NEUTRAL.sub(" ", sentence)
    found = []
    for flag, topic, stop, ask in FRAMES:
        if not _addressed(flag, direct, group):
            continue
        m = topic.search(neutral)
        if not m or stop.search(sentence):
            continue
        head = neutral.lower()
        position = flag is Flag.COMMITMENT_REQUEST and bool(_POSITION.match(head, m.start()))
        if ask is not None and not _asks(ask, sentence.lower(), question=not position):
            continue
        if position and _WHETHER.search(head, max(0, m.start() - 60), m.start()):
            continue
        found.append((flag, m.group(0)))
    return _commitment_over_rank(found)


#: The program's side of a bargain ("…and I'll make sure the committee ranks you to match"):
#: it makes the sentence commitment pressure without turning a question in it into terms.
_PROGRAM_SIDE = re.compile(r"make sure|ensure|take (?:good )?care|works out|match (?:here|with us|"
                           r"at)|(?:place|put|rank)s? you|is (?:yours|theirs)|locks? you in|"
                           r"reserve|hold|save|secure|guarantee", re.I)


#: A demand to reveal the position ("confirm in your reply that Wrenfield is one of your top
#: three") asks the rank as well as the promise; the dev conventions flag both.
_REVEAL = re.compile(r"(?:confirm|tell|let (?:us|me) know|attest|certify|declare)\b[^.?!]*\b"
                     r"(?:your|their) (?:first|top|#|number one|1st)", re.I)


def _commitment_over_rank(found: list[tuple[Flag, str]]) -> list[tuple[Flag, str]]:
    if any(flag is Flag.COMMITMENT_REQUEST and not _PROGRAM_SIDE.search(topic)
           and not _REVEAL.match(topic) for flag, topic in found):
        # "Can we count on you to rank us first?" asks for a promise, not for the rank:
        # the corpus conventions make it commitment pressure only. A question about other
        # programs beside the promise ("…and tell me if anywhere else is in the running")
        # still is one.
        found = [(flag, topic) for flag, topic in found
                 if flag is not Flag.RANK_INQUIRY or OTHERS.search(topic)]
    if any(flag is Flag.WITHDRAWAL_REQUEST for flag, _ in found):
        # "Cancel your remaining interviews with other programs": the other programs are
        # what to give up, not something asked about.
        found = [(flag, topic) for flag, topic in found
                 if flag is not Flag.RANK_INQUIRY or not OTHERS.search(topic)]
    return found


#: A rank topic about other programs ("where else", "other interviews").
OTHERS = re.compile(r"\b(?:other|elsewhere|else)\b", re.I)
