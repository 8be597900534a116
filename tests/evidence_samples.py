"""Small files of every accepted kind, and the polyglots the upload checks refuse, built in
memory (no fixtures on disk)."""

from __future__ import annotations

import io
import zipfile
from typing import Any

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
GIF = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"
WEBP = (
    b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00/\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88"
    b"\xfe\x07\x00"
)
TEXT = "Campaign results, spring 2026: 1,240 new subscribers. Café opening week.\n".encode()
CSV = b"month,leads,sales\n2026-03,120,14\n2026-04,180,22\n"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)
HTML = b"<!DOCTYPE html><html><body>hello</body></html>"


def zipped(parts: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def office(main_part: str) -> bytes:
    return zipped(
        {
            "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.'
            'openxmlformats.org/package/2006/content-types"/>',
            "_rels/.rels": "<Relationships/>",
            main_part: "<document/>",
        }
    )


DOCX = office("word/document.xml")
XLSX = office("xl/workbook.xml")
PPTX = office("ppt/presentation.xml")
# Polyglots and impostors.
HTML_IN_PDF = PDF.replace(b"trailer", b"<html><script>fetch('/x')</script></html>\ntrailer")
PNG_WITH_ZIP = PNG + zipped({"payload.class": b"\xca\xfe\xba\xbe"})
DOCX_WITHOUT_CONTENT_TYPES = zipped({"word/document.xml": "<document/>"})
PLAIN_ZIP = zipped({"notes.txt": "hello"})
OFFICE_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


def stored_evidence(submission: Any, by: Any, name: str = "proof.pdf", data: bytes = PDF) -> Any:
    """An evidence file on the accomplishments question of any submission, written directly
    (test worlds need one on a submitted, locked self-assessment too)."""
    from django.core.files.base import ContentFile

    from vetting.evidence import evidence_check, evidence_storage, stored_name_new
    from vetting.models import EvidenceFile

    checked = evidence_check(name, data)
    stored = evidence_storage().save(stored_name_new(), ContentFile(data))
    return EvidenceFile.objects.create(
        submission=submission,
        question=submission.engagement.questionnaire.questions.get(key="accomplishments"),
        original_name=checked.name,
        stored_name=stored,
        size=checked.size,
        content_type=checked.content_type,
        sha256=checked.sha256,
        uploaded_by=by,
    )


def evidence_storage_in(folder: Any) -> dict[str, Any]:
    """STORAGES with the evidence kept in `folder` (tests)."""
    from django.conf import settings

    return {
        **settings.STORAGES,
        "evidence": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(folder)},
        },
    }
