"""Load demo data: one account per role, a directory of consultants of varied quality, and
three vetting rounds run by procurement@winnow.test: one open (every consultant invited, in
every state from invited to submitted), one draft and one closed. The open round's submitted
consultants have their references checked, in every state a check can be in: answered on
the web form or on a call, waiting, overdue, claimed, unreachable and declined.

Idempotent: running it again updates the same rows instead of adding new ones, and puts the
demo rounds back as they were seeded. It never sends email.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone

from consultants.models import Consultant, Reference, Relationship, Service
from vetting.answers import check_answer
from vetting.demo.reviews import seed_reviews
from vetting.models import (
    Answer,
    CallAttempt,
    CallOutcome,
    Channel,
    CheckStatus,
    Engagement,
    EngagementStatus,
    HireAgain,
    Invitation,
    Questionnaire,
    ReferenceCheck,
    Submission,
    SubmissionStatus,
    User,
    Verdict,
)
from vetting.models.references import OPEN_CHECK_STATUSES
from vetting.roles import Role
from vetting.services import submission_problems
from vetting.services.references import claimed_accomplishments, refresh_flags
from vetting.tokens import new_token

DEMO_PASSWORD = "winnow-demo-2026"

ACCOUNTS = [
    # email, first, last, role (None = administrator), staff
    ("procurement@winnow.test", "Priya", "Shah", Role.PROCUREMENT, False),
    ("manager@winnow.test", "Marcus", "Lee", Role.MANAGER, False),
    ("consultant@winnow.test", "Clara", "Okafor", Role.CONSULTANT, False),
    ("admin@winnow.test", "Ada", "Admin", None, True),
]

C, E, P = Relationship.CLIENT, Relationship.EMPLOYER, Relationship.PEER

# name, agency, email, location, website, headline, background, offered, not offered,
# references [(name, email, company, role, relationship, from, to, can confirm, consent)]
CONSULTANTS: list[dict[str, Any]] = [
    {
        "name": "Clara Okafor",
        "agency": "Okafor Social",
        "email": "consultant@winnow.test",
        "location": "Manchester, UK",
        "website": "https://okafor-social.example",
        "headline": "Social marketing for B2B software: target market first, platform second",
        "background": "Eight years in B2B marketing and PR before social: product launches, "
        "analyst relations and a customer-service team of twelve. I start every engagement "
        "by asking who the buyer's market is, when they listen and what they need to hear.",
        "offered": [
            "Social marketing strategy",
            "Audience research and social listening",
            "Measurement and reporting",
            "Training in-house teams",
        ],
        "not_offered": ["Day-to-day community management", "Paid social advertising"],
        "references": [
            (
                "Tom Reid",
                "tom.reid@ledgerly.example",
                "Ledgerly",
                "VP Marketing",
                C,
                date(2021, 3, 1),
                date(2023, 6, 30),
                "Grew our trial sign-ups from LinkedIn communities by 38% in a year; trained our "
                "support team to answer in the open.",
                True,
            ),
            (
                "Hannah Berg",
                "h.berg@northwind.example",
                "Northwind Analytics",
                "CMO",
                C,
                date(2023, 9, 1),
                None,
                "Built our listening programme and the monthly report the board reads.",
                True,
            ),
        ],
    },
    {
        "name": "Daniel Mercer",
        "agency": "BuzzRocket Media",
        "email": "dan@buzzrocket.example",
        "location": "Los Angeles, USA",
        "website": "https://buzzrocket.example",
        "headline": "We make brands go viral. Guaranteed buzz on every platform",
        "background": "Ran my own accounts since 2009 with 250k followers. We do it all: "
        "posting, ads, influencers, community, PR.",
        "offered": "ALL",
        "not_offered": [],
        "references": [
            (
                "Jay Mercer",
                "jay.mercer@gmail.example",
                "Mercer Family Bakery",
                "Owner",
                C,
                date(2022, 1, 1),
                None,
                "Dan ran our Instagram and got us lots of followers.",
                True,
            ),
            (
                "Rita Gomez",
                "rita@sunnyside-cafe.example",
                "Sunnyside Café",
                "Owner",
                C,
                date(2023, 2, 1),
                date(2023, 5, 31),
                "Posted on our Instagram daily for three months; we stopped when sales did not move.",
                True,
            ),
        ],
    },
    {
        "name": "Sofia Alvarez",
        "agency": "",
        "email": "sofia@alvarez-consulting.example",
        "location": "Madrid, Spain",
        "website": "https://alvarez-consulting.example",
        "headline": "Community building for consumer brands, ex-customer-service lead",
        "background": "Ran customer service for a telecom for six years, then moved that team "
        "onto social channels. I help companies listen first and answer in the open, owning "
        "bad feedback instead of hiding it.",
        "offered": [
            "Community building",
            "Social customer service",
            "Audience research and social listening",
            "Crisis and reputation management",
        ],
        "not_offered": ["Paid social advertising", "Influencer and partner outreach"],
        "references": [
            (
                "Luis Romero",
                "lromero@telefonia.example",
                "Telefonía Clara",
                "Head of CX",
                E,
                date(2015, 2, 1),
                date(2021, 1, 31),
                "Moved our complaints handling onto social and cut response time from 2 days to "
                "3 hours.",
                True,
            ),
            (
                "Marta Gil",
                "marta.gil@verdemar.example",
                "Verdemar Foods",
                "Brand Director",
                C,
                date(2021, 6, 1),
                date(2024, 2, 29),
                "Handled a product recall openly on social with our team.",
                True,
            ),
        ],
    },
    {
        "name": "Tweetstorm Agency",
        "agency": "Tweetstorm Agency",
        "email": "hello@tweetstorm.example",
        "location": "London, UK",
        "website": "https://tweetstorm.example",
        "headline": "Your first step: a Twitter campaign that trends in a week",
        "background": "We run high-volume campaigns with our network of 40 posters who push "
        "your message across hundreds of accounts.",
        "offered": [
            "Content creation",
            "Paid social advertising",
            "Day-to-day community management",
        ],
        "not_offered": [],
        "references": [
            (
                "Sam Poole",
                "sam@tweetstorm-partners.example",
                "Tweetstorm Partners",
                "Director",
                P,
                date(2020, 1, 1),
                None,
                "They are great at campaigns that trend.",
                False,
            ),
            (
                "Lee Hart",
                "lee@hartfitness.example",
                "Hart Fitness",
                "Founder",
                C,
                date(2022, 6, 1),
                date(2022, 7, 31),
                "Ran a two-week hashtag campaign for our gym opening.",
                True,
            ),
            (
                "Maya Fields",
                "maya@nightowl-events.example",
                "Night Owl Events",
                "Promoter",
                C,
                date(2023, 3, 1),
                date(2023, 4, 30),
                "Tweetstorm pushed our event hashtag on launch day.",
                True,
            ),
        ],
    },
    {
        "name": "Mei Tanaka",
        "agency": "Tanaka & Partners",
        "email": "mei@tanaka-partners.example",
        "location": "Singapore",
        "website": "https://tanaka-partners.example",
        "headline": "Database building and email-led social for retail, 11 years",
        "background": "Retail CRM manager for seven years; I connect social programmes to the "
        "customer database so that every community effort has a measured result.",
        "offered": [
            "Email and database building",
            "Measurement and reporting",
            "Social marketing strategy",
        ],
        "not_offered": ["Content creation", "Day-to-day community management"],
        "references": [
            (
                "Arun Pillai",
                "arun.pillai@kedai.example",
                "Kedai Retail Group",
                "CRM Director",
                C,
                date(2019, 4, 1),
                date(2022, 12, 31),
                "Grew our opt-in list from 40k to 210k through community programmes.",
                True,
            ),
            (
                "Grace Lim",
                "grace.lim@harbourlane.example",
                "Harbour Lane",
                "COO",
                C,
                date(2023, 1, 1),
                None,
                "Built our loyalty community and its reporting.",
                True,
            ),
            (
                "Wei Chen",
                "wei.chen@kedai.example",
                "Kedai Retail Group",
                "Data Lead",
                P,
                date(2019, 4, 1),
                date(2021, 6, 30),
                "Worked with Mei on the CRM integration.",
                True,
            ),
        ],
    },
    {
        "name": "Greg Halvorsen",
        "agency": "Halvorsen Digital",
        "email": "greg@halvorsen.example",
        "location": "Oslo, Norway",
        "website": "",
        "headline": "Social media expert, 15 years online",
        "background": "I have been on every network since MySpace.",
        "offered": ["Content creation", "Day-to-day community management"],
        "not_offered": [],
        "references": [],
    },
    {
        "name": "Aisha Rahman",
        "agency": "Brightline PR",
        "email": "aisha@brightline.example",
        "location": "Dubai, UAE",
        "website": "https://brightline.example",
        "headline": "PR first: earned coverage and social that supports it",
        "background": "Ten years in agency PR (technology and finance). Social is where I "
        "listen to journalists and customers; coverage is what I measure.",
        "offered": [
            "PR and media relations",
            "Crisis and reputation management",
            "Social marketing strategy",
        ],
        "not_offered": ["Paid social advertising", "Day-to-day community management"],
        "references": [
            (
                "Omar Haddad",
                "o.haddad@falconbank.example",
                "Falcon Bank",
                "Head of Comms",
                C,
                date(2020, 5, 1),
                date(2023, 4, 30),
                "Secured 60 pieces of tier-one coverage for our app launch.",
                True,
            ),
            (
                "Leila Nasser",
                "leila@brightline.example",
                "Brightline PR",
                "Managing Partner",
                E,
                date(2016, 1, 1),
                date(2020, 4, 30),
                "Aisha led our technology practice.",
                True,
            ),
        ],
    },
    {
        "name": "Viral Vince",
        "agency": "",
        "email": "vince.viral@gmail.example",
        "location": "Miami, USA",
        "website": "https://viralvince.example",
        "headline": "Free earned reach: no budget needed, I will make you famous",
        "background": "Influencer with big accounts. I post about your product to my fans.",
        "offered": ["Influencer and partner outreach", "Content creation"],
        "not_offered": [],
        "references": [
            (
                "Kim Vance",
                "kimv@gmail.example",
                "Self-employed",
                "Friend",
                P,
                date(2023, 1, 1),
                None,
                "Vince is great and very popular online.",
                False,
            ),
            (
                "Brandon Cole",
                "brandon@glowup-drinks.example",
                "GlowUp Drinks",
                "Co-founder",
                C,
                date(2023, 6, 1),
                date(2023, 8, 31),
                "Vince posted about our drink to his followers for one summer.",
                True,
            ),
            (
                "Tyler Brooks",
                "tyler@brookskicks.example",
                "Brooks Kicks",
                "Owner",
                C,
                date(2024, 5, 1),
                date(2024, 6, 30),
                "Vince posted our sneakers to his followers a few times.",
                True,
            ),
        ],
    },
    {
        "name": "Eleanor Whitfield",
        "agency": "Whitfield Advisory",
        "email": "eleanor@whitfield.example",
        "location": "Boston, USA",
        "website": "https://whitfield.example",
        "headline": "Social selling and cross-department programmes for B2B sales teams",
        "background": "Fifteen years in enterprise sales and sales enablement. I bring "
        "marketing, sales, support and legal to one table before any social programme starts.",
        "offered": [
            "Social selling for sales teams",
            "Training in-house teams",
            "Social marketing strategy",
        ],
        "not_offered": [
            "Content creation",
            "Paid social advertising",
            "Influencer and partner outreach",
        ],
        "references": [
            (
                "Rachel Stone",
                "rstone@corvid.example",
                "Corvid Systems",
                "SVP Sales",
                C,
                date(2020, 9, 1),
                date(2022, 8, 31),
                "Our reps sourced 22% of pipeline from LinkedIn after Eleanor's programme.",
                True,
            ),
            (
                "Ben Ortiz",
                "ben.ortiz@alderpoint.example",
                "Alderpoint",
                "General Counsel",
                C,
                date(2022, 10, 1),
                None,
                "Wrote our social media policy with legal and HR.",
                True,
            ),
        ],
    },
    {
        "name": "Lukas Becker",
        "agency": "Becker Content Studio",
        "email": "lukas@becker-studio.example",
        "location": "Berlin, Germany",
        "website": "https://becker-studio.example",
        "headline": "Video and content for social, with a clear brief",
        "background": "Film school, then five years producing content for consumer brands. I "
        "work from a brief and a target audience; I don't run communities.",
        "offered": ["Content creation"],
        "not_offered": [
            "Day-to-day community management",
            "Paid social advertising",
            "PR and media relations",
        ],
        "references": [
            (
                "Nina Krause",
                "nina.krause@fahrrad.example",
                "Fahrradwerk",
                "Marketing Manager",
                C,
                date(2021, 1, 1),
                date(2022, 12, 31),
                "Produced our launch videos.",
                True,
            ),
            (
                "Jonas Weber",
                "jonas@becker-studio.example",
                "Becker Content Studio",
                "Editor",
                P,
                date(2019, 1, 1),
                None,
                "Works with Lukas daily on every edit.",
                True,
            ),
        ],
    },
    {
        "name": "Priscilla Obi",
        "agency": "Obi Growth",
        "email": "priscilla@obigrowth.example",
        "location": "Lagos, Nigeria",
        "website": "https://obigrowth.example",
        "headline": "Monetization through community: from listening to revenue",
        "background": "Ex-ecommerce marketing lead. I measure social by revenue and repeat "
        "purchases, and I hand the community to your own people once it runs.",
        "offered": [
            "Community building",
            "Measurement and reporting",
            "Email and database building",
        ],
        "not_offered": ["Day-to-day community management"],
        "references": [
            (
                "Chidi Eze",
                "chidi.eze@shoplagos.example",
                "ShopLagos",
                "CEO",
                C,
                date(2020, 2, 1),
                date(2023, 3, 31),
                "Community-led campaigns returned 4.2x their cost in repeat purchases.",
                True,
            ),
            (
                "Funke Adeyemi",
                "funke@paystack-like.example",
                "PayBridge",
                "Head of Growth",
                C,
                date(2023, 5, 1),
                None,
                "Built our merchant community from zero to 3,000 members.",
                True,
            ),
        ],
    },
    {
        "name": "Oscar Lindqvist",
        "agency": "All-In Social",
        "email": "oscar@allinsocial.example",
        "location": "Stockholm, Sweden",
        "website": "https://allinsocial.example",
        "headline": "One agency for everything social: strategy to posting to ads",
        "background": "Agency founder. We run your accounts end to end so your team never has "
        "to touch social media.",
        "offered": "ALL",
        "not_offered": [],
        "references": [
            (
                "Eva Nilsson",
                "eva.nilsson@hotmail.example",
                "Nilsson Interiors",
                "Owner",
                C,
                date(2022, 3, 1),
                date(2023, 2, 28),
                "They post for us every day.",
                True,
            ),
            (
                "Per Holm",
                "per@allinsocial.example",
                "All-In Social",
                "Account Manager",
                E,
                date(2021, 1, 1),
                None,
                "Oscar is my boss at the agency.",
                True,
            ),
        ],
    },
]

# The demo rounds -------------------------------------------------------------------------
# Each consultant's answers to the default questionnaire, in their own voice: green-flag
# consultants start from the buyer's market and people, red-flag ones from tactics. An
# accomplishment names its reference by the referee's email (resolved to the id on save).

QUESTION_KEYS = (
    "years_social_media",
    "years_for_clients",
    "accomplishments",
    "business_background",
    "greatest_accomplishment",
    "media_vs_marketing",
    "first_steps",
)


def _did(area: str, what: str, result: str, reference: str, evidence: str = "") -> dict[str, str]:
    return {
        "area": area,
        "what": what,
        "result": result,
        "evidence_url": evidence,
        "reference": reference,
    }


ANSWERS: dict[str, dict[str, Any]] = {
    "consultant@winnow.test": {  # Clara Okafor
        "years_social_media": 10,
        "years_for_clients": 7,
        "accomplishments": [
            _did(
                "monetization",
                "Built Ledgerly's LinkedIn community programme, with their product marketers "
                "and support team answering finance managers' questions in the open.",
                "Trial sign-ups from LinkedIn communities up 38% in a year",
                "tom.reid@ledgerly.example",
                "https://okafor-social.example/cases/ledgerly",
            ),
            _did(
                "database_building",
                "Set up Northwind Analytics' listening programme and the monthly report their "
                "board reads, joined to the CRM so that mentions map to accounts.",
                "1,200 new opted-in contacts in year one; the report is used in every "
                "quarterly pipeline review",
                "h.berg@northwind.example",
            ),
        ],
        "business_background": "Eight years in B2B marketing and PR before social: product "
        "launches for two software companies, analyst relations, and a customer-service team "
        "of twelve that I managed. Since 2019 I run Okafor Social, helping B2B software "
        "companies plan social marketing that their own teams carry out.",
        "greatest_accomplishment": "Ledgerly's trial sign-ups had stalled and their social "
        "accounts only posted release notes. I spent the first month listening: finance "
        "managers were asking each other about month-end close in LinkedIn groups, and nobody "
        "from Ledgerly was there. We trained four product marketers and three support agents "
        "to answer those questions in the open, with legal agreeing the rules up front. The "
        "first quarter showed nothing and the CEO nearly stopped it; by month twelve trial "
        "sign-ups from LinkedIn communities were up 38%, which Tom Reid can confirm.",
        "media_vs_marketing": "Social media is the network; social marketing is using it to "
        "give Northwind's market something of value first, and a message later. For the Flow "
        "launch, your buyers are operations and finance leaders who trust peers and analysts. "
        "That means starting from where they already discuss forecasting, listening before we "
        "publish, and measuring demo requests and pilots, not impressions.",
        "first_steps": "Weeks 1-2: interviews with your sales, support and product leads, and "
        "with five customers, to confirm who we are talking to and what they need to hear "
        "before the expo. Weeks 3-4: listening across LinkedIn groups and trade communities, "
        "and a launch plan with a measurement framework. Your product marketers and support "
        "specialists do the day-to-day community work; I train them and review weekly.",
    },
    "sofia@alvarez-consulting.example": {
        "years_social_media": 11,
        "years_for_clients": 9,
        "accomplishments": [
            _did(
                "pr",
                "Moved Telefonía Clara's complaints handling onto public social channels, with "
                "the customer-service team answering in the open and owning bad news.",
                "Median response time from 2 days to 3 hours; negative mentions down 27% in a year",
                "lromero@telefonia.example",
                "https://alvarez-consulting.example/cases/telefonia",
            ),
            _did(
                "pr",
                "Ran Verdemar Foods' product recall on social with their quality and legal "
                "teams: one honest post, an answer to every question, daily updates.",
                "Coverage neutral in 80% of articles; repeat purchases back to the pre-recall "
                "level in 10 weeks",
                "marta.gil@verdemar.example",
            ),
        ],
        "business_background": "Six years running customer service for Telefonía Clara, a "
        "team of 40 across phone, email and chat, then three years as an independent "
        "consultant. Before that, two years in retail operations. I know what it takes to "
        "answer a customer well, and how service and marketing have to work together.",
        "greatest_accomplishment": "At Telefonía Clara complaints took two days to answer and "
        "often ended up on Twitter anyway. I proposed answering in public, where customers "
        "already were. We listened for a month to learn what people asked and where, trained "
        "eight agents, agreed with legal what they could say without approval, and set up a "
        "shared queue with marketing. The first month went badly: we sounded like lawyers and "
        "were mocked for it. We changed tone, published our response times and owned our "
        "mistakes publicly. Within a year median response was three hours and negative "
        "mentions fell 27%.",
        "media_vs_marketing": "Social media is the network where your buyers already talk to "
        "each other; social marketing is deciding what value Northwind adds to those "
        "conversations, and when. For operations and finance leaders at manufacturers, that "
        "means answering their forecasting questions where they ask them (LinkedIn groups, "
        "trade communities), not broadcasting launch news. The launch message comes after we "
        "have listened and earned attention.",
        "first_steps": "Weeks 1-3: listen. I map where your target buyers discuss supply-chain "
        "forecasting, what they complain about and whom they trust, and interview your sales "
        "and support leads. Weeks 4-6: a plan with your marketing, support, product and legal "
        "people: who answers, what they may say, how we handle bad feedback. Your support and "
        "product specialists do the day-to-day community work; I train them and review "
        "weekly for the first quarter.",
    },
    "mei@tanaka-partners.example": {
        "years_social_media": 12,
        "years_for_clients": 11,
        "accomplishments": [
            _did(
                "database_building",
                "Connected Kedai Retail Group's community programmes to the CRM: every social "
                "offer led to a preference centre, not to a like.",
                "Opt-in list from 40,000 to 210,000 in three years; 18% of online revenue from "
                "list members",
                "arun.pillai@kedai.example",
                "https://tanaka-partners.example/cases/kedai",
            ),
            _did(
                "monetization",
                "Built Harbour Lane's loyalty community with their store staff as hosts, "
                "measured against purchase data.",
                "12,000 members in 18 months; members spend 2.3 times what non-members do",
                "grace.lim@harbourlane.example",
            ),
        ],
        "business_background": "Seven years as CRM manager at a regional retail group: "
        "segmentation, email, loyalty and the customer database. Then four years running "
        "Tanaka & Partners, connecting social programmes to the CRM for retailers. I report "
        "to finance teams, so everything I do has a measured result.",
        "greatest_accomplishment": "Kedai's social following was large but nobody could say "
        "what it was worth. I started by asking the CRM team which customers were most "
        "valuable and where they spent time online. We replaced giveaways with useful content "
        "(recipes, stock alerts) that asked for an email and preferences in return, and "
        "trained store managers to answer questions in local groups. The first data "
        "integration failed and cost us two months; Wei Chen and I rebuilt it. Over three "
        "years the opt-in list grew from 40k to 210k, and list members drove 18% of online "
        "revenue.",
        "media_vs_marketing": "Social media is where Northwind's buyers meet; social marketing "
        "is what Northwind does there that they value, measured by what it adds to your "
        "pipeline. For a B2B launch to operations leaders the difference means we measure "
        "demo requests and known contacts, not reach. Every programme should grow a database "
        "of people who asked to hear from you.",
        "first_steps": "First, an audit of your CRM and the launch funnel: which contacts you "
        "have, which segments matter, how a demo request is tracked. Then three weeks of "
        "listening in the communities those segments use, after which I propose two or three "
        "programmes tied to measurable list and pipeline goals. Your marketing operations "
        "person and your product specialists run them day to day; I set up the measurement "
        "and coach them.",
    },
    "eleanor@whitfield.example": {
        "years_social_media": 10,
        "years_for_clients": 8,
        "accomplishments": [
            _did(
                "monetization",
                "Designed Corvid Systems' social selling programme: 60 reps trained to listen "
                "and contribute in the LinkedIn groups their buyers used, with marketing "
                "supplying the content.",
                "22% of new pipeline sourced from LinkedIn within 18 months",
                "rstone@corvid.example",
            ),
            _did(
                "pr",
                "Wrote Alderpoint's social media policy with legal, HR and communications so "
                "that their engineers could speak publicly about their work.",
                "300 employees posting under the policy; no compliance incident in two years",
                "ben.ortiz@alderpoint.example",
            ),
        ],
        "business_background": "Fifteen years in enterprise software sales: account executive, "
        "sales manager, then head of sales enablement for a 200-person sales team. I have sat "
        "in pipeline reviews, negotiated with procurement and worked with legal on every "
        "contract, so I plan social programmes with sales, marketing, support and legal at "
        "the table from the start.",
        "greatest_accomplishment": "Corvid's reps had been told to 'be on LinkedIn' and "
        "posted company news that nobody read. I asked the best-performing reps how their "
        "buyers researched; the answer was peer groups and analysts. We agreed with marketing "
        "which content would help those conversations, with legal what reps could say, and "
        "trained sixty reps in cohorts of ten. We dropped automated posting, which annoyed "
        "people. Eighteen months later 22% of new pipeline came from LinkedIn conversations, "
        "as the CRM shows.",
        "media_vs_marketing": "Social media is the platform; social marketing is using it to "
        "help buyers decide, in a way that eventually brings them to you. The operations and "
        "finance leaders Northwind wants do not respond to brand posts; they respond to peers "
        "and to people who helped them. So the question is not which network to post on, but "
        "which of your people can help which buyers, and how sales, marketing and support "
        "share that work.",
        "first_steps": "In the first two weeks I would meet your sales, marketing, customer "
        "success and legal leads together to agree the target accounts, what each team "
        "contributes and the rules for speaking in public. Weeks three to six: a pilot with "
        "ten of your sales and product people, supported by marketing content. Your own "
        "people hold the day-to-day conversations; I train them, set up the measurement in "
        "your CRM and step back after the first quarter.",
    },
    "priscilla@obigrowth.example": {
        "years_social_media": 9,
        "years_for_clients": 7,
        "accomplishments": [
            _did(
                "monetization",
                "Ran community-led campaigns for ShopLagos with customers' own reviews and "
                "questions at the centre, answered by the merchandising team.",
                "Campaigns returned 4.2 times their cost in repeat purchases over three years",
                "chidi.eze@shoplagos.example",
                "https://obigrowth.example/cases/shoplagos",
            ),
            _did(
                "database_building",
                "Built PayBridge's merchant community from zero, hosted by their account "
                "managers, with product managers answering feature questions.",
                "3,000 active merchants; 35% of feature requests now come from the community",
                "funke@paystack-like.example",
            ),
        ],
        "business_background": "Five years leading e-commerce marketing for an online "
        "retailer: CRM, promotions and customer research, with a P&L I answered for. Before "
        "that, two years in customer support. Since 2020 I run Obi Growth, helping companies "
        "build communities that their own teams then run.",
        "greatest_accomplishment": "PayBridge heard from its merchants only through support "
        "tickets. I interviewed 30 merchants to learn what they needed from each other, then "
        "launched a small invite-only group hosted by their account managers, with one rule: "
        "product managers answer in the open, including 'not yet'. Growth was slow for four "
        "months and we nearly stopped; a monthly merchant-led session turned it around. The "
        "community now has 3,000 members, and I handed it fully to PayBridge's team after a "
        "year.",
        "media_vs_marketing": "Social media is the channel; social marketing is a "
        "relationship with a market that pays back in revenue. For Northwind that means "
        "starting from what operations leaders need during a launch (proof, peers who have "
        "tried it, honest answers about limits) and measuring demo requests and pilots, not "
        "followers. The community belongs to Northwind and should be run by your people.",
        "first_steps": "Month one: interviews with ten prospects and five customers, and an "
        "audit of where your target market talks about forecasting. Then a pilot community "
        "for early adopters, hosted by your customer success team, with your product managers "
        "answering questions. I measure what it adds to pipeline and pilots each month, and "
        "hand the community to your team by month six.",
    },
    "aisha@brightline.example": {
        "years_social_media": 8,
        "years_for_clients": 8,
        "accomplishments": [
            _did(
                "pr",
                "Led the launch PR for Falcon Bank's mobile app, using social listening to find "
                "the journalists and customer questions that mattered.",
                "60 pieces of tier-one coverage in three months",
                "o.haddad@falconbank.example",
                "https://brightline.example/work/falcon",
            ),
        ],
        "business_background": "Ten years in agency PR for technology and finance clients, "
        "the last four leading Brightline's technology practice, a team of nine. I work with "
        "communications, legal and executive teams every day; social is where I listen to "
        "journalists and customers.",
        "greatest_accomplishment": "A week before Falcon Bank's app launch, a security rumour "
        "spread on social. We listened first and traced where it started, then had the "
        "bank's CTO answer publicly with facts and a timeline, approved by legal overnight. "
        "We briefed every journalist who had asked. The launch went ahead with 60 tier-one "
        "pieces, most of them mentioning the open response.",
    },
    "lukas@becker-studio.example": {
        "years_social_media": 7,
        "years_for_clients": 5,
    },
    "dan@buzzrocket.example": {  # we do it all; go viral
        "years_social_media": 17,
        "years_for_clients": 17,
        "accomplishments": [
            _did(
                "pr",
                "Made Mercer Family Bakery go viral on Instagram with a giveaway and trending "
                "sounds.",
                "Lots of followers and buzz",
                "jay.mercer@gmail.example",
            ),
            _did(
                "monetization",
                "Ran Sunnyside Café's Instagram and posted every single day for three months.",
                "",
                "rita@sunnyside-cafe.example",
            ),
        ],
        "business_background": "I have been building my own audience since 2009 and now have "
        "250k followers across platforms. BuzzRocket does it all: posting, ads, influencers, "
        "community, PR, video, whatever you need. We are a one-stop shop.",
        "greatest_accomplishment": "Our biggest win was a bakery giveaway that went viral: we "
        "posted a challenge with a trending sound, got our network to share it, and the "
        "account exploded overnight. The secret is volume and timing: post every day on "
        "every platform and ride the trends. Buzz builds on buzz.",
        "media_vs_marketing": "Honestly it is the same thing: social media is marketing now. "
        "Your brand needs buzz, and buzz comes from going viral. We do it all for you, every "
        "platform, every day, and with free earned reach you don't need an ad budget. You "
        "don't need to worry about who your audience is; the algorithm finds them.",
        "first_steps": "Week one we launch on every platform at once: TikTok, Instagram, X, "
        "LinkedIn and Facebook. Our team writes and posts everything and runs your community, "
        "so your staff never has to touch it. We aim to go viral in the first month and "
        "guarantee buzz.",
    },
    "hello@tweetstorm.example": {  # a Twitter campaign first
        "years_social_media": 8,
        "years_for_clients": 8,
        "accomplishments": [
            _did(
                "pr",
                "Got a gym opening's hashtag trending in London with our network of 40 posters.",
                "Trended for six hours",
                "lee@hartfitness.example",
            ),
        ],
        "business_background": "Tweetstorm was founded in 2018 by two former nightclub "
        "promoters. We have run over 200 campaigns on Twitter/X for brands, events and "
        "launches; our network of 40 posters pushes your message across hundreds of accounts.",
        "greatest_accomplishment": "We got a gym opening trending in London in under a day. We "
        "wrote 300 posts in advance, scheduled them across our network's accounts and pushed "
        "the hashtag every hour from launch morning. The client loved seeing their name "
        "trending.",
        "media_vs_marketing": "Social marketing is just social media with a budget. For your "
        "launch the first step is a Twitter campaign: a launch hashtag, our poster network "
        "pushing it across hundreds of accounts, and a trending moment on launch day. Once "
        "people see you everywhere, they come to you.",
        "first_steps": "First step: a Twitter campaign over two weeks. We write the posts, our "
        "40 posters push them across their accounts on launch day, and we report impressions "
        "and time trending. Our team handles all replies, so your people don't need to be "
        "involved.",
    },
    "vince.viral@gmail.example": {  # free earned reach; claims more client years than years
        "years_social_media": 6,
        "years_for_clients": 8,
        "accomplishments": [
            _did(
                "pr",
                "Posted about GlowUp Drinks to my followers all summer and made them famous.",
                "Millions of views",
                "brandon@glowup-drinks.example",
            ),
        ],
        "business_background": "I'm an influencer with big accounts on Instagram and TikTok. "
        "Before that I worked in nightlife promotion. I know what gets attention online and "
        "how to go viral.",
        "greatest_accomplishment": "GlowUp Drinks had no following. I posted about them to my "
        "fans every week all summer, did a few challenges, and the videos went viral. They got "
        "millions of views and didn't pay a cent for ads, just my fee.",
        "media_vs_marketing": "You don't need a marketing budget any more: that's the beauty of "
        "social. I bring free earned reach. I post about your product to my fans, they share "
        "it, and it goes viral. No paid team, no ads, just organic buzz.",
        "first_steps": "I'd start posting about your launch to my followers in the first week, "
        "with a challenge video to get it going viral. Your team doesn't need to do anything; "
        "I handle the content and the comments. Reach is free once it takes off.",
    },
    "oscar@allinsocial.example": {  # we do it all; we run your community for you
        "years_social_media": 10,
        "years_for_clients": 7,
        "accomplishments": [
            _did(
                "database_building",
                "Ran Nilsson Interiors' Facebook and Instagram accounts end to end, posting "
                "every day.",
                "A post every day for a year",
                "eva.nilsson@hotmail.example",
            ),
            _did(
                "pr",
                "Managed the social accounts of 25 small businesses across Sweden at once.",
                "",
                "per@allinsocial.example",
            ),
        ],
        "business_background": "I founded All-In Social in 2019 after working as a freelance "
        "social media manager. We are one agency for everything social: strategy, content, "
        "posting, ads, influencers and community. We do it all, so clients don't need a "
        "marketing team.",
        "greatest_accomplishment": "Scaling All-In Social to 25 clients with a team of six. We "
        "built templates and a content calendar that let one account manager post for five "
        "businesses every day. Our clients never have to think about social media again.",
        "media_vs_marketing": "There isn't a difference that matters to you: we do it all, "
        "media and marketing. We would take over your channels completely, produce the "
        "content and post daily, so your team can focus on the product.",
        "first_steps": "We take over your accounts in week one and we will run your community "
        "for you: our account managers answer every comment and message in your name. Your "
        "people won't need to be involved at all; we send a monthly report of posts and "
        "followers.",
    },
}


# The open round's reference checks -------------------------------------------------------
# What each submitted consultant's referees said, or how far their check got. Green-flag
# consultants' referees confirm their claims; red-flag ones' are lukewarm, contradict the
# claim, or are not who they seem (a relative on a free-mail address, the consultant's own
# employee). Between them every state of a check appears once at least.


@dataclass(frozen=True)
class Said:
    """A referee's answers, on the web form or (with `notes`) on a call. `verdict` applies to
    every accomplishment the consultant tied to this referee; `relationship` and `period`
    default to what the consultant claimed."""

    ratings: tuple[int, int, int]  # relationships not campaigns, honesty, results
    hire_again: HireAgain
    verdict: Verdict
    strengths: str
    concerns: str = ""
    relationship: str = ""
    period: tuple[date, date | None] | None = None
    form_seconds: float = 420.0  # web form only
    notes: str = ""  # a call: what the manager wrote down
    review: str = ""  # a call: the buyer's comment once they reviewed the notes


@dataclass(frozen=True)
class RefCheck:
    """One reference check, named by the referee's email. Calls are made by the demo manager."""

    referee: str
    channel: Channel
    status: CheckStatus = CheckStatus.REQUESTED
    said: Said | None = None
    claimed: bool = False  # the manager took the call
    failed_calls: tuple[CallOutcome, ...] = ()
    overdue: bool = False
    decline_reason: str = ""


