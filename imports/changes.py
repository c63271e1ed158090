"""Setting values on a model instance and recording what changed: one helper for every writer."""

from collections.abc import Mapping

from django.db import models


def assign_changes(instance: models.Model, values: Mapping[str, object]) -> dict[str, tuple[object, object]]:
    """Set each value that differs from the instance's and return ``{field: (old, new)}`` for those.

    Values are compared as Python values (a related object by its primary key); nothing is saved.
    """
    changed = {}
    for name, new in values.items():
        old = getattr(instance, name)
        if old != new:
            changed[name] = (old, new)
            setattr(instance, name, new)
    return changed
