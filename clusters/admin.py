from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from . import resources
from .models import Cluster, Company, Contact, Membership, Network, NetworkFigures, Sector, YearlyFigures


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
    fields = ["first_name", "last_name", "position", "role", "email", "phone", "is_primary", "is_public"]


@admin.register(Sector)
class SectorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Cluster)
class ClusterAdmin(ImportExportMixin, SimpleHistoryAdmin):
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

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(_current_members=Count("memberships", filter=Q(memberships__until__isnull=True)))
        )

    @admin.display(description=_("current member companies"), ordering="_current_members")
    def current_members(self, obj: Cluster) -> int:
        return obj._current_members


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


@admin.register(Company)
class CompanyAdmin(ImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [resources.CompanyResource]
    list_display = ["name", "registration_number", "category", "sector", "city"]
    list_filter = ["category", "sector", "memberships__cluster__lcn_member"]
    search_fields = ["name", "registration_number", "email", "city"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["sector"]
    list_select_related = ["sector"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(ImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [resources.MembershipResource]
    list_display = ["company", "cluster", "role", "since", "until"]
    list_filter = ["role", "cluster", ("until", admin.EmptyFieldListFilter)]
    search_fields = ["company__name", "company__registration_number", "cluster__name"]
    autocomplete_fields = ["company", "cluster"]
    list_select_related = ["company", "cluster"]


@admin.register(Contact)
class ContactAdmin(ImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [resources.ContactResource]
    list_display = ["full_name", "position", "organisation_name", "role", "email", "is_primary", "is_public"]
    list_filter = ["organisation", "role", "is_primary", "is_public"]
    search_fields = ["first_name", "last_name", "email", "cluster__name", "company__name"]
    autocomplete_fields = ["cluster", "company"]
    list_select_related = ["cluster", "company"]


@admin.register(NetworkFigures)
class NetworkFiguresAdmin(SimpleHistoryAdmin):
    list_display = ["year", "member_clusters", "clusters_in_latvia", "members", "turnover_eur", "export_eur"]


@admin.register(Network)
class NetworkAdmin(SimpleHistoryAdmin):
    list_display = ["name", "founded_on", "clusterization_since"]
