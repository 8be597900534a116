"""Page-number pagination whose query parameters mean what the schema says.

DRF reads a page size it cannot parse (`?page_size=abc`) as the default, and answers a page
it cannot parse with the 404 of a page past the end. Here each takes one whole number from
1 and anything else (empty, several values) is a 400 naming the parameter; a page past the
end stays a 404.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request

# More digits than any page count or size: read as "past the end" without converting a
# number of unbounded length.
MAX_DIGITS = 18


def whole_number(request: Request, name: str) -> int | None:
    """The query parameter as a whole number from 1, None when absent."""
    values = request.query_params.getlist(name)
    if not values:
        return None
    if len(values) > 1:
        raise ValidationError({name: ["Give one value."]})
    raw = values[0]
    digits = raw.lstrip("0") if raw.isascii() and raw.isdigit() else ""
    if not digits:
        raise ValidationError({name: ["Give a whole number from 1."]})
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
