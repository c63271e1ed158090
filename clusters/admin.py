from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.humanize.templatetags.humanize import intcomma
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ExportMixin
from simple_history.admin import SimpleHistoryAdmin

from . import resources
from .admin_import import ClusterImportMixin, ContactImportMixin, MemberImportMixin
from .fields import FIGURES_FIELD_CLASSES
from .forms import (
    FiguresRejectForm,
    ManagerInviteForm,
    NetworkFiguresAdminForm,
    YearlyFiguresAdminForm,
    YearlyFiguresInlineForm,
)
from .models import (
    Cluster,
    Company,
    Contact,
    Membership,
    Network,
    NetworkFigures,
    ReportingYear,
    Sector,
    YearlyFigures,
)
from .plausibility import figures_review
from .services import InvitationError, figures_approve, figures_reject, manager_invite


def action_form_response(modeladmin, request, queryset, *, form, action: str, **context) -> TemplateResponse:
    """The intermediate page of an admin action that needs input (a reason, an e-mail address)."""
    return TemplateResponse(
        request,
        "admin/clusters/action_form.html",
        {
            **modeladmin.admin_site.each_context(request),
            "opts": modeladmin.model._meta,
            "queryset": queryset,
            "form": form,
            "action": action,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            **context,
        },
    )


class YearlyFiguresInline(admin.TabularInline):
    model = YearlyFigures
    form = YearlyFiguresInlineForm
    extra = 0
    fields = ["year", "members", "turnover_eur", "export_eur", "consultation_hours", "status"]
    show_change_link = True


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["company", "role", "since", "until"]
    autocomplete_fields = ["company"]


class ClusterContactInline(admin.TabularInline):
    model = Contact
    fk_name = "cluster"
    extra = 0
    fields = ["first_name", "last_name", "position", "role", "email", "phone", "is_primary", "is_public"]


@admin.register(Sector)
class SectorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Cluster)
class ClusterAdmin(ClusterImportMixin, ExportMixin, SimpleHistoryAdmin):
    resource_classes = [resources.ClusterResource]
    list_display = ["name", "city", "lcn_member", "excellence_label", "is_active", "current_members"]
    list_filter = ["lcn_member", "is_active", "excellence_label", "sectors"]
    search_fields = ["name", "description", "email", "city"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["sectors", "managers"]
    inlines = [YearlyFiguresInline, MembershipInline, ClusterContactInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "description", "sectors", "is_active"]}),
        (_("Contact"), {"fields": ["website", "email", "phone", "city", "region", "logo"]}),
        (
            _("Network"),
            {
                "fields": [
                    "founded_year",
                    "lcn_member",
                    "lcn_joined_on",
                    "excellence_label",
                    "label_valid_until",
                ]
            },
        ),
        (_("Portal"), {"fields": ["managers"]}),
    ]
    actions = ["invite_manager"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(_current_members=Count("memberships", filter=Q(memberships__until__isnull=True)))
        )

    @admin.display(description=_("current member companies"), ordering="_current_members")
    def current_members(self, obj: Cluster) -> int:
        return obj._current_members

    def has_invite_permission(self, request) -> bool:
        return self.has_change_permission(request) and request.user.has_perm("auth.add_user")

    @admin.action(description=_("Invite a manager of the selected clusters"), permissions=["invite"])
    def invite_manager(self, request, queryset):
        form = ManagerInviteForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            email = form.cleaned_data["email"]
            try:
                manager_invite(email=email, clusters=list(queryset), base_url=request.build_absolute_uri("/"))
            except InvitationError as exc:
                form.add_error("email", str(exc))
            else:
                self.message_user(request, _("%(email)s was invited.") % {"email": email}, messages.SUCCESS)
                return None
        return action_form_response(
            self,
            request,
            queryset,
            form=form,
            action="invite_manager",
            title=_("Invite a manager"),
            intro=_("The person becomes a manager of these clusters and gets an e-mail with a link:"),
            submit_label=_("Send the invitation"),
        )


