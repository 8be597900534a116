"""Score cards: the scoring service's output, read only, with every explanation and flag.
Who reads them is the access layer's blind-review rule, as on every page: the round's owner
(and staff) all of its cards, a panel member a card once their own review of it is
submitted, nobody else.

The list sends each card's summary (scores, criteria, flag counts); the whole card (`data`,
tens of kilobytes with every explanation) comes with the detail, or on the list with
`?expand=card`."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import ValidationError

from vetting.api.caching import RoundListCache
from vetting.api.common import IdFilter
from vetting.api.pagination import PageOrCursorPagination
from vetting.models import ScoreCard
from vetting.scoring.rubric import CRITERION_KEYS

DATA_HELP = (
    "The whole card: per criterion its sources with an explanation for every point, the "
    "flags with their evidence, and the text signals with the spans they matched. "
    "docs/scoring.md states every formula."
)


class ScoreCardSummarySerializer(serializers.ModelSerializer):
    """A card without its `data`: what a list shows."""

    engagement = serializers.IntegerField(source="submission.engagement_id", read_only=True)
    consultant_name = serializers.CharField(source="submission.consultant.name", read_only=True)
    criteria = serializers.SerializerMethodField(
        help_text="Each criterion's value from 0 to 1 (null without data)."
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
            "knockouts",
            "rubric_version",
            "inputs_hash",
            "computed_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.DictField(child=serializers.FloatField(allow_null=True)))
    def get_criteria(self, card: ScoreCard) -> dict[str, float | None]:
        return {key: getattr(card, key) for key in CRITERION_KEYS}


class ScoreCardSerializer(ScoreCardSummarySerializer):
    """The whole card: the summary and its `data`."""

    data = serializers.DictField(read_only=True, help_text=DATA_HELP)

    class Meta(ScoreCardSummarySerializer.Meta):
        fields = [*ScoreCardSummarySerializer.Meta.fields, "data"]
        read_only_fields = fields


class ScoreCardListItemSerializer(ScoreCardSummarySerializer):
    """For the schema only: a list item is a summary, with `data` when expanded. (A
    response field that is not read-only and not required is optional in the schema.)"""

    data = serializers.DictField(required=False, help_text=f"Only with ?expand=card. {DATA_HELP}")

    class Meta(ScoreCardSummarySerializer.Meta):
        fields = [*ScoreCardSummarySerializer.Meta.fields, "data"]
        read_only_fields = ScoreCardSummarySerializer.Meta.fields


class ScoreCardFilter(django_filters.FilterSet):
    engagement = IdFilter(field_name="submission__engagement")

    class Meta:
        model = ScoreCard
        fields = ["submission", "engagement"]


EXPAND = OpenApiParameter(
    "expand",
    str,
    enum=["card"],
    description="`card`: each item carries its whole card (`data`) too.",
)


def _expanded(request: Any) -> bool:
    """`?expand=card` asks for whole cards on the list; anything else given is a 400."""
    values = request.query_params.getlist("expand")
    if not values:
        return False
    if values != ["card"]:
        raise ValidationError({"expand": [_("Give card, once.")]})
    return True


@extend_schema_view(
    list=extend_schema(parameters=[EXPAND], responses=ScoreCardListItemSerializer(many=True))
)
class ScoreCardViewSet(
    RoundListCache, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Score cards of the submissions you may see (never to consultants)."""

    filterset_class = ScoreCardFilter
    pagination_class = PageOrCursorPagination
    ordering_fields = ["total", "rank", "computed_at"]
    ordering = ["-total", "pk"]

    def _whole_cards(self) -> bool:
        return self.action != "list" or _expanded(self.request)

    def get_queryset(self) -> QuerySet[ScoreCard]:
        cards = ScoreCard.objects.for_user(self.request.user).select_related(
            "submission__consultant"
        )
        return cards if self._whole_cards() else cards.defer("data")

    def get_serializer_class(self) -> type[serializers.Serializer]:
        return ScoreCardSerializer if self._whole_cards() else ScoreCardSummarySerializer
