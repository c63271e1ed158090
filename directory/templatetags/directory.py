"""Template helpers of the public directory."""

import json
from typing import Any

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.forms import BoundField
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from clusters.models import Cluster, export_share

from .. import languages
from ..charts import compact_number, percent

register = template.Library()

# The characters that could end a <script> element or start an HTML comment, written as JSON escapes.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def json_ld(data: dict[str, Any]) -> SafeString:
    """A ``<script type="application/ld+json">`` element whose content cannot close the element.

    Django's ``json_script`` writes ``type="application/json"``, which search engines do not read as
    structured data; the escaping here is the same.
    """
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


def _absolute(context: template.Context, path: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(path) if request else path


@register.simple_tag(takes_context=True)
def network_json_ld(context: template.Context) -> SafeString:
    """schema.org data of the network, on every page."""
    return json_ld(
        {
            "@context": "https://schema.org",
            "@type": "Organization",
            "name": str(_("Latvian Cluster Network")),
            "url": _absolute(context, reverse("clusters:home")),
        }
    )


@register.simple_tag(takes_context=True)
def cluster_json_ld(context: template.Context, cluster: Cluster) -> SafeString:
    """schema.org Organization data of a cluster, for its profile."""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": cluster.name,
        "url": _absolute(context, cluster.get_absolute_url()),
        "description": cluster.description,
        "memberOf": {"@type": "Organization", "name": str(_("Latvian Cluster Network"))}
        if cluster.lcn_member
        else None,
        "sameAs": [cluster.website] if cluster.website else None,
        # No "email": the page shows it protected from harvesters; clusters.json has it for machines.
        "foundingDate": str(cluster.founded_year) if cluster.founded_year else None,
    }
    return json_ld({key: value for key, value in data.items() if value})


@register.filter
def percent_of(part: float | None, whole: float | None) -> str:
    """``{{ export|percent_of:turnover }}`` -> "34.6 %" ("34,6 %" in Latvian), or a dash without a whole."""
    share = export_share(whole, part)
    return percent(None if share is None else 100 * share)


@register.filter
def eur(amount: float | None) -> str:
    """``{{ amount|eur }}``: whole euros, grouped, as the language writes money: "EUR 1,762,000,000" in
    English, "1 762 000 000 EUR" in Latvian (no-break spaces, so the amount never wraps); a dash for None.
    """
    if amount is None or amount == "":
        return "–"
    grouped = number_format(round(amount), 0, force_grouping=True)
    return (_("EUR %(amount)s") % {"amount": grouped}).replace(" ", "\xa0")


@register.simple_tag
def select_options(field: BoundField) -> SafeString:
    """The ``<option>`` elements of a choice field, the submitted one selected.

    Written here rather than by the widget, whose template per option costs a quarter of a millisecond:
    too much for the thousand clusters of a large directory.
    """
    selected = "" if field.data is None else str(field.data)
    options = []
    for value, label in field.field.choices:
        value = str(value)
        marker = " selected" if value == selected else ""
        options.append(f'<option value="{escape(value)}"{marker}>{escape(label)}</option>')
    return mark_safe("".join(options))  # noqa: S308 - value and label are escaped above


@register.filter
def compact_eur(amount: float | None) -> str:
    """``{{ turnover|compact_eur }}``: a short amount of money as the language writes money, "EUR 1.76 bn"
    in English, "1,76 mljrd. EUR" in Latvian (no-break spaces); a dash for None."""
    if amount is None or amount == "":
        return "–"
    return (_("EUR %(amount)s") % {"amount": compact_number(amount)}).replace(" ", "\xa0")


@register.filter
def compact(value: float | None) -> str:
    """``{{ turnover|compact }}`` -> "1.76 bn" (Latvian "1,76 mljrd."), as on the charts."""
    return compact_number(value)


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> list[languages.LanguageLink]:
    """The current page in every language, for the switcher (see ``directory.languages``)."""
    request = context.get("request")
    return languages.language_links(request) if request else []


@register.simple_tag(takes_context=True)
def language_alternates(context: template.Context) -> list[tuple[str, str]]:
    """(hreflang, absolute URL) pairs of the current page for ``<link rel="alternate">``."""
    request = context.get("request")
    return languages.alternates(request) if request else []


@register.filter
def lang_attr(obj: Any, field: str) -> SafeString:
    """`` lang="en"`` when ``obj.<field>`` shows the other language's text because the page's own is
    empty (django-modeltranslation's fallback), so that screen readers switch voice; nothing otherwise.

    ``<div{{ cluster|lang_attr:"description" }}>{{ cluster.description|linebreaks }}</div>``
    """
    current = get_language()
    if obj is None or getattr(obj, f"{field}_{current}", None):
        return mark_safe("")  # noqa: S308 - empty
    for code in settings.MODELTRANSLATION_LANGUAGES:
        if code != current and getattr(obj, f"{field}_{code}", None):
            return format_html(' lang="{}"', code)
    return mark_safe("")  # noqa: S308 - empty


@register.simple_tag
def protected_email(address: str, url: str) -> SafeString:
    """A link to `url` (which redirects to mailto:) showing `address` with its @ in an element of its own.

    Read aloud, shown and copied as the address it is, but absent as one string from the page's source,
    so naive harvesters find nothing; no script is involved, so a strict CSP and screen readers are fine.
    """
    local, _at, domain = address.partition("@")
    return format_html(
        '<a href="{}" rel="nofollow">{}<span class="email-at">&#64;</span>{}</a>', url, local, domain
    )
