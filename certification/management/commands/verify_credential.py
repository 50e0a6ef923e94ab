"""Verify a credential as an outside verifier would: its proof, dates and status lists."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from certification.credentials.documents import site_url
from certification.credentials.verify import FetchError, credential_verify, local_fetch


class Command(BaseCommand):
    help = (
        "Verify a credential: a JSON file, or the path of one on this site "
        "(e.g. /credentials/<code>.json). Exits 1 unless it is valid."
    )

    def add_arguments(self, parser):
        parser.add_argument("credential", help="a file, or a path on this site")

    def handle(self, *args, credential: str, **options):
        try:
            if credential.startswith("/") and not Path(credential).is_file():
                document = local_fetch(site_url(credential))
            else:
                document = json.loads(Path(credential).read_text(encoding="utf-8"))
        except (OSError, ValueError, FetchError) as error:
            raise CommandError(f"Cannot read the credential: {error}") from error
        result = credential_verify(document, fetch=local_fetch)
        self.stdout.write(f"proof: {'ok' if result.proof else 'FAILED'}")
        self.stdout.write(f"dates: {'in force' if result.in_date else 'not in force'}")
        for purpose, is_set in result.status.items():
            self.stdout.write(f"{purpose}: {'SET' if is_set else 'not set'}")
        for error in result.errors:
            self.stdout.write(f"error: {error}")
        if not result.valid:
            self.stdout.write("invalid")
            raise SystemExit(1)
        self.stdout.write("valid")
