"""Lists of one round, kept between requests while the round does not change.

A client that follows a round (`GET /api/submissions/?engagement=3`, the score cards of the
same) asks the same page again and again. Such a list is kept in the round's page cache
(vetting/freshness.py): its key holds the round's data version, which moves in the same
transaction as any change the list shows, the caller (what a person may see is theirs: a
panel member's blind rows differ from the owner's), the host the links are built with, and
the whole query string. So a page is built once per state of the round and caller; the next
change builds it anew, and nothing from before a committed change is ever served.

Only a list narrowed to exactly one round the caller may see is kept; any other list is
built every time, as before.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpResponse, HttpResponseBase
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.encoders import JSONEncoder

from vetting import freshness
from vetting.models import Engagement


def _round_asked(request: Request) -> Engagement | None:
    """The one round the list is narrowed to, if the caller may see it (one query)."""
    asked = request.query_params.getlist("engagement")
    if len(asked) != 1 or not asked[0].isdigit() or len(asked[0]) > 18:
        return None
    return (
        Engagement.objects.for_user(request.user)
        .only("pk", "data_version", "updated_at")
        .filter(pk=int(asked[0]))
        .first()
    )


class RoundListCache:
    """A list viewset's `list`, kept per round and caller (see the module's docstring). A
    JSON client gets the bytes the JSON renderer wrote the first time (rendering 50 rows
    again costs more than the rest of the request); any other renderer (the browsable API)
    renders the kept data."""

    basename: str

    def list(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponseBase:
        engagement = _round_asked(request)
        if engagement is None:
            return super().list(request, *args, **kwargs)  # type: ignore[misc]
        renderer = request.accepted_renderer
        key = freshness.page_key(
            f"api:{self.basename}",
            engagement,
            request.user.pk,
            request.scheme,
            request.get_host(),
            renderer.format,
            request=request,
        )
        built: list[Response] = []

        def build() -> Any:
            response = super(RoundListCache, self).list(request, *args, **kwargs)  # type: ignore[misc]
            built.append(response)
            if isinstance(renderer, JSONRenderer):
                context = {"request": request, "response": response, "view": self}
                return bytes(renderer.render(response.data, request.accepted_media_type, context))
            # Plain JSON values (the serializer's return types hold the serializer).
            return json.loads(json.dumps(response.data, cls=JSONEncoder))

        kept = freshness.cached_page(key, build)
        if built:
            return built[0]
        if isinstance(kept, bytes):
            # The Content-Type DRF's Response gives this renderer.
            charset = f"; charset={renderer.charset}" if renderer.charset else ""
            return HttpResponse(kept, content_type=f"{renderer.media_type}{charset}")
        return Response(kept)
