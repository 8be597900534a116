"""Responses to a signed-in user are never stored by a browser or a proxy.

Every page and API response to someone signed in carries their data (rounds, scores,
references, reviews), and a shared computer's back button or disk cache, or a proxy, must
not keep it: `Cache-Control: private, no-store`. Anonymous pages that carry personal or
confidential data (the referee's form, an invitation) say the same with the
`cache_control` decorator on their view. Static files never reach this middleware
(WhiteNoise answers them first).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import patch_cache_control


class PrivateNoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        # request.user is the API's token user too: DRF sets it on this request.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
