"""Print a fresh Ed25519 key pair for signing credentials, as the environment line to set."""

from django.core.management.base import BaseCommand

from certification.credentials.keys import ENV_NAME, key_generate


class Command(BaseCommand):
    help = (
        "Generate an Ed25519 key pair for signing verifiable credentials (prints, stores nothing)."
    )

    def handle(self, *args, **options):
        secret, public = key_generate()
        self.stdout.write("# Keep this secret: put it in the server's environment, not in a file")
        self.stdout.write("# under version control. The public key is published at")
        self.stdout.write("# /.well-known/did.json. When replacing a key, add the old public key")
        self.stdout.write("# to PMA_CREDENTIAL_RETIRED_PUBLIC_KEYS so earlier credentials verify.")
        self.stdout.write(f"{ENV_NAME}={secret}")
        self.stdout.write(f"# public key: {public}")
