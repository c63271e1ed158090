"""sitemap.xml: the public pages, every public cluster, company and programme."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from clusters.models import Cluster, Company
from programmes.models import Programme
from reports.report import published_years


class PageSitemap(Sitemap):
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


class ClusterSitemap(Sitemap):
    priority = 0.7

    def items(self):
        return Cluster.objects.public().only("slug", "updated_at").order_by("pk")

    def lastmod(self, cluster: Cluster):
        return cluster.updated_at


class CompanySitemap(Sitemap):
    priority = 0.5
    # Pages of 5 000 (not Django's 50 000): each builds in a fraction of a second at 100 000 companies.
    limit = 5000

    def items(self):
        # No lastmod: the sitemap index would read every company to find the latest one.
        return Company.objects.only("slug").order_by("pk")


class ProgrammeSitemap(Sitemap):
    priority = 0.5

    def items(self):
        return Programme.objects.only("slug").order_by("pk")


class ReportSitemap(Sitemap):
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
