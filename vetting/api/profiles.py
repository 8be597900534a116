"""Verified profiles: the consultant's consent links (list, create, revoke, each link's view
log) and the round owner's release of a score to its consultant. Input is validated by the
pages' forms; the services decide who may (403) and when (409). A person sees only their own
links: anyone else's is a 404."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Max, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from consultants.models import Consultant
from vetting.access import can
from vetting.api.forms import as_form_data, validated
from vetting.forms.profiles import ProfileLinkForm
from vetting.models import LinkStatus, ProfileLink, ProfileView, ScoreRelease, Submission
from vetting.selectors import profiles as selectors
from vetting.services import profiles as services


class ProfileLinkSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(
        choices=LinkStatus.choices, read_only=True, help_text="From the dates."
    )
    view_count = serializers.IntegerField(read_only=True, help_text="How often it was opened.")
    last_view_at = serializers.DateTimeField(read_only=True, allow_null=True)

    class Meta:
        model = ProfileLink
        fields = [
            "id",
            "label",
            "status",
            "include_scores",
            "created_at",
            "expires_at",
            "revoked_at",
            "view_count",
            "last_view_at",
        ]
        read_only_fields = fields


class CreatedLinkSerializer(ProfileLinkSerializer):
    url = serializers.CharField(
        read_only=True, help_text="The link to send: shown in this response only."
    )

    class Meta(ProfileLinkSerializer.Meta):
        fields = [*ProfileLinkSerializer.Meta.fields, "url"]
        read_only_fields = fields


class ProfileViewSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProfileView
        fields = ["id", "at", "agent", "viewer"]
        read_only_fields = fields
        extra_kwargs = {
            "agent": {"help_text": 'The browser family and device ("Chrome on a phone").'},
            "viewer": {
                "help_text": "A keyed hash of the viewer's address, the same for the same "
                "address on this link only; never the address."
            },
        }


class ScoreReleaseSerializer(serializers.ModelSerializer):
    class Meta:
        model = ScoreRelease
        fields = ["submission", "total", "low", "high", "rubric_version", "released_at"]
        read_only_fields = fields


LinkInput = inline_serializer(
    "ProfileLinkInput",
    {
        "label": serializers.CharField(max_length=120, help_text="Who the link is for."),
        "days": serializers.IntegerField(
            required=False, min_value=1, max_value=365, help_text="30 if omitted; at most 365."
        ),
        "include_scores": serializers.BooleanField(
            required=False, help_text="Show the scores buyers released to you (default off)."
        ),
    },
)


class ProfileLinkViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Your verified-profile links (consultants): each with its status and view count."""

    serializer_class = ProfileLinkSerializer
    filter_backends: list = []

    def get_queryset(self) -> QuerySet[ProfileLink]:
        return (
            ProfileLink.objects.for_user(self.request.user)
            .annotate(view_count=Count("views"), last_view_at=Max("views__at"))
            .order_by("-created_at", "-pk")
        )

    @extend_schema(request=LinkInput, responses={201: CreatedLinkSerializer})
    def create(self, request: Request) -> Response:
        """Create a link (30 days unless `days` says otherwise): its address is in this
        response only; Winnow keeps a hash of it."""
        if not can(request.user, "vetting.answer_invitations"):
            raise PermissionDenied(_("Verified profiles are for consultants."))
        consultant = Consultant.objects.filter(user=request.user).first()
        if consultant is None:
            raise NotFound(_("You have no consultant profile."))
        data = dict(request.data)
        data.setdefault("days", 30)
        cleaned = validated(ProfileLinkForm(as_form_data(data)))
        link, raw = services.profile_link_create(
            consultant=consultant,
            by=request.user,
            label=cleaned["label"],
            days=cleaned["days"],
            include_scores=cleaned["include_scores"],
        )
        found: Any = self.get_queryset().get(pk=link.pk)
        found.url = request.build_absolute_uri(reverse("profiles:public", args=[raw]))
        return Response(CreatedLinkSerializer(found).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: ProfileLinkSerializer})
    @action(detail=True, methods=["post"])
    def revoke(self, request: Request, pk: int) -> Response:
        """The link stops working at once (revoking it again changes nothing)."""
        services.profile_link_revoke(link=self.get_object(), by=request.user)
        return Response(ProfileLinkSerializer(self.get_queryset().get(pk=pk)).data)

    @extend_schema(responses={200: ProfileViewSerializer(many=True)})
    @action(detail=True, methods=["get"], serializer_class=ProfileViewSerializer)
    def views(self, request: Request, pk: int) -> Response:
        """Every opening of the link, newest first (paginated)."""
        link = self.get_object()
        page = self.paginate_queryset(selectors.profile_link_views(link))
        return self.get_paginated_response(ProfileViewSerializer(page, many=True).data)


class SubmissionScoreReleaseView(GenericAPIView):
    """The round's owner releases the submission's current score to its consultant (again:
    the release then shows the score as it is now)."""

    serializer_class = ScoreReleaseSerializer
    pagination_class = None
    filter_backends: list = []

    @extend_schema(request=None, responses={200: ScoreReleaseSerializer})
    def post(self, request: Request, submission_pk: int) -> Response:
        submission = (
            Submission.objects.for_user(request.user)
            .select_related("engagement")
            .filter(pk=submission_pk)
            .first()
        )
        if submission is None:
            raise NotFound(_("No such submission."))
        release = services.score_release(submission=submission, by=request.user)
        return Response(ScoreReleaseSerializer(release).data)
