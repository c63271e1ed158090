"""Request middleware of the whole site: the public page cache."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from . import page_cache


class PublicPageCacheMiddleware:
    """Serve anonymous visitors' public pages from the shared cache (see ``core.page_cache``).

    A successful write by a signed-in user invalidates the cache, so that edits made through
    ``QuerySet.update()`` (which sends no signals) show at once too.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not page_cache.is_cacheable_request(request):
            response = self.get_response(request)
            if _is_signed_in_write(request) and response.status_code < 400:
                page_cache.invalidate()
            return response
        cached, version = page_cache.lookup(request)
        if cached is not None:
            return cached
        response = self.get_response(request)
        if page_cache.is_cacheable_response(response):
            page_cache.store(request, response, version)
        return response


def _is_signed_in_write(request: HttpRequest) -> bool:
    # Anonymous posts (failed logins, a flood of them) must not empty the cache.
    user = getattr(request, "user", None)
    return request.method not in ("GET", "HEAD", "OPTIONS") and user is not None and user.is_authenticated
