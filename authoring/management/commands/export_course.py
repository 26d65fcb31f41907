"""`manage.py export_course CODE OUT`: write a course as a package (a folder, or a .zip)."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from authoring.services import course_package_export
from courses.models import Course


class Command(BaseCommand):
    help = "Export a course as a course package: a folder, or a zip when OUT ends in .zip."

    def add_arguments(self, parser):
        parser.add_argument("code", help="The course's code, e.g. GEM-100.")
        parser.add_argument("out", help="A new (or empty) folder, or a file ending in .zip.")

    def handle(self, *args, **options):
        course = Course.objects.filter(code=options["code"]).first()
        if course is None:
            raise CommandError(f"No course has the code {options['code']}.")
        try:
            out = course_package_export(course=course, out=Path(options["out"]))
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from None
        self.stdout.write(f"Exported {course.code} to {out}")
