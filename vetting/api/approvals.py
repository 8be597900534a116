"""Routed approvals: a round's approval route (its owner sets it), the approvals decisions
go through (a decision recorded in a routed round answers 202 with its approval), the
current step's answer, and the approvals waiting on you."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from vetting.access import (
    can,
    engagement_or_404,
    require,
    sees_approval_price,
    visible_approvals,
)
from vetting.api.common import IdFilter, body
from vetting.api.forms import as_form_data, validated
from vetting.api.pagination import PageOrCursorPagination
from vetting.forms.approvals import ApprovalActForm, ApprovalRouteForm
from vetting.models import Approval, ApprovalAnswer, ApprovalState, ApprovalStep
from vetting.selectors.approvals import approval_progress, with_approval_price_shown, with_hold
from vetting.services.approvals import MAX_STEPS, approval_act, approval_route_set


class ApprovalStepSerializer(serializers.ModelSerializer):
    approver_name = serializers.CharField(source="approver.display_name", read_only=True)

    class Meta:
        model = ApprovalStep
        fields = ["position", "label", "approver", "approver_name"]
        read_only_fields = fields


class StepLineSerializer(serializers.Serializer):
    round = serializers.IntegerField()
    step = serializers.IntegerField(source="position")
    label = serializers.CharField()
    approver = serializers.CharField(help_text="The approver's name.")
    state = serializers.ChoiceField(
        choices=["approved", "rejected", "changes", "waiting", "upcoming"]
    )
    note = serializers.CharField()
    at = serializers.DateTimeField(allow_null=True)


class ApprovalSerializer(serializers.ModelSerializer):
    engagement = serializers.IntegerField(source="submission.engagement_id", read_only=True)
    consultant_name = serializers.CharField(source="submission.consultant.name", read_only=True)
    agreed_price = serializers.SerializerMethodField(
        help_text="The price in the decision (a decimal string, the round's currency); null "
        "when none, or where you may not see it."
    )
    blocked = serializers.SerializerMethodField(
        help_text="A hold flag stands on a shortlist or selection: no step may approve it "
        "until a manager clears the hold. Null where you may not see flags (a blind "
        "reviewer); not in lists (read one approval)."
    )
    progress = serializers.SerializerMethodField(
        help_text="The route's steps, newest round first: each answer (who, what, the note, "
        "when), and for a pending approval the steps waiting and to come."
    )

    @extend_schema_field(serializers.DecimalField(max_digits=14, decimal_places=2))
    def get_agreed_price(self, approval: Approval) -> str | None:
        if approval.agreed_price is None:
            return None
        shown = getattr(approval, "price_shown", None)  # annotated on lists (one query)
        if shown is None:
            shown = sees_approval_price(self.context["request"].user, approval)
        return f"{approval.agreed_price:.2f}" if shown else None

    def get_blocked(self, approval: Approval) -> bool | None:
        if not can(self.context["request"].user, "vetting.view_approval_hold", approval):
            return None
        return approval.route_blocked

    @extend_schema_field(StepLineSerializer(many=True))
    def get_progress(self, approval: Approval) -> list[dict[str, Any]]:
        return [
            {
                "round": r.number,
                "position": s.position,
                "label": s.label,
                "approver": s.approver,
                "state": s.state,
                "note": s.note,
                "at": s.at,
            }
            for r in approval_progress(approval)
            for s in r.steps
        ]

    class Meta:
        model = Approval
        fields = [
            "id",
            "submission",
            "engagement",
            "consultant_name",
            "outcome",
            "rationale",
            "agreed_price",
            "requested_by",
            "requested_at",
            "state",
            "step",
            "round",
            "closed_at",
            "decision",
            "version",
            "blocked",
            "progress",
        ]
        read_only_fields = fields


class ApprovalListSerializer(ApprovalSerializer):
    """An approval in a list: its progress is read one approval at a time (GET
    /approvals/{id}/), so a list costs the same queries whatever its length."""

    class Meta(ApprovalSerializer.Meta):
        fields = [f for f in ApprovalSerializer.Meta.fields if f not in ("progress", "blocked")]
        read_only_fields = fields


AnswerInput = inline_serializer(
    "ApprovalAnswerInput",
    {
        "note": serializers.CharField(
            max_length=2000,
            required=False,
            help_text="Required to reject or to ask for changes: the decider reads it.",
        ),
        "version": serializers.IntegerField(
            required=False,
            help_text="The approval's version you read: an approval answered meanwhile is "
            "refused with 409. Omit it to skip the check.",
        ),
    },
)


class ApprovalFilter(django_filters.FilterSet):
    engagement = IdFilter(field_name="submission__engagement")
    state = django_filters.ChoiceFilter(choices=ApprovalState.choices)

    class Meta:
        model = Approval
        fields = ["submission", "engagement", "state", "decision"]


class ApprovalViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The approvals of decisions in routed rounds you see (as their owner, panel or one of
    their approvers). A decision's approvals: `?decision=` or `?submission=`."""

    serializer_class = ApprovalSerializer
    filterset_class = ApprovalFilter
    ordering_fields = ["requested_at"]
    ordering = ["-requested_at", "-pk"]
    pagination_class = PageOrCursorPagination

    def get_queryset(self) -> QuerySet[Approval]:
        user = self.request.user
        rows = (
            visible_approvals(user)
            .select_related("submission__consultant", "submission__engagement")
            .order_by("-requested_at", "-pk")
        )
        return with_approval_price_shown(user, with_hold(rows))

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        return ApprovalListSerializer if self.action in ("list", "pending") else ApprovalSerializer

    @extend_schema(responses=ApprovalListSerializer(many=True))
    @action(detail=False, methods=["get"])
    def pending(self, request: Request) -> Response:
        """The approvals waiting on your step (your "My approvals"), oldest first."""
        rows = self.filter_queryset(self.get_queryset())
        rows = rows.filter(pk__in=Approval.objects.waiting_on(request.user))
        rows = rows.order_by("requested_at", "pk")
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def _answer(self, request: Request, answer: str) -> Response:
        approval = self.get_object()
        require(request.user, "vetting.act_on_approval", approval)
        cleaned = validated(ApprovalActForm(as_form_data({**body(request), "answer": answer})))
        approval = approval_act(
            approval=approval,
            by=request.user,
            answer=answer,
            note=cleaned["note"],
            expected_version=cleaned.get("version"),
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=approval.pk)).data)

    @extend_schema(request=AnswerInput, responses=ApprovalSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: int | None = None) -> Response:
        """Approve the current step (yours): the next step is asked; after the last, the
        decision takes effect and the consultant is told. 409 while a hold blocks it."""
        return self._answer(request, ApprovalAnswer.APPROVED)

    @extend_schema(request=AnswerInput, responses=ApprovalSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: int | None = None) -> Response:
        """Reject at your step, with a note: the route ends, the decision does not take
        effect, the decider is told."""
        return self._answer(request, ApprovalAnswer.REJECTED)

    @extend_schema(request=AnswerInput, responses=ApprovalSerializer)
    @action(detail=True, methods=["post"], url_path="request-changes")
    def request_changes(self, request: Request, pk: int | None = None) -> Response:
        """Ask the decider for changes, with a note: they amend the decision (POST
        /decisions/ again) and the route starts again from step 1."""
        return self._answer(request, ApprovalAnswer.CHANGES)


