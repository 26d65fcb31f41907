"""Import a programme's municipalities and teams from a CSV or XLSX file."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from programs import services
from programs.importing import MAX_BYTES
from programs.models import Programme


class Command(BaseCommand):
    help = (
        "Import municipalities and their teams from a CSV or XLSX file into a programme. "
        "All or nothing: with any error nothing is imported and the command exits with status 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the CSV or XLSX file")
        parser.add_argument("--programme", type=int, required=True, help="the programme's id")
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file and report, without importing"
        )

    def handle(self, *args, file: Path, programme: int, dry_run: bool, **options):
        target = Programme.objects.filter(pk=programme).first()
        if target is None:
            raise CommandError(_("There is no programme with id %(id)s.") % {"id": programme})
        try:
            if file.stat().st_size > MAX_BYTES:
                raise CommandError(
                    _("The file is too large (at most %(megabytes)d MB).")
                    % {"megabytes": MAX_BYTES // (1024 * 1024)}
                )
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": error.strerror}
            ) from None
        try:
            report = services.municipalities_import(
                programme=target, upload_name=file.name, data=data, dry_run=dry_run
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None

        if not report.ok:
            for problem in report.errors:
                self.stderr.write(str(problem))
            raise CommandError(
                ngettext(
                    "%(count)d error found: nothing was imported.",
                    "%(count)d errors found: nothing was imported.",
                    len(report.errors),
                )
                % {"count": len(report.errors)}
            )
        if report.ignored_columns:
            self.stdout.write(
                _("Columns ignored: %(columns)s") % {"columns": ", ".join(report.ignored_columns)}
            )
        lines = [
            _("Rows read: %(count)d") % {"count": report.rows_read},
            _("Municipalities created: %(count)d") % {"count": report.municipalities_created},
            _("Municipalities updated: %(count)d") % {"count": report.municipalities_updated},
            _("Municipalities unchanged: %(count)d") % {"count": report.municipalities_unchanged},
            _("People created: %(count)d") % {"count": report.people_created},
            _("People updated: %(count)d") % {"count": report.people_updated},
            _("People unchanged: %(count)d") % {"count": report.people_unchanged},
            _("Memberships created: %(count)d") % {"count": report.memberships_created},
        ]
        for line in lines:
            self.stdout.write(line)
        if dry_run:
            self.stdout.write(_("Dry run: nothing was imported."))
        else:
            self.stdout.write(self.style.SUCCESS(_("Import complete.")))
