"""The explainable text signals (vetting.scoring.text_signals): rules read concepts in any
inflection and word order, in the scope a reader would give them (negation and contrast
over the clause, what others do, lists, sarcasm), one rule per span, and every signal cites
its rule, principle, matched words and clause. Pure: no database. The corpus gate is in
test_signal_corpus.py."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vetting.scoring import weighing
from vetting.scoring.language import Reading
from vetting.scoring.text_rules import RULES_BY_CODE
from vetting.scoring.text_signals import (
    BASELINE,
    GREEN,
    RED,
    _analyse,
    find_signals,
    text_score,
)


def codes(text: str) -> set[str]:
    return {signal.code for signal in find_signals(text)}


def warning_signs(text: str) -> set[str]:
    return {signal.code for signal in find_signals(text) if signal.polarity == RED}


def rules_alone(text: str, monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """The warning signs the rules raise before any weighing (no weights learned)."""
    monkeypatch.setattr(weighing, "model", lambda: None)
    _analyse.cache_clear()
    try:
        return warning_signs(text)
    finally:
        monkeypatch.undo()
        _analyse.cache_clear()


def warns_only_as_the_speakers_own(not_own: str, own: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The speaker's own tactic warns, with the weighing and by the rules alone; the same
    tactic mocked, refused or told of someone else does neither."""
    assert warning_signs(own)
    assert rules_alone(own, monkeypatch)
    assert warning_signs(not_own) == set()
    assert rules_alone(not_own, monkeypatch) == set()


# --- Concepts, not exact words ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # paraphrase
        ("Your own staff answer the community; I coach them.", "buyers_own_people"),
        ("We cover every channel and service you will ever need.", "does_it_all"),
        ("Your feed would only repeat company news and press releases.", "broadcast_push"),
        # inflection and word order
        ("We start by hiring posters to talk up the launch.", "fake_voices"),
        ("We push our newest offers into their feeds every day.", "broadcast_push"),
        ("Your discount codes get blasted into every Facebook group.", "broadcast_push"),
        ("We bought followers for the account.", "fake_voices"),
        # classes of phrasing, not single phrases
        ("Every Friday your whole mailing list gets the weekend offer.", "broadcast_push"),
        ("We text your customers three offers a week.", "broadcast_push"),
        ("We start every client on Instagram, then add channels.", "platform_campaign_first"),
        ("Let's get a LinkedIn newsletter out the door in week one.", "platform_campaign_first"),
        ("Reviews would be posted from customer-looking accounts.", "fake_voices"),
        ("We'd boost the page with a follower bundle from a supplier.", "fake_voices"),
        ("We think of the followers as members of a club.", "relationships"),
        ("I'd set up a rota so two people from your team cover the comments.", "buyers_own_people"),
        ("My background is my own TikTok, which has 80,000 followers.", "platform_only"),
        # said by writers the rules had not read (corpus batch 12's classes)
        ("For the florist, the KPI is reach, full stop.", "vanity_metrics"),
        ("Views are the scoreboard; we'll get you plenty.", "vanity_metrics"),
        ("Our team turns off reviews whenever a bad week comes.", "suppresses_criticism"),
        (
            "Anything awkward gets quietly removed before the client wakes up.",
            "suppresses_criticism",
        ),
        ("We add a few hundred followers a week from our growth network.", "fake_voices"),
        ("Two of our interns post as happy customers in the local groups.", "fake_voices"),
        ("Social lives with marketing; nobody else touches it.", "single_silo"),
        ("We say yes to everything a client asks.", "does_it_all"),
        ("Earned media does the heavy lifting, so the budget stays at zero.", "free_earned_reach"),
        ("What we chase is the breakout post.", "viral_buzz"),
        ("I'm not above a viral stunt when sales are slow.", "viral_buzz"),
        ("If a bad review appears, we push it down with fresh posts.", "suppresses_criticism"),
        ("Any sour comments get deleted the same day.", "suppresses_criticism"),
        ("Our moderators make sure nothing embarrassing stays visible.", "suppresses_criticism"),
        ("We'd hide any comments about the merger.", "suppresses_criticism"),
    ],
)
def test_a_sign_said_in_other_words_or_forms_raises_its_rule(text: str, code: str) -> None:
    assert code in codes(text)


