"""Import a question file (GIFT, Moodle XML or Aiken) into a course's question bank."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from assessments.importers import MAX_BYTES
from assessments.selectors import questionbank as selectors
from assessments.services import questionbank as services


class Command(BaseCommand):
    help = (
        "Import questions from a GIFT, Moodle XML or Aiken file (format and text encoding "
        "are detected) into a course's question bank. All or nothing: a malformed file "
        "imports nothing and the command exits with status 1. Questions of unsupported "
        "types are listed with their line. Importing a file twice adds its questions twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the question file")
        parser.add_argument("--course", required=True, help="the course's code")
        parser.add_argument(
            "--category",
            help="import into this category (found by name, created at the top if missing)",
        )

    def handle(self, *args, file: Path, course: str, category: str | None, **options):
        target_course = selectors.course_by_code(course)
        if target_course is None:
            raise CommandError(_("There is no course with code %(code)s.") % {"code": course})
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
            with transaction.atomic():
                target = None
                if category:
                    target = selectors.category_by_name(target_course, category)
                    target = target or services.question_category_create(
                        course=target_course, name=category
                    )
                report = services.questions_import(
                    course=target_course, data=data, filename=file.name, target_category=target
                )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.write_report(report)

    def write_report(self, report: services.QuestionImportReport) -> None:
        self.stdout.write(
            _("Format: %(format)s (%(encoding)s)")
            % {"format": report.format_name, "encoding": report.encoding}
        )
        self.stdout.write(_("Questions imported: %(count)d") % {"count": report.total})
        for _kind, label, count in report.created_by_kind:
            self.stdout.write(f"  {label}: {count}")
        if report.categories_created:
            self.stdout.write(
                _("Categories created: %(names)s") % {"names": ", ".join(report.categories_created)}
            )
        for question in report.unsupported:
            self.stdout.write(
                self.style.WARNING(
                    _("line %(line)s: type “%(type)s” is not supported (%(name)s)")
                    % {"line": question.line, "type": question.type_name, "name": question.name}
                )
            )
        for dropped in report.dropped_files:
            self.stdout.write(
                self.style.WARNING(
                    _("line %(line)s: file “%(file)s” was left out (%(name)s)")
                    % {"line": dropped.line, "file": dropped.filename, "name": dropped.name}
                )
            )
        self.stdout.write(
            self.style.SUCCESS(
                _("Import complete. Importing the same file again adds its questions again.")
            )
        )
