"""Pagination whose query parameters mean what the schema says.

DRF reads a page size it cannot parse (`?page_size=abc`) as the default, and answers a page
it cannot parse with the 404 of a page past the end. Here each takes one whole number from
1 and anything else (empty, several values) is a 400 naming the parameter; a page past the
end stays a 404.

The lists that grow with the rounds (submissions, score cards, reviews, reference checks,
flags, decisions, consultants, references) also take cursor pages, DRF's `CursorPagination`:
`?paginate=cursor` asks for the first one and each page's `next` link carries its `cursor`.
A cursor page is in id order (unique, indexed, never changes), costs the same at any depth
and has no `count`; rows added meanwhile appear once, on a later page. Page numbers stay the
default, so existing clients see no change. A cursor that was not handed out is a 400.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import Cursor, CursorPagination, PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from vetting.api.common import fits_an_id

# More digits than any page count or size: read as "past the end" without converting a
# number of unbounded length.
MAX_DIGITS = 18


def whole_number(request: Request, name: str) -> int | None:
    """The query parameter as a whole number from 1, None when absent."""
    values = request.query_params.getlist(name)
    if not values:
        return None
    if len(values) > 1:
        raise ValidationError({name: [_("Give one value.")]})
    raw = values[0]
    digits = raw.lstrip("0") if raw.isascii() and raw.isdigit() else ""
    if not digits:
        raise ValidationError({name: [_("Give a whole number from 1.")]})
    return int(digits) if len(digits) <= MAX_DIGITS else 10**MAX_DIGITS


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    last_page_strings = ()  # the schema says integer: no `?page=last`

    def get_page_size(self, request: Request) -> int:
        size = whole_number(request, self.page_size_query_param)
        return self.page_size if size is None else min(size, self.max_page_size)

    def get_page_number(self, request: Request, paginator: Paginator) -> int:
        return whole_number(request, self.page_query_param) or 1

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
        return parameters


class CursorPages(CursorPagination):
    """DRF's cursor pages in id order, with the strict page size and a 400 (not DRF's 404)
    for a cursor that was not handed out."""

    ordering = ("pk",)
    page_size = Pagination.page_size
    page_size_query_param = Pagination.page_size_query_param
    max_page_size = Pagination.max_page_size
    invalid_cursor_message = gettext_lazy("Give the cursor of a next or previous link.")

    def get_page_size(self, request: Request) -> int:
        size = whole_number(request, self.page_size_query_param)
        return self.page_size if size is None else min(size, self.max_page_size)

    def get_ordering(self, request: Request, queryset: QuerySet, view: Any) -> tuple[str, ...]:
        # Always the id, whatever `?ordering=` the view's OrderingFilter would read: a
        # cursor needs a unique key that never changes.
        return self.ordering

    def decode_cursor(self, request: Request) -> Cursor | None:
        name = self.cursor_query_param
        values = request.query_params.getlist(name)
        if len(values) > 1:
            raise ValidationError({name: [_("Give one value.")]})
        if values == [""]:  # DRF reads it as the first page: it was not handed out
            raise ValidationError({name: [self.invalid_cursor_message]})
        try:
            cursor = super().decode_cursor(request)
        except NotFound:
            raise ValidationError({name: [self.invalid_cursor_message]}) from None
        if cursor is not None and cursor.position is not None and not fits_an_id(cursor.position):
            raise ValidationError({name: [self.invalid_cursor_message]})
        return cursor


PAGINATE = ("page", "cursor")


class PageOrCursorPagination(Pagination):
    """Page numbers (with a `count`) by default; `?paginate=cursor` or a `cursor` switches
    to `CursorPages`. Giving both a page and a cursor, or an `ordering` with a cursor, is a
    400 naming the parameter."""

    def __init__(self) -> None:
        self.cursor_pages: CursorPages | None = None

    def _wants_cursor(self, request: Request) -> bool:
        values = request.query_params.getlist("paginate")
        if len(values) > 1:
            raise ValidationError({"paginate": [_("Give one value.")]})
        if values and values[0] not in PAGINATE:
            raise ValidationError(
                {"paginate": [_("Give one of: %(values)s.") % {"values": ", ".join(PAGINATE)}]}
            )
        cursor_given = CursorPages.cursor_query_param in request.query_params
        if values == ["page"] and cursor_given:
            raise ValidationError({"cursor": [_("A cursor needs paginate=cursor.")]})
        return values == ["cursor"] or cursor_given

    def paginate_queryset(
        self, queryset: QuerySet, request: Request, view: Any = None
    ) -> list[Model] | None:
        if not self._wants_cursor(request):
            return super().paginate_queryset(queryset, request, view)
        for name in (self.page_query_param, "ordering"):
            if name in request.query_params:
                raise ValidationError({name: [_("Cursor pages take no page or ordering.")]})
        self.cursor_pages = CursorPages()
        return self.cursor_pages.paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data: Any) -> Response:
        if self.cursor_pages is not None:
            return self.cursor_pages.get_paginated_response(data)
        return super().get_paginated_response(data)

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        pages = super().get_paginated_response_schema(schema)
        pages["required"] = ["results"]
        pages["properties"]["count"]["description"] = "How many rows in all (page numbers only)."
        for link in ("next", "previous"):
            pages["properties"][link]["description"] = (
                "The adjacent page's URL (with its `cursor` in cursor pages); null at an end."
            )
        return pages

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            *super().get_schema_operation_parameters(view),
            {
                "name": "paginate",
                "required": False,
                "in": "query",
                "description": "`cursor`: cursor pages in id order, the same cost at any depth "
                "and no `count` (follow `next`). Default `page`: numbered pages with a `count`.",
                "schema": {"type": "string", "enum": list(PAGINATE)},
            },
            {
                "name": CursorPages.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "The position from a cursor page's `next` or `previous` link "
                "(implies `paginate=cursor`; not with `page` or `ordering`).",
                "schema": {"type": "string"},
            },
        ]
