from django.db import migrations


def contacts_to_people(apps, schema_editor):
    """One person per distinct e-mail (ignoring case), or per contact without one; the consent flag
    becomes a consent record that says it was recorded before consent records existed."""
    Contact = apps.get_model("clusters", "Contact")
    Person = apps.get_model("people", "Person")
    ConsentRecord = apps.get_model("people", "ConsentRecord")
    people = {}
    for contact in Contact.objects.order_by("pk"):
        key = contact.email.strip().lower() or f"contact-{contact.pk}"
        person = people.get(key)
        if person is None:
            person = Person.objects.create(
                first_name=contact.first_name,
                last_name=contact.last_name,
                email=contact.email.strip().lower(),
                phone=contact.phone,
                notes=contact.notes,
            )
            people[key] = person
        elif contact.notes and contact.notes not in person.notes:
            person.notes = "\n\n".join(filter(None, [person.notes, contact.notes]))
            person.save(update_fields=["notes"])
        if contact.is_public and not ConsentRecord.objects.filter(person=person).exists():
            ConsentRecord.objects.create(
                person=person,
                purpose="public",
                given_on=contact.consent_date,
                method="earlier",
                source="'Consents to be shown publicly' ticked on the contact person",
                text_version="before consent records",
            )
        Contact.objects.filter(pk=contact.pk).update(person=person)


class Migration(migrations.Migration):
    """Data only, in a migration of its own: PostgreSQL refuses to alter a table in the transaction
    that wrote to it while foreign key checks are still pending."""

    dependencies = [
        ('clusters', '0011_person_and_roles'),
    ]

    operations = [
        migrations.RunPython(contacts_to_people, migrations.RunPython.noop),
    ]
