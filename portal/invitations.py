"""Staff's page of invited managers who have not set a password yet, with a button to invite again."""

from django.conf import settings
from django.contrib import messages
from django.contrib.admin import site as admin_site
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from clusters.services import InvitationError, invitation_state, manager_invite


def site_address(request: HttpRequest) -> str:
    """The address links in e-mails start with: SITE_URL when it is set, else the address in use."""
    return settings.SITE_URL or request.build_absolute_uri("/")


def invited_managers():
    """Managers of a cluster who have never logged in and have no password: the open invitations."""
    users = get_user_model()._default_manager.filter(
        managed_clusters__isnull=False, last_login__isnull=True, is_active=True
    )
    return users.distinct().prefetch_related("managed_clusters").order_by("-date_joined")


@staff_member_required
@require_http_methods(["GET", "POST"])
def invitations(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("auth.add_user"):
        raise PermissionDenied
    if request.method == "POST":
        user = get_object_or_404(invited_managers(), pk=request.POST.get("user", "").strip() or 0)
        try:
            manager_invite(
                email=user.email, clusters=list(user.managed_clusters.all()), base_url=site_address(request)
            )
        except InvitationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("A new invitation was sent to %(email)s.") % {"email": user.email})
        return redirect("staff-invitations")
    rows = [(user, invitation_state(user)) for user in invited_managers() if not user.has_usable_password()]
    context = {
        **admin_site.each_context(request),
        "title": _("Invitations"),
        "rows": rows,
    }
    return TemplateResponse(request, "portal/admin/invitations.html", context)
