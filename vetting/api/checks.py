"""Reference checks: the owner requests them and chooses the channel, managers make the
calls and record them. Consultants see none (every check is a 404 for them). The referee's
own form is in referee.py, the flags the checks raise in flags.py."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from consultants.models import Relationship
from vetting import services
from vetting.access import can, require, with_results_shown
from vetting.api.common import (
    IdFilter,
    JsonBodies,
    as_choice,
    body,
    dict_of,
    validated_nested,
)
from vetting.api.flags import FlagSerializer
from vetting.api.forms import as_form_data, validated
from vetting.api.pagination import PageOrCursorPagination
from vetting.forms import (
    AttemptForm,
    CallRecordForm,
    ChannelForm,
    CheckRequestForm,
    ReviewNotesForm,
)
from vetting.models import (
    CallAttempt,
    CallOutcome,
    Channel,
    CheckStatus,
    Flag,
    HireAgain,
    ReferenceCheck,
    Submission,
    Verdict,
)
from vetting.services.references import ANSWER_FIELDS, claimed_accomplishments


class CallAttemptSerializer(serializers.ModelSerializer):
    class Meta:
        model = CallAttempt
        fields = ["id", "at", "by", "outcome", "note"]
        read_only_fields = fields


class ReferenceCheckSerializer(serializers.ModelSerializer):
    engagement = serializers.IntegerField(source="submission.engagement_id", read_only=True)
    consultant_name = serializers.CharField(source="submission.consultant.name", read_only=True)
    is_overdue = serializers.BooleanField(read_only=True)
    # Declared, because a read-only model field loses `allow_blank` (empty until answered).
    relationship = serializers.ChoiceField(
        choices=Relationship.choices, allow_blank=True, read_only=True
    )
    would_hire_again = serializers.ChoiceField(
        choices=HireAgain.choices, allow_blank=True, read_only=True
    )
    attempts = CallAttemptSerializer(many=True, read_only=True)
    flags = FlagSerializer(many=True, read_only=True)
    results_shown = serializers.SerializerMethodField(
        help_text="False while reviews are blind for you: what the referee said, the call "
        "notes and the flags are then left out (null or empty), whatever they are."
    )

    class Meta:
        model = ReferenceCheck
        fields = [
            "id",
            "submission",
            "engagement",
            "consultant_name",
            "reference",
            "referee_name",
            "referee_email",
            "referee_phone",
            "referee_company",
            "referee_role",
            "claimed_relationship",
            "claimed_from",
            "claimed_to",
            "claimed_confirm",
            "channel",
            "status",
            "is_overdue",
            "requested_by",
            "requested_at",
            "due_at",
            "phone_fallback_at",
            "sent_at",
            "token_expires_at",
            "assigned_to",
            "claimed_at",
            "call_notes",
            "recorded_by",
            "notes_reviewed_by",
            "notes_reviewed_at",
            "notes_review_comment",
            *ANSWER_FIELDS,
            "decline_reason",
            "completed_at",
            "version",
            "attempts",
            "flags",
            "results_shown",
        ]
        read_only_fields = fields

    def get_results_shown(self, check: ReferenceCheck) -> bool:
        annotated = getattr(check, "results_shown", None)  # `access.with_results_shown`
        if annotated is not None:
            return bool(annotated)
        request = self.context.get("request")
        return request is None or can(request.user, "vetting.view_check_results", check)

    def to_representation(self, check: ReferenceCheck) -> dict[str, Any]:
        data = super().to_representation(check)
        if not data["results_shown"]:
            # Blind review: the same output whatever the referee said.
            for name in (*ANSWER_FIELDS, "call_notes", "notes_review_comment"):
                data[name] = None
            data["flags"] = []
        return data


_RATING = {"min_value": 1, "max_value": 5}
ANSWER_FIELDS: dict[str, serializers.Field] = {
    "relationship_confirmed": serializers.BooleanField(),
    "relationship": serializers.ChoiceField(
        choices=Relationship.choices,
        required=False,
        help_text="Defaults to the relationship the consultant claimed.",
    ),
    "period_from": serializers.DateField(
        required=False, help_text="Defaults to the start the consultant claimed."
    ),
    "period_to": serializers.DateField(
        required=False, allow_null=True, help_text="Defaults to the end the consultant claimed."
    ),
    "verdicts": serializers.DictField(
        child=serializers.ChoiceField(choices=Verdict.choices),
        required=False,
        help_text="Accomplishment index (see `accomplishments`) to verdict; one for each.",
    ),
    "rating_relationships": serializers.IntegerField(**_RATING),
    "rating_honesty": serializers.IntegerField(**_RATING),
    "rating_results": serializers.IntegerField(**_RATING),
    "would_hire_again": serializers.ChoiceField(choices=HireAgain.choices),
    "strengths": serializers.CharField(required=False, allow_blank=True),
    "concerns": serializers.CharField(required=False, allow_blank=True),
}
RecordCallInput = inline_serializer(
    "RecordCallInput",
    {
        **ANSWER_FIELDS,
        "call_notes": serializers.CharField(),
        "version": serializers.IntegerField(required=False),
    },
)
CheckRequestInput = inline_serializer(
    "CheckRequestInput",
    {
        "reference": serializers.IntegerField(help_text="One of the consultant's references."),
        "channel": serializers.ChoiceField(choices=Channel.choices),
    },
)
AttemptInput = inline_serializer(
    "AttemptInput",
    {
        "outcome": serializers.ChoiceField(choices=CallOutcome.choices),
        "note": serializers.CharField(required=False, allow_blank=True, max_length=300),
    },
)
CommentInput = inline_serializer("ReviewNotesInput", {"comment": serializers.CharField()})
ChannelInput = inline_serializer(
    "ChannelInput", {"channel": serializers.ChoiceField(choices=Channel.choices)}
)


def answers_form_data(check: ReferenceCheck, data: dict[str, Any], claims: list) -> dict[str, Any]:
    """JSON answers as the referee form's fields: a boolean for the yes/no question, the
    verdicts as one field per accomplishment, and the claimed relationship and period where
    none is given (the page's form starts from them too)."""
    verdicts = dict_of(data, "verdicts", [str(index) for index, _claim in claims])
    fields = {k: v for k, v in data.items() if k not in ("verdicts", "decline", "decline_reason")}
    as_choice(fields, "relationship_confirmed")
    fields.setdefault("relationship", check.claimed_relationship)
    fields.setdefault("period_from", check.claimed_from.isoformat())
    if "period_to" not in fields and check.claimed_to:
        fields["period_to"] = check.claimed_to.isoformat()
    fields.update({f"verdict_{index}": verdict for index, verdict in verdicts.items()})
    return fields


ANSWER_GROUPS = {"verdict_": "verdicts"}


class CheckFilter(django_filters.FilterSet):
    engagement = IdFilter(field_name="submission__engagement")
    status = django_filters.ChoiceFilter(choices=CheckStatus.choices)
    channel = django_filters.ChoiceFilter(choices=Channel.choices)

    class Meta:
        model = ReferenceCheck
        fields = ["submission", "engagement", "status", "channel", "assigned_to"]


class ReferenceCheckViewSet(
    JsonBodies, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Managers see every check; owners and reviewers their engagements' checks."""

    serializer_class = ReferenceCheckSerializer
    filterset_class = CheckFilter
    search_fields = ["referee_name", "referee_company", "submission__consultant__name"]
    ordering_fields = ["due_at", "requested_at", "completed_at", "status"]
    ordering = ["due_at", "pk"]
    pagination_class = PageOrCursorPagination

    def get_queryset(self) -> QuerySet[ReferenceCheck]:
        checks = ReferenceCheck.objects.for_user(self.request.user)
        return (
            with_results_shown(self.request.user, checks)
            .select_related("submission__consultant")
            .prefetch_related("attempts", Prefetch("flags", queryset=Flag.objects.order_by("pk")))
        )

    def _respond(self, check: ReferenceCheck, code: int = status.HTTP_200_OK) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=check.pk)).data, code)

    def _call(self, request: Request, service: Any) -> Response:
        check = self.get_object()
        require(request.user, "vetting.run_calls")
        return self._respond(service(check=check, by=request.user))

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def claim(self, request: Request, pk: str | None = None) -> Response:
        """Take a call from the queue (managers)."""
        return self._call(request, services.call_claim)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def release(self, request: Request, pk: str | None = None) -> Response:
        """Put a call you claimed back in the queue."""
        return self._call(request, services.call_release)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def unreachable(self, request: Request, pk: str | None = None) -> Response:
        """Close a claimed call as unreachable after enough failed attempts."""
        return self._call(request, services.call_close_unreachable)

    @extend_schema(request=AttemptInput, responses={201: CallAttemptSerializer})
    @action(detail=True, methods=["post"])
    def attempts(self, request: Request, pk: str | None = None) -> Response:
        """Log one attempt to reach the referee on a call you claimed."""
        check = self.get_object()
        require(request.user, "vetting.run_calls")
        cleaned = validated(AttemptForm(as_form_data(body(request))))
        attempt = services.call_log_attempt(
            check=check, by=request.user, outcome=cleaned["outcome"], note=cleaned["note"]
        )
        return Response(CallAttemptSerializer(attempt).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=RecordCallInput)
    @action(detail=True, methods=["post"], url_path="record-call")
    def record_call(self, request: Request, pk: str | None = None) -> Response:
        """Record what the referee said on a call you claimed: the web form's answers plus
        your notes. Another manager or the owner then reviews the notes."""
        check = self.get_object()
        require(request.user, "vetting.run_calls")
        claims = claimed_accomplishments(check)
        fields = answers_form_data(check, body(request), claims)
        form = CallRecordForm(as_form_data(fields), check=check, claims=claims)
        cleaned = validated_nested(form, ANSWER_GROUPS)
        services.call_record(
            check=check,
            by=request.user,
            data=cleaned,
            notes=cleaned["call_notes"],
            expected_version=cleaned.get("version"),
        )
        return self._respond(check)

    @extend_schema(request=CommentInput)
    @action(detail=True, methods=["post"], url_path="review-notes")
    def review_notes(self, request: Request, pk: str | None = None) -> Response:
        """Confirm you read the call notes (another manager, or the owner)."""
        check = self.get_object()
        require(
            request.user,
            "vetting.review_call_notes",
            check,
            _("Call notes are reviewed by a manager or the owner."),
        )
        cleaned = validated(ReviewNotesForm(as_form_data(body(request))))
        services.call_review_notes(check=check, by=request.user, comment=cleaned["comment"])
        return self._respond(check)

    @extend_schema(request=ChannelInput)
    @action(detail=True, methods=["post"])
    def channel(self, request: Request, pk: str | None = None) -> Response:
        """The owner switches between the web form and a phone call."""
        check = self.get_object()
        require(
            request.user,
            "vetting.request_check",
            check.submission,
            _("Only the engagement's owner chooses how a reference is checked."),
        )
        cleaned = validated(ChannelForm(as_form_data(body(request))))
        services.check_set_channel(check=check, by=request.user, channel=cleaned["channel"])
        return self._respond(check)


def request_check(request: Request, submission: Submission) -> Response:
    """POST /submissions/{id}/reference-checks/ (the owner)."""
    require(request.user, "vetting.request_check", submission)
    form = CheckRequestForm(
        as_form_data(body(request)), references=submission.consultant.references.all()
    )
    cleaned = validated(form)
    check = services.check_request(
        submission=submission,
        reference=cleaned["reference"],
        by=request.user,
        channel=cleaned["channel"],
    )
    fresh = (
        ReferenceCheck.objects.select_related("submission__consultant")
        .prefetch_related("attempts", "flags")
        .get(pk=check.pk)
    )
    return Response(ReferenceCheckSerializer(fresh).data, status=status.HTTP_201_CREATED)
