"""Generate a new certificate signing key (yearly); the current one is retired, not deleted."""

from django.core.management.base import BaseCommand

from certification import keys


class Command(BaseCommand):
    help = "Generate a P-256 signing key for certificates; retired keys keep verifying."

    def handle(self, *args, **options):
        key = keys.signing_key_generate()
        self.stdout.write(
            f"New signing key {key.kid}; its private key is in {keys.private_key_path(key.kid)}"
        )
