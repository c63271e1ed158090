"""Search, filters and sorting of the public lists; every choice lives in the URL, so a view can be shared."""

import django_filters
from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from clusters import statistics
from clusters.models import Cluster, Company, Sector
from clusters.names import SortName
from core.number_fields import typed_number_field

from .years import public_year_coverage


class DirectoryFilterSet(django_filters.FilterSet):
    """Gives every field the Bootstrap class its widget needs, so one template renders all filter forms;
    numbers are text read in the page's language (``core.number_fields``), as in every form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.form.fields
        for name, field in list(fields.items()):
            fields[name] = typed_number_field(field, name=name)
        for field in fields.values():
            if isinstance(field.widget, forms.CheckboxInput):
                css_class = "form-check-input"
            elif isinstance(field.widget, forms.Select):
                css_class = "form-select"
            else:
                css_class = "form-control"
            field.widget.attrs.setdefault("class", css_class)


class ClusterFilter(DirectoryFilterSet):
    # Each ordering sorts missing figures last and breaks ties by name, so pages are stable. Figures
    # are compared within one year (see ``filter_queryset``): one cluster's new year against the
    # others' old one would rank nothing.
    ORDERINGS = {
        "name": [SortName("name"), "pk"],
        "-members": [F("year_members").desc(nulls_last=True), SortName("name"), "pk"],
        "-turnover": [F("year_turnover").desc(nulls_last=True), SortName("name"), "pk"],
        "-export": [F("year_export").desc(nulls_last=True), SortName("name"), "pk"],
    }

    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        help_text=_("Name, description, sector or a member company."),
    )
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"),
        field_name="sectors",
        to_field_name="slug",
        queryset=Sector.objects.all(),
        empty_label=_("All sectors"),
    )
    lcn_member = django_filters.BooleanFilter(
        label=_("LCN members only"), method="filter_lcn_member", widget=forms.CheckboxInput
    )
    ordering = django_filters.ChoiceFilter(
        label=_("Sort by"),
        method="filter_ordering",
        empty_label=None,
        choices=[
            ("name", _("Name")),
            ("-members", _("Most members")),
            ("-turnover", _("Largest turnover")),
            ("-export", _("Largest export")),
        ],
    )

    year = django_filters.NumberFilter(
        label=_("Figures of the year"),
        method="filter_year",
        help_text=_("Sorting by figures compares this year; empty: the latest complete year."),
    )

    class Meta:
        model = Cluster
        fields: list[str] = []

    # The year the figures orderings compare (set by filter_queryset), or None when sorting by name.
    ranking_year: int | None = None
    ranking_coverage: statistics.YearCoverage | None = None

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_lcn_member(self, queryset, name, value):
        return queryset.lcn_members() if value else queryset

    def filter_year(self, queryset, name, value):
        return queryset  # read by filter_queryset together with the ordering

    def filter_ordering(self, queryset, name, value):
        return queryset  # applied by filter_queryset, which knows the year

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        ordering = self.form.cleaned_data.get("ordering") or "name"
        if ordering not in self.ORDERINGS or ordering == "name":
            return queryset.order_by(*self.ORDERINGS["name"])
        coverage = public_year_coverage()
        self.ranking_year = statistics.chosen_year(self.form.cleaned_data.get("year"), coverage)
        self.ranking_coverage = coverage.get(self.ranking_year)
        return queryset.with_figures_of(self.ranking_year).order_by(*self.ORDERINGS[ordering])


class CompanyFilter(DirectoryFilterSet):
    q = django_filters.CharFilter(
        label=_("Search"), method="filter_search", help_text=_("Name or registration number.")
    )
    # Plain (slug, name) choices: a thousand model instances would cost more than the rest of the page.
    cluster = django_filters.ChoiceFilter(
        label=_("Cluster"),
        choices=lambda: Cluster.objects.public().by_name().values_list("slug", "name"),
        method="filter_cluster",
        empty_label=_("All clusters"),
    )
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"), to_field_name="slug", queryset=Sector.objects.all(), empty_label=_("All sectors")
    )
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=Company.Category.choices, empty_label=_("All categories")
    )

    class Meta:
        model = Company
        fields: list[str] = []

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_cluster(self, queryset, name, value):
        cluster = Cluster.objects.public().filter(slug=value).first()
        return queryset.in_cluster(cluster) if cluster else queryset.none()
