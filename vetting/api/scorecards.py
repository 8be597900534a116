"""Score cards: the scoring service's output, read only, with every explanation and flag.
Blind like the reviews: a reviewer sees a submission's card once their own review is
submitted."""

from __future__ import annotations

import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers, viewsets

from vetting.api.common import IdFilter
from vetting.models import Engagement, Review, ReviewStatus, ScoreCard, User
from vetting.rules import is_staff
from vetting.scoring.rubric import CRITERION_KEYS


def visible_cards(user: User) -> QuerySet[ScoreCard]:
    cards = ScoreCard.objects.for_user(user)
    if not user.is_authenticated or is_staff(user):
        return cards
    reviewing = Engagement.reviewers.through.objects.filter(
        engagement=OuterRef("submission__engagement"), user=user
    )
    unblinded = Review.objects.filter(
        submission=OuterRef("submission"), reviewer=user, status=ReviewStatus.SUBMITTED
    )
    return cards.filter(
        Q(submission__engagement__owner=user) | ~Q(Exists(reviewing)) | Q(Exists(unblinded))
    )


class ScoreCardSerializer(serializers.ModelSerializer):
    engagement = serializers.IntegerField(source="submission.engagement_id", read_only=True)
    consultant_name = serializers.CharField(source="submission.consultant.name", read_only=True)
    criteria = serializers.SerializerMethodField(
        help_text="Each criterion's value from 0 to 1 (null without data)."
    )
    data = serializers.DictField(
        read_only=True,
        help_text="The whole card: per criterion its sources with an explanation for every "
        "point, the flags with their evidence, and the text signals with the spans they "
        "matched. docs/scoring.md states every formula.",
    )

    class Meta:
        model = ScoreCard
        fields = [
            "id",
            "submission",
            "engagement",
            "consultant_name",
            "total",
            "low",
            "high",
            "rank",
            "criteria",
            "red_flags",
            "green_flags",
            "holds",
            "rubric_version",
            "inputs_hash",
            "computed_at",
            "data",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.DictField(child=serializers.FloatField(allow_null=True)))
    def get_criteria(self, card: ScoreCard) -> dict[str, float | None]:
        return {key: getattr(card, key) for key in CRITERION_KEYS}


class ScoreCardFilter(django_filters.FilterSet):
    engagement = IdFilter(field_name="submission__engagement")

    class Meta:
        model = ScoreCard
        fields = ["submission", "engagement"]


class ScoreCardViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Score cards of the submissions you may see (never to consultants)."""

    serializer_class = ScoreCardSerializer
    filterset_class = ScoreCardFilter
    ordering_fields = ["total", "rank", "computed_at"]
    ordering = ["-total", "pk"]

    def get_queryset(self) -> QuerySet[ScoreCard]:
        return visible_cards(self.request.user).select_related("submission__consultant")
