"""Checking an evidence file before it is kept, and where evidence files are kept.

A file is accepted by what it *is*, never by what it is called: its content is sniffed
(puremagic for the binary formats; our own reading of ZIP containers and of plain text),
then refused when it could be read as something else as well (a polyglot):

- HTML, SVG or script markers in its first bytes or anywhere in it (a browser or a viewer
  that sniffs would run it);
- an image or a PDF with a ZIP archive inside or appended (GIFAR-style: one file that is a
  picture to one program and an archive, or a Java applet, to another);
- an office document whose ZIP lacks `[Content_Types].xml` or its main part, or carries
  macros;
- a name whose extension says another type than the content.

Pure functions of the name and the bytes, no database: `evidence_check`. The storage is the
`evidence` alias of Django's STORAGES (private: never under STATIC_ROOT or MEDIA_URL, never
served but through `views.evidence.download`).
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import secrets
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING

import puremagic
from django.conf import settings
from django.core.files.storage import Storage, storages
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from vetting.models import EvidenceFile

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Kind:
    label: str | Promise  # as people read it: "PDF", "Word document (DOCX)"
    content_type: str
    extensions: tuple[str, ...]  # the first is added to a name that has none


PDF = Kind("PDF", "application/pdf", (".pdf",))
PNG = Kind(gettext_lazy("PNG image"), "image/png", (".png",))
JPEG = Kind(gettext_lazy("JPEG image"), "image/jpeg", (".jpg", ".jpeg", ".jpe", ".jfif"))
WEBP = Kind(gettext_lazy("WebP image"), "image/webp", (".webp",))
GIF = Kind(gettext_lazy("GIF image"), "image/gif", (".gif",))
TEXT = Kind(gettext_lazy("plain text"), "text/plain", (".txt", ".text", ".md", ".log"))
CSV = Kind("CSV", "text/csv", (".csv",))
DOCX = Kind(
    gettext_lazy("Word document (DOCX)"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    (".docx",),
)
XLSX = Kind(
    gettext_lazy("Excel workbook (XLSX)"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    (".xlsx",),
)
PPTX = Kind(
    gettext_lazy("PowerPoint presentation (PPTX)"),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    (".pptx",),
)
KINDS = (PDF, PNG, JPEG, WEBP, GIF, TEXT, CSV, DOCX, XLSX, PPTX)
ACCEPTED = "PDF, PNG, JPEG, WebP, GIF, plain text, CSV, DOCX, XLSX or PPTX"  # the API's docs
ACCEPTED_TEXT = gettext_lazy("PDF, PNG, JPEG, WebP, GIF, plain text, CSV, DOCX, XLSX or PPTX")
# What the browser's file chooser offers first (the content decides all the same).
ACCEPT_ATTRIBUTE = ",".join(ext for kind in KINDS for ext in kind.extensions)

# Binary formats puremagic names, by the type it gives, with the bytes they must start with
# (puremagic also matches a signature a little way into the file; we want it at the start).
_BINARY = {
    "application/pdf": (PDF, (b"%PDF-",)),
    "image/png": (PNG, (b"\x89PNG\r\n\x1a\n",)),
    "image/jpeg": (JPEG, (b"\xff\xd8\xff",)),
    "image/webp": (WEBP, (b"RIFF",)),
    "image/gif": (GIF, (b"GIF87a", b"GIF89a")),
}
# An office file is a ZIP with its content types and its main part, by kind.
_OFFICE_PARTS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX, "ppt/presentation.xml": PPTX}
_ZIP_LOCAL, _ZIP_CENTRAL, _ZIP_END = b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06"
# Markers a browser (or a viewer that sniffs) reads as a page or a script, in any case.
_MARKERS = (b"<html", b"<script", b"<svg", b"<!doctype html", b"javascript:")
# Characters of a plain text besides the printable ones: tab, line feed, form feed, return.
_TEXT_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_NAME_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*;]+')


class EvidenceRefused(ValueError):
    """The file is not accepted; the message says why, in words the consultant reads."""


@dataclass(frozen=True)
class Checked:
    name: str  # the name to show and to download as: sanitised, with the right extension
    kind: Kind
    size: int
    sha256: str

    @property
    def content_type(self) -> str:
        return self.kind.content_type


def max_bytes() -> int:
    return int(settings.EVIDENCE_MAX_BYTES)


def limits_text() -> str:
    """The limits, said up front: "PDF, PNG, ... up to 10 MB"."""
    return _("%(kinds)s, up to %(size)s") % {
        "kinds": ACCEPTED_TEXT,
        "size": filesizeformat(max_bytes()),
    }


def clean_name(name: str) -> str:
    """The name as sent, safe to show and to put in a header: the last path part, NFC,
    without control characters or characters file systems and headers refuse, 150
    characters at most (keeping its extension); "evidence" when nothing is left."""
    base = re.split(r"[/\\]", unicodedata.normalize("NFC", name or ""))[-1]
    base = _NAME_UNSAFE.sub("_", base)
    base = " ".join(base.split()).strip(" ._") or "evidence"
    suffix = PurePath(base).suffix
    if len(base) > 150:
        suffix = suffix if len(suffix) <= 10 else ""
        base = base[: 150 - len(suffix)].rstrip(" ._") + suffix
    return base


def evidence_check_size(size: int) -> None:
    """Refuse an empty file or one over the limit (asked before the file is read)."""
    if size == 0:
        raise EvidenceRefused(_("This file is empty."))
    if size > max_bytes():
        raise EvidenceRefused(
            _("This file is %(size)s; files can be %(maximum)s at most.")
            % {"size": filesizeformat(size), "maximum": filesizeformat(max_bytes())}
        )


def evidence_check(name: str, data: bytes) -> Checked:
    """The file as it will be kept, or `EvidenceRefused` saying what is wrong with it."""
    size = len(data)
    evidence_check_size(size)
    lowered = data.lower()
    for marker in _MARKERS:
        if marker in lowered:
            raise EvidenceRefused(
                _(
                    "This file contains web page or script code (“%(marker)s”), which is not "
                    "accepted. Send a PDF or an image."
                )
                % {"marker": marker.decode()}
            )
    kind = _sniff(data)
    _refuse_polyglot(kind, data)
    name = _named(clean_name(name), kind)
    if kind == TEXT and PurePath(name).suffix.lower() in CSV.extensions:
        kind = CSV
    return Checked(
        name=name,
        kind=kind,
        size=size,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _sniff(data: bytes) -> Kind:
    if data.startswith(_ZIP_LOCAL):
        return _office_kind(data)
    try:
        matches = puremagic.magic_string(data)
    except puremagic.PureError:
        matches = []
    for match in matches:
        found = _BINARY.get(match.mime_type)
        if found and data.startswith(found[1]):
            return found[0]
    if matches and matches[0].mime_type:
        # Something puremagic knows but we do not accept (an archive, a program, XML...).
        raise EvidenceRefused(
            _("This kind of file (%(type)s) is not accepted. Send a %(kinds)s.")
            % {"type": matches[0].mime_type, "kinds": ACCEPTED_TEXT}
        )
    if _is_text(data):
        return TEXT  # a CSV is a text: the name's extension says which (see _named)
    raise EvidenceRefused(
        _("This kind of file is not accepted. Send a %(kinds)s.") % {"kinds": ACCEPTED_TEXT}
    )


def _is_text(data: bytes) -> bool:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return not _TEXT_CONTROLS.search(text)


def _office_kind(data: bytes) -> Kind:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise EvidenceRefused(_("This file looks like a damaged archive.")) from exc
    kinds = {kind for part, kind in _OFFICE_PARTS.items() if part in names}
    if "[Content_Types].xml" not in names or len(kinds) != 1:
        raise EvidenceRefused(
            _(
                "Archives (ZIP) are not accepted, and this one is not a Word, Excel or "
                "PowerPoint document. Send the files one by one."
            )
        )
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise EvidenceRefused(_("Documents with macros are not accepted: save it without them."))
    return kinds.pop()


def _refuse_polyglot(kind: Kind, data: bytes) -> None:
    """An image or a PDF that also holds a ZIP archive (appended, GIFAR-style, or inside)."""
    if kind not in (PDF, PNG, JPEG, WEBP, GIF):
        return
    holds_zip = _ZIP_END in data and (_ZIP_LOCAL in data or _ZIP_CENTRAL in data)
    if holds_zip or zipfile.is_zipfile(io.BytesIO(data)):
        raise EvidenceRefused(
            _(
                "This file (%(kind)s) has an archive (ZIP) hidden inside it, which is not "
                "accepted. Export or save it again and send the new file."
            )
            % {"kind": kind.label}
        )


def _named(name: str, kind: Kind) -> str:
    """The name with an extension that says the sniffed type: one added if it has none, a
    refusal if it has another (a CSV may be sent as text and the reverse)."""
    suffix = PurePath(name).suffix.lower()
    if not suffix or " " in suffix or len(suffix) > 6:
        return f"{name}{kind.extensions[0]}"
    if kind in (TEXT, CSV):
        if suffix in CSV.extensions or suffix in TEXT.extensions:
            return name
    elif suffix in kind.extensions:
        return name
    raise EvidenceRefused(
        _(
            "The name ends in %(suffix)s, but the file's content is another type (%(kind)s): "
            "rename it, or choose the right file, and send it again."
        )
        % {"suffix": suffix, "kind": kind.label}
    )


def kind_label(content_type: str) -> str:
    """A stored type as people read it ("PDF", "Word document (DOCX)")."""
    labels = {kind.content_type: kind.label for kind in KINDS}
    return str(labels.get(content_type, content_type))


def served_type(content_type: str) -> str:
    """What a stored file is served as: its sniffed type if it is one we accept (never
    HTML or SVG), else application/octet-stream."""
    allowed = {kind.content_type for kind in KINDS}
    return content_type if content_type in allowed else "application/octet-stream"


# --- Storage -------------------------------------------------------------------------------


def evidence_storage() -> Storage:
    """The private storage of evidence files (STORAGES["evidence"])."""
    return storages["evidence"]


def stored_name_new() -> str:
    """A random name to store a file under: nothing of the sent name reaches the storage."""
    token = secrets.token_hex(16)
    return f"evidence/{token[:2]}/{token}"


def evidence_file_response(evidence: EvidenceFile) -> FileResponse:
    """The file as a download (the page and the API serve it alike): `attachment` with
    its name (RFC 6266: an ASCII fallback and the UTF-8 name), the sniffed type (never
    HTML or SVG), no sniffing by the browser, no caching anywhere."""
    try:
        handle = evidence_storage().open(evidence.stored_name, "rb")
    except FileNotFoundError as exc:
        # The row outlived its file (a restore from different points in time): say so in
        # the log, and to the person as a missing file rather than an error.
        log.error("Evidence file %s is missing from storage", evidence.stored_name)
        raise Http404(_("This file is no longer in the storage.")) from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=evidence.original_name,
        content_type=served_type(evidence.content_type),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
