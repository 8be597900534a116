"""Score cards: the scoring service's output, read only, with every explanation and flag.
Who reads them is the access layer's blind-review rule, as on every page: the round's owner
(and staff) all of its cards, a panel member a card once their own review of it is
submitted, nobody else."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers, viewsets

from vetting.api.common import IdFilter
from vetting.models import ScoreCard
from vetting.scoring.rubric import CRITERION_KEYS


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
        return ScoreCard.objects.for_user(self.request.user).select_related(
            "submission__consultant"
        )
