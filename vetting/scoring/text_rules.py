"""The text rules: one per sign in DOMAIN.md, each principle both ways (the sign of the
real thing and its warning sign), written as patterns over the concepts of `lexicon`.

A pattern is a row of elements separated by spaces:
- `CONCEPT` (upper case): any word or phrase of that concept (`lexicon.CONCEPTS`);
- `word` or `word|other` (lower case): those words, in any inflection;
- `NUM`: a number ("38", "1,400", "two", "a third");
- `NEG`: a negator ("not", "never", "no", "don't", ...);
- `=word`: that word form only ("=done" is not "do"); `in-house`: those words in a row;
- `~N` before an element: up to N words may stand between it and the previous element.
So `PUSH ~4 PROMO` matches "push our newest offers" and "blasting the weekly discount".

`inverse`: when this (green) rule is negated or contrasted away by the consultant, the
warning sign fires instead: "we do not spend our time on surveys, research or listening"
is not listening, it is ignoring the market.
`list_ok`: a phrase inside a list counts only when its sentence has one of these concepts
("I ran sales, PR and service" is experience; "we offer sales, PR and service" names a
catalogue).
`unless`: the rule does not fire when its sentence has one of these patterns ("once we
know your audience, a LinkedIn campaign" is not a campaign *first*); `requires`: it fires
only when its sentence has one of them (a campaign is a first recommendation only when
the sentence says "first", "start with", "recommend", ...).
`conceded_by`: not counted when a later "but"/"yet" clause of the sentence turns to one of
these concepts, or to a dismissal ("4,000 followers, but the newsletter paid the bills").
`gather`: also fires when a sentence names at least `count` distinct phrases of the first
concept together with one of the second ("marketing, PR, customer service and legal on
board").
`yields_to`, `not_after_first_person`, `not_after_article`, `own_subject`: see `Rule`.
"""

from __future__ import annotations

from dataclasses import dataclass

from vetting.scoring.said import gettext_noop

GREEN, RED = "green", "red"


@dataclass(frozen=True)
class Rule:
    code: str
    polarity: str
    weight: float
    principle: str
    patterns: tuple[str, ...]
    inverse: str | None = None
    list_ok: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    gather: tuple[str, int, str] | None = None
    # Not counted where one of these rules fires in the same sentence, up to a "but" ("the
    # KPI we agreed was followers" is not measurement, it is vanity).
    yields_to: tuple[str, ...] = ()
    # Patterns whose match is not the speaker's when "our"/"my" stands right before it
    # ("our own people", "our in-house creators" are the agency's, not the buyer's).
    not_after_first_person: bool = False
    # ... and, for these words, when an article stands between: "we're a dedicated team"
    # describes the agency, not the buyer's funded team.
    not_after_article: tuple[str, ...] = ()
    # Gaps may not skip a first-person subject: in "your staff can rest while we post",
    # the posting is ours, not the staff's.
    own_subject: bool = False
    # The sentence must also have one of these patterns: a campaign is only a *first*
    # recommendation when the sentence says first ("start with", "week one", "recommend").
    requires: tuple[str, ...] = ()
    # Not counted when a later "but"/"yet" clause of its sentence turns to one of these
    # concepts ("4,000 followers, but the newsletter paid the bills"; "one post went viral,
    # but that was luck"): DISMISSAL stands for any dismissal.
    conceded_by: tuple[str, ...] = ("DISMISSAL",)


# The principles, each stated once, as DOMAIN.md states them (marked for the pages to
# translate: `said`).
MARKET = gettext_noop(
    "Start from the buyer's target market, timing and message, and ask before prescribing."
)
RELATIONSHIP = gettext_noop(
    "It is a relationship, not a campaign: serve the community's motivations first."
)
LISTENING = gettext_noop("Listen to what the market thinks: likes, dislikes, whom it trusts.")
VALUE = gettext_noop(
    "Give first: add value to the conversation instead of pushing the message; respect how "
    "intrusive a promotion is."
)
REAL = gettext_noop(
    "Be real: open, honest, direct and transparent; treat feedback, good and bad, as a gift "
    "and own bad feedback in the open."
)
IN_HOUSE = gettext_noop(
    "Community involvement cannot be outsourced: the buyer's own people do the work, "
    "coached by the consultant."
)
FUNDED = gettext_noop(
    "A dedicated, paid team builds social credibility: free earned reach is not a plan."
)
SCOPE = gettext_noop("Credible vendors say clearly what they will and won't do.")
SILOS = gettext_noop(
    "Social cuts across silos: marketing, PR, customer service, product, legal and "
    "executives all on board."
)
MEASURED = gettext_noop("Measurable results: revenue, leads, list and database growth, coverage.")
BACKGROUND = gettext_noop(
    "A business background beyond social platforms: marketing, PR, sales, customer service, "
    "responsibility for results."
)

