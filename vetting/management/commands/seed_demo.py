"""Load demo data: one account per role and a directory of consultants of varied quality.

Idempotent: running it again updates the same rows instead of adding new ones.
"""

from __future__ import annotations

import zlib
from datetime import date
from typing import Any

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from consultants.models import Consultant, Reference, Relationship, Service
from vetting.models import User
from vetting.roles import Role

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


class Command(BaseCommand):
    help = "Create demo accounts (one per role) and consultant profiles. Safe to run again."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            users = self._accounts()
            count = self._consultants(users)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {count} consultant profiles."))
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
