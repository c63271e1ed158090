"""Forms of the cluster portal.

No form has a cluster field: the view sets the cluster on the instance from the URL (after checking
that the user manages it), so forged POST fields cannot attach a record to another cluster.
"""

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from clusters.contacts import PersonDetails, email_taken_in_cluster
from clusters.fields import (
    FIGURES_FIELD_CLASSES,
    RegistrationNumberField,
    WebsiteField,
    whole_number_field_classes,
)
from clusters.forms import FiguresCheckMixin
from clusters.models import Cluster, Company, Contact, Membership, YearlyFigures
from clusters.services import version_of
from clusters.validators import normalise_registration_number
from core.number_fields import TypedNumbersFormMixin
from core.validators import TEXT_VALIDATORS

MAX_LOGO_BYTES = 2 * 1024 * 1024
COMPANY_SEARCH_LIMIT = 20


class VersionedModelForm(TypedNumbersFormMixin, forms.ModelForm):
    """A ModelForm that carries the version of the row it was loaded from.

    ``portal.services.portal_form_save`` refuses the save when the row has a newer version.
    """

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = version_of(self.instance)

    def clean(self):
        cleaned_data = super().clean()
        # The portal's forms always carry the version: an edit posted without it was not made from
        # one of them and cannot say what its sender saw, so it is refused, not saved blindly.
        if self.instance.pk is not None and self.add_prefix("version") not in self.data:
            raise forms.ValidationError(
                _(
                    "This form was sent without the version of the record it was loaded with, so "
                    "nothing was saved. Reload the page and make your change again."
                ),
                code="version_missing",
            )
        return cleaned_data


class ClusterProfileForm(VersionedModelForm):
    """The cluster's own profile; the description in Latvian and in English, side by side."""

    class Meta:
        model = Cluster
        fields = ["description_lv", "description_en", "sectors", "website", "email", "phone", "city", "logo"]
        field_classes = {"website": WebsiteField}
        labels = {
            "description_lv": _("Description in Latvian"),
            "description_en": _("Description in English"),
        }
        help_texts = {
            "description_lv": _(
                "Shown on the Latvian pages; the English one is shown there while this is empty."
            ),
            "description_en": _(
                "Shown on the English pages; the Latvian one is shown there while this is empty."
            ),
        }
        widgets = {
            "description_lv": forms.Textarea(attrs={"rows": 6, "lang": "lv"}),
            "description_en": forms.Textarea(attrs={"rows": 6, "lang": "en"}),
            "sectors": forms.CheckboxSelectMultiple,
        }

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and getattr(logo, "size", 0) > MAX_LOGO_BYTES:
            raise forms.ValidationError(_("The logo may be at most 2 MB."))
        return logo


class FiguresForm(FiguresCheckMixin, VersionedModelForm):
    """Yearly figures of the cluster set on the instance; the year is fixed once chosen.

    Amounts are typed as text and read in the page's language (``clusters.fields``); implausible
    figures are saved only once the manager confirms them (``clusters.forms.FiguresCheckMixin``).
    """

    class Meta:
        model = YearlyFigures
        fields = [
            "year",
            "members",
            "turnover_eur",
            "export_eur",
            "consultation_hours",
            *YearlyFigures.EXTRA_INDICATORS,
        ]
        # Counts and euros are typed as text and read as whole numbers, the one decimal indicator
        # (management staff, FTE) with the page's decimal mark (core.number_fields).
        field_classes = {
            **FIGURES_FIELD_CLASSES,
            **whole_number_field_classes(YearlyFigures, YearlyFigures.EXTRA_INDICATORS),
        }

    warnings_in_errors = False  # portal/includes/figures_warnings.html shows them

    def __init__(self, *args, fixed_year: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].disabled = fixed_year

    def clean_year(self):
        year = self.cleaned_data["year"]
        others = YearlyFigures.objects.unapproved().filter(cluster=self.instance.cluster, year=year)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("Figures for %(year)s are already waiting for review; edit those instead."),
                params={"year": year},
            )
        return year


