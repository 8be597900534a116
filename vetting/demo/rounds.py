"""The three demo vetting rounds run by procurement@winnow.test: one open (every consultant
invited, in every state from invited to submitted, the submitted ones with their reference
checks), one draft and one closed. Each seat is written as a submission with its invitation
and answers, checked as the answer form checks them, so a submitted seat is complete."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.core.management.base import CommandError

from consultants.models import Consultant, Reference
from vetting.answers import check_answer
from vetting.demo.answers import ANSWERS, QUESTION_KEYS
from vetting.demo.checks import CALLER, CHECKS, RefCheck
from vetting.demo.reference_checks import seed_checks
from vetting.demo.rows import moment, upsert
from vetting.models import (
    Answer,
    Engagement,
    EngagementStatus,
    Invitation,
    Organisation,
    Questionnaire,
    Submission,
    SubmissionStatus,
    User,
)
from vetting.services import submission_problems


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


# The second demo organisation's own round: its procurement sees it, Northwind's people
# never do (and it sees none of theirs).
BANK_OWNER = "bank@winnow.test"
BANK_ROUND = Round(
    title="Harbour Bank: LinkedIn for savings",
    target_market="Savers aged 30 to 55 in the south-west of England.",
    goals="Trust first: 2,000 new savings accounts in a year, within financial promotion rules.",
    timing="From April, after the new rates are announced.",
    budget=(30_000, 45_000),
    status=EngagementStatus.DRAFT,
    deadline_in=timedelta(days=21),
    opened_ago=None,
    seats=(),
)


def seed_rounds(
    users: dict[str, User],
    *,
    now: datetime,
    organisations: dict[str, Organisation] | None = None,
) -> list[Engagement]:
    from vetting.services.engagements import organisation_for

    owner = users[ROUND_OWNER]
    reviewers = [users[email] for email in ROUND_REVIEWERS]
    consultants = {c.email: c for c in Consultant.objects.all()}
    organisations = organisations or {}
    engagements = []
    if BANK_OWNER in users and "harbour-bank" in organisations:
        seed_round(
            BANK_ROUND,
            owner=users[BANK_OWNER],
            reviewers=[],
            now=now,
            organisation=organisations["harbour-bank"],
        )
    for spec in ROUNDS:
        engagement = seed_round(
            spec,
            owner=owner,
            reviewers=reviewers,
            now=now,
            organisation=organisations.get("northwind") or organisation_for(owner, None),
        )
        for seat in spec.seats:
            submission = seed_seat(engagement, seat, consultant=consultants[seat.email], now=now)
            seed_checks(submission, seat.checks, caller=users[CALLER], now=now)
        engagements.append(engagement)
    return engagements


def seed_round(
    spec: Round,
    *,
    owner: User,
    reviewers: list[User],
    now: datetime,
    organisation: Organisation | None = None,
) -> Engagement:
    deadline = now + spec.deadline_in
    closed = spec.status == EngagementStatus.CLOSED
    engagement = upsert(
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
            "organisation": organisation,
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
        started = moment(opened_at, halfway, f"{seat.email}:started") if answers else None
        finished = moment(started or opened_at, until, f"{seat.email}:finished")
    submission = upsert(
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
    upsert(
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
        upsert(
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
