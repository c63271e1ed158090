"""The yearly reporting round: staff ask every member cluster for its figures, chase and publish them.

A cluster's status in a round is not stored: it follows from its YearlyFigures for the round's year
(see ``reports.rounds``). What is stored is what only the round knows: its deadline, who opened and
published it, and which reminders went out.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from clusters.models import YEAR_VALIDATORS, Cluster

# Most people the network writes to are Latvian; they can choose English.
DEFAULT_LANGUAGE = "lv"


class ReportingRoundQuerySet(models.QuerySet):
    def published(self) -> "ReportingRoundQuerySet":
        return self.filter(published_at__isnull=False)

    def collecting(self) -> "ReportingRoundQuerySet":
        """Rounds opened and not yet published: clusters are asked for figures."""
        return self.filter(opened_at__isnull=False, published_at__isnull=True)

    def unpublished(self) -> "ReportingRoundQuerySet":
        """Rounds whose figures are not public yet, even where staff approved them."""
        return self.filter(published_at__isnull=True)


class ReportingRound(models.Model):
    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=YEAR_VALIDATORS, help_text=_("The year the figures are for.")
    )
    deadline = models.DateField(_("deadline"), help_text=_("The last day for clusters to submit."))
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True, editable=False)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("opened by"),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("published by"),
    )

    objects = ReportingRoundQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")
        constraints = [
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | Q(opened_at__isnull=False),
                name="round_published_only_when_opened",
                violation_error_message=_("A round can only be published once it was opened."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.year)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class RoundReminder(models.Model):
    """One reminder sent to one cluster's managers at one step of a round: the log that keeps
    ``send_round_reminders`` from sending it twice."""

    round = models.ForeignKey(
        ReportingRound, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("round")
    )
    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="round_reminders", verbose_name=_("cluster")
    )
    step = models.SmallIntegerField(
        _("step"), help_text=_("Days after the deadline (negative: before it) the reminder belongs to.")
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(_("recipients"), default=0)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("round reminder")
        verbose_name_plural = _("round reminders")
        constraints = [
            models.UniqueConstraint(fields=["round", "cluster", "step"], name="round_reminder_once_per_step"),
        ]

    def __str__(self) -> str:
        return f"{self.round} {self.cluster} {self.step:+d}"


class LanguagePreference(models.Model):
    """The language a user reads the system's e-mails in (Latvian unless they chose otherwise)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="language_preference",
        verbose_name=_("user"),
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=DEFAULT_LANGUAGE
    )

    class Meta:
        ordering = ["user__username"]
        verbose_name = _("e-mail language")
        verbose_name_plural = _("e-mail languages")

    def __str__(self) -> str:
        return f"{self.user} ({self.language})"
