"""An organisation's Webhooks pages: its admins register endpoints (the signing secret shown
once), change their URL and events, send a test ping, rotate the secret, disable and enable
them, read the delivery log with each attempt's response, and redeliver one delivery. The
rule is asked of the access layer (`vetting.manage_organisation`, through the organisation
the person works in); every change is a service of `vetting.services.webhooks`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from vetting.audit import webhook_audit
from vetting.concurrency import StaleVersionError, refuse_stale
from vetting.forms.webhooks import WebhookEndpointForm
from vetting.models import DeliveryState, Organisation, WebhookDelivery, WebhookEndpoint
from vetting.services import webhooks as service
from vetting.services.errors import ServiceError
from vetting.views.provisioning import _organisation as managed_organisation
from vetting.webhooks import EVENTS

DELIVERIES_PER_PAGE = 25
HISTORY_SHOWN = 20


def _organisation(request: HttpRequest) -> Organisation:
    # The same rule as the organisation's other admin pages (404 outside one, 403 for a
    # member who does not manage it).
    return managed_organisation(request)


def _endpoint(request: HttpRequest, pk: int) -> tuple[Organisation, WebhookEndpoint]:
    organisation = _organisation(request)
    return organisation, get_object_or_404(WebhookEndpoint, pk=pk, organisation=organisation)


def _with_last_delivery(endpoints):
    last = WebhookDelivery.objects.filter(endpoint=OuterRef("pk")).order_by("-created_at", "-pk")
    return endpoints.annotate(
        last_state=Subquery(last.values("state")[:1]),
        last_code=Subquery(last.values("last_status_code")[:1]),
        last_at=Subquery(last.values("created_at")[:1]),
        last_type=Subquery(last.values("event__type")[:1]),
    )


def _earlier_open():
    """An earlier open delivery to the same endpoint about the same object: this one waits."""
    return WebhookDelivery.objects.filter(
        endpoint_id=OuterRef("endpoint_id"),
        subject_kind=OuterRef("subject_kind"),
        subject_id=OuterRef("subject_id"),
        pk__lt=OuterRef("pk"),
        state__in=[DeliveryState.PENDING, DeliveryState.FAILED],
    )


def _list(
    request: HttpRequest, organisation: Organisation, form: WebhookEndpointForm, **extra: object
) -> HttpResponse:
    context = {
        "organisation": organisation,
        "endpoints": list(
            _with_last_delivery(WebhookEndpoint.objects.filter(organisation=organisation))
        ),
        "form": form,
        "catalogue": EVENTS,
        "history": webhook_audit(organisation)[:HISTORY_SHOWN],
        **extra,
    }
    status = 422 if form.is_bound and form.errors else 200
    return render(request, "organisations/webhooks.html", context, status=status)


@login_required
def webhooks(request: HttpRequest) -> HttpResponse:
    return _list(request, _organisation(request), WebhookEndpointForm())


@never_cache
@login_required
@require_POST
def webhook_create(request: HttpRequest) -> HttpResponse:
    """Register an endpoint and show its secret on the page this POST returns: the only
    place it appears (never in a list, the API's reads or the session)."""
    organisation = _organisation(request)
    form = WebhookEndpointForm(request.POST)
    if not form.is_valid():
        return _list(request, organisation, form)
    try:
        endpoint, secret = service.endpoint_create(
            organisation=organisation,
            by=request.user,
            url=form.cleaned_data["url"],
            description=form.cleaned_data["description"],
            events=form.cleaned_data["events"],
        )
    except ServiceError as exc:
        form.add_error(None, str(exc))
        return _list(request, organisation, form)
    return _detail(request, organisation, endpoint, secret=secret, created=True)


def _detail(
    request: HttpRequest,
    organisation: Organisation,
    endpoint: WebhookEndpoint,
    form: WebhookEndpointForm | None = None,
    **extra: object,
) -> HttpResponse:
    form = form or WebhookEndpointForm(
        initial={
            "url": endpoint.url,
            "description": endpoint.description,
            "events": endpoint.events,
            "version": endpoint.version,
        }
    )
    deliveries = Paginator(
        WebhookDelivery.objects.filter(endpoint=endpoint)
        .select_related("event")
        .annotate(waiting=Exists(_earlier_open())),
        DELIVERIES_PER_PAGE,
    ).get_page(request.GET.get("page"))
    context = {
        "organisation": organisation,
        "endpoint": endpoint,
        "form": form,
        "deliveries": deliveries,
        "catalogue": EVENTS,
        **extra,
    }
    status = 422 if form.is_bound and form.errors else 200
    return render(request, "organisations/webhook.html", context, status=status)


@never_cache
@login_required
def webhook(request: HttpRequest, pk: int) -> HttpResponse:
    """The endpoint: its settings (POST changes them), actions and delivery log."""
    organisation, endpoint = _endpoint(request, pk)
    if request.method != "POST":
        return _detail(request, organisation, endpoint)
    form = WebhookEndpointForm(request.POST)
    if not form.is_valid():
        return _detail(request, organisation, endpoint, form)
    try:
        service.endpoint_update(
            endpoint=endpoint,
            by=request.user,
            url=form.cleaned_data["url"],
            description=form.cleaned_data["description"],
            events=form.cleaned_data["events"],
            expected_version=form.cleaned_data["version"],
        )
    except StaleVersionError as exc:
        refuse_stale(form, exc)
        endpoint.refresh_from_db()
        return _detail(request, organisation, endpoint, form)
    except ServiceError as exc:
        form.add_error(None, str(exc))
        return _detail(request, organisation, endpoint, form)
    messages.success(request, _("Saved: the next events go to this URL."))
    return redirect("organisation:webhook", pk=endpoint.pk)


@never_cache
@login_required
@require_POST
def webhook_rotate(request: HttpRequest, pk: int) -> HttpResponse:
    organisation, endpoint = _endpoint(request, pk)
    endpoint, secret = service.endpoint_rotate_secret(endpoint=endpoint, by=request.user)
    return _detail(request, organisation, endpoint, secret=secret, rotated=True)


@login_required
@require_POST
def webhook_ping(request: HttpRequest, pk: int) -> HttpResponse:
    _org, endpoint = _endpoint(request, pk)
    try:
        service.endpoint_ping(endpoint=endpoint, by=request.user)
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("A test ping is on its way: its delivery is at the top of the log.")
        )
    return redirect("organisation:webhook", pk=endpoint.pk)