WEB, PHONE = Channel.WEB, Channel.PHONE
COMPLETED = CheckStatus.COMPLETED
CONFIRMED, PARTLY, NOT_CONFIRMED = Verdict.CONFIRMED, Verdict.PARTLY, Verdict.NOT_CONFIRMED
VOICEMAIL, NO_ANSWER = CallOutcome.VOICEMAIL, CallOutcome.NO_ANSWER
CALLER = "manager@winnow.test"

CHECKS: dict[str, tuple[RefCheck, ...]] = {
    "sofia@alvarez-consulting.example": (
        RefCheck(
            "lromero@telefonia.example",
            WEB,
            COMPLETED,
            Said(
                (5, 5, 4),
                HireAgain.YES,
                CONFIRMED,
                "Sofia sat with our agents for a month before changing anything. When the first "
                "month on social went badly she told the board herself, changed our tone and "
                "published our response times.",
                "She pushes hard against long approval chains; legal found that uncomfortable "
                "at first.",
                form_seconds=512,
            ),
        ),
        RefCheck(
            "marta.gil@verdemar.example",
            PHONE,
            COMPLETED,
            Said(
                (5, 5, 4),
                HireAgain.YES,
                CONFIRMED,
                "Calm in a crisis; made our quality and legal people comfortable speaking in "
                "public.",
                "Not cheap, and she expects your own team to do the daily work.",
                notes="Reached Marta on the second try. She confirmed Sofia worked with Verdemar "
                "from June 2021 to February 2024 and ran the recall response with their "
                "quality and legal teams: one plain post, every question answered, daily "
                'updates. In her words: "she made us say the uncomfortable thing first". '
                "Repeat purchases were back within about ten weeks. Would hire again; her "
                "only caveat is cost.",
                review="Consistent with Sofia's own account of the recall; the dates match.",
            ),
            failed_calls=(VOICEMAIL,),
        ),
    ),
    "mei@tanaka-partners.example": (
        RefCheck(
            "arun.pillai@kedai.example",
            WEB,
            COMPLETED,
            Said(
                (4, 5, 5),
                HireAgain.YES,
                CONFIRMED,
                "Ties every programme to the CRM. Her monthly report was the one our finance "
                "team trusted.",
                "The first data integration slipped by two months; she told us the same week "
                "and rebuilt it with our data lead.",
                form_seconds=655,
            ),
        ),
        # The buyer asked for a call: Grace prefers the phone. Nobody has taken it yet.
        RefCheck("grace.lim@harbourlane.example", PHONE, overdue=True),
    ),
    "eleanor@whitfield.example": (
        RefCheck(
            "rstone@corvid.example",
            PHONE,
            COMPLETED,
            Said(
                (5, 4, 5),
                HireAgain.YES,
                CONFIRMED,
                "Got sales, marketing and legal to agree on rules in a single workshop.",
                "Dropped automated posting, which some reps missed at first.",
                notes="Rachel confirmed Eleanor's programme at Corvid (September 2020 to "
                "August 2022): sixty reps trained in cohorts of ten, marketing supplying the "
                "content. She quoted 22% of new pipeline from LinkedIn conversations, from "
                "their CRM. Honest about what did not work (automated posting was dropped). "
                "Would hire again.",
            ),
        ),
        RefCheck("ben.ortiz@alderpoint.example", PHONE),
    ),
    "priscilla@obigrowth.example": (
        RefCheck(
            "chidi.eze@shoplagos.example",
            WEB,
            COMPLETED,
            Said(
                (5, 5, 4),
                HireAgain.YES,
                CONFIRMED,
                "Built the campaigns around our customers' own reviews and handed them to our "
                "merchandising team to run.",
                form_seconds=388,
            ),
        ),
        RefCheck(
            "funke@paystack-like.example",
            PHONE,
            CheckStatus.IN_PROGRESS,
            claimed=True,
            failed_calls=(VOICEMAIL, NO_ANSWER),
        ),
    ),
    "dan@buzzrocket.example": (
        # A relative on a free-mail address, answering in seconds.
        RefCheck(
            "jay.mercer@gmail.example",
            WEB,
            COMPLETED,
            Said(
                (5, 5, 5),
                HireAgain.YES,
                CONFIRMED,
                "Dan is amazing!! Super creative, lots of followers.",
                form_seconds=24,
            ),
        ),
        RefCheck(
            "rita@sunnyside-cafe.example",
            WEB,
            COMPLETED,
            Said(
                (2, 3, 1),
                HireAgain.NO,
                PARTLY,
                "Posted every day without fail, and the photos looked good.",
                "He never asked who our customers were. Lots of likes from people who will never "
                "visit the café; sales did not move, so we stopped after three months.",
                form_seconds=301,
            ),
        ),
    ),
    "hello@tweetstorm.example": (
        RefCheck(
            "lee@hartfitness.example",
            PHONE,
            COMPLETED,
            Said(
                (1, 3, 2),
                HireAgain.MAYBE,
                PARTLY,
                "Clear about the price and delivered exactly the posts they promised.",
                "Noise, not members: two sign-ups we could trace to it. Their posters answered "
                "our members with canned replies in our name.",
                notes="Lee confirmed the two-week hashtag campaign for the gym opening (June "
                "to July 2022). It trended for an afternoon, mostly from accounts outside "
                "London; they traced two sign-ups to it. Tweetstorm's posters replied to gym "
                "members with canned text in Hart Fitness's name, which annoyed people. Upfront "
                'about price. "Maybe for an event, not for members."',
            ),
            failed_calls=(NO_ANSWER,),
        ),
        RefCheck(
            "maya@nightowl-events.example",
            PHONE,
            CheckStatus.UNREACHABLE,
            claimed=True,
            failed_calls=(NO_ANSWER, VOICEMAIL, CallOutcome.WRONG_NUMBER),
        ),
    ),
    "vince.viral@gmail.example": (
        # Contradicts the claim: a two-week paid post a year earlier, not a summer's work.
        RefCheck(
            "brandon@glowup-drinks.example",
            WEB,
            COMPLETED,
            Said(
                (1, 2, 1),
                HireAgain.NO,
                NOT_CONFIRMED,
                "He has a big audience and films quickly.",
                "It was a two-week paid shout-out in July 2022, not a summer-long programme. "
                "The views came from his fans, not our market, and sales did not move. He now "
                "says the challenge video was his idea; it was ours.",
                period=(date(2022, 7, 1), date(2022, 7, 15)),
                form_seconds=540,
            ),
        ),
        RefCheck(
            "tyler@brookskicks.example",
            WEB,
            CheckStatus.DECLINED,
            decline_reason="Vince posted our sneakers a few times; I don't know his work well "
            "enough to give a reference.",
        ),
    ),
    "oscar@allinsocial.example": (
        RefCheck("eva.nilsson@hotmail.example", WEB),
        # The referee works for the consultant's own agency: a fraud hold.
        RefCheck(
            "per@allinsocial.example",
            WEB,
            COMPLETED,
            Said(
                (5, 5, 5),
                HireAgain.YES,
                CONFIRMED,
                "Oscar is the best in Sweden at social media. Clients love him.",
                form_seconds=95,
            ),
        ),
    ),
}


