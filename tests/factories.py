"""factory_boy factories for every model; tests build only the rows they need."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils.text import slugify

from clusters.models import Cluster, Company, Contact, Membership, NetworkFigures, Sector, YearlyFigures
from people.models import ConsentRecord, Person
from programmes.models import Indicator, Programme, Project
from reports.models import ReportingRound

# Valid Latvian legal-entity registration numbers (check digit included), for unique companies.
_REGISTRATION_WEIGHTS = (9, 1, 4, 8, 3, 10, 2, 5, 7, 6)


def make_registration_number(n: int) -> str:
    """A valid registration number unique for each n (legal entities start with 4)."""
    for tenth in range(10):
        body = f"40{n:07d}{tenth}"
        total = sum(w * int(d) for w, d in zip(_REGISTRATION_WEIGHTS, body, strict=True))
        # stdnum.lv.pvn: the weighted sum of all 11 digits (last weight 1) is 3 modulo 11.
        check = (3 - total) % 11
        if check < 10:
            return body + str(check)
    raise AssertionError("unreachable: some tenth digit always gives a check digit below 10")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    email = factory.Sequence(lambda n: f"user{n}@example.lv")
    username = factory.SelfAttribute("email")
    password = factory.django.Password("correct horse battery")


class StaffFactory(UserFactory):
    is_staff = True
    is_superuser = True


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Sector {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Cluster {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    description = factory.Faker("paragraph")
    website = factory.LazyAttribute(lambda o: f"https://{o.slug}.example.lv/")
    email = factory.LazyAttribute(lambda o: f"info@{o.slug}.example.lv")
    city = "Rīga"
    lcn_member = True

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted:
            self.sectors.set(extracted)


class YearlyFiguresFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = YearlyFigures

    cluster = factory.SubFactory(ClusterFactory)
    year = 2017
    members = 30
    turnover_eur = 100_000_000
    export_eur = 40_000_000
    status = YearlyFigures.Status.APPROVED


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Company {n} SIA")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    registration_number = factory.Sequence(make_registration_number)
    city = "Rīga"
    category = Company.Category.SME


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    company = factory.SubFactory(CompanyFactory)
    cluster = factory.SubFactory(ClusterFactory)
    since = datetime.date(2015, 1, 1)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.Sequence(lambda n: f"contact{n}@example.lv")

    @factory.post_generation
    def is_public(self, create, extracted, **kwargs):
        """``PersonFactory(is_public=True)`` records a consent to be shown publicly."""
        if create and extracted:
            ConsentRecordFactory(person=self)


class ConsentRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsentRecord

    person = factory.SubFactory(PersonFactory)
    given_on = datetime.date(2024, 3, 1)
    method = ConsentRecord.Method.FORM
    source = "Signed form"
    text_version = "2026-11"


class ContactFactory(factory.django.DjangoModelFactory):
    """A role; person fields pass through: ``ContactFactory(first_name=..., email=..., is_public=True)``."""

    class Meta:
        model = Contact
        exclude = ["first_name", "last_name", "email", "phone"]
        skip_postgeneration_save = True

    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.Sequence(lambda n: f"contact{n}@example.lv")
    phone = ""
    person = factory.SubFactory(
        PersonFactory,
        first_name=factory.SelfAttribute("..first_name"),
        last_name=factory.SelfAttribute("..last_name"),
        email=factory.SelfAttribute("..email"),
        phone=factory.SelfAttribute("..phone"),
    )
    organisation = Contact.Organisation.CLUSTER
    cluster = factory.SubFactory(ClusterFactory)
    role = Contact.Role.MANAGER

    @factory.post_generation
    def is_public(self, create, extracted, **kwargs):
        """``ContactFactory(is_public=True)`` records the person's consent to be shown publicly."""
        if create and extracted:
            ConsentRecordFactory(person=self.person)


class NetworkFiguresFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkFigures
        django_get_or_create = ("year",)

    year = 2018
    clusters_in_latvia = 16
    member_clusters = 14
    members = 580


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Programme {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    fund = "ERDF"


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Project {n}")
    erdf_funding_eur = Decimal("1000.00")
    private_funding_eur = Decimal("500.00")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"Indicator {n}")
    achieved_value = Decimal("10")


class ReportingRoundFactory(factory.django.DjangoModelFactory):
    """An opened, unpublished round for last year's figures, due in a month."""

    class Meta:
        model = ReportingRound

    year = factory.LazyFunction(lambda: datetime.date.today().year - 1)
    deadline = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=30))
    opened_at = factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC))
