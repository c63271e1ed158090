from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from people.models import Person
from people.services import person_erase

from ._actor import command_line_actor


class Command(BaseCommand):
    help = (
        "Erase the person with this e-mail: roles removed; name, e-mail, phone and notes removed from "
        "the record and all its history. The erasure (who, when, which person number) is logged."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be erased; change nothing."
        )

    def handle(self, *args, email: str, dry_run: bool, **options):
        people = list(Person.objects.with_email(email).not_erased().prefetch_related("roles"))
        if not people:
            raise CommandError(f"No person (not yet erased) has the e-mail {email}.")
        for person in people:
            roles = ", ".join(
                f"{role.organisation_name}: {role.get_role_display()}" for role in person.roles.all()
            )
            self.stdout.write(f"Person #{person.pk}: {person.full_name}; roles: {roles or 'none'}")
        if dry_run:
            self.stdout.write(
                f"Dry run: {len(people)} person record(s) would be erased; nothing was changed."
            )
            return
        erased = person_erase(people, done_by=None, done_by_name=command_line_actor())
        self.stdout.write(f"Erased {erased} person record(s).")
        if get_user_model().objects.filter(email__iexact=email).exists():
            self.stdout.write(
                "A portal or staff account has this address too; it is not a contact record and was left "
                "alone: deactivate or delete it under Users if the erasure covers it."
            )
