"""Each demo consultant's answers to the default questionnaire, in their own voice:
green-flag consultants start from the buyer's market and people, red-flag ones from tactics.
An accomplishment names its reference by the referee's email (resolved to the id on save).
`vetting.demo.rounds` picks from these per round and seat."""

from __future__ import annotations

from typing import Any

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
        # Copied, lightly edited, from Clara Okafor's answer in the earlier (closed) round:
        # the demo's copied answer, flagged on Tweetstorm's card (vetting/demo/copies.py).
        "greatest_accomplishment": "Our client's trial sign-ups had stalled and their social "
        "accounts only posted release notes. We trained four product marketers and three "
        "support agents to answer those questions in the open, with legal agreeing the rules "
        "up front. I spent the first month listening: finance managers were asking each other "
        "about month-end close in LinkedIn groups, and nobody from the company was there. The "
        "first quarter showed nothing and the CEO nearly stopped it; by month twelve trial "
        "sign-ups from LinkedIn communities were up 38%. We also got a gym opening trending in "
        "London in under a day.",
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
