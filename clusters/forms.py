"""Forms of the staff admin's actions that need input (a reason, an e-mail address, a choice of roles)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Contact


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
    language = forms.ChoiceField(
        label=_("Language of the e-mail"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
        help_text=_("The invitee reads the e-mail, and opens the portal, in this language."),
    )


class MailingListForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=Contact.Role.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Contact persons with any of these roles at the selected clusters."),
    )
    file_format = forms.ChoiceField(label=_("File"), choices=[("xlsx", "Excel (.xlsx)"), ("csv", "CSV")])
