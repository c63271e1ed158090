"""Clusters, their member companies, contact persons and yearly figures."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField
from simple_history.models import HistoricalRecords

from .validators import validate_registration_number

YEAR_VALIDATORS = [MinValueValidator(1990), MaxValueValidator(2100)]


class Sector(models.Model):
    class Kind(models.TextChoices):
        SECTOR = "sector", _("Sector")
        CROSS_SECTOR = "cross_sector", _("Cross-sector")

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SECTOR)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self) -> str:
        return self.name


def _approved_figures_prefetch() -> Prefetch:
    """A cluster's approved figures, oldest first, as ``approved_figures``."""
    return Prefetch("figures", YearlyFigures.objects.approved().order_by("year"), to_attr="approved_figures")


class ClusterQuerySet(models.QuerySet):
    def active(self) -> "ClusterQuerySet":
        """Clusters that are still operating."""
        return self.filter(is_active=True)

    def public(self) -> "ClusterQuerySet":
        """What the public directory may show: active clusters."""
        return self.active()

    def lcn_members(self) -> "ClusterQuerySet":
        return self.filter(lcn_member=True)

    def with_latest_figures(self) -> "ClusterQuerySet":
        """Annotate the latest approved year's figures: latest_year, latest_members, ...

        One correlated subquery per value keeps the query count constant and lets lists sort on them.
        """
        latest = YearlyFigures.objects.approved().filter(cluster=OuterRef("pk")).order_by("-year")
        return self.annotate(
            latest_year=Subquery(latest.values("year")[:1]),
            latest_members=Subquery(latest.values("members")[:1]),
            latest_turnover=Subquery(latest.values("turnover_eur")[:1]),
            latest_export=Subquery(latest.values("export_eur")[:1]),
        )

    def search(self, text: str) -> "ClusterQuerySet":
        """Clusters whose name, description, sector or a current member company's name contains text.

        Sectors and member companies are matched in ``pk IN (subquery)`` conditions, so a cluster appears
        once however many match; PostgreSQL runs each subquery once (through the trigram index on company
        names) instead of once per cluster.
        """
        text = text.strip()
        if not text:
            return self
        in_sector = Cluster.sectors.through.objects.filter(sector__name__icontains=text)
        with_member = Membership.objects.current().filter(company__name__icontains=text)
        return self.filter(
            Q(name__icontains=text)
            | Q(description__icontains=text)
            | Q(pk__in=in_sector.values("cluster_id"))
            | Q(pk__in=with_member.values("cluster_id"))
        )

    def largest_by_turnover(self) -> "ClusterQuerySet":
        """Clusters with approved figures, largest turnover in their latest year first."""
        return (
            self.with_latest_figures()
            .filter(latest_turnover__isnull=False)
            .order_by(F("latest_turnover").desc(), "name")
        )

    def for_directory(self) -> "ClusterQuerySet":
        """Public clusters for the directory list: sectors and the latest approved figures."""
        return self.public().with_latest_figures().prefetch_related("sectors")

    def for_profile(self) -> "ClusterQuerySet":
        """Public clusters with everything their profile page shows, except the member list.

        Only approved figures (oldest first, as ``approved_figures``) and public contacts (as
        ``public_contacts``) are loaded; projects come with their programme.
        """
        from programmes.models import Project

        return self.public().prefetch_related(
            "sectors",
            _approved_figures_prefetch(),
            Prefetch("contacts", Contact.objects.public(), to_attr="public_contacts"),
            Prefetch(
                "projects",
                Project.objects.select_related("programme").order_by("-starts_on", "title"),
                to_attr="project_list",
            ),
        )

    def for_open_data(self) -> "ClusterQuerySet":
        """Public clusters with sectors and approved figures (oldest first) for the open data files."""
        return self.public().prefetch_related(
            "sectors",
            _approved_figures_prefetch(),
        )

    def managed_by(self, user) -> "ClusterQuerySet":
        """The clusters a portal user may edit; empty for anonymous users."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(managers=user)

    def without_approved_figures(self, year: int) -> "ClusterQuerySet":
        """Active LCN member clusters that have no approved figures for the year."""
        approved = YearlyFigures.objects.approved().filter(cluster=OuterRef("pk"), year=year)
        return self.active().lcn_members().exclude(Exists(approved))


class Cluster(models.Model):
    class Label(models.TextChoices):
        NONE = "", _("None")
        BRONZE = "bronze", _("Bronze")
        SILVER = "silver", _("Silver")
        GOLD = "gold", _("Gold")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    sectors = models.ManyToManyField(Sector, verbose_name=_("sectors"), related_name="clusters", blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)
    email = models.EmailField(_("general e-mail"), blank=True)
    phone = PhoneNumberField(_("phone"), blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    region = models.CharField(_("region"), max_length=100, blank=True)
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
    history = HistoricalRecords(m2m_fields=[sectors])

    class Meta:
        ordering = ["name"]
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")
        indexes = [models.Index(Lower("name"), name="cluster_name_lower")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("clusters:cluster-detail", kwargs={"slug": self.slug})


class YearlyFiguresQuerySet(models.QuerySet):
    def approved(self) -> "YearlyFiguresQuerySet":
        """Figures staff approved: the only ones the public sees."""
        return self.filter(status=YearlyFigures.Status.APPROVED)

    def pending(self) -> "YearlyFiguresQuerySet":
        return self.filter(status=YearlyFigures.Status.SUBMITTED)

    def unapproved(self) -> "YearlyFiguresQuerySet":
        """Figures a manager may still edit: drafts, pending submissions and rejected ones."""
        return self.exclude(status=YearlyFigures.Status.APPROVED)

    def public(self) -> "YearlyFiguresQuerySet":
        """Approved figures of public clusters."""
        return self.approved().filter(cluster__in=Cluster.objects.public())

    def latest_per_cluster(self) -> "YearlyFiguresQuerySet":
        """Each cluster's latest row among these figures (call after the status filter)."""
        latest_year = self.filter(cluster=OuterRef("cluster")).order_by("-year").values("year")[:1]
        return self.filter(year=Subquery(latest_year))

    def totals_per_year(self) -> "YearlyFiguresQuerySet":
        """Rows of year, clusters, members, turnover and export summed over the clusters, oldest first."""
        return (
            self.order_by()
            .values("year")
            .annotate(
                clusters=models.Count("cluster"),
                members=models.Sum("members"),
                turnover=models.Sum("turnover_eur"),
                export=models.Sum("export_eur"),
            )
            .order_by("year")
        )

    def totals_per_sector(self) -> "YearlyFiguresQuerySet":
        """Rows of sector name and slug, clusters, members, turnover and export, largest turnover first.

        A cluster in several sectors counts in each of them.
        """
        return (
            self.filter(cluster__sectors__isnull=False)
            .order_by()
            .values(sector=F("cluster__sectors__name"), sector_slug=F("cluster__sectors__slug"))
            .annotate(
                clusters=models.Count("cluster"),
                members=models.Sum("members"),
                turnover=models.Sum("turnover_eur"),
                export=models.Sum("export_eur"),
            )
            .order_by("-turnover", "sector")
        )


