"""Delivery reviews of hired consultants (list, detail, rating and submitting, review date
and assignee) and the organisation's outcome report (the report, adopting its suggested
weights). Input goes through the pages' forms; access is the access layer's."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from vetting.access import can, require
from vetting.api.common import IdFilter
from vetting.api.forms import as_form_data, validated
from vetting.api.pagination import PageOrCursorPagination
from vetting.forms.delivery import DeliveryReviewForm, DeliveryScheduleForm, WeightingAdoptForm
from vetting.models import (
    DeliveryPoint,
    DeliveryReview,
    DeliveryReviewStatus,
    OutcomeWeighting,
    PointRating,
)
from vetting.selectors import delivery as selectors
from vetting.services import delivery as service
from vetting.services import organisations as organisation_service


class DeliveryPointSerializer(serializers.ModelSerializer):
    class Meta:
        model = DeliveryPoint
        fields = ["id", "position", "kind", "source", "text", "rating", "note"]
        read_only_fields = fields


class DeliveryReviewSerializer(serializers.ModelSerializer):
    consultant = serializers.IntegerField(source="submission.consultant_id", read_only=True)
    consultant_name = serializers.CharField(source="submission.consultant.name", read_only=True)
    engagement = serializers.IntegerField(source="submission.engagement_id", read_only=True)
    engagement_title = serializers.CharField(source="submission.engagement.title", read_only=True)
    is_due = serializers.BooleanField(read_only=True)
    points = DeliveryPointSerializer(many=True, read_only=True)
    # The card as it was at the selection: null for who does not see the round's scores.
    card_values = serializers.JSONField(read_only=True, allow_null=True)
    card_signals = serializers.JSONField(read_only=True, allow_null=True)
    card_total = serializers.FloatField(read_only=True, allow_null=True)
    rubric_version = serializers.CharField(read_only=True, allow_null=True)

    def to_representation(self, instance: DeliveryReview) -> dict[str, Any]:
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is None or not can(request.user, "vetting.view_scores", instance.submission):
            # The card as it was, for who sees the round's scores only (blind review).
            data.update(card_values=None, card_signals=None, card_total=None, rubric_version=None)
        return data

    class Meta:
        model = DeliveryReview
        fields = [
            "id",
            "organisation",
            "submission",
            "consultant",
            "consultant_name",
            "engagement",
            "engagement_title",
            "decision",
            "due_on",
            "is_due",
            "assignee",
            "status",
            "overall_rating",
            "summary",
            "points",
            "card_values",
            "card_signals",
            "card_total",
            "rubric_version",
            "submitted_at",
            "submitted_by",
            "version",
        ]
        read_only_fields = fields


class PointInputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    rating = serializers.ChoiceField(choices=PointRating.choices, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True)


class DeliveryReviewInputSerializer(serializers.Serializer):
    points = PointInputSerializer(many=True, required=False)
    overall_rating = serializers.IntegerField(required=False, allow_null=True)
    summary = serializers.CharField(required=False, allow_blank=True)
    submit = serializers.BooleanField(
        required=False, help_text="True submits (every point and the overall rated); else a draft."
    )
    version = serializers.IntegerField(
        required=False, help_text="The review's version you read: a stale one is refused (409)."
    )


class ScheduleInputSerializer(serializers.Serializer):
    due_on = serializers.DateField()
    assignee = serializers.IntegerField(required=False, allow_null=True)
    version = serializers.IntegerField(required=False)


class DeliveryReviewFilter(django_filters.FilterSet):
    organisation = IdFilter(field_name="organisation")
    status = django_filters.ChoiceFilter(choices=DeliveryReviewStatus.choices)

    class Meta:
        model = DeliveryReview
        fields = ["organisation", "status"]


class DeliveryReviewViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Delivery reviews of the consultants your organisations hired (their procurement
    people and managers read them; the round's owner, the colleague assigned and admins
    rate them)."""

    serializer_class = DeliveryReviewSerializer
    filterset_class = DeliveryReviewFilter
    ordering_fields = ["due_on", "submitted_at"]
    ordering = ["due_on", "pk"]
    pagination_class = PageOrCursorPagination

    def get_queryset(self) -> QuerySet[DeliveryReview]:
        return (
            DeliveryReview.objects.for_user(self.request.user)
            .select_related("submission__consultant", "submission__engagement")
            .prefetch_related(
                Prefetch("points", queryset=DeliveryPoint.objects.order_by("position"))
            )
        )

    def _fresh(self, review: DeliveryReview) -> dict[str, Any]:
        return self.get_serializer(self.get_queryset().get(pk=review.pk)).data

    @extend_schema(request=DeliveryReviewInputSerializer, responses={200: DeliveryReviewSerializer})
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        """Rate the points (by id), the overall delivery (1-5) and the summary; `submit`
        submits (400 naming each point not rated), else a draft. 409 once submitted or
        with a stale version."""
        review = self.get_object()
        require(request.user, "vetting.complete_delivery_review", review)
        body = DeliveryReviewInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        fields: dict[str, Any] = {
            "overall_rating": data.get("overall_rating", review.overall_rating),
            "summary": data.get("summary", review.summary),
            "submit": data.get("submit", False),
            "version": data.get("version"),
        }
        given = {p["id"]: p for p in data.get("points", [])}
        for point in review.points.all():
            mine = given.get(point.pk, {})
            fields[f"rating_{point.pk}"] = mine.get("rating", point.rating)
            fields[f"note_{point.pk}"] = mine.get("note", point.note)
        if set(given) - {p.pk for p in review.points.all()}:
            raise serializers.ValidationError({"points": [_("A point of another review.")]})
        cleaned = validated(DeliveryReviewForm(as_form_data(fields), review=review))
        service.delivery_review_save(
            review=review,
            by=request.user,
            points=cleaned["points"],
            overall_rating=cleaned["overall_rating"],
            summary=cleaned["summary"],
            submit=cleaned["submit"],
            expected_version=cleaned["version"],
        )
        return Response(self._fresh(review))

    @extend_schema(request=ScheduleInputSerializer, responses={200: DeliveryReviewSerializer})
    @action(detail=True, methods=["post"])
    def reschedule(self, request: Request, pk: str | None = None) -> Response:
        """Set the review date and the colleague assigned (the round's owner, the
        organisation's admins)."""
        review = self.get_object()
        require(request.user, "vetting.schedule_delivery_review", review)
        body = ScheduleInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        cleaned = validated(DeliveryScheduleForm(as_form_data(dict(request.data)), review=review))
        service.delivery_review_reschedule(
            review=review,
            by=request.user,
            due_on=cleaned["due_on"],
            assignee=cleaned["assignee"],
            expected_version=cleaned["version"],
        )
        return Response(self._fresh(review))