RULES: tuple[Rule, ...] = (
    # --- Green: the signs of social marketing -------------------------------------------
    Rule(
        "market_first",
        GREEN,
        0.12,
        MARKET,
        (
            "TARGET ~1 MARKET",
            "UNDERSTAND ~4 MARKET|GOAL|TIMING|MESSAGE",
            "UNDERSTAND|ASK ~4 who|whom|what|when|where|which ~5 MARKET|you|they|them|your|"
            "client|clients|those",
            "UNDERSTAND|ASK ~4 who ~3 talk|talking|speak|speaking|sell|selling|reach|reaching|"
            "target|targeting|serve|serving|write|writing",
            "who ~4 buy|book|pay|use|shop|choose|order|hire|decide|reach|MARKET",
            "MARKET ~3 be|are ~0 who|what",
            "start|begin ~3 with|from ~3 your|the ~1 GOAL|MARKET",
            "depend|depends|depending ~3 on ~3 who|where|what|when|whom ~4 MARKET|you|your|they",
            "depend|depends|depending ~2 on ~2 your|the|their ~1 MARKET|GOAL",
            "first ~2 conversation|question|questions|meeting|step|thing|workshop ~3 be|is ~2 "
            "about ~2 your ~1 business|MARKET|GOAL|goals",
            "start|begin|starts|begins|starting ~3 with ~3 ASK",
            "ASK ~4 what ~4 look|looks ~1 like",
            "tell ~1 me|us ~2 about ~2 your ~1 MARKET|business|GOAL|goals",
            "ASK ~2 about ~0 your|our|the ~1 MARKET|GOAL|goals",
            "know|knowing|understand|understanding|learn ~2 who ~1 they|you ~1 are|were",
            "split|splitting|segment|segmenting|group|grouping ~3 MARKET|prospects|them ~2 by",
            "which|what ~2 question|questions ~4 MARKET ~2 ask|have|raise",
            "first ~2 conversation|question|questions|meeting|workshop ~4 be|is ~2 about ~3 "
            "MARKET|business|GOAL|goals",
            "GOAL|MARKET|whom ~8 first|my|our ~1 question|questions",
            "TIMING",
            "what ~2 you ~1 want ~3 MARKET|people|them|customers|buyers|they ~2 to ~1 think|feel|"
            "do|know|remember|say|believe",
            "MESSAGE ~0 be|is|are|matter|land",
            "UNDERSTAND|ASK ~4 who ~3 be|are|is ~1 for",
            "what ~2 we|you ~1 want ~2 them|people|MARKET|customers|buyers ~2 to ~1 do|think|feel|"
            "know|remember",
            "starting|start ~1 point ~2 be|is ~3 MARKET|customer|audience|buyer|people",
            "MARKET|customer|audience ~3 first ~2 not|then ~2 CHANNEL|PLATFORM",
            "key|core|right|one ~1 message",
            "what ~3 they|MARKET|people|them ~2 need|ought ~2 to ~1 hear|know|see|read",
            "ASK ~4 before ~3 PRESCRIBE|CHANNEL|anything|any|we|recommend|post|posting|you",
            "UNDERSTAND|ASK ~4 MARKET|GOAL|who|what|when|where ~8 before|until ~3 "
            "PRESCRIBE|CHANNEL|anything|any",
            "NEG ~4 PRESCRIBE|CHANNEL|PLATFORM ~5 before|until ~4 UNDERSTAND|ASK|MARKET|GOAL|we|"
            "you",
            "question ~2 not ~1 answer",
            "MARKET ~1 segmentation|segmenting|profiling",
            "who ~1 he|she|they ~1 be|is|are ~3 when|what|where ~2 he|she|they",
            "ask ~4 question|lot",
            "GOAL|MARKET ~12 UNDERSTAND ~4 before|until ~3 PRESCRIBE|CHANNEL|anything|any",
            "talk|think|talking|thinking|know|knowing ~3 about|of ~2 your|the ~1 MARKET|GOAL ~5 "
            "before ~4 CHANNEL|PLATFORM|PRESCRIBE|tactics|tactic",
            "before ~3 any|a|the|anything ~2 platform|channel|post|plan ~3 be ~1 even ~1 mention|"
            "mentioned|chosen|picked",
            # the plan follows the market: "the plan is built around real customers", "once we
            # know your audience and goals"
            "plan|strategy|everything|content ~4 built|based|shaped|designed|planned ~2 around|on|"
            "from ~3 MARKET|customers|buyers|patients|clients|GOAL|goals",
            "once|after|until|when ~3 we|i ~2 know|understand|learn ~3 your|the|who ~1 MARKET|GOAL|"
            "goals",
        ),
        inverse="ignores_market",
        list_ok=("FIRST",),  # "Week one: audience interviews, goals workshop, message testing"
        # a referee's "before we'd talked about who our customers were": the talk never came
        unless=(
            "before ~2 we|they|he|she|anyone|anybody ~2 =talked|=asked|=discussed|=knew|"
            "=understood|=known|=met ~3 who|what|about|anything",
        ),
    ),
    Rule(
        "relationships",
        GREEN,
        0.10,
        RELATIONSHIP,
        (
            # "she got to know the regulars", "your brewery being a regular at the bar"
            "get|got|getting ~1 to ~1 know ~2 the|your|our|their ~1 regulars|members|locals|"
            "families|guests|customers|community",
            "be|being ~1 a ~1 regular ~1 at|in",
            # "years of being good company online", "the slow neighbourly stuff"
            "being ~1 good ~1 company",
            "slow ~1 neighbourly|neighborly",
            # "helping with training questions for months before anyone mentions a sale"
            "before ~4 mention|mentions|mentioned|mentioning ~3 a|the|our|your|any ~1 sale|sales|"
            "product|products|offer|offers|price|prices|shoes|beer|menu",
            # "the selling comes much later"
            "selling|sales|sale|pitch ~2 come|comes ~2 later|last|after",
            # "how to keep them with us", "the club has been with us three years"
            "keep ~1 them ~2 with ~1 us|you",
            "relationship|rapport|loyalty|goodwill|bond|dialogue|belonging|advocate|friendship|"
            "loyalist|loyalists|kinship",
            "close|strong|lasting|real|community|local|deep|personal|ongoing|genuine|human|warm ~1 "
            "=ties",
            "PEOPLE_WE_SERVE ~8 LONG_RUN",
            "LONG_RUN ~8 PEOPLE_WE_SERVE",
            "PEOPLE_WE_SERVE ~4 we|you|they ~3 know|deal|dealing|see|serve|keep|have ~4 LONG_WEAK",
            "PEOPLE_WE_SERVE ~3 who|that|will|would ~2 stay|stays|come|return|keep|stick|see ~5 "
            "LONG_WEAK",
            "stay|stays ~2 for ~1 a ~1 long ~1 time",
            "long|lasting|strong|close|long-term ~1 relation|relations",
            "RELATION ~1 earned|built|nurtured|won|grown|kept",
            "care ~2 about|for ~3 the ~1 people",
            "care ~2 about|for ~2 RELATION|community|MARKET|members|regulars",
            "treat|treated|treating|think|thought|see|regard ~5 as|like ~2 AS_PEOPLE",
            "know|knew|call|greet|greeted|reply|answer|address|recognise|recognize|remember|"
            "message|messages|email|emails ~6 "
            "by ~2 name|names",
            "recognise|recognize|recognised|recognized|remember|remembered ~4 what|who|their ~4 "
            "buy|bought|order|ordered|like|liked|birthday|name|names|dog|kids",
            "stick|stand ~1 up ~1 for",
            "vouch ~1 for",
            "keep|kept|keeping|stay|stayed ~2 in ~1 touch",
            "keep|kept|keeping ~2 talking|answering|replying|chatting|helping|showing ~3 with|to|"
            "them|people",
            "keep ~3 RELATION ~2 alive|going|warm|strong",
            "want|wants|need|needs ~4 come|comes ~1 before|first",
            "LASTING",
            "BUILD ~3 RELATION",
            "RELATION ~4 get|be|is|are ~1 BUILD",
            "BUILD ~3 something|anything ~5 last|lasts",
            "one ~1 conversation|customer|person|reply|relationship ~2 at ~1 a ~1 time",
            "get ~1 to ~1 know ~3 people|MARKET|community|you|them",
            "know ~4 by ~2 name|names",
            "know ~4 personally",
            "make|making|become|be ~1 friends ~1 with",
            "feel ~3 part|member|members|belong|insider|insiders|welcome|known|heard|regulars",
            "feel ~2 at ~1 home",
            "show|turn|turning|showing ~1 up ~3 for ~2 them|it|people|MARKET|community|RELATION",
            "show|turn|turning|showing ~1 up ~4 in|on ~3 RELATION|group|groups|forum|forums|"
            "thread|threads|life|lives",
            "miss ~1 you",
            "neighbour|neighbor",
            "relate|relating ~3 MARKET|people|them",
            "community ~3 first|motivation|interest|need|serve|serving|belong",
            "motivation ~3 of ~2 community|MARKET|member",
            "keep ~2 come ~1 back",
            "repeat|returning|loyal ~1 customer|guest|member|visitor|following|audience|community|"
            "fans|base|followers|clients|readers",
            "feel ~3 like|as ~2 friend|friends|family|neighbours|neighbors|insiders|regulars",
            "for ~0 months|years|weeks ~0 before ~1 anyone|any|we|you|they",
        ),
        # relationships with the press, suppliers or partners are not the community's
        unless=(
            "RELATION ~2 with ~3 journalist|journalists|press|media|editor|editors|reporter|"
            "reporters|supplier|suppliers|vendor|vendors|agency|agencies|investor|investors|"
            "bank|banks|landlord|distributor|distributors|retailer|retailers|stockist|stockists|"
            "newsroom|newsrooms|outlet|outlets|publisher|publishers",
        ),
        not_after_first_person=True,
    ),
    Rule(
        "listening",
        GREEN,
        0.10,
        LISTENING,
        (
            "LISTEN",
            "STUDY ~7 VOICE_OF_MARKET",
            "STUDY|LISTEN ~2 to|what|how ~4 MARKET|people|they ~2 say|think|post|write|complain|"
            "ask|feel",
            "what|whom|who ~3 MARKET ~2 trust|like|dislike|hate|love|fear|complain|quote|say|think",
            "hear ~2 it|them ~1 properly|carefully|out",
            "MARKET|people|they ~2 be|are ~1 already ~1 saying|asking|posting|sharing|telling",
            "VOICE_OF_MARKET ~8 STUDY",
            "STUDY|LISTEN|find|learn ~3 what ~4 MARKET|people|they|customer|buyer|guest|patient ~3 "
            "say|think|like|dislike|love|hate|complain|trust|want|need|mock|care|fear|worry|"
            "ask|use|expect|mean|read|feel|search|google|share|buy|recommend",
            "=i|=we ~2 shadow|shadowing ~3 DEPT|call|calls|support|sales|staff",
            "MARKET|customer|customers ~1 sentiment",
            "RESEARCH",
            "hear ~3 from|what ~2 your|the|their|they|people ~1 MARKET|people|they|say|think",
            "hear ~1 from ~1 MARKET|people|users|them",
            "pay|paying|paid|take|taking|took ~1 attention|note|notice ~2 to|of ~3 MARKET|"
            "VOICE_OF_MARKET|what|people|them",
            "hear|read|collect|gather ~3 question|questions|complaint|complaints|feedback ~4 "
            "MARKET|customer|customers|people|they|from",
            "sit ~1 in ~1 on ~4 call|calls|support|sales|meeting|meetings",
            "VOICE_OF_MARKET ~6 tell|tells|show|shows ~1 us",
            "ask|interview|survey ~4 them|MARKET|customer|customers|people|buyers|clients",
            "what|whom|who|which ~4 MARKET|people ~2 trust|believe|rate|respect|quote|follow|moan|"
            "grumble|gripe|rave|praise|mock|rant|worry|hate|love|like|dislike|complain|fear",
            "STUDY|LISTEN|find|learn|track|tracked|map|know ~3 which|who|whom ~4 MARKET|people|"
            "they ~3 trust|believe|follow|like|dislike|love|hate|read|watch|quote|use|mock",
            "what ~4 MARKET ~1 actually|really ~1 say|think|want|need|search|ask|do|complain|mean",
            "spend|spending|spent ~2 week|weeks|month|months|time|day|days|hours ~3 on|reading|"
            "studying|understanding|with|listening ~4 RESEARCH|MARKET|VOICE_OF_MARKET|what",
        ),
        inverse="ignores_market",
        yields_to=("ignores_market",),
        list_ok=("FIRST",),  # "Week one: audience interviews, review mining, ..."
        # listening to podcasts or a talk is not listening to the market
        unless=(
            "LISTEN ~1 to ~3 podcast|podcasts|music|radio|audiobook|audiobooks|keynote|talk|"
            "talks|webinar|webinars|lecture|lectures|album|albums|playlist|song|songs|episode|"
            "brief|briefs|instructions|boss|manager|colleagues|colleague|partner|founder|advice",
            # listening to the buyer is taking a brief, not listening to the market: "we listen
            # to your ideas", "we listened to the client", "feedback from the client", "good
            # listeners", "we hear you"
            "LISTEN ~1 to ~2 your|you ~1 idea|ideas|vision|requirements|wishes|team|needs|"
            "feedback|concerns|story|input|suggestions",
            "LISTEN ~1 to ~1 the|our|my|each|every ~1 client|clients|owner|founder|board|"
            "stakeholder|stakeholders",
            "feedback|input ~2 from ~1 the|our|my|each|every ~1 client|clients|owner|founder|boss",
            "good|great|excellent|active|careful|patient|natural|keen|attentive ~1 listener|"
            "listeners",
            "=we|=i ~1 hear ~1 you",
            # research cited as evidence, or research into what is trending
            "research|studies|study ~1 show|shows|showed|suggest|suggests|prove|proves|say|says",
            "RESEARCH|STUDY|survey ~3 trending|trend|trends|sound|sounds|audio|meme|memes|viral",
            "RESEARCH|STUDY|survey ~6 for|on|into ~2 the ~1 best ~2 hashtag|hashtags|time|times|"
            "format|formats|sound|sounds|day|days|hour|hours",
            # polls as engagement bait, competitors' pages studied for ideas, a discovery session
            # about the fee: no one's opinion is sought
            "poll|polls|quiz|quizzes ~8 engagement|algorithm|reach|tapping|interaction|"
            "interactions|likes|replies|comments|boost|boosts",
            "RESEARCH|STUDY|survey ~3 competitor|competitors|competitor's|competitors'|rival|"
            "rivals ~2 page|pages|account|accounts|feed|feeds|content|posts|ads|grid|grids",
            "discovery ~0 session|sessions|workshop|phase ~8 fee|fees|timeline|timelines|contract|"
            "contracts|price|pricing|budget|budgets|invoice|retainer|deliverables",
            # research as a trade: "my research background is in chemistry"
            "RESEARCH ~1 background|career|degree|phd|lab|laboratory|assistant|scientist|"
            "scientists|paper|papers|grant|grants|fellow|fellowship|chemist|institute",
            "discovery ~0 call|calls|meeting|meetings|chat",
            "what ~4 look|looks|looked ~1 like",  # "what your ideal client looks like" asks who
            # collecting reviews asks for them; asking my clients is a reference
            "collect|collecting|gather|gathering|generate|generating|request|requesting|earn|"
            "earning ~2 review|reviews|rating|ratings|testimonial|testimonials",
            "ask|call|contact|speak|talk ~3 my|our ~1 client|clients|references|referees|former",
            # asking the client for something requests it ("I ask the client for their sales
            # figures"); reading comments in order to answer them is moderating
            "ask|asking|asked ~2 the|my|our|each|every ~1 client|clients|boss|manager|owner ~1 for",
            "check|checking|checked|monitor|monitoring|monitored|watch|watching|hear|heard|go|"
            "going|read|reading ~3 comment|comments|inbox|messages|dms|complaint|complaints|"
            "review|reviews ~6 reply|replies|answer|respond|delete|hide|remove|thank",
            # research into the platform, not the market: hashtags, the algorithm, posting times
            "RESEARCH|STUDY ~3 hashtag|hashtags|algorithm|algorithms|posting ~1 time|times|"
            "keyword|keywords|trends|trend|formats|format",
            "RESEARCH ~2 into|on ~2 the ~1 algorithm|algorithms|hashtags|platform|platforms",
            # listening to the client's brief: "our team listens to what you want"
            "LISTEN ~3 to ~2 what ~1 you|client|clients ~2 want|need|say|ask",
            # asking people for reviews or shares solicits, it does not listen
            "ask|asking|asked ~4 them|MARKET|customers|people|clients|guests ~2 to|for ~3 review|"
            "reviews|rating|ratings|leave|share|post|tag|follow|like|buy|book|anything|something|"
            "money|favour|favor|sale",
        ),
    ),
    Rule(
        "contribute_value",
        GREEN,
        0.08,
        VALUE,
        (
            "GIVE ~5 VALUE",
            "GIVE_FIRST",
            "HELP ~3 MARKET|people|someone|decide|friend",
            "HELP|useful|helpful ~1 to ~1 them|people|MARKET|someone|everyone",
            "HELP|useful|helpful ~2 first",
            "teach|teaches|teaching|explain|explains ~1 something|people|them",
            "HELP ~2 with ~3 question|questions|problem|problems",
            "HELP ~1 them|they ~2 decide|choose|fix|find|solve|understand|plan|pick|compare|sort|"
            "figure|learn|cook|save|avoid|use|make",
            "useful|helpful|practical ~2 thing|content|guide|answer|advice|post|resource",
            "answer|respond|reply ~3 question|questions|query|queries",
            "something ~2 worth|useful|helpful",
            "thank ~2 you|us ~2 for",
            "MARKET|people|they ~3 thank|thanking ~2 us|you",
            "contribute|add ~3 to ~2 conversation|discussion|thread|community",
            "thing|things|something ~3 MARKET|people|they|client|clients ~2 "
            "can|could|would|will ~2 use|cook|keep|save|share|try",
            "HELP ~4 with ~2 their|the|a|any|your ~2 problem|question|issue|questions|problems|"
            "issues",
            "useful|helpful|practical ~2 one|ones|stuff|posts|videos|clips|tips|information|info|"
            "help",
            "one ~1 post|posts ~1 in ~1 NUM|ten|five|six ~3 sell|sold|sells|promote|promotional|"
            "PROMO|about|mention|mentions",
            "nobody|no|never|not ~3 feel|feels|felt ~2 sold|spammed|pestered|pitched|marketed",
            "first ~2 give|help|contribute|offer|share ~2 something|value|people|them",
            "without ~3 link|links|linking|sending|pointing|pushing ~3 to ~2 the|a|our|your ~1 "
            "shop|product|store|site|page|checkout",
            "no ~1 product ~1 link|links|pitch|plug",
            "HELP ~2 your|their|the ~1 followers|customers|readers|members|viewers|MARKET ~2 "
            "fix|decide|choose|find|solve|understand|learn|save|avoid|make|plan|pick|cook",
        ),
    ),
    Rule(
        "transparency",
        GREEN,
        0.10,
        REAL,
        (
            # "you hear it from me first", "hear about a problem from me than from a thread"
            "hear ~4 from ~1 me|us ~1 first",
            "hear ~4 from ~1 me|us ~1 than|rather",
            # "we tell people it broke and what we're doing about it"
            "tell|told ~2 people|customers|them|everyone|members|users|donors ~1 it|that ~1 broke|"
            "failed|went",
            "what ~1 we ~1 be ~1 doing ~1 about ~1 it",
            # "the real numbers, including the project that failed"
            "including ~3 the|our|a ~2 failed|failure|failures|flop|flops|mistake|mistakes",
            # "say 'we got that wrong, sorry'"
            "=we|=i ~2 get|got ~1 that|this ~1 wrong",
            # "open about who is speaking", "staff who post say they work for you"
            "open|honest|upfront|clear ~1 about ~1 who ~2 speak|speaking|posting|writing|behind",
            "say|said|state|disclose|mention ~2 they|we|i ~1 work|worked ~1 for",
            # "post himself, say what happened, what they changed"
            "post|say|explain|tell|admit|share|publish ~3 what ~1 happened|changed|broke",
            "HONEST",
            "=open ~2 and|honest",
            "straight ~0 with",
            "tell|say ~3 straight|truth|plainly",
            "tell|told|telling|break|broke|share|shared ~3 bad ~1 news",
            "be|being ~1 clear|open|upfront|honest|straight ~2 about ~3 price|prices|pricing|cost|"
            "costs|fee|fees|mistake|mistakes|problem|problems|delay|delays|limit|limits",
            "say|said ~1 so",
            "OWN ~4 CRITICISM",
            "feedback|CRITICISM ~8 GIFT",
            "CRITICISM ~3 be ~2 valuable|useful|welcome|helpful|precious",
            "all|any|every|customer|customers ~2 feedback ~3 be ~2 valuable|useful|welcome|"
            "helpful|precious",
            "treat|see|take|welcome ~8 as ~2 GIFT",
            "OWN ~4 PUBLIC",
            "leave|keep ~2 it|them|comment|comments|review|reviews|reply|replies ~1 up|visible|"
            "online|standing",
            "say ~2 who ~1 speak",
            "disclose|disclosure|admit|apologise|apologize|apology",
            "respond|answer|reply|talk|speak|say|tell|communicate|explain|deal|admit|own|address|"
            "correct|announce|acknowledge|confess|apologise|apologize|credit ~3 honestly|openly|"
            "plainly|candidly|frankly|truthfully|transparently|directly|head-on|publicly",
            "public ~1 reply|response|apology|answer|correction|update|statement|explanation",
            "straight|honest|direct|frank|plain|candid ~1 answer|reply|response|update|"
            "explanation|account|statement|apology|admission|answers|replies|updates",
            "CRITICISM ~4 be|get|gets|got|are|is|were|was ~2 OWN",
            "say|tell|disclose|state|name ~3 who ~2 they|we|you|i|he|she ~1 work|worked ~1 for",
            "PROMO|sponsored|paid|post|posts ~4 carry|carries|include|includes|get|gets|has|have|"
            "bear|bears ~2 a|an|the|clear|clearly ~1 ad|label|disclosure|tag|hashtag",
            "label|labelled|labeled|mark|marked|tag|tagged|flag|flagged ~3 as|clearly ~1 "
            "sponsored|ad|advert|paid|partnership|gifted|advertising",
            "in ~1 the ~1 open",
            "post|say|explain|tell|admit|share|publish ~3 what ~1 went ~1 wrong",
            "=we|=i ~2 get|got|get ~1 something|it|things ~1 wrong",
            "before ~3 anyone|customers|people|they ~2 could|can ~1 discover|find|notice|spot",
            "before ~2 anyone|customers|people|they|someone ~1 complain|complained|complains|"
            "noticed|notices|found",
        ),
        inverse="suppresses_criticism",
    ),
    Rule(
        "measurement",
        GREEN,
        0.10,
        MEASURED,
        (
            "MEASURE",
            "report|reporting ~4 OUTCOME|MEASURE",
            "GROW ~4 OUTCOME",
            "OUTCOME ~4 GROW",
            "COUNT ~3 OUTCOME",
            "OUTCOME ~3 COUNT",
            "NUM ~1 %|percent ~3 OUTCOME",
            # a rise of something that is a result: "a 30% increase in reach" measures nothing
            "NUM ~1 %|percent ~2 increase|rise|growth|lift|more|higher|up|uplift|jump|fewer|"
            "lower|drop ~3 OUTCOME|sale|sales|revenue|leads|enquiries|bookings|orders|donations|"
            "members|margin|customers|cost|costs",
            "from ~1 NUM ~1 to ~1 NUM ~3 OUTCOME",
            "OUTCOME ~4 from ~1 NUM ~1 to ~1 NUM",
            "double|triple|doubled|tripled|halve|halved|quadrupled ~4 OUTCOME|sale|sales|lead|"
            "leads|enquiries|list|database|revenue|cost|costs",
            "OUTCOME|sale|sales|lead|leads|enquiries|list|database|revenue|cost ~4 double|"
            "triple|doubled|tripled|halve|halved|quadrupled",
            "number ~1 of ~2 OUTCOME",
            "count|judge|judged|measure|assess|paid ~2 on|by ~3 OUTCOME",
            "count|track|tracked|tracking ~3 OUTCOME|MEASURE|result|results|sale|sales",
            "report|reporting|reported ~0 on|the|our|your ~1 sale|sales|revenue|leads|bookings",
            "report|reporting|reported ~0 sale|sales|revenue|leads|bookings",
            "show|shows|showed ~3 OUTCOME|MEASURE|result|results",
            "number ~1 of ~2 call|calls|sale|sales|order|orders",
            "tie|link|attribute|connect ~4 to ~2 OUTCOME",
            "target|targets|goal|goals|kpi|kpis ~3 for|on|around ~2 OUTCOME",
            "NUM ~1 lower|higher|fewer|less ~2 than",
            "OUTCOME ~5 from|through|via ~2 social|PLATFORM|post|posts|channel|channels|content|it",
            "OUTCOME ~3 be|was|were|get|got ~1 track|tracked|counted|measured|attributed|traced|"
            "reported|logged|reconciled",
            "trace|traced|tracing|track|tracked|tracking|attribute|attributed|reconcile|"
            "reconciled|match|matched ~5 "
            "through|to|back|against|via ~3 OUTCOME|sale|sales|till|booking|bookings|system|crm|"
            "data",
            "pay|paid|pays ~1 for ~1 itself",
            "go|went|gone|grow|grew|grown|rise|rose|risen|climb|climbed|jump|jumped|increase|"
            "increased|fall|fell|drop|dropped ~3 from ~1 NUM ~1 to ~1 NUM",
            "OUTCOME ~6 be ~2 the ~1 number|figure|metric|measure|yardstick|kpi|target|result",
            "count|counted|judge|judged|measure|measured|assess|assessed|paid ~4 on|by ~4 OUTCOME",
            "open|opened|start|started|lead|led ~2 with ~3 OUTCOME",
            "MEASURE_WEAK ~6 OUTCOME|revenue|sale|sales|lead|leads",
            "OUTCOME ~6 MEASURE_WEAK",
            "measure|measurable ~3 result|results|outcome|outcomes|return|impact",
            "measure|measured|measuring|report|reported|reporting ~3 OUTCOME",
            "OUTCOME ~10 came|come|comes|coming ~2 in|from|through|via ~2 social|PLATFORM",
            "agree|agreed|set ~4 target|targets|kpi|kpis ~8 OUTCOME",
            "OUTCOME ~8 be ~3 what ~4 measure|yardstick|kpi|target|metric",
            "how ~1 many ~3 used|bought|booked|ordered|signed|redeemed|came|visited|clicked|"
            "converted|enquired|paid|returned|donated|registered",
            "OUTCOME|sale|sales|revenue|cost|costs ~4 GROW ~3 NUM ~1 %|percent",
        ),
        yields_to=("vanity_metrics",),
        # a return promised, or customers reached, is not a result measured: "our campaigns
        # boost ROI", "you'll see a return on investment within weeks", "social media can
        # reach thousands of new customers"
        unless=(
            "boost|boosts|increase|increases|improve|improves|maximise|maximize|guarantee|"
            "guarantees|skyrocket|double|explode ~3 roi|return",
            "you|you'll ~2 see|get|enjoy ~2 a|an|the ~1 roi|return",
            "reach|reaching ~3 thousands|millions|hundreds|NUM ~3 of ~2 new|potential ~1 "
            "customers|clients|buyers|people",
            # an audience counted, not a result: "the group went from 300 to 5,000 members",
            # "we grew the YouTube channel from 2,000 to 40,000 subscribers"
            "NUM ~1 to ~1 NUM ~0 members|followers|fans|views|likes|viewers|plays|streams|"
            "impressions|listeners",
            "PLATFORM|channel|group|page|account|profile|grid|feed ~6 from ~1 NUM ~1 to ~1 NUM",
        ),
    ),
    Rule(
        "cross_department",
        GREEN,
        0.10,
        SILOS,
        (
            "SILOS",
            "INVOLVE ~4 DEPT ~4 DEPT",
            "DEPT ~1 answer|answers|handle|handles|take|takes|own|owns|cover|covers|field|fields "
            "~8 DEPT ~1 answer|answers|handle|handles|take|takes|own|owns|cover|covers|field|"
            "fields",
            "DEPT ~4 DEPT ~8 INVOLVE",
            "alongside|with|between ~2 DEPT ~3 and ~2 DEPT",
            "bring|get|drag|pull ~3 DEPT ~8 in|into|on|aboard",
            "route|pass|send ~4 to ~2 DEPT",
            "go|goes|routed|passed|sent|forwarded|escalated ~2 to ~2 DEPT ~8 to ~2 DEPT",
            "flag|pass|route|send|escalate|forward|refer ~5 to ~2 DEPT ~3 and|or ~2 DEPT",
            "NEG ~2 live|sit|stay|belong|stop ~2 in|with|at ~1 one ~1 department|team|silo|desk",
            "NEG ~2 live|sit|stay|belong ~2 in|with|inside ~2 MARKETING_TEAM ~2 only|alone",
            "NEG ~1 just|only|merely ~1 a|the|your ~1 MARKETING_TEAM|marketing",
            "NEG ~1 just|only|merely ~1 MARKETING_TEAM|marketing",
            "DEPT ~2 sign|signs|signed ~1 off ~2 the|every|each|our|your|any ~3 post|posts|guide|"
            "reply|replies|response|responses|content|tweet|tweets|escalation|plan|playbook|"
            "wording",
            "exec|executive|executives|leadership|ceo|board ~1 sponsor|sponsorship|buy-in",
            "DEPT ~3 behind ~1 it|this|social",
            "wire|build|bake|plug|embed ~2 it|social ~1 into ~2 the ~1 teams|departments|business|"
            "organisation|organization|company",
            "go|goes|routed|sent|passed ~2 to ~2 whoever|the ~1 person|people|team ~2 who ~1 can "
            "~2 fix|answer|solve",
            "bring|pull|loop|drag|get ~1 in ~2 DEPT",
            "DEPT ~6 each ~3 named|own|a",
            # one department beyond marketing asked in: "your customer service team has to be
            # part of this from day one", "your executives need to back this publicly"
            "DEPT ~4 have|has|need|needs|must|should ~2 to ~1 be ~2 part|involved|aboard|on ~1 "
            "of|board|from|in|it|this",
            "DEPT ~3 need|needs|must|should|have|has ~2 to ~1 back|support|champion|sponsor|"
            "endorse|own ~1 it|this|social|publicly|the",
        ),
        inverse="single_silo",
        list_ok=("INVOLVE", "SILOS"),
        gather=("DEPT", 3, "INVOLVE"),
    ),
    Rule(
        "buyers_own_people",
        GREEN,
        0.12,
        IN_HOUSE,
        (
            # "my own team answers everything"
            "my|our ~1 own ~1 team|staff|people|employees ~3 DO_WORK",
            # "our job is to make ourselves unnecessary"
            "make ~1 ourselves|myself ~1 unnecessary|redundant|obsolete|surplus",
            # "I said no: I'd help them do it"
            "help ~1 them|you ~1 do ~1 it|this ~1 themselves|yourselves",
            "=i'd|=we'd|=i|=we ~1 help ~1 them|you ~1 do ~1 it",
            "YOUR ~1 PEOPLE ~8 DO_WORK",
            "DO_WORK ~4 by ~4 YOUR|their ~3 PEOPLE",
            "be ~2 someone|people|person ~3 on|from|in ~1 your ~1 payroll|team|staff|side",
            "work|job ~4 be ~1 yours|theirs",
            "COACH ~5 YOUR|them|PEOPLE",
            "COACH ~1 them|PEOPLE",
            "get them comfortable",
            "stay|stays|remain|remains|sit|sits ~2 with ~2 YOUR ~2 PEOPLE",
            "voice|voices|face|account|accounts|reply|replies|posting ~6 be ~1 yours|ours|theirs",
            "inside ~2 your ~1 company|business|organisation|organization|team",
            "build ~2 the|your|a ~1 skills|skill|capability|team|capacity ~3 in-house|internally|"
            "inside",
            "in-house|internal ~1 capability|team|voice|voices",
            "hand ~2 over|back ~2 to ~2 you|your|them|the",
            "hand ~1 over|back ~1 completely|fully|entirely",
            "step ~1 back|away",
            "PEOPLE ~3 do ~2 that",
            "employee ~1 advocacy",
            "internal ~1 champion|ambassador|expert",
            "PEOPLE ~4 not|rather ~3 OTHER_PEOPLE",
            "get|put ~2 YOUR ~2 PEOPLE ~3 into|in|on|posting|answering|online",
            "YOUR ~2 PEOPLE ~3 be|are ~2 the ~3 people|ones|voice|face|voices|faces",
            "YOUR ~2 PEOPLE ~2 become|becoming ~2 the ~1 voice|voices|face|faces",
            "work ~1 for ~1 you ~2 not|rather ~2 us|me|ours|an|the|than ~1 agency|us|me",
            "they|PEOPLE ~2 should|must|will|need ~1 be ~1 the ~1 ones|people|voice|face",
            "people|ones|voice|voices|face|DO_WORK ~3 should|must|will|would|have ~2 be ~1 YOUR ~2 "
            "PEOPLE",
            "people ~2 customer|customers ~2 trust ~1 are ~1 YOUR",
            "PEOPLE|they ~6 answer|reply|respond|post|run|host|write|moderate|handle|do ~4 "
            "=themselves",
            "in|under ~0 their|her|his ~0 own ~0 name|names|voice|voices",
            "=we|=i ~3 provide|give|run|offer|deliver ~2 the|some ~1 training|coaching|guidance",
            "answer|answers|replies|reply|posts|voice|voices ~2 come|comes ~1 from ~3 PEOPLE",
            "PEOPLE ~6 DO_WORK ~4 as ~1 themselves",
            "the|their|its|his|her ~2 STAFF ~2 DO_WORK",
            "the ~3 team|teams|crew ~0 answer|reply|respond|post|write|film|record|host|"
            "moderate|present",
            "STAFF|team|teams ~3 be|were|are|get|got ~2 trained|coached|equipped|ready ~2 to ~1 "
            "DO_WORK",
            "help|helped|get|got|getting ~2 your|their|the ~2 STAFF|PEOPLE ~3 to ~1 DO_WORK|keep",
            "PEOPLE|NUM ~2 from|in|on|at ~1 your|the|their ~2 team|staff|side|company|business ~4 "
            "DO_WORK",
            "STAFF|PEOPLE ~3 take ~1 turns|turn",
            "YOUR ~2 PEOPLE ~4 get|gets|receive|receives|have ~2 training|coaching|coached|trained",
            "make|get|getting ~2 YOUR|their|them ~2 PEOPLE ~3 visible|present|active|heard|known",
            "make|get|getting ~2 YOUR|their|them ~2 PEOPLE ~3 confident|comfortable|ready|"
            "self-sufficient|independent|able",
            "get|getting ~1 them|PEOPLE ~1 ready|comfortable|confident",
            "until|that|so|when ~3 they|you|team|staff ~2 NEG ~1 need ~1 me|us",
            "YOUR ~2 PEOPLE ~2 should|must|will|would ~1 be ~2 in|on|online|there|present|visible",
            # the buyer's staff named by trade doing the community's work: "product managers
            # answered technical questions in threads", "the associates write the posts"
            "STAFF ~2 answer|reply|respond|host|moderate|staff|staffed ~6 in|on|under ~2 thread|"
            "threads|forum|forums|PLATFORM|channel|channels|comments|group|groups|posts|reviews",
            "STAFF ~2 answer|reply|respond|post|write ~2 directly|themselves|online",
        ),
        inverse="outsourced_community",
        yields_to=("single_silo",),
        not_after_first_person=True,
        own_subject=True,
    ),
    Rule(
        "funded_team",
        GREEN,
        0.12,
        FUNDED,
        (
            "dedicated|paid|funded|salaried|LASTING_JOB ~2 TEAM_NOUN|SOCIAL_ROLE|position",
            "LASTING_JOB ~2 post|job",
            "pay|paid|paying ~2 a|an|real|actual ~1 human|humans|person|people|someone",
            "=paid ~2 hours|time|days|afternoons|mornings",
            "TEAM_NOUN ~6 properly|fairly|well|actually|genuinely ~1 paid|funded|resourced",
            "bit|part|person|people|role|team ~2 you ~1 fund|pay|budget|resource",
            "NUM ~1 LASTING_JOB ~2 TEAM_NOUN|SOCIAL_ROLE|people",
            "headcount",
            "MONEY ~5 TEAM_NOUN|SOCIAL_ROLE",
            "TEAM_NOUN|SOCIAL_ROLE ~3 be|is|are|get|gets ~2 paid|funded|budgeted",
            "MONEY|pay|afford ~3 for ~3 TEAM_NOUN|SOCIAL_ROLE",
            "hire|recruit|appoint|staff|fund|resource|invest ~4 TEAM_NOUN|SOCIAL_ROLE",
            "hire|recruit|appoint ~2 someone|person ~2 LASTING_JOB|dedicated|in-house",
            "hire|recruit|appoint ~2 someone|person ~1 to ~1 run|manage|answer|moderate|own|look",
            "someone|person|people ~1 paid|salaried|employed|funded ~2 to ~1 run|look|manage|do|"
            "answer|own|moderate|handle",
            "STAFFING",
            "social ~1 be ~0 NEG ~0 free",
            "take|takes ~3 time ~2 and ~1 money",
            "people|person ~2 it ~2 take|takes",
            "budget|pay|fund|paid ~3 for ~3 someone|someone's|person|people's|staff|their ~1 time",
            "hours|time|days ~4 set|paid|budgeted|funded ~1 aside|for",
            # "it costs a wage", "a proper salary for whoever runs the page"
            "cost|costs|take|takes|need|needs ~2 a|an ~1 wage|salary",
            "salary|salaries|wage|wages ~2 behind ~1 it|this|social|the",
            "salary|salaries|wage|wages ~3 for|of ~3 whoever|someone|person|people|community|"
            "manager|managers|team|moderator|moderators",
            "person|someone|people ~2 =paid ~2 whose|to|who",
        ),
        inverse="free_earned_reach",
        not_after_first_person=True,
        not_after_article=("we", "i"),
    ),
    Rule(
        "clear_scope",
        GREEN,
        0.12,
        SCOPE,
        (
            "SCOPE_WORD",
            "we|i|she|he|they ~2 NEG ~2 OFFER_VERB ~3 SERVICE|PLATFORM|paid",
            "we ~2 only ~2 OFFER_VERB|work|focus|specialise|specialize",
            "what ~2 include|included|in|covered ~2 and ~2 what ~2 NEG|out|excluded|not",
            "we|i ~8 full ~1 stop",
            "we|i ~3 NEG ~8 full ~1 stop",  # "we don't do ads, full stop" states the scope
            "we|i ~2 stick ~1 to",
            "cover|covers|offer|do|does ~5 only",
            "focus|specialise|specialize ~2 on|in ~2 one|only|just",
            "NEG ~2 the ~1 right ~1 people|person|fit|agency|team|partner|consultant|choice ~2 for",
            "service|offer|offering|focus|scope|remit|work ~3 be|is|stays|remains ~2 narrow|"
            "focused|limited|specific|specialised|specialized",
            "SERVICE|PLATFORM ~6 nothing ~1 else",
            # "Excluded: advertising, influencer deals"; not "no one is excluded from it"
            "excluded|excluding|exclusions ~2 SERVICE|PLATFORM|paid|advertising|ads|production|"
            "design|photography|events",
            "excluded ~1 from ~2 the|our|this|my ~1 scope|contract|proposal|brief|offer|service|"
            "engagement",
            "outside|beyond ~2 what ~1 we|i ~2 do|offer|cover|provide",
            "refer ~3 everything|anything|the ~1 rest|else",
            "hand|pass|refer|send|outsource|subcontract ~4 to ~2 partner|partners|specialist|"
            "specialists",
            "hand|pass|refer|send|outsource|subcontract ~4 to ~2 another|other ~1 agency|agencies|"
            "firm|studio",
            "what ~2 you|we ~1 get|do|cover|include ~4 what ~2 you|we ~1 NEG|don't|won't",
            "OFFER_VERB ~2 only|exactly|just ~2 one",
            "what ~2 we|they|i|she|he ~2 will|do|would|did ~2 and ~1 NEG|won't|wouldn't|didn't",
            "specialise|specialize ~2 in ~3 SERVICE|one|only",
            "turn ~1 down ~3 work|brief|request|client|project",
            "everything|anything ~1 else ~2 no|not|elsewhere|partner|partners",
            "we ~2 do ~1 NEG ~2 and ~1 name|point|refer|recommend",
            "=i|=we ~2 NEG ~2 a|an ~2 TRADE",
            "SERVICE|PLATFORM|TRADE ~4 NEG ~3 something|what|thing|area ~3 we|i ~1 do|offer|cover",
            # (not "I can introduce you to people who worked with me": those are references)
            "refer|introduce|point|pass|send ~2 you ~1 to|towards ~5 partner|partners|specialist|"
            "specialists|agency|firm|studio",
            "anything|everything ~1 beyond|outside|else ~6 quote|quoted|separately|turned|decline|"
            "declined|elsewhere|partner|partners|refer|someone|somebody|others|people",
            "PLATFORM|SERVICE ~0 no ~0 it|we|not|because",
            "yes ~6 PLATFORM|SERVICE ~0 no",
            "partner|partners|specialist|specialists|someone|others ~3 for ~1 the ~1 rest|"
            "everything|anything",
            "=we|=i ~1 OFFER_VERB|make ~1 only",
            "you ~2 need|want ~1 another|other|different|separate|a ~1 specialist|company|agency|"
            "firm|supplier|partner|vendor",
            "you ~2 need|want ~2 another|other|different|separate ~2 specialist|company|agency|"
            "firm|supplier|partner|vendor|studio",
            "what ~2 we|i ~2 NEG ~1 OFFER_VERB|do|make",
            "leave|leaving ~4 to ~1 your|another|other|the ~2 team|agency|agencies|partner|"
            "partners|people|specialist|specialists|MARKETING_TEAM",
            "NEG ~0 do ~0 column|list|pile",
            "hand|leave|pass|give|refer ~4 to ~1 others|specialists|specialist|partners|someone|"
            "somebody|freelancers|experts",
            # "we're not a one-stop shop", "we don't pretend to do everything"
            "=we|=i|=we're|=i'm ~2 NEG ~2 a|an ~1 ALL_IN_ONE",
            "NEG ~2 pretend|claim ~2 to ~2 do|cover|offer ~1 EVERYTHING|it",
            # "I'm not the person for your SEO", "web design isn't our thing", "that's not us",
            # "we keep our offer small on purpose"
            "=i|=we ~2 NEG ~2 the ~1 person|people|team|agency|one|ones ~1 for",
            "SERVICE|PLATFORM|TRADE ~4 NEG ~2 our|my|his|her|their ~1 thing|area|speciality|"
            "specialty|strength|"
            "bag|forte|remit|game|field",
            "that ~1 be ~0 not ~0 us|me",
            "that ~0 not ~0 us|me",
            "keep|kept ~2 our|the|my ~1 offer|offering|service|services|scope|remit ~2 small|"
            "narrow|tight|focused|limited|short",
        ),
        inverse="does_it_all",
    ),
    Rule(
        "business_background",
        GREEN,
        0.12,
        BACKGROUND,
        (
            "i|she|he|my|her|his ~3 EXPERIENCE ~5 FUNCTION",
            "i|she|he ~3 EXPERIENCE ~3 ORG",
            "i|she|he ~2 be ~3 FUNCTION",
            "i|she|he ~2 be ~4 ROLE ~1 of|at ~3 FUNCTION|ORG",
            "as ~2 FUNCTION ~1 ROLE",
            "i|she|he|my|her|his ~3 ROLE ~1 of ~1 FUNCTION",
            "NUM|decade ~1 year|years|decade|decades ~1 in|at|of ~3 FUNCTION",
            "NUM|decade ~1 year|years|decade|decades ~1 selling|running|managing|leading|doing ~3 "
            "FUNCTION|ORG",
            "background|grounding|roots|training|career ~3 be|in ~3 FUNCTION",
            "FUNCTION ~8 my ~1 job|career|trade|world",
            "background ~1 FUNCTION",
            "RESPONSIBILITY",
            "report|reported ~1 to ~1 me|her|him",
        ),
        inverse="platform_only",
        list_ok=("EXPERIENCE",),
        # "I'd want your head of customer service in the room" names the buyer's people
        unless=(
            "want|need|bring|invite|involve|get ~3 your ~3 ROLE|FUNCTION",
            "your ~1 FUNCTION",  # "coaching sessions for your sales team" is the buyer's
            # "I've worked with enough hotels" is client work, not a background
            "work|worked|working ~1 with ~3 ORG|client|clients|brands|businesses|companies",
        ),
    ),
    # --- Red: warning signs ------------------------------------------------------------
    Rule(
        "platform_campaign_first",
        RED,
        0.20,
        gettext_noop(
            "The first recommendation is a campaign on one platform, before understanding the "
            "audience and goals."
        ),
        (
            "PLATFORM ~2 CAMPAIGN",
            "CAMPAIGN ~3 on ~1 PLATFORM",
            "FIRST ~6 CAMPAIGN ~4 for|on|across ~1 PLATFORM",
            # present and future only: "we launched them on TikTok" is a record, not advice
            "=start|=starts|=starting|=begin|=begins|=put|=get|=move|=launching ~4 on|onto ~1 "
            "PLATFORM",
            "=get|=getting ~2 on|onto ~1 PLATFORM",
            "=go|=going|=jump|=jumping|=hop|=move ~1 on|onto|into ~1 PLATFORM",
            "=start|=starting|=launch|=launching|=open|=opening|=create|=creating|=build|"
            "=building|=set|=setting|=get|=getting|=put|=run|=running|=recommend|=suggest|"
            "=propose ~4 PLATFORM ~1 PLATFORM_THING",
            "recommendation|advice|answer|suggestion|priority|proposal|pick|plan ~3 be|is|would "
            "~3 PLATFORM",
            "recommend|suggest|propose|advise ~4 PLATFORM",
            "=recommend|=suggest|=propose|=advise ~6 PLATFORM ~1 PLATFORM_THING|CAMPAIGN",
            "PLATFORM ~0 PLATFORM_THING ~2 FIRST",
            "need|needs|want ~4 a|an|your ~1 PLATFORM ~1 PLATFORM_THING",
            "recommendation|advice|answer|suggestion|priority|proposal|pick|verdict ~0 PLATFORM",
            "need|must|should|have|got ~2 be|get ~1 on|onto|in ~1 PLATFORM",
            "=post|=posting ~2 on|to ~1 PLATFORM",
            "PLATFORM ~6 place|way|channel|platform|spot ~3 to ~1 start|begin",
            "FIRST ~6 START ~4 PLATFORM|CAMPAIGN",
            "start|begin|open|lead|kick ~1 with|on ~5 PLATFORM|CAMPAIGN",
            "start|begin ~3 with ~4 PLATFORM|campaign|calendar|schedule|rota|blitz",
            # a campaign first, on any platform: "my first recommendation is an influencer
            # campaign", "Step one: a paid social campaign", "our starting point is a campaign"
            "FIRST|my|our ~2 recommendation|advice|suggestion|step|move|priority|deliverable|"
            "proposal ~3 be ~4 campaign|blitz|calendar|schedule|series",
            "FIRST ~4 a|an ~3 campaign|blitz",
            "starting ~1 point ~4 be ~3 campaign|blitz|calendar|schedule",
            "=launch|=start|=run|=kick ~3 a|an ~3 campaign|blitz",
            "jump|dive|leap ~3 into ~3 campaign|blitz",
            "FIRST ~6 grow|growing|build|building|launch|launching ~2 your ~1 PLATFORM",
            "FIRST|START ~6 your|a|an|the ~1 PLATFORM ~2 ad|ads|advertising|post|posts|posting|"
            "content|video|videos|account|page|channel|presence|campaign",
            "START ~2 with ~3 PLATFORM",
            "PLATFORM ~1 first|immediately",
            "PLATFORM ~2 be ~2 the|your|our ~1 answer|way|solution|priority|bet|focus",
            # "step one is boosting your posts on Facebook", "it has to be Instagram", "you should
            # be doing Reels", "let me set up your Instagram"
            "boost|boosting|advertise|advertising|promote|promoting ~4 on|across ~1 PLATFORM",
            "have|has|got ~1 to ~1 be ~1 PLATFORM",
            "you ~3 doing ~1 PLATFORM",
            "let ~1 me|us ~1 set ~1 up ~2 your|an|a ~1 PLATFORM",
            "=setting ~1 up ~2 your|an|a ~1 PLATFORM",
            "PLATFORM ~5 where ~3 start|begin",
            "budget|money|spend ~3 into|on|to ~2 PLATFORM",
            "jump|dive|go|get|launch ~2 into|onto|on ~2 a|an|the|your ~1 PLATFORM",
            "get ~2 you ~2 on ~1 PLATFORM",
            "FIRST|START ~4 PLATFORM ~2 ad|ads|advertising|campaign|programme|program|countdown|"
            "series|posts|video|videos|content|calendar|stories|story|live|lives|takeover|contest|"
            "giveaway|challenge",
            "START ~3 you|your|brand|business|it ~1 on ~1 PLATFORM",
            "FIRST ~8 be ~1 a|an ~3 content|posting|ad|ads|PLATFORM ~1 calendar|schedule|plan|"
            "campaign|programme|blitz|series",
            # a platform declared necessary: "Instagram is a must, I would begin there", "your
            # business needs TikTok", "the best thing you can do is a YouTube channel"
            "PLATFORM ~3 be ~2 a|an|the|absolutely|simply ~1 must|must-have|essential|"
            "non-negotiable|necessity|no-brainer",
            "business|brand|company|shop|restaurant|firm|practice|hotel|cafe|store ~1 need|needs|"
            "must|should ~1 have|be|get ~0 on|a|an ~1 PLATFORM",
            "business|brand|company|shop|restaurant|firm|practice|hotel|cafe|store ~1 need|"
            "needs ~0 PLATFORM",
            "best|first|only|smartest ~1 thing|move|step ~4 be ~3 a|an|your|to ~3 PLATFORM",
            "FIRST ~6 =make|=create|=build|=set|=open|=get|=launch|=start ~4 PLATFORM ~1 "
            "PLATFORM_THING",
            # posting ads at once (present and future): "we start running ads straight away"
            "=start|=starting|=begin|=beginning ~2 posting|running|boosting|publishing ~3 ad|ads|"
            "advert|adverts|campaign|campaigns|PLATFORM",
        ),
        requires=(
            "FIRST|START|recommend|propose|suggest|open|kick|launch|deliverable|priority",
            "running|live|launched|up ~4 by|within|tomorrow|today|tonight|friday|monday|this|next",
            "within ~2 a|the|NUM ~1 week|weeks|days|fortnight|month",
            "i|we ~0 go|opt ~0 with|for",
            "the|my|our ~1 answer ~3 be|is",
            "before ~3 competitor|competitors|competition|rivals",
            "what ~2 you ~1 need ~1 be|is",
            "now|today|tomorrow|asap|immediately|yesterday|recommendation|advice|verdict",
            # prescribed to the buyer: "you need a TikTok campaign", "go all in on Shorts",
            # "our standard onboarding is an Instagram campaign"
            "you ~1 need|should|must|want ~3 a|an|to|your|some|PLATFORM|CAMPAIGN",
            "all ~1 in ~1 on",
            "standard|usual|default ~2 onboarding|package|approach|playbook|offer|opening",
            "let ~1 do|run|launch|start|try|get|go|put|build|set",
            "straight|right ~1 away|into|in|off",
            "the|your|our ~1 answer|solution|priority|bet|focus",
            "my|our ~1 proposal|recommendation|suggestion|advice",
            "as ~1 soon ~1 as ~1 possible",
            "=we|=i ~1 need|must|should ~2 to ~1 get|put|set|start|launch|open ~2 you|your",
            "best|first|only|smartest ~1 thing|move|step",
            "must|must-have|essential|non-negotiable|necessity|no-brainer",
            "business|brand|company|shop|restaurant|firm|practice|hotel|cafe|store ~1 need|needs|"
            "must|should",
            "begin|start ~1 there",
            "without ~3 question|questions|asking|knowing|research|brief",
            # the plan prescribed, without a word of "first": "here's what I'd do", "the way to
            # grow a bakery is Instagram ads", "your brand is perfect for TikTok"
            "here ~1 be|is|'s ~1 what ~2 i|we",
            "the ~1 way ~1 to ~1 grow|win|reach|sell|build|get",
            "perfect|ideal|made ~2 for ~1 PLATFORM",
            "before ~4 ask|asking|asked|knew|knowing|know|understand|understanding|question|"
            "questions",
        ),
        unless=(
            "once|after|until ~8 UNDERSTAND|RESEARCH|MARKET|LISTEN|know|who",
            "UNDERSTAND|LISTEN ~6 first|before",
        ),
    ),
    Rule(
        "viral_buzz",
        RED,
        0.18,
        gettext_noop(
            "The plan is to go viral or build buzz: trying to capture lightning in a bottle."
        ),
        (
            # "catch the wave and ride it"
            "catch|ride ~1 the ~1 wave",
            # "the breakout post", "one clip everybody in town is sharing by Friday"
            "breakout ~0 post|clip|video|moment|hit",
            "everybody|everyone ~3 be ~1 sharing|talking ~3 by ~1 friday|monday|tomorrow|tonight|"
            "the",
            # "watch it fly round town"
            "fly|flies ~1 round|around ~1 town|the",
            "VIRAL",
            "jump|ride|hijack|chase|chasing|hop ~3 trend|trending|trends",
            "millions ~2 of ~1 view|people",
            "built|designed|made ~2 to ~1 trend|spread",
            "built|designed|made ~2 to ~2 shared|go|travel|blow ~3 millions|thousands|viral|far|"
            "wide|widely|up",
            "shared ~2 by ~1 millions|thousands",
            "shared|viewed|seen ~2 millions|thousands ~2 of ~1 times",
            "designed|built|made ~2 to ~1 be ~1 shared",
            "trending|trend ~3 be|is ~3 kpi|goal|aim|target|plan|point|metric",
            "get|make|keep|getting|making ~3 you|it|brand|post|video|name ~1 trend|trending",
        ),
    ),
    Rule(
        "ignores_market",
        RED,
        0.16,
        gettext_noop("Skips listening and research: 'we already know what works'."),
        (
            "=we|=i|=she|=he|=they ~3 KNOW_ALREADY",
            "=we|=i ~2 know ~3 MARKET|them ~2 better ~1 than",
            "SAME_FOR_ALL",
            "RESEARCH ~5 WASTE",
            "WASTE ~5 RESEARCH",
            "guess ~3 what|who",
            "MARKET ~3 be|are ~1 like ~2 everyone|every|any|all ~1 else|other",
            "=we|=i|we'll|i'll ~2 assume ~4 MARKET ~4 like|same|similar|typical",
            "NEG ~1 need ~1 to ~2 ask|study|research|understand",
            "NEG ~2 need ~4 ASK|RESEARCH|STUDY",
            "no ~1 need ~1 to ~2 ask|study|research|understand",
            "MARKET|they|people|customer|customers ~2 NEG ~1 know ~2 what ~2 they ~1 want",
            "NEG ~2 need ~2 data|insight|insights|persona|personas|survey|surveys|research|"
            "listening ~1 on|about|from",
            "NEG ~1 have ~2 time|budget|patience|room ~1 for ~2 it|that|this|RESEARCH|LISTEN",
            "overthink|overthinking|overanalyse|overanalyze|overanalysing|overanalyzing ~3 MARKET|"
            "RESEARCH|it",
            "MARKET ~2 be ~2 everyone|everybody|anyone|anybody",  # "your audience is everyone"
        ),
    ),
    Rule(
        "broadcast_push",
        RED,
        0.16,
        gettext_noop(
            "Broadcast or push tactics: ads and offers pushed into people's feeds, feeds that only "
            "repeat company news, posting everywhere all the time."
        ),
        (
            # "pushing clients' posts into as many feeds as possible"
            "into ~1 as ~1 many ~1 feed|feeds|inbox|inboxes|timeline|timelines",
            "PUSH ~4 PROMO|message",
            "ALL_OF_THEM ~8 OFFERS",
            "OFFERS ~8 ALL_OF_THEM",
            "every|all ~3 group|groups|follower|followers|customer|customers|contact|contacts|"
            "subscriber|subscribers|inbox|inboxes|feed|feeds ~8 OFFERS",
            "OFFERS ~8 every|all ~3 group|groups|follower|followers|contact|contacts|subscriber|"
            "subscribers|inbox|inboxes|feed|feeds",
            "text|texts|sms|whatsapp|dm|dms|message|email|emails ~3 MARKET|follower|followers|list|"
            "contacts ~6 OFFERS",
            "OFFERS ~1 a|per|each|every ~0 day|week|hour|morning",
            "OFFERS ~1 OFFERS ~1 OFFERS",
            "FEED|page|account|timeline|grid|channel|wall ~5 mostly|mainly|largely|entirely|purely|"
            "only|just ~3 OFFERS|NEWS|PROMO",
            "PROMO|ad|ads ~3 follow ~3 them|people|MARKET|customers|visitors|users ~3 around|"
            "across|everywhere|wherever",
            "feed|page|account|timeline|grid|channel|wall ~3 would|should|will|be ~2 be|become ~3 "
            "your|our|the|a|all|just|only|nothing ~2 OFFERS|NEWS|announcement|announcements",
            "as ~2 a|an ~1 shop-window|catalogue|catalog|brochure|flyer|advert|billboard",
            "follow ~3 them|people|MARKET|prospect|prospects|visitor|visitors ~1 around",
            "as ~1 many ~3 PROMO|promotional|sales|ad|ads ~3 as",
            "IN_FACE",
            "OFFERS|NEWS ~8 post|posted|shared|pushed|published ~2 to|on|across ~1 PLATFORM ~4 "
            "PLATFORM",
            "fill|filled|filling|stuff|stuffed ~3 FEED|page|timeline|grid ~3 with ~2 PROMO|OFFERS|"
            "NEWS",
            "OFFERS|NEWS ~4 be|are ~1 what ~6 page|feed|timeline|grid|account|channel",
            "page|feed|timeline|grid|account|channel ~4 full ~1 of ~2 OFFERS|NEWS",
            "pop-up|popup|interstitial|unskippable|autoplay ~1 ad|ads|advert|adverts",
            "every|each|all ~3 OFFERS|NEWS ~8 post|posted|shared|published|cross-posted|become|"
            "becomes|go|goes|get|gets ~3 to|on|across|a|out|up|live|posted|shared",
            "PROMO ~4 be|get|are ~1 PUSH",
            "PUSH ~5 FEED",
            "PROMO ~4 into|in|to|across|onto ~3 FEED",
            "post|publish|share|repost|push ~4 EVERYWHERE ~4 ALWAYS",
            "post|publish|share|repost|push ~4 ALWAYS ~4 EVERYWHERE",
            "EVERYWHERE ~3 ALWAYS",
            "ALWAYS ~3 EVERYWHERE",
            "NUM ~1 post|posts|update|updates ~1 a|per ~1 day|hour",
            "lots|many|plenty|loads ~2 of ~1 posts|ads|adverts ~3 with|about|of ~2 your|our|the ~1 "
            "OFFERS|PROMO|product|products",
            "post|posting|push|pushing|advertise|advertising|message|messaging ~6 until|till ~3 "
            "they|people|customers|MARKET|them ~1 buy|convert|purchase|book|order",
            "ONLY_NEWS",
            "feed|stream|diet|wall|string ~2 of ~2 press|company|product ~1 release|news|"
            "announcement|update",
            "turn|turned ~2 every ~8 into ~1 post|posts|update|updates",
            "like|into|as ~2 a|an ~1 billboard|noticeboard|megaphone|bulletin",
            "PROMO ~4 ALWAYS|EVERYWHERE",
            # "send the offer to every inbox daily"; "company news only, that's our feed"
            "post|posts|send|sends|push|pushes|blast|blasts ~3 PROMO ~3 ALWAYS",
            "NEWS ~0 only",
            "ALWAYS ~4 PROMO",
            "as ~1 often ~1 as ~1 possible",
            "dm|message|email|text ~3 every|all|everyone|whole",
            "send ~3 every|all|everyone ~3 follower|contact|customer|subscriber ~4 offer|PROMO",
            "spam|blast|retarget|retargeting",  # verbs of push; "spam filter" is NEUTRAL
            "every|each|all ~1 post|posts|update|updates ~4 about ~2 PROMO|product|products|us|"
            "ourselves|itself|company",
            "in ~1 front ~1 of ~1 them|people ~3 as ~1 often",
            "only|just|nothing ~3 repeat|repeats|post|posts|share|carry|carries|publish|feature|"
            "push|announce|say ~4 PROMO|NEWS",
            "stream|diet|string|drip|feed|wall|parade ~2 of ~2 firm|company|product|brand|"
            "corporate ~1 news|announcement|announcements|update|updates|release|releases",
            "carry|post|publish|share ~3 press ~1 release|releases",
            "every|each|all ~1 post|posts|update|story|stories|comment|reply|message ~5 PROMO|"
            "price|booking|discount|promo|code",
            "every|each|all ~1 post|posts|update|story|stories|comment|reply|message ~5 "
            "booking|buy|shop|sales|offer|discount|promo ~1 link",
            "flood|bombard|spam|blast|hammer|saturate|carpet|plaster|pepper|blanket|drown ~5 "
            "PLATFORM|FEED|follower|followers|inbox|inboxes|group|groups|timeline|timelines|"
            "channel|channels",
            "in ~1 front ~1 of ~4 every|again|constantly|ALWAYS|EVERYWHERE",
            "hear|see|get|receive ~2 about ~1 every ~1 PROMO|NEWS",
            "every ~1 launch|award|promotion|offer|sale|deal|announcement ~4 every ~1 launch|"
            "award|hire|promotion|offer|sale|deal|announcement",
            "auto-dm|auto-dms|autodm|autodms|mass-dm",
            "automated|automatic|auto|mass|cold ~1 dm|dms|message|messages|pitch|pitches|outreach",
            "pitch ~1 sequence|sequences|cadence",
            "PROMO|NEWS ~4 land|lands|drop|drops|arrive|arrives ~3 in ~2 FEED|inbox|messenger|dms",
            # frequency as the tactic: "we post on every network, several times an hour"
            "post|posting|share|sharing|publish|OFFERS|PROMO|NEWS ~8 several|NUM|many|multiple ~1 "
            "times ~1 a|an|per|each ~1 day|hour",
            "OFFERS|PROMO|post|posts ~6 every ~1 hour",
            "same ~1 PROMO|OFFERS|post|message|ad|ads ~3 across|to|in|into|on ~2 NUM|every|all ~1 "
            "group|groups|network|networks|PLATFORM|channel|channels",
            "every|each|all ~1 comment|comments|reply|message|messages ~8 booking|discount|promo|"
            "code|offer ~1 link|code",
            # "nothing but product announcements", "the feed should be your shop window"
            "nothing ~1 but ~3 OFFERS|NEWS|PROMO|announcement|announcements|offers|ads|sales",
            # every post sells: "every post will feature a product and a price", "all content
            # will promote your products", "our posts will mostly be adverts for your menu"
            "every|each|all ~2 post|posts|content|update|updates ~3 feature|features|promote|"
            "promotes|showcase|showcases|advertise|advertises|plug|plugs|pitch|pitches|sell|"
            "sells ~3 a|an|the|your|our ~1 product|products|price|prices|service|services|menu|"
            "range|offer|offers|PROMO",
            "post|posts|content|feed ~3 be|will ~2 mostly|mainly|largely|all|just|only ~2 "
            "advert|adverts|ad|ads|promotion|promotions|OFFERS",
            "each|every ~1 day|hour ~6 NUM ~1 post|posts|update|updates|ad|ads",
            "hear|see|get|receive ~2 about ~1 every ~2 PROMO|NEWS|product|launch|offer",
            "FEED|page|account|timeline|grid|channel ~4 be|become ~3 shop ~0 window|windows",
            "PUSH ~4 product|products|range|ranges|collection|collections|stock|line|lines|"
            "catalogue|catalog ~4 hard|everywhere|ALWAYS|EVERYWHERE|all",
            # every day a post about the products; a feed filled with products; repeating the
            # message until it sticks; sales messages straight into inboxes; mass tagging
            "ALWAYS ~4 post|posts|update|updates|story|stories ~2 about|with|on|of ~2 your|our|"
            "the|new ~1 product|products|offer|offers|menu|range|deals|prices|stock",
            "FEED|page|timeline|grid|account ~3 filled|full|packed|stuffed ~2 with|of ~2 new|your|"
            "our ~1 product|products|arrivals|stock|prices",
            "repeat|repeating|hammer|hammering ~3 message|offer|PROMO|ad|ads|name|brand ~3 until|"
            "till ~3 it|they|people|everyone",
            "inbox|inboxes|dms ~6 PROMO|sales ~1 message|messages|pitch|pitches",
            "tag|tagging ~3 hundreds|dozens|NUM|every|all ~2 account|accounts|people|profiles|"
            "users",
            # the page as a shop, volume for its own sake, a call to buy in every post, the
            # whole customer base messaged, "ads, ads and more ads", reminders every morning
            "turn|turned|make|made ~3 FEED|page|account|grid|profile|feed ~2 into ~2 a|an|your ~1 "
            "storefront|shopfront|shop|catalogue|catalog|billboard|advert|brochure",
            "post|publish|share|push ~4 as ~1 much|many|often ~1 as ~2 we|you|i ~1 can",
            "post|posting|publish|publishing|share|sharing ~4 product|products|price|prices|offers|"
            "deals ~6 ALWAYS",
            "every|each|all ~1 post|posts|story|stories ~4 call|swipe-up|link|button ~2 to|buy|"
            "shop ~1 buy|action|order|book|shop|store",
            "broadcast|broadcasts|blast|blasts|newsletter|newsletters ~6 ALL_OF_THEM|everyone|"
            "everybody|entire",
            "OFFERS|PROMO ~8 NUM|several ~1 times ~1 a|per ~1 week",
            "ad|ads ~1 and ~1 more ~1 ad|ads",
            "remind|reminder|reminders|nudge|nudges ~6 ALWAYS",
            "flood|bombard|spam|blast|hammer|saturate|carpet|plaster|pepper|blanket|drown ~2 them|"
            "people|customers|audience|everyone ~3 with",
        ),
        # "every sponsored post is clearly labelled as an ad" discloses, it does not push
        unless=(
            "label|labelled|labeled|mark|marked|tag|tagged|flag|flagged|disclose|disclosed ~3 "
            "as ~2 PROMO|sponsored|paid|advert|advertising",
            # "spam" as a noun is what gets filtered: "we monitor the account for spam"
            "for|of|no|any|against|remove|removing|delete|deleting|filter|filtering|block|"
            "blocking|catch|catching|report|reporting|clear|clearing ~1 =spam",
            "carry|carries|include|includes|bear|bears|get|gets ~2 a|an|the|clear|clearly ~1 ad|"
            "label|disclosure|tag|hashtag",
        ),
    ),
    Rule(
        "suppresses_criticism",
        RED,
        0.16,
        gettext_noop("Hides, deletes or buries bad feedback, or spins it, instead of owning it."),
        (
            # "we push it down with fresh positive content"
            "push|pushing|pushed ~2 it|them|review|reviews|comment|comments|complaint|complaints "
            "~1 down",
            # "a couple of friendly accounts add five stars so it sinks"
            "so ~1 it|they ~1 sink|sinks|sank",
            # "so the page stays positive"
            "page|feed|wall|grid|timeline|profile ~1 stay|stays|remain|remains|look|looks ~1 "
            "spotless|positive|clean|happy|perfect|pristine",
            # "nothing embarrassing stays visible for more than ten minutes"
            "nothing ~3 embarrassing|negative|critical|unflattering|bad|awkward ~5 stay|stays|"
            "remain|remains ~1 visible|up|online",
            # "moderated out of visibility", "de-prioritised"
            "out ~1 of ~1 visibility",
            "unfavourable|unfavorable|negative|critical ~2 content|reviews|comments|posts ~2 be|"
            "get|gets ~1 de-prioritised|deprioritised|de-prioritized|deprioritized|suppressed|"
            "buried",
            # "any sour comments get deleted the same day"
            "CRITICISM|comment|comments|review|reviews ~4 get|gets|got ~1 hidden|deleted|removed|"
            "buried",
            # "hide any comments about the merger", "delete any comment that mentions"
            "delete|hide|remove|bury ~3 any|every|all ~1 comment|comments|review|reviews|post|"
            "posts ~1 that|which|about|mentioning",
            # "Deleting, hiding, burying: call it reputation hygiene"
            "delete|deleting|deleted ~2 hide|hiding|hidden ~2 bury|burying|buried|report|reported|"
            "block|blocked|mute|muted",
            # "she turns off reviews on her page whenever there's a bad week"
            "turn|switch ~1 off ~2 review|reviews|comment|comments|rating|ratings",
            "turn|switch ~3 review|reviews|comment|comments|rating|ratings ~1 off",
            # "take the nasty reviews off their page", "we keep that off the page"
            "take|keep|get ~4 review|reviews|comment|comments|it|that|complaint|complaints ~2 off "
            "~2 the|their|your|our ~1 page|feed|grid|wall|timeline|profile",
            # "all of it got quietly removed"
            "get|got|be|was|were ~1 quietly ~1 removed|deleted|hidden|buried|taken",
            # "auto-hide any comment with 'refund'"
            "auto-hide|autohide|auto-delete ~3 comment|comments|review|reviews|any|every|negative",
            "SUPPRESS ~5 CRITICISM",
            "push|pushed|pushing|knock|knocked|shove ~3 CRITICISM|review|reviews|comment|comments|"
            "complaint|complaints|post|posts ~1 down|under|off",
            "SUPPRESS ~3 comment|comments|review|reviews|post|posts|mention|mentions ~5 CRITICISM",
            "CRITICISM ~6 SUPPRESS",
            "SPIN",
            "flood|drown ~5 conversation|complaint|thread",
            "flood|flooding|drown|drowning|bury|burying ~6 page|feed|thread|wall|timeline ~3 with "
            "~3 positive|good|happy|glowing",
            "keep|steer|move|take|push|get ~3 CRITICISM|comment|comments|review|reviews ~2 off|"
            "out|away|offline|private",
            "flood|drown|bury ~5 conversation|complaint|thread|review|comment ~5 with",
            "get|have|make ~4 them|it|those ~2 SUPPRESS",
            "lock|close ~2 thread|comment|comments|review|reviews",
            "we|i ~2 delete|hide|remove|bury|mute|block|censor|scrub|erase ~1 =it|=them|=those",
            "report|flag ~4 CRITICISM|comment|comments|review|reviews|post|posts|thread ~6 until|"
            "till ~3 down|removed|gone|deleted",
            "take|taking ~3 post|posts|review|reviews|comment|comments|thread|threads|it|them ~1 "
            "down",
            "switch|turn|shut ~1 off ~3 comment|comments|review|reviews|reply|replies",
            "switch|turn|shut ~3 comment|comments|review|reviews|reply|replies ~1 off",
            "comment|comments|reviews|replies ~3 be|are|get|stay ~1 switched|turned|shut ~0 off",
            "comment|comments|reviews|replies ~3 be|are|get|stay ~1 disabled|closed|locked",
            "keyword|word ~1 filter|filters ~6 comment|comments|review|reviews|word|words",
            "CRITICISM|review|reviews|comment|comments ~8 flag|flagged|report|reported ~8 until|"
            "till ~3 removed|gone|deleted|down",
            "tell|advise|told ~2 you|clients ~1 to ~1 delete|hide|remove|bury|block ~2 them|it|"
            "critics|complaints|CRITICISM",
            "close|disable|restrict|limit ~3 comment|comments|review|reviews|reply|replies",
            "keep|kept|keeping ~3 page|feed|wall|comments|reviews|timeline ~1 clean|spotless|tidy|"
            "positive",
            "sound|look|seem ~2 like ~1 good ~1 news",
            "make ~3 story|stories|it|complaint|complaints|criticism|backlash|scandal|problem ~2 "
            "go ~1 away",
            # the criticism made to go away; not "we will make the underlying faults go away"
            "review|reviews|comment|comments|complaint|complaints|criticism|post|posts|story|"
            "stories|thread|threads|backlash ~2 go|goes|went ~1 away",
            # "we steer the conversation away from the recall", "we only let positive
            # comments through"
            "steer|move|shift|divert|pivot|turn ~3 conversation|discussion|attention|talk|"
            "focus ~2 away ~1 from",
            "only ~2 let|allow|approve|publish|show ~3 positive|good|nice|happy|glowing ~1 "
            "comment|comments|review|reviews|replies|posts",
            # "bad reviews never show up in search", "complaints don't stay visible for long"
            "CRITICISM ~6 NEG ~2 show|appear|surface|rank|visible|seen|stay|stays|last|lasts|"
            "survive|survives",
            "by ~1 delete|deleting|hide|hiding|remove|removing|block|blocking|bury|burying|mute|"
            "muting ~1 them|it|those|the ~1 comment|comments|review|reviews|post|posts|user|"
            "users|them",
        ),
    ),
    Rule(
        "fake_voices",
        RED,
        0.16,
        gettext_noop(
            "Fake voices: hired posters, fake accounts, bots, bought followers or reviews, a "
            "network of accounts posting one message."
        ),
        (
            # "8 staff posting as happy members in the local groups"
            "post|posting|posted|comment|commenting|review|reviewing ~1 as ~2 happy|real|genuine|"
            "ordinary|satisfied|independent|regular ~1 member|members|customer|customers|fan|fans|"
            "guest|guests|patient|patients|user|users|parent|parents",
            # "through a set of reviewer accounts we manage", "our growth network"
            "reviewer ~0 account|accounts|profile|profiles",
            "growth ~0 network|pod|pods",
            # "our writers post fifty glowing ones"
            "writer|writers|team|staff|interns ~3 post|write ~3 NUM ~2 glowing|positive|five-star|"
            "5-star|fake",
            "BOTS",
            "FAKE ~3 VOICE",
            # "paid fans", "paid reviews"; not "the operation of paid advertising accounts"
            "paid ~0 VOICE|poster|posters",
            "NUM ~2 FAKE ~2 VOICE",
            "NUM ~2 paid ~0 VOICE|poster|posters",
            "BUY ~4 VOICE",
            # "we buy 5,000", "we purchased 2,000"; not "repeat purchases over three years"
            "buy|=purchase|=purchased|=purchasing ~3 COUNT",
            "guarantee|promise ~2 NUM ~4 VOICE",
            "guarantee|promise|get|deliver ~4 NUM ~4 review|reviews|rating|ratings|testimonial|"
            "testimonials",
            "plant|seed ~3 question|questions|comment|comments|review|reviews|story|stories",
            "account|accounts|profile|profiles ~3 look|looks|pose|posing ~1 like ~2 "
            "ordinary|real|genuine|normal|regular",
            "supply|sell ~2 review|reviews|follower|followers|like|likes",
            "leave|post|write ~2 review|reviews ~4 from|under ~3 account|accounts|profile|profiles|"
            "name|names",
            "without ~2 any|an|a ~1 ad|label|disclosure|hashtag",
            "follower|followers|like|likes|review|reviews ~3 from ~2 our ~2 "
            "network|partner|pool|farm",
            "NUM|few|dozen|dozens|hundreds|handful ~3 account|accounts|profile|profiles ~2 to ~2 "
            "like|share|comment|post|review|praise|upvote|follow|boost",
            "under ~2 different|other|fake|false ~1 name|names|identity|identities",
            "with|using ~2 different|other|fake|false|made-up|invented ~1 name|names|identities|"
            "accounts|profiles",
            "create|set|open|make|register|start ~3 several|multiple|NUM|extra|some|dozens|few|"
            "handful ~2 account|accounts|profile|profiles ~2 that|which|who ~2 write|say|praise|"
            "post|comment|review|recommend|like|share",
            "give|deliver|sell|bring ~2 you ~1 NUM ~2 follower|followers|=likes|fans|subscribers|"
            "reviews",
            "add|adding ~2 NUM ~2 follower|followers|like|likes|review|reviews|fan|fans|view|views",
            "pay|paid ~3 people|someone|influencers|users|students|fans ~4 to ~2 "
            "post|comment|review|like|share|praise|upvote|rave|recommend",
            # the agency's own people or friends praising as if customers: "we'll hire
            # students to leave glowing comments", "everyone in the office posted a nice one"
            "pay|paid|hire|hired|hiring|get|got|ask|asked ~3 people|someone|students|friends|"
            "family|staff|employees|everyone|colleagues ~5 to ~2 leave|post|write ~3 glowing|"
            "positive|nice|good|five-star|5-star|fake ~2 review|reviews|comment|comments|one|ones",
            "employee|employees|staff|friend|friends|family|colleague|colleagues|intern|interns ~6 "
            "leave|leaves|left|post|posts|posted|write|writes|wrote ~3 glowing|positive|five-star|"
            "5-star|fake ~2 review|reviews",
            "as ~1 if ~3 customer|customers|fan|fans|real|genuine|independent",
            "GROWTH_SERVICE",
            "friendly|tame ~1 account|accounts|reviewer|reviewers|profile|profiles|voices|"
            "commenters|posters",
            # followers from a supplier ("reviews our supplier provides"); not a tender's
            # "the Supplier regards adverse comment", not "counsel reviews their panel"
            "follower|followers|=likes|=reviews|views|subscriber|subscribers|"
            "comments ~2 from|by|through|via ~3 SUPPLIER",
            "SUPPLIER ~4 for|of|that|who|which ~3 follower|followers|=likes|=reviews|views|"
            "subscriber|subscribers|comments",
            "=looking ~0 account|accounts|profile|profiles|review|reviews|persona|personas|"
            "comment|comments",
            # "we write the reviews"; not "what customers already write in their reviews"
            "write|writes|wrote|draft|drafts|drafted|ghostwrite ~0 the|their|some|fake|customer|"
            "your ~1 review|reviews|testimonial|testimonials",
            "commission|commissions|commissioned|commissioning ~2 review|reviews|testimonial|"
            "testimonials|reviewer|reviewers",
            "post|posts ~4 written|posted|left|created ~2 by ~1 our|us|we",
            "review|reviews|comment|comments|testimonial|testimonials ~7 written|posted|left|"
            "created ~2 by ~1 his|her|the ~1 staff|team|writers|agency|interns|people",
            "review|reviews|comment|comments|testimonial|testimonials ~7 written|posted|left|"
            "created "
            "~2 by ~1 our|us|we",
            "account|accounts|profile|profiles ~5 we ~1 run|ran|manage|control|operate ~1 "
            "ourselves",
            "BUY ~3 base|batch|bundle|package|pack|block",
            "NETWORK ~2 of ~3 VOICE|poster|FAKE|paid",
            "NETWORK ~2 of ~3 NUM ~2 VOICE|poster|people|account|accounts|profile|profiles",
            "base|batch|bundle|package|pack|block ~2 of ~2 NUM ~1 VOICE",
            "VOICE ~0 NETWORK",
            "hire ~3 poster|people ~2 to ~1 post",
            "VOICE ~6 actually|really ~3 our ~1 staff|team|people",
            "=staff ~1 account",
            "NUM ~1 account|accounts|profile|profiles|persona|personas ~3 we|our ~1 "
            "manage|run|control|operate",
            "top ~4 up ~1 with ~1 NUM",
            "without|never|NEG ~2 disclose|mention|label|say|tell|reveal|admit ~4 paid|sponsor|"
            "sponsored|ad|gifted|connected|connection|affiliated|related|employed|linked|involved|"
            "partnership|payment|deal|gift|freebie",
            "no ~1 need ~2 to ~1 mention|say|disclose|label|tag|reveal ~4 paid|sponsored|ad|"
            "gifted|partnership|us|connected",
            "influencer|influencers|ambassador|ambassadors|creator|creators|reviewer|reviewers|"
            "fan|fans|poster|posters|student|students ~8 without ~2 disclose|disclosing|"
            "disclosure|mention|mentioning|label|labelling|saying|tagging|revealing|admitting",
            "post|comment|review|write|reply|chime|rave ~3 as ~1 fan|fans|customer|customers|user|"
            "users|local|locals|member|members|parent|parents|patient|patients|guest|guests|buyer|"
            "buyers|diner|diners|punter|punters|shopper|shoppers|mum|mums",
            "automation|automate|automated|script|scripts|software ~4 like|likes|follow|follows|"
            "comment|comments|unfollow",
            "run|runs|manage|manages|control|operate|have ~3 several|multiple|dozens|various|extra|"
            "many ~2 persona|personas|account|accounts|profile|profiles|identities",
            "praise|comments|reviews|likes|comment|review ~4 from ~1 our ~2 account|accounts|"
            "profile|profiles|personas",
            "inflate|inflating|inflated|pad|padding|juice|juicing|fake|faking|bulk|bulking ~3 "
            "number|numbers|figures|count|counts|metrics|stats|following|followers|reviews",
            "generate|generated|generating|fabricate|fabricated|fabricating|invent|invented|"
            "manufacture|manufactured|mass-produce ~3 review|reviews|testimonial|testimonials|"
            "comments|followers|ratings",
            "tell|told|telling|instruct|instructed|ask|asked|get ~3 to ~1 leave|give|post|write ~2 "
            "five|5|five-star|5-star|positive|glowing|good",
            "NEG ~4 VOICE ~10 traceable|traced|disclosed|labelled|labeled|identified",
            "post|leave|share ~2 the ~1 same ~2 review|comment|message|post",
            "create ~2 account|accounts|profile|profiles ~3 and ~1 post|review|comment",
            "have|get ~3 NUM ~3 ambassador|ambassadors|account|accounts|profile|influencer|"
            "influencers ~2 post|share|comment|like|review",
            "run|runs|manage|manages|control|operate|have ~3 NUM ~2 persona|personas|account|"
            "accounts|profile|profiles|identities",
            "review|reviews|testimonial|testimonials ~4 =we|=our|=us ~2 write|writes|wrote|"
            "written|draft|drafted|create|compose|copywriter|copywriters|writer|writers",
            "=we|=they|=she|=he ~2 place|plant|write|supply|provide|commission ~3 review|reviews|"
            "testimonial|testimonials|rating|ratings",
            "review|reviews|testimonial|testimonials ~6 we ~1 place|plant|write|supply|commission",
            "make|makes|made|making ~4 look|looks|seem|appear ~3 popular|busy|loved|active|bigger|"
            "established|buzzing",
            "look|looks|seem|seems ~1 like ~3 crowd|demand|queue|following|movement|army",
            "look|looks|seem|seems ~1 like ~3 lot|lots|loads|plenty|many|hundreds|thousands ~2 of "
            "~1 people|customers|fans|users",
            "bank|stable|roster ~1 of ~3 account|accounts|profile|profiles|persona|personas|"
            "reviewers|posters|commenters",
            "exchange|return ~1 for ~3 review|reviews|rating|ratings|five-star|5-star|testimonial",
            "refund|reimburse|voucher|discount ~6 for ~2 a|the|their|each ~1 review|rating",
            "as|posing|pose|poses ~2 ordinary|regular|normal|genuine|independent|satisfied|happy|"
            "local|everyday ~2 customer|customers|punter|punters|people|user|users|fan|fans|"
            "member|members|resident|residents|client|clients|parent|parents|patient|patients|"
            "locals|diners|guests|buyers",
            "as ~1 if ~3 they'd|they ~2 discover|discovered|found|stumbled",
            "network|pool|farm|army|ring ~2 of ~1 NUM",
            "get|getting ~3 upvoted|upvotes",
            "review|reviews|comments|testimonials|praise|ratings ~3 came|come|coming ~1 from ~3 "
            "staff|team|employees|writers|interns|freelancers|friends|family|accounts",
            "staff|family|families|friends|employees|relatives|mates ~4 leave|write|post ~3 "
            "review|reviews|five-star|5-star|rating|ratings",
            "from ~1 separate|different|multiple|other|various ~1 account|accounts|profile|"
            "profiles|phone|phones|device|devices|location|locations|sim|sims|ip",
            "ambassador|ambassadors|influencer|influencers|reviewer|reviewers|poster|posters|"
            "commenters ~2 be|are|were|get|got ~1 paid|gifted|salaried|compensated|incentivised|"
            "incentivized|rewarded",
            # a stock of extra identities: "a few extra profiles", "hundreds of accounts that
            # can amplify your message", "a set of accounts that like every post"
            "extra|additional|spare|alt|alternate|secondary|backup|second|duplicate ~1 "
            "account|accounts|profile|profiles|persona|personas|identity|identities",
            "NUM|hundreds|dozens|thousands|set|bunch|handful|couple|group ~3 account|accounts|"
            "profile|profiles ~4 amplify|boost|like|share|comment|upvote|praise|cheer|defend|"
            "support|retweet|repost",
            "account|accounts|profile|profiles ~3 that|which|who|to ~3 like|share|comment|amplify|"
            "boost|upvote|praise|cheer|retweet|repost ~2 every|each|all|your|the",
            "persona|personas ~4 seed|post|comment|chat|talk|praise|start|join|defend|reply|"
            "recommend|review",
            "package|pack|bundle|batch|block ~3 =we|=you|=i ~1 BUY",
            "so ~2 it|page|account|post|posts|brand|feed|profile|thread ~1 look|looks|seem|seems|"
            "appear|appears ~2 busy|popular|loved|active|alive|buzzing|bigger|established|"
            "credible|trusted",
            "our|my|their ~3 PEOPLE|team|staff|interns|friends|family|contractors|freelancers|"
            "writers|students ~3 leave|write|post|give|add ~3 =reviews|=ratings|five-star|5-star|"
            "=testimonials",
            "arrange|organise|organize|sort|source|supply|sell ~3 =reviews|=ratings|"
            "=testimonials|five-star|5-star|=followers|=likes|=subscribers",
            "=reviews|=ratings|=testimonials|=followers|=likes ~3 we|i ~2 arrange|organise|"
            "organize|sort|source|supply|sell",
            "as ~1 if ~2 they|they'd|we|we'd|he|she|you ~2 bought|buy|used|use|tried|try ~1 "
            "customer|customers|user|users|guest|guests|the|it|one",
            "as ~1 if ~2 they|they'd|we|we'd|he|she|you ~2 were|be ~1 customer|customers|user|"
            "users|guest|guests|real|genuine|independent|ordinary|regular",
            # hired people posting about the product where people talk: "a few of our people
            # will keep mentioning your product in local groups", "people we pay post about it"
            "OUR_CROWD ~6 post|mention|talk|comment|share|recommend|praise|rave|chat|plug|"
            "promote|upvote|review|push ~6 THIRD_SPACE",
            "OUR_CROWD ~6 post|mention|talk|comment|recommend|praise|rave|chat|plug|promote|"
            "upvote ~3 about|up ~2 your|the|our ~1 product|products|brand|launch|company|business|"
            "service|services|range|app|book|hotel|restaurant",
            "OUR_CROWD|NETWORK|pod|circle|group ~8 like|comment|share|upvote ~4 all|every|each|"
            "everything ~2 your|of|you|post|posts",
            "create|set|open|make|register|start ~3 several|multiple|NUM|extra|some|dozens|few|"
            "handful ~2 account|accounts|profile|profiles ~3 to ~2 post|comment|review|like|talk|"
            "praise|recommend|share|mention",
            "ambassador|ambassadors|influencer|influencers|creators|people|posters|students ~3 "
            "we|you ~1 pay|hire|recruit|employ ~6 post|mention|talk|comment|share|recommend|"
            "praise|rave",
            "without|no ~2 use|using|a|any|an ~1 ad|=sponsored|disclosure|disclaimer|label",
            "dozens|hundreds|NUM ~2 people|accounts|profiles|posters|members|users|ambassadors "
            "~8 same|identical ~1 wording|words|text|script|copy|caption|message|comment|review",
            "employ|pay|hire ~2 people|someone|staff|writers ~8 without ~2 say|saying|disclose|"
            "disclosing|reveal|revealing|admit|admitting",
            # the other word order of buying (passive, or the object first): "followers were
            # bought in bulk", "likes we paid for"
            "follower|followers|=likes|review|reviews|rating|ratings|view|views|subscriber|"
            "subscribers|testimonial|testimonials|upvotes ~3 be|get|were|was|are|been ~2 BUY|"
            "faked|fabricated|manufactured|inflated|padded",
            # audience numbers with a price or a delivery time are bought: "£20 gets you 1,000
            # followers", "5,000 followers by Friday", "added overnight for a small fee"
            "fee|price|cost|costs|cheap|£|$|€ ~5 NUM ~2 follower|followers|=likes|subscribers|"
            "views|reviews|ratings",
            "NUM ~2 follower|followers|=likes|subscribers|views|reviews|ratings ~6 fee|cheap|"
            "overnight|instantly|instant",
            "get|give|deliver|add ~2 you ~1 NUM ~2 follower|followers|=likes|subscribers|views ~3 "
            "by|within|overnight ~1 friday|monday|tomorrow|the|a|NUM",
            # reviews filled with stars by people the speaker brings: "my friends flood your
            # reviews with five stars"
            "flood|fill|stack|pad|load ~4 with ~2 five|5 ~1 star|stars",
            "flood|fill|stack|pad|load ~4 with ~2 five-star|5-star",
            # undisclosed: "we don't label the influencer posts", "we keep sponsorships quiet"
            "NEG ~2 label|disclose|tag|mark|flag ~3 sponsored|paid|influencer|influencers|gifted|"
            "partnership|partnerships|ad|ads",
            "keep|kept|keeping ~2 sponsorship|sponsorships|partnership|partnerships|payment|"
            "payments|deal|deals|arrangement|arrangements ~2 quiet|secret|hidden|private|"
            "undisclosed",
            "without ~2 saying|mentioning|admitting|revealing|disclosing ~3 they ~1 work|worked|"
            "are|were ~2 for|paid|staff|employees",
            "account|accounts|profile|profiles|persona|personas ~1 we|i ~1 control|operate|own",
            "staff|employees|team|friends|family|relatives|interns|mates ~6 rate|give|leave|post "
            "~4 five|5|five-star|5-star ~1 star|stars|rating|ratings|review|reviews|app|it|us",
            "review|reviews|comments|testimonials|ratings ~2 of ~1 our ~1 own",
            # audience numbers delivered rather than earned: "a starter pack of followers",
            # "likes delivered by our partner", "a hundred likes from accounts we manage"
            "starter|base|batch|bundle|package|pack|block ~2 of ~3 follower|followers|=likes|"
            "views|subscribers|fans|reviews",
            "follower|followers|=likes|views|subscribers|fans|reviews ~6 delivered|supplied|"
            "provided|sent ~2 by|from|through|via ~2 our|a|the ~1 partner|partners|supplier|"
            "suppliers|network|provider|service",
            "from ~1 account|accounts|profile|profiles|page|pages ~1 we|i ~1 manage|run|control|"
            "operate|own",
            "follow ~1 and ~1 unfollow",
            # numbers promised on a deadline or overnight are bought: "5,000 followers by the
            # end of the week, guaranteed", "your follower count will jump overnight"
            "NUM ~2 follower|followers|=likes|subscribers|views ~8 guaranteed|guarantee|"
            "overnight|instantly",
            "VANITY ~4 overnight|instantly",
            "start|kick ~3 you|it|account|page ~2 off ~2 with ~3 follower|followers|=likes|fans",
            "follower|followers|=likes|reviews|accounts|profiles|fans ~5 NEG ~2 real|genuine|"
            "actual|human",  # "the followers we add aren't real people"
            # a recruited crowd: "a group of students to praise the café", "we ask them not to
            # mention it", "as if it were their own idea"
            "group|handful|team|bunch|crowd ~2 of ~2 students|people|friends|mums|locals|fans|"
            "parents|neighbours|neighbors ~2 to ~2 praise|post|review|rave|recommend|talk|comment|"
            "mention|chat",
            "ask|asked|tell|told|instruct|instructed ~2 them|influencers|people|creators|fans ~2 "
            "not ~1 to ~1 mention|disclose|label|tag|say|reveal|admit",
            "as ~1 if ~3 their|his|her ~1 own ~1 idea|opinion|view|experience|find|discovery",
            # "get our staff to review us", "... to leave reviews"; not "ask your staff to
            # answer reviews", which is owning the feedback
            "get|ask|have|asked|got ~2 your|our|the|their ~1 staff|employees|team|family|friends|"
            "relatives ~2 to ~0 review|rate",
            "get|ask|have|asked|got ~2 your|our|the|their ~1 staff|employees|team|family|friends|"
            "relatives ~2 to ~0 leave|write|post ~2 review|reviews|rating|ratings",
            # identities the speaker runs, used to post, seed or vote: "profiles that talk about
            # your product in groups", "upvote your posts using our accounts", "we seed the
            # conversation with our own accounts"
            "create|set|open|make|register|start|build ~3 account|accounts|profile|profiles|"
            "persona|personas|page|pages ~2 that|which|who|to ~3 talk|mention|recommend|praise|"
            "rave|chat|discuss|promote|push",
            "like|share|comment|upvote|review|praise|seed|boost|amplify|post|flood|fill|vote ~6 "
            "using|with|from|through|via ~2 our|my ~2 own|other|spare|team|staff|many ~0 "
            "account|accounts|profile|profiles|persona|personas|page|pages",
            "like|share|comment|upvote|review|praise|seed|boost|amplify|post|flood|fill|vote ~6 "
            "using|with|from|through|via ~1 our|my ~1 account|accounts|profile|profiles|persona|"
            "personas",
            # people who post what they are given, or as if they found it: "Instagrammers who
            # post whatever I give them", "like they discovered you by themselves"
            "post|posts|share|shares|say|says ~2 whatever|anything|everything|what ~2 we|i ~1 "
            "give|send|write|tell|brief|hand|supply",
            "like|as ~1 if ~2 they|they'd|he|she|you ~2 discovered|found|stumbled|came ~2 by|on|"
            "across|upon|it|you|them",
            # reviews or praise "from our side", looking like talk: "a few reviews from our side",
            # "make it seem like people are talking about you"
            "review|reviews|rating|ratings|comments|testimonials|likes|praise ~3 from ~1 our|my ~1 "
            "side|end|team|staff|people|friends|family|office",
            "seem|look|appear|feel ~1 like|as ~1 if ~2 everyone|people|customers|everybody|"
            "lots|fans|the ~2 be|are|is|were ~1 talking|raving|buzzing|queuing|queueing|"
            "recommending",
            "real-looking|genuine-looking|organic-looking|human-looking|natural-looking ~1 "
            "follower|followers|fans|likes|reviews|comments|engagement|accounts|profiles",
            # paid and not disclosed: "paid in product and don't need to say so"
            "paid|gifted|sponsored|pay|payment ~10 NEG ~2 need|have ~1 to ~1 say|mention|disclose|"
            "tell|label|tag|reveal ~1 so|it|that|anything",
            "paid|gifted|sponsored|pay|payment ~10 that|it ~1 be|is|'s|stays ~1 between ~1 us",
            # bought through an outside service: "we add followers through a service"
            "add|adding|added|get|getting|boost ~2 follower|followers|=likes|views|subscribers|"
            "fans|reviews ~4 through|via|from|with ~2 a|an|our|the ~1 service|partner|supplier|"
            "app|tool|panel|provider|package",
            # a referee's account: "they got us 5,000 followers in the first week", "they
            # posted reviews for us on Google"
            "get|got|give|gave|deliver|delivered ~2 us|you ~1 NUM ~2 follower|followers|=likes|"
            "subscribers|views|fans|reviews ~4 in|within ~2 the|a|one|NUM ~1 first|week|weeks|"
            "day|days|month",
            "post|posted|write|wrote|leave|left ~2 review|reviews|ratings|testimonials ~2 for ~1 "
            "us|you|our|your",
            # many likes given, five-star ratings secured: "I will give you many likes", "a
            # steady flow of five-star ratings guaranteed"
            "give|deliver|bring|get ~2 you|us ~2 many|lots|loads|plenty|thousands|hundreds|tons ~2 "
            "follower|followers|=likes|fans|subscribers|views|reviews",
            "guarantee|guaranteed|secure|secures|deliver|delivers|promise ~5 five-star|5-star ~1 "
            "review|reviews|rating|ratings",
        ),
        unless=(
            "report|flag|remove|delete|block|ban|fight|spot|catch|weed|detect|expose|purge ~3 "
            "FAKE|BOTS|VOICE",
            # fakes found, or someone else's: "when a competitor's fake reviews appeared, we
            # reported them"; a paid voice that says so: "their posts say so in the first line",
            # "our paid ambassadors disclose the partnership"
            "FAKE|BOTS|paid ~12 =we|=i ~2 report|reported|flag|flagged|remove|removed|delete|"
            "deleted|block|blocked ~2 them|it|those|these|each|every",
            "rival|rivals|competitor|competitors|rival's|competitor's ~1 FAKE|BOTS",
            "FAKE|BOTS ~2 of|from|by|against ~2 a|the|your|their|our ~1 rival|rivals|competitor|"
            "competitors",
            "post|posts|caption|captions|label|labels ~0 say|says|state|states|show|shows ~0 so",
            "VOICE|ambassador|ambassadors|influencer|influencers|creator|creators ~0 disclose|"
            "discloses|declare|declares|label|labels|flag|flags|tag|tags ~3 the|each|every|their|"
            "it|that ~1 partnership|ad|sponsorship|payment|deal|post|posts|it",
        ),
        gather=("FAKE_CUE", 2, "FAKE_SIGNAL"),
    ),
    Rule(
        "outsourced_community",
        RED,
        0.16,
        gettext_noop(
            "Offers to run the community for the buyer: the relationship is outsourced and the "
            "buyer's people need not be involved."
        ),
        (
            # "take the whole community off their hands"
            "take ~4 community|communities|page|pages|account|accounts|social|conversation|"
            "conversations ~3 off ~2 your|their|his|her ~1 hand|hands|plate",
            "RUN ~2 your|all|whole ~3 THEIR_SOCIAL",
            "we|us ~2 RUN ~2 every|each|any ~2 THEIR_SOCIAL",
            "post|write|reply|answer|sign|speak|comment|tweet ~4 under|in ~1 the|your ~1 founder|"
            "owner|ceo|manager|boss|director|partner|chef|brand ~0 name|names|voice",
            "we|us ~1 RUN ~1 all ~1 of ~1 it|them",
            "hand ~1 over ~2 your|the ~1 THEIR_SOCIAL",
            "give|hand|send ~2 us ~2 the|your ~1 login|logins|password|passwords|keys|access",
            "forget ~2 about ~2 social|it|the",
            "replace|replaces ~3 need ~2 for",
            "think|believe ~3 talking|talk|speaking ~2 to ~1 you",
            "that|it|social ~2 be ~1 our ~1 job",
            "our ~2 team|people|staff|writers|managers ~1 RUN ~2 the|your|all ~2 THEIR_SOCIAL",
            "leave|hand ~5 to ~1 us|me",
            "become ~2 your ~2 social|community|marketing ~1 team|department",
            "NEG ~3 have|need ~1 to ~1 lift|touch|think|worry|log",
            "we ~3 be|become ~2 the ~1 voice|face ~2 of ~2 your|the ~1 brand|company|business",
            "ON_BEHALF",
            "as ~1 if ~2 we|we'd|we're|i ~1 were|are|was ~2 your|the ~1 staff|team|owner|"
            "employees|business|company|brand|manager|founder",
            "=done ~1 for ~1 you",
            "post|reply|speak|answer|moderate|write|talk ~3 as ~1 you",
            "reply|replied|post|posted|speak|spoke|write|wrote|answer|answered|comment|"
            "commented ~3 as ~1 us",
            "she|he ~3 RUN ~2 our|all ~3 THEIR_SOCIAL|PLATFORM",
            "become|be ~2 your|their ~1 voice",
            "RUN ~3 THEIR_SOCIAL|relationship|relationships ~5 for ~1 you",
            "YOUR ~2 PEOPLE ~4 FREE_PEOPLE",
            "FREE_PEOPLE ~3 YOUR ~2 PEOPLE",
            "hand ~3 whole|everything|all ~3 to ~1 us",
            "our ~2 PEOPLE|team ~3 rather ~1 than ~1 yours",
            "=we|=i|=us|=me ~2 take ~2 it ~1 from ~1 there",  # not "then she takes it from there"
            "speak|talk ~1 for ~2 your|the ~1 brand|company|business|firm",
            "NEG ~2 need|have ~1 to ~1 reply|post|answer|respond ~8 =we|our ~3 do|handle|cover|"
            "take|staff|team",
            "=we|our ~3 do|write|answer ~2 all|every ~2 your|the|of ~1 posting|posts|replies|"
            "replying|messages|comments|moderation|dms|community|engagement|interaction|"
            "interactions|conversations|talking",
            "NEG ~5 anyone|anybody|one ~3 your ~1 side|team|end|staff|company|business|firm|"
            "organisation|organization ~3 have|need ~1 to",
            "post|posted|write|wrote|reply|replied|sign|signed|answer|answered|speak|spoke ~4 in|"
            "under ~0 his|her|your ~0 name|names",
            "write|wrote|post|posted|reply|replied|answer|speak|sign ~2 as ~1 the|your|our ~2 "
            "manager|owner|founder|ceo|director|partner|brand|company|business|hotel|brewery|firm|"
            "council|practice|charity",
            "RUN ~2 the|your ~1 whole ~1 thing|lot|community|show|operation",
            # in the first person as the owner: "our writers reply as the dentist", "I pretend
            # to be the owner online", "she'd be the brand online"
            "write|post|reply|answer|speak|respond|chat|comment ~2 as ~1 the|your ~2 dentist|"
            "doctor|vet|lawyer|solicitor|surgeon|chef|landlord|principal|coach|ORG",
            "pretend|pose ~2 to ~1 be ~1 the|your ~2 owner|founder|manager|boss|dentist|doctor|"
            "brand|company|business|ORG",
            "=we|=i|she|he ~2 be ~1 the|your ~1 brand|company|business|firm|practice|hotel|ORG ~1 "
            "online",
            "on ~1 the|your|their|its ~2 behalf",
            "answer|answers|reply|replies|respond|responds|handle|handles ~1 it|them|those|"
            "everything ~1 for ~1 you",
            "taken|looked ~1 care|after ~1 of ~2 by ~1 our|us|me",
            "chatting|talking|replying|posting|answering|engaging|moderating ~6 be ~1 our|my ~1 "
            "job|work",
            "=we ~2 become ~1 the|your ~2 brand|company|business|brewery|hotel|practice|firm|shop|"
            "restaurant|council|charity|ORG",
            "you ~1 brew|cook|bake|build|make|sell|run|teach ~3 we ~1 talk|post|tweet|handle|chat",
            "act|serve ~1 as ~2 your|the ~3 social|community|marketing ~2 department|team",
            "the|their|his|her ~2 PEOPLE ~3 FREE_PEOPLE",  # not "our team don't need to"
            "by ~1 us ~2 as ~1 you",
            "take ~1 your|the|all|their ~3 THEIR_SOCIAL|PLATFORM ~1 over",
            "none ~1 of ~2 our|your ~2 PEOPLE ~3 need|needed|have|had ~1 to",
            "RUN ~2 your ~2 PLATFORM",
            "page|pages|account|accounts|channel|channels|community|profile|profiles|inbox|"
            "comments|replies|group|PLATFORM ~6 =be|=are|=is|=being ~3 managed|run|handled|"
            "moderated|answered ~3 by ~2 our|us|me",
            "interaction|interactions|communication|conversations|posting|replies|answers ~6 "
            "=be|=are|=is|=will ~3 done|made|written|handled|managed ~1 by ~1 =us|our|=me",
            # "we do the community management fully for you"
            "=we ~2 do|handle|take ~4 management|moderation|THEIR_SOCIAL ~4 for ~1 you",
            "FREE_PEOPLE ~1 PEOPLE|STAFF",
            # the two-way part handled by the speaker: "we handle the conversations with your
            # customers", "we take over the account and the DMs", "all the communication with
            # your followers goes through us", "our agency speaks for you"
            "=we|=i ~2 RUN|do|take ~0 over ~3 the|your|all ~3 conversation|conversations|dms|dm|"
            "inbox|comments|replies|messages|reviews|engagement|community",
            "=we|=i ~2 take ~0 over ~2 your|the ~2 THEIR_SOCIAL",
            "communication|communications|conversation|conversations|messages|replies|comments ~6 "
            "go|goes|run|runs|pass|passes ~1 through ~1 us|me",
            "=we|agency|=i ~3 speak|speaks|talk|talks ~1 for ~1 you",
            "=we|=i ~2 RUN ~3 the|your ~2 THEIR_SOCIAL ~2 completely|entirely|fully|end-to-end",
            # "you just approve, we do the rest"; "you focus on cooking, we focus on your
            # followers"; "the community is our job, not yours"
            "you ~2 just|only|simply ~1 approve|relax|sit|sign",
            "you|your ~3 focus|concentrate ~2 on ~5 we|i ~2 RUN|focus|do|deal|handle ~3 "
            "THEIR_SOCIAL|followers|fans|customers|rest|social",
            "THEIR_SOCIAL|page|followers ~2 be|become|becomes ~1 our|my ~1 job|responsibility|"
            "problem|department",
            "delegate|delegated|delegating ~3 to ~2 us|our|me",
            "nobody|noone ~2 at|in|on|from ~1 your ~1 company|team|side|staff|business|end|office "
            "~3 need|needs|has|have ~1 to",
            "it ~1 be ~1 =us|=me ~1 answering|replying|posting|writing|talking|behind",
            "conversation|conversations|community|replies|comments|messages|fans|followers|"
            "inbox|engagement ~6 so ~1 you|your ~2 FREE_PEOPLE",
            # a referee's account: "we never had to answer a single comment", "she answered
            # our customers as if she was the owner", "his team was our voice", "their team
            # wrote our replies", "our staff never touched it"
            "=we|=i ~2 never|didn't|did ~2 have|had|need|needed ~1 to ~3 answer|reply|respond|"
            "post|deal|write|touch|moderate|log",
            "as ~1 if ~2 she|he|they ~1 was|were ~2 the|our ~1 owner|staff|team|manager|founder|"
            "company|business|brand",
            "team|agency|people|she|he|they ~2 be|was|were|became ~2 our ~1 voice|face",
            "they|she|he|their|his|her ~3 wrote|write|writes|drafted|posted|answered|handled ~2 "
            "our|all ~2 replies|responses|answers|comments|messages|dms|reviews",
            "our ~1 staff|team|people|employees ~2 never|NEG ~1 touched|touch ~2 social|it|the|"
            "THEIR_SOCIAL|PLATFORM",
            # corporate and second-language phrasings: "we manage all customer interactions",
            # "handling all inbound engagement", "we make for you the posts and the answers"
            "=we|=i|team ~2 RUN|handling|handles ~2 all|every|the ~2 customer|inbound|incoming ~1 "
            "interaction|interactions|engagement|messages|comments|enquiries|conversations",
            "for ~1 you ~4 the|all ~1 answers|replies|responses|answering|replying",
            # the buyer relieved of the talking: "if you'd rather not deal with social, that's
            # what we're for", "our clients never post themselves", "the rest is on us", "your
            # regulars will think it's you replying", "we can be your in-house social team",
            # "we handle the day-to-day", "you just keep cooking", "our agency will be the face
            # of your brand"
            "rather ~1 not ~2 deal|bother|worry ~2 with|about ~2 social|it|THEIR_SOCIAL",
            "what ~1 we|i ~1 be|are|am ~1 here ~0 for",
            "NEG ~2 post|reply|answer|respond|comment ~2 themselves|yourself|yourselves",
            "the ~1 rest ~1 be|is ~1 on ~1 us|me",
            "=we|=i ~2 do|handle ~1 the ~1 rest",
            "think|believe|assume ~3 it ~1 be ~1 you ~1 replying|posting|answering|writing|talking",
            "as ~1 if ~2 it|we|i ~1 were|was ~2 the|your ~1 owner|staff|team|manager|founder|"
            "company|brand",
            "=we|=i ~2 be|act ~3 your ~2 in-house|internal|social|community|marketing ~2 team|"
            "department|manager|managers",
            "=we|=i ~2 RUN ~2 the ~1 day-to-day|lot|inbox|comments|dms|community|replies",
            "you ~1 just|only|simply ~2 keep|focus|concentrate|carry|enjoy|cook|bake|sell",
            "our|my ~1 agency|studio|firm ~3 be|become ~2 the|your ~1 voice|face ~2 of ~2 your|"
            "the ~1 brand|company|business",
            # "we make the posts and also the answers to the clients for you", "the clients
            # will think it is you", "we'll be like your employees", "full ownership of your
            # inbound conversations", "freeing internal teams entirely"
            "=we|=i ~2 make|do|write ~6 answers|replies|responses ~6 for ~1 you",
            "think|believe|assume ~3 it ~1 be ~1 you",
            "=we|team|=i ~3 be ~1 like ~1 your ~1 employees|staff|team|people",
            "assume|assumes|take|takes ~2 full|complete|total ~1 ownership|control|charge ~2 of|"
            "for ~2 your ~3 THEIR_SOCIAL|conversations|inbound|engagement|interactions",
            "free|freeing|frees|relieve|relieving|relieves ~2 YOUR|your|the ~2 PEOPLE|STAFF|teams|"
            "team ~3 entirely|completely|fully|of|from",
            # "we'll be the ones talking to your customers", "we'll do the talking", "our
            # community managers become the voice of your brand"
            "=we|=i ~2 be ~1 the ~1 ones|people|one|person ~2 talking|speaking|replying|"
            "answering|posting|chatting ~2 to|for|with|on",
            "=we|=i|agency ~2 do|does ~1 the|all ~1 talking|posting|replying|answering|"
            "chatting|engagement",
            # "they were basically our voice online" (a referee), "we act like we are your
            # employees", "nobody at your company needs to be on social"
            "they|he|she ~3 be|become ~3 our ~1 voice|face",
            "act|pose|pretend|behave ~2 like|as ~3 we|i ~1 be|are|were|was ~2 your ~1 staff|"
            "employees|team|owner|manager|company",
            "nobody|no ~1 one ~2 at|in|on|from ~1 your ~1 company|team|side|staff|business|end ~3 "
            "need|needs|has|have ~1 to",
            "our ~3 team|people|staff|writers|managers|moderators|manager ~3 be|become ~2 the|"
            "your ~1 voice|face ~2 of ~2 your|the ~1 brand|company|business",
            # the object first: "your accounts, we take over completely"
            "your ~1 THEIR_SOCIAL ~3 we|i ~2 RUN|take ~1 over|completely|entirely|fully",
        ),
        # "your staff don't need to be social media experts" frees them of nothing
        unless=(
            "NEG ~1 need|have ~1 to ~1 be|become ~3 expert|experts|specialist|specialists|"
            "influencer|influencers|writers|perfect|pros|professionals",
        ),
    ),
    Rule(
        "free_earned_reach",
        RED,
        0.16,
        gettext_noop("Promises free 'earned' reach instead of a funded, dedicated team."),
        (
            # "earned media does the heavy lifting"
            "earned ~1 media|reach ~3 do|does|did ~1 the ~1 heavy ~1 lifting|work",
            "FREE ~3 REACH",
            "REACH ~4 FREE",
            "REACH ~2 be|is|comes ~2 free",
            "NEG ~2 need ~3 budget|spend|money",
            "NEG ~2 pay|spend ~2 a ~1 thing|penny|cent|dime",
            "EARNED",
            "SPREAD ~2 ITSELF",
            "FREE",
            "rely|lean|count|bank ~3 on ~3 word ~1 of ~1 mouth|share|shares|follower",
            "algorithm ~4 hand|carry|reward|give ~3 reach|free",
            "algorithm ~4 do|does ~4 work|lifting|rest",
            "do|does ~1 the ~1 work|rest ~2 for ~1 free|nothing",
            "REACH|SPREAD|social|post|posts|content|word|share|shares|marketing ~5 FREE_WEAK",
            "FREE_WEAK ~3 REACH|SPREAD|marketing|promotion|advertising|publicity|exposure|growth",
            "social|it|posting|content|reach|marketing ~2 be|cost|costs ~1 FREE_WEAK",
            "unpaid ~2 marketing|team|army|ambassadors|ambassador|salesforce|sales",
            "NEG ~2 need ~2 to ~1 hire|pay|fund|budget|employ|recruit ~1 anyone|anybody|staff|"
            "someone|people",  # "you won't need to hire anyone"
            "REACH ~3 come|comes|grow|grows|happen|happens ~1 naturally|organically",
        ),
        # no money for ads says where the money goes, not that reach is free
        unless=(
            "no|zero|without ~2 budget|spend|money ~3 for|on ~1 ads|advertising|ad|boosting",
            # "No budget, no plan": a condition the consultant sets, not free reach
            "no ~1 budget|money|funding|spend ~1 no ~1 plan|deal|job|work|project|campaign|chance",
        ),
    ),
    Rule(
        "does_it_all",
        RED,
        0.18,
        gettext_noop("Claims to do everything: credible vendors say what they will and won't do."),
        (
            # "we say yes to everything"
            "say ~1 yes ~1 to ~1 everything|anything",
            "say ~1 yes ~1 to ~1 every|any ~1 request|brief|job|ask",
            "ALL_IN_ONE",
            "we|i|they|he|she ~1 OFFER_VERB ~3 EVERYTHING|whatever",
            "we|i|they ~1 OFFER_VERB ~3 every ~1 channel|platform|service|format|need",
            "we|i|they ~1 OFFER_VERB ~3 all ~1 =services|kinds|types|channels|platforms|"
            "disciplines",
            "nothing ~4 we|they|team|i|he|she|agency ~1 NEG ~1 OFFER_VERB",
            "from ~3 SERVICE ~2 to ~3 SERVICE",
            "everything|anything ~1 from ~3 SERVICE ~2 to",
            "no ~1 matter ~1 what ~6 you ~1 need",
            "any ~1 channel|platform|format|budget|industry|sector|service|size ~3 any ~1 channel|"
            "platform|format|budget|industry|sector|service|size",
            "expert|experts|specialist|specialists ~1 in|at|on|across ~1 every|all",
            "no ~1 job|task|project|brief|request ~3 too ~1 big|small|large",
            "whatever ~3 need|needs|want|wants|require|requires ~4 we|i ~2 deliver|do|handle|cover|"
            "provide|can",
            "every ~1 channel|platform|service|format ~2 and ~1 every ~1 "
            "channel|platform|service|format",
            "can ~1 do ~1 everything|anything",
            "everything ~1 else ~14 be ~1 in",
            "OFFER_VERB|handled|covered|included ~2 literally|absolutely ~1 everything|anything",
            "EVERYTHING ~4 =handled|=covered|in-house|=taken ~1 care|in-house|by",
            "NEG ~2 SERVICE|service|thing|channel ~10 fall|falls|sit|sits ~1 outside",
            "for ~1 absolutely|literally|simply ~1 everything",
            "specialist|specialists|expert|experts ~1 in|at ~1 everything|anything|all",
            "every ~1 channel|platform|service|format ~2 and ~1 every ~1 market|need|thing|kind|"
            "type|size|sector",
            "all ~1 handled|covered|done ~1 in-house|internally",
            "never ~3 need|have ~2 another|other ~1 supplier|agency|vendor|partner",
            "name ~1 it ~3 we|i ~2 do|deliver|handle|cover|can|make",  # "name it and we'll do it"
            "only ~1 agency|partner|supplier|vendor|firm|consultant ~3 you ~2 ever ~1 need",
            "any ~1 service|channel|platform|format|thing ~3 you ~2 can ~1 think|imagine|name",
            # "from TikTok to trade shows, from logos to lawsuits"
            "from ~2 PLATFORM|SERVICE ~2 to ~4 from ~3 to",
            "every ~1 channel|platform|service|format|discipline ~3 every ~1 channel|platform|"
            "service|format|market|need|sector|discipline|size",
        ),
    ),
    Rule(
        "single_silo",
        RED,
        0.14,
        gettext_noop(
            "Keeps social inside one team, away from service, PR, product, legal and executives."
        ),
        (
            # "Social lives with marketing. Full stop.", "social is marketing's job"
            "social ~2 live|lives|sit|sits|stay|stays|belong|belongs ~2 with|in ~1 marketing",
            "social ~0 be ~0 marketing ~1 job|responsibility|department|remit",
            # "social stays with my team"
            "social ~1 stay|stays ~2 with ~1 my|our|the ~1 team|department",
            "MARKETING_TEAM ~1 ALONE",
            "MARKETING_TEAM ~6 ALONE_END",
            "your|the ~1 MARKETING_TEAM ~6 ALONE_END",
            "DO_WORK|handled ~3 by ~2 your|the ~1 MARKETING_TEAM ~1 ALONE|ALONE_END",
            "ALONE ~3 MARKETING_TEAM",
            "only|just ~1 the ~1 MARKETING_TEAM",
            "DEPT ~8 away|out ~1 of ~1 it",
            "DEPT ~10 keep|kept ~2 away|out|clear ~1 from|of",
            "other ~1 department ~5 slow|overkill|committee|bother|drag",
            "no ~1 reason|point|need ~2 to ~1 INVOLVE|bring|loop|include|bother ~4 DEPT",
            "nobody|no ~2 else ~6 need|require|bother|involve|have",
            "DEPT ~4 NEG ~2 need|have ~2 to ~2 know|involved|involve|see|hear|bother|be|read|"
            "touch|lift|worry",
            "be ~3 MARKETING_TEAM ~1 job|remit|responsibility|thing|task|function|channel|matter",
            "DEPT ~8 AWAY",
            "only ~1 person|people|contact|one ~8 MARKETING_TEAM",
            "INVOLVE|bring|loop ~4 DEPT ~6 slow|complicate|overkill|drag|delay|bog",
            "MARKETING_TEAM ~3 and ~1 nobody|no ~1 else",
            "DEPT ~4 NEG ~1 hear|see|know|read|touch|lift|worry|bother|get",
            "nobody|no|none ~2 outside|beyond|except ~3 MARKETING_TEAM|team|department|silo",
            "no ~1 sign-off|input|approval ~2 from ~3 DEPT",
            "one|single ~1 person|contact ~3 in|from ~1 MARKETING_TEAM",
            "one ~1 marketing ~1 contact|person",
            "let|leave ~2 MARKETING_TEAM ~2 run|handle|own|do ~1 it|social",
            "no ~1 other ~1 teams|team|departments|department|people ~1 required|needed|involved",
            "MARKETING_TEAM ~6 itself|themselves",
            "DEPT|teams|departments ~3 be ~1 NEG ~1 necessary|needed|required|relevant|involved",
            "MARKETING_TEAM ~2 own|owns|owned ~1 social|it",
            # "only marketing needs to be involved"
            "only|just ~2 MARKETING_TEAM ~4 involved|INVOLVE",
            "DEPT ~3 nothing ~1 to ~1 do ~1 with",  # "customer service has nothing to do with it"
            "only|just|solely ~3 deal|dealt|work|worked|talk|talked|report|reported|speak|spoke|"
            "liaise|liaised ~2 with|to ~2 the|our|your|their ~1 MARKETING_TEAM",
            "deal|dealt|work|worked|talk|talked|liaise|liaised|speak|spoke|report|reported ~1 "
            "only|just|solely|exclusively ~2 with|to ~2 the|our|your|their ~1 MARKETING_TEAM",
            "other ~1 department|departments|team|teams ~6 away|out ~1 from|of",
            "keep|kept|keeping ~4 within|inside ~2 the|your|our ~1 MARKETING_TEAM",
        ),
    ),
    Rule(
        "vanity_metrics",
        RED,
        0.14,
        gettext_noop("Counts followers, likes, impressions or reach as the result that counts."),
        (
            "GROW ~4 VANITY",
            "all|only ~4 talk|talked|care|cared|cares|focus|focused|obsess|obsessed|want|wanted ~2 "
            "about|on|for ~2 be|was|is|were ~2 VANITY",
            "VANITY ~4 GROW",
            "COUNT ~3 VANITY",
            "VANITY ~3 COUNT",
            "MEASURE|MEASURE_WEAK ~4 VANITY",
            "VANITY ~5 measure|matter|number|kpi|count|goal|success|judge|metric|optimise|"
            "optimize|report|figure|figures|star|proof|yardstick|hold|prove|scoreboard|currency|"
            "trophy|headline",
            # "Followers, and lots of them, piling up every week: that's what I'd call a win"
            "VANITY ~8 that|this ~1 be ~1 what ~3 call ~1 a ~1 win|success|result",
            # "KPI for the roofing client is reach"
            "kpi|kpis|goal|target|metric ~6 be ~0 reach|impressions|views|likes|followers",
            # "we'd judge success on one thing: how many views the videos rack up"
            "judge|judged|measure|measured ~1 success ~8 how ~1 many ~1 view|views|like|likes|"
            "follower|followers|impression|impressions",
            "MEASURE|MEASURE_WEAK|report|reported|target|kpi|goal ~12 be ~2 the ~1 VANITY",
            "report|reporting|reported|prove ~4 VANITY",
            "look|looking ~1 at|to ~2 VANITY",
            "VANITY ~3 tell|tells|show|shows ~2 you|us ~1 everything|all",
            "VANITY ~3 go|went|gone|grow|grew|rise|rose|climb|climbed|jump|jumped ~2 from",
            "count|counted|measure|measured ~2 in ~2 VANITY",
            "VANITY ~12 judge|judging|judged|hold ~2 us|me ~1 on|to|by",
            "get|push|drive|boost ~3 VANITY ~1 up|higher",
            "VANITY ~2 go|going|went|gone|goes ~1 up",
            "judge|judged|measure|measured|count|assess ~4 by|on ~4 VANITY",
            "go|going ~1 by ~3 VANITY",
            "VANITY ~4 from ~1 NUM ~1 to ~1 NUM",
            "from ~1 NUM|nothing|zero ~1 to ~1 NUM ~2 VANITY",
            "success|goal|aim|target|kpi ~4 be|is|means ~3 more|bigger|higher|many|lots|loads|"
            "plenty ~2 VANITY",
            "VANITY ~2 be|is ~1 what ~3 show|shows|prove|proves|matter|matters|count|counts",
            "engagement|reach ~3 be|is ~2 the ~2 metric|number|kpi|measure|goal|target|yardstick",
            "reach|reached|seen|viewed ~3 COUNT ~2 people|users|accounts|million|thousand",
            # "seen 20,000 times", not "I've seen it twenty times"
            "seen|viewed ~0 COUNT ~2 times",
            "seen|viewed ~0 over|nearly|almost|about|around ~0 COUNT ~2 times",
            "the ~1 more ~1 VANITY ~2 the ~1 better",
            "GROW ~2 your|the|their ~1 audience|following|fanbase ~4 be ~2 the ~1 main|key|only|"
            "whole|real ~1 goal|aim|point|target|kpi",
        ),
        yields_to=("fake_voices", "platform_only"),
        # a page described by its size ("a page with 80 followers", "it had about 3,000
        # followers") claims no result
        unless=(
            "never|not ~2 as ~2 the|a|an|our ~1 goal|target|kpi|measure|result|aim|point",
            "with ~1 only|just|about|around|barely ~0 COUNT ~1 VANITY",
            "has|had ~1 about|around|roughly|only|just|barely|nearly|almost ~0 COUNT ~1 VANITY",
        ),
        conceded_by=("DISMISSAL", "OUTCOME", "REAL_RESULT"),
    ),
    Rule(
        "platform_only",
        RED,
        0.14,
        gettext_noop(
            "The only background offered is using the platforms: personal accounts, followers, "
            "being always online."
        ),
        (
            # "verified on IG", "online pretty much 24/7"
            "verified ~1 on ~1 PLATFORM",
            "online ~2 24/7|24-7|non-stop|nonstop",
            "PLATFORM_LIFE",
            "my|his|her|own ~2 PLATFORM ~2 account|channel|page|profile|following|follower ~5 "
            "NUM|follower|followers|subscribers|grow|grew|grown|since|year|years",
            "on|use|using ~2 PLATFORM ~4 since|for ~3 year|NUM",
            "PLATFORM ~3 since ~1 NUM",
            "learn ~3 everything ~4 from",
            "personal ~1 PLATFORM",
            "followers|following|subscribers ~2 of ~1 my ~1 own",
            "=i|=we ~3 live|lived|living ~2 on ~1 PLATFORM|social|them",
            "my|his|her|own ~2 PLATFORM ~1 following|grid|fame",
            "NUM ~1 hours ~3 on ~2 social|PLATFORM",
            "SOCIAL_ROLE|social|PLATFORM ~3 be ~1 my ~1 whole|only|entire ~1 background|"
            "experience|career",
            "my ~1 whole|only|entire ~1 background|experience|career ~2 be ~3 SOCIAL_ROLE|social|"
            "PLATFORM",
            # the speaker's own credential, not "from experience, social media is ..."
            "my|his|her|our|whole|only ~2 CREDENTIAL ~4 be|is|was|comes ~4 MY_ACCOUNTS|PLATFORM|"
            "social|being|online",
            "my|his|her|our|whole|only ~2 CREDENTIAL ~4 be|is|was|comes ~3 in|from|on ~2 social|"
            "PLATFORM|networks|media",
            "what ~1 qualifies ~1 me ~4 be|is ~4 MY_ACCOUNTS|PLATFORM|social|being|online|that",
            "CREDENTIAL ~4 learned|learnt|gained|built|earned|picked ~3 on|from|in|running ~2 "
            "MY_ACCOUNTS|PLATFORM",
            "MY_ACCOUNTS ~8 CREDENTIAL",
            "MY_ACCOUNTS|my ~2 PLATFORM ~8 CREDENTIAL|taught|qualifies|qualify",
            "my|own ~2 COUNT ~1 follower|followers|subscriber|subscribers|fans|likes",
            "COUNT ~1 follower|followers|subscriber|subscribers|fans|likes ~3 on ~1 MY_ACCOUNTS|my",
            "=i|=i'm|=am ~3 online ~3 ALWAYS|EVERYWHERE",
            "=i|=we ~3 live|lived|living ~2 on ~1 it",
            "heavy|active|daily|power|avid ~2 PLATFORM|social|social-media ~1 user|users|poster",
            "=i|=i'm|=am|=been ~3 very|really|extremely|super|hugely ~1 active ~2 on ~3 social|"
            "PLATFORM|networks",
        ),
        unless=("NEG ~1 just|only|merely", "outside|beyond ~2 social|PLATFORM|platforms|apps"),
        conceded_by=("DISMISSAL", "FUNCTION", "ORG", "EXPERIENCE"),
    ),
)

RULES_BY_CODE = {rule.code: rule for rule in RULES}

# Each principle of DOMAIN.md both ways: the sign of the real thing and the warning signs
# that break it (the table of tests/data/signals/README.md and docs/scoring.md).
PRINCIPLES: dict[str, tuple[str, ...]] = {
    "market_first": ("platform_campaign_first",),
    "relationships": ("viral_buzz",),
    "listening": ("ignores_market",),
    "contribute_value": ("broadcast_push",),
    "transparency": ("suppresses_criticism", "fake_voices"),
    "buyers_own_people": ("outsourced_community",),
    "funded_team": ("free_earned_reach",),
    "clear_scope": ("does_it_all",),
    "cross_department": ("single_silo",),
    "measurement": ("vanity_metrics",),
    "business_background": ("platform_only",),
}
