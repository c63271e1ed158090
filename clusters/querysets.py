"""Named reads of the cluster models, each carrying the joins and annotations its page needs.

The models module imports this one for ``as_manager()``. This module imports no model: a queryset
reaches the other models through its own model's relations (``_related``), so it can be imported
first, alone, by anything.
"""

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Prefetch, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language

from .names import SearchKey, SortName, search_key


def in_language(field: str) -> Coalesce:
    """A translated column (see translation.py) in the current language, or the other language's
    text where it is empty: ``in_language("sectors__name")``. For ``values()`` of models whose
    manager does not translate field names itself."""
    current = get_language() or settings.LANGUAGE_CODE
    others = [code for code in settings.MODELTRANSLATION_LANGUAGES if code != current]
    columns = [NullIf(F(f"{field}_{code}"), Value("")) for code in [current, *others]]
    return Coalesce(*columns, F(field), output_field=models.CharField())


# Search terms this long also match inside a word ("apstrade" in "kokapstrade"); shorter ones only at a
# word's start, or "it" would find "Quality" and "City".
INNER_MATCH_MIN_LENGTH = 4


def _name_match(field: str, key: str) -> tuple[Q, Case]:
    """The condition that every word of the search `key` (see ``names.search_key``) starts a word of
    `field` (or, when long enough, occurs in one), and a rank to order the matches by:
    0 the whole name, 1 the name's start, 2 word starts only, 3 also inside words.

    Both read the annotation ``<field>_key`` (``SearchKey(field)``), which the caller adds.
    """
    annotation = f"{field.replace('__', '_')}_key"
    words = key.split()
    condition, word_starts = Q(), Q()
    for word in words:
        at_start = Q(**{f"{annotation}__contains": f" {word}"})
        # A long word found inside a word is found at a word's start too: one LIKE, not two ORed, as
        # PostgreSQL runs the search-key function once for each LIKE on every row it checks.
        condition &= (
            Q(**{f"{annotation}__contains": word}) if len(word) >= INNER_MATCH_MIN_LENGTH else at_start
        )
        word_starts &= at_start
    rank = Case(
        When(**{annotation: key}, then=Value(0)),
        When(**{f"{annotation}__startswith": key.rstrip()}, then=Value(1)),
        When(word_starts, then=Value(2)),
        default=Value(3),
    )
    return condition, rank


def _related(model: type[models.Model], field_name: str) -> type[models.Model]:
    """The model at the other end of `model`'s relation `field_name` (forward or reverse)."""
    return model._meta.get_field(field_name).related_model


def email_is_a_person(email_field: str) -> Exists:
    """True when a person record has the address in `email_field` of the outer query (ignoring case).

    ``Cluster.public_email`` reads it as ``email_is_a_person``; see ``ClusterQuerySet.with_email_check``.
    """
    people = apps.get_model("people", "Person").objects.exclude(email="")
    return Exists(people.filter(email__iexact=OuterRef(email_field)))


def _approved_figures_prefetch(cluster_model: type[models.Model]) -> Prefetch:
    """A cluster's approved figures, oldest first, as ``approved_figures``."""
    figures = _related(cluster_model, "figures")
    return Prefetch("figures", figures.objects.approved().order_by("year"), to_attr="approved_figures")


