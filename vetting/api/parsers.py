"""The API's JSON parser: DRF's, with a bound on how deep a body may nest.

Python's decoder recurses once per level, so a body nested some thousands deep raised
RecursionError (a 500) before any view ran; a body just under that limit would reach code
that recurses again (forms, serializers). No body the API takes nests more than a few
levels (ratings by criterion, verdicts by accomplishment), so anything deeper than
`MAX_DEPTH` is refused as malformed, 400, before a view sees it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 20
TOO_DEEP = gettext_lazy("JSON parse error - the body nests deeper than %(depth)s levels.")


def json_depth(value: Any) -> int:
    """How many objects and arrays deep `value` nests (a scalar is 0), counted without
    recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, Mapping):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        if depth <= MAX_DEPTH:  # one level past the bound is enough to refuse
            stack.extend((child, depth + 1) for child in children)
    return deepest


class BoundedJSONParser(JSONParser):
    """JSON bodies nested no deeper than `MAX_DEPTH`; deeper ones are a 400."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(TOO_DEEP % {"depth": MAX_DEPTH}) from None
        if json_depth(data) > MAX_DEPTH:
            raise ParseError(TOO_DEEP % {"depth": MAX_DEPTH})
        return data
