"""Serving an evidence file: only to whoever may read its submission's answers (asked of
the access layer), always as a download, never rendered by the browser."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_GET

from vetting.evidence import evidence_file_response
from vetting.models import EvidenceFile


@login_required
@require_GET
def download(request: HttpRequest, file_id: int) -> FileResponse:
    evidence = (
        EvidenceFile.objects.for_user(request.user)
        .select_related("submission__engagement", "submission__consultant")
        .filter(pk=file_id)
        .first()
    )
    if evidence is None:
        raise Http404("No such file.")
    return evidence_file_response(evidence)
