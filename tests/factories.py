"""Test data builders (factory_boy)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from consultants.models import Consultant, Reference, Relationship, Service
from vetting.models import (
    CommercialProposal,
    Engagement,
    EngagementStatus,
    Flag,
    FlagKind,
    ProposalLine,
    Questionnaire,
    ReferenceCheck,
    Review,
    Submission,
    SubmissionStatus,
    User,
)
from vetting.roles import Role
from vetting.services import (
    answer_save,
    references_choose,
    review_declare_conflict,
    review_for,
    review_save,
    scorecards_recompute,
    submission_submit,
)

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def role(self, create: bool, extracted: Role | None, **kwargs: Any) -> None:
        if create and extracted:
            self.groups.add(Group.objects.get(name=extracted))
            if extracted in (Role.PROCUREMENT, Role.MANAGER):
                # A buyer works in an organisation: the default one unless a test says.
                from vetting.models import Membership
                from vetting.services.organisations import default_organisation

                Membership.objects.get_or_create(
                    organisation=default_organisation(), user=self, defaults={"role": extracted}
                )


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Service {n}")


class ConsultantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultant

    name = factory.Faker("name")
    agency = factory.Faker("company")
    email = factory.Sequence(lambda n: f"consultant{n}@agency.example")
    location = "London, UK"
    headline = "Social marketing for software companies"
    business_background = "Ten years in B2B marketing and PR before moving to social."
    # Findable by every buyer, as the profiles of before organisations are; a test of
    # what one organisation may not see says False.
    discoverable = True


class ReferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reference

    consultant = factory.SubFactory(ConsultantFactory)
    name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"referee{n}@client.example")
    company = factory.Faker("company")
    role = "Head of Marketing"
    relationship = Relationship.CLIENT
    period_from = date(2021, 1, 1)
    period_to = date(2023, 6, 30)
    can_confirm = "Grew qualified leads from social by a third in one year."
    consent_to_contact = True


def consultant_user(**kwargs: Any) -> User:
    """A consultant account with its own profile."""
    user = UserFactory(role=Role.CONSULTANT, **kwargs)
    ConsultantFactory(user=user, name=user.get_full_name(), email=user.email)
    return user


def _organisation_of(user: User) -> Any:
    from vetting.services.engagements import organisation_for

    return organisation_for(user, None)


class EngagementFactory(factory.django.DjangoModelFactory):
    """A draft round on the default questionnaire (version 1, seven questions), due in two
    weeks, owned by a procurement user."""

    class Meta:
        model = Engagement
        skip_postgeneration_save = True

    owner = factory.SubFactory(UserFactory, role=Role.PROCUREMENT)
    title = factory.Sequence(lambda n: f"Social marketing for Ledgerly {n}")
    target_market = "Finance teams at UK software companies with 50 to 500 staff."
    goals = "Two hundred qualified demo requests a quarter from LinkedIn and communities."
    timing = "Start in March; the product launch is on 15 May."
    questionnaire = factory.LazyFunction(lambda: Questionnaire.objects.default())
    deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    status = EngagementStatus.DRAFT
    # The owner's organisation (their first; the default one for a buyer in none).
    organisation = factory.LazyAttribute(lambda o: _organisation_of(o.owner))


class SubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Submission

    engagement = factory.SubFactory(EngagementFactory)
    consultant = factory.SubFactory(ConsultantFactory)
    invited_by = factory.LazyAttribute(lambda o: o.engagement.owner)


# The referee's form as posted, agreeing with what ReferenceFactory claims (a client from
# January 2021 to June 2023). The call form takes the same fields plus the notes.
REFEREE_FORM: dict[str, str] = {
    "relationship_confirmed": "yes",
    "relationship": "client",
    "period_from": "2021-01-01",
    "period_to": "2023-06-30",
    "rating_relationships": "4",
    "rating_honesty": "5",
    "rating_results": "4",
    "would_hire_again": "yes",
    "strengths": "She asked who our buyers were before proposing anything.",
    "concerns": "",
}

VALID_ANSWERS: dict[str, Any] = {
    "years_social_media": "9",
    "years_for_clients": "6",
    "accomplishments": [
        {
            "area": "monetization",
            "what": "Ran a LinkedIn community programme for a payroll start-up.",
            "result": "Demo requests from social up 38% in a year.",
            "evidence_url": "",
            "reference": "",
        }
    ],
    "business_background": "Eight years in B2B marketing and PR, the last three leading a "
    "team of four at a fintech agency.",
    "greatest_accomplishment": "Took a payroll start-up from no social presence to a quarter "
    "of its pipeline in eighteen months, with a community run by its own support staff.",
    "media_vs_marketing": "Social media is the channel; social marketing is the plan that ties "
    "it to your pipeline: for Ledgerly, demo requests from finance leads.",
    "first_steps": "Two weeks of interviews with sales and support, then a content calendar; "
    "your support team answers the community day to day, I coach them weekly.",
}


def complete_answers(submission: Submission, by: User) -> None:
    """Answer all seven default questions validly, through the service (the engagement must
    accept answers: open and before its deadline)."""
    for question in submission.engagement.questionnaire.questions.all():
        _, checked = answer_save(
            submission=submission, by=by, question=question, raw=VALID_ANSWERS[question.key]
        )
        assert checked.complete, (question.key, checked.errors, checked.item_errors)


def offer_references(submission: Submission, by: User, count: int = 2) -> list[Reference]:
    """Name `count` references on the consultant's profile and offer them for this round."""
    references = ReferenceFactory.create_batch(count, consultant=submission.consultant)
    references_choose(submission=submission, by=by, references=references)
    return references


