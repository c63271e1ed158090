"""Forms of the staff admin's actions that need input (a reason, an e-mail address)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class FiguresRejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The cluster's managers see this in the portal; say what to correct."),
    )


class ManagerInviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("It becomes the username. The person gets an e-mail with a link to set a password."),
    )
