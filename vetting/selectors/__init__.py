"""The reads behind the vetting pages: annotated, with a constant number of queries."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import (
    CharField,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Concat, NullIf, Trim
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consultants.models import Consultant
from vetting import access
from vetting.models import (
    Answer,
    CallAttempt,
    CheckStatus,
    Decision,
    Engagement,
    EngagementStatus,
    Flag,
    Outcome,
    Question,
    ReferenceCheck,
    Review,
    ReviewStatus,
    Submission,
    User,
)
from vetting.models.engagements import SCORED_STATUSES
from vetting.models.references import FAILED_OUTCOMES, OPEN_CHECK_STATUSES
from vetting.pipeline import STAGES, Pipeline
from vetting.scoring.rubric import Criterion

# The ranking and the compare page have modules of their own; their names are selectors
# like the others.
from vetting.selectors.compare import compare_submissions as compare_submissions
from vetting.selectors.compare import comparison as comparison
from vetting.selectors.ranking import RANKING_SORTS as RANKING_SORTS
from vetting.selectors.ranking import RankingPaginator as RankingPaginator
from vetting.selectors.ranking import RankingQuery as RankingQuery
from vetting.selectors.ranking import RankingRow as RankingRow
from vetting.selectors.ranking import default_direction as default_direction
from vetting.selectors.ranking import ranking as ranking
from vetting.selectors.ranking import ranking_rows as ranking_rows
from vetting.selectors.ranking import report_rows as report_rows
from vetting.selectors.ranking import score_distribution as score_distribution


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


def _answered() -> Coalesce:
    """How many of the submission's answers are complete (a correlated subquery)."""
    complete = (
        Answer.objects.filter(submission=OuterRef("pk"), is_complete=True)
        .order_by()
        .values("submission")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(complete, output_field=IntegerField()), 0)


def with_progress(submissions: QuerySet[Submission]) -> QuerySet[Submission]:
    """Annotate `answered` (complete answers) and `question_total` for "n of 7 answered".

    Both are subqueries per row, not a join aggregated over the whole set: a page reads
    them for its own rows only (PostgreSQL evaluates them after ORDER BY ... LIMIT), and a
    page's `count()` leaves them out."""
    return submissions.annotate(answered=_answered(), question_total=_question_total())


def with_pipeline(engagements: QuerySet[Engagement]) -> QuerySet[Engagement]:
    """Annotate how many consultants are at each stage of the pipeline (`invited`,
    `in_progress`, ... as in `pipeline.STAGES`), in the same query."""
    return engagements.annotate(
        **{
            stage.key: Count(
                "submissions", filter=Q(submissions__status__in=stage.statuses), distinct=True
            )
            for stage in STAGES
        }
    )


def _with_pipelines(engagements: Iterable[Engagement]) -> list[Engagement]:
    """The rows with their `pipeline` (read from the annotations), for the templates."""
    rows = list(engagements)
    for engagement in rows:
        engagement.pipeline = Pipeline.of_row(engagement)
    return rows


def engagement_list(user: User) -> list[Engagement]:
    """The engagements the user runs or reviews, with their pipeline. One query."""
    return _with_pipelines(
        with_pipeline(Engagement.objects.for_user(user).select_related("owner")).order_by(
            "status", "deadline", "pk"
        )
    )


def engagement_detail(user: User, pk: int, *, panel: bool = True) -> Engagement:
    """One engagement with its owner, questionnaire, what it re-vets (a re-vetting round's
    vendor entry and consultant; none for any other round) and reviewers (two queries; one
    without the `panel`, for a page that reads the reviewers only now and then)."""
    engagements = Engagement.objects.for_user(user).select_related(
        "owner", "questionnaire", "revetting__entry__consultant"
    )
    if panel:
        engagements = engagements.prefetch_related(
            Prefetch("reviewers", queryset=User.objects.order_by("first_name"))
        )
    return engagements.get(pk=pk)


def engagement_submissions(engagement: Engagement) -> QuerySet[Submission]:
    """The submissions of an engagement with consultant, invitation and progress. One
    query."""
    return with_progress(
        engagement.submissions.select_related("consultant", "invitation")
    ).order_by("consultant__name", "pk")


