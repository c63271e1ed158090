from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.views.main import ORDER_VAR
from django.contrib.admin.widgets import AdminURLFieldWidget, AutocompleteSelect
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import Q
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from core.admin_versioning import VersionCheckedAdminMixin, VersionCheckedInlineMixin, VersionedAdminForm
from core.pagination import CappedCountPaginator

from . import mailing, resources
from .admin_export import LargeExportMixin
from .admin_import import ClusterImportMixin, CompanyImportMixin, ContactImportMixin, MemberImportMixin
from .fields import FIGURES_FIELD_CLASSES, RegistrationNumberField, WebsiteField
from .forms import (
    FiguresRejectForm,
    MailingListForm,
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
from .validators import normalise_registration_number

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


class HistoryAdmin(VersionCheckedAdminMixin, SimpleHistoryAdmin):
    """The cluster models' admin: with history, and add links that pre-fill relations only with real ids."""

    def get_changeform_initial_data(self, request):
        """The add form's values from the address (``?cluster=12``), without ids that are not ids.

        An autocomplete widget looks its initial value up in the database: "?cluster=abc" would be a
        server error there.
        """
        initial = super().get_changeform_initial_data(request)
        for name, value in list(initial.items()):
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if field.is_relation and field.many_to_one:
                try:  # a number, and within the database's range for the column
                    field.target_field.run_validators(field.target_field.to_python(value))
                except (ValidationError, TypeError):
                    del initial[name]
        return initial


class YearlyFiguresInline(VersionCheckedInlineMixin, admin.TabularInline):
    model = YearlyFigures
    form = YearlyFiguresInlineForm
    extra = 0
    fields = ["year", "members", "turnover_eur", "export_eur", "consultation_hours", "status"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("cluster")  # each row's name names it


class WebsiteInput(AdminURLFieldWidget):
    """The admin's URL input as plain text, so that the browser lets "www.tilde.lv" through to the form."""

    input_type = "text"


# The one website rule (clusters.fields.WebsiteField) for every URL field of the cluster admins.
WEBSITE_OVERRIDES = {models.URLField: {"form_class": WebsiteField, "widget": WebsiteInput}}


def membership_links(*, cluster: Cluster | None = None, company: Company | None = None, count: int) -> str:
    """Links to the memberships of a cluster or company in the membership list, and to add one.

    Memberships are edited there, a page at a time, not inline: a cluster can have thousands.
    """
    key, obj = ("cluster", cluster) if cluster is not None else ("company", company)
    changelist = reverse("admin:clusters_membership_changelist")
    add = reverse("admin:clusters_membership_add")
    label = ngettext("%(count)d membership", "%(count)d memberships", count) % {"count": count}
    return format_html(
        '<a href="{}?{}">{}</a> · <a href="{}?{}">{}</a>',
        changelist,
        urlencode({"cluster" if cluster is not None else "company__id__exact": obj.pk}),
        label,
        add,
        urlencode({key: obj.pk}),
        _("Add a membership"),
    )


class ClusterListFilter(admin.SimpleListFilter):
    """Companies of one cluster, offering only the network's member clusters as choices.

    A list of every cluster (a thousand at full size) would fill the sidebar; any other cluster is
    reached through the "companies" link on its page, which sets this filter.
    """

    title = _("cluster")
    parameter_name = "cluster"

    def lookups(self, request, model_admin):
        clusters = Cluster.objects.filter(Q(lcn_member=True) | Q(pk__in=self._selected_ids()))
        return [(str(pk), name) for pk, name in clusters.values_list("pk", "name")]

    def _selected_ids(self) -> list[int]:
        value = self.value()
        return [int(value)] if value and value.isdigit() and len(value) < 10 else []

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        selected = self._selected_ids()
        if not selected:
            return queryset.none()
        current = Membership.objects.current().filter(cluster_id=selected[0], company=models.OuterRef("pk"))
        return queryset.filter(models.Exists(current))


class LcnMemberFilter(admin.SimpleListFilter):
    """Companies that are (or are not) current members of a cluster that belongs to the network.

    With EXISTS rather than a join, so the list needs no DISTINCT over every membership.
    """

    title = _("member of an LCN cluster")
    parameter_name = "lcn_member"

    def lookups(self, request, model_admin):
        return [("1", _("Yes")), ("0", _("No"))]

    def queryset(self, request, queryset):
        if self.value() not in ("0", "1"):
            return queryset
        in_network = Membership.objects.current().filter(
            company=models.OuterRef("pk"), cluster__lcn_member=True
        )
        return (
            queryset.filter(models.Exists(in_network))
            if self.value() == "1"
            else queryset.exclude(models.Exists(in_network))
        )


class MembershipClusterFilter(ClusterListFilter):
    """Memberships (current and ended) of one cluster; the same choices as the companies' filter."""

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        selected = self._selected_ids()
        return queryset.filter(cluster_id=selected[0]) if selected else queryset.none()


class CompanyAdminForm(VersionedAdminForm):
    """The company, and optionally its first membership: the cluster it joins, since when, in what role."""

    join_cluster = forms.ModelChoiceField(
        label=_("Add to cluster"),
        queryset=Cluster.objects.all(),
        required=False,
        help_text=_("Makes the company a current member of this cluster when you save."),
    )
    member_since = forms.DateField(label=_("Member since"), required=False)
    member_role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER, required=False
    )

    class Meta:
        model = Company
        fields = [
            "name", "slug", "registration_number", "website", "email", "phone", "city", "sector",
            "category", "description",
        ]  # fmt: skip
        field_classes = {"registration_number": RegistrationNumberField, "website": WebsiteField}

    def __init__(self, *args, admin_site=None, **kwargs):
        super().__init__(*args, **kwargs)
        if admin_site is not None:  # searched as typed: there may be a thousand clusters
            field = self.fields["join_cluster"]
            field.widget = AutocompleteSelect(Membership._meta.get_field("cluster"), admin_site)
            field.widget.choices = field.choices
        self.fields["member_since"].widget = admin.widgets.AdminDateWidget()

    def clean(self):
        cleaned = super().clean()
        cluster = cleaned.get("join_cluster")
        if (
            cluster
            and self.instance.pk
            and self.instance.memberships.current().filter(cluster=cluster).exists()
        ):
            self.add_error("join_cluster", _("The company is already a current member of this cluster."))
        return cleaned


class ClusterContactInline(VersionCheckedInlineMixin, admin.TabularInline):
    """The cluster's contact persons; a new one is added on the contact persons page, where the person is
    chosen (a person chooser per row here would cost a query per row)."""

    model = Contact
    fk_name = "cluster"
    extra = 0
    fields = ["person", "position", "role", "is_primary"]
    readonly_fields = ["person"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


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
class SectorAdmin(TranslationAdmin, HistoryAdmin):
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Cluster)
class ClusterAdmin(ClusterImportMixin, LargeExportMixin, TranslationAdmin, HistoryAdmin):
    resource_classes = [resources.ClusterResource]
    list_display = [
        "name", "city", "lcn_member", "excellence_label", "is_active", "current_members", "email_published",
    ]  # fmt: skip
    list_filter = [PersonalEmailFilter, "lcn_member", "is_active", "excellence_label", "sectors"]
    search_fields = ["name"]  # shows the search box; get_search_results does the searching
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["sectors"]
    autocomplete_fields = ["managers"]  # searched as typed: every portal user would be a long list
    formfield_overrides = WEBSITE_OVERRIDES
    inlines = [YearlyFiguresInline, ClusterContactInline]
    readonly_fields = ["member_companies"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "description", "sectors", "is_active", "member_companies"]}),
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

    show_full_result_count = False  # each count of the list would be a second query over every cluster

    def get_queryset(self, request):
        return super().get_queryset(request).for_admin_list()

    def get_search_results(self, request, queryset, search_term):
        """The public search's rule (``ClusterQuerySet.search``): every word at a word's start, so "it"
        finds "Latvian IT Cluster" but not "Quality" or "City", best match first; or an exact e-mail.

        Also the autocomplete of every form that chooses a cluster ("Add to cluster" on a company).
        """
        term = search_term.strip()
        if not term:
            return queryset, False
        if "@" in term:
            return queryset.filter(email__iexact=term), False
        found = queryset.search(term)
        if ORDER_VAR in request.GET:  # a column chosen for sorting comes first, the best match after
            found = found.order_by(*queryset.query.order_by, "search_rank")
        return found, False

    @admin.display(description=_("current member companies"), ordering="current_member_count")
    def current_members(self, obj: Cluster) -> int:
        return obj.current_member_count

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

    @admin.display(description=_("member companies"))
    def member_companies(self, obj: Cluster) -> str:
        if obj.pk is None:
            return _("Save the cluster first; then add its members.")
        companies = reverse("admin:clusters_company_changelist") + "?" + urlencode({"cluster": obj.pk})
        return format_html(
            '{} · <a href="{}">{}</a>',
            membership_links(cluster=obj, count=obj.memberships.count()),
            companies,
            _("Companies of this cluster"),
        )

    def has_invite_permission(self, request) -> bool:
        return self.has_change_permission(request) and request.user.has_perm("auth.add_user")

    @admin.action(description=_("Invite a manager of the selected clusters"), permissions=["invite"])
    def invite_manager(self, request, queryset):
        form = ManagerInviteForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            email = form.cleaned_data["email"]
            try:
                base_url = settings.SITE_URL or request.build_absolute_uri("/")
                manager_invite(
                    email=email,
                    clusters=list(queryset),
                    base_url=base_url,
                    language=form.cleaned_data["language"],
                )
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
class YearlyFiguresAdmin(LargeExportMixin, HistoryAdmin):
    form = YearlyFiguresAdminForm
    resource_classes = [resources.FiguresResource]
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

    def get_export_queryset(self, request):
        return super().get_export_queryset(request).for_export()

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
class CompanyAdmin(CompanyImportMixin, LargeExportMixin, TranslationAdmin, HistoryAdmin):
    resource_classes = [resources.CompanyResource]
    form = CompanyAdminForm
    list_display = ["name", "registration_number", "clusters", "category", "sector", "city"]
    list_filter = [ClusterListFilter, "category", "sector", LcnMemberFilter]
    search_fields = ["name", "registration_number", "email", "city"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["sector"]
    formfield_overrides = WEBSITE_OVERRIDES
    readonly_fields = ["memberships_list"]
    show_full_result_count = False  # "of 100 000 total" would count every company on every search
    paginator = CappedCountPaginator  # a filter matching 60 000 companies is not counted to the last
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "slug",
                    "registration_number",
                    "website",
                    "email",
                    "phone",
                    "city",
                    "sector",
                    "category",
                    "description",
                ]  # fmt: skip
            },
        ),
        (_("Memberships"), {"fields": ["memberships_list", "join_cluster", "member_since", "member_role"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).for_admin_list()

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)

        class BoundToSite(form):
            def __init__(inner, *args, **inner_kwargs):  # noqa: N805
                super().__init__(*args, admin_site=self.admin_site, **inner_kwargs)

        return BoundToSite

    def get_search_results(self, request, queryset, search_term):
        """Name (trigram-indexed), registration number (any way it is written) or exact e-mail address.

        The default, case-insensitive LIKE over four columns, cannot use an index and grew tenfold from
        1 000 to 100 000 companies; the autocomplete on the company and membership forms uses this too.
        """
        term = search_term.strip()
        if not term:
            return queryset, False
        if "@" in term:
            return queryset.filter(email__iexact=term), False
        number = normalise_registration_number(term)
        if number.isdigit() and len(number) == 11:
            return queryset.filter(registration_number=number), False
        return queryset.search(term), False

    @admin.display(description=_("clusters"))
    def clusters(self, obj: Company) -> str:
        return ", ".join(membership.cluster.name for membership in obj.current_memberships)

    @admin.display(description=_("memberships"))
    def memberships_list(self, obj: Company) -> str:
        if obj.pk is None:
            return "—"
        current = format_html_join(", ", "{}", ((m.cluster.name,) for m in obj.current_memberships))
        links = membership_links(company=obj, count=obj.memberships.count())
        return format_html("{}<br>{}", current or "—", links)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        cluster = form.cleaned_data.get("join_cluster")
        if cluster is not None:
            membership = Membership(
                company=form.instance,
                cluster=cluster,
                since=form.cleaned_data.get("member_since"),
                role=form.cleaned_data.get("member_role") or Membership.Role.MEMBER,
            )
            membership.full_clean()
            membership.save()


@admin.register(Membership)
class MembershipAdmin(MemberImportMixin, LargeExportMixin, HistoryAdmin):
    resource_classes = [resources.MembershipResource]
    list_display = ["company", "cluster", "role", "since", "until"]
    list_filter = [MembershipClusterFilter, "role", ("until", admin.EmptyFieldListFilter)]
    # Newest first, by the primary key: sorting every membership by cluster and company name across
    # a join does not keep up with 100 000 rows. The columns still sort on request.
    ordering = ["-pk"]
    show_full_result_count = False
    paginator = CappedCountPaginator
    search_fields = ["company__name", "company__registration_number", "cluster__name"]
    autocomplete_fields = ["company", "cluster"]
    list_select_related = ["company", "cluster"]


@admin.register(Contact)
class ContactAdmin(ContactImportMixin, LargeExportMixin, HistoryAdmin):
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
class NetworkFiguresAdmin(TranslationAdmin, HistoryAdmin):
    form = NetworkFiguresAdminForm
    list_display = ["year", "member_clusters", "clusters_in_latvia", "members", "turnover_eur", "export_eur"]


@admin.register(ReportingYear)
class ReportingYearAdmin(HistoryAdmin):
    list_display = ["year", "closed", "note"]
    list_filter = ["closed"]


@admin.register(Network)
class NetworkAdmin(TranslationAdmin, HistoryAdmin):
    list_display = ["name", "founded_on", "clusterization_since"]
