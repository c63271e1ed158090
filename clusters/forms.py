"""Forms of the staff admin (actions that need input, figures, mailing lists) and the figures check the portal
shares."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.admin_versioning import VersionedAdminForm, VersionedInlineForm
from core.validators import TEXT_VALIDATORS

from .fields import FIGURES_FIELD_CLASSES, WholeNumberField, whole_number_field_classes
from .models import Contact, NetworkFigures, YearlyFigures
from .plausibility import FiguresWarning, figures_warnings_for


class FiguresRejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        validators=TEXT_VALIDATORS,  # saved as the review note without the model's own check
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


CONFIRM_MESSAGE = _(
    "Please check the figures. If they are right, tick “I have checked these figures” and submit again."
)


class FiguresCheckMixin(forms.Form):
    """For ModelForms of YearlyFigures: plausibility warnings (``clusters.plausibility``) that must be
    confirmed before the figures are saved.

    The first submission with warnings is refused with the warnings and a checkbox "I have checked
    these figures"; ticked, the same figures are saved. The checkbox is hidden until warnings appear,
    so nobody confirms warnings they have not seen. ``plausibility_warnings`` holds the warnings found.
    """

    checked = forms.BooleanField(
        label=_("I have checked these figures"),
        required=False,
        help_text=_("Tick this if the figures are right despite the warnings above."),
    )

    # False when the template shows ``plausibility_warnings`` itself, apart from the errors.
    warnings_in_errors = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.plausibility_warnings: list[FiguresWarning] = []
        self.fields["checked"].widget = forms.HiddenInput()

    def _figures_cluster(self):
        cluster = self.cleaned_data.get("cluster")
        if cluster is None and self.instance.cluster_id:
            cluster = self.instance.cluster
        return cluster

    def clean(self):
        cleaned_data = super().clean()
        values = {name: cleaned_data.get(name) for name in ("members", "turnover_eur", "export_eur")}
        year = cleaned_data.get("year", self.instance.year)
        cluster = self._figures_cluster()
        if self.errors or cluster is None or year is None or None in values.values():
            return cleaned_data
        self.plausibility_warnings = figures_warnings_for(cluster=cluster, year=year, **values)
        if self.plausibility_warnings:
            self.fields["checked"].widget = forms.CheckboxInput()
            if not cleaned_data.get("checked"):
                raise forms.ValidationError(
                    [
                        forms.ValidationError(warning.message, code=warning.code)
                        for warning in self.plausibility_warnings
                        if self.warnings_in_errors
                    ]
                    + [forms.ValidationError(CONFIRM_MESSAGE, code="unconfirmed")]
                )
        return cleaned_data


FIGURES_ADMIN_FIELDS = [
    "cluster",
    "year",
    *FIGURES_FIELD_CLASSES,
    *YearlyFigures.EXTRA_INDICATORS,
    "status",
    "review_note",
]
FIGURES_ADMIN_FIELD_CLASSES = {
    **FIGURES_FIELD_CLASSES,
    **whole_number_field_classes(YearlyFigures, YearlyFigures.EXTRA_INDICATORS),
}


class YearlyFiguresAdminForm(FiguresCheckMixin, VersionedAdminForm):
    class Meta:
        model = YearlyFigures
        fields = FIGURES_ADMIN_FIELDS
        field_classes = FIGURES_ADMIN_FIELD_CLASSES


class YearlyFiguresInlineForm(VersionedInlineForm):
    """The figures rows inline on a cluster: amounts read as whole numbers (review them one by one)."""

    class Meta:
        model = YearlyFigures
        fields = ["year", *FIGURES_FIELD_CLASSES, "status"]
        field_classes = FIGURES_FIELD_CLASSES


class NetworkFiguresAdminForm(VersionedAdminForm):
    class Meta:
        model = NetworkFigures
        fields = [
            "year",
            "clusters_in_latvia",
            "member_clusters",
            *FIGURES_FIELD_CLASSES,
            "export_growth_latvia_pct",
            "export_growth_clusters_pct",
            "source",
        ]
        field_classes = {
            **FIGURES_FIELD_CLASSES,
            "member_clusters": WholeNumberField,
            "clusters_in_latvia": WholeNumberField,
        }
