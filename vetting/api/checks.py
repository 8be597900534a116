"""Reference checks and their flags: the owner requests and routes them, managers make the
calls, and the referee answers through a private link without an account. Consultants see
none of it (every check and flag is a 404 for them)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, NotFound, PermissionDenied
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from consultants.models import Relationship
from vetting import services
from vetting.api.common import (
    JsonBodies,
    as_choice,
    body,
    dict_of,
    require_owner,
    validated_nested,
)
from vetting.api.forms import as_form_data, validated
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
from vetting.reference_forms import (
    AttemptForm,
    CallRecordForm,
    ChannelForm,
    CheckRequestForm,
    DeclineForm,
    FlagClearForm,
    RefereeForm,
    ReviewNotesForm,
)
from vetting.rules import is_manager, is_staff
from vetting.services.references import claimed_accomplishments
from vetting.tokens import hash_token
from vetting.views.references import client_fingerprint


class Gone(APIException):
    status_code = status.HTTP_410_GONE
    default_detail = "This reference form has already been answered or has expired."
    default_code = "gone"


class CallAttemptSerializer(serializers.ModelSerializer):
    class Meta:
        model = CallAttempt
        fields = ["id", "at", "by", "outcome", "note"]
        read_only_fields = fields


class FlagSerializer(serializers.ModelSerializer):
    class Meta:
        model = Flag
        fields = [
            "id",
            "submission",
            "reference_check",
            "kind",
            "code",
            "severity",
            "message",
            "evidence",
            "hold",
            "created_at",
            "cleared_by",
            "cleared_at",
            "cleared_note",
        ]
        read_only_fields = fields


class ReferenceCheckSerializer(serializers.ModelSerializer):
    engagement = serializers.IntegerField(source="submission.engagement_id", read_only=True)
    consultant_name = serializers.CharField(source="submission.consultant.name", read_only=True)
    is_overdue = serializers.BooleanField(read_only=True)
    attempts = CallAttemptSerializer(many=True, read_only=True)
    flags = FlagSerializer(many=True, read_only=True)

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
            "relationship_confirmed",
            "relationship",
            "period_from",
            "period_to",
            "verdicts",
            "rating_relationships",
            "rating_honesty",
            "rating_results",
            "would_hire_again",
            "strengths",
            "concerns",
            "decline_reason",
            "completed_at",
            "version",
            "attempts",
            "flags",
        ]
        read_only_fields = fields


_RATING = {"min_value": 1, "max_value": 5}
_ANSWER_FIELDS: dict[str, serializers.Field] = {
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
        **_ANSWER_FIELDS,
        "call_notes": serializers.CharField(),
        "version": serializers.IntegerField(required=False),
    },
)
RefereeAnswersInput = inline_serializer(
    "RefereeAnswersInput",
    {
        **_ANSWER_FIELDS,
        "decline": serializers.BooleanField(
            required=False, help_text="True to decline giving a reference (nothing else needed)."
        ),
        "decline_reason": serializers.CharField(required=False, allow_blank=True),
    },
)
RefereeFormOutput = inline_serializer(
    "RefereeForm",
    {
        "referee_name": serializers.CharField(),
        "consultant_name": serializers.CharField(),
        "buyer_name": serializers.CharField(),
        "referee_company": serializers.CharField(),
        "referee_role": serializers.CharField(),
        "claimed_relationship": serializers.ChoiceField(choices=Relationship.choices),
        "claimed_from": serializers.DateField(),
        "claimed_to": serializers.DateField(allow_null=True),
        "accomplishments": inline_serializer(
            "ClaimedAccomplishment",
            {"index": serializers.IntegerField(), "what": serializers.CharField()},
            many=True,
        ),
        "expires_at": serializers.DateTimeField(),
    },
)
RefereeDone = inline_serializer(
    "RefereeDone", {"status": serializers.ChoiceField(choices=["completed", "declined"])}
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
NoteInput = inline_serializer("FlagClearInput", {"note": serializers.CharField()})


def answers_form_data(check: ReferenceCheck, data: dict[str, Any], claims: list) -> dict[str, Any]:
    """JSON answers as the referee form's fields: a boolean for the yes/no question, the
    verdicts as one field per accomplishment, and the claimed relationship and period where
    none is given (the page's form starts from them too)."""
    verdicts = dict_of(data, "verdicts", [str(index) for index, _ in claims])
    fields = {k: v for k, v in data.items() if k not in ("verdicts", "decline", "decline_reason")}
    as_choice(fields, "relationship_confirmed")
    fields.setdefault("relationship", check.claimed_relationship)
    fields.setdefault("period_from", check.claimed_from.isoformat())
    if "period_to" not in fields and check.claimed_to:
        fields["period_to"] = check.claimed_to.isoformat()
    fields.update({f"verdict_{index}": verdict for index, verdict in verdicts.items()})
    return fields


_ANSWER_GROUPS = {"verdict_": "verdicts"}


class CheckFilter(django_filters.FilterSet):
    engagement = django_filters.NumberFilter(field_name="submission__engagement")
    status = django_filters.ChoiceFilter(choices=CheckStatus.choices)
    channel = django_filters.ChoiceFilter(choices=Channel.choices)

    class Meta:
        model = ReferenceCheck
        fields = ["submission", "engagement", "status", "channel", "assigned_to"]


def _require_caller(request: Request) -> None:
    if not (is_manager(request.user) or is_staff(request.user)):
        raise PermissionDenied("Reference calls are made by managers.")


class ReferenceCheckViewSet(
    JsonBodies, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Managers see every check; owners and reviewers their engagements' checks."""

    serializer_class = ReferenceCheckSerializer
    filterset_class = CheckFilter
    search_fields = ["referee_name", "referee_company", "submission__consultant__name"]
    ordering_fields = ["due_at", "requested_at", "completed_at", "status"]
    ordering = ["due_at", "pk"]

    def get_queryset(self) -> QuerySet[ReferenceCheck]:
        return (
            ReferenceCheck.objects.for_user(self.request.user)
            .select_related("submission__consultant")
            .prefetch_related("attempts", Prefetch("flags", queryset=Flag.objects.order_by("pk")))
        )

    def _respond(self, check: ReferenceCheck, code: int = status.HTTP_200_OK) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=check.pk)).data, code)

    def _call(self, request: Request, service: Any) -> Response:
        check = self.get_object()
        _require_caller(request)
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
        _require_caller(request)
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
        _require_caller(request)
        claims = claimed_accomplishments(check)
        fields = answers_form_data(check, body(request), claims)
        form = CallRecordForm(as_form_data(fields), check=check, claims=claims)
        cleaned = validated_nested(form, _ANSWER_GROUPS)
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
        is_owner = check.submission.engagement.owner_id == request.user.pk
        if not (is_manager(request.user) or is_owner or is_staff(request.user)):
            raise PermissionDenied("Call notes are reviewed by a manager or the owner.")
        cleaned = validated(ReviewNotesForm(as_form_data(body(request))))
        services.call_review_notes(check=check, by=request.user, comment=cleaned["comment"])
        return self._respond(check)

    @extend_schema(request=ChannelInput)
    @action(detail=True, methods=["post"])
    def channel(self, request: Request, pk: str | None = None) -> Response:
        """The owner switches between the web form and a phone call."""
        check = self.get_object()
        require_owner(
            request.user,
            check.submission.engagement,
            "Only the engagement's owner chooses how a reference is checked.",
        )
        cleaned = validated(ChannelForm(as_form_data(body(request))))
        services.check_set_channel(check=check, by=request.user, channel=cleaned["channel"])
        return self._respond(check)


