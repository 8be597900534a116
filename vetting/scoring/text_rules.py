"""The text rules: one per sign in DOMAIN.md, each principle both ways (the sign of the
real thing and its warning sign), written as patterns over the concepts of `lexicon`.

A pattern is a row of elements separated by spaces:
- `CONCEPT` (upper case): any word or phrase of that concept (`lexicon.CONCEPTS`);
- `word` or `word|other` (lower case): those words, in any inflection;
- `NUM`: a number ("38", "1,400", "two", "a third");
- `NEG`: a negator ("not", "never", "no", "don't", ...);
- `~N` before an element: up to N words may stand between it and the previous element.
So `PUSH ~4 PROMO` matches "push our newest offers" and "blasting the weekly discount".

`inverse`: when this (green) rule is negated or contrasted away by the consultant, the
warning sign fires instead: "we do not spend our time on surveys, research or listening"
is not listening, it is ignoring the market.
`list_ok`: a phrase inside a list counts only when the clause before the list has one of
these concepts ("I ran sales, PR and service" is experience; "we offer sales, PR and
service" names a catalogue).
`unless`: the rule does not fire when its sentence has one of these patterns before the
match ("once we know your audience, a LinkedIn campaign" is not a campaign *first*).
`gather`: also fires when a sentence names at least `count` distinct phrases of the first
concept together with one of the second ("marketing, PR, customer service and legal on
board").
"""

from __future__ import annotations

from dataclasses import dataclass

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
    # Not counted in a sentence where one of these rules fires ("the KPI we agreed was
    # followers" is not measurement, it is vanity).
    yields_to: tuple[str, ...] = ()
    # Patterns whose match is not the speaker's when "our"/"my" stands right before it
    # ("our own people", "our in-house creators" are the agency's, not the buyer's).
    not_after_first_person: bool = False