class ClusterQuerySet(models.QuerySet):
    def active(self) -> "ClusterQuerySet":
        """Clusters that are still operating."""
        return self.filter(is_active=True)

    def public(self) -> "ClusterQuerySet":
        """What the public directory may show: active clusters."""
        return self.active()

    def lcn_members(self) -> "ClusterQuerySet":
        return self.filter(lcn_member=True)

    def with_latest_figures(self) -> "ClusterQuerySet":
        """Annotate the latest approved year's figures: latest_year, latest_members, ...

        One correlated subquery per value keeps the query count constant and lets lists sort on them.
        """
        latest = (
            _related(self.model, "figures")
            .objects.approved()
            .filter(cluster=OuterRef("pk"))
            .order_by("-year")
        )
        return self.annotate(
            latest_year=Subquery(latest.values("year")[:1]),
            latest_members=Subquery(latest.values("members")[:1]),
            latest_turnover=Subquery(latest.values("turnover_eur")[:1]),
            latest_export=Subquery(latest.values("export_eur")[:1]),
        )

    def search(self, text: str) -> "ClusterQuerySet":
        """Clusters whose name, description, a sector's name or a current member company's name has
        every word of text at a word's start, accents, case and legal forms ignored (``names``);
        ordered by how well the cluster's own name matches (``search_rank``), then by name.

        Sectors and member companies are matched in ``pk IN (subquery)`` conditions, so a cluster appears
        once however many match; PostgreSQL runs each subquery once (through the trigram index on company
        search keys) instead of once per cluster.
        """
        key = search_key(text)
        if not key.strip():
            return self
        name_matches, rank = _name_match("name", key)
        # Descriptions and sector names are written in both languages (translation.py): either counts.
        description_matches = _name_match("description_lv", key)[0] | _name_match("description_en", key)[0]
        sector_matches = _name_match("sector__name_lv", key)[0] | _name_match("sector__name_en", key)[0]
        company_matches, _rank = _name_match("company__name", key)
        in_sector = self.model.sectors.through.objects.annotate(
            sector_name_lv_key=SearchKey("sector__name_lv"), sector_name_en_key=SearchKey("sector__name_en")
        ).filter(sector_matches)
        with_member = (
            _related(self.model, "memberships")
            .objects.current()
            .annotate(company_name_key=SearchKey("company__name"))
            .filter(company_matches)
        )
        return (
            self.annotate(
                name_key=SearchKey("name"),
                description_lv_key=SearchKey("description_lv"),
                description_en_key=SearchKey("description_en"),
            )
            .filter(
                name_matches
                | description_matches
                | Q(pk__in=in_sector.values("cluster_id"))
                | Q(pk__in=with_member.values("cluster_id"))
            )
            .annotate(search_rank=Case(When(name_matches, then=rank), default=Value(4)))
            .order_by("search_rank", SortName("name"), "pk")
        )

    def by_name(self) -> "ClusterQuerySet":
        """In Latvian alphabetical order, case and legal form ignored (``names.SortName``)."""
        return self.order_by(SortName("name"), "pk")

    def with_figures_of(self, year: int | None) -> "ClusterQuerySet":
        """Annotate the approved figures of one `year`: year_members, year_turnover, year_export (None
        for a cluster without them), so that clusters are compared within the same year."""
        of_year = _related(self.model, "figures").objects.approved().filter(cluster=OuterRef("pk"), year=year)
        return self.annotate(
            year_members=Subquery(of_year.values("members")[:1]),
            year_turnover=Subquery(of_year.values("turnover_eur")[:1]),
            year_export=Subquery(of_year.values("export_eur")[:1]),
        )

    def largest_by_turnover(self, year: int | None) -> "ClusterQuerySet":
        """Clusters with approved figures for `year`, largest turnover that year first."""
        return (
            self.with_figures_of(year)
            .filter(year_turnover__isnull=False)
            .order_by(F("year_turnover").desc(), SortName("name"))
        )

    def with_email_check(self) -> "ClusterQuerySet":
        """Annotate ``email_is_a_person``: a person record has the cluster's general e-mail (any case).

        ``Cluster.public_email`` needs it to decide whether the address may be published.
        """
        return self.annotate(email_is_a_person=email_is_a_person("email"))

    def for_admin_list(self) -> "ClusterQuerySet":
        """Clusters with ``email_is_a_person`` and ``current_member_count`` (memberships that have not
        ended), by name.

        The count is a subquery per cluster shown, read from the (cluster, until) index, rather than a
        GROUP BY over every membership: a page of a hundred clusters then costs the same however many
        clusters and companies there are, and counting the clusters needs no join at all.
        """
        memberships = (
            _related(self.model, "memberships")
            .objects.current()
            .filter(cluster=OuterRef("pk"))
            .order_by()
            .values("cluster")
            .annotate(count=models.Count("*"))  # COUNT(*): read from the index alone
            .values("count")
        )
        return (
            self.with_email_check()
            .annotate(current_member_count=Coalesce(Subquery(memberships), 0))
            .order_by("name")
        )

    def for_directory(self) -> "ClusterQuerySet":
        """Public clusters for the directory list, by name: sectors and the latest approved figures."""
        return self.public().with_latest_figures().prefetch_related("sectors").by_name()

    def for_profile(self) -> "ClusterQuerySet":
        """Public clusters with everything their profile page shows, except the member list and the
        projects (``programmes.models.Project.objects.for_cluster_profile``).

        Only approved figures (oldest first, as ``approved_figures``) and public contacts (as
        ``public_contacts``) are loaded.
        """
        contacts = _related(self.model, "contacts")
        return self.for_open_data().prefetch_related(
            Prefetch("contacts", contacts.objects.public(), to_attr="public_contacts")
        )

    def for_open_data(self) -> "ClusterQuerySet":
        """Public clusters with sectors and approved figures (oldest first) for the open data files,
        checked for a publishable general e-mail (``Cluster.public_email``)."""
        return (
            self.public()
            .with_email_check()
            .prefetch_related(
                "sectors",
                _approved_figures_prefetch(self.model),
            )
        )

    def managed_by(self, user) -> "ClusterQuerySet":
        """The clusters a portal user may edit; empty for anonymous users."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(managers=user)

    def without_approved_figures(self, year: int) -> "ClusterQuerySet":
        """Active LCN member clusters that have no approved figures for the year."""
        approved = (
            _related(self.model, "figures").objects.approved().filter(cluster=OuterRef("pk"), year=year)
        )
        return self.active().lcn_members().exclude(Exists(approved))


class YearlyFiguresQuerySet(models.QuerySet):
    def approved(self) -> "YearlyFiguresQuerySet":
        """Figures staff approved: the only ones the public sees."""
        return self.filter(status=self.model.Status.APPROVED)

    def pending(self) -> "YearlyFiguresQuerySet":
        return self.filter(status=self.model.Status.SUBMITTED)

    def unapproved(self) -> "YearlyFiguresQuerySet":
        """Figures a manager may still edit: drafts, pending submissions and rejected ones."""
        return self.exclude(status=self.model.Status.APPROVED)

    def public(self) -> "YearlyFiguresQuerySet":
        """Approved figures of public clusters."""
        return self.approved().filter(cluster__in=_related(self.model, "cluster").objects.public())

    def for_review(self) -> "YearlyFiguresQuerySet":
        """Figures with what a reviewer compares them with, in constant queries.

        Adds the cluster and the submitter; ``replaced_<measure>`` (the approved figures of the same
        year, which a correction would replace, or None); ``previous_year`` and ``previous_<measure>``
        (the cluster's latest approved figures of an earlier year); and ``listed_members`` (the cluster's
        current memberships). Measures: members, turnover_eur, export_eur.
        """
        approved = self.model.objects.approved()
        replaced = approved.filter(cluster=OuterRef("cluster"), year=OuterRef("year"))
        previous = approved.filter(cluster=OuterRef("cluster"), year__lt=OuterRef("year")).order_by("-year")
        memberships = (
            _related(_related(self.model, "cluster"), "memberships")
            .objects.current()
            .filter(cluster=OuterRef("cluster"))
            .order_by()
            .values("cluster")
            .annotate(count=models.Count("pk"))
            .values("count")
        )
        annotations = {"previous_year": Subquery(previous.values("year")[:1])}
        for name in ("members", "turnover_eur", "export_eur"):
            annotations[f"replaced_{name}"] = Subquery(replaced.exclude(pk=OuterRef("pk")).values(name)[:1])
            annotations[f"previous_{name}"] = Subquery(previous.values(name)[:1])
        return (
            self.select_related("cluster", "submitted_by", "reviewed_by")
            .annotate(**annotations)
            .annotate(listed_members=Coalesce(Subquery(memberships), 0))
        )

    def for_export(self) -> "YearlyFiguresQuerySet":
        """Figures with their cluster and, as ``first_change_reason``, the history reason of the row's
        first version: how the figures came in (an import names its file, the portal says "portal",
        the admin leaves it empty)."""
        history = self.model.history.model.objects.filter(id=OuterRef("pk")).order_by("history_date")
        return self.select_related("cluster").annotate(
            first_change_reason=Subquery(history.values("history_change_reason")[:1])
        )

    def latest_per_cluster(self) -> "YearlyFiguresQuerySet":
        """Each cluster's latest row among these figures (call after the status filter)."""
        latest_year = self.filter(cluster=OuterRef("cluster")).order_by("-year").values("year")[:1]
        return self.filter(year=Subquery(latest_year))

    def totals_per_year(self) -> "YearlyFiguresQuerySet":
        """Rows of year, clusters, members, turnover and export summed over the clusters, oldest first."""
        return (
            self.order_by()
            .values("year")
            .annotate(
                clusters=models.Count("cluster"),
                members=models.Sum("members"),
                turnover=models.Sum("turnover_eur"),
                export=models.Sum("export_eur"),
            )
            .order_by("year")
        )

    def totals_per_sector(self) -> "YearlyFiguresQuerySet":
        """Rows of sector name and slug, clusters, members, turnover and export, largest turnover first.

        A cluster in several sectors counts in each of them.
        """
        return (
            self.filter(cluster__sectors__isnull=False)
            .order_by()
            .values(sector=in_language("cluster__sectors__name"), sector_slug=F("cluster__sectors__slug"))
            .annotate(
                clusters=models.Count("cluster"),
                members=models.Sum("members"),
                turnover=models.Sum("turnover_eur"),
                export=models.Sum("export_eur"),
            )
            .order_by("-turnover", "sector")
        )


