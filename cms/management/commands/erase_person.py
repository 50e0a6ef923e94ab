"""Erase a person's data on request (see docs/privacy.md), as a named coordinator."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cms import privacy


class Command(BaseCommand):
    help = (
        "Erase a person's personal data, keeping the certification and assignment audit trail "
        "pseudonymised. Cannot be undone."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--reason", required=True, help="Recorded, e.g. the request's reference."
        )
        parser.add_argument(
            "--actor", required=True, help="Username of the coordinator who decided the erasure."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only show what would be deleted or kept."
        )

    def handle(self, *args, username, reason, actor, dry_run=False, **options):
        users = get_user_model().objects
        person = users.filter(username=username).first()
        if person is None:
            raise CommandError(f"No account has the username “{username}”.")
        acting = users.filter(username=actor).first()
        if acting is None:
            raise CommandError(f"No account has the username “{actor}” (--actor).")
        if dry_run:
            preview = privacy.person_erasure_preview(user=person)
            for label, count in privacy.counts_described(preview):
                self.stdout.write(f"{count:6d}  {label}")
            return
        try:
            erasure = privacy.person_erase(person_id=person.pk, actor=acting, reason=reason)
        except privacy.PersonErasureError as error:
            raise CommandError(" ".join(error.messages)) from error
        for label, count in privacy.counts_described(erasure.counts):
            self.stdout.write(f"{count:6d}  {label}")
        self.stdout.write(
            self.style.SUCCESS(f"Erased. The account is now {erasure.person.username}.")
        )
