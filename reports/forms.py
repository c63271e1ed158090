"""Staff forms of the round dashboard."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.admin_versioning import VersionedAdminForm
from core.validators import TEXT_VALIDATORS

from .models import ReportingRound


class ReportingRoundForm(VersionedAdminForm):
    """Open a round: the year (last year unless chosen otherwise) and the deadline.

    Changing a round's deadline is refused when the round changed after the form was loaded (it is
    opened and published from the dashboard, possibly by someone else meanwhile).
    """

    class Meta:
        model = ReportingRound
        fields = ["year", "deadline"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["year"].initial = timezone.localdate().year - 1
        self.fields["year"].disabled = bool(self.instance.pk)

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if not self.instance.pk and deadline < timezone.localdate():
            raise forms.ValidationError(_("The deadline of a new round cannot be in the past."))
        return deadline


class ReviewForm(forms.Form):
    """Approve or return one cluster's submitted figures from the dashboard."""

    APPROVE, RETURN = "approve", "return"

    figures = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(choices=[(APPROVE, _("Approve")), (RETURN, _("Return"))])
    reason = forms.CharField(
        label=_("Reason for returning"),
        required=False,
        validators=TEXT_VALIDATORS,  # saved as the review note without the model's own check
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The cluster's managers see it; say what to correct."),
    )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("decision") == self.RETURN and not cleaned_data.get("reason", "").strip():
            self.add_error("reason", _("Say why the figures are returned, so the cluster can correct them."))
        return cleaned_data
