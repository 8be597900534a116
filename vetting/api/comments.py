"""Internal comments through the API: the threads of a submission, a reference check and a
decision (for the buyer's people who may read them: the same rules as the pages, blind
review included), one's own comments edited or removed, and one's @mentions."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from vetting import access, services
from vetting.access import REFUSALS, can
from vetting.api.common import JsonBodies, body
from vetting.api.decisions import visible_decisions
from vetting.api.filters import FilterSet, StrictBooleanFilter
from vetting.api.forms import as_form_data, validated
from vetting.forms import CommentForm
from vetting.models import Comment, Mention, ReferenceCheck, User
from vetting.services.comments import MentionRefused, Target, thread_of


class CommentSerializer(serializers.ModelSerializer):
    thread = serializers.CharField(
        source="kind", read_only=True, help_text="submission, check or decision."
    )
    author_name = serializers.CharField(source="author.display_name", read_only=True)
    body = serializers.SerializerMethodField(help_text="Null once its author removed it.")
    removed = serializers.BooleanField(source="is_removed", read_only=True)
    mentions = serializers.SerializerMethodField(help_text="The ids of the people it mentions.")

    def get_body(self, comment: Comment) -> str | None:
        return None if comment.is_removed else comment.body

    def get_mentions(self, comment: Comment) -> list[int]:
        return [mention.user_id for mention in comment.mention_rows.all()]

    class Meta:
        model = Comment
        fields = [
            "id",
            "thread",
            "submission",
            "reference_check",
            "decision",
            "author",
            "author_name",
            "body",
            "mentions",
            "created_at",
            "edited_at",
            "removed",
            "removed_at",
            "version",
        ]
        read_only_fields = fields


CommentInput = inline_serializer(
    "CommentInput",
    {
        "body": serializers.CharField(
            max_length=4000,
            help_text="The text. Mention someone with @ and their full name or email address "
            "(only people who may read the thread: anyone else is a 400 on `body`); each "
            "is emailed once.",
        ),
    },
)
CommentEdit = inline_serializer(
    "CommentEdit",
    {
        "body": serializers.CharField(max_length=4000),
        "version": serializers.IntegerField(
            required=False,
            help_text="The version you read: a comment changed meanwhile is refused with 409. "
            "Omit it to skip the check.",
        ),
    },
)


def _comments() -> QuerySet[Comment]:
    return Comment.objects.select_related("author").prefetch_related(
        Prefetch("mention_rows", queryset=Mention.objects.order_by("pk"))
    )


def _mention_errors(exc: MentionRefused) -> serializers.ValidationError:
    return serializers.ValidationError({"body": exc.problems})


class _ThreadView(JsonBodies, GenericAPIView):
    """A thread: read by whoever may read it (403 for one who sees the object but not its
    comments, such as a reviewer before their review), written in by the same people."""

    serializer_class = CommentSerializer
    pagination_class = None
    filter_backends: list = []

    def target(self) -> Target:
        raise NotImplementedError  # each thread's view says which object

    def _readable(self) -> Target:
        target = self.target()
        perm = thread_of(target).perm
        if not can(self.request.user, perm, target):
            raise PermissionDenied(REFUSALS[perm])
        return target

    def _list(self) -> Response:
        target = self._readable()
        thread = thread_of(target)
        comments = _comments()
        if thread.check is not None:
            comments = comments.on_check(thread.check)
        elif thread.decision is not None:
            comments = comments.on_decision(thread.decision)
        else:
            comments = comments.on_submission(thread.submission)
        return Response(CommentSerializer(comments, many=True).data)

    def _post(self, request: Request) -> Response:
        target = self._readable()
        cleaned = validated(CommentForm(as_form_data(body(request))))
        try:
            comment = services.comment_post(target=target, by=request.user, body=cleaned["body"])
        except MentionRefused as exc:
            raise _mention_errors(exc) from exc
        fresh = _comments().get(pk=comment.pk)
        return Response(CommentSerializer(fresh).data, status=status.HTTP_201_CREATED)


class SubmissionCommentsView(_ThreadView):
    def target(self) -> Target:
        submission = (
            access.buyer_submissions(self.request.user)
            .select_related("engagement", "consultant")
            .filter(pk=self.kwargs["submission_pk"])
            .first()
        )
        if submission is None:
            raise NotFound(_("No such submission."))
        return submission

    @extend_schema(responses={200: CommentSerializer(many=True)})
    def get(self, request: Request, submission_pk: int) -> Response:
        """The submission's internal thread, oldest first (removed comments without their
        text)."""
        return self._list()

    @extend_schema(request=CommentInput, responses={201: CommentSerializer})
    def post(self, request: Request, submission_pk: int) -> Response:
        """Comment on the submission."""
        return self._post(request)


class CheckCommentsView(_ThreadView):
    def target(self) -> Target:
        check = (
            ReferenceCheck.objects.for_user(self.request.user)
            .select_related("submission__engagement", "submission__consultant")
            .filter(pk=self.kwargs["check_pk"])
            .first()
        )
        if check is None:
            raise NotFound(_("No such reference check."))
        return check

    @extend_schema(responses={200: CommentSerializer(many=True)})
    def get(self, request: Request, check_pk: int) -> Response:
        """The reference check's internal thread, oldest first."""
        return self._list()

    @extend_schema(request=CommentInput, responses={201: CommentSerializer})
    def post(self, request: Request, check_pk: int) -> Response:
        """Comment on the reference check."""
        return self._post(request)


