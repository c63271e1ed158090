"""Search, filters and sorting of the public lists; every choice lives in the URL, so a view can be shared."""

import django_filters
from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from clusters.models import Cluster, Company, Sector
from clusters.names import SortName


class DirectoryFilterSet(django_filters.FilterSet):
    """Gives every field the Bootstrap class its widget needs, so one template renders all filter forms."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            if isinstance(field.widget, forms.CheckboxInput):
                css_class = "form-check-input"
            elif isinstance(field.widget, forms.Select):
                css_class = "form-select"
            else:
                css_class = "form-control"
            field.widget.attrs.setdefault("class", css_class)


class ClusterFilter(DirectoryFilterSet):
    # Each ordering sorts missing figures last and breaks ties by name, so pages are stable.
    ORDERINGS = {
        "name": [SortName("name"), "pk"],
        "-members": [F("latest_members").desc(nulls_last=True), SortName("name"), "pk"],
        "-turnover": [F("latest_turnover").desc(nulls_last=True), SortName("name"), "pk"],
        "-export": [F("latest_export").desc(nulls_last=True), SortName("name"), "pk"],
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

    class Meta:
        model = Cluster
        fields: list[str] = []

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_lcn_member(self, queryset, name, value):
        return queryset.lcn_members() if value else queryset

    def filter_ordering(self, queryset, name, value):
        return queryset.order_by(*self.ORDERINGS.get(value, self.ORDERINGS["name"]))


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
