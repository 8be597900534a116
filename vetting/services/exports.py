"""Ranking exports too large to build during the request: queue one, then build it."""

from __future__ import annotations

import io
import tempfile
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vetting import exports, outbox
from vetting.access import score_sight
from vetting.models import Engagement, Export, ExportFormat, ExportStatus, User
from vetting.services.errors import ServiceError
from vetting.tasks import build_export

# Rows written between two progress updates (one UPDATE each).
BATCH_ROWS = 500


def export_request(*, engagement: Engagement, by: User, fmt: str) -> Export:
    """Queue a background export of the engagement's ranking for someone who runs or
    reviews it. The task starts once this transaction commits."""
    if fmt not in ExportFormat.values:
        raise ServiceError(_("Choose CSV or XLSX."))
    if not Engagement.objects.for_user(by).filter(pk=engagement.pk).exists():
        raise PermissionDenied(_("Only the engagement's owner and reviewers export its ranking."))
    with transaction.atomic():
        export = Export(engagement=engagement, requested_by=by, format=fmt)
        export.full_clean()
        export.save()
        outbox.enqueue(build_export, export.pk)
    return export


def export_build(*, export_id: int) -> bool:
    """Write the export's file in batches, recording progress. Idempotent: a finished export
    is not built again (False). A failure is recorded, then raised for the task to retry."""
    export = Export.objects.select_related("engagement", "requested_by").get(pk=export_id)
    if export.status == ExportStatus.DONE:
        return False
    # Built for the person who asked, showing only the scores they may see.
    table = exports.assemble(
        export.engagement,
        score_sight(export.requested_by, export.engagement),
        viewer=export.requested_by,
        batch=BATCH_ROWS,
    )
    total = table.count
    Export.objects.filter(pk=export.pk).update(
        status=ExportStatus.RUNNING, rows_total=total, rows_done=0, error=""
    )

    def progress(done: int) -> None:
        # Submitted while the export runs: the total grows rather than break the bar.
        Export.objects.filter(pk=export.pk).update(rows_done=done, rows_total=max(total, done))

    header, cells = table.header, table.rows
    try:
        with tempfile.TemporaryFile() as buffer:
            if export.format == ExportFormat.CSV:
                text = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
                done = exports.write(
                    "csv", text, header, cells, progress=progress, every=BATCH_ROWS
                )
                text.flush()
                text.detach()  # leave the buffer open for the upload below
            else:
                done = exports.write(
                    "xlsx", buffer, header, cells, progress=progress, every=BATCH_ROWS
                )
            buffer.seek(0)
            name = f"{export.filename.rsplit('.', 1)[0]}-{export.pk}.{export.format}"
            export.file.save(name, File(buffer), save=False)
    except Exception as exc:
        Export.objects.filter(pk=export.pk).update(
            status=ExportStatus.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    export.status = ExportStatus.DONE
    export.rows_total = max(total, done)
    export.rows_done = done
    export.error = ""
    export.finished_at = timezone.now()
    export.save(update_fields=["status", "rows_total", "rows_done", "error", "file", "finished_at"])
    return True


def exports_purge(*, now: datetime | None = None) -> int:
    """Delete the background exports asked for more than EXPORT_KEEP_DAYS ago, their files
    first (a ranking is confidential: it should not outlive its use on a shared disk).
    Idempotent; returns how many exports were deleted."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.EXPORT_KEEP_DAYS)
    purged = 0
    for export in Export.objects.filter(created_at__lt=cutoff).iterator():
        if export.file:
            export.file.delete(save=False)  # a file already gone is not an error
        export.delete()
        purged += 1
    return purged
