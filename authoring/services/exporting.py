"""Write a course as a package, always in the canonical form (docs/course-package.md).

The same course gives the same bytes on every export: the manifest is written in
a fixed order by `authoring.toml`, file names come from positions and titles,
questions are numbered within their file, and a zip has sorted entries, a fixed
date and fixed permissions.
"""

import zipfile
from decimal import Decimal
from pathlib import Path, PurePosixPath

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from assessments.importers import export_gift
from assessments.models import Assignment, GradeCategory, GradeItem, Quiz
from assessments.selectors.assignments import rubric_rows
from assessments.services.questionbank import category_paths, questions_for_export
from authoring import toml
from authoring.package import FORMAT, FORMAT_VERSION, MANIFEST, SECONDS_PER_HOUR
from authoring.services.reading import COMPLETION_RULES
from content import services as content_services
from courses.models import Activity, Course, Module

SLUG_LENGTH = 50
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
ZIP_MODE = 0o644 << 16


def _slug(title: str) -> str:
    slug = slugify(title) or "x"
    if len(slug) > SLUG_LENGTH:
        slug = slug[:SLUG_LENGTH].rsplit("-", 1)[0]
    return slug


def _hours(seconds: int) -> Decimal:
    return Decimal(seconds) / SECONDS_PER_HOUR


def _fraction(value: Decimal | None) -> Decimal | None:
    return None if value is None else Decimal(value)


