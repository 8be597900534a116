"""The approved-vendor registers of your organisations, starting a re-vetting round, and
the differences between a re-vetting round's submission and the previous one."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
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
from vetting.api.pagination import PageOrCursorPagination
from vetting.models import Revetting, Submission, VendorEntry, VendorStatus
from vetting.selectors import vendors as selectors
from vetting.services import vendors as service


class RevettingSerializer(serializers.ModelSerializer):
    engagement_title = serializers.CharField(source="engagement.title", read_only=True)
    submission_status = serializers.CharField(source="submission.status", read_only=True)

    class Meta:
        model = Revetting
        fields = [
            "id",
            "entry",
            "review_on",
            "previous",
            "engagement",
            "engagement_title",
            "submission",
            "submission_status",
            "opened_by",
            "changes",
            "created_at",
        ]
        read_only_fields = fields


class VendorEntrySerializer(serializers.ModelSerializer):
    consultant_name = serializers.CharField(source="consultant.name", read_only=True)
    engagement = serializers.IntegerField(source="submission.engagement_id", read_only=True)
    engagement_title = serializers.CharField(source="submission.engagement.title", read_only=True)
    status = serializers.ChoiceField(
        choices=VendorStatus.choices,
        read_only=True,
        help_text="From the dates: active, due (for review within 60 days), expired (the "
        "review date passed); or removed by an admin.",
    )
    revettings = RevettingSerializer(many=True, read_only=True)

    class Meta:
        model = VendorEntry
        fields = [
            "id",
            "organisation",
            "consultant",
            "consultant_name",
            "submission",
            "engagement",
            "engagement_title",
            "decision",
            "approved_on",
            "review_on",
            "status",
            "removed_at",
            "removal_reason",
            "version",
            "revettings",
        ]
        read_only_fields = fields


class RemoveSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=2000, help_text="Why the vendor leaves the register (kept in its history)."
    )
    version = serializers.IntegerField(
        required=False,
        help_text="The entry's version you read: a stale one is refused with 409.",
    )


class VendorFilter(django_filters.FilterSet):
    organisation = IdFilter(field_name="organisation")
    consultant = IdFilter(field_name="consultant")
    status = django_filters.ChoiceFilter(choices=VendorStatus.choices)

    class Meta:
        model = VendorEntry
        fields = ["organisation", "consultant"]


class VendorEntryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The approved-vendor registers of the organisations you belong to."""

    serializer_class = VendorEntrySerializer
    filterset_class = VendorFilter
    ordering_fields = ["review_on", "approved_on"]
    ordering = ["review_on", "pk"]
    pagination_class = PageOrCursorPagination

    def get_queryset(self) -> QuerySet[VendorEntry]:
        return (
            VendorEntry.objects.for_user(self.request.user)
            .with_status()
            .select_related("consultant", "submission__engagement")
            .prefetch_related("revettings__engagement", "revettings__submission")
        )

    @extend_schema(request=None, responses={201: RevettingSerializer})
    @action(detail=True, methods=["post"])
    def revetting(self, request: Request, pk: str | None = None) -> Response:
        """Start a re-vetting round now (the organisation's admins and the owner of the
        round the vendor came from): 409 if one is open for this review date already."""
        entry = self.get_object()
        require(request.user, "vetting.revet_vendor", entry)
        revetting = service.revetting_open(entry=entry, by=request.user)
        return Response(RevettingSerializer(revetting).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=RemoveSerializer, responses={200: VendorEntrySerializer})
    @action(detail=True, methods=["post"])
    def remove(self, request: Request, pk: str | None = None) -> Response:
        """Remove the vendor from the register, with a reason (the organisation's admins):
        409 if it was removed already or the version is stale."""
        entry = self.get_object()
        require(request.user, "vetting.remove_vendor", entry)
        body = RemoveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        service.vendor_remove(
            entry=entry,
            by=request.user,
            reason=body.validated_data["reason"],
            expected_version=body.validated_data.get("version"),
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=entry.pk)).data)


class PieceSerializer(serializers.Serializer):
    """A run of words of an answer: kept (""), removed (the old side) or added (the new)."""

    text = serializers.CharField()
    change = serializers.ChoiceField(choices=["", "removed", "added"])


class SubmissionDifferencesView(GenericAPIView):
    """What changed between a re-vetting round's submission and the previous one: each
    answer then and now (the changed words marked), what the consultant says changed, and,
    where you see this consultant's scores (blind review), the score, each criterion and
    the reference checks then and now (null otherwise)."""

    serializer_class = None
    pagination_class = None

    @extend_schema(
        responses=inline_serializer(
            "SubmissionDifferences",
            {
                "submission": serializers.IntegerField(),
                "previous": serializers.IntegerField(),
                "changes": serializers.CharField(),
                "answers": inline_serializer(
                    "AnswerDifference",
                    {
                        "prompt": serializers.CharField(),
                        "changed": serializers.BooleanField(),
                        "old": PieceSerializer(many=True),
                        "new": PieceSerializer(many=True),
                    },
                    many=True,
                ),
                "score": inline_serializer(
                    "ScoreDifference",
                    {
                        "old_total": serializers.FloatField(allow_null=True),
                        "new_total": serializers.FloatField(allow_null=True),
                        "criteria": inline_serializer(
                            "CriterionDifference",
                            {
                                "label": serializers.CharField(),
                                "old": serializers.FloatField(allow_null=True),
                                "new": serializers.FloatField(allow_null=True),
                            },
                            many=True,
                        ),
                    },
                    allow_null=True,
                ),
                "reference_checks": inline_serializer(
                    "CheckDifference",
                    {
                        "referee": serializers.CharField(),
                        "then": serializers.CharField(allow_null=True),
                        "now": serializers.CharField(allow_null=True),
                        "still_valid": serializers.BooleanField(),
                    },
                    many=True,
                    allow_null=True,
                ),
            },
        )
    )
    def get(self, request: Request, submission_pk: int) -> Response:
        submission = Submission.objects.for_user(request.user).filter(pk=submission_pk).first()
        revetting = (
            Revetting.objects.select_related("engagement").filter(submission=submission).first()
            if submission is not None
            else None
        )
        if revetting is None:
            raise Http404(_("No such re-vetting round."))
        require(request.user, "vetting.view_differences", submission)
        shown = can(request.user, "vetting.view_scores", submission)
        diff = selectors.differences(revetting, results_shown=shown)
        return Response(_as_api(revetting, diff, shown))


def _pieces(pieces: list[selectors.Piece]) -> list[dict[str, str]]:
    return [{"text": p.text, "change": p.change} for p in pieces]


def _as_api(revetting: Revetting, diff: selectors.Differences, shown: bool) -> dict[str, Any]:
    return {
        "submission": revetting.submission_id,
        "previous": revetting.previous_id,
        "changes": revetting.changes,
        "answers": [
            {"prompt": a.prompt, "changed": a.changed, "old": _pieces(a.old), "new": _pieces(a.new)}
            for a in diff.answers
        ],
        "score": {
            "old_total": diff.old_card.total if diff.old_card else None,
            "new_total": diff.new_card.total if diff.new_card else None,
            "criteria": [{"label": c.label, "old": c.old, "new": c.new} for c in diff.criteria],
        }
        if shown
        else None,
        "reference_checks": [
            {
                "referee": pair.referee,
                "then": pair.then.status if pair.then else None,
                "now": pair.now.status if pair.now else None,
                "still_valid": pair.still_valid,
            }
            for pair in diff.checks
        ]
        if shown
        else None,
    }
