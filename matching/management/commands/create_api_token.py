"""Print the API token of a coordinator or service account (creating it if needed)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from matching.services import api_token_issue


class Command(BaseCommand):
    help = "Print (creating if needed) the API token of a coordinator or service account."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--rotate", action="store_true", help="Replace the existing token.")

    def handle(self, *args, username, rotate, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        try:
            token = api_token_issue(user=user, rotate=rotate)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(token.key)