RouteInput = inline_serializer(
    "ApprovalRouteInput",
    {
        "steps": inline_serializer(
            "ApprovalRouteStepInput",
            {
                "label": serializers.CharField(max_length=80),
                "approver": serializers.IntegerField(
                    help_text="A procurement, manager or reviewer member of the round's "
                    "organisation."
                ),
            },
            many=True,
        )
    },
)
RouteOutput = inline_serializer("ApprovalRoute", {"steps": ApprovalStepSerializer(many=True)})


class EngagementApprovalRouteView(APIView):
    """A round's approval route: its steps in order (none: decisions take effect when
    recorded). Its owner replaces it with PUT, unless a decision is waiting on it (409)."""

    def _engagement(self, request: Request, pk: int) -> Any:
        return engagement_or_404(request.user, pk, perm="vetting.view_approval_route", panel=False)

    def _out(self, engagement: Any) -> Response:
        steps = engagement.approval_steps.select_related("approver").order_by("position")
        return Response({"steps": ApprovalStepSerializer(steps, many=True).data})

    @extend_schema(responses=RouteOutput)
    def get(self, request: Request, engagement_pk: int) -> Response:
        return self._out(self._engagement(request, engagement_pk))

    @extend_schema(request=RouteInput, responses=RouteOutput)
    def put(self, request: Request, engagement_pk: int) -> Response:
        engagement = self._engagement(request, engagement_pk)
        require(request.user, "vetting.run_engagement", engagement)
        steps = body(request).get("steps")
        if not isinstance(steps, list) or not all(isinstance(s, dict) for s in steps):
            raise serializers.ValidationError({"steps": [_("Give a list of {label, approver}.")]})
        if len(steps) > MAX_STEPS:
            raise serializers.ValidationError(
                {"steps": [_("A route has at most %(max)s steps.") % {"max": MAX_STEPS}]}
            )
        data: dict[str, Any] = {}
        for n, step in enumerate(steps, start=1):
            data[f"label_{n}"] = step.get("label")
            data[f"approver_{n}"] = step.get("approver")
        form = ApprovalRouteForm(as_form_data(data), organisation=engagement.organisation_id)
        validated(form)
        approval_route_set(engagement=engagement, by=request.user, steps=form.steps())
        return self._out(engagement)
