"""Clusters, their member companies, contact persons and yearly figures."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField
from simple_history.models import HistoricalRecords

from core.validators import TEXT_VALIDATORS, strip_bidi_controls
from people.emails import looks_personal

from .querysets import (
    ClusterQuerySet,
    CompanyQuerySet,
    ContactQuerySet,
    MembershipQuerySet,
    YearlyFiguresQuerySet,
)
from .validators import validate_registration_number

YEAR_VALIDATORS = [MinValueValidator(1990), MaxValueValidator(2100)]


def language_columns(*fields: str) -> list[str]:
    """The per-language columns django-modeltranslation adds for `fields` (see translation.py):
    ``language_columns("name")`` -> ["name_lv", "name_en"].

    The history keeps the plain column, which holds the Latvian text (or, without one, the English).
    """
    return [f"{field}_{code}" for field in fields for code in settings.MODELTRANSLATION_LANGUAGES]


def export_share(turnover: int | float | None, export: int | float | None) -> float | None:
    """Export as a share of turnover (0..1, more when the figures are wrong), or None without turnover.

    The one place this ratio is computed: the models, charts, tables and files all call it.
    """
    if not turnover or export is None:
        return None
    return float(export) / float(turnover)


class Sector(models.Model):
    class Kind(models.TextChoices):
        SECTOR = "sector", _("Sector")
        CROSS_SECTOR = "cross_sector", _("Cross-sector")

    name = models.CharField(_("name"), max_length=100, unique=True, validators=TEXT_VALIDATORS)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SECTOR)

    history = HistoricalRecords(excluded_fields=language_columns("name"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self) -> str:
        return self.name


class Cluster(models.Model):
    class Label(models.TextChoices):
        NONE = "", _("None")
        BRONZE = "bronze", _("Bronze")
        SILVER = "silver", _("Silver")
        GOLD = "gold", _("Gold")

    name = models.CharField(_("name"), max_length=200, validators=TEXT_VALIDATORS)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True, validators=TEXT_VALIDATORS)
    sectors = models.ManyToManyField(Sector, verbose_name=_("sectors"), related_name="clusters", blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True, validators=TEXT_VALIDATORS)
    email = models.EmailField(_("general e-mail"), blank=True)
    email_confirmed = models.EmailField(
        _("general e-mail confirmed"),
        blank=True,
        help_text=_(
            "The general e-mail staff confirmed as the organisation's own. A general e-mail that looks "
            "like a person's is published only once it is confirmed here."
        ),
    )
    phone = PhoneNumberField(_("phone"), blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True, validators=TEXT_VALIDATORS)
    region = models.CharField(_("region"), max_length=100, blank=True, validators=TEXT_VALIDATORS)
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    founded_year = models.PositiveSmallIntegerField(
        _("founded"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    lcn_member = models.BooleanField(
        _("LCN member"), default=False, help_text=_("Member of the Latvian Cluster Network.")
    )
    lcn_joined_on = models.DateField(_("joined LCN on"), null=True, blank=True)
    excellence_label = models.CharField(
        _("cluster management excellence label"),
        max_length=10,
        choices=Label.choices,
        blank=True,
        help_text=_("European Cluster Excellence Initiative label, if any."),
    )
    label_valid_until = models.DateField(_("label valid until"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_demo = models.BooleanField(
        _("synthetic demo data"),
        default=False,
        editable=False,
        help_text=_("Generated for load tests; never part of the real directory."),
    )
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("managers"),
        related_name="managed_clusters",
        blank=True,
        help_text=_("Portal users who keep this cluster's entry current."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ClusterQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[sectors], excluded_fields=language_columns("description"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")
        indexes = [models.Index(Lower("name"), name="cluster_name_lower")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("clusters:cluster-detail", kwargs={"slug": self.slug})

    @property
    def email_is_confirmed(self) -> bool:
        return bool(self.email) and self.email.lower() == self.email_confirmed.lower()

    @property
    def email_looks_personal(self) -> bool:
        """The general e-mail reads like a person's or is a person's address (then staff must confirm it).

        Rows from ``Cluster.objects.with_email_check()`` know whether a person has the address; other
        rows count as if one had, so an unchecked address is never published.
        """
        return bool(self.email) and (getattr(self, "email_is_a_person", True) or looks_personal(self.email))

    @property
    def public_email(self) -> str:
        """The general e-mail if the public may see it: it looks like no one's, or staff confirmed it."""
        if self.email_is_confirmed or not self.email_looks_personal:
            return self.email
        return ""


