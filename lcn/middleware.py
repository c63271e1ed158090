"""Refusing, once for the whole site, a request that no page could answer sensibly."""

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest


class RejectNulBytesMiddleware:
    """A query string with a NUL character gets 400 Bad Request.

    No form, filter or search has a use for it, and PostgreSQL refuses it in a text parameter, so
    without this check any search box would turn it into a server error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.META.get("QUERY_STRING", "") or any(
            "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
        ):
            return HttpResponseBadRequest("NUL characters are not allowed in the address.")
        return self.get_response(request)
