"""Writing personal data: consent given and withdrawn, access exports, erasure and retention.

Every function takes values, not forms, and is called by the admin, the portal, the importers and the
management commands alike.
"""

import calendar
import csv
import datetime
import io
import json
import logging
from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from core.signals import announce_rows_written_in_bulk
from core.validators import strip_bidi_controls

from .models import ERASED_NAME, ConsentRecord, Person, PersonDataEvent

logger = logging.getLogger(__name__)


def consent_give(
    *,
    person: Person,
    method: str,
    source: str,
    given_on: datetime.date | None,
    recorded_by: models.Model | None,
    purpose: str = ConsentRecord.Purpose.PUBLIC_DISPLAY,
    text_version: str | None = None,
) -> ConsentRecord:
    """Record a consent with its evidence and return the record; a current one for the purpose is kept.

    `given_on` is the day the person agreed, None when the source does not say (never the day it was
    recorded, unless that is the day it was given); `source` names the evidence (a file, an e-mail,
    the portal of a cluster); `text_version` defaults to ``settings.CONSENT_TEXT_VERSION``.
    """
    current = person.consents.current().filter(purpose=purpose).first()
    if current is not None:
        return current
    return ConsentRecord.objects.create(
        person=person,
        purpose=purpose,
        method=method,
        source=source[:255],
        given_on=given_on,
        text_version=text_version or settings.CONSENT_TEXT_VERSION,
        recorded_by=recorded_by if getattr(recorded_by, "pk", None) else None,
    )


def consent_withdraw(
    *, person: Person, withdrawn_by: models.Model | None, purpose: str = ConsentRecord.Purpose.PUBLIC_DISPLAY
) -> int:
    """Mark the person's current consents for the purpose withdrawn (kept as records); returns how many."""
    withdrawn = (
        person.consents.current()
        .filter(purpose=purpose)
        .update(
            withdrawn_at=timezone.now(),
            withdrawn_by=withdrawn_by if getattr(withdrawn_by, "pk", None) else None,
        )
    )
    if withdrawn:
        # The person leaves the public pages at once, also when a command or the task worker withdraws.
        announce_rows_written_in_bulk(ConsentRecord)
    return withdrawn


def _role_model() -> type[models.Model]:
    return Person._meta.get_field("roles").related_model


def _field_values(instance: models.Model) -> dict[str, Any]:
    """Every concrete field of a row by name (foreign keys as ids, phone numbers as text)."""
    values = {}
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        values[field.name] = (
            str(value) if value is not None and field.get_internal_type() == "CharField" else value
        )
    return values


def person_record(person: Person) -> dict[str, Any]:
    """Everything held about one person: the person, each role, consent records and all history rows."""
    roles = _role_model()
    return {
        "person": _field_values(person),
        "roles": [_field_values(role) for role in roles.objects.filter(person=person).order_by("pk")],
        "consents": [_field_values(consent) for consent in person.consents.order_by("pk")],
        "history": {
            "person": [_field_values(row) for row in person.history.order_by("history_id")],
            "roles": [
                _field_values(row) for row in roles.history.filter(person_id=person.pk).order_by("history_id")
            ],
        },
        "events": [_field_values(event) for event in PersonDataEvent.objects.filter(person_number=person.pk)],
    }


def _log(action: str, person: Person, *, done_by: models.Model | None, done_by_name: str) -> None:
    PersonDataEvent.objects.create(
        action=action,
        person=person,
        person_number=person.pk,
        done_by=done_by if getattr(done_by, "pk", None) else None,
        done_by_name=strip_bidi_controls(done_by_name)[:150],
    )
    logger.info("Personal data %s of person #%s by %s", action, person.pk, done_by_name)


def person_export(
    people: Iterable[Person], *, done_by: models.Model | None, done_by_name: str
) -> dict[str, Any]:
    """The access export of the people (a dict ready for JSON); each export is logged with who and when."""
    records = []
    for person in people:
        _log(PersonDataEvent.Action.EXPORT, person, done_by=done_by, done_by_name=done_by_name)
        records.append(person_record(person))
    return {"exported_at": timezone.now(), "people": records}


