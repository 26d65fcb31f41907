"""`manage.py import_course PATH`: check a course package and create its course, or nothing."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from authoring.selectors import course_summary
from authoring.services import course_package_import, course_package_read


class Command(BaseCommand):
    help = "Import a course package (a folder or a .zip); every problem is listed, nothing stored."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The package's folder or zip file.")
        parser.add_argument(
            "--check", action="store_true", help="Only check the package; store nothing."
        )

    def handle(self, *args, **options):
        path = Path(options["path"])
        try:
            package = course_package_read(path)
            for warning in package.warnings:
                self.stderr.write(f"Warning: {warning}")
            if options["check"]:
                self.stdout.write(f"{path}: the package is valid ({package.code}).")
                return
            course = course_package_import(path=path)
        except ValidationError as error:
            raise CommandError(
                "The package was not imported:\n" + "\n".join(f"- {m}" for m in error.messages)
            ) from None
        summary = course_summary(course)
        self.stdout.write(
            f"Imported {course.code} · {course.title}: {summary.modules} modules, "
            f"{summary.activities} activities, {summary.hours} hours, "
            f"{summary.questions} questions."
        )