class _Writer:
    def __init__(self, course: Course):
        self.course = course
        self.files: dict[str, bytes] = {}
        self.paths = category_paths(course)

    def add(self, name: str, data: bytes | str) -> str:
        self.files[name] = data.encode("utf-8") if isinstance(data, str) else data
        return name

    def manifest(self) -> str:
        course = self.course
        out = toml.pairs({"format": FORMAT, "format_version": FORMAT_VERSION})
        out += toml.table(
            "course",
            {
                "code": course.code,
                "title": course.title,
                "language": course.language,
                "description": course.description,
                "required_hours": _hours(course.required_seconds),
                "pass_grade": course.pass_grade,
                "measured_share": course.measured_share,
                "min_active_cap_seconds": course.min_active_cap_seconds,
                "min_active_share": course.min_active_fraction,
                "active_cap_factor": course.active_cap_factor,
                "tutor_signoff": course.requires_tutor_signoff,
            },
        )
        for category in GradeCategory.objects.filter(course=course).order_by("position", "pk"):
            out += toml.table(
                "grade_categories", {"name": category.name, "weight": category.weight}, array=True
            )
        modules = Module.objects.filter(course=course, archived_at__isnull=True).order_by(
            "position"
        )
        for number, module in enumerate(modules, start=1):
            out += self.module(number, module)
        return out

    def module(self, number: int, module: Module) -> str:
        folder = f"modules/{number:02d}-{_slug(module.title)}"
        objectives = [line.strip() for line in module.objectives.splitlines() if line.strip()]
        out = toml.table(
            "modules",
            {"title": module.title, "summary": module.summary, "objectives": objectives},
            array=True,
        )
        activities = (
            Activity.objects.filter(module=module, archived_at__isnull=True)
            .select_related("page", "file", "video", "h5p")
            .order_by("position")
        )
        if not activities:
            # The importer refuses an empty module: refuse it here, where it can be fixed.
            raise ValidationError(
                _("Module “%(title)s” has no activities: add one or remove the module.")
                % {"title": module.title}
            )
        for position, activity in enumerate(activities, start=1):
            out += self.activity(f"{folder}/{position:02d}-{_slug(activity.title)}", activity)
        return out

    def activity(self, stem: str, activity: Activity) -> str:
        values = {
            "title": activity.title,
            "kind": activity.kind,
            "hours": _hours(activity.nominal_seconds),
            "required": activity.required,
            "completion": activity.completion_rule,
            "min_active_seconds": activity.min_active_seconds,
        }
        if activity.completion_rule not in COMPLETION_RULES[activity.kind]:
            raise ValidationError(
                _("“%(title)s”: a %(kind)s activity cannot complete when “%(rule)s”.")
                % {"title": activity.title, "kind": activity.kind, "rule": activity.completion_rule}
            )
        tables = getattr(self, f"kind_{activity.kind}")(stem, activity, values)
        out = toml.table("modules.activities", values, array=True)
        for header, table in tables:
            out += toml.table(f"modules.activities.{header}", table)
        return out

    def kind_page(self, stem, activity, values):
        suffix = ".html" if activity.page.source_format == "html" else ".md"
        values["page"] = self.add(stem + suffix, activity.page.source)
        return []

    def kind_file(self, stem, activity, values):
        folder = str(PurePosixPath(stem).parent)
        name = f"{folder}/files/{activity.file.original_name}"
        if name in self.files:
            name = f"{stem}-{activity.file.original_name}"
        with activity.file.file.open("rb") as handle:
            values["file"] = self.add(name, handle.read())
        values["description"] = activity.file.description
        return []

    def kind_video(self, stem, activity, values):
        video = activity.video
        if video.file:
            suffix = PurePosixPath(video.file.name).suffix
            with video.file.open("rb") as handle:
                values["video"] = self.add(stem + suffix, handle.read())
        else:
            values["url"] = video.url
        if video.captions:
            with video.captions.open("rb") as handle:
                values["captions"] = self.add(stem + ".vtt", handle.read())
        if video.transcript:
            values["transcript"] = self.add(stem + "-transcript.txt", video.transcript)
        return []

    def kind_h5p(self, stem, activity, values):
        package_path = getattr(content_services, "h5p_package_path", None)
        if package_path is None:
            raise ValidationError(_("This platform cannot export H5P packages yet."))
        values["h5p"] = self.add(stem + ".h5p", Path(package_path(activity.h5p)).read_bytes())
        values["pass_mark"] = _fraction(activity.pass_fraction)
        return []

    def graded(self, activity, values) -> None:
        item = GradeItem.objects.filter(activity=activity).select_related("category").first()
        if item is not None:
            values["grade_category"] = item.category.name
            values["grade_weight"] = item.weight

    def kind_quiz(self, stem, activity, values):
        quiz = Quiz.objects.filter(activity=activity).first()
        if quiz is None:
            raise ValidationError(_("“%(title)s” has no quiz.") % {"title": activity.title})
        slots = list(quiz.slots.select_related("question").order_by("position"))
        questions, drawn = self.quiz_questions(activity, slots)
        values["questions"] = self.add(stem + ".gift", export_gift(questions, number_from=1))
        self.graded(activity, values)
        settings = {}
        if quiz.intro:
            settings["intro"] = self.add(stem + ".html", quiz.intro)
        settings |= {
            "questions_drawn": drawn,
            "attempts": quiz.attempts_allowed,
            "time_limit_minutes": (quiz.time_limit_seconds or 0) // 60,
            "pass_mark": quiz.pass_fraction,
            "grading_method": quiz.grading_method,
            "shuffle_questions": quiz.shuffle_questions,
            "shuffle_answers": quiz.shuffle_answers,
            "review_marks": quiz.review_marks,
            "review_feedback": quiz.review_feedback,
            "review_correct_answers": quiz.review_correct_answers,
            "review_after_close": quiz.review_after_close,
            "slot_mark": next((s.mark for s in slots if s.mark), Decimal(1)),
        }
        return [("quiz", settings)]

    def quiz_questions(self, activity, slots):
        """The questions to write and how many slots draw at random (0: fixed slots)."""
        randoms = {(s.random_category_id, s.include_subcategories) for s in slots}
        if all(s.random_category_id for s in slots) and len(randoms) == 1:
            _category, subcategories = randoms.pop()
            if not subcategories:
                category = slots[0].random_category
                return questions_for_export(self.course, category), len(slots)
        elif slots and all(s.question_id for s in slots):
            questions = questions_for_export(self.course)
            by_id = {question.pk: question for question in questions}
            return [by_id[slot.question_id] for slot in slots], 0
        raise ValidationError(
            _(
                "“%(title)s”: a package holds quizzes whose questions are all drawn from one "
                "category, or all fixed."
            )
            % {"title": activity.title}
        )

    def kind_assignment(self, stem, activity, values):
        assignment = Assignment.objects.filter(activity=activity).select_related("rubric").first()
        if assignment is None:
            raise ValidationError(_("“%(title)s” has no assignment.") % {"title": activity.title})
        if assignment.instructions:
            values["instructions"] = self.add(stem + ".html", assignment.instructions)
        self.graded(activity, values)
        settings = {
            "team": assignment.team_submission,
            "accepts_text": assignment.accepts_text,
            "accepts_files": assignment.accepts_files,
            "extensions": list(assignment.allowed_extensions),
            "max_files": assignment.max_files,
            "max_file_mb": assignment.max_file_bytes // (1024 * 1024),
            "allow_resubmission": assignment.allow_resubmission,
            "max_points": None if assignment.rubric_id else assignment.max_points,
            "pass_mark": assignment.pass_fraction,
        }
        if assignment.rubric_id:
            settings["rubric"] = self.add(stem + "-rubric.toml", _rubric(assignment.rubric))
        return [("assignment", settings)]


def _rubric(rubric) -> str:
    out = toml.pairs({"name": rubric.name})
    for row in rubric_rows(rubric):
        out += toml.table("criteria", {"description": row.criterion.description}, array=True)
        for level in row.levels:
            out += toml.table(
                "criteria.levels",
                {"description": level.description, "points": level.points},
                array=True,
            )
    return out


def course_package_files(*, course: Course) -> dict[str, bytes]:
    """{path: bytes} of the course's package, manifest included."""
    writer = _Writer(course)
    manifest = writer.manifest()
    writer.add(MANIFEST, manifest)
    return dict(sorted(writer.files.items()))


def course_package_export(*, course: Course, out: Path) -> Path:
    """Write the course's package to the folder `out`, or to a zip when it ends in .zip."""
    out = Path(out)
    files = course_package_files(course=course)
    if out.suffix.lower() == ".zip":
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(zip_bytes(files))
        return out
    if out.exists() and any(out.iterdir()):
        raise ValidationError(_("The folder %(path)s is not empty.") % {"path": out})
    for name, data in files.items():
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return out


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """A deterministic zip: sorted entries, a fixed date, fixed permissions."""
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = ZIP_MODE
            info.create_system = 3
            archive.writestr(info, files[name], compresslevel=9)
    return buffer.getvalue()