def export_json(document: dict[str, Any]) -> str:
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def export_csv_rows(document: dict[str, Any]) -> Iterator[list[Any]]:
    """The export as CSV rows: person, section, record id, field, value (one row per value)."""
    yield ["person", "section", "record", "field", "value"]
    for record in document["people"]:
        person_id = record["person"]["id"]
        sections = [
            ("person", [record["person"]]),
            ("role", record["roles"]),
            ("consent", record["consents"]),
        ]
        sections += [
            ("person history", record["history"]["person"]),
            ("role history", record["history"]["roles"]),
        ]
        sections += [("event", record["events"])]
        for section, rows in sections:
            for row in rows:
                record_id = row.get("history_id") or row.get("id")
                for field, value in row.items():
                    yield [person_id, section, record_id, field, "" if value is None else value]


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def export_csv(document: dict[str, Any]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in export_csv_rows(json.loads(export_json(document))):
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue()


def _identifiers(person: Person) -> list[str]:
    """The strings erasure must remove wherever they were copied: name, full name, e-mail, phone."""
    values = [person.full_name, person.email, str(person.phone or "")]
    values += [row.email for row in person.history.exclude(email="")]
    return [value for value in {value.strip() for value in values} if value]


def _scrub(text: str, identifiers: list[str]) -> str:
    for value in identifiers:
        if value.lower() in text.lower():
            return ERASED_NAME
    return text


def _scrub_admin_log(person: Person, role_ids: set[int]) -> None:
    """Admin log entries name the person (object_repr): replace it for the person and their roles."""
    for model, ids in [(Person, {person.pk}), (_role_model(), role_ids)]:
        content_type = ContentType.objects.get_for_model(model)
        entries = LogEntry.objects.filter(content_type=content_type, object_id__in=[str(pk) for pk in ids])
        entries.update(object_repr=ERASED_NAME)


def _erase_one(person: Person, *, action: str, done_by: models.Model | None, done_by_name: str) -> None:
    identifiers = _identifiers(person)
    roles = _role_model()
    role_ids = set(roles.history.filter(person_id=person.pk).values_list("id", flat=True))
    for role in roles.objects.filter(person=person):
        role._change_reason = "erasure"
        role.delete()
    blank = {"first_name": ERASED_NAME, "last_name": "", "email": "", "phone": "", "notes": ""}
    Person.objects.filter(pk=person.pk).update(
        **blank, erased_at=timezone.now(), objected_to_mailings_on=None
    )
    person.history.update(**blank, history_change_reason=None)
    for consent in person.consents.all():
        if _scrub(consent.source, identifiers) != consent.source:
            ConsentRecord.objects.filter(pk=consent.pk).update(source=ERASED_NAME)
    _scrub_admin_log(person, role_ids)
    announce_rows_written_in_bulk(Person)
    _log(action, person, done_by=done_by, done_by_name=done_by_name)


def person_erase(
    people: Iterable[Person],
    *,
    done_by: models.Model | None,
    done_by_name: str,
    action: str = PersonDataEvent.Action.ERASURE,
) -> int:
    """Erase the people: their roles are removed, the person row and every history row anonymised.

    Kept: the anonymised person row (``erased_at`` says when), consent records without evidence text
    that named them, the aggregates (figures are not personal) and a ``PersonDataEvent`` saying who
    erased whom (by number) and when. Returns how many people were erased; already erased ones are
    skipped. All or nothing.
    """
    erased = 0
    with transaction.atomic():
        for person in people:
            if person.is_erased:
                continue
            _erase_one(person, action=action, done_by=done_by, done_by_name=done_by_name)
            erased += 1
    return erased


def months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same day and time `months` calendar months earlier (the month's last day when shorter)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def retention_due(*, months: int | None = None, now: datetime.datetime | None = None) -> models.QuerySet:
    """People past retention: no role now, and neither they nor any of their roles changed for `months`
    (default ``settings.PERSONAL_DATA_RETENTION_MONTHS``)."""
    months = settings.PERSONAL_DATA_RETENTION_MONTHS if months is None else months
    cutoff = months_before(now or timezone.now(), months)
    roles = _role_model()
    recent_role_change = roles.history.filter(person_id=OuterRef("pk"), history_date__gte=cutoff)
    return (
        Person.objects.not_erased()
        .filter(updated_at__lt=cutoff)
        .exclude(Exists(roles.objects.filter(person=OuterRef("pk"))))
        .exclude(Exists(recent_role_change))
    )


def person_merge_into_network(
    person: Person, *, done_by: models.Model | None, done_by_name: str
) -> Person | None:
    """Move a portal-kept person's roles and consents to the network's person with the same e-mail.

    Staff use it once they know both records are the same human being. A role the network's person
    already holds at the same organisation is dropped; the portal's record is then erased (its details
    live on in the network's person). Returns the network's person, or None when there is none.
    """
    if person.portal_cluster_id is None or not person.email:
        return None
    target = Person.objects.filter(portal_cluster__isnull=True, email__iexact=person.email).first()
    if target is None:
        return None
    roles = _role_model()
    held = set(roles.objects.filter(person=target).values_list("organisation", "cluster_id", "company_id"))
    with transaction.atomic():
        for role in roles.objects.filter(person=person):
            role._change_reason = "merged into the network's person"
            if (role.organisation, role.cluster_id, role.company_id) in held:
                role.delete()
            else:
                role.person = target
                role.save()
        ConsentRecord.objects.filter(person=person).update(person=target)
        person_erase([person], done_by=done_by, done_by_name=done_by_name)
    return target
