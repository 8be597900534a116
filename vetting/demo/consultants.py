"""The demo directory: twelve consultant profiles of varied quality, from the ones who start
with the buyer's market and people to the ones who promise virality and do it all, each with
the references they name (in `vetting.demo.consultant_references`). The demo consultant's
profile belongs to the consultant@winnow.test account."""

from __future__ import annotations

import zlib
from typing import Any

from consultants.models import Consultant, Reference, Service
from vetting.demo.consultant_references import REFERENCES
from vetting.models import User

# name, agency, email, location, website, headline, background, offered, not offered; the
# references are in REFERENCES
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
    },
]


def seed_consultants(users: dict[str, User]) -> int:
    """Create or reset every demo profile and its references; returns how many profiles."""
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
                # Every demo profile may be found by both demo organisations, as a
                # consultant who wants buyers to find them would choose.
                "discoverable": True,
            },
        )
        offered = (
            services.values()
            if spec["offered"] == "ALL"
            else (services[name] for name in spec["offered"])
        )
        consultant.services_offered.set(list(offered))
        consultant.services_not_offered.set([services[n] for n in spec["not_offered"]])
        references = REFERENCES[spec["email"]]
        for name, email, company, role, rel, start, end, confirm, consent in references:
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