# The principles, each stated once, as DOMAIN.md states them.
MARKET = (
    "Start from the buyer's target market, timing and message, and ask before prescribing."
)
RELATIONSHIP = "It is a relationship, not a campaign: serve the community's motivations first."
LISTENING = "Listen to what the market thinks: likes, dislikes, whom it trusts."
VALUE = (
    "Give first: add value to the conversation instead of pushing the message; respect how "
    "intrusive a promotion is."
)
REAL = (
    "Be real: open, honest, direct and transparent; treat feedback, good and bad, as a gift "
    "and own bad feedback in the open."
)
IN_HOUSE = (
    "Community involvement cannot be outsourced: the buyer's own people do the work, "
    "coached by the consultant."
)
FUNDED = "A dedicated, paid team builds social credibility: free earned reach is not a plan."
SCOPE = "Credible vendors say clearly what they will and won't do."
SILOS = (
    "Social cuts across silos: marketing, PR, customer service, product, legal and "
    "executives all on board."
)
MEASURED = "Measurable results: revenue, leads, list and database growth, coverage."
BACKGROUND = (
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
            "UNDERSTAND ~3 who|whom|what|when|where ~5 MARKET|you|they|them|your",
            "who ~3 buy|book|pay|use|shop|choose|order|hire|decide|reach|MARKET",
            "MARKET ~3 be|are ~0 who|what",
            "start|begin ~3 with|from ~3 your|the ~1 GOAL|MARKET",
            "TIMING",
            "MESSAGE ~0 be|is|are|matter|land",
            "key|core|right|one ~1 message",
            "ASK ~4 before",
            "MARKET|GOAL|UNDERSTAND|ASK|who ~12 before ~3 PRESCRIBE|CHANNEL|anything",
            "question ~2 not ~1 answer",
        ),
        inverse="ignores_market",
    ),
    Rule(
        "relationships",
        GREEN,
        0.10,
        RELATIONSHIP,
        (
            "relationship|rapport|loyalty|goodwill|bond|dialogue|belonging|advocate|friendship",
            "two-way|two way|long-term|long term|lasting",
            "BUILD ~3 RELATION",
            "BUILD ~3 something|anything ~3 last|lasts",
            "get ~1 to ~1 know ~3 people|MARKET|community|you|them",
            "know ~4 by ~1 name",
            "show|turn ~1 up ~3 for|every|week|month",
            "miss ~1 you",
            "neighbour|neighbor",
            "relate|relating ~3 MARKET|people|them",
            "community ~3 first|motivation|interest|need",
            "motivation ~3 of ~2 community|MARKET|member",
            "keep ~2 come ~1 back",
            "repeat|returning|loyal ~1 customer|guest|member|visitor",
        ),
    ),
    Rule(
        "listening",
        GREEN,
        0.10,
        LISTENING,
        (
            "LISTEN",
            "STUDY ~5 VOICE_OF_MARKET",
            "VOICE_OF_MARKET ~6 STUDY",
            "STUDY|LISTEN|find|learn ~6 what ~4 MARKET|people|they|customer|buyer|guest|patient ~3 "
            "say|think|like|dislike|love|hate|complain|trust|want|need|mock|care|fear|worry|"
            "ask|use|expect|mean|read|feel",
            "RESEARCH",
            "hear ~3 from",
        ),
        inverse="ignores_market",
        yields_to=("ignores_market",),
    ),
    Rule(
        "contribute_value",
        GREEN,
        0.08,
        VALUE,
        (
            "GIVE ~3 VALUE",
            "VALUE ~6 GIVE",
            "GIVE_FIRST",
            "HELP ~3 MARKET|people|them|they|someone|decide|friend",
            "useful|helpful|practical ~2 thing|content|guide|answer|advice|post|resource",
            "answer ~3 question",
            "something ~2 worth|useful|helpful",
            "thank ~2 you|us ~2 for",
        ),
    ),
    Rule(
        "transparency",
        GREEN,
        0.10,
        REAL,
        (
            "transparent|transparency|honest|honesty|candid|candour|candor|openness|truthful|"
            "upfront|frank|sincere",
            "open ~2 and|honest",
            "straight ~1 with|away",
            "tell ~3 straight|truth|plainly",
            "OWN ~4 CRITICISM",
            "CRITICISM ~6 GIFT",
            "feedback ~6 gift",
            "OWN ~4 PUBLIC",
            "say ~2 who ~1 speak",
            "disclose|disclosure|admit|apologise|apologize|apology",
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
            "report|reporting ~4 OUTCOME|MEASURE|monthly|weekly|every|number",
            "GROW ~4 OUTCOME",
            "OUTCOME ~4 GROW",
            "NUM ~3 OUTCOME",
            "OUTCOME ~3 NUM",
            "NUM ~1 %|percent",
            "from ~1 NUM ~1 to ~1 NUM ~3 OUTCOME",
            "OUTCOME ~4 from ~1 NUM ~1 to ~1 NUM",
            "double|triple|doubled|tripled|halve|halved",
        ),
        yields_to=("vanity_metrics",),
    ),
    Rule(
        "cross_department",
        GREEN,
        0.10,
        SILOS,
        (
            "SILOS",
            "INVOLVE ~5 DEPT",
            "DEPT ~5 INVOLVE",
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
            "YOUR ~2 PEOPLE",
            "COACH ~3 YOUR|them|PEOPLE|your",
            "inside ~2 your ~1 company|business|organisation|organization|team",
            "hand ~2 over|back",
            "step ~1 back|away",
            "PEOPLE ~3 do ~2 that",
            "employee ~1 advocacy",
            "internal ~1 champion|ambassador|expert",
        ),
        inverse="outsourced_community",
        not_after_first_person=True,
    ),
    Rule(
        "funded_team",
        GREEN,
        0.12,
        FUNDED,
        (
            "dedicated|paid|funded|salaried|full-time|full time|part-time|part time ~2 "
            "TEAM_NOUN",
            "headcount",
            "MONEY ~5 TEAM_NOUN",
            "TEAM_NOUN ~5 MONEY|cost|pay|paid|afford",
            "hire|recruit|appoint|staff|fund|resource|invest ~4 TEAM_NOUN|someone|person",
            "staffing|resourcing|funding",
            "social ~1 be ~0 NEG ~0 free",
            "take|takes ~3 time ~2 and ~1 money",
        ),
        inverse="free_earned_reach",
    ),
    Rule(
        "clear_scope",
        GREEN,
        0.12,
        SCOPE,
        (
            "SCOPE_WORD",
            "we|i|she|he|they ~2 NEG ~2 OFFER_VERB ~3 SERVICE|PLATFORM|paid",
            "we ~2 only ~2 OFFER_VERB",
            "OFFER_VERB ~2 only|exactly|just ~2 one",
            "what ~2 we|they|i ~2 will|do ~2 and ~1 NEG|won't",
            "specialise|specialize ~2 in ~3 SERVICE|one|only",
            "turn ~1 down ~3 work|brief|request|client|project",
        ),
        inverse="does_it_all",
    ),
    Rule(
        "business_background",
        GREEN,
        0.12,
        BACKGROUND,
        (
            "i|she|he|we|my|her|his ~3 EXPERIENCE ~5 FUNCTION",
            "background ~3 be|in ~3 FUNCTION",
            "FUNCTION ~1 manager|director|lead|head|executive|officer|rep|representative",
            "head ~1 of ~1 FUNCTION",
            "p&l|quota|payroll",
            "profit ~1 and ~1 loss",
            "report ~1 to ~1 me",
            "revenue|sales ~1 target",
        ),
        inverse="platform_only",
        list_ok=("EXPERIENCE",),
    ),
    # --- Red: warning signs ------------------------------------------------------------
    Rule(
        "platform_campaign_first",
        RED,
        0.20,
        "The first recommendation is a campaign on one platform, before understanding the "
        "audience and goals.",
        (
            "PLATFORM ~2 CAMPAIGN",
            "CAMPAIGN ~3 on ~1 PLATFORM",
            "FIRST ~6 START ~4 PLATFORM|CAMPAIGN",
            "start|begin|open|lead|kick ~1 with|on ~3 PLATFORM|CAMPAIGN",
            "get ~2 you ~1 on ~1 PLATFORM",
        ),
        unless=(
            "once|after|until ~8 UNDERSTAND|RESEARCH|MARKET|LISTEN",
            "UNDERSTAND|LISTEN ~6 first|before",
        ),
    ),
    Rule(
        "viral_buzz",
        RED,
        0.18,
        "The plan is to go viral or build buzz: trying to capture lightning in a bottle.",
        (
            "VIRAL",
            "jump|ride|hijack ~3 trend|trending",
            "millions ~2 of ~1 view|people",
            "NUM ~1 million ~1 view",
        ),
    ),
    Rule(
        "ignores_market",
        RED,
        0.16,
        "Skips listening and research: 'we already know what works'.",
        (
            "KNOW_ALREADY",
            "RESEARCH ~5 WASTE",
            "WASTE ~5 RESEARCH",
            "guess ~3 what|who",
            "no ~1 need ~1 to ~2 ask|study|research|understand",
        ),
    ),
    Rule(
        "broadcast_push",
        RED,
        0.16,
        "Broadcast or push tactics: ads and offers pushed into people's feeds, feeds that only "
        "repeat company news, posting everywhere all the time.",
        (
            "PUSH ~4 PROMO",
            "PROMO ~4 PUSH",
            "PUSH ~5 FEED",
            "PROMO ~4 into|in|to|across|onto ~3 FEED",
            "post|publish|share|repost|push ~4 EVERYWHERE|ALWAYS",
            "EVERYWHERE ~3 ALWAYS",
            "ONLY_NEWS",
            "PROMO ~4 ALWAYS|EVERYWHERE",
            "ALWAYS ~4 PROMO",
            "as ~1 often ~1 as ~1 possible",
            "dm|message|email|text ~3 every|all|everyone|whole",
            "spam|blast",
            "in ~1 front ~1 of ~1 them|people ~3 as ~1 often",
        ),
    ),
    Rule(
        "suppresses_criticism",
        RED,
        0.16,
        "Hides, deletes or buries bad feedback, or spins it, instead of owning it.",
        (
            "SUPPRESS ~5 CRITICISM",
            "CRITICISM ~6 SUPPRESS",
            "SPIN",
            "flood|drown ~5 conversation|complaint|thread",
        ),
    ),
    Rule(
        "fake_voices",
        RED,
        0.16,
        "Fake voices: hired posters, fake accounts, bots, bought followers or reviews, a network "
        "of accounts posting one message.",
        (
            "BOTS",
            "FAKE ~2 VOICE",
            "BUY ~4 VOICE",
            "NETWORK ~2 of ~3 VOICE|PEOPLE|poster|NUM",
            "hire ~3 poster|people ~2 to ~1 post",
            "VOICE ~6 actually|really ~3 our ~1 staff|team|people",
            "staff ~1 account",
        ),
    ),
    Rule(
        "outsourced_community",
        RED,
        0.16,
        "Offers to run the community for the buyer: the relationship is outsourced and the "
        "buyer's people need not be involved.",
        (
            "RUN ~2 your|all|whole ~3 THEIR_SOCIAL",
            "ON_BEHALF",
            "post|reply|speak|answer|moderate|write|talk ~3 as ~1 you",
            "become|be ~2 your|their ~1 voice",
            "RUN ~4 for ~1 you",
            "YOUR ~2 PEOPLE ~4 FREE_PEOPLE",
            "FREE_PEOPLE ~3 YOUR ~2 PEOPLE",
            "hand ~3 whole|everything|all ~3 to ~1 us",
            "our ~2 PEOPLE|team ~3 rather ~1 than ~1 yours",
            "take ~2 it ~1 from ~1 there",
        ),
    ),
    Rule(
        "free_earned_reach",
        RED,
        0.16,
        "Promises free 'earned' reach instead of a funded, dedicated team.",
        (
            "FREE ~3 REACH",
            "REACH ~4 FREE",
            "EARNED",
            "SPREAD ~2 ITSELF",
            "FREE",
            "rely|lean|count|bank ~3 on ~3 word ~1 of ~1 mouth|share|shares|follower",
            "algorithm ~4 hand|carry|reward|give ~3 reach|free",
            "do|does ~1 the ~1 work|rest ~2 for ~1 free|nothing",
        ),
    ),
    Rule(
        "does_it_all",
        RED,
        0.18,
        "Claims to do everything: credible vendors say what they will and won't do.",
        (
            "ALL_IN_ONE",
            "OFFER_VERB ~3 EVERYTHING",
            "can ~1 do ~1 everything|anything",
        ),
    ),
    Rule(
        "single_silo",
        RED,
        0.14,
        "Keeps social inside one team, away from service, PR, product, legal and executives.",
        (
            "MARKETING_TEAM ~6 ALONE",
            "ALONE ~4 MARKETING_TEAM",
            "DEPT ~8 away|out ~1 of ~1 it",
            "other ~1 department ~5 slow|overkill|committee|bother|drag",
            "nobody|no ~2 else ~4 need|require|bother|involve",
        ),
    ),
    Rule(
        "vanity_metrics",
        RED,
        0.14,
        "Counts followers, likes, impressions or reach as the result that counts.",
        (
            "GROW ~4 VANITY",
            "VANITY ~4 GROW",
            "NUM ~3 VANITY",
            "VANITY ~3 NUM",
            "MEASURE ~4 VANITY",
            "VANITY ~5 measure|matter|number|kpi|count|goal|success|judge|metric|optimise|"
            "optimize|report",
            "vanity",
        ),
    ),
    Rule(
        "platform_only",
        RED,
        0.14,
        "The only background offered is using the platforms: personal accounts, followers, "
        "being always online.",
        (
            "PLATFORM_LIFE",
            "my|his|her|own ~2 PLATFORM ~2 account|channel|page|profile|following|follower",
            "on|use|using ~2 PLATFORM ~4 since|for ~3 year|NUM",
            "PLATFORM ~3 since ~1 NUM",
            "learn ~3 everything ~4 from",
        ),
    ),
)

RULES_BY_CODE = {rule.code: rule for rule in RULES}