def submitted_with_checks(
    *, consultant: User, owner: User | None = None, references: int = 2, **engagement: Any
) -> Submission:
    """An open round (owned by `owner`, or a new procurement user) to which `consultant`
    answered everything, offered `references` references and submitted: one reference
    check per reference. Wrap the call in `django_capture_on_commit_callbacks(execute=True)`
    to send the referees' emails."""
    engagement.setdefault("references_required", references)
    round_ = EngagementFactory(
        owner=owner or UserFactory(role=Role.PROCUREMENT),
        status=EngagementStatus.OPEN,
        opened_at=timezone.now(),
        **engagement,
    )
    submission = SubmissionFactory(engagement=round_, consultant=consultant.consultant)
    complete_answers(submission, consultant)
    offer_references(submission, consultant, count=references)
    submitted = submission_submit(submission=submission, by=consultant)
    # What the queued recompute does once the submission commits (tests roll back instead).
    scorecards_recompute([submitted.pk])
    return submitted


ALL_FOURS: dict[str, int] = {
    "experience_social": 4,
    "experience_clients": 4,
    "accomplishments": 4,
    "business_background": 4,
    "greatest_accomplishment": 4,
    "media_vs_marketing": 4,
    "references": 4,
}


def submitted_review(
    submission: Submission,
    reviewer: User,
    ratings: dict[str, int] | None = None,
    *,
    recommendation: str = "yes",
    note: str = "",
) -> Review:
    """`reviewer` (the owner or an assigned reviewer) declares no conflict and submits a
    review of `submission`: 4 on every criterion unless `ratings` says otherwise."""
    review = review_for(submission=submission, reviewer=reviewer)
    review = review_declare_conflict(review=review, by=reviewer, has_conflict=False)
    return review_save(
        review=review,
        by=reviewer,
        ratings={**ALL_FOURS, **(ratings or {})},
        notes={},
        recommendation=recommendation,
        overall_note=note,
        expected_version=None,
        submit=True,
    )


