"""Create a course from a checked package, all of it in one transaction."""

from decimal import Decimal
from pathlib import Path, PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from assessments.models import GradeCategory, Question, QuestionCategory
from assessments.services import assignments as assignment_services
from assessments.services import gradebook, gradebook_setup, questionbank
from assessments.services import quizzes as quiz_services
from authoring.package import ActivitySpec, CoursePackage
from authoring.services.reading import course_package_read
from content import services as content_services
from content.models import Page
from courses.models import Activity, ActivityKind, Course, Module

_THOUSANDTHS = Decimal("0.001")


def course_package_import(*, path: Path) -> Course:
    """Check the whole package first, then create the course and everything in it, or
    nothing: a ValidationError lists every problem (or says the code is taken)."""
    package = course_package_read(path)
    if Course.objects.filter(code=package.code).exists():
        raise ValidationError(
            _("A course with the code %(code)s exists already; nothing was imported.")
            % {"code": package.code}
        )
    with transaction.atomic():
        course = _course(package)
        categories = {
            name: gradebook_setup.grade_category_create(course=course, name=name, weight=weight)
            for name, weight in package.grade_categories
        }
        for position, spec in enumerate(package.modules, start=1):
            module = Module(
                course=course,
                position=position,
                title=spec.title,
                summary=spec.summary,
                objectives="\n".join(spec.objectives),
            )
            module.full_clean()
            module.save()
            for activity_position, activity in enumerate(spec.activities, start=1):
                _activity(module, activity_position, activity, categories)
    return course


def _course(package: CoursePackage) -> Course:
    course = Course(
        code=package.code,
        title=package.title,
        description=package.description,
        language=package.language,
        required_seconds=package.required_seconds,
        pass_grade=package.pass_grade.quantize(_THOUSANDTHS),
        measured_share=package.measured_share.quantize(_THOUSANDTHS),
        min_active_cap_seconds=package.min_active_cap_seconds,
        min_active_fraction=package.min_active_share.quantize(_THOUSANDTHS),
        active_cap_factor=package.active_cap_factor.quantize(Decimal("0.01")),
        requires_tutor_signoff=package.tutor_signoff,
    )
    course.full_clean()
    course.save()
    return course


def _activity(module: Module, position: int, spec: ActivitySpec, categories) -> Activity:
    activity = Activity(
        module=module,
        position=position,
        title=spec.title,
        kind=spec.kind,
        nominal_seconds=spec.seconds,
        required=spec.required,
        completion_rule=spec.completion,
        min_active_seconds=spec.min_active_seconds,
        pass_fraction=spec.pass_fraction.quantize(_THOUSANDTHS) if spec.pass_fraction else None,
    )
    name = PurePosixPath(spec.path).name
    if spec.kind == ActivityKind.PAGE:
        source_format = Page.Format.HTML if name.endswith(".html") else Page.Format.MARKDOWN
        activity.page = content_services.page_save(
            source=spec.data.decode("utf-8"), source_format=source_format
        )
    elif spec.kind == ActivityKind.FILE:
        activity.file = content_services.file_resource_create(
            upload=SimpleUploadedFile(name, spec.data), description=spec.description
        )
    elif spec.kind == ActivityKind.VIDEO:
        activity.video = _video(spec)
    elif spec.kind == ActivityKind.H5P:
        activity.h5p = _h5p(spec)
    activity.full_clean()
    activity.save()
    if spec.quiz is not None:
        _quiz(activity, spec, categories)
    elif spec.assignment is not None:
        _assignment(activity, spec, categories)
    return activity


def _video(spec: ActivitySpec):
    upload = SimpleUploadedFile(PurePosixPath(spec.path).name, spec.data) if spec.path else None
    video = content_services.video_create(upload=upload, url=spec.url, transcript=spec.transcript)
    if spec.captions_path:
        video.captions.save(PurePosixPath(spec.captions_path).name, ContentFile(spec.captions))
    return video


def _h5p(spec: ActivitySpec):
    importer = getattr(content_services, "h5p_package_import", None)
    if importer is None:
        raise ValidationError(_("This platform cannot import H5P packages yet."))
    name = PurePosixPath(spec.path).name
    try:
        return importer(package=spec.data, filename=name)
    except content_services.H5PPackageError as error:
        raise ValidationError([f"{spec.path}: {message}" for message in error.messages]) from None


def _grade_item(activity: Activity, spec: ActivitySpec, categories, pass_fraction) -> None:
    item = gradebook.grade_item_ensure(activity=activity, pass_fraction=pass_fraction)
    category: GradeCategory | None = categories.get(spec.grade_category)
    gradebook_setup.grade_item_set(item=item, category=category, weight=spec.grade_weight)


def _question_category(course, path: tuple[str, ...]) -> QuestionCategory:
    category = None
    for name in path:
        category = QuestionCategory.objects.get(course=course, parent=category, name=name)
    return category


def _quiz(activity: Activity, spec: ActivitySpec, categories) -> None:
    data = spec.quiz
    course = activity.module.course
    questionbank.questions_import(
        course=course, data=data.questions_data, filename=PurePosixPath(data.questions_path).name
    )
    category = _question_category(course, data.category_path)
    quiz = quiz_services.quiz_create(
        activity=activity,
        intro=data.intro,
        attempts_allowed=data.attempts,
        time_limit_seconds=data.time_limit_minutes * 60 or None,
        shuffle_questions=data.shuffle_questions,
        shuffle_answers=data.shuffle_answers,
        pass_fraction=data.pass_fraction.quantize(_THOUSANDTHS),
        grading_method=data.grading_method,
        review_marks=data.review_marks,
        review_feedback=data.review_feedback,
        review_correct_answers=data.review_correct_answers,
        review_after_close=data.review_after_close,
    )
    if data.questions_drawn:
        for _slot in range(data.questions_drawn):
            quiz_services.quiz_slot_add(quiz=quiz, random_category=category, mark=data.slot_mark)
    else:
        for question in Question.objects.filter(category=category).order_by("pk"):
            quiz_services.quiz_slot_add(
                quiz=quiz,
                question=question,
                mark=None if not question.is_graded else data.slot_mark,
            )
    _grade_item(activity, spec, categories, quiz.pass_fraction)


def _assignment(activity: Activity, spec: ActivitySpec, categories) -> None:
    data = spec.assignment
    rubric = None
    if data.rubric is not None:
        rubric = assignment_services.rubric_create(
            course=activity.module.course, name=data.rubric.name, criteria=data.rubric.criteria
        )
    assignment_services.assignment_create(
        activity=activity,
        instructions=data.instructions,
        accepts_text=data.accepts_text,
        accepts_files=data.accepts_files,
        allowed_extensions=list(data.extensions),
        max_files=data.max_files,
        max_file_bytes=data.max_file_mb * 1024 * 1024,
        allow_resubmission=data.allow_resubmission,
        team_submission=data.team,
        rubric=rubric,
        max_points=data.rubric.max_points if data.rubric else data.max_points,
        pass_fraction=data.pass_fraction.quantize(_THOUSANDTHS),
    )
    _grade_item(activity, spec, categories, data.pass_fraction.quantize(_THOUSANDTHS))