@dataclass(frozen=True)
class Seat:
    """One consultant in a demo round. Submitted seats answer every question from ANSWERS;
    others answer only the keys in `answered`. `overrides` replaces answers for this round
    (a brief-specific answer, or a draft that is not complete yet). `checks` are the
    reference checks of a submitted seat."""

    email: str
    status: SubmissionStatus
    answered: tuple[str, ...] = ()
    overrides: dict[str, Any] = field(default_factory=dict)
    checks: tuple[RefCheck, ...] = ()

    def answers(self) -> dict[str, Any]:
        keys = QUESTION_KEYS if self.status == SubmissionStatus.SUBMITTED else self.answered
        return {key: ANSWERS[self.email][key] for key in keys} | self.overrides


@dataclass(frozen=True)
class Round:
    """A demo engagement. Times are relative to when the seed runs, so the open round stays
    open however late the demo is loaded."""

    title: str
    target_market: str
    goals: str
    timing: str
    budget: tuple[int, int]
    status: EngagementStatus
    deadline_in: timedelta  # negative: the deadline has passed
    opened_ago: timedelta | None  # None: still a draft, no invitation sent
    seats: tuple[Seat, ...]


SUBMITTED, IN_PROGRESS, INVITED, WITHDRAWN = (
    SubmissionStatus.SUBMITTED,
    SubmissionStatus.IN_PROGRESS,
    SubmissionStatus.INVITED,
    SubmissionStatus.WITHDRAWN,
)
YEARS = ("years_social_media", "years_for_clients")