class ReferenceCheckFactory(factory.django.DjangoModelFactory):
    """A web-form check of one of the consultant's references, for a submitted
    self-assessment (no email goes out: use the services for that)."""

    class Meta:
        model = ReferenceCheck

    submission = factory.SubFactory(
        SubmissionFactory,
        status=SubmissionStatus.SUBMITTED,
        submitted_at=factory.LazyFunction(timezone.now),
    )
    reference = factory.SubFactory(
        ReferenceFactory, consultant=factory.SelfAttribute("..submission.consultant")
    )
    referee_name = factory.SelfAttribute("reference.name")
    referee_email = factory.SelfAttribute("reference.email")
    referee_company = factory.SelfAttribute("reference.company")
    referee_role = factory.SelfAttribute("reference.role")
    claimed_relationship = factory.SelfAttribute("reference.relationship")
    claimed_from = factory.SelfAttribute("reference.period_from")
    claimed_to = factory.SelfAttribute("reference.period_to")
    requested_by = factory.SelfAttribute("submission.engagement.owner")
    due_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))


class FlagFactory(factory.django.DjangoModelFactory):
    """An open discrepancy raised by a reference check (no hold)."""

    class Meta:
        model = Flag

    reference_check = factory.SubFactory(ReferenceCheckFactory)
    submission = factory.SelfAttribute("reference_check.submission")
    kind = FlagKind.DISCREPANCY
    code = factory.Sequence(lambda n: f"test_code_{n}")
    severity = "medium"
    message = "The consultant said client; the referee said peer."
    evidence = factory.LazyFunction(lambda: {"claimed": "client", "referee": "peer"})


def submitted_quickly(
    engagement: Engagement,
    *,
    name: str | None = None,
    consultant: Consultant | None = None,
    years_social: int = 9,
    years_clients: int = 6,
    evidence_url: str = "",
) -> Submission:
    """A submitted self-assessment in `engagement`, written straight to the database (no
    services, no emails) by `consultant` (or a new one called `name`): the seven default
    answers with the years given. Fast enough for rounds of hundreds; call
    `scorecards_recompute` on the ids afterwards to score them.
    More years score higher; more years for clients than in social media raises a red flag,
    an evidenced, measured accomplishment a green one."""
    # Imported here so that this builder can be appended without touching the imports above.
    from vetting.models import Answer

    consultant = consultant or ConsultantFactory(**({"name": name} if name else {}))
    submission = SubmissionFactory(
        engagement=engagement,
        consultant=consultant,
        status=SubmissionStatus.SUBMITTED,
        started_at=timezone.now(),
        submitted_at=timezone.now(),
    )
    values = {
        **VALID_ANSWERS,
        "years_social_media": years_social,
        "years_for_clients": years_clients,
        "accomplishments": [{**VALID_ANSWERS["accomplishments"][0], "evidence_url": evidence_url}],
    }
    Answer.objects.bulk_create(
        Answer(submission=submission, question=q, value=values[q.key], is_complete=True)
        for q in engagement.questionnaire.questions.all()
    )
    return submission


MODEL_BY_UNITS = {
    frozenset({"month"}): "retainer",
    frozenset({"day"}): "day_rate",
    frozenset({"deliverable"}): "per_deliverable",
}


def priced(
    submission: Submission,
    *lines: tuple[str, str, str, str],
    currency: str = "GBP",
    fee: str | None = None,
) -> CommercialProposal:
    """A proposal written straight to the database (the submission is already submitted):
    lines as (description, quantity, unit price, unit)."""
    proposal = CommercialProposal.objects.create(
        submission=submission,
        currency=currency,
        pricing_model=MODEL_BY_UNITS.get(frozenset(line[3] for line in lines), "mixed"),
        ad_spend_fee_percent=Decimal(fee) if fee else None,
    )
    ProposalLine.objects.bulk_create(
        ProposalLine(
            proposal=proposal,
            position=i,
            description=d,
            quantity=Decimal(q),
            unit_price=Decimal(p),
            unit=u,
        )
        for i, (d, q, p, u) in enumerate(lines)
    )
    return proposal
