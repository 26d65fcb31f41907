"""Export a course's question bank (or one category of it) as GIFT."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessments.importers import export_gift
from assessments.selectors import questionbank as selectors
from assessments.services import questionbank as services


class Command(BaseCommand):
    help = (
        "Write a course's questions as GIFT (UTF-8), with their categories, to standard "
        "output or a file. GIFT has no place for default marks, numerical units or essay "
        "word limits."
    )

    def add_arguments(self, parser):
        parser.add_argument("--course", required=True, help="the course's code")
        parser.add_argument("--category", help="only this category (by name) and those below it")
        parser.add_argument("-o", "--output", type=Path, help="the file to write (default: stdout)")

    def handle(self, *args, course: str, category: str | None, output: Path | None, **options):
        target_course = selectors.course_by_code(course)
        if target_course is None:
            raise CommandError(_("There is no course with code %(code)s.") % {"code": course})
        target = None
        if category:
            target = selectors.category_by_name(target_course, category)
            if target is None:
                raise CommandError(
                    _("The course has no category named %(name)s.") % {"name": category}
                )
        questions = services.questions_for_export(target_course, target)
        text = export_gift(questions)
        if output is None:
            self.stdout.write(text, ending="")
            return
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(
                _("Cannot write %(file)s: %(error)s") % {"file": output, "error": error.strerror}
            ) from None
        self.stderr.write(
            ngettext(
                "%(count)d question written to %(file)s.",
                "%(count)d questions written to %(file)s.",
                len(questions),
            )
            % {"count": len(questions), "file": output}
        )
