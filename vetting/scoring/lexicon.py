"""The concepts the text rules are written in: named sets of words and short phrases.

Entries are written in their dictionary form; the matcher lemmatises both the entries and
the answer, so "hire" also matches "hiring" and "hired", "poster" matches "posters". A
phrase entry ("word of mouth") matches those words in a row. An entry mapped to `NEUTRAL`
blocks its words from any other concept when they occur together ("community centre" is a
building, not a community).
"""

from __future__ import annotations

NEUTRAL = "NEUTRAL"


def words(text: str) -> tuple[str, ...]:
    """Entries separated by commas (so that phrases can contain spaces, and run over a line
    break: the line break and the indent read as one space)."""
    return tuple(" ".join(entry.split()) for entry in text.split(",") if entry.strip())


CONCEPTS: dict[str, tuple[str, ...]] = {
    NEUTRAL: words(
        """if i were you, if i was you, in my experience, in our experience, from my experience,
        from our experience, in my view, in our view, community centre, community center, community
        hall, community garden, community college, community service, trust fund, trust deed,
        listening room, open plan, open day, open source, open office, free parking, free wifi, free
        trial, free delivery, free coffee, free time, budget cycle, budget cycles, in person, day
        rate, first name, funding round, double down, doubles down, giveaway pen, giveaway pens,
        buzz of the, viral round, went viral round, complaints line, complaint line, complaints
        desk, complaints department, complaints procedure, complaints process, trending sound,
        trending audio, transparent folder, transparent plastic, transparent sleeve, transparent
        bag, funding rounds, a funding round, relationship manager, relationship managers, business
        case, business cases, listen to podcasts, listen to a podcast, listen to music, listen to
        the radio, listen to audiobooks, vanity metrics, vanity metric, vanity numbers, spam filter,
        spam folder, junk folder, listen to the keynote, listening to the keynote, listen to the
        talk, listening to the talk, listen to a talk, listen to the speaker, listen to the
        presentation, listen to a webinar, listen to the webinar, listen to the news, listen to the
        lecture, product page, product pages, product link, product links, spam comment, spam
        comments, week engagement, month engagement, consulting engagement, engagement fee,
        engagement letter, i'll be honest with you, i'll be honest, let me be honest, paid up front,
        pay up front, costs up front, upfront cost, upfront costs, upfront fee, upfront payment, to
        be honest, if i'm honest, if i am honest, in all honesty, to be transparent, to be frank, to
        be fair, apologies for the, apologies in advance, sorry for the delay, relationship with the
        bank, relationship with them as a supplier, working relationship, professional relationship,
        business relationship, client relationship, client relationships, relationship with us,
        relationship with her, relationship with him, relationship with me, relationship with the
        agency, relationship with the consultant, spin the wheel, spin-the-wheel, spin class, spin
        classes, the honest answer is, honest answer is, the short answer is, the honest answer to,
        honest answer to, hearts and minds, people's hearts, their hearts, win hearts, wins hearts,
        won hearts, winning hearts, follow up, follows up, followed up, following up, listener
        question, listener questions, listener mail, listener email, dear listener, listeners of
        the show, listener asked, listener asks, listener writes, listener wrote"""
    ),
    # Free, said of anything: free reach only when reach or spreading is near.
    "FREE_WEAK": words(
        """for free, for nothing, no cost, at no cost, costs nothing, cost nothing, costs you
        nothing, no money, freebie, freebies, on the house, without paying, without spending,
        without any spend, without any budget, without any money, without any cost, without
        spend"""
    ),
    # Company news and the like: what a feed that only broadcasts carries.
    "NEWS": words(
        """company news, firm news, brand news, product news, press release, announcement,
        award, awards, new hire, new hires, launch, launches, promotion, promotions, rankings,
        deal, deals, price, prices, offer, offers, news, update, updates, product shot, product
        shots, promo, promos, ad, ads, discount, discounts, sale, sales"""
    ),
    # Trades a focused consultant says they are not ("I'm not a designer").
    "TRADE": words(
        """designer, lawyer, developer, web developer, photographer, videographer, copywriter,
        pr agency, ad agency, media buyer, seo specialist, accountant, printer, film crew,
        video crew, web designer, pr firm, pr person, ads person, ads specialist, media agency,
        creative agency, production company"""
    ),
    "SOCIAL_ROLE": words(
        """social media marketing, social media manager, social media executive, social media
        management, social media marketer, social media coordinator, social media lead, social
        media assistant, social media specialist, social media consultant, social media
        freelancer, social media person, community lead, community leads, team lead, team leads,
        project lead, project leads, content lead, content leads, creative lead, design lead,
        account lead, account leads"""
    ),
    # --- People -------------------------------------------------------------------------
    "MARKET": words(
        """market, audience, customer, buyer, consumer, consumers, client base, prospect, segment,
        persona, demographic, reader, guest, patient, shopper, member, donor, supporter, diner, fan
        base, follower base, user base, visitor, parent, student, subscriber base, end customer, end
        user, decision maker, procurement manager, finance director, homeowner, traveller, traveler,
        who buys, who book, who books, client, clients, prospective client, prospective clients,
        user, drinker, rider, applicant, resident, tenant, viewer, attendee, commuter, gamer,
        player, cyclist, runner, pupil, learner, candidate, caller, holidaymaker, family, families,
        homebuyer, investor, supporters, target group, target groups, target public, target
        customer, target customers"""
    ),
    "YOUR": words(
        """your, your own, client's, buyer's, the client's, the company's, own, internal, in house,
        in-house, inside, home-grown, the brand's, internally"""
    ),
    "PEOPLE": words(
        """team, staff, people, employee, colleague, workforce, crew, personnel, folk, barista,
        nurse, engineer, baker, bartender, brewer, chef, waiter, rep, agent, volunteer, manager,
        expert, specialist, founder, owner, stylist, teacher, advisor, adviser, broker, banker,
        technician, pharmacist, staffer, frontline, front line, front-line, front desk, shop
        floor, store staff, field staff, people on your payroll, payroll, own voice, own voices,
        real people, supervisor, librarian, receptionist, tutor, officer, champion, trainer,
        hygienist, vet, vet nurse, clinician, doctor, dentist, solicitor, associate, lawyer,
        instructor, mechanic, driver, planner, curator, ranger, developer, product manager,
        account manager, support agent, counter staff, lecturer, student ambassador, admissions
        tutor, housekeeper, concierge, sommelier, butcher, florist, farmer, maker, researcher,
        scientist, fundraiser, caseworker, coach, physio, therapist, carer, warden, bookseller,
        distiller, winemaker, roaster, optician, surveyor, estate agent, partner, care worker,
        ambassador, host, guide, operator, crew member"""
    ),
    "OTHER_PEOPLE": words(
        """agency, agencies, consultant, freelancer, ghostwriter, copywriter, outsider,
        contractor, third party, outsourcer"""
    ),
    # --- Market first ---------------------------------------------------------------------
    "TARGET": words(
        """target, ideal, core, intended, key, right, priority, specific, particular, exact"""
    ),
    "UNDERSTAND": words(
        """understand, learn, find out, discover, figure out, work out, pin down, map,
        establish, define, identify, clarify, agree, settle, get clear, dig into,
        uncover, nail down, understanding, segment, knowing, need to know, want to know, get to
        know, getting to know"""
    ),
    "GOAL": words(
        """goal, objective, aim, business goal, commercial goal, outcome you want, what you
        want, what you need, business case, commercial aim, trying to achieve, want to
        achieve, what success looks like, what good looks like, what you're trying to achieve,
        what you want to achieve"""
    ),
    "MESSAGE": words(
        """key message, core message, value proposition, positioning, what to say, the one
        thing, what the message is, the message, your message, messaging"""
    ),
    "TIMING": words(
        """timing, time of day, time of year, buying cycle, decision cycle, receptive, in the mood,
        peak season, when they are online, when they're online, when your customers, when your
        buyers, when they go looking, when each, when they decide, when they are deciding, in
        the mood to listen, in the mood to buy, in the mood to, most likely to be listening,
        likely to be listening, when they're listening, when they are listening"""
    ),
    "ASK": words(
        """ask, question, query, queries, interview, questionnaire, survey, workshop, discovery,
        discovery phase, discovery call, brief, briefing"""
    ),
    "PRESCRIBE": words(
        """recommend, prescribe, propose, pick, choose, select, suggest, commit, draft, write,
        post, publish, launch, spend, build, create, produce, decide on"""
    ),
    "CHANNEL": words(
        """platform, channel, network, app, tactic, format, social network, content,
        campaign, account, page, post, tool"""
    ),
    # --- Platforms and campaigns -------------------------------------------------------------
    "PLATFORM": words(
        """twitter, x, facebook, instagram, tiktok, linkedin, youtube, snapchat, threads,
        pinterest, reddit, whatsapp, telegram, twitch, discord, tumblr, bluesky, mastodon,
        youtube shorts, reels, reel, ig, fb, insta, meta, google, myspace, clubhouse, vine,
        nextdoor, substack, quora, wechat, weibo, bereal, lemon8, strava, tiktok shop, shorts"""
    ),
    "CAMPAIGN": words(
        """campaign, content plan, posting rota, ads campaign, paid campaign, blitz, push, drive,
        series, challenge, promotion, promo, carousel series,
        video series, ad campaign, activation, posting schedule, content schedule, posting plan,
        content calendar, ads push, programme, program, package, countdown, stories countdown,
        takeover"""
    ),
    # What a consultant sets up on a platform.
    "PLATFORM_THING": words(
        """ad, ads, advertising, post, posts, posting, content, video, videos, account, page,
        channel, presence, newsletter, group, live, lives, reel, reels, story, stories, series,
        calendar, schedule, profile, shop, grid, feed, bio, strategy, plan, programme, program,
        campaign, giveaway, contest, challenge, community, takeover, countdown"""
    ),
    "FIRST": words(
        """first, initially, at first, to begin with, in the beginning, at the outset, from the
        outset, early on, job one, job number one, priority one, first priority, top priority,
        number one priority, week one, week 1, day one, day 1, month one, immediately, straight
        away, right away, at once, from the start, from day one, first thing, first step, first
        move, first deliverable, opening move, to start, to begin, kick off, kick-off, hit the
        ground running, up and running, this week, this month, within days, before we even, before
        we meet, before we know, before we talk, before we understand, before the kick, before
        anything, out of the gate, quickest win, quick win, on day one, in week one, in the first
        week, every engagement, always, step one, step 1, phase one, phase 1, from monday,
        on monday, next week, straight into, jump straight, dive straight, dive right in, jump right
        in, right off the bat, off the bat, from the get-go, get-go, from the off"""
    ),
    "START": words(
        """launch, start, begin, kick off, open, set up, roll out, go live, spin up, stand up, kick
        things off"""
    ),
    # --- Relationships -------------------------------------------------------------------------
    "RELATION": words(
        """relationship, rapport, loyalty, goodwill, bond, dialogue, two-way, two way, long
        term, long-term, regulars, advocate, belonging, friendship, lasting, lasts, for
        the long haul, over time, by name, neighbour, neighbor, miss you, repeat
        customer, come back, keep coming back, genuine connection, trust, community,
        communities, conversation, connection"""
    ),
    "LASTING": words(
        """two-way, two way, long-term, long term, lasting, for the long haul, ongoing
        conversation, ongoing conversations, ongoing relationship, ongoing relationships, ongoing
        dialogue"""
    ),
    "LASTING_JOB": words("full-time, full time, part-time, part time"),
    "BUILD": words(
        """build, earn, grow, nurture, cultivate, foster, develop, invest in, deepen,
        strengthen, maintain, win, serve, tend, look after, care for, create, establish, form"""
    ),
    # A time scale of years, said of people: "people we'd be dealing with for years".
    "LONG_RUN": words(
        """week after week, month after month, year after year, season after season, long after,
        still going strong, the long game, long game, long run, the long run, slow
        burn, for life, lifelong, life-long"""
    ),
    # ... and one that needs its frame ("customers who stay for years", not "complaining for
    # years").
    "LONG_WEAK": words(
        """for years, for a decade, for decades, over years, over the years, for a long time,
        for good, years to come"""
    ),
    # The people a business serves, as a group (not "a user", which may be the speaker).
    "PEOPLE_WE_SERVE": words(
        """people, them, community, members, regulars, fans, supporters, customers, clients,
        donors, guests, patients, parents, volunteers, readers, buyers, followers, neighbours,
        neighbors, locals, diners, drinkers, riders, residents, families, students, subscribers"""
    ),
    # Treating them as people: "as members of a club", "like neighbours".
    "AS_PEOPLE": words(
        """people, person, individuals, humans, human beings, members, member, friends, friend,
        neighbours, neighbors, neighbour, neighbor, regulars, guests, family, insiders, part of
        the family, members of a club, club members, partners"""
    ),
    # --- Viral -----------------------------------------------------------------------------
    "VIRAL": words(
        """viral, virality, go viral, buzz, hype, stunt, giveaway, sweepstake, sweepstakes, contest,
        blow up, break the internet, lightning in a bottle, wildfire, explode, overnight success,
        overnight sensation, trending audio, trending sound, meme, splash, big bang, sensation, for
        you page, fyp, talk of the town, everyone talking, millions of views, million views, hashtag
        challenge, tag three friends, tag a friend, follow and tag, follow-and-tag,
        tag-three-friends, share to win, make noise, make some noise, put you on the map, on the
        map, shareable, built to be shared, can't stop sharing, cannot stop sharing, everyone
        sharing, get everyone sharing, let it spread, spread like, break through, drum up, the next
        big thing, catch fire, talk of the internet, the talk of, get people talking, everyone
        talking about, internet famous, blow up online, go huge, going huge, huge splash, massive
        splash, snowball, snowballs, snowballing, hot take, hot takes, outrageous, provocative,
        controversy spreads, get people arguing, ice bucket, everybody shares, everyone shares,
        everybody will share, everyone will share, shared everywhere, share it everywhere"""
    ),
    # --- Listening -------------------------------------------------------------------------
    "LISTEN": words("""listen, listening, eavesdrop, social listening, listener, listened"""),
    "STUDY": words(
        """read, monitor, study, analyse, analyze, research, audit, map, collect, gather, mine,
        comb through, go through, dig through, trawl, scan, observe, learn from, sit in, sit
        with, shadow, survey, interview, talk to, speak to, sit down with, spend time with,
        hear, look at, look through, check, go over, pore over, trawl through, track, tracking,
        follow, keep an eye on, watch"""
    ),
    "VOICE_OF_MARKET": words(
        """review, reviews, comment, comments, forum, thread, conversation, mention, sentiment,
        complaint, gripe, compliment, feedback, what people say, what they say, what customers
        say, what your customers say, what your buyers say, what your market, what they think,
        subreddit, discussion, reddit thread, google review, tripadvisor, trustpilot, support
        ticket, call log, survey response, focus group, likes and dislikes, dislike, what they
        like, whom it trusts, who they trust, whom they trust, what puts them off, what scares
        them, what they care about, what they need, what they want, opinion, pain point,
        objection, language they use, word they use, everything your customers say, everything
        people say, mentions, brand mentions, what people praise, what annoys them, grumble,
        grumbles, moan, moans, what's being said, what is being said, what people are saying,
        what's said, what is said, check-in, check-ins, question they ask, questions they ask, what
        they ask, what worries them, what reassures them"""
    ),
    "RESEARCH": words(
        """research, survey, surveying, focus group, audience research, market research, social
        listening, listening, discovery, discovery phase, discovery work, discovery interviews,
        discovery sessions, discovery sprint, questionnaire, comment-mining, review analysis,
        audience insight, customer insight research, insight work, insight gathering, fact-finding,
        interviews, audience audit, social audit, listening audit, customer interviews, user
        interviews, customer research, poll, polls, polling, straw poll, vox pop, sentiment
        analysis, sentiment tracking, social listening tool, listening tool, audience interviews,
        audience workshop, audience workshops, persona workshop, persona workshops, customer
        workshops,
        customer calls"""
    ),
    "KNOW_ALREADY": words(
        """know what works, know what your audience, know exactly what, know best, know better,
        seen it all, seen it before, done this before, seen your sector, know what that
        customer, know what customers want, know what your customers, already know what, already
        know how, already know who, already know your"""
    ),
    "SAME_FOR_ALL": words(
        """proven playbook, one size fits all, same everywhere, the same everywhere, the same things
        everywhere, same for everyone, same for every, always the same, always comes out the same,
        always come out the same, tried and tested formula, gut feeling, trust my gut, trust our
        gut, go with our gut, go with my gut, go on instinct, our instinct, my instinct, trust
        experience, standard package, standard playbook, standard template, see what sticks, throw
        it at the wall, spaghetti at the wall"""
    ),
    "WASTE": words(
        """waste, slow, slow down, overthink, overthinking, bogged down, boring, overkill,
        pointless, unnecessary, needless, luxury, red tape, delay, drag, skip, cut,
        faff, paralysis, navel-gazing, distraction, expensive, slowed, slow us down, wait on,
        waiting on, eat, eats, eat up, eats into, time-consuming, buzzword, gimmick, too long,
        takes too long, too slow, too expensive, too costly, too much time"""
    ),
    # --- Value -----------------------------------------------------------------------------
    "GIVE": words(
        """add, bring, provide, offer, give, create, share, contribute, publish, deliver, make, put
        out, give away, hand out, post, write, produce, answer, run, host, hold, film, record,
        explain, show, walk through"""
    ),
    "VALUE": words(
        """value, useful, helpful, valuable, something valuable, of value, tip, advice, knowledge,
        expertise, how-to guide, how-to video, guide, insight, resource, checklist, template,
        tutorial, explainer, recipe, calculator, lesson, practical, something useful, something
        worth, real value, genuine value, useful content, helpful content, things people use,
        educational, q&a, live q&a, ama, introductions, how-to post, good answer, helpful answer,
        troubleshooting, styling help, practical help, real help, genuine help, tips, explainers,
        guides, walkthrough, walk-through, step by step, step-by-step, q&as, cheat sheet, fixes,
        quick fixes, free workshop, free workshops, free clinic, free clinics, free class, free
        classes, free resources, free guide, free guides, free tools, free templates, free
        masterclass"""
    ),
    "HELP": words(
        """help, assist, solve, educate, inform, be useful, be helpful, be there for, make
        life easier, save them"""
    ),
    "GIVE_FIRST": words(
        """give first, giving first, reciprocity, reciprocate, give before, giving before, earn the
        right, earn attention, earned the right, pay it forward, no strings, help a friend, help
        a friend decide, the way you would help a friend, the way you'd help a friend,
        intrusive, intrusiveness, real-world equivalent, real world equivalent, respect their,
        respect people, respect people's, real-world version, real world version, offline
        equivalent, salesman at your dinner table, dinner table, would you
        tolerate, put up with, glad you turned up, glad your, worth their time, whether or not
        they buy, whether or not they ever buy, whether they buy or not, before any ask, without
        asking for anything, long before we sell, anyone mentions a sale, anyone mentions the
        product, we ask for anything, asking for anything, help first, helped first, helping
        first, give before you ask, sell later, sold later, before anybody is asked to buy,
        before anyone is asked to buy, before anyone is asked, before we ask for anything,
        before asking for anything, first give, give something first, help before you sell, help
        before selling"""
    ),
    # --- Push ------------------------------------------------------------------------------
    "PUSH": words(
        """push, blast, spew, pump, fire, flood, bombard, spam, hammer, shove, force, saturate,
        blanket, drown, barrage, broadcast, drop, dump, inject, pump out, churn         out,
        crank out, push out, blast out, send, throw, plaster, pepper, carpet, drip, stuff, cram,
        slam, repost, retarget, announce, cross-post, crosspost, cross post, spray"""
    ),
    # The promotional nouns themselves, not their verbs ("we offer" is no offer).
    "OFFERS": words(
        """offers, the offer, an offer, latest offer, weekly offer, weekend offer, special offer,
        this week's offer, promotion, promotions, promo, promos, discount, discounts, discount
        code, discount codes, deals, the deal, latest deal, deal of the week, sale, sales alert,
        flash sale, price drop, price drops, coupon, coupons, voucher, vouchers, ad, ads,
        advert, adverts, sponsored post, sponsored posts, promoted post, promoted posts, press
        release, press releases, announcement, announcements, company news, product news,
        sales pitch, sales message, sales messages, booking link, buy link, promo code, promo
        codes, promotional post, promotional posts, promotional content, promotional
        message, promotional messages, new arrivals, new stock, launch news"""
    ),
    # Everyone at once: the whole list, every follower, every group.
    "ALL_OF_THEM": words(
        """every follower, every new follower, all your followers, all our followers, every
        customer, all your customers, every contact, all your contacts, every subscriber, all
        your subscribers, whole list, whole mailing list, whole contact list, whole customer
        list, whole database, entire list, entire database, entire mailing list, everyone on
        the list, everyone on your list, everyone who follows, everyone who likes, everyone
        who has ever, anyone who has ever, every inbox, every group, every local group, every
        feed, every one of your followers, all of your followers, every member"""
    ),
    # Being impossible to avoid.
    "IN_FACE": words(
        """in people's faces, in their faces, in their face, in everyone's face, in everyone's
        faces, in your face, everywhere they look, wherever they look, wherever they go, can't
        escape, cannot escape, can't avoid, impossible to avoid, impossible to ignore,
        impossible to miss, can't miss, cannot miss, top of every feed, no escaping, every screen,
        every phone, unavoidable, inescapable, can't scroll past, cannot scroll past, impossible
        to scroll past"""
    ),
    "PROMO": words(
        """ad, advert, advertisement, offer, promotion, promo, discount, deal, news, press release,
        announcement, products, pitch, coupon, sale, flash sale, price drop, new arrival,
        catalogue, catalog, discount code, sponsored         post, promoted post, company news,
        product news, launch news, product launch, product update, brochure, marketing message,
        sales message, promotions, brand message, product shot, big news, special offer, sales
        pitch, your message, our message, the message, promotional post, promotional posts,
        promotional content, promotional message, sales post, sales posts, sales content,
        promo code, promo link"""
    ),
    "FEED": words(
        """feed, inbox, dm, dms, timeline, notification, whatsapp number, social space, in front of
        them, in front of people, wherever, every group, every facebook group, every feed, every
        follower, every one of your followers, all your followers, whole list, whole customer
        list, every contact, every inbox, their space, people's space, stories, reels, every
        feed we can reach, messenger, their messenger, whatsapp, inboxes"""
    ),
    "ALWAYS": words(
        """every day, daily, every hour, hourly, non-stop, nonstop, constantly, constant,
        all the time, around the clock, 24/7, relentlessly, endlessly, again and again,
        over and over, repeatedly, times a day, a day each, as often as possible, every
        single day, every week, weekly, multiple times, three times a day, five times a day,
        four times a day, twice a day, every morning, steady stream, stream of, volume,
        high volume, high-volume, maximum, as many, as much as possible, frequency, times per day,
        many times, several times a day, per day, non stop, all day long, every single morning,
        every evening, every night"""
    ),
    "EVERYWHERE": words(
        """everywhere, every channel, every platform, all channels, all platforms, every
        network, all networks, across every, across all, wherever, every feed, every group,
        everyone, everybody, all at once, on every, each platform, every social"""
    ),
    "ONLY_NEWS": words(
        """only company news, company announcements, our news, your news, about ourselves, about
        yourself, about itself, talk about ourselves, only ever post, only ever posts, only ever
        talks about, only ever talk about, rates noticeboard, only product shots, nothing but
        product shots, nothing but offers, nothing but promotions, nothing but news"""
    ),
    # --- Transparency ---------------------------------------------------------------------------
    "HONEST": words(
        """transparent, transparency, honest, honesty, candid, candour, candor, openness, truthful,
        upfront, in as many words, tell the truth, open and honest, sincere, own up,
        disclose, disclosure, say who is speaking, say who's speaking, come clean, level with,
        straight talk, frank, without spin, no spin, unvarnished, directness, head-on, own it,
        owned it, own the mistake"""
    ),
    "OWN": words(
        """own, admit, acknowledge, accept, address, respond, reply, answer, thank, apologise,
        apologize, apology, say sorry, fix, face, take responsibility, take ownership, front
        up, engage with, welcome, embrace, learn from, keep up, leave up, show, publish,
        announce, break, flag, surface"""
    ),
    "CRITICISM": words(
        """mistake, error, criticism, critic, complaint, complain, negative, bad review, bad
        feedback, bad news, bad press, negative feedback, negative review, negative comment,
        critical comment, angry tweet, angry comment, one-star, one star, pile-on, failure,
        fault, problem, flaw, outage, recall, backlash, flop, gripe, harsh, criticise,
        criticize, unhappy customer, angry customer, complainer, troll, rude, bad, off-message,
        off message, wrong, got it wrong, broken, late delivery, critical review, critical post,
        anything critical, something critical, nasty, nasty comment, angry one, angry ones,
        moan, moaner, moaners, grumble, slagging off, hostile, furious, unflattering,
        embarrassing, critics, one-star review, 1-star, low rating, bad rating, unhappy, upset,
        disappointed, angry review, angry thread, angry post, angry, below four stars, below 4
        stars, under four stars, below three stars, low-star, low star, two-star, two star, 2-star,
        three-star review, one or two stars, unfavourable, unfavorable, negativity, adverse,
        scathing, damning, dissatisfied, poor review, poor reviews, poor rating, bad experience,
        anything negative, negative stuff, hate comment, hate comments, hater, haters,
        bad-mouthing, badmouthing, whinge, whinging, rant, snarky, awkward question, awkward
        questions, bad ones, negative ones, critical ones"""
    ),
    "GIFT": words("gift, present, blessing, opportunity, free consultancy, free advice"),
    "PUBLIC": words(
        """in public, publicly, in the open, openly, where everyone can see, on the page,
        on your page, visible, out loud, in the thread, same thread"""
    ),
    # --- Suppression ----------------------------------------------------------------------------
    "SUPPRESS": words(
        """delete, hide, remove, bury, mute, block, ban, suppress, censor, scrub, silence, take
        down, taken down, clean up, filter, wipe, drown out, push down, push off, disappear,
        vanish, archive, make disappear, make vanish, switch off, turn off, moderate away,
        sweep, cover up, whitewash, erase, purge, keyword filter, comment hiding, takedown, out
        of sight, quietly, never stays visible, keep off, get rid of, deal with quietly, kill,
        squash, spin, dress up, pushed off, take the post down, take it
        down, take them down, disable, shadow ban, shadowban, close comments, turn comments off,
        switch comments off, restrict, tidy up, tidy away, clear out, weed out, deindex,
        de-index, delist, unpublish, unlist, get removed, have removed, sanitise, sanitize,
        drown, smother, push out of sight, keep out of sight, keep hidden, never see the light"""
    ),
    "SPIN": words(
        """spin, spin doctor, spin playbook, plant doubt, plants doubt, cast doubt, casts doubt,
        discredit, discredits, discredit the reviewer, control the narrative, damage control, never
        admit, deny, deflect, gloss over, play down, downplay, reframe, keep the messaging
        upbeat, positive spin, put a positive spin, only positive, only ever looks positive,
        looks positive, good-news post, good news post, misunderstanding, position the change,
        take it offline, keep quiet, say nothing, no comment"""
    ),
    # --- Fake voices -----------------------------------------------------------------------------
    "FAKE": words(
        """fake, hired, bought, purchased, purchase, burner, dummy, ghost, sock puppet,
        sock-puppet, sockpuppet, bogus, phony, phoney, made-up, invented, staged, seeded, seed,
        planted, aged, anonymous, undisclosed, unlabelled, unlabeled, incentivised,
        incentivized, rented, farm, manufactured, artificial, automated, pretend, dormant"""
    ),
    "VOICE": words(
        """account, profile, follower, review, like, comment, commenter, commenters, fan, poster,
        subscribers, reactions,
        persona, voice,
        user, testimonial, view, reviewer, accounts, identity, handle, shill, cheerleader,
        customer, happy customer, ambassador, engagement, five-star review, 5-star review,
        rating, upvote, retweet, share"""
    ),
    "BUY": words("buy, purchase, pay for, order, rent, acquire, top up, bought, snap up"),
    "BOTS": words(
        """bot, bots, sock puppet, sock puppets, sock-puppet, sockpuppet, sockpuppets, astroturf,
        astroturfing,
        engagement pod, engagement pods, click farm, server farm, follower pack, review pack,
        follow for follow, follow-for-follow, like farm, fake profile, fake profiles, fake
        account, fake accounts, fake review, fake reviews, amplification network, bot
        engagement, comment bot, comment bots, network of accounts, pool of accounts, farm of
        fake, fake followers, fake likes, bought followers, bought likes, purchased likes,
        hired posters, paid posters, paid reviewers, aged accounts, sleeper accounts,
        burner accounts, ghost accounts, pose as, posing as, pretend to be, pretending to be,
        from different profiles, from different accounts, comment pod, comment pods, engagement
        group, engagement groups, like-for-like, follow-unfollow, follow/unfollow, mass follow,
        mass-follow, review swap, review swaps, reciprocal reviews, review trading, sock
        puppets, ghost followers"""
    ),
    "NETWORK": words("network, pool, farm, army, ring, stable, batch, fleet, roster"),
    # People on the agency's side (or paid by it) who could post as if independent: "our
    # freelancers", "people we pay", "a group of 200 people".
    "OUR_CROWD": words(
        """our team, our people, our staff, our freelancers, our contractors, our network, our
        writers, our interns, our assistants, virtual assistants, our payroll, people we pay,
        people we hire, people we've hired, people we recruit, team of freelancers, team of
        writers, group of people, our ambassadors, ambassadors we pay, influencers we pay,
        creators we pay, ambassadors we recruit, influencers we recruit, micro-influencers we
        recruit, our crew, our community of, our panel, our members, our own people, our
        posters, team of posters, our contacts, friends of ours, of our people, of our team, of
        our staff, of us"""
    ),
    # Spaces where people talk that are not the brand's own page.
    "THIRD_SPACE": words(
        """forum, forums, group, groups, facebook group, facebook groups, thread, threads, reddit,
        quora, subreddit, subreddits, review site, review sites, discussion, discussions, comment
        section, comment sections, local groups, community groups, mumsnet, tripadvisor,
        trustpilot, google reviews, other pages, other people's posts, parenting groups, chat
        rooms, message boards, discord servers"""
    ),
    # Who sells followers, likes and reviews.
    "GROWTH_SERVICE": words(
        """growth service, follower service, followers service, smm panel, social media panel,
        follower bundle, followers bundle, like bundle, likes bundle, follower pack, follower
        packs, review bundle, engagement package, engagement bundle,
        follower package, followers package, likes package, review package, engagement
        service, likes service, growth supplier, follower supplier, review supplier, review
        service, review exchange, follower app, growth package, growth packages, follower boost,
        followers boost, likes boost, like boost, starter pack, follower starter pack, partner
        service, growth hack package"""
    ),
    "SUPPLIER": words("supplier, provider, vendor, panel, service we use, service we've used"),
    # What gives a voice away as not independent (two of them in a sentence that names
    # reviews, followers or comments raise fake voices, however it is phrased: "reviews our
    # copywriters write, posted from different phones").
    "FAKE_CUE": words(
        """fake, bought, purchased, bot, bots, persona, personas, sock puppet, burner, dummy,
        alt account, alt accounts, different phones, different devices, different locations,
        different ip, different names, other names, made-up names, false names, different
        profiles, different accounts, separate accounts, our copywriters, our writers, our
        interns, friends of the brand, friends and family, staff accounts, without saying,
        without disclosing, without mentioning, without a label, without labelling,
        traceable, untraceable, nobody will know, no one will know, nobody can tell, no one can
        tell, believable, look established, look popular, look busy, look organic, look
        natural, look genuine, look authentic, pose as, posing as, pretend, pretending, seed,
        seeding, planted, at cost, in bulk, supplier, pod, pods, real-looking, organic-looking,
        genuine-looking, incentivised, incentivized, undisclosed, anonymous, unlabelled,
        unlabeled, secretly, quietly, overnight, guaranteed, instantly, kickstart, kick-start,
        jump-start, jumpstart, start you off, isn't empty, doesn't look empty, not look empty,
        look empty"""
    ),
    "FAKE_SIGNAL": words(
        """review, reviews, comment, comments, follower, followers, rating, ratings,
        testimonial, testimonials, praise, upvote, upvotes, five-star, 5-star, stars,
        engagement, account, accounts, profile, profiles, recommendation, recommendations"""
    ),
    # --- In-house -------------------------------------------------------------------------------
    "COACH": words(
        """train, training, coach, coaching, mentor, mentoring, teach, upskill, empower, equip,
        onboard, shadow, shadowing, get them comfortable, build the skills, build skills, skill
        up, capability, capabilities, step back, stepped back, step away, workshop, workshops,
        support them, guide them, prepare them, get them ready, ready them, train up, trained
        up, tone guide, starter replies, playbook for them, office hours"""
    ),
    "DO_WORK": words(
        """answer, reply, respond, post, write, run, host, do, handle, own, lead, speak,
        talk, front, engage, moderate, publish, create, film, staff, take part, be the face,
        be the voice, face of the brand, voice of the brand, record, shoot, present, share,
        comment, chat, go live, cover, explain, demo, blog, tweet, vlog, stream, appear"""
    ),
    # The buyer's staff by trade (not "people" or "team", which anyone has).
    "STAFF": words(
        """staff, employee, employees, colleague, colleagues, barista, nurse, engineer, baker,
        bartender, brewer, chef, waiter, rep, agent, volunteer, stylist, teacher, advisor,
        adviser, broker, banker, technician, pharmacist, staffer, frontline, front line,
        front-line, front desk, shop floor, store staff, field staff, supervisor, librarian,
        receptionist, tutor, officer, trainer, hygienist, vet, vet nurse, clinician, doctor,
        dentist, solicitor, associate, lawyer, instructor, mechanic, driver, planner, curator,
        ranger, developer, product manager, account manager, support agent, counter staff,
        lecturer, housekeeper, concierge, sommelier, butcher, florist, farmer, maker,
        researcher, scientist, fundraiser, caseworker, coach, physio, therapist, carer, warden,
        bookseller, distiller, winemaker, roaster, optician, surveyor, estate agent, care
        worker, support staff, support team, service team, care team, crew member, partners,
        store managers, branch staff, home managers, depot managers, shop staff"""
    ),
    # --- Outsourcing ------------------------------------------------------------------------
    "RUN": words(
        """run, manage, handle, take over, operate, control, look after, take care of, take off
        your plate, take it off, take the whole job, moderate, staff"""
    ),
    "THEIR_SOCIAL": words(
        """community, account, accounts, social, social media, channel, page, profile,
        presence, inbox, comment, reply, dm, dms, replies, group, pages, whole thing, all of
        it, everything, the lot, whole job, day-to-day, day to day, review, reviews,
        conversation, conversations, customer message"""
    ),
    "ON_BEHALF": words(
        """on your behalf, in your name, as your brand, as the brand, under your brand, under your
        brand name, under your logo, under your
        name, ghostwriter, ghostwriters, ghostwrite, ghost-write, as if they were us, as if they
        were you, as if we were you, speaking as, speak as, pose as, post as, log in as, as your
        ceo, as your company, fully managed, hands-off, hands off, off your plate, lift a
        finger, set and forget, turnkey, one invoice, zero internal, rather than yours, instead
        of yours, outsource, outsourcing, outsourced, sound exactly like you, sound like you,
        sound just like you, as if they were your staff, in your voice, in your brand voice, in
        your brand's voice, off your hands, off your to-do list, off your list, off your desk,
        outsourced social team, your outsourced, on her behalf, on his behalf, in his name, in
        her name, in the owner's name, in your owner's name, under the firm's name, under the
        company's name, signed with your name, signed off with your, as the hotel manager, as
        your founder, as your owner, all done by us, done by us as you"""
    ),
    "FREE_PEOPLE": words(
        """get back to, real job, real jobs, day job, day jobs, core business, never have to, never
        need to, don't have to, won't have to, no need for your, none of your, nobody on your,
        no one on your, not your team, never touch, never touched, log in, headache, no one on
        your side, nobody on your side, anyone on your side, get on with, get on with their,
        carry on with, won't need to, don't need to, doesn't need to, needn't, shouldn't have
        to, should not have to, deal with social"""
    ),
    # --- Funded team ------------------------------------------------------------------------
    "PAID_TEAM": words(
        """dedicated team, paid team, funded team, full-time, full time, part-time, part time,
        salaried, headcount, community manager, community lead, community person, hire,
        staff, staffing, staffed, resource, resourcing, resourced, dedicated staff, dedicated
        person, dedicated people, paid, fund, funding, funded, invest, investment, budget,
        budget line, cost, wage, salary, pay, payroll, people it takes, hours a week,
        hours per week, senior hire, real budget"""
    ),
    "TEAM_NOUN": words(
        """team, crew, squad, person, people, staff, role, hire, headcount, community manager,
        community lead, manager, coordinator, moderator, agent, employee, digital team, social team,
        community lead, designer, content producer, producer"""
    ),
    "STAFFING": words("staffing, resourcing, funding, headcount"),
    "MONEY": words(
        """budget, money, funding, fund, invest, investment, spend, spending, pay, salary, wage,
        resource, resources, headcount, set aside, allocate, line item"""
    ),
    # --- Free reach --------------------------------------------------------------------------
    "FREE": words(
        """zero cost, zero-cost, costless, without cost, it's all free, totally free, completely
        free, entirely free, costs you nothing, zero budget, zero-budget, no budget,
        without budget, without a budget, no spend, zero spend, spend at zero, without a single
        dollar, without a penny, without a cent, nothing for ads, nothing for staff, free-reach,
        free reach, free marketing, free advertising, free publicity, free exposure, free media,
        free channel"""
    ),
    "REACH": words(
        """reach, exposure, publicity, media, attention, traffic, marketing, promotion,
        advertising, coverage, growth, channel, audience, awareness, visibility, eyeballs,
        customers"""
    ),
    "EARNED": words(
        """earned reach, earned media, organic reach, organic only, organic growth, shares alone,
        share it for free, spreads itself, spread itself, spreads on its own, spread on its own,
        travels on its own, travel on its own, sells itself, sell itself, carry itself, do the
        marketing for you, your audience will carry, your customers do the marketing, let your
        customers do the marketing, travel through shares, let them travel, hands out reach,
        earned not paid, audience will carry it, finds its own audience, find its own audience,
        finds its audience, find their own audience, finds its own way"""
    ),
    "SPREAD": words(
        """spread, travel, carry, share, sell, grow, take off, catch on, snowball, market,
        promote, do the work, do the rest, circulate, pass around"""
    ),
    "ITSELF": words(
        """itself, themselves, on its own, on their own, by itself, by themselves, alone,
        naturally, organically, for free, for nothing"""
    ),
    # --- Scope ------------------------------------------------------------------------------
    "OFFER_VERB": words(
        """do, offer, provide, handle, cover, take on, sell, include, deliver, touch, run, shoot,
        build, make, manage, take care of, cater, support, supply"""
    ),
    "SCOPE_WORD": words(
        """out of scope, out-of-scope, outside our scope, not included, what's included, what is
        included, not covered, what's not included, in scope, our scope, my scope, the scope is,
        scope of work, outside the agreed scope, outside the scope, agreed scope, beyond the scope,
        beyond our scope, exclusions, we exclude, not on our menu, not our strength,
        not our thing, not our area, not what we do, what we don't do, what we won't do, what's out,
        what is out, won't touch, wouldn't touch, say no, point you elsewhere, outside what we're
        good at, outside what i'm good at, not what we're good at, recommend partners, partners
        we can recommend, name people who, go to partners, subcontract, narrow on purpose, exactly
        one thing, do one thing, nothing more, edges of the job, what's in, here's what's in, here's
        what's out, explicit about, scoped, scoping, everything else goes to, anything else goes to,
        outside what we do, outside our remit, not what we're for, my remit, our remit, narrow
        remit, narrow brief, narrow scope, clear boundaries, not mine to do, not ours to do, not my
        area, not my thing, not my strength, that's all we do, that is all we do, that's all i do,
        that is all i do, it's all we do, all we do is, the only thing we do, the only thing i do,
        send you elsewhere, refer you elsewhere, another supplier, another agency for, statement of
        work, quoted separately, politely decline, politely turn down, explicitly excluded,
        deliberately left out, left out on purpose, outside our competence, outside my competence,
        outside their competence, outside its competence, confined to, limit myself, limiting
        myself, limit ourselves, bounded, boundaries of, the boundaries, that's the line, goes to
        someone else, who to call, give you names, crossed off, not bid for, wouldn't bid, would
        not bid"""
    ),
    "EVERYTHING": words(
        """everything, the whole lot, it all, all of it, anything, whatever, the lot, all things,
        all of them, all of those, absolutely everything, literally everything"""
    ),
    "ALL_IN_ONE": words(
        """every need, anything and everything, all things social, all-in-one, all in one, one-stop
        shop, one stop shop, one-stop-shop, full service, full-service, 360-degree, under one
        roof, nothing we don't do, nothing we do not do, all twelve, every platform going, you
        name it, literally anything, no job too big, no job too small, your everything, their
        everything, complete growth, all your needs, soup to nuts, a to z, cradle to grave, do
        everything, handle everything, cover everything, whatever you need, anything you need,
        whatever it is you need, one-stop, one stop, complete solution, all your marketing, all
        your marketing needs, got you covered, whatever channel, 360 agency, 360 service, 360
        marketing, all things, absolutely everything, literally everything, specialists in
        everything, specialist in everything, experts in everything, we're all of those, we are
        all of those, we're all of them, under one retainer, one retainer, single retainer, one
        monthly fee, entire marketing department, whole marketing department, unlimited
        services, every service going, every channel going, we're end-to-end, we are end-to-end,
        end-to-end agency, end-to-end service, end-to-end services, all aspects of your
        marketing, every aspect of your marketing, all aspects of marketing, every aspect of
        marketing, everything digital, all things digital, all your digital"""
    ),
    "SERVICE": words(
        """strategy, content, content creation, ads, ad, paid social, paid media, paid ads, seo,
        search, web, web design, website, web development, app development, app, video, video
        production, photography, pr, influencer, influencers, influencer marketing, email, email
        marketing, email automation, crisis management, brand identity, branding, design,
        copywriting, events, print, billboard, tv, google ads, community, community management,
        analytics, reporting, packaging, logo, podcast, newsletter, social strategy, sms,
        affiliate, trade stand, trade-show stand"""
    ),
    # --- Silos ------------------------------------------------------------------------------
    "DEPT": words(
        """customer service, customer support, customer care, customer success, care team, service
        team, support team, support desk, service desk, helpdesk, help desk, contact centre,
        contact center, call centre, call center, helpline, legal, compliance, pr, press office,
        public relations, comms, communications, corporate comms, sales, sales team, product,
        business development, bd team, new business team,
        product team, engineering, engineering team, hr, human resources, finance, operations,
        it team, it department, executive, executives, leadership, c-suite, ceo, coo, cfo, cmo,
        fundraising, programmes, risk, service, support, legal team, front desk, store manager,
        shop manager, brand team, executive sponsor, marketing, the board, engineers,
        developers, product managers, product people, customer services, complaints team, fraud
        team, compliance team, lawyers, chief executive, exec, execs, directors, the directors,
        finance team, hr team, admissions, student services, reception, front of house,
        housekeeping, kitchen, head chef, head brewer, taproom manager, warehouse, logistics,
        ops, operations team, account managers, branch staff, store managers, service heads,
        clinicians, other departments, other teams, the rest of the business, the rest of the
        company, everyone else, press team, investor relations, customer experience, cx team,
        quality team, safety team, food safety"""
    ),
    "INVOLVE": words(
        """involve, involved, participate, take part, collaborate, cooperate, contribute, be
        included, join in, bring in, loop in, align, consult, work with, sit down with, get on
        board, on board, in the loop, seat at the table, a seat, co-own, co-owning, sign off,
        sign-off, agree, coordinate, liaise, route, meet, steering group, working group, weekly
        call, workshop with, buy-in, sponsor, sponsoring, behind it, everyone on board, round
        the table, around the table, at the table, each given, want involved, together, kept in
        the loop, be part of, part of this, part of it, part of the plan, join, attend, talk to
        each other, talking to each other, in the room, in one room, own a piece, owns, signs
        off, sign off on, trained to respond, staffed, wire, routing, feed, fed, escalation,
        escalate, escalation path, escalation guide, each of them, every team, named person,
        visibly behind, weekly stand-up, shared channel, rota, handover, kick-off, kickoff,
        first meeting, first workshop, planning meeting, planning session, have a say, has a say,
        get a say, a say in, around one table, round one table, around a table, round a table, same
        table, same room"""
    ),
    "SILOS": words(
        """cross-functional, cross functional, across the company, across departments, across the
        business, across teams, every department, all departments, whole company, whole
        business, whole organisation, whole organization, company-wide, organisation-wide,
        organization-wide, several departments, everyone's job, everyone's
        problem, each department, each team, org chart, whole org, break down silos, breaking
        down silos, across silos, between silos"""
    ),
    "ALONE": words(
        """alone, solely, by itself, on its own, contained, stays in, stay in, keep it in, keep
        social in, lives in, belongs to, belongs with, belong with, sits with, tightly, siloing,
        silo, well away, away from, out of it, belongs in, belong in, sits in, sits within, lives
        within, stays within, stay within, owned by, stays with, stay with, self-contained, siloed,
        untouched by, ring-fenced, ringfenced, in a silo"""
    ),
    "ALONE_END": words(
        """by itself, by themselves, on its own, on their own, alone, solo, single-handedly,
        itself, themselves, and that's it, and nobody else"""
    ),
    "AWAY": words(
        """at arm's length, at arms length, at a distance, at bay, out of the loop, out of this,
        well away from, away from it"""
    ),
    "MARKETING_TEAM": words(
        """marketing, marketing team, marketing manager, marketing coordinator, marketing
        department, marketing channel, marketing job, marketing function, digital team, digital
        marketing team, comms team, brand team, social team, social lead, your marketing, the
        marketing team, comms office, comms, marketing contact, marketing person, social media
        manager, marketing people, the brand team"""
    ),
    # --- Measurement ---------------------------------------------------------------------------
    "MEASURE": words(
        """measurable, roi, return on investment, attribute, attribution, benchmark, baseline,
        quantify, utm, tracked link, cost per lead, cost per customer, cost per acquisition,
        crm, yardstick, north star metric, scorecard, tracking link, tracking links, tracked
        links, utms, utm codes, discount code tracking, promo code tracking, attributed, traced"""
    ),
    "MEASURE_WEAK": words(
        "measure, measurement, metric, metrics, kpi, kpis, number, numbers, figure, figures"
    ),
    "OUTCOME": words(
        """revenue, leads, every lead, each lead, a lead, new lead, qualified lead, qualified leads,
        pipeline, sales revenue, new sales, online sales, orders, bookings, booking, conversion,
        conversions, sign-up, sign-ups, signup, signups, demo, demos, demo request, demo requests,
        enquiry, inquiry, inquiries, donors, donor, donations, donation, regular donors,
        subscribers, email subscribers, mailing list, email list, database, opted-in contacts, cost
        per lead, cost per customer, cost per acquisition, retention, churn, coverage, press
        mention, press mentions, articles, new customers, paying customers, appointments,
        reservations, contracts, turnover, margin, profit, average order, footfall, registrations,
        new members, memberships, applications, till receipts, income, savings, roi, return,
        takings, arr, mrr, booked rooms, room nights, occupancy, consultations, consultations
        booked, new instructions, quote requests, deals closed, closed deals, closed won, wholesale
        accounts, accounts opened, new accounts, trial sign-ups, trial signups, activation,
        activations, paying users, eye tests, admissions, applications received, open-day
        registrations, regular givers, volunteers recruited, tickets sold, ticket sales, downloads,
        installs, sign ups, meetings booked, calls booked, test drives, stockists, orders placed,
        average order value, basket size, repeat purchase, repeat purchases, lifetime value,
        customer lifetime value, cost per enquiry, cost per booking, cost per sale, cost per new
        customer, new membership, membership growth, counter sales, store sales, product sales,
        direct sales, sales of, sales rose, sales grew, sales went up, sales up, waiting list,
        waitlist, pre-orders, preorders, referrals, repeat business, average basket, basket value,
        average spend, new contacts, newsletter subscribers, newsletter sign-ups, newsletter
        signups, email sign-ups, mailing list sign-ups, contacts for the newsletter"""
    ),
    # What a consultant turns to as the result that counted.
    "REAL_RESULT": words(
        """real win, real result, real results, what mattered, what counted, what really
        mattered, what really counted, the real prize, the real measure, the real test, the
        number that mattered, the number that counts, what pays the bills, paid the bills"""
    ),
    "GROW": words(
        """grow, increase, rise, double, triple, quadruple, lift, boost, climb, jump, add, gain,
        win, bring in, generate, drive, deliver, cut, reduce, halve, improve, raise, sign up,
        secure, book, land, close, produce, hit, surge, soar"""
    ),
    "AMOUNT": words(
        """double, doubled, triple, tripled, a third, a quarter, half, twice, threefold,
        twofold, tenfold, percent, per cent, %, k, million, thousand, hundred, dozen"""
    ),
    "VANITY": words(
        """reactions, page reactions, follower, followers, follower count, follower number, follower
        numbers, follower growth, followers gained, likes, impressions, impression, views, view
        count, video views, fans, hearts, engagement rate, eyeballs, shares, reshares, retweets,
        subscriber count, follower graph, reach chart, page likes, audience size, likes and shares,
        liked and shared, how many people it reached, how many times it was, how many followers, how
        many people see, how many people saw, how many people see it, how many people viewed, the
        reach, our reach, your reach, their reach, total reach, monthly reach, weekly reach, unique
        reach, post reach, potential reach, reach figures, reach figure, reach numbers, reach
        number, impressions and reach, reach and impressions, reach and engagement, reach of, a
        following, our following, your following, combined following, his following, her following,
        their following, engagement rates, engagement numbers, engagement figures, engagement
        metrics, more engagement, total engagement, post engagement, social engagement, likes and
        engagement, engagement per post, engagement score, most-followed, most followed, most-liked,
        most liked, most-viewed, most viewed, visibility, the engagement numbers, reach is, reach
        was, the love"""
    ),
    # What a consultant offers as their qualification.
    "CREDENTIAL": words(
        """background, experience, qualification, qualifications, what qualifies me, credentials,
        track record, expertise, cv, resume, the background i'd point to, the experience i'd
        bring, the experience i'd use, taught me everything, taught me all, learned everything,
        learnt everything, learned all, learnt all, everything i know, all i know"""
    ),
    # The speaker's own accounts and audiences.
    "MY_ACCOUNTS": words(
        """my own, my account, my accounts, my channel, my channels, my page, my pages, my
        followers, my following, my posts, my grid, my profile, my subscribers, my audience,
        my feed, my content, my videos, my own channel, my own page, my own account"""
    ),
    # --- Background ------------------------------------------------------------------------------
    "EXPERIENCE": words(
        """work, worked, spent, serve, served, led, leading, lead the, lead a, lead its, ran, run,
        manage, managed, head, headed, owned, found, founded, co-found, co-founded, start, started,
        build, built, hold, held, career, background, experience, oversee, oversaw, direct, join,
        joined, move, moved, come up through, came up through, train as, trained as, cut my teeth,
        learn the ropes, look after, looked after, had, i was, she was, he was, i've been, i have
        been, she's been, he's been, came from, come from, years as"""
    ),
    "ROLE": words(
        """manager, director, head, lead, executive, officer, rep, representative, supervisor,
        coordinator, partner, owner, founder, co-founder, vp, chief, gm"""
    ),
    "FUNCTION": words(
        """marketing, brand marketing, product marketing, retail marketing, b2b marketing, trade
        marketing, field marketing, pr, public relations, press relations, trade pr, press office,
        sales, field sales, telesales, inside sales, b2b sales, key account, key account management,
        account management, account director, customer service, customer care, customer support,
        contact centre, contact center, call centre, front-of-house, front of house, retail,
        hospitality, journalism, journalist, advertising, advertising space, communications,
        corporate communications, comms, business development, commercial team, e-commerce,
        ecommerce, general manager, marketing director, marketing manager, marketing lead, head of
        marketing, head of sales, sales manager, regional sales manager, brand manager, account
        manager, customer service manager, store manager, operations, finance, trade-show, trade
        show, brand management, product management, category management, retail management, sales
        management, customer experience, marketing communications, selling, merchandising, retail
        merchandising, market research, fundraising, individual giving, supporter care, membership
        sales, advertising sales, client service, client services, account services, client
        relations, revenue team, revenue operations, head of revenue, chief revenue officer"""
    ),
    "ORG": words(
        """business, restaurant, shop, store, brewery, bakery, company, firm, startup, start-up,
        cafe, hotel, practice, franchise, events business, trade-show business, chain, agency,
        consultancy, garden centre, garden-centre chain, bank, insurer, wholesaler"""
    ),
    "RESPONSIBILITY": words(
        """p&l, p & l, profit and loss, revenue quota, quota, carried a quota, carry a quota,
        carrying a quota, sales quota, revenue target, revenue targets, sales target, sales targets,
        reported to me, report to me, reporting to me"""
    ),
    "PLATFORM_LIFE": words(
        """my own account, my account, my own page, my page, my own channel, my own channels, my
        channel, my followers, my following, my blog, fashion blog, personal brand, personal
        following, following of, always online, always on my phone, online all day, all day every
        day, grown up online, grew up online, grow up online, grew up on, grow up with, heavy user,
        power user, digital native, full-time creator, i'm a creator, i am a creator, i'm an
        influencer, i am an influencer, meme page, meme pages, accounts on every, since i was, at
        fourteen, at fifteen, at sixteen, at thirteen, know the algorithm, understand the algorithm,
        spot the trends, spot a new trend, first to spot, following trends, most online, very
        online, terminally online, chronically online, twitch streaming, discord server, from being
        on, from running my own, running my own, learnt everything, learned everything, self-taught,
        my personal account, my personal accounts, social media native, social native, extremely
        online, on it constantly, all day on, years of scrolling, my own following, content creator,
        fan accounts, fan account, fan page, fan pages, personal blog, my grid, know every platform,
        lives on them, live on them, on my phone all day"""
    ),
}


