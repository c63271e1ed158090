"""Log-in and set-password pages as cluster managers meet them: by e-mail, and logged in once set."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from clusters.models import Cluster


class EmailAuthenticationForm(AuthenticationForm):
    """The username is the e-mail address the invitation went to: the form says so."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail")
        self.fields["username"].widget = forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "username", "inputmode": "email"}
        )


class LoginView(auth_views.LoginView):
    """The site's log-in page. Without a `next`, a manager goes to the portal (LOGIN_REDIRECT_URL)
    and staff who manage no cluster to the admin, where their work is."""

    authentication_form = EmailAuthenticationForm

    def get_default_redirect_url(self) -> str:
        user = self.request.user
        if user.is_staff and not Cluster.objects.managed_by(user).exists():
            return reverse("admin:index")
        return super().get_default_redirect_url()


def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin's log-in page, which returns to the admin's index when no `next` is given.

    Django's admin puts `next` into its form, but a post without it (a password manager's, a bookmark
    of the form) fell back to LOGIN_REDIRECT_URL, the portal, also for staff who manage a cluster.
    """
    if REDIRECT_FIELD_NAME not in request.GET and REDIRECT_FIELD_NAME not in request.POST:
        request.GET = request.GET.copy()
        request.GET[REDIRECT_FIELD_NAME] = reverse("admin:index")
    return admin.site.login(request)


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """Setting a password from an invitation or reset link logs the person in and opens the portal."""

    post_reset_login = True
    # Named, because axes adds a second authentication backend.
    post_reset_login_backend = "portal.backends.EmailUsernameBackend"
    success_url = reverse_lazy("portal:index")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, gettext("Your password was set and you are logged in."))
        return response
