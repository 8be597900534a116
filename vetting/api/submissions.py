"""Submissions: the consultant saves answers as drafts, offers references, submits or
withdraws; the buyer side reads them. A submission's review and its reference checks start
here too (their logic lives in reviews.py and checks.py)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from consultants.models import Reference
from vetting import services
from vetting.access import require
from vetting.api import checks, reviews
from vetting.api.caching import RoundListCache
from vetting.api.common import JsonBodies, body, fits_an_id
from vetting.api.pagination import PageOrCursorPagination
from vetting.concurrency import NONE_YET, StaleVersionError
from vetting.http import client_fingerprint
from vetting.models import Answer, QuestionKind, Submission, SubmissionStatus
from vetting.selectors import with_progress


class AnswerSerializer(serializers.Serializer):
    value = serializers.JSONField(
        allow_null=True,
        help_text="By the question's kind: `number` a whole number; `text` and `short_text` "
        "a text; `single_choice` an option's key; `multiple_choice` a list of option keys; "
        '`yes_no` true or false ("yes"/"no" are taken too); `date` an ISO date '
        "(YYYY-MM-DD); `url` a web address; `file` a list of evidence file ids (attached "
        "first: /submissions/{id}/evidence-files/); `accomplishments` a list of objects with area, "
        "what, result, evidence_url, reference and optionally files (ids of evidence files "
        "uploaded to /submissions/{id}/evidence-files/ for this question).",
    )
    complete = serializers.BooleanField(help_text="Meets every limit of its question.")
    version = serializers.IntegerField(
        help_text="Send it back when you save this answer (0: not answered yet): an answer "
        "saved meanwhile by someone else is then refused with 409 instead of replaced."
    )


class SubmissionSerializer(serializers.ModelSerializer):
    engagement_title = serializers.CharField(source="engagement.title", read_only=True)
    consultant_name = serializers.CharField(source="consultant.name", read_only=True)
    locked = serializers.BooleanField(
        source="is_locked", read_only=True, help_text="Submitted, withdrawn or decided."
    )
    answered = serializers.IntegerField(read_only=True, help_text="Complete answers.")
    question_total = serializers.IntegerField(read_only=True)
    chosen_references = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Submission
        fields = [
            "id",
            "engagement",
            "engagement_title",
            "consultant",
            "consultant_name",
            "status",
            "locked",
            "answered",
            "question_total",
            "chosen_references",
            "invited_at",
            "started_at",
            "submitted_at",
            "withdrawn_at",
            "updated_at",
        ]
        read_only_fields = fields


class SubmissionDetailSerializer(SubmissionSerializer):
    answers = serializers.SerializerMethodField(
        help_text="Every question of the questionnaire by key, answered or not."
    )

    class Meta(SubmissionSerializer.Meta):
        fields = [*SubmissionSerializer.Meta.fields, "answers"]
        read_only_fields = fields

    @extend_schema_field(serializers.DictField(child=AnswerSerializer()))
    def get_answers(self, submission: Submission) -> dict[str, dict[str, Any]]:
        answers = {a.question_id: a for a in submission.answers.all()}
        result = {}
        for question in submission.engagement.questionnaire.questions.all():
            answer = answers.get(question.pk)
            result[question.key] = {
                "value": answer.value if answer else None,
                "complete": bool(answer and answer.is_complete),
                "version": answer.version if answer else NONE_YET,
            }
        return result


SavedAnswer = inline_serializer(
    "SavedAnswer",
    {
        "key": serializers.CharField(),
        "value": serializers.JSONField(allow_null=True),
        "complete": serializers.BooleanField(),
        "errors": serializers.ListField(child=serializers.CharField()),
        "item_errors": serializers.ListField(
            child=serializers.DictField(child=serializers.CharField()),
            help_text="Accomplishments: per item, field to message.",
        ),
        "version": serializers.IntegerField(help_text="The answer's version now: send it next."),
    },
)
AnswerInput = inline_serializer(
    "AnswerInput",
    {
        "value": serializers.JSONField(allow_null=True, required=False),
        "version": serializers.IntegerField(
            required=False,
            min_value=0,
            help_text="The answer's version you read (0: not answered yet). If it was saved "
            "since, nothing is replaced: 409 with the answer as saved now (`current`). Omit "
            "it to save regardless.",
        ),
    },
)
StaleAnswer = inline_serializer(
    "StaleAnswer",
    {
        "detail": serializers.CharField(),
        "current_version": serializers.IntegerField(),
        "current": AnswerSerializer(help_text="The answer as saved now."),
    },
)
ReferencesInput = inline_serializer(
    "ChosenReferences",
    {
        "references": serializers.ListField(
            child=serializers.IntegerField(),
            help_text="Ids of references on your profile this engagement may check.",
        )
    },
)
NotReadyResponse = inline_serializer(
    "NotReady",
    {
        "detail": serializers.CharField(),
        "problems": serializers.ListField(child=serializers.CharField()),
    },
)


class SubmissionFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=SubmissionStatus.choices)

    class Meta:
        model = Submission
        fields = ["engagement", "status", "consultant"]


def _raw_value(kind: str, value: Any) -> Any:
    """The answer as the question's kind takes it; a wrong JSON type is a 400."""
    if kind == QuestionKind.ACCOMPLISHMENTS:
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(i, dict) for i in value):
            raise serializers.ValidationError({"value": [_("Give a list of accomplishments.")]})
        if len(value) > 50:
            raise serializers.ValidationError({"value": [_("Give 50 accomplishments at most.")]})
        return value
    if kind == QuestionKind.FILE:
        if value is None:
            return []
        if not isinstance(value, list) or not all(
            isinstance(v, int) and not isinstance(v, bool) for v in value
        ):
            raise serializers.ValidationError({"value": [_("Give a list of evidence file ids.")]})
        return value[:100]
    if kind == QuestionKind.MULTIPLE_CHOICE:
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise serializers.ValidationError({"value": [_("Give a list of the options' keys.")]})
        if len(value) > 100:
            raise serializers.ValidationError({"value": [_("Give 100 options at most.")]})
        return value
    if value is None:
        return ""
    if kind == QuestionKind.YES_NO and isinstance(value, bool):
        return value
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise serializers.ValidationError({"value": [_("Give a text or a whole number.")]})
    return value


