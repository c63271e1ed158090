"""The one generator of unique slugs for clusters and companies (portal, admin and importers)."""

from django.db import models
from django.utils.text import slugify


def unique_slug(model: type[models.Model], text: str, *, fallback: str, taken: set[str] | None = None) -> str:
    """A slug of `text` not yet used by `model` (``name``, ``name-2``, ``name-3``, ...).

    Falls back to `fallback` when `text` has no letters or digits a slug can keep. `taken`: the slugs
    a batch already knows to be used (an import loads them once); it is completed from the database
    only when the slug is among them, and the slug returned is added to it.
    """
    max_length = model._meta.get_field("slug").max_length
    base = (slugify(text) or fallback)[: max_length - 15]
    known = set() if taken is None else taken
    if taken is None or base in known:
        known |= set(model._default_manager.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in known:
        slug, n = f"{base}-{n}", n + 1
    known.add(slug)
    return slug
