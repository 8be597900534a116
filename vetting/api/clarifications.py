"""Clarification requests: a submission's threads (listed for its panel and its consultant),
asking, replying (and revising), accepting, following up and withdrawing. Input is validated
by the pages' forms; the services decide who may (403) and when (409)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from vetting import services
from vetting.api.forms import as_form_data, validated
from vetting.forms import (
    ClarificationAskForm,
    ClarificationFollowUpForm,
    ClarificationReplyForm,
    ClarificationSettleForm,
)
from vetting.models import Clarification, Submission
from vetting.services.clarifications import clarification_default_due, clarification_subjects

RELATED = ("asked_by", "settled_by", "question", "reference", "reply")


class ReplySerializer(serializers.Serializer):
    text = serializers.CharField(read_only=True)
    version = serializers.IntegerField(
        read_only=True, help_text="1 for the first reply; each revision adds one."
    )
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)


class ClarificationSerializer(serializers.ModelSerializer):
    subject = serializers.CharField(
        source="subject_key",
        read_only=True,
        help_text='What it is about: a question\'s key, "proposal", or "reference:<id>".',
    )
    subject_label = serializers.CharField(read_only=True)
    question = serializers.SlugRelatedField(slug_field="key", read_only=True)
    asked_by_name = serializers.CharField(source="asked_by.display_name", read_only=True)
    thread = serializers.IntegerField(
        source="thread_id", read_only=True, help_text="The thread's first request."
    )
    reply = serializers.SerializerMethodField()

    @extend_schema(responses=ReplySerializer)
    def get_reply(self, clarification: Clarification) -> dict[str, Any] | None:
        reply = clarification.reply if _has_reply(clarification) else None
        return ReplySerializer(reply).data if reply is not None else None

    class Meta:
        model = Clarification
        fields = [
            "id",
            "submission",
            "thread",
            "follow_up_of",
            "about",
            "subject",
            "subject_label",
            "question",
            "reference",
            "asked_by",
            "asked_by_name",
            "text",
            "due_on",
            "status",
            "reply",
            "settled_by",
            "settled_at",
            "created_at",
            "version",
        ]
        read_only_fields = fields


def _has_reply(clarification: Clarification) -> bool:
    try:
        return clarification.reply is not None
    except Clarification.reply.RelatedObjectDoesNotExist:
        return False


AskInput = inline_serializer(
    "ClarificationAskInput",
    {
        "subject": serializers.CharField(
            help_text='A question\'s key, "proposal" (where you see the price) or '
            '"reference:<id>" (one of the references offered for this round).'
        ),
        "text": serializers.CharField(max_length=2000),
        "due_on": serializers.DateField(
            required=False, help_text="Reply by this day; five days from today if omitted."
        ),
    },
)
ReplyInput = inline_serializer(
    "ClarificationReplyInput",
    {
        "text": serializers.CharField(max_length=4000),
        "version": serializers.IntegerField(
            required=False,
            help_text="The reply's version you read, 0 for a first reply: a reply changed "
            "meanwhile is refused with 409. Omit it to skip the check.",
        ),
    },
)
FollowUpInput = inline_serializer(
    "ClarificationFollowUpInput",
    {
        "text": serializers.CharField(max_length=2000),
        "due_on": serializers.DateField(required=False),
        "version": serializers.IntegerField(required=False),
    },
)
SettleInput = inline_serializer(
    "ClarificationSettleInput",
    {
        "version": serializers.IntegerField(
            required=False,
            help_text="The request's version you read: one changed meanwhile (a new reply) "
            "is refused with 409.",
        )
    },
)


def _with_due(data: Any) -> dict[str, Any]:
    found = dict(data)
    found.setdefault("due_on", clarification_default_due().isoformat())
    return found


class SubmissionClarificationsView(GenericAPIView):
    """A submission's clarification requests: for its round's owner, panel and staff, and
    its consultant (one about the proposal only where the price is shown). Never a rating."""

    serializer_class = ClarificationSerializer
    pagination_class = None
    filter_backends: list = []

    def _submission(self) -> Submission:
        submission = (
            Submission.objects.for_user(self.request.user)
            .select_related("engagement", "consultant")
            .filter(pk=self.kwargs["submission_pk"])
            .first()
        )
        if submission is None:
            raise NotFound(_("No such submission."))
        return submission

    @extend_schema(responses={200: ClarificationSerializer(many=True)})
    def get(self, request: Request, submission_pk: int) -> Response:
        """Every request you may read, oldest first (a thread's follow-ups name the request
        they follow)."""
        submission = self._submission()
        found = (
            Clarification.objects.for_user(request.user)
            .filter(submission=submission)
            .select_related(*RELATED)
            .order_by("created_at", "pk")
        )
        return Response(ClarificationSerializer(found, many=True).data)

    @extend_schema(request=AskInput, responses={201: ClarificationSerializer})
    def post(self, request: Request, submission_pk: int) -> Response:
        """Ask the consultant to clarify an answer, a reference's claim or the proposal (the
        round's owner and panel): they are emailed, and reminded before `due_on`."""
        submission = self._submission()
        form = ClarificationAskForm(
            as_form_data(_with_due(request.data)), subjects=clarification_subjects(submission)
        )
        data = validated(form)
        clarification = services.clarification_ask(
            submission=submission,
            by=request.user,
            subject=data["subject"],
            text=data["text"],
            due_on=data["due_on"],
        )
        return Response(ClarificationSerializer(clarification).data, status=status.HTTP_201_CREATED)


class ClarificationViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """One clarification request, and what its consultant and its panel do with it."""

    serializer_class = ClarificationSerializer
    pagination_class = None
    filter_backends: list = []

    def get_queryset(self) -> QuerySet[Clarification]:
        return (
            Clarification.objects.for_user(self.request.user)
            .select_related(*RELATED, "submission__engagement", "submission__consultant")
            .order_by("pk")
        )

    def _answer(self, clarification: Clarification, code: int = 200) -> Response:
        fresh = self.get_queryset().get(pk=clarification.pk)
        return Response(ClarificationSerializer(fresh).data, status=code)

    @extend_schema(request=ReplyInput, responses={200: ClarificationSerializer})
    @action(detail=True, methods=["post"])
    def reply(self, request: Request, pk: int) -> Response:
        """The consultant replies, or revises the reply, until the request is settled."""
        clarification = self.get_object()
        data = validated(ClarificationReplyForm(as_form_data(request.data)))
        services.clarification_reply(
            clarification=clarification, by=request.user, text=data["text"], version=data["version"]
        )
        return self._answer(clarification)

    @extend_schema(request=SettleInput, responses={200: ClarificationSerializer})
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: int) -> Response:
        """Who asked (or the round's owner) accepts the reply: it then counts in the score,
        which is recomputed."""
        clarification = self.get_object()
        data = validated(ClarificationSettleForm(as_form_data(request.data)))
        services.clarification_accept(
            clarification=clarification, by=request.user, version=data["version"]
        )
        return self._answer(clarification)

    @extend_schema(request=FollowUpInput, responses={201: ClarificationSerializer})
    @action(detail=True, methods=["post"], url_path="follow-up")
    def follow_up(self, request: Request, pk: int) -> Response:
        """Ask again in the same thread: the new request (201)."""
        clarification = self.get_object()
        data = validated(ClarificationFollowUpForm(as_form_data(_with_due(request.data))))
        follow_up = services.clarification_follow_up(
            clarification=clarification,
            by=request.user,
            text=data["text"],
            due_on=data["due_on"],
            version=data["version"],
        )
        return self._answer(follow_up, status.HTTP_201_CREATED)

    @extend_schema(request=SettleInput, responses={200: ClarificationSerializer})
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: int) -> Response:
        """Who asked (or the round's owner) withdraws a request still open or answered."""
        clarification = self.get_object()
        data = validated(ClarificationSettleForm(as_form_data(request.data)))
        services.clarification_withdraw(
            clarification=clarification, by=request.user, version=data["version"]
        )
        return self._answer(clarification)