class YearlyFigures(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    class Source(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted by the cluster")
        IMPORTED = "imported", _("Imported from a spreadsheet")
        ENTERED = "entered", _("Entered by the network's staff")

    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="figures", verbose_name=_("cluster")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    members = models.PositiveIntegerField(_("number of members"))
    turnover_eur = models.BigIntegerField(_("turnover, EUR"), validators=[MinValueValidator(0)])
    export_eur = models.BigIntegerField(_("export, EUR"), validators=[MinValueValidator(0)])
    consultation_hours = models.PositiveIntegerField(_("consultation hours"), null=True, blank=True)
    # The indicators European cluster platforms ask for beside the presentation's. Empty means not
    # known, which is not the same as 0: totals leave unknown values out and say so.
    members_sme = models.PositiveIntegerField(_("members: SMEs"), null=True, blank=True)
    members_large = models.PositiveIntegerField(_("members: large companies"), null=True, blank=True)
    members_research = models.PositiveIntegerField(
        _("members: research organisations"), null=True, blank=True
    )
    members_education = models.PositiveIntegerField(_("members: education providers"), null=True, blank=True)
    members_public = models.PositiveIntegerField(_("members: public bodies"), null=True, blank=True)
    members_other = models.PositiveIntegerField(_("members: other"), null=True, blank=True)
    member_employees = models.PositiveIntegerField(
        _("employees of the members"), null=True, blank=True, help_text=_("Head count of all members.")
    )
    export_missions = models.PositiveIntegerField(_("export missions"), null=True, blank=True)
    joint_research_projects = models.PositiveIntegerField(_("joint research projects"), null=True, blank=True)
    management_staff_fte = models.DecimalField(
        _("cluster management staff, FTE"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Full-time equivalents of the cluster organisation's own staff."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(
        _("review note"),
        blank=True,
        help_text=_("Why the figures were rejected; the manager sees it."),
        validators=TEXT_VALIDATORS,
    )
    source = models.CharField(
        _("source"),
        max_length=10,
        choices=Source.choices,
        blank=True,
        help_text=_("Where the figures came from; empty for figures recorded before sources were kept."),
    )
    import_file = models.CharField(
        _("imported from file"), max_length=255, blank=True, validators=TEXT_VALIDATORS
    )
    import_sheet = models.CharField(_("sheet"), max_length=100, blank=True, validators=TEXT_VALIDATORS)
    import_row = models.PositiveIntegerField(_("row"), null=True, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = YearlyFiguresQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["cluster__name", "-year"]
        verbose_name = _("yearly figures")
        verbose_name_plural = _("yearly figures")
        constraints = [
            # A correction of approved figures is a second row for the same year that waits for
            # review while the approved one stays public; approving it replaces the approved one.
            models.UniqueConstraint(
                fields=["cluster", "year"],
                condition=Q(status="approved"),
                name="figures_one_approved_per_year",
                violation_error_message=_("This cluster already has approved figures for this year."),
            ),
            models.UniqueConstraint(
                fields=["cluster", "year"],
                condition=~Q(status="approved"),
                name="figures_one_unapproved_per_year",
                violation_error_message=_("This cluster already has unapproved figures for this year."),
            ),
            models.CheckConstraint(
                condition=Q(turnover_eur__gte=0) & Q(export_eur__gte=0),
                name="figures_amounts_non_negative",
                violation_error_message=_("Turnover and export cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(management_staff_fte__gte=0) | Q(management_staff_fte__isnull=True),
                name="figures_staff_fte_non_negative",
                violation_error_message=_("Staff FTE cannot be negative."),
            ),
            # members, consultation hours and the other counts are PositiveIntegerFields: the
            # database checks them.
        ]
        indexes = [models.Index(fields=["status", "year"], name="figures_status_year")]

    # Optional indicators beyond members, turnover, export and consultation hours, in form order.
    EXTRA_INDICATORS = (
        "members_sme",
        "members_large",
        "members_research",
        "members_education",
        "members_public",
        "members_other",
        "member_employees",
        "export_missions",
        "joint_research_projects",
        "management_staff_fte",
    )
    # Every indicator of a yearly report, for completeness.
    INDICATORS = ("members", "turnover_eur", "export_eur", "consultation_hours", *EXTRA_INDICATORS)

    def __str__(self) -> str:
        return f"{self.cluster} {self.year}"

    @property
    def completeness(self) -> int:
        """How many of the INDICATORS are known, in whole per cent (0..100)."""
        known = sum(getattr(self, name) is not None for name in self.INDICATORS)
        return round(100 * known / len(self.INDICATORS))

    @property
    def export_share(self) -> float | None:
        """Export as a share of turnover (0..1), or None when there is no turnover."""
        return export_share(self.turnover_eur, self.export_eur)

    def set_imported(
        self, *, file_name: str, sheet: str, row: int, user: models.Model | None, when: datetime.datetime
    ) -> None:
        """Record that these figures come from `row` (1-based, as the spreadsheet numbers it) of
        `sheet` in the uploaded file `file_name`, imported by `user` at `when`. Does not save.

        Text-direction characters in the names are dropped: the file is the uploader's, and refusing
        its figures over its name would lose them."""
        self.source = self.Source.IMPORTED
        file_name, sheet = strip_bidi_controls(file_name), strip_bidi_controls(sheet)
        self.import_file, self.import_sheet, self.import_row = file_name[:255], sheet[:100], row
        self.imported_by, self.imported_at = user, when


class Company(models.Model):
    class Category(models.TextChoices):
        SME = "sme", _("SME")
        LARGE = "large", _("Large company")
        RESEARCH = "research", _("Research organisation")
        UNIVERSITY = "university", _("University")
        EDUCATION = "education", _("Education provider")
        FINANCE = "finance", _("Financial intermediary")
        CONSULTANT = "consultant", _("Consultant")
        PUBLIC = "public", _("Public body")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=255, validators=TEXT_VALIDATORS)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    registration_number = models.CharField(
        _("registration number"),
        max_length=11,
        blank=True,
        validators=[validate_registration_number],
        help_text=_("11 digits, as in the Register of Enterprises of Latvia."),
    )
    website = models.URLField(_("website"), max_length=500, blank=True, validators=TEXT_VALIDATORS)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = PhoneNumberField(_("phone"), blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True, validators=TEXT_VALIDATORS)
    sector = models.ForeignKey(
        Sector,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="companies",
        verbose_name=_("sector"),
    )
    category = models.CharField(
        _("member category"), max_length=20, choices=Category.choices, default=Category.SME
    )
    description = models.TextField(_("description"), blank=True, validators=TEXT_VALIDATORS)
    is_demo = models.BooleanField(_("synthetic demo data"), default=False, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CompanyQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=language_columns("description"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        constraints = [
            models.UniqueConstraint(
                fields=["registration_number"],
                condition=~Q(registration_number=""),
                name="company_registration_number_unique",
            ),
        ]
        indexes = [
            models.Index(Lower("name"), name="company_name_lower"),
            # The public company list pages through companies by name.
            models.Index(fields=["name", "id"], name="company_name_id"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("clusters:company-detail", kwargs={"slug": self.slug})


class Membership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        FOUNDING = "founding", _("Founding member")
        BOARD = "board", _("Board member")

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("company")
    )
    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("cluster")
    )
    since = models.DateField(_("member since"), null=True, blank=True)
    until = models.DateField(
        _("member until"), null=True, blank=True, help_text=_("Empty while the membership lasts.")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["cluster__name", "company__name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["company", "cluster"],
                condition=Q(until__isnull=True),
                name="membership_one_current_per_pair",
                violation_error_message=_("This company is already a current member of the cluster."),
            ),
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(since__isnull=True) | Q(until__gte=models.F("since")),
                name="membership_until_after_since",
                violation_error_message=_("A membership cannot end before it starts."),
            ),
        ]
        indexes = [
            models.Index(fields=["cluster", "until"], name="membership_cluster_until"),
            # Counting a cluster's current members reads this index alone (admin cluster list).
            models.Index(
                fields=["cluster"], condition=Q(until__isnull=True), name="membership_current_cluster"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company} in {self.cluster}"

    @property
    def is_current(self) -> bool:
        return self.until is None


class Contact(models.Model):
    """A person's role at an organisation: the cluster's manager, a company's contact, the network's chair.

    The personal data (name, e-mail, phone) lives on ``people.Person``; one person may hold roles at
    several organisations. A role is shown publicly only while its person has a current consent record.
    """

    class Organisation(models.TextChoices):
        NETWORK = "network", _("Latvian Cluster Network")
        CLUSTER = "cluster", _("Cluster")
        COMPANY = "company", _("Company")

    class Role(models.TextChoices):
        CHAIRPERSON = "chairperson", _("Chairperson")
        BOARD = "board", _("Board member")
        MANAGER = "manager", _("Cluster manager")
        PROJECT_MANAGER = "project_manager", _("Project manager")
        CONTACT = "contact", _("Contact person")
        OTHER = "other", _("Other")

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="roles", verbose_name=_("person")
    )
    position = models.CharField(_("position"), max_length=200, blank=True, validators=TEXT_VALIDATORS)
    organisation = models.CharField(
        _("organisation"), max_length=10, choices=Organisation.choices, default=Organisation.CLUSTER
    )
    cluster = models.ForeignKey(
        Cluster,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("cluster"),
    )
    company = models.ForeignKey(
        Company,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("company"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.CONTACT)
    is_primary = models.BooleanField(_("primary contact"), default=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ContactQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["person__last_name", "person__first_name", "pk"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(organisation="network", cluster__isnull=True, company__isnull=True)
                    | Q(organisation="cluster", cluster__isnull=False, company__isnull=True)
                    | Q(organisation="company", cluster__isnull=True, company__isnull=False)
                ),
                name="contact_organisation_matches",
                violation_error_message=_(
                    "Choose the cluster or company that matches the organisation, and only that."
                ),
            ),
            models.UniqueConstraint(
                fields=["person", "cluster"],
                condition=Q(cluster__isnull=False),
                name="contact_one_role_per_cluster",
                violation_error_message=_("This person is already a contact person of this cluster."),
            ),
            models.UniqueConstraint(
                fields=["person", "company"],
                condition=Q(company__isnull=False),
                name="contact_one_role_per_company",
                violation_error_message=_("This person is already a contact person of this company."),
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(organisation="network"),
                name="contact_one_role_at_network",
                violation_error_message=_("This person is already a contact person of the network."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return self.person.full_name

    @property
    def first_name(self) -> str:
        return self.person.first_name

    @property
    def last_name(self) -> str:
        return self.person.last_name

    @property
    def email(self) -> str:
        return self.person.email

    @property
    def phone(self):
        return self.person.phone

    @property
    def organisation_name(self) -> str:
        if self.cluster_id:
            return str(self.cluster)
        if self.company_id:
            return str(self.company)
        return str(self.Organisation.NETWORK.label)


class NetworkFigures(models.Model):
    """Figures the network reports only as totals, one row per year."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True, validators=YEAR_VALIDATORS)
    clusters_in_latvia = models.PositiveSmallIntegerField(_("clusters in Latvia"), null=True, blank=True)
    member_clusters = models.PositiveSmallIntegerField(_("member clusters"), null=True, blank=True)
    members = models.PositiveIntegerField(_("member companies and organisations"), null=True, blank=True)
    turnover_eur = models.BigIntegerField(
        _("turnover, EUR"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    export_eur = models.BigIntegerField(
        _("export, EUR"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    consultation_hours = models.PositiveIntegerField(_("consultation hours"), null=True, blank=True)
    export_growth_latvia_pct = models.DecimalField(
        _("export growth of Latvia, % a year"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("Average yearly growth of Latvia's exports in recent years."),
    )
    export_growth_clusters_pct = models.DecimalField(
        _("export growth of the clusters, % a year"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
    )
    source = models.CharField(_("source"), max_length=200, blank=True, validators=TEXT_VALIDATORS)

    history = HistoricalRecords(excluded_fields=language_columns("source"))

    class Meta:
        ordering = ["-year"]
        verbose_name = _("network figures")
        verbose_name_plural = _("network figures")
        constraints = [
            models.CheckConstraint(
                condition=(Q(turnover_eur__gte=0) | Q(turnover_eur__isnull=True))
                & (Q(export_eur__gte=0) | Q(export_eur__isnull=True)),
                name="network_figures_non_negative",
            ),
        ]

    def __str__(self) -> str:
        return str(self.year)


class ReportingYear(models.Model):
    """A year staff declared closed: its totals count as complete even if some cluster never reported.

    Without a closed row, a year is complete once every member cluster has approved figures for it
    (see ``clusters.statistics``).
    """

    year = models.PositiveSmallIntegerField(_("year"), unique=True, validators=YEAR_VALIDATORS)
    closed = models.BooleanField(
        _("closed"),
        default=False,
        help_text=_(
            "Closed years are shown as complete in the statistics and trends, with the clusters that "
            "reported; use it when a cluster will never report for the year."
        ),
    )
    note = models.TextField(
        _("note"), blank=True, help_text=_("Why the year was closed, for staff."), validators=TEXT_VALIDATORS
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("reporting year")
        verbose_name_plural = _("reporting years")

    def __str__(self) -> str:
        return str(self.year)


class Network(models.Model):
    """The Latvian Cluster Network itself: one row, edited in the admin."""

    name = models.CharField(_("name"), max_length=200, validators=TEXT_VALIDATORS)
    short_name = models.CharField(_("short name"), max_length=20, blank=True, validators=TEXT_VALIDATORS)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    clusterization_since = models.PositiveSmallIntegerField(
        _("clusterization in Latvia since"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    objective = models.TextField(_("main objective"), blank=True, validators=TEXT_VALIDATORS)
    activities = models.TextField(
        _("common activities"), blank=True, help_text=_("One per line."), validators=TEXT_VALIDATORS
    )
    website = models.URLField(_("website"), blank=True, validators=TEXT_VALIDATORS)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.TextField(
        _("postal address"),
        blank=True,
        help_text=_("Shown on the public contact page."),
        validators=TEXT_VALIDATORS,
    )

    history = HistoricalRecords(excluded_fields=language_columns("name", "objective", "activities"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("network")
        verbose_name_plural = _("network")

    def __str__(self) -> str:
        return self.name

    @property
    def activity_list(self) -> list[str]:
        return [line.strip() for line in self.activities.splitlines() if line.strip()]
