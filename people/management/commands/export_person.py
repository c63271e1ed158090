from django.core.management.base import BaseCommand, CommandError

from people.models import Person
from people.services import export_csv, export_json, person_export

from ._actor import command_line_actor


class Command(BaseCommand):
    help = (
        "Write everything held about the person with this e-mail (every record the network and the "
        "cluster portals keep for the address: fields, roles, consent records, history) as JSON or CSV. "
        "The export is logged."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--output", help="File to write; standard output when not given.")

    def handle(self, *args, email: str, format: str, output: str | None, **options):
        people = list(Person.objects.with_email(email))
        if not people:
            raise CommandError(f"No person has the e-mail {email}.")
        document = person_export(people, done_by=None, done_by_name=command_line_actor())
        text = export_json(document) if format == "json" else export_csv(document)
        if output:
            with open(output, "w", encoding="utf-8", newline="") as file:
                file.write(text)
            self.stderr.write(f"Wrote {len(people)} person record(s) to {output}.")
        else:
            self.stdout.write(text)