# --- The outcome report ---------------------------------------------------------------------

_FIGURES = {
    "n": serializers.IntegerField(help_text="Hires behind the figure."),
    "enough": serializers.BooleanField(help_text="False below the minimum sample."),
}

WEIGHTING = inline_serializer(
    "OutcomeWeighting",
    {
        "id": serializers.IntegerField(),
        "number": serializers.IntegerField(),
        "name": serializers.CharField(),
        "label": serializers.CharField(),
        "weights": serializers.DictField(child=serializers.IntegerField()),
        "hires": serializers.IntegerField(),
        "adopted_at": serializers.DateTimeField(),
    },
)

REPORT = inline_serializer(
    "OutcomeReport",
    {
        "organisation": serializers.IntegerField(),
        "hires": serializers.IntegerField(),
        "min_sample": serializers.IntegerField(),
        "warning": serializers.CharField(allow_null=True),
        "mean_delivery": serializers.FloatField(allow_null=True),
        "criteria": inline_serializer(
            "OutcomeCriterion",
            {
                "key": serializers.CharField(),
                "label": serializers.CharField(),
                **_FIGURES,
                "r": serializers.FloatField(allow_null=True),
                "top_mean": serializers.FloatField(allow_null=True),
                "top_n": serializers.IntegerField(),
                "bottom_mean": serializers.FloatField(allow_null=True),
                "bottom_n": serializers.IntegerField(),
            },
            many=True,
        ),
        "signals": inline_serializer(
            "OutcomeSignal",
            {
                "code": serializers.CharField(),
                "polarity": serializers.CharField(),
                "label": serializers.CharField(),
                **_FIGURES,
                "fired_n": serializers.IntegerField(),
                "fired_mean": serializers.FloatField(allow_null=True),
                "not_n": serializers.IntegerField(),
                "not_mean": serializers.FloatField(allow_null=True),
            },
            many=True,
        ),
        "weights": inline_serializer(
            "OutcomeWeightChange",
            {
                "key": serializers.CharField(),
                "label": serializers.CharField(),
                "current": serializers.IntegerField(),
                "suggested": serializers.IntegerField(),
            },
            many=True,
        ),
        "weightings": inline_serializer(
            "OutcomeWeightingItem",
            {"number": serializers.IntegerField(), "label": serializers.CharField()},
            many=True,
        ),
    },
)


