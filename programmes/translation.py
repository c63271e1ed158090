"""Programme, project and indicator texts in both languages (see clusters/translation.py)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Indicator, Programme, Project


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("name", "managing_authority", "fund", "aim", "description", "supported_activities")


@register(Project)
class ProjectTranslation(TranslationOptions):
    fields = ("title",)


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name",)