def request_check(request: Request, submission: Submission) -> Response:
    """POST /submissions/{id}/reference-checks/ (the owner)."""
    require_owner(
        request.user,
        submission.engagement,
        "Only the engagement's owner requests reference checks.",
    )
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


class FlagFilter(django_filters.FilterSet):
    engagement = django_filters.NumberFilter(field_name="submission__engagement")
    cleared = django_filters.BooleanFilter(
        field_name="cleared_at", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Flag
        fields = ["submission", "engagement", "reference_check", "kind", "severity", "hold"]


class FlagViewSet(
    JsonBodies, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Discrepancies and fraud signals raised by reference checks. A hold blocks
    shortlisting and selecting until a manager clears it."""

    serializer_class = FlagSerializer
    filterset_class = FlagFilter
    ordering_fields = ["created_at", "severity", "cleared_at"]
    ordering = ["-created_at", "pk"]

    def get_queryset(self) -> QuerySet[Flag]:
        return Flag.objects.for_user(self.request.user)

    @extend_schema(request=NoteInput)
    @action(detail=True, methods=["post"])
    def clear(self, request: Request, pk: str | None = None) -> Response:
        """A manager clears a flag, saying why."""
        flag = self.get_object()
        _require_caller(request)
        cleaned = validated(FlagClearForm(as_form_data(body(request))))
        services.flag_clear(flag=flag, by=request.user, note=cleaned["note"])
        return Response(FlagSerializer(Flag.objects.get(pk=flag.pk)).data)


class RefereeFormView(JsonBodies, APIView):
    """The referee's form through the private link from their email: no account. Unknown
    or used links are a 404, expired ones a 410."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "referee"

    def _check(self, token: str) -> ReferenceCheck:
        check = (
            ReferenceCheck.objects.select_related(
                "submission__consultant", "submission__engagement__owner"
            )
            .filter(token_hash=hash_token(token))
            .first()
        )
        if check is None:
            raise NotFound("Unknown reference link, or it was already used.")
        if not check.link_is_usable:
            raise Gone
        return check

    @extend_schema(auth=[], responses={200: RefereeFormOutput})
    def get(self, request: Request, token: str) -> Response:
        """What the consultant claimed about working with the referee."""
        check = self._check(token)
        services.referee_opened(check=check)
        return Response(
            {
                "referee_name": check.referee_name,
                "consultant_name": check.submission.consultant.name,
                "buyer_name": check.submission.engagement.owner.display_name,
                "referee_company": check.referee_company,
                "referee_role": check.referee_role,
                "claimed_relationship": check.claimed_relationship,
                "claimed_from": check.claimed_from,
                "claimed_to": check.claimed_to,
                "accomplishments": [
                    {"index": index, "what": what} for index, what in claimed_accomplishments(check)
                ],
                "expires_at": check.token_expires_at,
            }
        )

    @extend_schema(auth=[], request=RefereeAnswersInput, responses={200: RefereeDone})
    def post(self, request: Request, token: str) -> Response:
        """Send the answers, or `{"decline": true, "decline_reason": "..."}`. Once only."""
        check = self._check(token)
        data = body(request)
        # The clock for "completed too fast" starts at the first request, as on the page.
        services.referee_opened(check=check)
        check.refresh_from_db(fields=["form_opened_at"])
        ip, agent = client_fingerprint(request)
        try:
            if data.get("decline") is True:
                cleaned = validated(DeclineForm(as_form_data(data)))
                services.referee_decline(
                    check=check, reason=cleaned["decline_reason"], ip=ip, user_agent=agent
                )
                return Response({"status": "declined"})
            claims = claimed_accomplishments(check)
            form = RefereeForm(
                as_form_data(answers_form_data(check, data, claims)), check=check, claims=claims
            )
            cleaned = validated_nested(form, _ANSWER_GROUPS)
            services.referee_submit(check=check, data=cleaned, ip=ip, user_agent=agent)
        except services.ServiceError as exc:
            raise Gone from exc
        return Response({"status": "completed"})
