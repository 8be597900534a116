"""Webhook endpoints and their deliveries, for an organisation's admins: list, register (the
signing secret returned once), read, change (URL, events, description, active), delete,
rotate the secret (returned once), ping; each endpoint's deliveries with every attempt,
and redelivery of one. Someone who does not manage the organisation finds nothing (404)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from vetting.access import managed_webhook_endpoints, require
from vetting.api.common import body
from vetting.api.forms import as_form_data, validated
from vetting.api.pagination import PageOrCursorPagination
from vetting.forms.webhooks import WebhookEndpointForm
from vetting.models import (
    Organisation,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
)
from vetting.services import organisations as organisations_service
from vetting.services import webhooks as service
from vetting.webhooks import EVENT_NAMES


class WebhookEndpointSerializer(serializers.ModelSerializer):
    events = serializers.ListField(child=serializers.ChoiceField(choices=EVENT_NAMES))

    class Meta:
        model = WebhookEndpoint
        fields = [
            "id",
            "organisation",
            "url",
            "description",
            "events",
            "active",
            "disabled_at",
            "disabled_reason",
            "consecutive_failures",
            "created_at",
            "secret_rotated_at",
            "version",
        ]
        read_only_fields = fields


class WebhookEndpointWithSecretSerializer(WebhookEndpointSerializer):
    secret = serializers.CharField(
        read_only=True,
        help_text="The signing secret: returned only here (registration and rotation).",
    )

    class Meta(WebhookEndpointSerializer.Meta):
        fields = [*WebhookEndpointSerializer.Meta.fields, "secret"]
        read_only_fields = fields


class WebhookAttemptSerializer(serializers.ModelSerializer):
    class Meta:
        model = WebhookAttempt
        fields = [
            "number",
            "at",
            "succeeded",
            "status_code",
            "error",
            "response_excerpt",
            "duration_ms",
        ]
        read_only_fields = fields


class WebhookDeliverySerializer(serializers.ModelSerializer):
    event_id = serializers.CharField(read_only=True, help_text="The webhook-id of every copy.")
    event_type = serializers.CharField(source="event.type", read_only=True)
    payload = serializers.JSONField(source="event.payload", read_only=True)
    attempts_log = WebhookAttemptSerializer(source="log", many=True, read_only=True)

    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "endpoint",
            "event_id",
            "event_type",
            "subject_kind",
            "subject_id",
            "state",
            "attempts",
            "next_attempt_at",
            "last_status_code",
            "last_error",
            "duration_ms",
            "created_at",
            "delivered_at",
            "redelivery_of",
            "payload",
            "attempts_log",
        ]
        read_only_fields = fields


EndpointInput = inline_serializer(
    "WebhookEndpointInput",
    {
        "organisation": serializers.IntegerField(
            required=False,
            help_text="The organisation (you are its admin); defaults to your first.",
        ),
        "url": serializers.URLField(max_length=500),
        "description": serializers.CharField(max_length=200, required=False),
        "events": serializers.ListField(child=serializers.ChoiceField(choices=EVENT_NAMES)),
    },
)
EndpointChange = inline_serializer(
    "WebhookEndpointChange",
    {
        "url": serializers.URLField(max_length=500, required=False),
        "description": serializers.CharField(max_length=200, required=False),
        "events": serializers.ListField(
            child=serializers.ChoiceField(choices=EVENT_NAMES), required=False
        ),
        "active": serializers.BooleanField(
            required=False, help_text="false disables it; true enables it again."
        ),
        "version": serializers.IntegerField(
            required=False,
            help_text="The version you read: a change made meanwhile is refused with 409.",
        ),
    },
)


def _form(data: dict[str, Any]) -> dict[str, Any]:
    return validated(WebhookEndpointForm(as_form_data(data)))


class WebhookEndpointViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The webhook endpoints of the organisations you are an admin of."""

    serializer_class = WebhookEndpointSerializer
    pagination_class = PageOrCursorPagination
    ordering = ["-created_at", "-pk"]
    ordering_fields = ["created_at"]

    def get_queryset(self) -> QuerySet[WebhookEndpoint]:
        return managed_webhook_endpoints(self.request.user).select_related("organisation")

    @extend_schema(request=EndpointInput, responses={201: WebhookEndpointWithSecretSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Register an endpoint; the response carries its signing secret, once."""
        data = body(request)
        organisation = self._organisation(data.get("organisation"))
        cleaned = _form(data)
        endpoint, secret = service.endpoint_create(
            organisation=organisation,
            by=request.user,
            url=cleaned["url"],
            description=cleaned["description"],
            events=cleaned["events"],
        )
        endpoint.secret = secret
        return Response(
            WebhookEndpointWithSecretSerializer(endpoint).data, status=status.HTTP_201_CREATED
        )

    def _organisation(self, chosen: Any) -> Organisation:
        user = self.request.user
        if chosen is None:
            organisation = organisations_service.current_organisation(user)
        else:
            organisation = Organisation.objects.filter(
                pk=chosen if str(chosen).isdigit() else 0, memberships__user=user
            ).first()
        if organisation is None:
            raise NotFound(_("No such organisation of yours."))
        require(user, "vetting.manage_organisation", organisation, str(service.WHO))
        return organisation

    @extend_schema(request=EndpointChange, responses={200: WebhookEndpointSerializer})
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change the URL, description or events, or disable (active: false) or enable it."""
        endpoint = self.get_object()
        data = body(request)
        if {"url", "description", "events"} & set(data):
            current = {
                "url": endpoint.url,
                "description": endpoint.description,
                "events": endpoint.events,
            }
            cleaned = _form({**current, **{k: data[k] for k in current if k in data}})
            version = data.get("version")
            endpoint = service.endpoint_update(
                endpoint=endpoint,
                by=request.user,
                url=cleaned["url"],
                description=cleaned["description"],
                events=cleaned["events"],
                expected_version=int(version) if str(version).isdigit() else None,
            )
        if data.get("active") is False:
            endpoint = service.endpoint_disable(endpoint=endpoint, by=request.user)
        elif data.get("active") is True:
            endpoint = service.endpoint_enable(endpoint=endpoint, by=request.user)
        return Response(WebhookEndpointSerializer(endpoint).data)

    def perform_destroy(self, instance: WebhookEndpoint) -> None:
        service.endpoint_delete(endpoint=instance, by=self.request.user)

    @extend_schema(request=None, responses={200: WebhookEndpointWithSecretSerializer})
    @action(detail=True, methods=["post"], url_path="rotate-secret")
    def rotate_secret(self, request: Request, pk: str | None = None) -> Response:
        """A new signing secret replaces the old one at once; returned once."""
        endpoint, secret = service.endpoint_rotate_secret(
            endpoint=self.get_object(), by=request.user
        )
        endpoint.secret = secret
        return Response(WebhookEndpointWithSecretSerializer(endpoint).data)

    @extend_schema(request=None, responses={202: WebhookDeliverySerializer})
    @action(detail=True, methods=["post"])
    def ping(self, request: Request, pk: str | None = None) -> Response:
        """Send a `webhook.ping` event to this endpoint alone (its delivery is returned)."""
        delivery = service.endpoint_ping(endpoint=self.get_object(), by=request.user)
        return Response(WebhookDeliverySerializer(delivery).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(responses={200: WebhookDeliverySerializer(many=True)})
    @action(detail=True, methods=["get"])
    def deliveries(self, request: Request, pk: str | None = None) -> Response:
        """This endpoint's deliveries, newest first, each with its attempts."""
        endpoint = self.get_object()
        rows = (
            WebhookDelivery.objects.filter(endpoint=endpoint)
            .select_related("event")
            .prefetch_related(
                Prefetch("log", queryset=WebhookAttempt.objects.order_by("number", "pk"))
            )
        )
        page = self.paginate_queryset(rows.order_by("-created_at", "-pk"))
        return self.get_paginated_response(WebhookDeliverySerializer(page, many=True).data)


class WebhookDeliveryViewSet(viewsets.GenericViewSet):
    """Deliveries of the endpoints you manage (listed under each endpoint)."""

    serializer_class = WebhookDeliverySerializer

    def get_queryset(self) -> QuerySet[WebhookDelivery]:
        return WebhookDelivery.objects.filter(
            endpoint__in=managed_webhook_endpoints(self.request.user)
        ).select_related("endpoint__organisation", "event")

    @extend_schema(request=None, responses={202: WebhookDeliverySerializer})
    @action(detail=True, methods=["post"])
    def redeliver(self, request: Request, pk: str | None = None) -> Response:
        """Send it again: one still being retried goes now; one delivered or given up is
        sent as a new delivery of the same event (same webhook-id). 409 when the endpoint
        is disabled."""
        delivery = service.delivery_redeliver(delivery=self.get_object(), by=request.user)
        return Response(WebhookDeliverySerializer(delivery).data, status=status.HTTP_202_ACCEPTED)
