"""People the network holds personal data about, the consent they gave, and what staff did with it.

A person's roles (contact person of a cluster, a company or the network) are ``clusters.Contact`` rows
pointing here; this app knows them only through the reverse relation ``roles``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField
from simple_history.models import HistoricalRecords

from core.validators import TEXT_VALIDATORS

from .querysets import ConsentRecordQuerySet, PersonQuerySet

ERASED_NAME = "[erased]"


class Person(models.Model):
    """A human being: the personal data proper. Roles, consent records and history hang off it.

    The e-mail address identifies a person, ignoring case: once among the people the network keeps
    (staff, imports), and once within each cluster's portal (``portal_cluster``), so that a cluster's
    managers can never learn whether the network knows an address from elsewhere.
    """

    first_name = models.CharField(_("first name"), max_length=100, validators=TEXT_VALIDATORS)
    last_name = models.CharField(_("last name"), max_length=100, validators=TEXT_VALIDATORS)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = PhoneNumberField(_("phone"), blank=True)
    notes = models.TextField(_("internal notes"), blank=True, validators=TEXT_VALIDATORS)
    portal_cluster = models.ForeignKey(
        "clusters.Cluster",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="portal_people",
        verbose_name=_("kept by the portal of"),
        help_text=_(
            "Set when a cluster's managers entered this person in the portal: they see and edit only "
            "such people and their own contact persons. Empty for people the network staff keep."
        ),
    )
    objected_to_mailings_on = models.DateField(
        _("objected to mailings on"),
        null=True,
        blank=True,
        help_text=_("The person asked not to be written to; mailing lists leave them out."),
    )
    erased_at = models.DateTimeField(
        _("erased at"), null=True, blank=True, editable=False, help_text=_("Personal data was erased.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["last_name", "first_name", "pk"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~Q(email="") & Q(portal_cluster__isnull=True),
                name="person_email_unique",
                violation_error_message=_("A person with this e-mail already exists."),
            ),
            models.UniqueConstraint(
                Lower("email"),
                "portal_cluster",
                condition=~Q(email="") & Q(portal_cluster__isnull=False),
                name="person_email_unique_per_portal",
                violation_error_message=_("A person with this e-mail already exists."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None


class ConsentRecord(models.Model):
    """Evidence that a person agreed to something: when, how, to which text, recorded by whom.

    Withdrawal sets ``withdrawn_at`` and keeps the record; only a current record (not withdrawn)
    allows what it is for.
    """

    class Purpose(models.TextChoices):
        PUBLIC_DISPLAY = "public", _("Shown on the public directory")
        MAILINGS = "mailings", _("Newsletters and mailings")

    class Method(models.TextChoices):
        PORTAL = "portal", _("Recorded by a cluster manager in the portal")
        FORM = "form", _("Signed form")
        EMAIL = "email", _("E-mail from the person")
        IMPORT = "import", _("Spreadsheet import")
        ADMIN = "admin", _("Recorded by staff")
        EARLIER = "earlier", _("Recorded before consent records existed")

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="consents", verbose_name=_("person")
    )
    purpose = models.CharField(
        _("purpose"), max_length=10, choices=Purpose.choices, default=Purpose.PUBLIC_DISPLAY
    )
    given_on = models.DateField(
        _("given on"), null=True, blank=True, help_text=_("Empty when the source does not say.")
    )
    method = models.CharField(_("how it was given"), max_length=10, choices=Method.choices)
    source = models.CharField(
        _("source"),
        max_length=255,
        blank=True,
        help_text=_("Where the evidence is: the imported file, the e-mail, the form's reference."),
        validators=TEXT_VALIDATORS,
    )
    text_version = models.CharField(
        _("text agreed to"),
        max_length=50,
        help_text=_("Version of the consent text the person saw."),
        validators=TEXT_VALIDATORS,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawal recorded by"),
    )

    objects = ConsentRecordQuerySet.as_manager()

    class Meta:
        ordering = ["person", "-recorded_at", "-pk"]
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        indexes = [models.Index(fields=["person", "purpose", "withdrawn_at"], name="consent_current")]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.get_method_display()})"

    @property
    def is_current(self) -> bool:
        return self.withdrawn_at is None


class PersonDataEvent(models.Model):
    """Who exported or erased a person's data, and when. Holds no personal data itself."""

    class Action(models.TextChoices):
        EXPORT = "export", _("Access export")
        ERASURE = "erasure", _("Erasure")
        RETENTION = "retention", _("Erased after the retention period")

    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("person")
    )
    person_number = models.PositiveBigIntegerField(_("person number"), help_text=_("The person's id."))
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    done_by_name = models.CharField(
        _("done by (account)"),
        max_length=150,
        help_text=_("The staff login or the system account."),
        validators=TEXT_VALIDATORS,
    )
    done_at = models.DateTimeField(_("done at"), auto_now_add=True)

    class Meta:
        ordering = ["-done_at", "-pk"]
        verbose_name = _("personal data event")
        verbose_name_plural = _("personal data events")

    def __str__(self) -> str:
        return f"{self.get_action_display()} #{self.person_number}"