ROUND_OWNER, ROUND_REVIEWERS = "procurement@winnow.test", ["manager@winnow.test"]

ROUNDS = (
    Round(
        title="Social marketing partner for the Northwind B2B launch",
        target_market="Operations and finance leaders at mid-sized manufacturers and "
        "distributors (200 to 2,000 staff) in the UK, Ireland and the Nordics. They read "
        "LinkedIn and the trade press, trust peers and analysts, and buy after a pilot.",
        goals="Launch Northwind Flow, our supply-chain forecasting product, to this market: "
        "400 qualified demo requests and 40 pilots in the first two quarters; a customer "
        "community that our own support and product people run; a monthly report that ties "
        "social activity to pipeline.",
        timing="Work starts as soon as we choose; the public launch is six weeks later at the "
        "UK supply-chain expo; first review after 90 days.",
        budget=(40_000, 65_000),
        status=EngagementStatus.OPEN,
        deadline_in=timedelta(days=10),
        opened_ago=timedelta(days=4),
        seats=(
            *(Seat(email, SUBMITTED, checks=checks) for email, checks in CHECKS.items()),
            Seat(
                "consultant@winnow.test",  # the demo consultant: half-way through
                IN_PROGRESS,
                answered=(*YEARS, "accomplishments", "business_background"),
                overrides={"media_vs_marketing": "Social media is the network; social "},
            ),
            Seat(
                "aisha@brightline.example",
                IN_PROGRESS,
                answered=(
                    *YEARS,
                    "accomplishments",
                    "business_background",
                    "greatest_accomplishment",
                ),
            ),
            Seat("greg@halvorsen.example", INVITED),
            Seat("lukas@becker-studio.example", WITHDRAWN, answered=YEARS),
        ),
    ),
    Round(
        title="Social customer service pilot for Northwind support",
        target_market="Existing Northwind Analytics customers: operations analysts and their "
        "managers at about 300 client companies, mostly UK and Nordic manufacturers.",
        goals="Answer first-line product questions in the open, in a customer community our "
        "support team runs; cut ticket volume by 20% and publish our response times.",
        timing="A one-quarter pilot, starting after the Northwind Flow launch.",
        budget=(15_000, 25_000),
        status=EngagementStatus.DRAFT,
        deadline_in=timedelta(days=30),
        opened_ago=None,
        seats=(
            Seat("sofia@alvarez-consulting.example", INVITED),
            Seat("priscilla@obigrowth.example", INVITED),
            Seat("eleanor@whitfield.example", INVITED),
        ),
    ),
    Round(
        title="Social listening and board reporting for Northwind Analytics",
        target_market="Finance and operations leaders at mid-sized European manufacturers who "
        "might buy Northwind Analytics, and the analysts and trade journalists they read.",
        goals="Know what the market says about us and our competitors, and give the board a "
        "monthly report that ties social activity to pipeline.",
        timing="A three-month project, starting at the beginning of the quarter.",
        budget=(12_000, 20_000),
        status=EngagementStatus.CLOSED,
        deadline_in=-timedelta(days=35),
        opened_ago=timedelta(days=60),
        seats=(
            Seat(
                "consultant@winnow.test",
                SUBMITTED,
                overrides={
                    "media_vs_marketing": "Social media is where your buyers talk; social "
                    "marketing is how Northwind earns a place in that conversation. A listening "
                    "programme is not a follower count: the board needs to know what finance "
                    "and operations leaders say about forecasting, about you and about your "
                    "competitors, and what that means for pipeline.",
                    "first_steps": "First two weeks: agree with your marketing, sales and "
                    "product leads which questions the board wants answered, then set up "
                    "listening across LinkedIn, trade press and analyst communities. Your "
                    "marketing analyst runs the tools day to day; I design the taxonomy, write "
                    "the first three monthly reports with them and train them to take over.",
                },
            ),
            Seat(
                "mei@tanaka-partners.example",
                SUBMITTED,
                overrides={
                    "media_vs_marketing": "Social media is the conversation; social marketing "
                    "is what you learn from it and do with it that moves customers. For board "
                    "reporting that means joining listening data to your CRM: which mentions "
                    "come from accounts in your pipeline, and whether social activity changes "
                    "conversion, not just sentiment charts.",
                    "first_steps": "I would start with your CRM and pipeline data, then map "
                    "listening sources to the accounts you care about. Your marketing "
                    "operations analyst owns the dashboards day to day; I build the joins to "
                    "the CRM and the first monthly board report with them.",
                },
            ),
            Seat("dan@buzzrocket.example", SUBMITTED),
            Seat("greg@halvorsen.example", INVITED),
        ),
    ),
)


