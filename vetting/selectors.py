"""The reads behind the vetting pages: annotated, with a constant number of queries."""

from __future__ import annotations

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Floor, Least

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
    ScoreCard,
    Submission,
    SubmissionStatus,
    User,
)
from vetting.models.engagements import SCORED_STATUSES
from vetting.models.references import FAILED_OUTCOMES, OPEN_CHECK_STATUSES, CheckStatus
from vetting.roles import Role
from vetting.scoring.rubric import CRITERIA_BY_KEY, CRITERION_KEYS

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


RANKING_SORTS = {
    "rank": ("scorecard__rank", "Score"),
    "name": ("consultant__name", "Consultant"),
    "red": ("-scorecard__red_flags", "Red flags"),
    "green": ("-scorecard__green_flags", "Green flags"),
    "references": ("-references_done", "References"),
    "reviews": ("-reviews_done", "Reviews"),
    "status": ("status", "Status"),
    **{f"c_{key}": (f"-scorecard__{key}", CRITERIA_BY_KEY[key].label) for key in CRITERION_KEYS},
}


def ranking(
    engagement: Engagement,
    *,
    sort: str = "rank",
    descending: bool | None = None,
    status: str = "",
    flag: str = "",
    score_min: float | None = None,
    score_max: float | None = None,
    text: str = "",
) -> QuerySet[Submission]:
    """The engagement's submitted self-assessments with what a ranking row shows. The rank
    is the stored one (over the whole round, whatever the filters). One query per page
    (plus the count)."""
    submissions = (
        Submission.objects.filter(engagement=engagement, status__in=SCORED_STATUSES)
        .select_related("consultant", "scorecard", "decision")
        .defer("scorecard__data")
        .annotate(
            references_done=Count(
                "reference_checks",
                filter=Q(reference_checks__status=CheckStatus.COMPLETED),
                distinct=True,
            ),
            reviews_done=Count(
                "reviews", filter=Q(reviews__status=ReviewStatus.SUBMITTED), distinct=True
            ),
        )
    )
    if status:
        submissions = submissions.filter(status=status)
    if flag == "red":
        submissions = submissions.filter(scorecard__red_flags__gt=0)
    elif flag == "none":
        submissions = submissions.filter(scorecard__red_flags=0)
    elif flag == "hold":
        submissions = submissions.filter(scorecard__holds__gt=0)
    elif flag == "green":
        submissions = submissions.filter(scorecard__green_flags__gt=0)
    if score_min is not None:
        submissions = submissions.filter(scorecard__total__gte=score_min)
    if score_max is not None:
        submissions = submissions.filter(scorecard__total__lte=score_max)
    if text.strip():
        submissions = submissions.filter(
            Q(consultant__name__icontains=text.strip())
            | Q(consultant__agency__icontains=text.strip())
        )
    field, _ = RANKING_SORTS.get(sort, RANKING_SORTS["rank"])
    if descending is not None:
        field = field.lstrip("-") if not descending else "-" + field.lstrip("-")
    expression = F(field.lstrip("-"))
    expression = (
        expression.desc(nulls_last=True)
        if field.startswith("-")
        else expression.asc(nulls_last=True)
    )
    return submissions.order_by(expression, "pk")


def score_distribution(engagement: Engagement) -> list[int]:
    """How many submissions score 0-9, 10-19, ... 90-100. One query."""
    buckets = (
        ScoreCard.objects.filter(
            submission__engagement=engagement, submission__status__in=SCORED_STATUSES
        )
        .annotate(bucket=Least(Floor(F("total") / Value(10.0)), Value(9.0)))
        .values("bucket")
        .annotate(n=Count("pk"))
    )
    counts = [0] * 10
    for row in buckets:
        counts[int(row["bucket"])] = row["n"]
    return counts
