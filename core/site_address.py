"""The site's address for links in e-mails that commands send (no request to take it from)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.translation import gettext as _


def command_base_url(given: str = "") -> tuple[str, str]:
    """The address links start with, ending in "/", and where it came from ("--base-url" or "SITE_URL").

    Raises CommandError when there is none, when it is only the development guess (the command runs in
    its own shell and cannot know where the server listens), or when it is not an http(s) address.
    """
    if given:
        address, source = given, "--base-url"
    elif settings.SITE_URL and not settings.SITE_URL_GUESSED:
        address, source = settings.SITE_URL, "SITE_URL"
    else:
        raise CommandError(
            _(
                "Which address is the site served at? Give it with --base-url (e.g. --base-url "
                "http://127.0.0.1:8000/) or export SITE_URL; scripts/serve prints the command for its "
                "address."
            )
        )
    parts = urlsplit(address)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        message = _("%(address)s is not a web address such as http://127.0.0.1:8000/.")
        raise CommandError(message % {"address": address})
    return address if address.endswith("/") else address + "/", source