# --- Scope words: how a reader takes a phrase in its clause (`language`, `scope`) -----------
# Lemmas unless said otherwise; "cues" are word sequences as written.


def word_set(text: str) -> frozenset[str]:
    """Words separated by spaces."""
    return frozenset(text.split())


def by_first(sequences: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Sequences indexed by their first word, for a single pass over a text."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for sequence in sequences:
        index.setdefault(sequence[0], []).append(sequence)
    return {word: tuple(found) for word, found in index.items()}


def cues(text: str) -> tuple[tuple[str, ...], ...]:
    """Word sequences separated by '|' (a cue may hold a comma: "sure , let")."""
    return tuple(tuple(cue.split()) for cue in text.split("|") if cue.strip())


SENTENCE_MARKS = frozenset({".", "!", "?", ";", "(", ")", "[", "]", "\n", "—", "–", "--"})
# A colon ends a clause, not a sentence: what follows it elaborates on what came before
# ("Who we'd want involved: marketing, PR, legal").
CLAUSE_MARKS = frozenset({":"})
# Words that end the clause before them and start a new one.
CLAUSE_WORDS = word_set(
    """but however whereas although though yet while whilst except unless until because since
    once before after so then otherwise if when whenever"""
)
# After a comma, "and" or "or", these start a new clause ("..., we'll go viral").
SUBJECTS = word_set("i we you they he she it there our my this")
JOINERS = frozenset({",", "and", "or", "&", "plus", "/", "-"})  # "-": a spaced dash
CLAUSE_ENDS = JOINERS | frozenset({"so", "but", "because", "for", "anyway"})
# Verbs that negate in every form ("refused", "avoids", "stopped", "declined").
NEGATOR_VERBS = word_set("refuse avoid reject stop skip ban cancel scrap ditch decline")
# "A listening programme is not a follower count", "community is not about likes": what a
# sign of the real thing is told from (the negation does not refuse the sign).
WRONG_IDEAS = word_set(
    """follower like impression reach campaign broadcast megaphone billboard advert advertising
    ad stunt giveaway contest vanity popularity noticeboard loudspeaker brochure"""
)
WRONG_IDEA_LEADS = frozenset({"a", "an", "the", "just", "about", "simply", "merely", "another"})
# "Listening is not something we skip / we'd ever drop": a negation of these affirms.
DROPPING = NEGATOR_VERBS | word_set(
    "drop cut abandon neglect ignore forget skimp sacrifice overlook compromise"
)
NEGATORS = word_set(
    """not never no none nor neither nothing nobody without cannot avoid refuse stop against
    hardly rarely seldom forget ban reject zero skip cancel scrap ditch"""
)
# A negator followed by one of these does not negate: "not only", "no matter", "never fail".
# ... nor one followed by a verb that negates in its turn: "never stop listening", "don't
# skip research", "never underestimate honest replies", "I can't stress enough".
NOT_NEGATING_NEXT = word_set(
    """only just merely matter doubt fail least exception stop quit cease skip forget avoid above
    underestimate overlook neglect ignore stress emphasise emphasize overstate"""
)
# A negation ends with these: "that rarely works and we offer ..." negates "works" only.
NEGATION_ENDS = word_set("work matter last happen succeed stick scale land replace substitute beat")
# "We never tell anyone that the reviews are ours": a negated telling hides what follows.
REVEAL = word_set("tell reveal disclose admit mention let label flag")
# ... but only a telling to the public hides: "I don't tell clients that ..." refuses a claim.
AUDIENCES = word_set(
    "anyone anybody nobody people public follower fan customer reader audience user"
)
# "I'd never assume I know what they think": the negation stops at the presuming.
PRESUME = word_set("assume presume pretend")
# In "if you can't take a case, say so", the negation ends at the comma: the main clause follows.
CONDITIONALS = word_set("if when whenever unless once")
# Words that, after a phrase at the head of its clause, dismiss it ("... is a myth"), or
# before it, introduce it as a mistake ("the mistake ... is ...").
DISMISSALS = word_set(
    """myth trap gamble lottery fantasy mistake waste fad gimmick illusion nonsense luck pipe dead
    backfire fail useless pointless overrated nothing rarely seldom counterproductive damage hurt
    kill erode destroy risky danger dangerous harm off overkill luxury worst unnecessary optional
    vanity worse louder lose expensive costly irrelevant annoy annoys irritate alienate spammy
    annoying illegal unlawful unethical dishonest fraud banned wrong mediocre shallow distraction
    bonus buzzword cheat cheating scam shady dodgy crime sin shameful amateur cowboy charlatan
    backfire forbid forbidden prohibit prohibited no-go taboo nightmare hassle chore impossible
    fade fades false"""
)
# "X is lovely, but ...": a concession dismisses X when a "but" clause follows.
CONCESSIVE = word_set("lovely nice great fine cute fun good")
# "Without a target market it's a shot in the dark" argues for the market.
FAILURES = DISMISSALS | word_set("dark guess guesswork blind blindly fails flop")
# Contrast markers, as lemma sequences: the phrase after them is what the speaker turns from.
CONTRASTS = cues(
    """instead of | instead to | rather than | unlike | as opposed to | in place of | no need |
    no time | no point | no room | no place | far from | other than | more than just | over |
    than any | opposite of | anything but | the last thing | draw the line at |
    drew the line at | worth more than | better than | more useful than | more valuable than |
    beat | trump | outperform | in contrast to | in contrast with | contrary to"""
)
SO_CALLED_REACH = 3
# "We replaced giveaways with useful content": the phrase after these is left behind.
REPLACING = word_set("replace swap")
# "turned the feed from press releases into guides": the phrase after "from" is left behind.
CHANGES = word_set("turn transform move shift switch change convert")
SARCASM = cues(
    """what could go wrong | what could possibly go wrong | what can go wrong | yeah right | good
    luck with that | because that always work | because that always works | that always end well |
    that always ends well | sure that will work | how hard can it be | said no one ever | say no one
    ever | said no marketer ever | said no client ever | said no customer ever | said nobody ever |
    magic bullet | sure , let | would be lovely | winning the lottery | in this day and age | how
    quaint | how sweet | how cute | fairy | magic wand | pixie dust | gone brilliantly | went
    brilliantly | worked brilliantly | ah yes | oh yes | oh sure | if you enjoy paying | if you like
    paying | apparently | if only | who needs | if only it were | that always goes well | always
    goes well | sure that work | what the worst that could happen | what is the worst that could
    happen | brilliant plan | great plan | great idea | brilliant idea | genius | what a plan | ,
    they said . | worked so well | works so well | right , because | nothing says | what could be
    better | until it is . | until it does . | do it badly | done badly | win the lottery |
    wins the lottery | when pigs fly | pigs might fly | hell freezes over | because obviously |
    because of course | sure that always | oh great | oh wonderful | oh brilliant | very smart |
    very clever | both pretend | the next pope | fixes itself too | fix itself too | everyone
    knows | everybody knows | of course the answer | shocking i know | radical i know |
    revolutionary i know | who knew | wonderful if you want | great if you want | brilliant if
    you want | perfect if you want | fantastic if you want | lovely if you want | clearly ready
    to | because what people really want | because what customers really want | because what
    everyone really wants | most expensive words | oh yeah because | because what your
    customers really want | because what your audience really wants | because what people
    want | can enjoy | get to enjoy | / s | funny how | oh fantastic | oh lovely | oh perfect |
    oh amazing | oh terrific | oh fabulous | sounds like a wonderful way | sounds like a great
    way | sounds like a brilliant way | sounds like a fantastic way | sounds like a lovely way |
    ah the classic | oh the classic | my favourite pitch | my favorite pitch | my favourite
    phrase | my favorite phrase | pay the rent with | pay rent with | pay the bills with | pay my
    rent with"""
)
# Cues that answer the sentence before ("Four thousand likes. Let me go pay the rent with
# those.") wherever they stand in their own.
SARCASM_ANSWERS = frozenset({"said", "say", "says", "pay"})
# "Sure, ..." or "Of course, ..." opening a sentence, answered by "rather", "but" or "or":
# the speaker concedes the tactic only to turn from it.
CONCESSIONS = cues(
    "sure , | of course , | yes , | fine , | ok , | okay , | sure - | of course - | yes - | fine - "
    "| sure let | sure we | it is tempting | it tempting | tempting as | it would be easy to | "
    "it is easy to | it easy to | you might think | the temptation is | the temptation be | "
    "right , | certainly , | certainly - | by all means | absolutely , | yes of course | yes let "
    "| of course let | yeah sure | yeah , | oh , | ah , | yes because | of course we could | "
    "of course i could | of course you could | yes , yes | yes please | let just"
)
CONCESSION_TURNS = word_set("rather instead but or meanwhile meantime")
# After a short question ("Market research?"), an answer that waves the idea away.
WAVES = word_set("sure lovely nice great fine cute yeah yes only")
WAVE_TURNS = word_set("until but enjoy like theory if")
REVERSALS = cues(
    """the opposite | talk they out of | talk we out of | argue against | push back | we pass |
    no thanks | no thank you | it be a mistake | that be a mistake | i regret | we regret |
    never repeat | never again | i disagree | we disagree | no long work | that never work |
    we walk away | i walk away | walk away from | none of it work | none of that work |
    none of they work | none of that be something | none of this be something |
    none of those be something | none of these be something | none of that be what |
    none of those be what | none of which we | none of which i | we do none of | i do none of |
    we do do any of that | we do do any of those | we do do any of it | i do do any of that |
    i do do any of those | we never do any of | i never do any of | that never how it work |
    that be never how it work | that not how it work | that be not how it work |
    that what other | that what most | that what some | that what many | that what lot of |
    that what every other | that be what other | that be what most | that be what some |
    that be what many | not on our watch | not how we work | we do work that way |
    we never work that way | we never do that | we would never do that | we will never do that |
    i would never do that | i never do that | i stop make | we stop make | i stop offer |
    we stop offer | i stop sell | we stop sell | i stop promise | we stop promise |
    not on my watch | not from i | not from we | not on your life | you will never catch i |
    you will never catch we | you will not catch i | you will not catch we | short answer : no |
    the short answer be no | the answer be no | my answer be no | the answer : no |
    you will catch i | you will catch we | turn our back on | turn my back on |
    i turn my back on | drop for good | drop it for good | the last thing he do |
    the last thing she do | the last thing i do | the last thing we do | never hear it from |
    never hear that from | never hear from i | never hear from we | not something i |
    not something we | not something he | not something she | a door i close | a door we close |
    a door she close | a door he close | a door i shut | a door we shut | a door she shut |
    a door he shut | a door this agency close | door we close | door i close |
    never offer , never | stay shut | hear that one before | not how i run | not how we run |
    not how i work | something i will not do | something we will not do | something i would
    never do | something we would never do | something i will never do | something we will
    never do | something i would not do | something we would not do"""
)
# Who else a phrase can be said of: competitors and the like (any verb) ...
OTHERS = word_set(
    """agency agencies competitor rival vendor guru freelancer firm outfit others shop hustler some
    bidder marketer consultant consultancy company brand people everyone everybody someone somebody
    they client customer business owner boss founder manager predecessor team recruiter anyone
    anybody whoever legal lawyer board ceo director leadership management prospect tender rfp itt
    specification employer"""
)
# ... the ones that only speak for others when they ask, want or promise something
# ("clients ask us to go viral"), when many of them do it ("most brands delete criticism")
# or when the speaker watched them ("I've seen companies ..."); on their own they are the
# subject of evidence ("clients trust us").
REQUESTERS = word_set(
    """client customer company firm shop brand people everyone everybody business owner boss founder
    some bidder prospect tender rfp itt specification
    manager team someone somebody they recruiter legal lawyer board ceo director leadership
    management"""
)
WANTS = word_set(
    """ask want expect demand hope request insist crave beg dream wish like love think
    believe assume imagine obsess chase tell push pressure say brief panic instinct reflex
    temptation urge habit invite promise guarantee"""
)
WANT_ADVERBS = word_set("will would can could always often usually also then just")
QUANTIFIERS = word_set("most many lot lots plenty several few other too some")
# "our competitor", "my predecessor": someone else, whatever the possessive says.
RIVALS = word_set("competitor rival predecessor")
# The consultant's own clients: "most clients see their numbers climb" is evidence.
OWN_SIDE = word_set("client customer buyer")
# "at a B2B packaging firm", "for a running-shoe shop": a place or a beneficiary.
PLACES = word_set("at for with in from to into on by within inside")
# "One of the gyms near you ...": a business of the kind a consultant serves, never the speaker.
BUSINESSES = word_set(
    "gym hotel restaurant cafe bakery store shop clinic practice bank school charity salon bar"
)
FORMER = word_set("last previous old former other")  # "our last agency" was someone else
OBSERVING = word_set("see watch meet notice know replace inherit follow compete beat than")
# "Our sister hotel hired someone who ...": whom someone else hired is not the speaker.
HIRING = word_set("hire pay employ engage contract commission retain")
FIRST_PERSON = word_set("i we us our ours my me myself ourselves")
# Only a first-person subject ends the search for whom a phrase is said of: in "clients
# ask us to go viral", "us" is the one asked.
SUBJECT_FIRST_PERSON = frozenset({"i", "we"})
# After a phrase, these carry its negation: "... aren't part of what we offer", "... has
# never been the goal", "... won't be needed".
AUXILIARIES = word_set("be have do will can would should could must")
POST_NEGATION_REACH = 3  # words after the phrase, when it does not head its clause
POSTPONE = word_set("later eventually afterwards after")
DECLINES = word_set(
    "decline declined refuse refused turn"
)  # "turn": only "turned it down"  # "... your audience later": not now
DISMISSAL_REACH = 4  # "asking them is a waste": the dismissal follows its phrase closely
# Determiners and the like that may stand before the head phrase of a clause.
HEAD_FILLERS = word_set(
    """a an the any all some our your their its this that these those just simply and or also
    honestly frankly really to trying try chasing chase relying rely on then so but even more
    lots of constant"""
)
CONTRACTIONS = {"wo": "will", "ca": "can", "sha": "shall", "ai": "be", "don": "do"}
LIST_ITEM_MAX_WORDS = 3
LIST_LEAD_WORDS = 2  # the words of a lead-in that belong to the first item
MENTION_WORDS = 6
SUBORDINATE_WORDS = 5  # "... while your team stays out of it is not ..."
HEADER_WORDS = 5  # "What I don't do:" negates what follows its colon
YES_NO = word_set("should shall do does did can could would will is are was were")
COUNT_WORDS = word_set(
    """one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty
    forty fifty sixty seventy eighty ninety hundred thousand million dozen"""
)
# Numbers written as words, for NUM in the rules ("two people", "a third lower").
NUMBER_WORDS = word_set(
    """two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty
    fifty sixty hundred thousand million billion dozen dozens hundreds thousands millions
    third quarter half"""
)
SARCASM_BY_FIRST = by_first(tuple(tuple(w for w in cue if w != ",") for cue in SARCASM))
REVERSALS_BY_FIRST = by_first(REVERSALS)
CONTRASTS_BY_FIRST = by_first(CONTRASTS)
