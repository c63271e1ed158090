"""The funding programmes the network's presentation describes, loaded once by `load_seed`."""

import datetime
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from clusters.seed import in_both_languages

from .models import Indicator, Programme, Project

SEED_FILE = Path(__file__).resolve().parent / "seed_data" / "programmes.json"


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def seed_programmes(path: Path = SEED_FILE) -> int:
    """Create the programmes, their projects and indicators that are missing; return how many programmes."""
    created = 0
    for item in json.loads(path.read_text(encoding="utf-8"))["programmes"]:
        programme, was_created = Programme.objects.get_or_create(
            slug=item["slug"],
            defaults={
                **in_both_languages("name", item["name"]),
                **in_both_languages("managing_authority", item["managing_authority"]),
                **in_both_languages("fund", item["fund"]),
                **in_both_languages("aim", item["aim"]),
                **in_both_languages("description", item["description"]),
                **in_both_languages("supported_activities", item["supported_activities"], join="\n"),
            },
        )
        created += was_created
        for project in item.get("projects", []):
            seed_project(programme, project)
    return created


def seed_project(programme: Programme, item: dict[str, Any]) -> Project:
    titles = in_both_languages("title", item["title"])
    project, _ = Project.objects.get_or_create(
        programme=programme,
        title_en=titles["title_en"],
        defaults={
            "title_lv": titles["title_lv"],
            "erdf_funding_eur": Decimal(item["erdf_funding_eur"]),
            "private_funding_eur": Decimal(item["private_funding_eur"]),
            "starts_on": _date(item.get("starts_on")),
            "ends_on": _date(item.get("ends_on")),
        },
    )
    for position, indicator in enumerate(item.get("indicators", [])):
        names = in_both_languages("name", indicator["name"])
        Indicator.objects.get_or_create(
            project=project,
            name_en=names["name_en"],
            defaults={
                "name_lv": names["name_lv"],
                "achieved_value": Decimal(indicator["achieved_value"]),
                "position": position,
            },
        )
    return project
