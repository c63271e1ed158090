"""What people write in both languages (django-modeltranslation): each field gets a _lv and an _en
column; the plain name reads the current language's and falls back to the other when it is empty."""

from modeltranslation.translator import TranslationOptions, register

from .models import Cluster, Company, Network, NetworkFigures, Sector


@register(Sector)
class SectorTranslation(TranslationOptions):
    fields = ("name",)


@register(Cluster)
class ClusterTranslation(TranslationOptions):
    fields = ("description",)


@register(Company)
class CompanyTranslation(TranslationOptions):
    fields = ("description",)


@register(NetworkFigures)
class NetworkFiguresTranslation(TranslationOptions):
    fields = ("source",)


@register(Network)
class NetworkTranslation(TranslationOptions):
    fields = ("name", "objective", "activities")
