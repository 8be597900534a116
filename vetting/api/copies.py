"""Copied and templated answers: a submission's matches, for whoever sees its score card.
The shared passages (both texts and the shared spans) only where the caller may read the
other side too, in the same organisation; otherwise the share and the date alone."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from vetting.access import can
from vetting.models import Submission
from vetting.selectors.copies import CopyRow, submission_copies


class PassagesSerializer(serializers.Serializer):
    answer_spans = serializers.ListField(
        child=serializers.ListField(child=serializers.IntegerField()),
        help_text="[start, end) offsets of the shared stretches in this answer's text.",
    )
    other_question = serializers.CharField(
        help_text='The other answer\'s question ("" for boilerplate).'
    )
    other_text = serializers.CharField(help_text="The earlier answer, or the boilerplate passage.")
    other_spans = serializers.ListField(
        child=serializers.ListField(child=serializers.IntegerField()),
        help_text="[start, end) offsets of the shared stretches in the other text.",
    )


class CopyMatchSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    question = serializers.CharField(help_text="The flagged answer's question key.")
    share = serializers.FloatField(help_text="The share of this answer also in the other, 0-1.")
    source = serializers.ChoiceField(
        choices=["consultant", "boilerplate"],
        help_text="Another consultant's earlier answer, or known boilerplate.",
    )
    same_question = serializers.BooleanField()
    submitted_earlier_on = serializers.DateField(
        source="on", allow_null=True, help_text="When the earlier answer was submitted."
    )
    passages = serializers.SerializerMethodField()

    @extend_schema_field(PassagesSerializer(allow_null=True))
    def get_passages(self, row: CopyRow) -> dict | None:
        if not row.passages_shown:
            return None
        return {
            "answer_spans": [list(s) for s in row.own_spans],
            "other_question": row.other_question,
            "other_text": row.other_text,
            "other_spans": [list(s) for s in row.other_spans],
        }


class SubmissionCopiesView(GenericAPIView):
    """A submission's copied-answer matches: for who sees its score card (404 otherwise)."""

    serializer_class = CopyMatchSerializer
    pagination_class = None
    filter_backends: list = []

    @extend_schema(responses={200: CopyMatchSerializer(many=True)})
    def get(self, request: Request, submission_pk: int) -> Response:
        """Every match, largest share first per question; `passages` is null unless you may
        read the other side too (never across organisations)."""
        submission = (
            Submission.objects.for_user(request.user)
            .select_related("engagement__owner", "consultant")
            .filter(pk=submission_pk)
            .first()
        )
        if submission is None or not can(request.user, "vetting.view_scores", submission):
            raise NotFound(_("No such submission."))
        rows = submission_copies(request.user, submission)
        return Response(CopyMatchSerializer(rows, many=True).data)
