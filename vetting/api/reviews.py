"""Reviews: the reviewer's own scorecard (declare any conflict, rate, submit), blind until
one's own is submitted; the owner sees the submitted reviews and declared conflicts,
records a consensus and overrides conflicts. Consultants never see reviews."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from vetting import access, services
from vetting.access import can, require
from vetting.api.common import (
    IdFilter,
    JsonBodies,
    as_choice,
    body,
    dict_of,
    validated_nested,
)
from vetting.api.forms import as_form_data, validated
from vetting.api.pagination import PageOrCursorPagination
from vetting.forms import ConflictForm, ConsensusForm, OverrideForm, ReviewForm
from vetting.models import (
    Recommendation,
    Review,
    ReviewStatus,
    Submission,
    User,
)
from vetting.scoring.rubric import CRITERION_KEYS


def visible_reviews(user: User) -> QuerySet[Review]:
    """One's own reviews, and the others' where the scores are shown: `access`."""
    return access.visible_reviews(user)


class ReviewSerializer(serializers.ModelSerializer):
    reviewer_name = serializers.CharField(source="reviewer.display_name", read_only=True)
    ratings = serializers.SerializerMethodField(help_text="Criterion to rating (1-5).")
    notes = serializers.SerializerMethodField(help_text="Criterion to note.")
    counts = serializers.BooleanField(
        read_only=True, help_text="Submitted, and no unresolved conflict: it counts in the score."
    )
    # Declared, because a read-only model field loses `allow_blank` (empty until chosen).
    recommendation = serializers.ChoiceField(
        choices=Recommendation.choices, allow_blank=True, read_only=True
    )

    class Meta:
        model = Review
        fields = [
            "id",
            "submission",
            "reviewer",
            "reviewer_name",
            "status",
            "has_conflict",
            "conflict_note",
            "conflict_overridden_at",
            "conflict_override_reason",
            "ratings",
            "notes",
            "recommendation",
            "overall_note",
            "counts",
            "version",
            "created_at",
            "updated_at",
            "submitted_at",
        ]
        read_only_fields = fields

    def to_representation(self, review: Review) -> dict[str, Any]:
        data = super().to_representation(review)
        request = self.context.get("request")
        others = request is not None and not can(request.user, "vetting.change_review", review)
        if others and not review.is_submitted:  # a declared conflict shows, its draft not
            data.update(ratings={}, notes={}, recommendation="", overall_note="")
        return data

    @extend_schema_field(serializers.DictField(child=serializers.IntegerField(allow_null=True)))
    def get_ratings(self, review: Review) -> dict[str, int | None]:
        return {r.criterion: r.rating for r in review.ratings.all()}

    @extend_schema_field(serializers.DictField(child=serializers.CharField()))
    def get_notes(self, review: Review) -> dict[str, str]:
        return {r.criterion: r.note for r in review.ratings.all()}


ReviewInput = inline_serializer(
    "ReviewInput",
    {
        "ratings": serializers.DictField(
            child=serializers.IntegerField(min_value=1, max_value=5, allow_null=True),
            required=False,
            help_text=f"Criterion ({', '.join(CRITERION_KEYS)}) to rating 1-5 (null clears).",
        ),
        "notes": serializers.DictField(
            child=serializers.CharField(allow_blank=True), required=False
        ),
        "recommendation": serializers.ChoiceField(
            choices=[("", "None yet"), *Recommendation.choices], required=False
        ),
        "overall_note": serializers.CharField(allow_blank=True, required=False),
        "version": serializers.IntegerField(
            required=False, help_text="The version you read; a stale one is refused with 409."
        ),
    },
)
ConflictInput = inline_serializer(
    "ConflictInput",
    {
        "has_conflict": serializers.BooleanField(),
        "conflict_note": serializers.CharField(
            required=False, allow_blank=True, help_text="Required with a conflict."
        ),
    },
)
ReasonInput = inline_serializer("OverrideInput", {"reason": serializers.CharField()})
ConsensusInput = inline_serializer(
    "ConsensusInput",
    {
        "criterion": serializers.ChoiceField(choices=list(CRITERION_KEYS)),
        "rating": serializers.IntegerField(min_value=1, max_value=5),
        "reason": serializers.CharField(),
    },
)
ConsensusOutput = inline_serializer(
    "Consensus",
    {
        "submission": serializers.IntegerField(),
        "criterion": serializers.CharField(),
        "rating": serializers.IntegerField(),
        "reason": serializers.CharField(),
    },
)


class ReviewFilter(django_filters.FilterSet):
    engagement = IdFilter(field_name="submission__engagement")
    status = django_filters.ChoiceFilter(choices=ReviewStatus.choices)

    class Meta:
        model = Review
        fields = ["submission", "engagement", "reviewer", "status"]


def _form_input(review: Review, data: dict[str, Any]) -> dict[str, Any]:
    """The review's current values with the ones sent on top, as ReviewForm fields."""
    ratings = dict_of(data, "ratings", CRITERION_KEYS)
    notes = dict_of(data, "notes", CRITERION_KEYS)
    current = {r.criterion: r for r in review.ratings.all()}
    merged: dict[str, Any] = {}
    for key in CRITERION_KEYS:
        row = current.get(key)
        merged[f"rating_{key}"] = ratings.get(key, row.rating if row else None)
        merged[f"note_{key}"] = notes.get(key, row.note if row else "")
    merged["recommendation"] = data.get("recommendation", review.recommendation)
    merged["overall_note"] = data.get("overall_note", review.overall_note)
    merged["version"] = data.get("version")
    return merged