# --- Scope ----------------------------------------------------------------------------------


def test_a_negator_reaches_the_end_of_its_clause_and_turns_listening_into_ignoring() -> None:
    found = codes("We do not spend our time on surveys, research or listening.")

    assert "listening" not in found
    assert "ignores_market" in found


def test_a_negation_stops_where_a_new_clause_starts() -> None:
    assert "viral_buzz" in codes("Don't worry, we'll go viral.")
    assert "does_it_all" in codes("We don't go viral but we do it all.")


def test_a_phrase_negated_after_it_raises_nothing() -> None:
    assert find_signals("Buying followers is not something we do.") == ()
    assert "viral_buzz" not in codes("Going viral has never been the goal.")


def test_a_contrast_about_other_agencies_is_not_the_consultants_own_stance() -> None:
    found = codes("Unlike most agencies, who promise virality, we build relationships.")

    assert "viral_buzz" not in found
    assert "relationships" in found


def test_what_clients_ask_for_is_not_what_the_consultant_recommends() -> None:
    assert "viral_buzz" not in codes("Clients often ask us to make them go viral.")


def test_instead_of_and_rather_than_turn_away_from_what_follows() -> None:
    found = codes("Instead of blasting offers, we answer people's questions.")

    assert "broadcast_push" not in found
    assert "contribute_value" in found


def test_a_relationship_not_a_twitter_campaign_is_green_only() -> None:
    signals = find_signals("It is a relationship, not a Twitter campaign.")

    assert {s.polarity for s in signals} == {GREEN}


def test_sarcasm_turns_the_tactic_it_mocks_around() -> None:
    assert "fake_voices" not in codes("Buy ten thousand followers. What could go wrong?")


def test_never_ever_is_still_a_negation() -> None:
    assert find_signals("We never, ever buy followers.") == ()


def test_a_fronted_contrast_ends_at_its_comma() -> None:
    found = codes("Instead of us speaking for you, your own people would reply, with our playbook.")

    assert "buyers_own_people" in found
    assert "outsourced_community" not in found


def test_a_match_turned_away_before_its_last_word_does_not_count() -> None:
    found = codes("We'd judge success by bookings rather than followers.")

    assert "measurement" in found
    assert "vanity_metrics" not in found
    assert "measurement" in codes("We measure leads, not likes.")


@pytest.mark.parametrize(
    "text",
    [
        "If we ever bought followers, you'd have every right to fire us.",
        "If you're looking for someone to go viral for you, I'm not your consultant.",
        "You could delete the angry comments, but we'd answer them instead.",
        "It would be a mistake to keep customer service out of it.",
        "Hiring people to post fake reviews is illegal in the UK.",
        "Early in my career I bought followers for a client; it was a mistake I've never repeated.",
        "We were asked to set up fake accounts once. We walked away from the contract.",
        "Bots, fake accounts and paid commenters are off the table for every client we take on.",
        "Things I'd never do: run your community for you, spam your customers, or go viral.",
        "Yes, let's delete every complaint and hope nobody notices. Brilliant plan.",
    ],
)
def test_conditions_concessions_mistakes_and_refusals_raise_no_red_signal(text: str) -> None:
    assert not warning_signs(text)


@pytest.mark.parametrize(
    ("refused", "said"),
    [
        (  # a question the next sentence refuses
            "Buy a few thousand followers to look busy? No, we build an audience that is yours.",
            "We will buy a few thousand followers to look busy.",
        ),
        (
            "Cut the research to save a week? I wouldn't; it is where the plan comes from.",
            "We cut the research to save a week.",
        ),
        (  # refusals said as idioms, before or after the colon
            "Bought likes and bot comments: a door we closed years ago.",
            "Bought likes and bot comments get you started.",
        ),
        (
            "'Your audience will find you for free' is a line you'll never hear from me.",
            "Your audience will find you for free.",
        ),
        (  # what opens a reply before its refusal
            "run your community for you so nobody on your team has to bother? lol no. not me.",
            "we run your community for you so nobody on your team has to bother.",
        ),
        (  # a spoken answer's hesitations are not words
            "Going viral wasn't, um, something she ever promised.",
            "Going viral was, um, what she promised us.",
        ),
        (  # "our competitor" is someone else
            "Our competitor spams the same discount into every feed.",
            "We spam the same discount into every feed.",
        ),
    ],
)
def test_a_tactic_refused_in_reply_or_by_an_idiom_raises_nothing_where_it_said_would(
    refused: str, said: str
) -> None:
    assert warning_signs(said)
    assert not warning_signs(refused)


