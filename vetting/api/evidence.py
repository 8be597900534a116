"""Evidence files through the API: the same services and rules as the pages. A consultant
uploads a file to their draft's question (multipart), then lists its id in an
accomplishment's `files` when saving the answer; whoever may read the submission's answers
lists and downloads its files; the consultant removes them while the submission is a draft
(the id leaves the saved answer too)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from vetting import services
from vetting.access import require
from vetting.evidence import ACCEPTED, evidence_file_response
from vetting.models import EvidenceFile, Submission


class EvidenceFileSerializer(serializers.ModelSerializer):
    question = serializers.SlugRelatedField(
        slug_field="key", read_only=True, help_text="The key of the question it belongs to."
    )
    name = serializers.CharField(
        source="original_name", read_only=True, help_text="The name it was sent with, cleaned."
    )
    content_type = serializers.CharField(
        read_only=True, help_text="The type read from its content (not from its name)."
    )

    class Meta:
        model = EvidenceFile
        fields = ["id", "submission", "question", "name", "size", "content_type", "sha256"]
        fields += ["uploaded_at"]
        read_only_fields = fields


class EvidenceUploadSerializer(serializers.Serializer):
    question = serializers.SlugField(
        help_text="The key of the question (an accomplishments question) the file is for."
    )
    file = serializers.FileField(
        help_text=f"{ACCEPTED}; at most EVIDENCE_MAX_BYTES (10 MB unless configured). The "
        "type is read from the content: HTML, SVG, scripts, archives hidden in images or "
        "PDFs, and a name whose extension says another type are refused (400)."
    )


class SubmissionEvidenceView(GenericAPIView):
    """A submission's evidence files: listed for whoever may read its answers, uploaded by
    its consultant while it is a draft."""

    serializer_class = EvidenceFileSerializer
    parser_classes = [MultiPartParser]
    pagination_class = None
    filter_backends: list = []

    def _submission(self) -> Submission:
        submission = (
            Submission.objects.for_user(self.request.user)
            .select_related("engagement__questionnaire", "consultant")
            .filter(pk=self.kwargs["submission_pk"])
            .first()
        )
        if submission is None:
            raise NotFound(_("No such submission."))
        return submission

    @extend_schema(responses={200: EvidenceFileSerializer(many=True)})
    def get(self, request: Request, submission_pk: int) -> Response:
        """Every evidence file of the submission, oldest first."""
        submission = self._submission()
        files = submission.evidence_files.select_related("question").order_by("uploaded_at", "pk")
        return Response(EvidenceFileSerializer(files, many=True).data)

    @extend_schema(
        request={"multipart/form-data": EvidenceUploadSerializer},
        responses={201: EvidenceFileSerializer},
    )
    def post(self, request: Request, submission_pk: int) -> Response:
        """Upload one file for a question of your draft. Put its `id` in an accomplishment's
        `files` (a list of ids) when you save the answer; a file no accomplishment lists is
        kept but not shown to the buyer."""
        submission = self._submission()
        require(request.user, "vetting.answer_submission", submission)
        upload = EvidenceUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        key = upload.validated_data["question"]
        question = submission.engagement.questionnaire.questions.filter(key=key).first()
        if question is None:
            raise serializers.ValidationError({"question": [_("No such question here.")]})
        try:
            evidence = services.evidence_upload(
                submission=submission,
                by=request.user,
                question=question,
                upload=upload.validated_data["file"],
            )
        except services.EvidenceRejected as exc:
            raise serializers.ValidationError({"file": [str(exc)]}) from exc
        return Response(EvidenceFileSerializer(evidence).data, status=status.HTTP_201_CREATED)


class EvidenceFileViewSet(
    mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet
):
    """One evidence file: its details, its content (always a download), and removing it."""

    serializer_class = EvidenceFileSerializer
    filter_backends: list = []

    def get_queryset(self) -> QuerySet[EvidenceFile]:
        return EvidenceFile.objects.for_user(self.request.user).select_related(
            "question", "submission__engagement", "submission__consultant"
        )

    @extend_schema(
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY,
                description="The file as an attachment, with its sniffed type "
                "(Content-Type) and its name (Content-Disposition).",
            )
        }
    )
    @action(detail=True, methods=["get"])
    def download(self, request: Request, pk: str | None = None) -> FileResponse:
        try:
            evidence = self.get_object()
        except Http404 as exc:
            raise NotFound(_("No such file.")) from exc
        return evidence_file_response(evidence)

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, *args: object, **kwargs: object) -> Response:
        """Remove a file of your draft: from the storage, and from the accomplishment that
        lists it. A submitted self-assessment's files stay (409)."""
        evidence = self.get_object()
        services.evidence_delete(evidence=evidence, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
