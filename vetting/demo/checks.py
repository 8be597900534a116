"""The open round's reference checks: what each submitted consultant's referees said, or how
far their check got. Green-flag consultants' referees confirm their claims; red-flag ones'
are lukewarm, contradict the claim, or are not who they seem (a relative on a free-mail
address, the consultant's own employee). Between them every state of a check appears once
at least. `vetting.demo.reference_checks` writes them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from vetting.models import CallOutcome, Channel, CheckStatus, HireAgain, Verdict


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
