"""Add an H5P package to a course as an activity: `import_h5p FILE --course CODE --module N`."""

from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from content import services as content_services
from courses import editing
from courses.models import ActivityKind, Course


def _fraction(percent: str | None) -> Decimal | None:
    if percent is None:
        return None
    try:
        value = Decimal(percent) / 100
    except InvalidOperation as error:
        raise CommandError(
            f"--pass-mark must be a number from 0 to 100, not {percent!r}"
        ) from error
    if not Decimal(0) <= value <= Decimal(1):
        raise CommandError("--pass-mark must be from 0 to 100")
    return value


class Command(BaseCommand):
    help = "Import an .h5p package (validated first) as an activity at the end of a module."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--course", required=True, help="course code, e.g. GEM-100")
        parser.add_argument("--module", required=True, type=int, help="module number, from 1")
        parser.add_argument("--title", help="activity title (default: the package's title)")
        parser.add_argument("--hours", default="0.5", help="nominal hours (default 0.5)")
        parser.add_argument("--pass-mark", help="percent (default: the package's, else 70)")
        parser.add_argument("--optional", action="store_true", help="not required")

    def handle(self, *args, **options):
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        course = Course.objects.filter(code=options["course"]).first()
        if course is None:
            raise CommandError(f"No course with code {options['course']!r}")
        module = course.modules.filter(position=options["module"], archived_at__isnull=True).first()
        if module is None:
            raise CommandError(f"{course.code} has no module {options['module']}")
        pass_fraction = _fraction(options["pass_mark"])
        try:
            with transaction.atomic():
                content = content_services.h5p_package_import(package=path, filename=path.name)
                activity = editing.activity_create(
                    module=module,
                    kind=ActivityKind.H5P,
                    title=options["title"] or content.title,
                    hours=options["hours"],
                    required=not options["optional"],
                    h5p=content,
                    pass_fraction=pass_fraction,
                )
        except ValidationError as error:
            raise CommandError(
                f"{path.name} was not imported:\n  - " + "\n  - ".join(error.messages)
            ) from error
        internet = " It needs the internet (external media)." if content.needs_internet else ""
        self.stdout.write(
            f"Imported “{activity.title}” ({content.main_library}) as activity "
            f"{module.position}.{activity.position} of {course.code}.{internet}"
        )