class YearlyFigures(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="figures", verbose_name=_("cluster")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    members = models.PositiveIntegerField(_("number of members"))
    turnover_eur = models.BigIntegerField(_("turnover, EUR"), validators=[MinValueValidator(0)])
    export_eur = models.BigIntegerField(_("export, EUR"), validators=[MinValueValidator(0)])
    consultation_hours = models.PositiveIntegerField(_("consultation hours"), null=True, blank=True)
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
        _("review note"), blank=True, help_text=_("Why the figures were rejected; the manager sees it.")
    )
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
            # members and consultation hours are PositiveIntegerFields: the database checks them.
        ]
        indexes = [models.Index(fields=["status", "year"], name="figures_status_year")]

    def __str__(self) -> str:
        return f"{self.cluster} {self.year}"

    @property
    def export_share(self) -> float | None:
        """Export as a share of turnover (0..1), or None when there is no turnover."""
        if not self.turnover_eur:
            return None
        return self.export_eur / self.turnover_eur


class CompanyQuerySet(models.QuerySet):
    def search(self, text: str) -> "CompanyQuerySet":
        """Companies whose name contains text, or whose registration number starts with it (digits only:
        OR-ing the number into every search would keep PostgreSQL from using the name's trigram index)."""
        text = text.strip()
        if not text:
            return self
        if text.isdigit():
            return self.filter(Q(name__icontains=text) | Q(registration_number__startswith=text))
        return self.filter(name__icontains=text)

    def in_cluster(self, cluster: "Cluster") -> "CompanyQuerySet":
        """Current members of the cluster, each once.

        Takes the cluster itself rather than its slug: with the id in the query, PostgreSQL knows how
        large this cluster is and, for a large one, pages through companies by name instead of sorting
        all its members.
        """
        memberships = Membership.objects.current().filter(company=OuterRef("pk"), cluster=cluster)
        return self.filter(Exists(memberships))

    def for_directory(self) -> "CompanyQuerySet":
        """Companies for list pages: sector and current memberships of public clusters
        (as ``current_memberships``)."""
        memberships = Membership.objects.current().filter(cluster__in=Cluster.objects.public())
        return (
            self.select_related("sector")
            .prefetch_related(
                Prefetch(
                    "memberships",
                    memberships.select_related("cluster").order_by("cluster__name"),
                    to_attr="current_memberships",
                )
            )
            .order_by("name", "pk")
        )

    def for_profile(self) -> "CompanyQuerySet":
        """Companies with their sector, memberships of public clusters (as ``cluster_memberships``, current
        first) and public contacts (as ``public_contacts``)."""
        memberships = Membership.objects.filter(cluster__in=Cluster.objects.public())
        return self.select_related("sector").prefetch_related(
            Prefetch(
                "memberships",
                memberships.select_related("cluster").order_by(
                    F("until").desc(nulls_first=True), "cluster__name"
                ),
                to_attr="cluster_memberships",
            ),
            Prefetch("contacts", Contact.objects.public(), to_attr="public_contacts"),
        )


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

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    registration_number = models.CharField(
        _("registration number"),
        max_length=11,
        blank=True,
        validators=[validate_registration_number],
        help_text=_("11 digits, as in the Register of Enterprises of Latvia."),
    )
    website = models.URLField(_("website"), max_length=500, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = PhoneNumberField(_("phone"), blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
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
    description = models.TextField(_("description"), blank=True)
    is_demo = models.BooleanField(_("synthetic demo data"), default=False, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CompanyQuerySet.as_manager()
    history = HistoricalRecords()

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


class MembershipQuerySet(models.QuerySet):
    def current(self) -> "MembershipQuerySet":
        """Memberships that have not ended."""
        return self.filter(until__isnull=True)

    def for_member_list(self) -> "MembershipQuerySet":
        """Current memberships with their company and its sector, by company name (a cluster's members)."""
        return self.current().select_related("company", "company__sector").order_by("company__name", "pk")


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
        indexes = [models.Index(fields=["cluster", "until"], name="membership_cluster_until")]

    def __str__(self) -> str:
        return f"{self.company} in {self.cluster}"

    @property
    def is_current(self) -> bool:
        return self.until is None


class ContactQuerySet(models.QuerySet):
    def public(self) -> "ContactQuerySet":
        """Contacts who consented to be shown publicly."""
        return self.filter(is_public=True)


class Contact(models.Model):
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

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    position = models.CharField(_("position"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = PhoneNumberField(_("phone"), blank=True)
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
    is_public = models.BooleanField(
        _("consents to be shown publicly"),
        default=False,
        help_text=_("Name, position, e-mail and phone appear on public pages only with consent."),
    )
    consent_date = models.DateField(_("consent given on"), null=True, blank=True)
    notes = models.TextField(_("internal notes"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ContactQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["last_name", "first_name"]
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
                Lower("email"),
                condition=~Q(email=""),
                name="contact_email_unique",
                violation_error_message=_("A contact person with this e-mail already exists."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

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
    source = models.CharField(_("source"), max_length=200, blank=True)

    history = HistoricalRecords()

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


class Network(models.Model):
    """The Latvian Cluster Network itself: one row, edited in the admin."""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=20, blank=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    clusterization_since = models.PositiveSmallIntegerField(
        _("clusterization in Latvia since"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    objective = models.TextField(_("main objective"), blank=True)
    activities = models.TextField(_("common activities"), blank=True, help_text=_("One per line."))
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("network")
        verbose_name_plural = _("network")

    def __str__(self) -> str:
        return self.name

    @property
    def activity_list(self) -> list[str]:
        return [line.strip() for line in self.activities.splitlines() if line.strip()]
