"""Refusing, once for the whole site, a request that no page could answer sensibly."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


class RejectNulBytesMiddleware:
    """A query string with a NUL character gets 400 Bad Request.

    No form, filter or search has a use for it, and PostgreSQL refuses it in a text parameter, so
    without this check any search box would turn it into a server error. The page is the site's, in
    the language of the address (the locale middleware has run).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.META.get("QUERY_STRING", "") or any(
            "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
        ):
            return render(request, "400_bad_address.html", status=400)
        return self.get_response(request)
