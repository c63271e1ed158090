"""Throttling of the forms an attacker would hammer: log-in (through django-axes) and password reset.

Every answer is the same whether the account exists or not, and a throttled try is refused before
any password is hashed, so a flood costs the server little.
"""

from collections.abc import Callable

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils import translation

from .tasks import send_mail

RESET_WINDOW_SECONDS = 60 * 60


def client_address(request: HttpRequest) -> str:
    """The client's IP address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the entry of
    X-Forwarded-For that the outermost trusted proxy appended (what the client sent is ignored)."""
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if count and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")


def login_username(request: HttpRequest, credentials: dict | None) -> str:
    """The account a log-in try is counted against: the e-mail address as the backend matches it.

    The backend ignores case and surrounding spaces, so the lockout must too, or an attacker
    would get a fresh allowance for every capitalisation.
    """
    source = credentials if credentials is not None else getattr(request, "POST", {})
    return (source.get("username") or "").strip().lower()


def _over_limit(key: str) -> bool:
    cache.add(key, 0, RESET_WINDOW_SECONDS)
    try:
        tries = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RESET_WINDOW_SECONDS)
        tries = 1
    return tries > settings.PASSWORD_RESET_RATE_LIMIT


def throttled_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """The answer to any throttled try: 429 with the cool-off time, never naming an account.

    Also django-axes' AXES_LOCKOUT_CALLABLE, hence the arguments it passes.
    """
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked_out.html", {"cooloff_minutes": minutes}, status=429)


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's password reset form, its e-mail sent by the task worker like every other e-mail."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ) -> None:
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        send_mail.enqueue(subject=subject, body=body, recipients=[to_email], from_email=from_email)


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, at most PASSWORD_RESET_RATE_LIMIT e-mails an hour per address and
    per account (counted for unknown addresses too, so the answer reveals nothing)."""

    form_class = QueuedPasswordResetForm

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        email = (request.POST.get("email") or "").strip().lower()
        address_over = _over_limit(f"password-reset:ip:{client_address(request)}")
        account_over = bool(email) and _over_limit(f"password-reset:email:{email}")
        if address_over or account_over:
            return throttled_response(request)
        return super().post(request, *args, **kwargs)


def _login_paths() -> set[str]:
    """Both log-in pages in every language of the site (Latvian plain, English under /en/)."""
    paths = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths |= {reverse("login"), reverse("admin:login")}
    return paths


class LoginLockoutMiddleware:
    """Refuse a log-in post from a locked-out account or address before anything else runs.

    django-axes refuses such a try inside the authentication backend, after the session, the CSRF
    check and the login form; the page it replaced has been rendered by then. Answering here
    costs a cache read, so a flood of throttled tries cannot starve the site (measured in
    bench/load.py --login-flood).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.login_paths: set[str] | None = None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self.login_paths is None:
            self.login_paths = _login_paths()
        if (
            request.method == "POST"
            and request.path in self.login_paths
            and not AxesProxyHandler.is_allowed(request)
        ):
            return throttled_response(request)
        return self.get_response(request)
