"""Staff side of the reporting round: open a round, follow it on its dashboard, review, publish.

The figures' own admin (clusters) gets e-mails added to its approve and reject actions here, because
the cluster domain knows nothing of notifications.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from clusters.admin import YearlyFiguresAdmin
from clusters.models import YearlyFigures
from clusters.services import figures_approve, figures_reject
from core.admin_versioning import VersionCheckedAdminMixin
from core.number_fields import TypedNumbersAdminMixin

from . import notifications
from .forms import ReportingRoundForm, ReviewForm
from .models import LanguagePreference, ReportingRound, RoundReminder
from .rounds import RoundError, completeness, round_open, round_publish, round_rows


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def review_and_notify(request: HttpRequest, figures: list[YearlyFigures], *, reason: str | None) -> int:
    """Approve (reason None) or return `figures` as the request's user, then e-mail the submitters."""
    pending = [item.pk for item in figures]
    if reason is None:
        done = figures_approve(figures, reviewer=request.user)
        status = YearlyFigures.Status.APPROVED
    else:
        done = figures_reject(figures, reviewer=request.user, reason=reason)
        status = YearlyFigures.Status.REJECTED
    reviewed = YearlyFigures.objects.filter(pk__in=pending, status=status, reviewed_by=request.user)
    notifications.figures_reviewed(
        reviewed.select_related("cluster", "submitted_by"), base_url=_base_url(request)
    )
    return done


@admin.register(ReportingRound)
class ReportingRoundAdmin(VersionCheckedAdminMixin, admin.ModelAdmin):
    form = ReportingRoundForm
    list_display = ["year", "deadline", "opened_at", "published_at", "approved_clusters", "dashboard_link"]
    readonly_fields = ["opened_at", "opened_by", "published_at", "published_by"]

    def get_queryset(self, request):
        approved = (
            YearlyFigures.objects.approved()
            .filter(year=OuterRef("year"))
            .order_by()
            .values("year")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return super().get_queryset(request).annotate(_approved=Coalesce(Subquery(approved), 0))

    @admin.display(description=_("approved clusters"), ordering="_approved")
    def approved_clusters(self, obj: ReportingRound) -> int:
        return obj._approved

    @admin.display(description=_("dashboard"))
    def dashboard_link(self, obj: ReportingRound) -> str:
        url = reverse("admin:reports_reportinground_dashboard", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Open the dashboard"))

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # the reminder log and the published state are the round's record

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        try:
            round, sent = round_open(
                year=obj.year, deadline=obj.deadline, user=request.user, base_url=_base_url(request)
            )
        except RoundError as exc:
            raise PermissionDenied(str(exc)) from exc
        obj.pk = round.pk
        self.message_user(
            request,
            ngettext(
                "The round for %(year)s is open; %(count)d manager was e-mailed.",
                "The round for %(year)s is open; %(count)d managers were e-mailed.",
                sent,
            )
            % {"year": round.year, "count": sent},
            messages.SUCCESS,
        )

    def response_add(self, request, obj, post_url_continue=None):
        return HttpResponseRedirect(reverse("admin:reports_reportinground_dashboard", args=[obj.pk]))

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/dashboard/", view(self.dashboard_view), name="reports_reportinground_dashboard"),
            path("<int:pk>/review/", view(self.review_view), name="reports_reportinground_review"),
            path("<int:pk>/publish/", view(self.publish_view), name="reports_reportinground_publish"),
            *super().get_urls(),
        ]

    def dashboard_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        round = get_object_or_404(ReportingRound.objects.select_related("opened_by", "published_by"), pk=pk)
        rows = round_rows(round)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Reporting round %(year)s") % {"year": round.year},
            "round": round,
            "rows": rows,
            "completeness": completeness(rows),
            "can_review": request.user.has_perm("clusters.change_yearlyfigures"),
            "can_publish": self.has_change_permission(request, round) and not round.is_published,
        }
        return TemplateResponse(request, "admin/reports/dashboard.html", context)

    def review_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if request.method != "POST" or not request.user.has_perm("clusters.change_yearlyfigures"):
            raise PermissionDenied
        round = get_object_or_404(ReportingRound, pk=pk)
        dashboard = reverse("admin:reports_reportinground_dashboard", args=[round.pk])
        form = ReviewForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                self.message_user(request, " ".join(errors), messages.ERROR)
            return HttpResponseRedirect(dashboard)
        figures = get_object_or_404(YearlyFigures, pk=form.cleaned_data["figures"], year=round.year)
        approve = form.cleaned_data["decision"] == ReviewForm.APPROVE
        done = review_and_notify(request, [figures], reason=None if approve else form.cleaned_data["reason"])
        if not done:
            self.message_user(request, _("These figures were not waiting for review."), messages.WARNING)
        elif approve:
            self.message_user(
                request, _("%(cluster)s approved.") % {"cluster": figures.cluster}, messages.SUCCESS
            )
        else:
            self.message_user(
                request, _("%(cluster)s returned.") % {"cluster": figures.cluster}, messages.SUCCESS
            )
        return HttpResponseRedirect(dashboard)

    def publish_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        round = get_object_or_404(ReportingRound, pk=pk)
        if request.method != "POST" or not self.has_change_permission(request, round):
            raise PermissionDenied
        try:
            round_publish(round, user=request.user)
        except RoundError as exc:
            self.message_user(request, str(exc), messages.ERROR)
        else:
            self.message_user(
                request,
                _("The round for %(year)s is published: its figures are in the public totals and the report.")
                % {"year": round.year},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(reverse("admin:reports_reportinground_dashboard", args=[round.pk]))


@admin.register(RoundReminder)
class RoundReminderAdmin(TypedNumbersAdminMixin, admin.ModelAdmin):
    list_display = ["round", "cluster", "step", "sent_at", "recipients"]
    list_filter = ["round", "step"]
    list_select_related = ["round", "cluster"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(LanguagePreference)
class LanguagePreferenceAdmin(VersionCheckedAdminMixin, admin.ModelAdmin):
    list_display = ["user", "language"]
    list_filter = ["language"]
    search_fields = ["user__username", "user__email"]
    autocomplete_fields = ["user"]
    list_select_related = ["user"]


class NotifyingYearlyFiguresAdmin(YearlyFiguresAdmin):
    """The figures' admin, whose approve and reject actions also e-mail the submitters."""

    @admin.action(description=_("Approve the selected figures (they become public)"), permissions=["change"])
    def approve_figures(self, request, queryset):
        return self._and_notify(
            request, queryset, YearlyFiguresAdmin.approve_figures, YearlyFigures.Status.APPROVED
        )

    @admin.action(description=_("Reject the selected figures, with a reason"), permissions=["change"])
    def reject_figures(self, request, queryset):
        return self._and_notify(
            request, queryset, YearlyFiguresAdmin.reject_figures, YearlyFigures.Status.REJECTED
        )

    def _and_notify(self, request, queryset, action, status):
        pending = list(queryset.pending().values_list("pk", flat=True))
        response = action(self, request, queryset)
        reviewed = YearlyFigures.objects.filter(pk__in=pending, status=status, reviewed_by=request.user)
        notifications.figures_reviewed(
            reviewed.select_related("cluster", "submitted_by"), base_url=_base_url(request)
        )
        return response


admin.site.unregister(YearlyFigures)
admin.site.register(YearlyFigures, NotifyingYearlyFiguresAdmin)
