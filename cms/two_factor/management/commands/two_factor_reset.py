"""Reset someone's two-step sign-in when they have lost their phone, passkeys and codes."""

from django.core.management.base import BaseCommand, CommandError

from cms.models import User
from cms.two_factor import services


class Command(BaseCommand):
    help = (
        "Remove all of a person's two-step sign-in methods and recovery codes (after checking "
        "who they are another way). Logged in Wagtail's audit log."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account with the username {username!r}.")
        removed = services.second_factors_reset(user=user)
        self.stdout.write(
            f"Removed {removed} sign-in method(s) and the recovery codes of {username}. "
            "Their next sign-in asks them to set up two-step sign-in again if their role needs it."
        )