class Command(BaseCommand):
    help = (
        "Create demo accounts (one per role), consultant profiles and three vetting rounds "
        "(open, draft, closed). Safe to run again: it resets the same rows, sends no email."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            users = self._accounts()
            count = self._consultants(users)
            engagements = seed_rounds(users, now=timezone.now())
            seed_reviews(engagements, owner=users[ROUND_OWNER], reviewer=users[CALLER])
            links = pending_referee_links(engagements)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {count} consultant profiles."))
        for engagement in engagements:
            self.stdout.write(
                f"  {engagement.get_status_display():<7} {engagement.title} "
                f"({engagement.submissions.count()} consultants)"
            )
        for check, link in links:
            self.stdout.write(
                f"Reference form of {check.referee_name} for {check.submission.consultant.name} "
                f"(works once): {link}"
            )
        self.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
        for email, _, _, role, _ in ACCOUNTS:
            label = role.label if role else "Administrator (Django admin)"
            self.stdout.write(f"  {label:<30} {email}")

    def _accounts(self) -> dict[str, User]:
        users = {}
        for email, first, last, role, staff in ACCOUNTS:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User.objects.create_user(
                    email=email, password=DEMO_PASSWORD, first_name=first, last_name=last
                )
            user.is_staff = user.is_superuser = staff
            user.save()
            if role is not None:
                user.groups.add(Group.objects.get(name=role))
            users[email] = user
        return users

    def _consultants(self, users: dict[str, User]) -> int:
        services = {s.name: s for s in Service.objects.all()}
        for spec in CONSULTANTS:
            consultant, _ = Consultant.objects.update_or_create(
                email=spec["email"],
                defaults={
                    "user": users.get(spec["email"]),
                    "name": spec["name"],
                    "agency": spec["agency"],
                    "location": spec["location"],
                    "website": spec["website"],
                    "headline": spec["headline"],
                    "business_background": spec["background"],
                },
            )
            offered = (
                services.values()
                if spec["offered"] == "ALL"
                else (services[name] for name in spec["offered"])
            )
            consultant.services_offered.set(list(offered))
            consultant.services_not_offered.set([services[n] for n in spec["not_offered"]])
            for name, email, company, role, rel, start, end, confirm, consent in spec["references"]:
                Reference.objects.update_or_create(
                    consultant=consultant,
                    email=email,
                    defaults={
                        "name": name,
                        "company": company,
                        "role": role,
                        "relationship": rel,
                        "period_from": start,
                        "period_to": end,
                        "can_confirm": confirm,
                        "consent_to_contact": consent,
                        "phone": f"+44 20 7946 0{zlib.crc32(email.encode()) % 1000:03d}",
                    },
                )
        return len(CONSULTANTS)


M = TypeVar("M", bound=Model)


def _upsert(
    model: type[M], lookup: dict[str, Any], values: dict[str, Any], *, by: User | None = None
) -> M:
    """Find the row by `lookup` (or start it) and give it `values`: running the seed again
    resets the demo instead of adding to it. `by` is who the history records as the author."""
    row = model._default_manager.filter(**lookup).first() or model(**lookup)
    for name, value in values.items():
        setattr(row, name, value)
    row._history_user = by
    row.full_clean()
    row.save()
    return row


def _moment(start: datetime, end: datetime, salt: str) -> datetime:
    """A repeatable moment between start and end, spread differently for each salt."""
    return start + (end - start) * (zlib.crc32(salt.encode()) % 1000 / 1000)


def seed_rounds(users: dict[str, User], *, now: datetime) -> list[Engagement]:
    owner = users[ROUND_OWNER]
    reviewers = [users[email] for email in ROUND_REVIEWERS]
    consultants = {c.email: c for c in Consultant.objects.all()}
    engagements = []
    for spec in ROUNDS:
        engagement = seed_round(spec, owner=owner, reviewers=reviewers, now=now)
        for seat in spec.seats:
            submission = seed_seat(engagement, seat, consultant=consultants[seat.email], now=now)
            seed_checks(submission, seat.checks, caller=users[CALLER], now=now)
        engagements.append(engagement)
    return engagements


def seed_round(spec: Round, *, owner: User, reviewers: list[User], now: datetime) -> Engagement:
    deadline = now + spec.deadline_in
    closed = spec.status == EngagementStatus.CLOSED
    engagement = _upsert(
        Engagement,
        {"owner": owner, "title": spec.title},
        {
            "target_market": spec.target_market,
            "goals": spec.goals,
            "timing": spec.timing,
            "budget_min": spec.budget[0],
            "budget_max": spec.budget[1],
            "currency": "GBP",
            "questionnaire": Questionnaire.objects.default(),
            "deadline": deadline,
            "status": spec.status,
            "opened_at": now - spec.opened_ago if spec.opened_ago is not None else None,
            "closed_at": deadline + timedelta(hours=2) if closed else None,
        },
    )
    engagement.reviewers.set(reviewers)
    return engagement


def seed_seat(
    engagement: Engagement, seat: Seat, *, consultant: Consultant, now: datetime
) -> Submission:
    """One consultant's submission and invitation, as if invited when the round opened.
    The invitation is marked sent without sending anything: seeding never emails."""
    answers = seat.answers()
    opened_at = engagement.opened_at
    started = finished = None
    if opened_at is not None and seat.status != SubmissionStatus.INVITED:
        until = min(engagement.deadline, now) - timedelta(hours=1)
        halfway = opened_at + (until - opened_at) / 2
        started = _moment(opened_at, halfway, f"{seat.email}:started") if answers else None
        finished = _moment(started or opened_at, until, f"{seat.email}:finished")
    submission = _upsert(
        Submission,
        {"engagement": engagement, "consultant": consultant},
        {
            "status": seat.status,
            "invited_by": engagement.owner,
            "invited_at": opened_at or now,
            "started_at": started,
            "submitted_at": finished if seat.status == SubmissionStatus.SUBMITTED else None,
            "withdrawn_at": finished if seat.status == SubmissionStatus.WITHDRAWN else None,
        },
    )
    _upsert(
        Invitation,
        {"submission": submission},
        {
            "name": consultant.name,
            "email": consultant.email,
            "expires_at": engagement.deadline,
            "sent_at": opened_at,
        },
    )
    submitted = seat.status == SubmissionStatus.SUBMITTED
    seed_answers(submission, answers, submitted=submitted)
    submission.chosen_references.set(_offered_references(submission, answers) if submitted else [])
    problems = submission_problems(submission) if submitted else []
    if problems:
        raise CommandError(f"{consultant.name} could not have submitted: {problems}")
    return submission


def seed_answers(submission: Submission, answers: dict[str, Any], *, submitted: bool) -> None:
    """Write the answers checked as the answer form checks them, so `is_complete` is true."""
    consultant = submission.consultant
    by_email = {r.email: str(r.pk) for r in consultant.references.all()}
    for question in submission.engagement.questionnaire.questions.all():
        if question.key not in answers:
            submission.answers.filter(question=question).delete()
            continue
        raw = _with_reference_ids(answers[question.key], by_email, consultant)
        checked = check_answer(question, raw, reference_ids={int(pk) for pk in by_email.values()})
        if submitted and not checked.complete:
            raise CommandError(
                f"The seeded answer to {question.key} by {consultant.name} is not complete: "
                f"{checked.errors or checked.item_errors}"
            )
        _upsert(
            Answer,
            {"submission": submission, "question": question},
            {"value": checked.value, "is_complete": checked.complete},
        )


def _offered_references(submission: Submission, answers: dict[str, Any]) -> list[Reference]:
    """The references a consultant offers for a round: those who agreed to be contacted,
    the ones their accomplishments cite first."""
    cited = {item["reference"] for item in answers.get("accomplishments", [])}
    agreed = submission.consultant.references.filter(consent_to_contact=True)
    ranked = sorted(agreed, key=lambda r: (r.email not in cited, r.pk))
    return ranked[: submission.engagement.references_required]


def _with_reference_ids(raw: Any, by_email: dict[str, str], consultant: Consultant) -> Any:
    """Accomplishments name their reference by the referee's email; store its id."""
    if not isinstance(raw, list):
        return raw
    items = []
    for item in raw:
        if item["reference"] not in by_email:
            raise CommandError(f"{consultant.name} has no reference {item['reference']}.")
        items.append(item | {"reference": by_email[item["reference"]]})
    return items


# Reference checks ------------------------------------------------------------------------
# Written as the services leave them, without going through them: the services email the
# referee on commit, and seeding never emails. Web checks are marked sent instead.


def seed_checks(
    submission: Submission, specs: tuple[RefCheck, ...], *, caller: User, now: datetime
) -> list[ReferenceCheck]:
    """A submission's reference checks as `specs` describe them; any other check of it (one
    the demo added since) goes, so that running the seed again restores the demo."""
    chosen = {r.email: r for r in submission.chosen_references.all()}
    checks = []
    for spec in specs:
        if spec.referee not in chosen:
            raise CommandError(
                f"{submission.consultant.name} did not offer {spec.referee} as a reference."
            )
        checks.append(seed_check(submission, chosen[spec.referee], spec, caller=caller, now=now))
    submission.reference_checks.exclude(pk__in=[c.pk for c in checks]).delete()
    return checks


def seed_check(
    submission: Submission, reference: Reference, spec: RefCheck, *, caller: User, now: datetime
) -> ReferenceCheck:
    """One check, requested when the consultant submitted, with its attempts and flags."""
    if (spec.status == CheckStatus.COMPLETED) != (spec.said is not None):
        raise CommandError(f"The check of {spec.referee} needs answers exactly when completed.")
    owner = submission.engagement.owner
    web = spec.channel == Channel.WEB
    requested = submission.submitted_at
    done = None if spec.status in OPEN_CHECK_STATUSES else _moment(requested, now, spec.referee)
    due = requested + timedelta(
        days=max(settings.REFERENCE_REMINDER_DAYS) + settings.CALL_DUE_DAYS
        if web
        else settings.CALL_DUE_DAYS
    )
    if spec.overdue:
        # With the default CALL_DUE_DAYS the clock makes it overdue anyway (the consultant
        # submitted three and a half days ago); this keeps it so under a longer setting.
        due = min(due, now - timedelta(hours=6))
    # The attempts, and the claim before them, spread evenly until the check ended (or now).
    step = ((done or now) - requested) / (len(spec.failed_calls) + 2)
    # A call someone worked on: claimed, tried, or recorded (by the demo manager).
    taken = bool(spec.claimed or spec.failed_calls or (spec.said and spec.said.notes))
    values: dict[str, Any] = {
        # What the consultant claimed, as the service snapshots it.
        "referee_name": reference.name,
        "referee_email": reference.email,
        "referee_phone": reference.phone,
        "referee_company": reference.company,
        "referee_role": reference.role,
        "claimed_relationship": reference.relationship,
        "claimed_from": reference.period_from,
        "claimed_to": reference.period_to,
        "claimed_confirm": reference.can_confirm,
        "channel": spec.channel,
        "status": spec.status,
        "requested_by": owner,
        "requested_at": requested,
        "due_at": due,
        "phone_fallback_at": None,
        "token_hash": None,
        "token_expires_at": requested + timedelta(days=settings.REFERENCE_LINK_DAYS)
        if web
        else None,
        "sent_at": requested if web else None,
        "form_opened_at": None,
        "referee_ip": None,
        "referee_user_agent": "",
        "form_seconds": None,
        "assigned_to": caller if taken else None,
        "claimed_at": requested + step / 2 if taken else None,
        "call_notes": "",
        "recorded_by": None,
        "notes_reviewed_by": None,
        "notes_reviewed_at": None,
        "notes_review_comment": "",
        **dict.fromkeys(("relationship", "would_hire_again", "strengths", "concerns"), ""),
        **dict.fromkeys(("relationship_confirmed", "period_from", "period_to"), None),
        **dict.fromkeys(("rating_relationships", "rating_honesty", "rating_results"), None),
        "verdicts": {},
        "decline_reason": spec.decline_reason,
        "completed_at": done,
        "version": 1,
    }
    if web and done is not None:
        # The referee answered (or declined) on the form: their address and browser.
        values["referee_ip"], values["referee_user_agent"] = _device(spec.referee)
    if spec.said is not None and done is not None:
        values |= _answers(submission, reference, spec.said)
        if web:
            values["form_seconds"] = spec.said.form_seconds
            values["form_opened_at"] = done - timedelta(seconds=spec.said.form_seconds)
        else:
            values |= {"call_notes": spec.said.notes, "recorded_by": caller}
        if spec.said.review:
            values |= {
                "notes_reviewed_by": owner,
                "notes_reviewed_at": _moment(done, now, f"{spec.referee}:review"),
                "notes_review_comment": spec.said.review,
            }
    # History names who made the last change: the manager on a call, nobody for a referee
    # (they have no account), otherwise the buyer who requested the check.
    by = caller if taken else None if web and done is not None else owner
    check = _upsert(
        ReferenceCheck, {"submission": submission, "reference": reference}, values, by=by
    )
    check.attempts.all().delete()
    for number, outcome in enumerate(spec.failed_calls, start=1):
        attempt = CallAttempt(
            reference_check=check, by=caller, at=requested + step * number, outcome=outcome
        )
        attempt._history_user = caller
        attempt.full_clean()
        attempt.save()
    # Flags as the services raise them; a flag cleared during a demo comes back.
    check.flags.all().delete()
    refresh_flags(check)
    return check


def _answers(submission: Submission, reference: Reference, said: Said) -> dict[str, Any]:
    """The structured answers, as the referee form or the call form cleans them."""
    claims = claimed_accomplishments(ReferenceCheck(submission=submission, reference=reference))
    start, end = said.period or (reference.period_from, reference.period_to)
    return {
        "relationship_confirmed": said.relationship in ("", reference.relationship),
        "relationship": said.relationship or reference.relationship,
        "period_from": start,
        "period_to": end,
        "verdicts": {str(index): said.verdict.value for index, _ in claims},
        "rating_relationships": said.ratings[0],
        "rating_honesty": said.ratings[1],
        "rating_results": said.ratings[2],
        "would_hire_again": said.hire_again,
        "strengths": said.strengths,
        "concerns": said.concerns,
    }


BROWSERS = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.5 Safari/605.1.15",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Mobile Safari/537.36",
)


def _device(email: str) -> tuple[str, str]:
    """A repeatable address (in a documentation range) and browser for a referee."""
    crc = zlib.crc32(email.encode())
    return f"203.0.113.{crc % 254 + 1}", BROWSERS[crc // 254 % len(BROWSERS)]


def pending_referee_links(engagements: list[Engagement]) -> list[tuple[ReferenceCheck, str]]:
    """A working link for each seeded referee still to answer on the web, so the demo can
    show the referee's form. Each run issues a new link; the previous one stops working."""
    links = []
    pending = ReferenceCheck.objects.filter(
        submission__engagement__in=engagements, channel=Channel.WEB, status=CheckStatus.REQUESTED
    ).select_related("submission__consultant")
    for check in pending:
        raw, check.token_hash = new_token()
        check.save(update_fields=["token_hash"])
        links.append((check, settings.SITE_URL + reverse("referee:form", args=[raw])))
    return links
