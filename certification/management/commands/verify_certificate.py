"""Verify a certificate from its PDF, a photo of its QR code, its link or its digits.

Exit status: 0 valid; 1 genuine but revoked, superseded or unknown here; 2 not
genuine (forged or altered) or unreadable.
"""

from django.core.management.base import BaseCommand

from certification import codes, reading, selectors


class Command(BaseCommand):
    help = "Verify a certificate offline against the published keys; non-zero exit if not valid."

    def add_arguments(self, parser):
        parser.add_argument("source", help="a PDF, a PNG/JPEG of the QR code, the link or digits")

    def handle(self, *args, **options):
        try:
            signed = reading.signed_bytes_from(options["source"])
        except reading.UnreadableInput as error:
            self.stderr.write(f"NOT READABLE: {error}")
            raise SystemExit(2) from error
        result = selectors.verification_of(signed)
        if not result.genuine:
            self.stderr.write(f"NOT GENUINE: {result.problem}")
            raise SystemExit(2)
        claims = result.claims
        lines = [
            f"Signature: genuine (key {result.kid}, {len(signed)} signed bytes)",
            f"Status: {result.status.upper()}",
            f"Name: {claims.get('n')}",
            f"Course: {claims.get('ct')} ({claims.get('cc')}), {claims.get('h')} hours",
            f"Completed on: {claims.get('cd')}",
            f"Issuer: {claims.get('iss')}",
        ]
        certificate = result.certificate
        if certificate is not None:
            lines.append(f"Code: {codes.short_code_display(certificate.short_code)}")
            if certificate.revoked_at:
                lines.append(f"Revoked on: {certificate.revoked_at:%Y-%m-%d}")
            if certificate.superseded_by_id:
                code = codes.short_code_display(certificate.superseded_by.short_code)
                lines.append(f"Replaced by: {code}")
        self.stdout.write("\n".join(lines))
        if not result.valid:
            raise SystemExit(1)