@admin.register(YearlyFigures)
class YearlyFiguresAdmin(SimpleHistoryAdmin):
    form = YearlyFiguresAdminForm
    list_display = [
        "cluster",
        "year",
        "members_display",
        "turnover_display",
        "export_display",
        "status",
        "source",
    ]
    list_filter = ["status", "year", "source", "cluster__lcn_member", "cluster__sectors"]
    search_fields = ["cluster__name"]
    autocomplete_fields = ["cluster"]
    list_select_related = ["cluster"]
    readonly_fields = [
        "review",
        "source",
        "submitted_by",
        "submitted_at",
        "reviewed_by",
        "reviewed_at",
        "import_file",
        "import_sheet",
        "import_row",
        "imported_by",
        "imported_at",
    ]
    fieldsets = [
        (
            None,
            {"fields": ["cluster", "year", "members", "turnover_eur", "export_eur", "consultation_hours"]},
        ),
        (_("Indicators of the yearly report"), {"fields": list(YearlyFigures.EXTRA_INDICATORS)}),
        (_("Review"), {"fields": ["review", "status", "review_note", "checked"]}),
        (
            _("Source"),
            {
                "fields": [
                    "source",
                    ("submitted_by", "submitted_at"),
                    ("reviewed_by", "reviewed_at"),
                    ("import_file", "import_sheet", "import_row"),
                    ("imported_by", "imported_at"),
                ]
            },
        ),
    ]
    actions = ["approve_figures", "reject_figures"]

    @admin.display(description=_("members"), ordering="members")
    def members_display(self, obj: YearlyFigures) -> str:
        return intcomma(obj.members)

    @admin.display(description=_("turnover, EUR"), ordering="turnover_eur")
    def turnover_display(self, obj: YearlyFigures) -> str:
        return intcomma(obj.turnover_eur)

    @admin.display(description=_("export, EUR"), ordering="export_eur")
    def export_display(self, obj: YearlyFigures) -> str:
        return intcomma(obj.export_eur)

    @admin.display(description=_("compared with approved figures"))
    def review(self, obj: YearlyFigures) -> str:
        if obj.pk is None:
            return "–"
        figures = YearlyFigures.objects.for_review().get(pk=obj.pk)
        return render_to_string("admin/clusters/figures_review.html", {"review": figures_review(figures)})

    def save_model(self, request, obj, form, change):
        """Figures typed in the admin record who entered them; approving them here records the reviewer."""
        if not change or set(form.changed_data) & set(FIGURES_FIELD_CLASSES):
            obj.source = YearlyFigures.Source.ENTERED
            obj.submitted_by, obj.submitted_at = request.user, timezone.now()
        if obj.status == YearlyFigures.Status.APPROVED and (not change or "status" in form.changed_data):
            obj.reviewed_by, obj.reviewed_at = request.user, timezone.now()
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Approve the selected figures (they become public)"), permissions=["change"])
    def approve_figures(self, request, queryset):
        figures = list(queryset)
        approved = figures_approve(figures, reviewer=request.user)
        self._report_review(
            request, ngettext("%(count)d approved.", "%(count)d approved.", approved), approved, figures
        )

    @admin.action(description=_("Reject the selected figures, with a reason"), permissions=["change"])
    def reject_figures(self, request, queryset):
        form = FiguresRejectForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            figures = list(queryset)
            rejected = figures_reject(figures, reviewer=request.user, reason=form.cleaned_data["reason"])
            self._report_review(
                request, ngettext("%(count)d rejected.", "%(count)d rejected.", rejected), rejected, figures
            )
            return None
        return action_form_response(
            self,
            request,
            queryset,
            form=form,
            action="reject_figures",
            title=_("Reject figures"),
            intro=_("These figures go back to the cluster's managers with your reason:"),
            submit_label=_("Reject"),
        )

    def _report_review(self, request, done_message: str, done: int, figures: list) -> None:
        self.message_user(
            request, done_message % {"count": done}, messages.SUCCESS if done else messages.WARNING
        )
        skipped = len(figures) - done
        if skipped:
            message = ngettext(
                "%(count)d was not waiting for review and was left as it was.",
                "%(count)d were not waiting for review and were left as they were.",
                skipped,
            )
            self.message_user(request, message % {"count": skipped}, messages.WARNING)


@admin.register(Company)
class CompanyAdmin(MemberImportMixin, ExportMixin, SimpleHistoryAdmin):
    resource_classes = [resources.CompanyResource]
    list_display = ["name", "registration_number", "category", "sector", "city"]
    list_filter = ["category", "sector", "memberships__cluster__lcn_member"]
    search_fields = ["name", "registration_number", "email", "city"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["sector"]
    list_select_related = ["sector"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(MemberImportMixin, ExportMixin, SimpleHistoryAdmin):
    resource_classes = [resources.MembershipResource]
    list_display = ["company", "cluster", "role", "since", "until"]
    list_filter = ["role", "cluster", ("until", admin.EmptyFieldListFilter)]
    search_fields = ["company__name", "company__registration_number", "cluster__name"]
    autocomplete_fields = ["company", "cluster"]
    list_select_related = ["company", "cluster"]


@admin.register(Contact)
class ContactAdmin(ContactImportMixin, ExportMixin, SimpleHistoryAdmin):
    resource_classes = [resources.ContactResource]
    list_display = ["full_name", "position", "organisation_name", "role", "email", "is_primary", "is_public"]
    list_filter = ["organisation", "role", "is_primary", "is_public"]
    search_fields = ["first_name", "last_name", "email", "cluster__name", "company__name"]
    autocomplete_fields = ["cluster", "company"]
    list_select_related = ["cluster", "company"]


@admin.register(NetworkFigures)
class NetworkFiguresAdmin(SimpleHistoryAdmin):
    form = NetworkFiguresAdminForm
    list_display = ["year", "member_clusters", "clusters_in_latvia", "members", "turnover_eur", "export_eur"]


@admin.register(ReportingYear)
class ReportingYearAdmin(SimpleHistoryAdmin):
    list_display = ["year", "closed", "note"]
    list_filter = ["closed"]


@admin.register(Network)
class NetworkAdmin(SimpleHistoryAdmin):
    list_display = ["name", "founded_on", "clusterization_since"]