@pytest.mark.parametrize(
    ("others", "own"),
    [
        (
            "The agency we had before bought followers for the launch.",
            "We bought followers for the launch.",
        ),
        (
            "Your last firm ran the whole page and spoke as the bakery.",
            "We run the whole page and speak as the bakery.",
        ),
        (
            "What most hotels do is chase a viral moment every summer.",
            "We chase a viral moment every summer.",
        ),
        (
            "In many law firms social media sits with one marketing assistant.",
            "Here social media sits with one marketing assistant.",
        ),
        (  # in an evaluator's note, the bidder under assessment is the one vetted
            "Other bidders propose to buy followers for the launch.",
            "The bidder under assessment proposes to buy followers for the launch.",
        ),
    ],
)
def test_what_a_former_agency_or_most_others_do_is_not_the_consultants_own_tactic(
    others: str, own: str
) -> None:
    assert warning_signs(own)
    assert not warning_signs(others)


@pytest.mark.parametrize(
    "text",
    [
        "Listening is not something we skip.",
        "Listening is not something we would ever drop.",
        "Research is not something I'd cut.",
    ],
)
def test_refusing_to_drop_a_sign_of_the_real_thing_is_no_warning_sign(text: str) -> None:
    assert not warning_signs(text)


def test_telling_a_sign_from_its_wrong_idea_is_not_refusing_it() -> None:
    # the demo's strongest consultant had been flagged for skipping research by this
    told_apart = (
        "A listening programme is not a follower count: the board needs to know what "
        "finance leaders say about you and your competitors."
    )

    assert codes(told_apart) >= {"listening"}
    assert "ignores_market" not in codes(told_apart)
    assert "ignores_market" in codes("Listening is not a priority for us.")
    assert not {s.code for s in find_signals("Buying followers is not a campaign we'd run.")}


@pytest.mark.parametrize(
    ("replaced", "kept"),
    [
        (  # the demo's retail consultant had a red flag for giveaways from this
            "We replaced giveaways with useful content that asked for an email in return.",
            "Every month we ran giveaways that asked for an email in return.",
        ),
        (
            "We swapped the weekly giveaway for a monthly Q&A.",
            "We added a weekly giveaway to the monthly Q&A.",
        ),
    ],
)
def test_what_a_consultant_replaced_is_left_behind(replaced: str, kept: str) -> None:
    assert "viral_buzz" in codes(kept)
    assert "viral_buzz" not in codes(replaced)


def test_a_refused_sign_does_not_fire_where_the_same_sign_counts() -> None:
    found = codes("Listening to the drivers' forums told us more than any survey would have.")

    assert "listening" in found
    assert "ignores_market" not in found


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # one way of writing is not the rule: no comma, a dash, no apostrophe, I for we
        (
            "Unlike agencies that scrub negative comments we leave them up and reply.",
            "transparency",
        ),
        ("Rather than waiting months for followers - we'll buy a base of 10k.", "fake_voices"),
        ("We dont research the audience; we already know what works.", "ignores_market"),
        ("There's nothing in marketing I can't handle for you.", "does_it_all"),
        ("Our team will push your offers into people's feeds every day.", "broadcast_push"),
    ],
)
def test_a_sign_read_whatever_the_punctuation_and_person(text: str, code: str) -> None:
    assert code in codes(text)


def test_what_others_are_reported_to_say_goes_on_after_a_semicolon() -> None:
    found = codes("Most consultants promise that they never admit fault; they keep the page clean.")

    assert "suppresses_criticism" not in found


