from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from clusters.models import Cluster
from clusters.services import InvitationError, manager_invite


class Command(BaseCommand):
    help = (
        "Make EMAIL a manager of the clusters and e-mail them a link to set a password "
        "(or, for an existing account, to log in). The link starts with --base-url, else SITE_URL; "
        "the command prints which address it used."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("cluster_slugs", nargs="+", metavar="CLUSTER_SLUG")
        parser.add_argument(
            "--base-url",
            default="",
            help="The address the site is served at, e.g. http://127.0.0.1:8000/ (default: SITE_URL).",
        )
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _name in settings.LANGUAGES],
            help="The invitee's language: of the e-mail and of the links in it (default: %(default)s).",
        )

    def handle(self, *args, email: str, cluster_slugs: list[str], base_url: str, language: str, **options):
        base_url, source = site_address(base_url)
        clusters = list(Cluster.objects.filter(slug__in=cluster_slugs))
        unknown = sorted(set(cluster_slugs) - {cluster.slug for cluster in clusters})
        if unknown:
            raise CommandError(_("No cluster with the slug: %(slugs)s") % {"slugs": ", ".join(unknown)})
        try:
            user = manager_invite(email=email, clusters=clusters, base_url=base_url, language=language)
        except InvitationError as exc:
            raise CommandError(str(exc)) from exc
        names = ", ".join(cluster.name for cluster in clusters)
        message = _("Invited %(email)s to manage %(clusters)s.") % {"email": user.email, "clusters": names}
        self.stdout.write(self.style.SUCCESS(message))
        used = _("The link in the e-mail starts with %(address)s (from %(source)s).")
        self.stdout.write(used % {"address": base_url, "source": source})


def site_address(given: str) -> tuple[str, str]:
    """The address links start with, and where it came from ("--base-url" or "SITE_URL").

    Raises CommandError when there is none, when it is only the development guess (the command runs
    in its own shell and cannot know where the server listens), or when it is not an http(s) address.
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