class ReviewViewSet(
    JsonBodies, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Reviews you may see. Start your own with POST /submissions/{id}/review/."""

    serializer_class = ReviewSerializer
    filterset_class = ReviewFilter
    ordering_fields = ["created_at", "updated_at", "submitted_at"]
    ordering = ["submission", "created_at", "pk"]
    pagination_class = PageOrCursorPagination

    def get_queryset(self) -> QuerySet[Review]:
        return (
            visible_reviews(self.request.user)
            .select_related("reviewer")
            .prefetch_related("ratings")
        )

    def _own(self) -> Review:
        review = self.get_object()
        require(self.request.user, "vetting.change_review", review)
        return review

    def _respond(self, review: Review, code: int = status.HTTP_200_OK) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=review.pk)).data, code)

    def _save(self, request: Request, *, submit: bool) -> Response:
        review = self._own()
        form = ReviewForm(as_form_data(_form_input(review, body(request))), review=review)
        cleaned = validated_nested(form, {"rating_": "ratings", "note_": "notes"})
        services.review_save(
            review=review,
            by=request.user,
            ratings=form.ratings(),
            notes=form.notes(),
            recommendation=cleaned["recommendation"],
            overall_note=cleaned["overall_note"],
            expected_version=cleaned.get("version"),
            submit=submit,
        )
        return self._respond(review)

    @extend_schema(request=ReviewInput, responses={200: ReviewSerializer})
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Save your draft: only the fields sent change. Declare any conflict first."""
        return self._save(request, submit=False)

    @extend_schema(request=ReviewInput, responses={200: ReviewSerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        """Save what is sent and submit: every criterion rated and a recommendation given,
        or 400 with what is missing. Then the other reviews and the score show."""
        return self._save(request, submit=True)

    @extend_schema(request=ConflictInput, responses={200: ReviewSerializer})
    @action(detail=True, methods=["post"])
    def conflict(self, request: Request, pk: str | None = None) -> Response:
        """Declare whether you have a conflict of interest (once, before rating)."""
        review = self._own()
        data = dict(body(request))
        as_choice(data, "has_conflict")
        cleaned = validated(ConflictForm(as_form_data(data)))
        services.review_declare_conflict(
            review=review,
            by=request.user,
            has_conflict=cleaned["has_conflict"],
            note=cleaned["conflict_note"],
        )
        return self._respond(review)

    @extend_schema(request=ReasonInput, responses={200: ReviewSerializer})
    @action(detail=True, methods=["post"])
    def override(self, request: Request, pk: str | None = None) -> Response:
        """The owner lets a reviewer with a declared conflict count after all."""
        review = self.get_object()
        require(
            request.user,
            "vetting.run_engagement",
            review.submission.engagement,
            _("Only the engagement's owner can override a conflict."),
        )
        cleaned = validated(OverrideForm(as_form_data(body(request))))
        services.conflict_override(review=review, by=request.user, reason=cleaned["reason"])
        return self._respond(review)


def start(request: Request, submission: Submission) -> Response:
    """POST /submissions/{id}/review/: the user's own review, started if need be."""
    existed = Review.objects.filter(submission=submission, reviewer=request.user).exists()
    review = services.review_for(submission=submission, reviewer=request.user)
    fresh = Review.objects.select_related("reviewer").prefetch_related("ratings").get(pk=review.pk)
    code = status.HTTP_200_OK if existed else status.HTTP_201_CREATED
    return Response(ReviewSerializer(fresh).data, status=code)


def consensus(request: Request, submission: Submission) -> Response:
    """POST /submissions/{id}/consensus/ (the owner)."""
    require(
        request.user,
        "vetting.run_engagement",
        submission.engagement,
        _("Only the engagement's owner records a consensus."),
    )
    data = body(request)
    if data.get("criterion") not in CRITERION_KEYS:
        raise serializers.ValidationError(
            {"criterion": [_("Choose one of: %(keys)s.") % {"keys": ", ".join(CRITERION_KEYS)}]}
        )
    cleaned = validated(ConsensusForm(as_form_data(data)))
    agreed = services.consensus_set(
        submission=submission,
        by=request.user,
        criterion=cleaned["criterion"],
        rating=cleaned["rating"],
        reason=cleaned["reason"],
    )
    return Response(
        {
            "submission": submission.pk,
            "criterion": agreed.criterion,
            "rating": agreed.rating,
            "reason": agreed.reason,
        }
    )