def _version(value: Any) -> int | None:
    """The answer's version a client read: a whole number from 0, or absent."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**31:
        raise serializers.ValidationError({"version": [_("Give the version you read, from 0.")]})
    return value


def _has_null_character(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list):
        return any(_has_null_character(v) for v in value)
    if isinstance(value, dict):
        return any(_has_null_character(k) or _has_null_character(v) for k, v in value.items())
    return False


class SubmissionViewSet(
    RoundListCache,
    JsonBodies,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """A consultant's own submissions (once the round is open) and every submission of the
    engagements the user runs or reviews."""

    filterset_class = SubmissionFilter
    pagination_class = PageOrCursorPagination
    search_fields = ["consultant__name"]
    ordering_fields = ["invited_at", "submitted_at", "updated_at", "status", "consultant__name"]
    ordering = ["engagement", "consultant__name", "pk"]

    def get_queryset(self) -> QuerySet[Submission]:
        queryset = (
            Submission.objects.for_user(self.request.user)
            .select_related("engagement", "consultant")
            .prefetch_related(
                Prefetch("chosen_references", queryset=Reference.objects.only("pk", "consultant"))
            )
        )
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                "engagement__questionnaire__questions",
                Prefetch("answers", queryset=Answer.objects.order_by()),
            )
        return with_progress(queryset)

    def get_serializer_class(self) -> type[serializers.Serializer]:
        return SubmissionDetailSerializer if self.action == "retrieve" else SubmissionSerializer

    def _own(self) -> Submission:
        submission = self.get_object()
        require(self.request.user, "vetting.answer_submission", submission)
        return submission

    def _respond(self, submission: Submission) -> Response:
        fresh = self.get_queryset().get(pk=submission.pk)
        return Response(SubmissionSerializer(fresh).data)

    @extend_schema(request=AnswerInput, responses={200: SavedAnswer, 409: StaleAnswer})
    @action(detail=True, methods=["put", "post"], url_path=r"answers/(?P<key>[-\w]+)")
    def answer(self, request: Request, pk: str | None = None, key: str = "") -> Response:
        """Save one answer as typed (a draft): the reply says whether it is complete and, if
        not, what to fix. Submitting checks every answer again. With the `version` you read,
        an answer saved since (another tab, another client) is not replaced: 409 with both
        its current value and version, to save again over it on purpose or to keep it."""
        submission = self._own()
        question = submission.engagement.questionnaire.questions.filter(key=key).first()
        if question is None:
            raise NotFound(_("No such question in this questionnaire."))
        value = body(request).get("value")
        if _has_null_character(value):
            raise serializers.ValidationError({"value": [_("Null characters are not allowed.")]})
        raw = _raw_value(question.kind, value)
        version = _version(body(request).get("version"))
        ip, agent = client_fingerprint(request)
        services.record_fingerprint(submission=submission, ip=ip, user_agent=agent)
        try:
            answer, checked = services.answer_save(
                submission=submission,
                by=request.user,
                question=question,
                raw=raw,
                expected_version=version,
            )
        except StaleVersionError as exc:
            current = exc.current
            return Response(
                {
                    "detail": exc.message,
                    "current_version": exc.current_version,
                    "current": {
                        "value": current.value if current else None,
                        "complete": bool(current and current.is_complete),
                        "version": exc.current_version,
                    },
                },
                status=status.HTTP_409_CONFLICT,
            )
        return Response(
            {
                "key": question.key,
                "value": checked.value,
                "complete": checked.complete,
                "errors": checked.errors,
                "item_errors": checked.item_errors,
                "version": answer.version,
            }
        )

    @extend_schema(request=None, responses={200: SubmissionSerializer, 400: NotReadyResponse})
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        """Lock the answers and hand them to the buyer. Not ready: 400 with the problems."""
        submission = self._own()
        ip, agent = client_fingerprint(request)
        services.record_fingerprint(submission=submission, ip=ip, user_agent=agent)
        return self._respond(services.submission_submit(submission=submission, by=request.user))

    @extend_schema(request=None, responses={200: SubmissionSerializer})
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        submission = self._own()
        return self._respond(services.submission_withdraw(submission=submission, by=request.user))

    @extend_schema(request=ReferencesInput, responses={200: SubmissionSerializer})
    @action(detail=True, methods=["post"])
    def references(self, request: Request, pk: str | None = None) -> Response:
        """Choose which of your references this engagement may check (replaces the choice)."""
        submission = self._own()
        wanted = body(request).get("references")
        if not isinstance(wanted, list) or not all(
            isinstance(i, int) and not isinstance(i, bool) for i in wanted
        ):
            raise serializers.ValidationError({"references": [_("Give a list of reference ids.")]})
        ids = [i for i in wanted if fits_an_id(i)]  # beyond a database integer: unknown
        found = list(submission.consultant.references.filter(pk__in=ids))
        unknown = sorted(set(wanted) - {r.pk for r in found})
        if unknown:
            raise serializers.ValidationError(
                {
                    "references": [
                        _("Not one of your references: %(ids)s.")
                        % {"ids": ", ".join(map(str, unknown))}
                    ]
                }
            )
        services.references_choose(submission=submission, by=request.user, references=found)
        return self._respond(submission)

    @extend_schema(
        request=None,
        responses={200: reviews.ReviewSerializer, 201: reviews.ReviewSerializer},
    )
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: str | None = None) -> Response:
        """Your own review of this submission, started if need be (owner and assigned
        reviewers). Declare any conflict of interest next."""
        return reviews.start(request, self.get_object())

    @extend_schema(request=reviews.ConsensusInput, responses={200: reviews.ConsensusOutput})
    @action(detail=True, methods=["post"])
    def consensus(self, request: Request, pk: str | None = None) -> Response:
        """The owner records the rating the panel agreed on for one criterion."""
        return reviews.consensus(request, self.get_object())

    @extend_schema(
        request=checks.CheckRequestInput,
        responses={201: checks.ReferenceCheckSerializer},
    )
    @action(detail=True, methods=["post"], url_path="reference-checks")
    def reference_checks(self, request: Request, pk: str | None = None) -> Response:
        """The owner asks for one more of the consultant's references to be checked."""
        return checks.request_check(request, self.get_object())
