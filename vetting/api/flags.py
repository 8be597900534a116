"""Flags: the discrepancies and fraud signals reference checks raise, with their evidence.
Managers clear them (a hold blocks shortlisting and selecting until then). Consultants see
none."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from vetting import services
from vetting.access import require
from vetting.api.common import IdFilter, JsonBodies, body
from vetting.api.filters import FilterSet, StrictBooleanFilter
from vetting.api.forms import as_form_data, validated
from vetting.api.pagination import PageOrCursorPagination
from vetting.forms import FlagClearForm
from vetting.models import Flag


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


NoteInput = inline_serializer("FlagClearInput", {"note": serializers.CharField()})


class FlagFilter(FilterSet):
    engagement = IdFilter(field_name="submission__engagement")
    cleared = StrictBooleanFilter(field_name="cleared_at", lookup_expr="isnull", exclude=True)

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
    pagination_class = PageOrCursorPagination

    def get_queryset(self) -> QuerySet[Flag]:
        return Flag.objects.for_user(self.request.user)

    @extend_schema(request=NoteInput)
    @action(detail=True, methods=["post"])
    def clear(self, request: Request, pk: str | None = None) -> Response:
        """A manager clears a flag, saying why."""
        flag = self.get_object()
        require(request.user, "vetting.run_calls")
        cleaned = validated(FlagClearForm(as_form_data(body(request))))
        services.flag_clear(flag=flag, by=request.user, note=cleaned["note"])
        return Response(FlagSerializer(Flag.objects.get(pk=flag.pk)).data)