def test_who_after_a_noun_of_people_describes_them_it_does_not_ask() -> None:
    assert "market_first" not in codes("Relationships with the people who already buy from you.")
    assert "market_first" in codes("I'd want to know who buys from you and why.")


# --- Lists and double counting -----------------------------------------------------------------


def test_a_list_of_services_is_not_evidence_of_doing_them() -> None:
    found = codes(
        "Our services: social listening, community building, PR, customer service, reporting, "
        "ads, SEO, video, web design and email."
    )

    assert not {"listening", "relationships", "cross_department", "measurement"} & found
    assert "does_it_all" in found


def test_one_span_fires_one_rule() -> None:
    found = codes("We will run your community for you.")

    assert "outsourced_community" in found
    assert "relationships" not in found


def test_freeing_the_buyers_people_from_the_work_is_outsourcing_not_involving_them() -> None:
    found = codes("We take over your accounts so your staff can focus on their real jobs.")

    assert "outsourced_community" in found
    assert "buyers_own_people" not in found


# --- Explanations --------------------------------------------------------------------------------


def test_each_signal_cites_its_span_rule_principle_words_and_clause() -> None:
    text = "Honestly, we push our newest offers into people's feeds every day."

    signal = next(s for s in find_signals(text) if s.code == "broadcast_push")

    rule = RULES_BY_CODE["broadcast_push"]
    assert (signal.polarity, signal.weight, signal.principle) == (RED, rule.weight, rule.principle)
    assert signal.text == text[signal.start : signal.end]
    assert signal.words and all(word in text for word in signal.words)
    assert signal.clause in text
    assert signal.as_dict()["words"] == list(signal.words)


def test_a_refused_sign_of_the_real_thing_says_which_it_refuses() -> None:
    signal = next(
        s for s in find_signals("We have no time for surveys.") if s.code == "ignores_market"
    )

    assert signal.via == "listening"


# --- Score ---------------------------------------------------------------------------------------


def test_red_signals_lower_the_text_score_and_green_ones_raise_it() -> None:
    assert text_score(find_signals("We build relationships and listen.")) > BASELINE
    assert text_score(find_signals("We will make you go viral.")) < BASELINE
    assert text_score(()) == BASELINE


@settings(max_examples=60, deadline=None, database=None)
@given(st.text(max_size=300))
def test_any_text_gives_signals_with_spans_inside_it_and_a_score_in_bounds(text: str) -> None:
    signals = find_signals(text)

    for signal in signals:
        assert 0 <= signal.start < signal.end <= len(text)
        assert text[signal.start : signal.end] == signal.text
    assert 0.0 <= text_score(signals) <= 1.0
    assert find_signals(text) == signals  # deterministic


def test_a_filler_written_in_capitals_is_a_word() -> None:
    assert "er" in [t.text for t in Reading("The ER nurses answer patients online.").tokens]
    assert "er" not in [t.text for t in Reading("She, er, answered patients online.").tokens]


def test_a_spoken_answer_is_cited_as_said_hesitations_and_all() -> None:
    text = "Uh, she promised us, um, that we'd go viral within a month."

    (signal,) = (s for s in find_signals(text) if s.code == "viral_buzz")

    assert text[signal.start : signal.end] == signal.text
    assert "viral" in signal.text


