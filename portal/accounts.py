"""Log-in and set-password pages as cluster managers meet them: by e-mail, and logged in once set."""

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.urls import reverse_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class EmailAuthenticationForm(AuthenticationForm):
    """The username is the e-mail address the invitation went to: the form says so."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail")
        self.fields["username"].widget = forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "username", "inputmode": "email"}
        )


class LoginView(auth_views.LoginView):
    authentication_form = EmailAuthenticationForm


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
