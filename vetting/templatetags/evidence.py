"""Evidence files in templates: an accomplishment's files, and the limits said up front."""

from __future__ import annotations

from typing import Any

from django import template

from vetting.evidence import ACCEPT_ATTRIBUTE, kind_label, limits_text

register = template.Library()


@register.filter
def attached(item: Any, evidence: dict[int, Any] | None) -> list[Any]:
    """The files an accomplishment lists ("files": ids), as loaded for its question (ids
    that are not, e.g. a file removed meanwhile, are left out)."""
    if not isinstance(item, dict) or not evidence:
        return []
    files = item.get("files") or []
    found = []
    for file_id in files if isinstance(files, list) else [files]:
        text = str(file_id).strip()
        evidence_file = evidence.get(int(text)) if text.isdigit() and len(text) < 19 else None
        if evidence_file is not None:
            found.append(evidence_file)
    return found


@register.filter
def evidence_kind(content_type: str) -> str:
    """A file's sniffed type as people read it ("PDF", "PNG image")."""
    return kind_label(content_type)


@register.simple_tag
def evidence_limits() -> str:
    return limits_text()


@register.simple_tag
def evidence_accept() -> str:
    return ACCEPT_ATTRIBUTE