def my_invitations(user: User) -> QuerySet[Submission]:
    """A consultant's submissions across engagements, newest deadline first, with the score
    a round's owner released to them (if any). One query."""
    return with_progress(
        Submission.objects.for_consultant_user(user).select_related(
            "engagement", "engagement__owner", "score_release"
        )
    ).order_by("-engagement__deadline", "pk")


def reviewer_choices(organisation: Any = None) -> QuerySet[User]:
    """People who may review a round of `organisation`: its active procurement, manager and
    reviewer members (every buyer-side account when no organisation is given)."""
    return access.buyer_side_people(organisation=organisation).order_by(
        "first_name", "last_name", "email"
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
    "mine": gettext_lazy("Assigned to me"),
    "unassigned": gettext_lazy("Unassigned"),
    "overdue": gettext_lazy("Overdue"),
    "open": gettext_lazy("All open calls"),
    "done": gettext_lazy("Finished"),
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
    reviewing = access.reviewed_engagements(user).values("pk")
    return (
        Submission.objects.filter(engagement__in=Subquery(reviewing), status__in=SCORED_STATUSES)
        .exclude(consultant__user=user)
        .select_related("consultant", "engagement", "scorecard")
        .annotate(
            my_review_status=Subquery(own.values("status")[:1]),
            my_conflict=Subquery(own.values("has_conflict")[:1]),
            # Who overrode my declared conflict (so my review counts after all), if anyone.
            my_conflict_overrider=Subquery(
                own.filter(conflict_overridden_at__isnull=False)
                .annotate(
                    name=Coalesce(
                        NullIf(
                            Trim(
                                Concat(
                                    "conflict_overridden_by__first_name",
                                    Value(" "),
                                    "conflict_overridden_by__last_name",
                                )
                            ),
                            Value(""),
                        ),
                        "conflict_overridden_by__email",
                        output_field=CharField(),
                    )
                )
                .values("name")[:1]
            ),
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


def rating_rows(reviews: list[Review], criteria: Iterable[Criterion]) -> list[dict[str, Any]]:
    """Per criterion of the round, each review's rating and note (None where it has no
    row), for the tables of ratings (the score page, the printable report)."""
    by_review = {r.pk: {x.criterion: x for x in r.ratings.all()} for r in reviews}
    return [
        {"criterion": c, "cells": [by_review[r.pk].get(c.key) for r in reviews]} for c in criteria
    ]


def submission_report(user: User, pk: int) -> Submission:
    """A submitted self-assessment of an engagement the user runs or reviews (never their
    own), with its brief, card and decision, for the printable report. One query; raises
    Submission.DoesNotExist for anything else."""
    return (
        Submission.objects.filter(
            engagement__in=Engagement.objects.for_user(user), status__in=SCORED_STATUSES
        )
        .exclude(consultant__user=user)
        .select_related(
            "engagement__owner",
            "engagement__questionnaire",
            "consultant",
            "scorecard",
            "decision__approver",
            "decision__decided_by",
        )
        .get(pk=pk)
    )


# --- Compare ------------------------------------------------------------------------------


# --- Procurement home ------------------------------------------------------------------------


def home_engagements(user: User) -> list[Engagement]:
    """Open and recent engagements the user runs or reviews, with their pipeline. One
    query."""
    return _with_pipelines(
        with_pipeline(
            Engagement.objects.for_user(user)
            .exclude(status=EngagementStatus.DECIDED)
            .select_related("owner")
        ).order_by("deadline", "pk")[:20]
    )


def home_needs(user: User) -> dict[str, Any]:
    """What needs the user now: reviews to do, overdue checks, holds to clear, delivery
    reviews due. Four queries."""
    mine = access.reviewed_engagements(user).values("pk")
    done = Review.objects.filter(reviewer=user).filter(
        Q(status=ReviewStatus.SUBMITTED) | Q(has_conflict=True)
    )
    to_review = list(
        Submission.objects.filter(engagement__in=Subquery(mine), status__in=SCORED_STATUSES)
        .exclude(pk__in=Subquery(done.values("submission")))
        .select_related("consultant", "engagement")
        .order_by("submitted_at", "pk")[:10]
    )
    overdue = list(
        ReferenceCheck.objects.for_user(user)
        .overdue()
        .filter(
            Q(submission__engagement__in=access.run_engagements(user))
            | Q(assigned_to=user)
            | Q(assigned_to__isnull=True, channel="phone")
        )
        .select_related("submission__consultant")
        .order_by("due_at")[:10]
    )
    holds = list(
        Flag.objects.for_user(user)
        .holds()
        .select_related("submission__consultant", "submission__engagement", "reference_check")
        .order_by("created_at")[:10]
    )
    from vetting.selectors.delivery import delivery_reviews_due_for

    return {
        "to_review": to_review,
        "overdue": overdue,
        "holds": holds,
        "delivery_due": delivery_reviews_due_for(user),
    }


# The home page's activity: a finished reference check and a decision, one whole sentence
# each (a status word put into a sentence agrees with nothing in German or Spanish).
CHECK_ACTIVITY = {
    CheckStatus.COMPLETED: gettext_lazy("Reference %(referee)s for %(name)s: completed"),
    CheckStatus.DECLINED: gettext_lazy("Reference %(referee)s for %(name)s: declined"),
    CheckStatus.UNREACHABLE: gettext_lazy("Reference %(referee)s for %(name)s: unreachable"),
    CheckStatus.CANCELLED: gettext_lazy("Reference %(referee)s for %(name)s: cancelled"),
}
DECISION_ACTIVITY = {
    Outcome.SHORTLIST: gettext_lazy("%(name)s: shortlisted"),
    Outcome.SELECT: gettext_lazy("%(name)s: selected"),
    Outcome.REJECT: gettext_lazy("%(name)s: rejected"),
}


def recent_activity(user: User, *, limit: int = 12) -> list[dict[str, Any]]:
    """The latest submissions, reviews, reference answers and decisions in the user's
    engagements, newest first, in the reader's language. Four queries."""
    visible = Engagement.objects.for_user(user).values("pk")
    events: list[dict[str, Any]] = []
    for s in (
        Submission.objects.filter(engagement__in=Subquery(visible), submitted_at__isnull=False)
        .select_related("consultant", "engagement")
        .order_by("-submitted_at")[:limit]
    ):
        events.append(
            {
                "when": s.submitted_at,
                "text": _("%(name)s submitted") % {"name": s.consultant.name},
                "engagement": s.engagement,
                "url": s.get_absolute_url(),
            }
        )
    for r in (
        Review.objects.filter(
            submission__engagement__in=Subquery(visible), status=ReviewStatus.SUBMITTED
        )
        .select_related("reviewer", "submission__consultant", "submission__engagement")
        .order_by("-submitted_at")[:limit]
    ):
        events.append(
            {
                "when": r.submitted_at,
                "text": _("%(reviewer)s reviewed %(name)s")
                % {"reviewer": r.reviewer.display_name, "name": r.submission.consultant.name},
                "engagement": r.submission.engagement,
                "url": reverse("submissions:score", args=[r.submission_id]),
            }
        )
    for c in (
        ReferenceCheck.objects.filter(
            submission__engagement__in=Subquery(visible), completed_at__isnull=False
        )
        .select_related("submission__consultant", "submission__engagement")
        .order_by("-completed_at")[:limit]
    ):
        events.append(
            {
                "when": c.completed_at,
                "text": _check_activity(c),
                "engagement": c.submission.engagement,
                "url": c.get_absolute_url(),
            }
        )
    for d in (
        Decision.objects.filter(submission__engagement__in=Subquery(visible))
        .select_related("submission__consultant", "submission__engagement")
        .order_by("-decided_at")[:limit]
    ):
        events.append(
            {
                "when": d.decided_at,
                "text": _decision_activity(d),
                "engagement": d.submission.engagement,
                "url": d.submission.get_absolute_url(),
            }
        )
    events.sort(key=lambda e: e["when"], reverse=True)
    return events[:limit]


def _check_activity(check: ReferenceCheck) -> str:
    values = {"referee": check.referee_name, "name": check.submission.consultant.name}
    sentence = CHECK_ACTIVITY.get(check.status)
    if sentence is None:  # not finished (reopened meanwhile): its status as it is labelled
        return _("Reference %(referee)s for %(name)s: %(status)s") % {
            **values,
            "status": check.get_status_display().lower(),
        }
    return str(sentence) % values


def _decision_activity(decision: Decision) -> str:
    name = decision.submission.consultant.name
    sentence = DECISION_ACTIVITY.get(decision.outcome)
    if sentence is None:
        return f"{name}: {decision.outcome}"
    return str(sentence) % {"name": name}
