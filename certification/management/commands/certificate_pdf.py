"""Write a certificate's PDF: `certificate_pdf CODE OUT.pdf` (CODE as printed, hyphens optional)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from certification import codes, pdf
from certification.models import Certificate


class Command(BaseCommand):
    help = "Write the PDF of the certificate with this short code."

    def add_arguments(self, parser):
        parser.add_argument("code")
        parser.add_argument("out", type=Path)

    def handle(self, *args, **options):
        code = codes.short_code_normalise(options["code"])
        certificate = (
            Certificate.objects.select_related("enrolment__user", "signing_key")
            .filter(short_code=code)
            .first()
            if code
            else None
        )
        if certificate is None:
            raise CommandError(f"No certificate with code {options['code']!r}")
        options["out"].write_bytes(pdf.certificate_pdf_as_issued(certificate))
        self.stdout.write(f"Wrote {options['out']} ({certificate.get_status_display()})")