class CompanyQuerySet(models.QuerySet):
    def search(self, text: str) -> "CompanyQuerySet":
        """Companies whose name has every word of text at a word's start (or inside a word, for words of
        four letters and more), accents, case and legal forms ignored ("abelziedi" finds
        'SIA "Ābeļziedi"'), or whose registration number starts with text (digits only: OR-ing the
        number into every search would keep PostgreSQL from using the trigram index).

        Ordered best match first (``search_rank``: whole name, name's start, word starts, inside
        words), then by name.
        """
        key = search_key(text)
        if not key.strip():
            return self
        matches, rank = _name_match("name", key)
        text = text.strip()
        if text.isdigit():
            matches |= Q(registration_number__startswith=text)
        return (
            self.annotate(name_key=SearchKey("name"))
            .filter(matches)
            .annotate(search_rank=rank)
            .order_by("search_rank", SortName("name"), "pk")
        )

    def by_name(self) -> "CompanyQuerySet":
        """In Latvian alphabetical order, case and legal form ignored; PostgreSQL pages through the
        ``company_sort_name_id`` index in this order."""
        return self.order_by(SortName("name"), "pk")

    def in_cluster(self, cluster: models.Model) -> "CompanyQuerySet":
        """Current members of the cluster, each once.

        Takes the cluster itself rather than its slug: with the id in the query, PostgreSQL knows how
        large this cluster is and, for a large one, pages through companies by name instead of sorting
        all its members.
        """
        memberships = _related(self.model, "memberships").objects.current()
        memberships = memberships.filter(company=OuterRef("pk"), cluster=cluster)
        return self.filter(Exists(memberships))

    def for_directory(self) -> "CompanyQuerySet":
        """Companies for list pages: sector and current memberships of public clusters
        (as ``current_memberships``)."""
        membership_model = _related(self.model, "memberships")
        public_clusters = _related(membership_model, "cluster").objects.public()
        memberships = membership_model.objects.current().filter(cluster__in=public_clusters)
        return (
            self.select_related("sector")
            .prefetch_related(
                Prefetch(
                    "memberships",
                    memberships.select_related("cluster").order_by(SortName("cluster__name")),
                    to_attr="current_memberships",
                )
            )
            .by_name()
        )

    def for_admin_list(self) -> "CompanyQuerySet":
        """Companies for the admin's list: sector, and current memberships with their cluster (as
        ``current_memberships``, any cluster, public or not) in one query for the whole page."""
        memberships = _related(self.model, "memberships").objects.current()
        return self.select_related("sector").prefetch_related(
            Prefetch(
                "memberships",
                memberships.select_related("cluster").order_by("cluster__name"),
                to_attr="current_memberships",
            )
        )

    def for_profile(self) -> "CompanyQuerySet":
        """Companies with their sector, memberships of public clusters (as ``cluster_memberships``, current
        first) and public contacts (as ``public_contacts``)."""
        membership_model = _related(self.model, "memberships")
        public_clusters = _related(membership_model, "cluster").objects.public()
        memberships = membership_model.objects.filter(cluster__in=public_clusters)
        return self.select_related("sector").prefetch_related(
            Prefetch(
                "memberships",
                memberships.select_related("cluster").order_by(
                    F("until").desc(nulls_first=True), "cluster__name"
                ),
                to_attr="cluster_memberships",
            ),
            Prefetch(
                "contacts", _related(self.model, "contacts").objects.public(), to_attr="public_contacts"
            ),
        )


