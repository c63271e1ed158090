"""What the three domain importers share on top of the import engine: finding clusters, field lengths
and the registration number cell."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models

from imports import cells

from ..models import Cluster
from ..validators import validate_registration_number


class ClusterIndex:
    """Clusters found the way every importer matches them: by normalised name or by slug."""

    def __init__(self, clusters: Iterable[Cluster]) -> None:
        clusters = list(clusters)
        self.by_name = {cells.name_key(cluster.name): cluster for cluster in clusters}
        self.by_slug = {cluster.slug: cluster for cluster in clusters}

    def find(self, written: str) -> Cluster | None:
        return self.by_name.get(cells.name_key(written)) or self.by_slug.get(cells.slug(written))


def max_length(model: type[models.Model], field_name: str) -> int:
    return model._meta.get_field(field_name).max_length


def registration_number(value: object) -> str:
    """An 11-digit number of the Register of Enterprises; "LV40003000019" and "4000-3000019" as well."""
    written = cells.text(value).replace(" ", "").replace("-", "").upper().removeprefix("LV")
    if not written:
        return ""
    try:
        validate_registration_number(written)
    except ValidationError as exc:
        raise ValueError(" ".join(exc.messages)) from exc
    return written


def without_blanks(values: dict[str, object]) -> dict[str, object]:
    """A blank cell keeps what the database holds: an import never erases a value."""
    return {name: value for name, value in values.items() if value not in (None, "")}
