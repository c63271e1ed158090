from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from core.admin_versioning import VersionCheckedAdminMixin
from core.number_fields import TypedNumbersAdminMixin

from . import services
from .models import ConsentRecord, Person, PersonDataEvent


class ConsentRecordInline(TypedNumbersAdminMixin, admin.TabularInline):
    model = ConsentRecord
    extra = 0
    fields = [
        "purpose",
        "given_on",
        "method",
        "source",
        "text_version",
        "recorded_by",
        "recorded_at",
        "withdrawn_at",
    ]
    readonly_fields = ["recorded_by", "recorded_at", "withdrawn_at"]
    can_delete = False

    def has_change_permission(self, request, obj=None) -> bool:
        # Evidence is not edited: a wrong record is withdrawn and a new one added.
        return False


@admin.register(Person)
class PersonAdmin(VersionCheckedAdminMixin, SimpleHistoryAdmin):
    list_display = ["full_name", "email", "phone", "portal_cluster", "is_public", "erased_at"]
    list_filter = [("portal_cluster", admin.EmptyFieldListFilter), ("erased_at", admin.EmptyFieldListFilter)]
    search_fields = ["first_name", "last_name", "email"]
    list_select_related = ["portal_cluster"]
    fields = [
        "first_name", "last_name", "email", "phone", "notes", "objected_to_mailings_on", "portal_cluster",
        "roles_held", "erased_at",
    ]  # fmt: skip
    readonly_fields = ["roles_held", "erased_at", "portal_cluster"]
    inlines = [ConsentRecordInline]
    actions = ["export_json", "export_csv", "erase", "merge_into_network"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_public_flag()

    @admin.display(description=_("name"), ordering="last_name")
    def full_name(self, obj: Person) -> str:
        return obj.full_name

    @admin.display(description=_("shown publicly"), boolean=True, ordering="_is_public")
    def is_public(self, obj: Person) -> bool:
        return obj._is_public

    @admin.display(description=_("roles"))
    def roles_held(self, obj: Person):
        roles = obj.roles.select_related("cluster", "company")
        return (
            format_html_join(
                "",
                "<div>{} · {}</div>",
                ((role.organisation_name, role.get_role_display()) for role in roles),
            )
            or "–"
        )

    def save_formset(self, request, form, formset, change):
        for record in formset.save(commit=False):
            if record.pk is None:
                record.recorded_by = request.user
            record.save()

    def _export(self, request, queryset, *, suffix: str, content_type: str, render) -> HttpResponse:
        document = services.person_export(
            list(queryset), done_by=request.user, done_by_name=request.user.get_username()
        )
        response = HttpResponse(render(document), content_type=content_type)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="personal-data-{stamp}.{suffix}"'
        return response

    @admin.action(
        description=_("Export everything held about the selected people (JSON)"), permissions=["view"]
    )
    def export_json(self, request, queryset):
        return self._export(
            request, queryset, suffix="json", content_type="application/json", render=services.export_json
        )

    @admin.action(
        description=_("Export everything held about the selected people (CSV)"), permissions=["view"]
    )
    def export_csv(self, request, queryset):
        return self._export(
            request,
            queryset,
            suffix="csv",
            content_type="text/csv; charset=utf-8",
            render=services.export_csv,
        )

    @admin.action(description=_("Erase the selected people's personal data"), permissions=["delete"])
    def erase(self, request, queryset):
        if "apply" in request.POST:
            erased = services.person_erase(
                list(queryset), done_by=request.user, done_by_name=request.user.get_username()
            )
            message = ngettext("%(count)d person erased.", "%(count)d people erased.", erased)
            self.message_user(request, message % {"count": erased}, messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "queryset": queryset,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "title": _("Erase personal data"),
        }
        return TemplateResponse(request, "admin/people/erase_confirm.html", context)

    @admin.action(
        description=_("Merge portal records into the network's person with the same e-mail"),
        permissions=["change"],
    )
    def merge_into_network(self, request, queryset):
        merged = 0
        for person in queryset.filter(portal_cluster__isnull=False):
            target = services.person_merge_into_network(
                person, done_by=request.user, done_by_name=request.user.get_username()
            )
            merged += target is not None
        message = ngettext(
            "%(count)d portal record merged into the network's person with the same e-mail.",
            "%(count)d portal records merged into the network's people with the same e-mail.",
            merged,
        )
        level = messages.SUCCESS if merged else messages.WARNING
        self.message_user(request, message % {"count": merged}, level)


@admin.register(ConsentRecord)
class ConsentRecordAdmin(VersionCheckedAdminMixin, admin.ModelAdmin):
    list_display = ["person", "purpose", "given_on", "method", "source", "text_version", "withdrawn_at"]
    list_filter = ["purpose", "method", ("withdrawn_at", admin.EmptyFieldListFilter)]
    search_fields = ["person__first_name", "person__last_name", "person__email", "source"]
    list_select_related = ["person"]
    readonly_fields = ["recorded_by", "recorded_at", "withdrawn_at", "withdrawn_by"]
    autocomplete_fields = ["person"]
    actions = ["withdraw"]

    def save_model(self, request, obj, form, change):
        if obj.pk is None:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(
        description=_("Withdraw the selected consents (the records are kept)"), permissions=["change"]
    )
    def withdraw(self, request, queryset):
        count = queryset.current().update(withdrawn_at=timezone.now(), withdrawn_by=request.user)
        message = ngettext("%(count)d consent withdrawn.", "%(count)d consents withdrawn.", count)
        self.message_user(request, message % {"count": count}, messages.SUCCESS)


@admin.register(PersonDataEvent)
class PersonDataEventAdmin(TypedNumbersAdminMixin, admin.ModelAdmin):
    list_display = ["done_at", "action", "person_number", "done_by_name"]
    list_filter = ["action"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