class MembershipQuerySet(models.QuerySet):
    def current(self) -> "MembershipQuerySet":
        """Memberships that have not ended."""
        return self.filter(until__isnull=True)

    def for_member_list(self) -> "MembershipQuerySet":
        """Current memberships with their company and its sector, by company name in Latvian order (a
        cluster's members)."""
        return (
            self.current()
            .select_related("company", "company__sector")
            .order_by(SortName("company__name"), "pk")
        )

    def for_portal_list(self, *, ended: bool = False) -> "MembershipQuerySet":
        """Current (or, with `ended`, former) memberships with their company, by company name in
        Latvian order (pages by cursor: ``core.pagination``)."""
        return (
            self.filter(until__isnull=not ended)
            .select_related("company", "company__sector")
            .order_by(SortName("company__name"), "pk")
        )

    def search(self, text: str) -> "MembershipQuerySet":
        """Memberships whose company's name has every word of `text` as ``CompanyQuerySet.search``
        matches them (accents, case and legal form ignored), or whose registration number starts with
        `text` (digits only); best match first, then by name.

        Ordered by the match rather than by the name alone: ordered by name, PostgreSQL walks the
        company sort index hoping for early matches (0.4 s in a cluster of 5 000 members among
        100 000 companies); ordered by rank, it finds the companies through the trigram index first.
        """
        key = search_key(text)
        if not key.strip():
            return self
        matches, rank = _name_match("company__name", key)
        text = text.strip()
        if text.isdigit():
            matches |= Q(company__registration_number__startswith=text)
        return (
            self.annotate(company_name_key=SearchKey("company__name"))
            .filter(matches)
            .annotate(search_rank=rank)
            .order_by("search_rank", SortName("company__name"), "pk")
        )


class ContactQuerySet(models.QuerySet):
    def public(self) -> "ContactQuerySet":
        """Roles whose person has a current consent to be shown publicly, with the person."""
        people = _related(self.model, "person").objects.public()
        return self.filter(person__in=people).select_related("person")

    def on_public_pages(self) -> "ContactQuerySet":
        """Roles at an organisation the public site shows: a public cluster, any company, the network."""
        clusters = _related(self.model, "cluster").objects.public()
        return self.filter(Q(cluster__isnull=True) | Q(cluster__in=clusters))

    def with_person(self) -> "ContactQuerySet":
        return self.select_related("person")

    def for_portal(self) -> "ContactQuerySet":
        """Roles with their person and the person's current public consent (as ``person.public_consents``)."""
        consents = _related(_related(self.model, "person"), "consents").objects.for_public_display()
        return self.with_person().prefetch_related(
            Prefetch("person__consents", consents, to_attr="public_consents")
        )