def test_a_filler_between_two_clauses_leaves_them_two() -> None:
    text = (
        "She was clear from the start that she wouldn't be the voice of the brand, um, she "
        "trained our own support team to do that."
    )

    assert "outsourced_community" not in warning_signs(text)
    assert "buyers_own_people" in codes(text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # a "no-" noun negates nothing
        ("Having run a dental reception, I know what a no-show costs.", "suppresses_criticism"),
        # in a tender the supplier is the bidder; "reviews" can be a verb
        ("The Supplier regards adverse comment as a gift and answers it openly.", "fake_voices"),
        ("Counsel reviews their panel every spring, so we time our messages to it.", "fake_voices"),
        # paid advertising is advertising, not a paid voice
        ("We will not deliver the operation of paid advertising accounts.", "fake_voices"),
        # how often the speaker saw something, not an audience
        ("If nobody is paid, it stops after a month; I've seen it twenty times.", "vanity_metrics"),
        # a tracking link measures; a booking link pushes
        (
            "She tied every post to a tracking link to see which ones brought donations.",
            "broadcast_push",
        ),
        # the customers write their reviews
        ("We'll start from what your customers already write in their reviews.", "fake_voices"),
        # "before we changed anything" is listening first, not a campaign first
        (
            "I listened for weeks in their Facebook groups before we changed anything.",
            "platform_campaign_first",
        ),
        # a comma between two words is not one phrase
        ("Customers, fleet managers and parents each need a different message.", "fake_voices"),
        # the negation turns the first clause, not the one after the comma
        ("The question isn't which app, it's who your customers are.", "ignores_market"),
        # "who they didn't" is elliptical: it negates nothing before it
        (
            "She read what people said about us, and who they trusted and who they didn't.",
            "ignores_market",
        ),
        # found on the demo's score page: a measured result's purchases buy no followers
        (
            "Campaigns returned 4.2 times their cost in repeat purchases over three years.",
            "fake_voices",
        ),
        # a reversal read past an aside between commas
        (
            "Hide the bad reviews and perhaps the bad service will disappear too. "
            "That is not, in our experience, how it works.",
            "suppresses_criticism",
        ),
        # "the agency before us, who ..." is someone else, not a new clause
        (
            "Unlike the agency before us, who paid students to post fake praise, we ask real "
            "graduates whether they want to tell their own stories.",
            "fake_voices",
        ),
        # a header refusing what follows it
        (
            "What's in: strategy, training for your staff.\n"
            "What's not: paid ads, or answering messages on your behalf.",
            "outsourced_community",
        ),
    ],
)
def test_words_that_only_look_like_a_warning_sign_raise_none(
    text: str, code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert code not in warning_signs(text)
    # ... and not because the weighing learned to drop it: no phrase of the rule matches
    assert code not in rules_alone(text, monkeypatch)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("We'll add paid fans to your page.", "fake_voices"),
        ("Every post ends with a booking link.", "broadcast_push"),
        ("We wrote the reviews ourselves.", "fake_voices"),
        ("We'd launch Facebook ads before we've even met your team.", "platform_campaign_first"),
        ("A bot network will post for you.", "fake_voices"),
    ],
)
def test_the_warning_signs_those_phrases_were_written_for_still_raise(
    text: str, code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert code in warning_signs(text)
    assert code in rules_alone(text, monkeypatch)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # the consultant in the first person as the owner, or on the buyer's behalf
        ("Our writers reply as the dentist, in the first person.", "outsourced_community"),
        ("Our writers reply to residents on the Council's behalf.", "outsourced_community"),
        ("Every message your customers send, our team answers it for you.", "outsourced_community"),
        ("Replying and moderating are all taken care of by our managers.", "outsourced_community"),
        (
            "She'd be the brand online, so nobody at the firm had to be involved.",
            "outsourced_community",
        ),
        ("Chatting with the drinkers is our job.", "outsourced_community"),
        # the agency's people or friends praising as if customers
        ("We'll hire students to leave glowing comments under your posts.", "fake_voices"),
        ("Every employee at our agency will leave the hotel a glowing review.", "fake_voices"),
        ("Sockpuppets work.", "fake_voices"),
        # the same offer again and again; a feed of company news
        ("We send the offer to every inbox daily.", "broadcast_push"),
        ("Company news only, that's our feed policy.", "broadcast_push"),
    ],
)
def test_warning_signs_said_in_words_the_rules_learned_from_misreads(
    text: str, code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert code in rules_alone(text, monkeypatch)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("We ask your staff to answer reviews, good and bad.", "fake_voices"),
        ("We write on our own behalf about what we learned.", "outsourced_community"),
        ("Your staff reply as themselves, coached by us.", "outsourced_community"),
        ("We post helpful tips daily.", "broadcast_push"),
    ],
)
def test_the_sign_of_the_real_thing_beside_those_words_raises_no_warning(
    text: str, code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert code not in warning_signs(text)
    assert code not in rules_alone(text, monkeypatch)


def test_a_list_of_exclusions_states_the_scope() -> None:
    text = "Excluded: advertising, influencer deals and creative production."

    assert "clear_scope" in codes(text)
    assert "clear_scope" in {s.code for s in find_signals(text)}


def test_nobody_excluded_from_a_conversation_refuses_no_scope() -> None:
    assert "does_it_all" not in warning_signs("No one is excluded from the conversation.")


def test_that_is_not_how_we_work_refuses_what_came_before_and_claims_nothing() -> None:
    assert warning_signs("Post offers every day. That is not how we work.") == set()
    assert "clear_scope" in codes("Paid ads? That's not us.")


@pytest.mark.parametrize(
    ("not_own", "own"),
    [
        (  # whom someone else hired
            "Our sister hotel hired someone who spammed guests with offers every day.",
            "We hired someone who spams guests with offers every day.",
        ),
        (  # what prospects ask for, under a header
            "What prospects usually ask for: a viral video and a big giveaway.",
            "What we usually propose: a viral video and a big giveaway.",
        ),
        ("The tender asks bidders to guarantee viral reach.", "We guarantee viral reach."),
        (  # an agency's promise, in a clause after "us"
            "Clients come to us after an agency promised them thousands of fake followers.",
            "We promise clients thousands of fake followers.",
        ),
        (  # a header that says what is not included
            "Here is what you don't get: posting on your behalf or speaking as your brand.",
            "Here is what you get: posting on your behalf and speaking as your brand.",
        ),
        (
            "Speaking as your brand while your staff sit it out? You won't catch me doing that.",
            "Speaking as your brand while your staff sit it out is what we do.",
        ),
        (  # a lesson learned
            "I got burned early on by launching campaigns without asking who the audience was.",
            "We launch campaigns without asking who the audience is.",
        ),
        (  # "they'd bought" is "they had bought": the scene before
            "The bakery came to us burned: they'd bought followers and fake reviews.",
            "The bakery came to us and we bought followers and fake reviews.",
        ),
        (  # a sarcastic answer to a question
            "You have eighty thousand followers on your travel account? Then you're clearly "
            "ready to run a bank's social media.",
            "I have eighty thousand followers on my travel account, so I am ready to run a "
            "bank's social media.",
        ),
        (  # an idea named to dismiss it
            "The idea that reach will just arrive for free is how charities end up with a dead "
            "page.",
            "Reach will just arrive for free, so the charity needs no budget.",
        ),
        (  # "yet another" opens no clause: the contrast reaches it
            "Rather than pushing yet another promo into people's feeds, we answer their questions.",
            "We push yet another promo into people's feeds.",
        ),
        (
            "Oh yeah, because what your customers really want is a fourth promo in their feed "
            "before lunch.",
            "We put a fourth promo in their feed before lunch.",
        ),
        (  # an indirect question names what it asks about
            "Should we push the offers harder, I asked her once.",
            "We push the offers harder, I told her once.",
        ),
        (
            "Your question was whether we'd speak as your brand. Short answer: no.",
            "Your question was about posting. We'd speak as your brand.",
        ),
        (  # "only now and then" limits how often, not what
            "Most posts are simply useful, with the offer only now and then.",
            "Most posts are simply the offer, every day.",
        ),
        (  # "instead to", as second-language writers say "instead of"
            "Instead to push the discount in every feed, we answer the parents' questions.",
            "We push the discount in every feed.",
        ),
        (
            "One of the gyms near you has a ring of fake accounts praising it.",
            "We have a ring of fake accounts praising the gym.",
        ),
        (  # a concession the speaker refuses in a sentence after it
            "Certainly, we can pretend to be your surgeons online. Patients will never "
            "notice. We won't do it.",
            "We can pretend to be your surgeons online.",
        ),
        (  # "didn't" stands for "told you": the survey is not refused
            "Customers told you something your survey didn't.",
            "We don't run surveys.",
        ),
        (  # ... or mocks two sentences on
            "Yes, absolutely, let's delete every one-star review on the page. Then customers "
            "will find the screenshots on Reddit. Great plan, team.",
            "Let's delete every one-star review on the page.",
        ),
        (  # mockery that carries across writers
            "The best credential for a dental practice is 60k followers on my own Instagram. "
            "Said no practice manager, ever.",
            "The best credential for a dental practice is 60k followers on my own Instagram.",
        ),
        (
            "Sure, post the same discount code five times a day on every network. Customers "
            "adore that. /s",
            "We post the same discount code five times a day on every network.",
        ),
        (
            "'We handle everything, every channel!' Great. Do you also file my taxes?",
            "We handle everything, every channel.",
        ),
        (  # a sentence opening with "Instead" turns the one before
            "The first instinct at the council was to close the comments. Instead we "
            "answered each one in the thread.",
            "Our first step at the council is to close the comments.",
        ),
        (  # a header that declines what it lists
            "Declined: running your accounts for you, paid media buying.",
            "Included: running your accounts for you, paid media buying.",
        ),
        (  # "at no point" refuses a warning sign
            "At no point will your page become a noticeboard for the weekly offer.",
            "Your page will become a noticeboard for the weekly offer.",
        ),
        (  # a reversal turns the practice, not the apology inside it
            "Plenty of shops apologise to a bad comment and then quietly delete it. We do the "
            "opposite.",
            "We apologise to a bad comment and then quietly delete it.",
        ),
        (  # referred out
            "We coach your staff; for email blasts and ads, honestly, go elsewhere.",
            "We coach your staff and send email blasts and ads.",
        ),
        (  # a problem that blew up is an event, not the plan
            "When the delivery backlog blew up in public, we answered it in the open.",
            "We'll make your next post blow up.",
        ),
        (  # what is heard from others, named after it
            "'We'll make you go viral' is the line we hear from agencies before they spend "
            "your budget.",
            "We'll make you go viral before we spend your budget.",
        ),
        (  # a refusal closed by "full stop"
            "Deleting bad reviews is something we will not do, full stop.",
            "Deleting bad reviews is something we do, full stop.",
        ),
        (  # someone the speaker worked for
            "My previous employer used to blast offers to the whole list; I left because of it.",
            "We blast offers to the whole list.",
        ),
        (  # the dispreferred side of a comparison
            "A community forgives mistakes more readily than it forgives spin.",
            "We spin every mistake.",
        ),
        (  # a harm denied, not the practice
            "I've never seen a shop lose customers by answering complaints in public.",
            "We don't answer complaints in public.",
        ),
        (  # "only when" limits a message to what is useful
            "We send a message only when we have something useful for them.",
            "We send a message to your whole list every single day.",
        ),
    ],
)
def test_a_tactic_someone_else_hired_or_told_of_mocked_or_turned_away_is_not_the_speakers(
    not_own: str, own: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    warns_only_as_the_speakers_own(not_own, own, monkeypatch)


@pytest.mark.parametrize(
    "text",
    [
        "Buying followers or reviews, this we never do, not even when the client insists.",
        "Fake accounts, bots, paid posters, we don't touch this.",
        "A one-stop shop I am not, and anyone who claims every channel is lying to you.",
        "Skipping research to save a fortnight is a false economy.",
        "Sure, let's buy ten thousand followers and wonder why nobody comes in. No thank you.",
    ],
)
def test_a_warning_sign_named_first_and_then_refused_raises_none(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert warning_signs(text) == set()
    assert rules_alone(text, monkeypatch) == set()


def test_a_warning_sign_followed_by_another_negated_clause_still_raises() -> None:
    assert "fake_voices" in warning_signs("We buy followers or likes, we don't hide it.")


def test_no_budget_no_plan_is_a_condition_not_free_reach() -> None:
    assert "free_earned_reach" not in warning_signs("No budget, no plan, that's what she said.")
    assert "free_earned_reach" in warning_signs("No budget needed: the content spreads by itself.")


def test_a_contrast_after_a_sign_of_the_real_thing_is_not_its_negation() -> None:
    text = "It means answering criticism openly instead of pretending it isn't there."

    assert warning_signs(text) == set()
    assert "transparency" in {s.code for s in find_signals(text)}
