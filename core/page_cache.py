"""Cache of the public pages that anonymous visitors see, invalidated whenever the data changes.

Every cached page is stored with the version number of the data it shows, a number kept in the cache
itself; a page is served only while its version is the current one. Both are read in one round trip
to the cache (``lookup``), so a cache hit costs one read. Saving or deleting any row of
the public apps (``PUBLIC_APPS``), changing a many-to-many relation, bulk writes announced with
``core.signals.rows_written_in_bulk`` (spreadsheet imports, also those the task worker runs), or
any successful write request
by a signed-in user (admin, portal, imports, actions that use ``QuerySet.update``) bumps the
version, so the next visitor gets a fresh page, which replaces the stale one. With Redis the version is
shared by every app server. ``PUBLIC_PAGE_CACHE_SECONDS`` bounds the life of an entry in any case,
which also covers writes from the command line that bypass signals.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse

from .signals import rows_written_in_bulk

# Apps whose rows public pages show; "people" for the names of consenting contact persons, so that a
# withdrawn consent or an erasure leaves the public pages at once.
PUBLIC_APPS = {"clusters", "programmes", "reports", "people"}
VERSION_KEY = "public-pages:version"
# Paths that are never cached: signed-in areas, forms and the health probe.
PRIVATE_PREFIXES = ("/admin/", "/portal/", "/accounts/", "/i18n/", "/healthz")


def _first_version() -> int:
    """The version when none is stored yet (a new or emptied cache)."""
    cache.add(VERSION_KEY, 1, timeout=None)
    return cache.get(VERSION_KEY, 1)


def invalidate() -> None:
    """Make every cached public page stale, on every app server sharing the cache."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet (or evicted)
        cache.add(VERSION_KEY, 1, timeout=None)
        cache.incr(VERSION_KEY)


def _on_change(sender, **kwargs) -> None:
    if sender._meta.app_label in PUBLIC_APPS:
        invalidate()


def connect_invalidation() -> None:
    """Connect the receivers; called once from CoreConfig.ready()."""
    for signal in (post_save, post_delete, m2m_changed, rows_written_in_bulk):
        signal.connect(_on_change, dispatch_uid=f"public-page-cache-{signal!r}")
    # m2m_changed's sender is the through model, auto-created in the public app: covered above.


def is_cacheable_request(request: HttpRequest) -> bool:
    """Anonymous GET or HEAD of a public page: no session or messages cookie, not a private path."""
    return (
        settings.PUBLIC_PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.path.startswith(PRIVATE_PREFIXES)
    )


def is_cacheable_response(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
    )


def key_for(request: HttpRequest) -> str:
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    return f"public-page:{language}:{request.method}:{request.get_full_path()}"


def lookup(request: HttpRequest) -> tuple[HttpResponse | None, int]:
    """The cached page for `request` if it shows the current data, else None; and the current version,
    which ``store`` needs. One read of the cache (both keys at once)."""
    key = key_for(request)
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY)
    if version is None:
        version = _first_version()
    entry = found.get(key)
    if entry is not None and entry[0] == version:
        return entry[1], version
    return None, version


def store(request: HttpRequest, response: HttpResponse, version: int) -> None:
    """Keep `response` as the page for `request`, rendered from the data of `version`. Should the data
    have changed while it was rendered, the version has moved on and the page will not be served."""
    cache.set(key_for(request), (version, response), settings.PUBLIC_PAGE_CACHE_SECONDS)
