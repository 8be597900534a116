"""Consultants and the references they name."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Prefetch, QuerySet
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from consultants import services
from consultants.forms import ConsultantProfileForm, ReferenceForm
from consultants.models import Consultant, Reference, Service
from vetting.access import can
from vetting.api.common import body
from vetting.api.forms import as_form_data, validated
from vetting.api.pagination import PageOrCursorPagination


class ReferenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Reference
        fields = ["id", "consultant", *Reference.EDITABLE_FIELDS, "created_at", "updated_at"]
        read_only_fields = ["consultant", "created_at", "updated_at"]


class ConsultantSerializer(serializers.ModelSerializer):
    services_offered = serializers.SlugRelatedField(
        many=True, slug_field="name", queryset=Service.objects.all(), required=False
    )
    services_not_offered = serializers.SlugRelatedField(
        many=True, slug_field="name", queryset=Service.objects.all(), required=False
    )
    references = ReferenceSerializer(many=True, read_only=True)
    version = serializers.IntegerField(
        required=False, help_text="The version you read; a stale one is refused with 409."
    )

    class Meta:
        model = Consultant
        fields = [
            "id",
            *Consultant.EDITABLE_FIELDS,
            "services_offered",
            "services_not_offered",
            "references",
            "version",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]


@extend_schema_field(OpenApiTypes.STR)
class ServiceNamesFilter(django_filters.ModelMultipleChoiceFilter):
    pass


class ConsultantFilter(django_filters.FilterSet):
    # By name, as the profiles show their services (ids would also reach past a database
    # integer and fail in the query).
    services_offered = ServiceNamesFilter(
        field_name="services_offered__name", to_field_name="name", queryset=Service.objects.all()
    )

    class Meta:
        model = Consultant
        fields = ["services_offered"]


class ConsultantViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Procurement and managers see every profile; a consultant sees only their own."""

    serializer_class = ConsultantSerializer
    search_fields = ["name", "agency", "headline", "location"]
    ordering_fields = ["name", "updated_at"]
    ordering = ["name"]
    pagination_class = PageOrCursorPagination
    filterset_class = ConsultantFilter

    def get_queryset(self) -> QuerySet[Consultant]:
        return Consultant.objects.for_user(self.request.user).prefetch_related(
            "services_offered",
            "services_not_offered",
            Prefetch("references", queryset=Reference.objects.order_by("-period_from", "pk")),
        )

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        consultant = self.get_object()
        if not can(request.user, "consultants.change_consultant", consultant):
            raise PermissionDenied(_("Only the consultant can change this profile."))
        current = model_to_dict(consultant, fields=[*Consultant.EDITABLE_FIELDS])
        current["services_offered"] = [s.pk for s in consultant.services_offered.all()]
        current["services_not_offered"] = [s.pk for s in consultant.services_not_offered.all()]
        current["version"] = consultant.version
        data = {**current, **_service_ids(body(request))}
        data.update(
            {
                k: v
                for k, v in body(request).items()
                if k not in ("services_offered", "services_not_offered")
            }
        )
        form = ConsultantProfileForm(as_form_data(data), instance=consultant)
        cleaned = validated(form)
        services.consultant_update(
            consultant=consultant,
            by=request.user,
            data=cleaned,
            services_offered=cleaned["services_offered"],
            services_not_offered=cleaned["services_not_offered"],
            expected_version=cleaned["version"],
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=consultant.pk)).data)

    @extend_schema(request=ReferenceSerializer, responses={201: ReferenceSerializer})
    @action(detail=True, methods=["post"], url_path="references")
    def add_reference(self, request: Request, pk: str | None = None) -> Response:
        """Name a new reference on this profile (the consultant only)."""
        consultant = self.get_object()
        if not can(request.user, "consultants.change_consultant", consultant):
            raise PermissionDenied(_("Only the consultant can change their references."))
        form = ReferenceForm(
            as_form_data(dict(body(request))), instance=Reference(consultant=consultant)
        )
        reference = services.reference_create(
            consultant=consultant, by=request.user, data=validated(form)
        )
        return Response(ReferenceSerializer(reference).data, status=status.HTTP_201_CREATED)


def _service_ids(data: Any) -> dict[str, list[int]]:
    """Services are named in the API; the form takes their ids. Unknown names are a 400."""
    result = {}
    for key in ("services_offered", "services_not_offered"):
        if key in data:
            names = data.get(key) or []
            if not isinstance(names, list):
                raise serializers.ValidationError({key: [_("Give a list of service names.")]})
            found = dict(Service.objects.filter(name__in=names).values_list("name", "pk"))
            unknown = sorted(set(map(str, names)) - set(found))
            if unknown:
                raise serializers.ValidationError(
                    {key: [_("Unknown service: %(names)s.") % {"names": ", ".join(unknown)}]}
                )
            result[key] = [found[n] for n in names]
    return result


class ReferenceViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """References visible to the user; only their consultant changes or removes them."""

    serializer_class = ReferenceSerializer
    filterset_fields = ["consultant", "relationship", "consent_to_contact"]
    ordering_fields = ["period_from", "name"]
    ordering = ["consultant", "-period_from"]
    pagination_class = PageOrCursorPagination

    def get_queryset(self) -> QuerySet[Reference]:
        return Reference.objects.for_user(self.request.user).select_related("consultant")

    def _editable(self) -> Reference:
        reference = self.get_object()
        if not can(self.request.user, "consultants.change_consultant", reference.consultant):
            raise PermissionDenied(_("Only the consultant can change their references."))
        return reference

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        reference = self._editable()
        data = {**model_to_dict(reference, fields=list(Reference.EDITABLE_FIELDS)), **body(request)}
        form = ReferenceForm(as_form_data(data), instance=reference)
        services.reference_update(reference=reference, by=request.user, data=validated(form))
        reference.refresh_from_db()
        return Response(ReferenceSerializer(reference).data)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        services.reference_delete(reference=self._editable(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
