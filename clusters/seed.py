"""The network's own facts from its presentation, loaded into an empty database by `load_seed`.

Every loader creates what is missing and leaves existing rows alone, so running the seed again (or
after staff edited the data) changes nothing.
"""

import datetime
import json
from pathlib import Path
from typing import Any

from people.models import Person

from .models import Cluster, Contact, Network, NetworkFigures, Sector

SEED_DIR = Path(__file__).resolve().parent / "seed_data"


def in_both_languages(field: str, value: dict[str, Any] | str, *, join: str | None = None) -> dict[str, Any]:
    """The per-language columns of a translated field from a seed value ``{"lv": ..., "en": ...}``
    (lists joined with `join`): ``in_both_languages("name", {"lv": "Meži", "en": "Forestry"})`` ->
    ``{"name_lv": "Meži", "name_en": "Forestry"}``. A plain string is the same in both."""
    texts = value if isinstance(value, dict) else {"lv": value, "en": value}
    return {f"{field}_{code}": join.join(text) if join else text for code, text in texts.items()}


def read_seed(name: str = "network.json") -> dict[str, Any]:
    return json.loads((SEED_DIR / name).read_text(encoding="utf-8"))


def seed_sectors(items: list[dict[str, str]]) -> int:
    created = 0
    for item in items:
        _, was_created = Sector.objects.get_or_create(
            slug=item["slug"], defaults={**in_both_languages("name", item["name"]), "kind": item["kind"]}
        )
        created += was_created
    return created


def seed_network(item: dict[str, Any]) -> Network:
    if network := Network.objects.first():
        return network
    return Network.objects.create(
        **in_both_languages("name", item["name"]),
        short_name=item["short_name"],
        founded_on=datetime.date.fromisoformat(item["founded_on"]),
        clusterization_since=item["clusterization_since"],
        **in_both_languages("objective", item["objective"]),
        **in_both_languages("activities", item["activities"], join="\n"),
    )


def seed_network_figures(rows: list[dict[str, Any]]) -> int:
    created = 0
    for row in rows:
        values = {key: value for key, value in row.items() if key not in ("year", "source")}
        values |= in_both_languages("source", row.get("source", ""))
        _, was_created = NetworkFigures.objects.get_or_create(year=row["year"], defaults=values)
        created += was_created
    return created


def seed_cluster_profiles(items: list[dict[str, Any]], *, joined_on: datetime.date) -> int:
    """Give the presentation's clusters their sectors and LCN membership, once.

    A cluster that already has a date of joining LCN has been completed before (by the seed or by
    staff) and is left as it is.
    """
    sectors = Sector.objects.in_bulk(field_name="slug")
    updated = 0
    for item in items:
        cluster = Cluster.objects.filter(name__iexact=item["name"]).first()
        if cluster is None or cluster.lcn_joined_on is not None:
            continue
        cluster.lcn_member = True
        cluster.lcn_joined_on = joined_on
        cluster.save(update_fields=["lcn_member", "lcn_joined_on", "updated_at"])
        if not cluster.sectors.exists():
            cluster.sectors.set([sectors[slug] for slug in item["sectors"]])
        updated += 1
    return updated


PERSON_FIELDS = ("first_name", "last_name", "phone")
ROLE_FIELDS = ("position", "organisation", "role", "is_primary")


def seed_contacts(items: list[dict[str, Any]]) -> int:
    """The presentation's contact persons, each a person with a role at the network.

    No consent is recorded: the presentation is no evidence that anyone agreed to be shown publicly.
    """
    created = 0
    for item in items:
        email = item["email"].lower()
        person = Person.objects.filter(portal_cluster__isnull=True, email__iexact=email).first()
        if person is None:
            person = Person.objects.create(email=email, **{key: item[key] for key in PERSON_FIELDS})
        _, was_created = Contact.objects.get_or_create(
            person=person,
            organisation=item["organisation"],
            cluster=None,
            company=None,
            defaults={key: item[key] for key in ROLE_FIELDS if key != "organisation"},
        )
        created += was_created
    return created
