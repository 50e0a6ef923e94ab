"""Write a person's data export (the same zip they can download themselves) to a file."""

import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cms import privacy


class Command(BaseCommand):
    help = "Export everything held about a person as a zip of JSON files (GDPR access request)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--output",
            help="Where to write the zip (default: personal-data-<username>-<date>.zip).",
        )

    def handle(self, *args, username, output=None, **options):
        person = get_user_model().objects.filter(username=username).first()
        if person is None:
            raise CommandError(f"No account has the username “{username}”.")
        output = output or privacy.export_filename(person)
        archive = privacy.person_export_archive(user=person, actor=None, via="command")
        try:  # readable by this account only, and never over an existing file
            descriptor = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError as error:
            raise CommandError(f"{output} exists already; choose another --output.") from error
        with os.fdopen(descriptor, "wb") as target:
            target.write(archive)
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}. It holds sensitive data."))