def _weighting(w: OutcomeWeighting) -> dict[str, Any]:
    return {
        "id": w.pk,
        "number": w.number,
        "name": w.name,
        "label": w.label,
        "weights": w.weights,
        "hires": w.hires,
        "adopted_at": w.adopted_at,
    }


def _report(page: selectors.OutcomeReportPage) -> dict[str, Any]:
    report = page.report
    return {
        "organisation": page.organisation.pk,
        "hires": report.hires,
        "min_sample": page.min_sample,
        "warning": None if report.enough else page.too_few_shown,
        "mean_delivery": report.mean_delivery,
        "criteria": [
            {
                "key": c.key,
                "label": c.label,
                "n": c.n,
                "enough": c.enough,
                "r": c.r,
                "top_mean": c.top_mean,
                "top_n": c.top_n,
                "bottom_mean": c.bottom_mean,
                "bottom_n": c.bottom_n,
            }
            for c in report.criteria
        ],
        "signals": [
            {
                "code": s.code,
                "polarity": s.polarity,
                "label": s.label,
                "n": s.n,
                "enough": s.enough,
                "fired_n": s.fired_n,
                "fired_mean": s.fired_mean,
                "not_n": s.not_n,
                "not_mean": s.not_mean,
            }
            for s in report.signals
        ],
        "weights": [
            {"key": w.key, "label": w.label, "current": w.current, "suggested": w.suggested}
            for w in report.weights
        ],
        "weightings": [{"number": w.number, "label": w.label} for w in page.weightings],
    }


class _OrganisationReport(GenericAPIView):
    serializer_class = None
    pagination_class = None

    def organisation(self, request: Request) -> Any:
        organisation = organisation_service.current_organisation(request.user)
        if organisation is None:
            raise Http404(_("You are not a member of a buyer organisation."))
        require(request.user, "vetting.view_outcomes", organisation)
        return organisation


class OutcomeReportView(_OrganisationReport):
    """The outcome-validation report of the organisation you work in (your first): which
    criteria and text signals predicted good delivery, each figure with its number of
    hires, and the suggested weights."""

    @extend_schema(responses=REPORT)
    def get(self, request: Request) -> Response:
        return Response(_report(selectors.outcome_report(self.organisation(request), request.user)))


class WeightingAdoptView(_OrganisationReport):
    """Adopt the report's suggested weights as the organisation's weighting for its new
    rounds (its admins): 409 below the minimum sample, when nothing would change, or when
    `number` is not the latest weighting's number (0 for none)."""

    @extend_schema(
        request=inline_serializer(
            "WeightingAdopt",
            {
                "name": serializers.CharField(required=False),
                "number": serializers.IntegerField(required=False),
            },
        ),
        responses={201: WEIGHTING},
    )
    def post(self, request: Request) -> Response:
        organisation = self.organisation(request)
        require(request.user, "vetting.adopt_weighting", organisation)
        cleaned = validated(WeightingAdoptForm(as_form_data(dict(request.data))))
        weighting = service.weighting_adopt(
            organisation=organisation,
            by=request.user,
            name=cleaned["name"],
            expected_number=cleaned["number"],
        )
        return Response(_weighting(weighting), status=status.HTTP_201_CREATED)
