from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Count, Q
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ExportMixin
from simple_history.admin import SimpleHistoryAdmin

from . import mailing, resources
from .admin_import import ClusterImportMixin, ContactImportMixin, MemberImportMixin
from .forms import FiguresRejectForm, MailingListForm, ManagerInviteForm
from .models import Cluster, Company, Contact, Membership, Network, NetworkFigures, Sector, YearlyFigures
from .services import InvitationError, figures_approve, figures_reject, manager_invite

MAILING_CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


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
    fields = ["person", "position", "role", "is_primary"]
    autocomplete_fields = ["person"]


class PersonalEmailFilter(admin.SimpleListFilter):
    """Clusters whose general e-mail looks like a person's and is not confirmed: held back from the public."""

    title = _("general e-mail")
    parameter_name = "email_review"

    def lookups(self, request, model_admin):
        return [("held", _("looks personal, not published"))]

    def queryset(self, request, queryset):
        if self.value() != "held":
            return queryset
        checked = queryset.with_email_check().only("pk", "email", "email_confirmed")
        held = [cluster.pk for cluster in checked if cluster.email and not cluster.public_email]
        return queryset.filter(pk__in=held)


@admin.register(Sector)
class SectorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Cluster)
class ClusterAdmin(ClusterImportMixin, ExportMixin, SimpleHistoryAdmin):
    resource_classes = [resources.ClusterResource]
    list_display = [
        "name", "city", "lcn_member", "excellence_label", "is_active", "current_members", "email_published",
    ]  # fmt: skip
    list_filter = [PersonalEmailFilter, "lcn_member", "is_active", "excellence_label", "sectors"]
    search_fields = ["name", "description", "email", "city"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["sectors", "managers"]
    inlines = [YearlyFiguresInline, MembershipInline, ClusterContactInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "description", "sectors", "is_active"]}),
        (
            _("Contact"),
            {"fields": ["website", "email", "email_confirmed", "phone", "city", "region", "logo"]},
        ),
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
    actions = ["invite_manager", "confirm_general_email", "export_mailing_list"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .with_email_check()
            .annotate(_current_members=Count("memberships", filter=Q(memberships__until__isnull=True)))
        )

    @admin.display(description=_("current member companies"), ordering="_current_members")
    def current_members(self, obj: Cluster) -> int:
        return obj._current_members

    @admin.display(description=_("general e-mail published"), boolean=True)
    def email_published(self, obj: Cluster) -> bool | None:
        """Yes, no (looks personal: held back until confirmed), or empty without an address."""
        return bool(obj.public_email) if obj.email else None

    @admin.action(
        description=_("Confirm the general e-mail is the organisation's own (publish it)"),
        permissions=["change"],
    )
    def confirm_general_email(self, request, queryset):
        confirmed = 0
        for cluster in queryset.exclude(email=""):
            cluster.email_confirmed = cluster.email
            cluster._change_reason = "general e-mail confirmed by staff"
            cluster.save(update_fields=["email_confirmed", "updated_at"])
            confirmed += 1
        message = ngettext(
            "%(count)d general e-mail confirmed.", "%(count)d general e-mails confirmed.", confirmed
        )
        self.message_user(request, message % {"count": confirmed}, messages.SUCCESS)

    @admin.action(description=_("Export the mailing list of the selected clusters"), permissions=["view"])
    def export_mailing_list(self, request, queryset):
        form = MailingListForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            rows = mailing.mailing_list_rows(clusters=queryset, roles=form.cleaned_data["roles"])
            file_format = form.cleaned_data["file_format"]
            content_type = MAILING_CONTENT_TYPES[file_format]
            response = HttpResponse(mailing.mailing_list_file(rows, file_format), content_type=content_type)
            response["Content-Disposition"] = f'attachment; filename="mailing-list.{file_format}"'
            return response
        return action_form_response(
            self,
            request,
            queryset,
            form=form,
            action="export_mailing_list",
            title=_("Export a mailing list"),
            intro=_(
                "The contact persons of these clusters who may be written to, with the lawful basis for "
                "each; people who objected to mailings are left out:"
            ),
            submit_label=_("Export"),
        )

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
    list_display = [
        "cluster",
        "year",
        "members",
        "turnover_eur",
        "export_eur",
        "consultation_hours",
        "status",
    ]
    list_filter = ["status", "year", "cluster__lcn_member", "cluster__sectors"]
    search_fields = ["cluster__name"]
    autocomplete_fields = ["cluster"]
    list_select_related = ["cluster"]
    readonly_fields = ["submitted_by", "submitted_at", "reviewed_by", "reviewed_at"]
    actions = ["approve_figures", "reject_figures"]

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
    list_display = ["full_name", "position", "organisation_name", "role", "email", "is_primary"]
    list_filter = ["organisation", "role", "is_primary"]
    search_fields = [
        "person__first_name",
        "person__last_name",
        "person__email",
        "cluster__name",
        "company__name",
    ]
    autocomplete_fields = ["person", "cluster", "company"]
    list_select_related = ["person", "cluster", "company"]
    fields = ["person", "organisation", "cluster", "company", "role", "position", "is_primary"]

    @admin.display(description=_("name"), ordering="person__last_name")
    def full_name(self, obj: Contact) -> str:
        return obj.full_name

    @admin.display(description=_("e-mail"), ordering="person__email")
    def email(self, obj: Contact) -> str:
        return obj.email


@admin.register(NetworkFigures)
class NetworkFiguresAdmin(SimpleHistoryAdmin):
    list_display = ["year", "member_clusters", "clusters_in_latvia", "members", "turnover_eur", "export_eur"]


@admin.register(Network)
class NetworkAdmin(SimpleHistoryAdmin):
    list_display = ["name", "founded_on", "clusterization_since"]
