"""Funding programmes, the projects they funded and what those projects achieved."""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from clusters.models import Cluster, language_columns
from core.validators import TEXT_VALIDATORS


class ProgrammeQuerySet(models.QuerySet):
    def for_directory(self) -> "ProgrammeQuerySet":
        """Programmes with their projects' count and summed funding, by name, for list pages."""
        # Explicit ordering: Django leaves Meta.ordering out of GROUP BY queries.
        return self.annotate(
            project_count=models.Count("projects"),
            erdf_total=models.Sum("projects__erdf_funding_eur"),
            private_total=models.Sum("projects__private_funding_eur"),
        ).order_by("name", "pk")

    def for_profile(self) -> "ProgrammeQuerySet":
        """Programmes with their projects (as ``project_list``), each with its public beneficiary clusters
        (as ``public_clusters``) and indicators."""
        public_clusters = Cluster.objects.public().order_by("name")
        projects = Project.objects.order_by("-starts_on", "title").prefetch_related(
            Prefetch("clusters", public_clusters, to_attr="public_clusters"), "indicators"
        )
        return self.prefetch_related(Prefetch("projects", projects, to_attr="project_list"))


class ProjectQuerySet(models.QuerySet):
    def for_cluster_profile(self, cluster: Cluster) -> "ProjectQuerySet":
        """The projects a cluster took part in, newest first, each with its programme (one query)."""
        return self.filter(clusters=cluster).select_related("programme").order_by("-starts_on", "title")


class Programme(models.Model):
    name = models.CharField(_("name"), max_length=200, validators=TEXT_VALIDATORS)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    managing_authority = models.CharField(
        _("managing authority"),
        max_length=200,
        blank=True,
        help_text=_("E.g. Ministry of Economics."),
        validators=TEXT_VALIDATORS,
    )
    fund = models.CharField(
        _("fund"), max_length=100, blank=True, help_text=_("E.g. ERDF."), validators=TEXT_VALIDATORS
    )
    aim = models.TextField(_("aim"), blank=True, validators=TEXT_VALIDATORS)
    description = models.TextField(_("description"), blank=True, validators=TEXT_VALIDATORS)
    supported_activities = models.TextField(
        _("supported activities"), blank=True, help_text=_("One per line."), validators=TEXT_VALIDATORS
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    objects = ProgrammeQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=language_columns(
            "name", "managing_authority", "fund", "aim", "description", "supported_activities"
        )
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="programme_ends_after_start",
                violation_error_message=_("A programme cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:programme-detail", kwargs={"slug": self.slug})

    @property
    def activity_list(self) -> list[str]:
        return [line.strip() for line in self.supported_activities.splitlines() if line.strip()]


class Project(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="projects", verbose_name=_("programme")
    )
    title = models.CharField(_("title"), max_length=300, validators=TEXT_VALIDATORS)
    reference_number = models.CharField(
        _("reference number"), max_length=100, blank=True, validators=TEXT_VALIDATORS
    )
    clusters = models.ManyToManyField(
        Cluster, verbose_name=_("beneficiary clusters"), related_name="projects", blank=True
    )
    erdf_funding_eur = models.DecimalField(
        _("ERDF funding, EUR"), max_digits=14, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    private_funding_eur = models.DecimalField(
        _("private funding, EUR"),
        max_digits=14,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    objects = ProjectQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[clusters], excluded_fields=language_columns("title"))

    class Meta:
        ordering = ["programme__name", "-starts_on", "title"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(
                condition=Q(erdf_funding_eur__gte=0) & Q(private_funding_eur__gte=0),
                name="project_funding_non_negative",
                violation_error_message=_("Funding cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="project_ends_after_start",
                violation_error_message=_("A project cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def total_funding_eur(self):
        return self.erdf_funding_eur + self.private_funding_eur


class Indicator(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("project")
    )
    name = models.CharField(_("name"), max_length=200, validators=TEXT_VALIDATORS)
    achieved_value = models.DecimalField(_("achieved"), max_digits=14, decimal_places=2)
    target_value = models.DecimalField(_("target"), max_digits=14, decimal_places=2, null=True, blank=True)
    position = models.PositiveSmallIntegerField(
        pgettext_lazy("order in a list", "position"),
        default=0,
        help_text=_("Indicators are listed by this number."),
    )

    history = HistoricalRecords(excluded_fields=language_columns("name"))

    class Meta:
        ordering = ["project", "position", "name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="indicator_unique_per_project"),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.achieved_value.normalize():f}"
