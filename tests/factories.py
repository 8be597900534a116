"""Test data builders (factory_boy)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from consultants.models import Consultant, Reference, Relationship, Service
from vetting.models import Engagement, EngagementStatus, Questionnaire, Submission, User
from vetting.roles import Role
from vetting.services import answer_save, references_choose, submission_submit

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


class SubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Submission

    engagement = factory.SubFactory(EngagementFactory)
    consultant = factory.SubFactory(ConsultantFactory)
    invited_by = factory.LazyAttribute(lambda o: o.engagement.owner)


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
    return submission_submit(submission=submission, by=consultant)
