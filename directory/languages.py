"""Latvian at the plain addresses, English under /en/: the switcher, the alternates and the remembered
choice.

A visitor who picks a language through the switcher gets a cookie; coming back to a plain (Latvian)
address later, they are sent to its English twin when that is what they chose. Search engines, which
keep no cookies, see each page at its own address with ``hreflang`` alternates.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import translate_url
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, get_language_from_path
from django.views.decorators.http import require_safe

# Each language's name in itself: a reader of the other language must recognise their own.
NATIVE_NAMES = {"lv": "Latviešu", "en": "English"}
COOKIE_MAX_AGE = 365 * 24 * 60 * 60


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    path: str  # the current page in this language, query string kept
    current: bool


def language_links(request: HttpRequest) -> list[LanguageLink]:
    """The current page in every language, in the order of settings.LANGUAGES."""
    path = request.get_full_path()
    return [
        LanguageLink(code, NATIVE_NAMES.get(code, code), translate_url(path, code), code == get_language())
        for code, _name in settings.LANGUAGES
    ]


def alternates(request: HttpRequest) -> list[tuple[str, str]]:
    """(hreflang, absolute URL) of the page in every language, without its query string, and
    ``x-default`` for the Latvian one; empty for pages that exist in one language only."""
    urls = [(code, translate_url(request.path, code)) for code, _name in settings.LANGUAGES]
    if len({url for _code, url in urls}) < 2:
        return []
    default = dict(urls)[settings.LANGUAGE_CODE]
    return [(code, request.build_absolute_uri(url)) for code, url in urls + [("x-default", default)]]


@require_safe
def switch_language(request: HttpRequest, language: str) -> HttpResponse:
    """Remember the language in a cookie and go to ``next`` in that language (the home page when
    ``next`` is missing or leads elsewhere)."""
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(translate_url(target, language))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=COOKIE_MAX_AGE,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response


class RememberedLanguageMiddleware:
    """Sends a visitor who chose a language other than Latvian from a plain address to the same page
    in their language. Only safe requests move; after ``LocaleMiddleware``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        remembered = (
            request.method in ("GET", "HEAD")
            and chosen in dict(settings.LANGUAGES)
            and chosen != settings.LANGUAGE_CODE
            and get_language_from_path(request.path_info) is None
        )
        if remembered:
            target = translate_url(request.get_full_path(), chosen)
            if target != request.get_full_path():
                return HttpResponseRedirect(target)
        response = self.get_response(request)
        if get_language_from_path(request.path_info) is None:
            patch_vary_headers(response, ("Cookie",))
        return response
