"""sitemap.xml: the public pages, every public cluster, company and programme, each in Latvian and in
English with the other as its hreflang alternate."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils.translation import get_language

from clusters.models import Cluster, Company
from programmes.models import Programme
from reports.report import published_years


class ItemsInEachLanguage:
    """The (item, language) pairs of a queryset, read from the database one sitemap page at a time.

    Django's i18n sitemaps build every pair in memory before paging: for 100 000 companies that is
    200 000 pairs and a minute per sitemap page. This gives its paginator the same pairs, in the
    same order, through count() and slicing.
    """

    def __init__(self, queryset, languages: list[str]):
        self.queryset, self.languages = queryset, languages

    def count(self) -> int:
        return self.queryset.count() * len(self.languages)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        size = len(self.languages)
        if not isinstance(index, slice):
            return self.queryset[index // size], self.languages[index % size]
        start, stop = index.start or 0, index.stop if index.stop is not None else self.count()
        rows = self.queryset[start // size : -(-stop // size)]
        pairs = [(row, language) for row in rows for language in self.languages]
        skipped = start - start // size * size
        return pairs[skipped : skipped + stop - start]


class BilingualSitemap(Sitemap):
    """Every page in both languages, each naming the other as its hreflang alternate."""

    i18n = True
    alternates = True
    x_default = True

    def _items(self):
        # Overrides Django's in-memory list of (item, language) pairs (see ItemsInEachLanguage).
        items = self.items()
        languages = [code for code, _name in settings.LANGUAGES]
        if isinstance(items, list):
            return [(item, language) for item in items for language in languages]
        return ItemsInEachLanguage(items, languages)


class PageSitemap(BilingualSitemap):
    priority = 0.8

    def items(self) -> list[str]:
        return [
            "clusters:home",
            "clusters:cluster-list",
            "clusters:company-list",
            "programmes:programme-list",
            "clusters:statistics",
            "clusters:open-data",
            "clusters:contact",
            "reports:index",
            "clusters:privacy",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


class ClusterSitemap(BilingualSitemap):
    priority = 0.7

    def items(self):
        return Cluster.objects.public().only("slug", "updated_at").order_by("pk")

    def lastmod(self, cluster: Cluster):
        return cluster.updated_at


class CompanySitemap(BilingualSitemap):
    priority = 0.5
    # Pages of 5 000 entries (not Django's 50 000), each with its twin and alternates: a fraction of a
    # second to build at 100 000 companies.
    limit = 5000

    def items(self):
        # No lastmod: the sitemap index would read every company to find the latest one.
        # values(): plain rows are enough for an address, and cost a fraction of model instances.
        return Company.objects.order_by("pk").values_list("slug", flat=True)

    def location(self, slug: str) -> str:
        # The address from the language's prefix: reverse() for each of 400 000 addresses costs seconds.
        language = get_language()
        if language not in self._prefixes:
            self._prefixes[language] = reverse("clusters:company-detail", kwargs={"slug": "-"})[:-2]
        return f"{self._prefixes[language]}{slug}/"

    def __init__(self):
        super().__init__()
        self._prefixes: dict[str, str] = {}


class ProgrammeSitemap(BilingualSitemap):
    priority = 0.5

    def items(self):
        return Programme.objects.only("slug").order_by("pk")


class ReportSitemap(BilingualSitemap):
    priority = 0.6

    def items(self) -> list[int]:
        return published_years()

    def location(self, year: int) -> str:
        return reverse("reports:report", args=[year])


SITEMAPS = {
    "pages": PageSitemap,
    "clusters": ClusterSitemap,
    "companies": CompanySitemap,
    "programmes": ProgrammeSitemap,
    "reports": ReportSitemap,
}