@login_required
@require_POST
def webhook_disable(request: HttpRequest, pk: int) -> HttpResponse:
    _org, endpoint = _endpoint(request, pk)
    service.endpoint_disable(endpoint=endpoint, by=request.user)
    messages.success(request, _("Disabled: nothing is sent to it until you enable it again."))
    return redirect("organisation:webhook", pk=endpoint.pk)


@login_required
@require_POST
def webhook_enable(request: HttpRequest, pk: int) -> HttpResponse:
    _org, endpoint = _endpoint(request, pk)
    service.endpoint_enable(endpoint=endpoint, by=request.user)
    messages.success(request, _("Enabled: the deliveries that were waiting go now, in order."))
    return redirect("organisation:webhook", pk=endpoint.pk)


@login_required
def webhook_delivery(request: HttpRequest, pk: int, delivery: int) -> HttpResponse:
    """One delivery: the payload sent and every attempt with its response."""
    organisation, endpoint = _endpoint(request, pk)
    delivery = get_object_or_404(
        WebhookDelivery.objects.select_related("event").annotate(waiting=Exists(_earlier_open())),
        pk=delivery,
        endpoint=endpoint,
    )
    return render(
        request,
        "organisations/webhook_delivery.html",
        {
            "organisation": organisation,
            "endpoint": endpoint,
            "delivery": delivery,
            "attempts": list(delivery.log.all()),
        },
    )


@login_required
@require_POST
def webhook_redeliver(request: HttpRequest, pk: int, delivery: int) -> HttpResponse:
    _org, endpoint = _endpoint(request, pk)
    delivery = get_object_or_404(WebhookDelivery, pk=delivery, endpoint=endpoint)
    try:
        again = service.delivery_redeliver(delivery=delivery, by=request.user)
    except ServiceError as exc:
        messages.error(request, str(exc))
        return redirect("organisation:webhook_delivery", pk=endpoint.pk, delivery=delivery.pk)
    messages.success(request, _("Sent again: this delivery's attempts are below."))
    return redirect("organisation:webhook_delivery", pk=endpoint.pk, delivery=again.pk)