class ContactForm(VersionedModelForm):
    """A contact person of the cluster: the person's details, their role here, and their public consent.

    The e-mail is checked only against this cluster's own contact persons (``clusters.contacts``).
    """

    # Saved to the person without the model's own check, so the text rule is applied here.
    first_name = forms.CharField(label=_("First name"), max_length=100, validators=TEXT_VALIDATORS)
    last_name = forms.CharField(label=_("Last name"), max_length=100, validators=TEXT_VALIDATORS)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = PhoneNumberField(label=_("Phone"), required=False)
    is_public = forms.BooleanField(
        label=_("The person agreed to be shown publicly"),
        required=False,
        help_text=_(
            "Only with the person's consent: name, position, e-mail and phone then appear on the public "
            "cluster page. The consent is recorded with the date, you as its recorder and this cluster's "
            "portal as its source; unticking withdraws it at once."
        ),
    )
    consent_given_on = forms.DateField(
        label=_("Consent given on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The day the person agreed (needed when you tick the consent)."),
    )

    field_order = ["first_name", "last_name", "position", "role", "email", "phone", "is_primary"]

    class Meta:
        model = Contact
        fields = ["position", "role", "is_primary"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        contact = self.instance
        if contact.pk:
            person = contact.person
            consent = person.consents.for_public_display().first()
            self.initial.update(
                first_name=person.first_name,
                last_name=person.last_name,
                email=person.email,
                phone=person.phone,
                is_public=consent is not None,
                consent_given_on=consent.given_on if consent else None,
            )
        self.initial.setdefault("consent_given_on", timezone.localdate())

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        contact = self.instance if self.instance.pk else None
        if email_taken_in_cluster(cluster=self.instance.cluster, email=email, contact=contact):
            raise forms.ValidationError(_("Another contact person of this cluster has this e-mail."))
        return email

    def clean(self):
        cleaned_data = super().clean()
        given_on = cleaned_data.get("consent_given_on")
        if cleaned_data.get("is_public") and self._consent_is_new() and given_on is None:
            self.add_error("consent_given_on", _("Give the day the person agreed to be shown publicly."))
        if given_on and given_on > timezone.localdate():
            self.add_error("consent_given_on", _("Consent cannot be given in the future."))
        return cleaned_data

    def _consent_is_new(self) -> bool:
        return not self.initial.get("is_public")

    def person_details(self) -> PersonDetails:
        data = self.cleaned_data
        return PersonDetails(data["first_name"], data["last_name"], data["email"], data["phone"] or "")


class CompanySearchForm(forms.Form):
    q = forms.CharField(label=_("Company name or registration number"), max_length=100, required=False)

    def results(self) -> QuerySet[Company]:
        """Companies found as the public directory finds them (accents, case and legal forms ignored,
        best match first), or by their registration number (spaces ignored)."""
        text = self.cleaned_data.get("q", "").strip() if self.is_valid() else ""
        if len(text) < 2:
            return Company.objects.none()
        number = normalise_registration_number(text)
        return Company.objects.search(number if number.isdigit() else text)[:COMPANY_SEARCH_LIMIT]


class MemberListSearchForm(forms.Form):
    """Which of the cluster's memberships the members page lists: current or former, by name or number."""

    SHOW_CHOICES = [("current", _("Current members")), ("ended", _("Former members"))]

    search = forms.CharField(label=_("Find a member"), max_length=100, required=False)
    show = forms.ChoiceField(label=_("Show"), choices=SHOW_CHOICES, required=False)

    def showing_ended(self) -> bool:
        return self.is_valid() and self.cleaned_data.get("show") == "ended"

    def filter(self, memberships: QuerySet[Membership]) -> QuerySet[Membership]:
        data = self.cleaned_data if self.is_valid() else {}
        memberships = memberships.for_portal_list(ended=self.showing_ended())
        text = (data.get("search") or "").strip()
        if text:
            number = normalise_registration_number(text)
            memberships = memberships.search(number if number.isdigit() else text)
        return memberships


class MembershipForm(VersionedModelForm):
    """A new membership of the cluster (and, if already chosen, the company) set on the instance."""

    class Meta:
        model = Membership
        fields = ["role", "since"]
        widgets = {"since": forms.DateInput(attrs={"type": "date"})}

    def clean(self):
        cleaned_data = super().clean()
        membership = self.instance
        if membership.company_id and (
            Membership.objects.current()
            .filter(cluster=membership.cluster, company=membership.company)
            .exists()
        ):
            raise forms.ValidationError(
                _("%(company)s is already a member of this cluster."), params={"company": membership.company}
            )
        return cleaned_data


class NewCompanyForm(TypedNumbersFormMixin, forms.ModelForm):
    class Meta:
        model = Company
        fields = ["name", "registration_number", "category", "sector", "website", "city"]
        field_classes = {"website": WebsiteField, "registration_number": RegistrationNumberField}

    def clean_registration_number(self):
        number = self.cleaned_data["registration_number"]
        existing = Company.objects.filter(registration_number=number).first() if number else None
        if existing:
            raise forms.ValidationError(
                _("%(company)s already has this registration number: search for it and add it instead."),
                params={"company": existing.name},
            )
        return number


class CompanyDetailsForm(VersionedModelForm):
    """The public details of a member company that its cluster's managers may correct.

    Name and registration number identify the company across clusters: only staff change them.
    """

    class Meta:
        model = Company
        fields = ["website", "email", "phone", "city", "sector", "category", "description"]
        field_classes = {"website": WebsiteField}
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}


class MemberImportForm(forms.Form):
    """The upload of a member list (preview), or the confirmation of the previewed file (its token)."""

    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    file = forms.FileField(
        required=False,
        label=_("Member list"),
        help_text=_(
            "An .xlsx or .csv file with the columns Company, Registration number, Member since, Website, "
            "Email, Phone, City and Category; one row per member company."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("file") and not cleaned.get("token") and not self.errors:
            self.add_error("file", _("Choose a file."))
        return cleaned


class MembershipEndForm(VersionedModelForm):
    class Meta:
        model = Membership
        fields = ["until"]
        widgets = {"until": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["until"].required = True
        self.initial["until"] = self.instance.until or timezone.localdate()

    def clean_until(self):
        until = self.cleaned_data["until"]
        if until > timezone.localdate():
            raise forms.ValidationError(_("A membership can only be ended today or in the past."))
        if self.instance.since and until < self.instance.since:
            raise forms.ValidationError(_("A membership cannot end before it starts."))
        return until


# Staff side, used by the admin ---------------------------------------------------------------------
