from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from clusters.models import Cluster
from clusters.services import InvitationError, manager_invite
from core.site_address import command_base_url


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
        base_url, source = command_base_url(base_url)
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
