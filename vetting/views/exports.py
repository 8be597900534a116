"""Ranking exports: small ones download at once, large ones build in the background."""

from __future__ import annotations

import io

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from vetting import exports, services
from vetting.access import engagement_or_404, score_sight
from vetting.models import Export, ExportFormat, ExportStatus
from vetting.models.exports import CONTENT_TYPES, ranking_filename


def _private(response: HttpResponse) -> HttpResponse:
    """Rankings are confidential: no shared or stored copies on the way."""
    patch_cache_control(response, private=True, no_store=True)
    return response


@login_required
@require_POST
def export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """POST, because a large export creates a background job."""
    engagement = engagement_or_404(request.user, pk)
    if fmt not in ExportFormat.values:
        raise Http404("No such export format.")
    table = exports.assemble(engagement, score_sight(request.user, engagement), viewer=request.user)
    if table.count > settings.EXPORT_INLINE_MAX_ROWS:
        job = services.export_request(engagement=engagement, by=request.user, fmt=fmt)
        return redirect(job)
    header, cells = table.header, table.rows
    response = HttpResponse(content_type=CONTENT_TYPES[ExportFormat(fmt)])
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=ranking_filename(engagement, fmt)
    )
    if fmt == ExportFormat.CSV:
        exports.write(fmt, response, header, cells)
    else:
        buffer = io.BytesIO()
        exports.write(fmt, buffer, header, cells)
        response.write(buffer.getvalue())
    return _private(response)


def _visible_export(request: HttpRequest, export_id: int) -> Export:
    visible = Export.objects.for_user(request.user).select_related("engagement")
    return get_object_or_404(visible, pk=export_id)


@login_required
def export_status(request: HttpRequest, export_id: int) -> HttpResponse:
    """The progress page; htmx polls its progress partial until the export is finished."""
    job = _visible_export(request, export_id)
    context = {"export": job, "engagement": job.engagement}
    template = "exports/progress.html" if request.htmx else "exports/status.html"
    return _private(render(request, template, context))


@login_required
def export_download(request: HttpRequest, export_id: int) -> HttpResponse:
    """The file of a finished export, for those who may see its engagement (never a public
    media URL)."""
    job = _visible_export(request, export_id)
    if job.status != ExportStatus.DONE or not job.file:
        raise Http404("This export is not ready.")
    response = FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=job.filename,
        content_type=job.content_type,
    )
    return _private(response)
