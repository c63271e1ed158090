from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from core.admin_versioning import VersionCheckedAdminMixin, VersionCheckedInlineMixin

from .models import Indicator, Programme, Project


class IndicatorInline(VersionCheckedInlineMixin, TranslationTabularInline):
    model = Indicator
    extra = 0
    fields = ["name", "achieved_value", "target_value", "position"]


class ProjectInline(VersionCheckedInlineMixin, TranslationTabularInline):
    model = Project
    extra = 0
    fields = ["title", "reference_number", "erdf_funding_eur", "private_funding_eur", "starts_on", "ends_on"]
    show_change_link = True


@admin.register(Programme)
class ProgrammeAdmin(VersionCheckedAdminMixin, TranslationAdmin, SimpleHistoryAdmin):
    list_display = ["name", "fund", "managing_authority", "starts_on", "ends_on"]
    list_filter = ["fund"]
    search_fields = ["name", "aim", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ProjectInline]


@admin.register(Project)
class ProjectAdmin(VersionCheckedAdminMixin, TranslationAdmin, SimpleHistoryAdmin):
    list_display = ["title", "programme", "erdf_funding_eur", "private_funding_eur", "starts_on", "ends_on"]
    list_filter = ["programme", "clusters"]
    search_fields = ["title", "reference_number", "clusters__name"]
    autocomplete_fields = ["programme", "clusters"]
    list_select_related = ["programme"]
    inlines = [IndicatorInline]


@admin.register(Indicator)
class IndicatorAdmin(VersionCheckedAdminMixin, TranslationAdmin, SimpleHistoryAdmin):
    list_display = ["name", "project", "achieved_value", "target_value"]
    search_fields = ["name", "project__title"]
    autocomplete_fields = ["project"]
    list_select_related = ["project"]
