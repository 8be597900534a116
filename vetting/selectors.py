"""The reads behind the vetting pages: annotated, with a constant number of queries."""

from __future__ import annotations

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from consultants.models import Consultant
from vetting.models import (
    Answer,
    CallAttempt,
    Engagement,
    Flag,
    Question,
    ReferenceCheck,
    Review,
    ReviewStatus,
    Submission,
    SubmissionStatus,
    User,
)
from vetting.models.engagements import SCORED_STATUSES
from vetting.models.references import FAILED_OUTCOMES, OPEN_CHECK_STATUSES
from vetting.roles import Role

PIPELINE = (
    ("invited", (SubmissionStatus.INVITED,)),
    ("in_progress", (SubmissionStatus.IN_PROGRESS,)),
    (
        "submitted",
        (
            SubmissionStatus.SUBMITTED,
            SubmissionStatus.UNDER_REVIEW,
            SubmissionStatus.SHORTLISTED,
            SubmissionStatus.SELECTED,
            SubmissionStatus.REJECTED,
        ),
    ),
    ("withdrawn", (SubmissionStatus.WITHDRAWN,)),
)


def _question_total() -> Subquery:
    """How many questions the submission's questionnaire asks (a correlated subquery)."""
    questions = (
        Question.objects.filter(questionnaire=OuterRef("engagement__questionnaire"))
        .order_by()
        .values("questionnaire")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(questions, output_field=IntegerField()), 0)


def with_progress(submissions: QuerySet[Submission]) -> QuerySet[Submission]:
    """Annotate `answered` (complete answers) and `question_total` for "n of 7 answered"."""
    return submissions.annotate(
        answered=Count("answers", filter=Q(answers__is_complete=True), distinct=True),
        question_total=_question_total(),
    )


def engagement_list(user: User) -> QuerySet[Engagement]:
    """The engagements the user runs or reviews, with pipeline counts. One query."""
    counts = {
        name: Count("submissions", filter=Q(submissions__status__in=statuses), distinct=True)
        for name, statuses in PIPELINE
    }
    return (
        Engagement.objects.for_user(user)
        .select_related("owner")
        .annotate(total=Count("submissions", distinct=True), **counts)
        .order_by("status", "deadline", "pk")
    )


def engagement_detail(user: User, pk: int) -> Engagement:
    """One engagement with its owner, questionnaire and reviewers (two queries)."""
    return (
        Engagement.objects.for_user(user)
        .select_related("owner", "questionnaire")
        .prefetch_related(Prefetch("reviewers", queryset=User.objects.order_by("first_name")))
        .get(pk=pk)
    )


def engagement_submissions(engagement: Engagement) -> QuerySet[Submission]:
    """The submissions of an engagement with consultant, invitation and progress. One
    query."""
    return with_progress(
        engagement.submissions.select_related("consultant", "invitation")
    ).order_by("consultant__name", "pk")


def my_invitations(user: User) -> QuerySet[Submission]:
    """A consultant's submissions across engagements, newest deadline first. One query."""
    return with_progress(
        Submission.objects.for_consultant_user(user).select_related(
            "engagement", "engagement__owner"
        )
    ).order_by("-engagement__deadline", "pk")


def reviewer_choices() -> QuerySet[User]:
    """People who may review: active procurement and manager accounts."""
    return (
        User.objects.filter(is_active=True, groups__name__in=[Role.PROCUREMENT, Role.MANAGER])
        .distinct()
        .order_by("first_name", "last_name", "email")
    )


def invitable_consultants(engagement: Engagement, text: str) -> QuerySet[Consultant]:
    """Directory matches not yet invited to this engagement (the first 20)."""
    invited = Submission.objects.filter(engagement=engagement, consultant=OuterRef("pk"))
    return Consultant.objects.search(text).filter(~Exists(invited)).order_by("name", "pk")[:20]


def submission_answers(submission: Submission) -> list[tuple[Question, Answer | None]]:
    """Every question of the submission's questionnaire with its answer, in order. Two
    queries."""
    answers = {a.question_id: a for a in submission.answers.all()}
    questions = submission.engagement.questionnaire.questions.order_by("position", "pk")
    return [(q, answers.get(q.pk)) for q in questions]


CALL_FILTERS = {
    "mine": "Assigned to me",
    "unassigned": "Unassigned",
    "overdue": "Overdue",
    "open": "All open calls",
    "done": "Finished",
}


def calls_queue(user: User, show: str) -> QuerySet[ReferenceCheck]:
    """The phone checks a manager works through. One query (with attempt counts)."""
    checks = (
        ReferenceCheck.objects.for_user(user)
        .calls()
        .select_related("submission__consultant", "submission__engagement", "assigned_to")
        .annotate(
            failed=Count("attempts", filter=Q(attempts__outcome__in=FAILED_OUTCOMES)),
            attempt_count=Count("attempts"),
        )
    )
    if show == "mine":
        checks = checks.open().filter(assigned_to=user)
    elif show == "unassigned":
        checks = checks.open().filter(assigned_to__isnull=True)
    elif show == "overdue":
        checks = checks.overdue()
    elif show == "done":
        checks = checks.exclude(status__in=OPEN_CHECK_STATUSES)
    else:
        checks = checks.open()
    return checks.order_by("due_at", "pk")


def check_detail(user: User, pk: int) -> ReferenceCheck:
    """One check with its submission, attempts and flags (three queries)."""
    return (
        ReferenceCheck.objects.for_user(user)
        .select_related(
            "submission__consultant",
            "submission__engagement__owner",
            "assigned_to",
            "recorded_by",
            "notes_reviewed_by",
            "reference",
        )
        .prefetch_related(
            Prefetch("attempts", queryset=CallAttempt.objects.select_related("by")),
            Prefetch("flags", queryset=Flag.objects.select_related("cleared_by")),
        )
        .get(pk=pk)
    )


def submission_checks(submission: Submission) -> list[ReferenceCheck]:
    """A submission's reference checks with their flags. Two queries."""
    return list(
        submission.reference_checks.select_related("assigned_to")
        .prefetch_related(Prefetch("flags", queryset=Flag.objects.select_related("cleared_by")))
        .order_by("requested_at", "pk")
    )


def review_queue(user: User) -> QuerySet[Submission]:
    """Submitted self-assessments the user reviews (as owner or assigned reviewer), with the
    state of their own review. One query."""
    own = Review.objects.filter(submission=OuterRef("pk"), reviewer=user)
    reviewing = Engagement.objects.filter(Q(owner=user) | Q(reviewers=user)).values("pk")
    return (
        Submission.objects.filter(engagement__in=Subquery(reviewing), status__in=SCORED_STATUSES)
        .select_related("consultant", "engagement", "scorecard")
        .annotate(
            my_review_status=Subquery(own.values("status")[:1]),
            my_conflict=Subquery(own.values("has_conflict")[:1]),
            submitted_reviews=Count(
                "reviews", filter=Q(reviews__status=ReviewStatus.SUBMITTED), distinct=True
            ),
        )
        .order_by("engagement__deadline", "consultant__name", "pk")
    )


def submission_reviews(submission: Submission) -> list[Review]:
    """All reviews of a submission with their reviewer and ratings. Two queries."""
    return list(
        submission.reviews.select_related("reviewer", "conflict_overridden_by")
        .prefetch_related("ratings")
        .order_by("created_at", "pk")
    )
