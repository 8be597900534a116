"""Decisions: shortlist, select or reject, with the rationale and the approver. The owner
decides; an uncleared hold flag blocks shortlisting and selecting (409)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response

from vetting import services
from vetting.access import require, with_price_shown, with_results_shown
from vetting.api.approvals import ApprovalSerializer
from vetting.api.common import IdFilter, body
from vetting.api.forms import as_form_data, validated
from vetting.api.pagination import PageOrCursorPagination
from vetting.forms import DecisionForm
from vetting.models import Approval, Decision, Engagement, Outcome, Submission, User


def visible_decisions(user: User) -> QuerySet[Decision]:
    """Decisions in the engagements the user runs or reviews (consultants hear the outcome
    by email; the rationale is never theirs to read)."""
    if not user.is_authenticated:
        return Decision.objects.none()
    return Decision.objects.filter(
        submission__engagement__in=Engagement.objects.for_user(user)
    ).exclude(submission__consultant__user=user)


class DecisionSerializer(serializers.ModelSerializer):
    engagement = serializers.IntegerField(source="submission.engagement_id", read_only=True)
    consultant_name = serializers.CharField(source="submission.consultant.name", read_only=True)
    blocked = serializers.SerializerMethodField(
        help_text="A new hold was raised after this decision: it stands, but shortlisting or "
        "selecting waits until a manager clears the hold (then this is false again). Null "
        "where you may not see flags (a blind reviewer)."
    )
    blocked_at = serializers.SerializerMethodField()
    agreed_price = serializers.SerializerMethodField(
        help_text="The price agreed with a shortlisted or selected consultant, in the "
        "engagement's currency (a decimal string). Null when none was agreed, or where you "
        "may not see this consultant's price."
    )

    def _results_shown(self, decision: Decision) -> bool:
        return bool(getattr(decision, "results_shown", False))

    def get_blocked(self, decision: Decision) -> bool | None:
        return decision.is_blocked if self._results_shown(decision) else None

    def get_blocked_at(self, decision: Decision) -> datetime | None:
        return decision.blocked_at if self._results_shown(decision) else None

    @extend_schema_field(serializers.DecimalField(max_digits=14, decimal_places=2))
    def get_agreed_price(self, decision: Decision) -> str | None:
        if not getattr(decision, "price_shown", False) or decision.agreed_price is None:
            return None
        return f"{decision.agreed_price:.2f}"

    class Meta:
        model = Decision
        fields = [
            "id",
            "submission",
            "engagement",
            "consultant_name",
            "outcome",
            "rationale",
            "approver",
            "decided_by",
            "decided_at",
            "version",
            "blocked",
            "blocked_at",
            "agreed_price",
        ]
        read_only_fields = fields


DecisionInput = inline_serializer(
    "DecisionInput",
    {
        "submission": serializers.IntegerField(),
        "outcome": serializers.ChoiceField(choices=Outcome.choices),
        "rationale": serializers.CharField(max_length=4000),
        "approver": serializers.IntegerField(
            required=False, help_text="A procurement or manager colleague; defaults to you."
        ),
        "agreed_price": serializers.DecimalField(
            max_digits=14,
            decimal_places=2,
            min_value=0,
            required=False,
            allow_null=True,
            help_text="With a shortlist or a selection: the price agreed for the "
            "engagement's term, in its currency. Not kept with a rejection.",
        ),
        "version": serializers.IntegerField(
            required=False,
            help_text="The version you read, 0 if you saw no decision yet: a decision "
            "changed (or made) meanwhile is refused with 409. Omit it to skip the check.",
        ),
    },
)


class DecisionFilter(django_filters.FilterSet):
    engagement = IdFilter(field_name="submission__engagement")
    outcome = django_filters.ChoiceFilter(choices=Outcome.choices)

    class Meta:
        model = Decision
        fields = ["submission", "engagement", "outcome"]


class DecisionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The decisions of the engagements you run or review."""

    serializer_class = DecisionSerializer
    filterset_class = DecisionFilter
    ordering_fields = ["decided_at", "outcome"]
    ordering = ["-decided_at", "pk"]
    pagination_class = PageOrCursorPagination

    def get_queryset(self) -> QuerySet[Decision]:
        user = self.request.user
        decisions = visible_decisions(user).select_related("submission__consultant")
        return with_price_shown(user, with_results_shown(user, decisions))

    @extend_schema(
        request=DecisionInput,
        responses={200: DecisionSerializer, 201: DecisionSerializer, 202: ApprovalSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Record a decision on a submitted self-assessment (201), or change it (200). In a
        round with an approval route it takes effect only once every step approves: 202
        with its approval (GET /approvals/{id}/); after changes were requested, posting
        the amended decision sends it through the route again."""
        data = body(request)
        submission = _submission(request, data.get("submission"))
        require(request.user, "vetting.decide_submission", submission)
        cleaned = validated(
            DecisionForm(
                as_form_data({"approver": request.user.pk, **data}),
                organisation=submission.engagement.organisation_id,
            )
        )
        existed = Decision.objects.filter(submission=submission).exists()
        decision = services.decision_record(
            submission=submission,
            by=request.user,
            outcome=cleaned["outcome"],
            rationale=cleaned["rationale"],
            approver=cleaned["approver"],
            agreed_price=cleaned.get("agreed_price"),
            expected_version=cleaned.get("version"),
        )
        if isinstance(decision, Approval):
            # A routed round: the decision waits on its approvers (it takes effect later).
            return Response(
                ApprovalSerializer(decision, context=self.get_serializer_context()).data,
                status=status.HTTP_202_ACCEPTED,
            )
        fresh = self.get_queryset().get(pk=decision.pk)
        code = status.HTTP_200_OK if existed else status.HTTP_201_CREATED
        return Response(self.get_serializer(fresh).data, status=code)


def _submission(request: Request, value: object) -> Submission:
    """The submission named in the body, among those the user may see. One they may not
    see is a 404, like every other object, and the same as an id that does not exist."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise serializers.ValidationError({"submission": [_("Give a submission id.")]})
    visible = (
        Submission.objects.for_user(request.user)
        .exclude(consultant__user=request.user)
        .select_related("engagement")
    )
    return get_object_or_404(visible, pk=value)