class DecisionCommentsView(_ThreadView):
    def target(self) -> Target:
        decision = (
            visible_decisions(self.request.user)
            .select_related("submission__engagement", "submission__consultant")
            .filter(pk=self.kwargs["decision_pk"])
            .first()
        )
        if decision is None:
            raise NotFound(_("No such decision."))
        return decision

    @extend_schema(responses={200: CommentSerializer(many=True)})
    def get(self, request: Request, decision_pk: int) -> Response:
        """The decision's internal thread, oldest first."""
        return self._list()

    @extend_schema(request=CommentInput, responses={201: CommentSerializer})
    def post(self, request: Request, decision_pk: int) -> Response:
        """Comment on the decision."""
        return self._post(request)


class CommentViewSet(
    JsonBodies,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """One internal comment: read where its thread may be read; edited or removed by its
    author."""

    serializer_class = CommentSerializer
    filter_backends: list = []
    http_method_names = ["get", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[Comment]:
        return (
            _comments()
            .for_user(self.request.user)
            .select_related(
                "submission__engagement", "submission__consultant", "reference_check", "decision"
            )
        )

    @extend_schema(request=CommentEdit, responses={200: CommentSerializer})
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change your comment's text (the earlier text is kept in its history). Removed
        comments are not edited (409)."""
        comment = self.get_object()
        access.require(request.user, "vetting.change_comment", comment)
        cleaned = validated(CommentForm(as_form_data(body(request))))
        try:
            services.comment_edit(
                comment=comment,
                by=request.user,
                body=cleaned["body"],
                expected_version=cleaned.get("version"),
            )
        except MentionRefused as exc:
            raise _mention_errors(exc) from exc
        return Response(CommentSerializer(self.get_queryset().get(pk=comment.pk)).data)

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Remove your comment: the thread keeps a "removed" entry without its text."""
        comment = self.get_object()
        services.comment_remove(comment=comment, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MentionSerializer(serializers.ModelSerializer):
    comment = CommentSerializer(read_only=True)
    read = serializers.SerializerMethodField()

    def get_read(self, mention: Mention) -> bool:
        return mention.read_at is not None

    class Meta:
        model = Mention
        fields = ["id", "comment", "created_at", "read", "read_at"]
        read_only_fields = fields


class MentionFilter(FilterSet):
    unread = StrictBooleanFilter(
        field_name="read_at", lookup_expr="isnull", help_text="Only the mentions not read yet."
    )

    class Meta:
        model = Mention
        fields: list[str] = []


class MentionViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Your @mentions in internal comments, newest first (in threads you may still read)."""

    serializer_class = MentionSerializer
    filterset_class = MentionFilter
    ordering_fields: list[str] = []

    def get_queryset(self) -> QuerySet[Mention]:
        user: User = self.request.user
        if not can(user, "vetting.view_mentions"):
            return Mention.objects.none()
        mentions = Mention.objects.for_user(user).select_related("comment__author")
        mentions = mentions.prefetch_related(
            Prefetch("comment__mention_rows", queryset=Mention.objects.order_by("pk"))
        )
        return mentions.order_by("-created_at", "-pk")

    @extend_schema(request=None, responses={200: MentionSerializer})
    @action(detail=True, methods=["post"])
    def read(self, request: Request, pk: str | None = None) -> Response:
        """Mark the mention as read (as opening it on the Mentions page does)."""
        mention = self.get_object()
        services.mention_open(mention=mention, by=request.user)
        return Response(MentionSerializer(self.get_queryset().get(pk=mention.pk)).data)


__all__ = [
    "CheckCommentsView",
    "CommentViewSet",
    "DecisionCommentsView",
    "MentionViewSet",
    "SubmissionCommentsView",
]
