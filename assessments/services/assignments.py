"""Assignments: submissions (a person's or a municipal team's), extensions, grading, release.

A submission belongs to an owner: the person's enrolment or, for a team
assignment, their municipality. Every submit adds a version (the history);
a double click within a few seconds yields one version. Grades are drafts
(`AssignmentGrade`) until released; releasing writes each member's gradebook
grade through `assessments.services.gradebook`, which audits every change and
completes the activity (and credits its hours).
"""

import datetime
import hashlib
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessments.models import (
    Assignment,
    AssignmentExtension,
    AssignmentGrade,
    Grade,
    Submission,
    SubmissionFile,
)
from assessments.selectors import assignments as selectors
from assessments.selectors.assignments import Owner
from assessments.services import gradebook
from courses import services as courses_services
from courses.models import Activity, ActivityKind, CompletionSource, Enrolment
from programs.models import Municipality, User

# Two identical submits closer than this are one (a double click, a resent form).
DOUBLE_SUBMIT_SECONDS = 10
# File types accepted when an assignment lists none.
DEFAULT_EXTENSIONS = ("pdf", "docx", "doc", "odt", "xlsx", "xls", "ods", "pptx", "ppt", "odp",
                      "txt", "csv", "jpg", "jpeg", "png")  # fmt: skip
FEEDBACK_FILE_MAX_BYTES = 20 * 1024 * 1024

_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
# What the first bytes of a file of each type must be; types not listed only
# have to not look like a program.
_SIGNATURES = {
    "pdf": (b"%PDF-",),
    **dict.fromkeys(("docx", "xlsx", "pptx", "odt", "ods", "odp", "zip"), _ZIP),
    **dict.fromkeys(("doc", "xls", "ppt"), _OLE),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
}
_TEXT_TYPES = {"txt", "csv", "md"}
_PROGRAMS = (b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe")


# --- Authoring ---------------------------------------------------------------------


def _normalised_extensions(values) -> list[str]:
    return sorted({str(value).strip().lower().lstrip(".") for value in values or [] if value})


@transaction.atomic
def assignment_create(*, activity: Activity, **settings) -> Assignment:
    """Attach an assignment to an assignment activity (authoring, demo data, tests)."""
    if activity.kind != ActivityKind.ASSIGNMENT:
        raise ValidationError(_("Only an assignment activity can hold an assignment."))
    assignment = Assignment(activity=activity, **settings)
    assignment.allowed_extensions = _normalised_extensions(assignment.allowed_extensions)
    if assignment.rubric_id and assignment.rubric.course_id != activity.module.course_id:
        raise ValidationError(_("The rubric belongs to another course."))
    if _max_points(assignment) <= 0:
        raise ValidationError(_("This assignment gives no points: set its maximum or rubric."))
    assignment.full_clean()
    assignment.save()
    return assignment


# --- Files ---------------------------------------------------------------------------


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _check_file(upload: UploadedFile, *, allowed: list[str], max_bytes: int) -> None:
    """Type (by name and by content) and size of one uploaded file."""
    name = _stored_name(upload)
    extension = _extension(name)
    if extension not in allowed:
        raise ValidationError(
            _("%(name)s: this type of file is not accepted (accepted: %(types)s).")
            % {"name": name, "types": ", ".join(allowed)}
        )
    if not upload.size:
        raise ValidationError(_("%(name)s is empty.") % {"name": name})
    if upload.size > max_bytes:
        raise ValidationError(
            _("%(name)s is too large: at most %(size)s MB.")
            % {"name": name, "size": f"{max_bytes / (1024 * 1024):.1f}"}
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    expected = _SIGNATURES.get(extension)
    looks_wrong = (
        (expected is not None and not head.startswith(expected))
        or (extension in _TEXT_TYPES and b"\x00" in head)
        or (expected is None and head.startswith(_PROGRAMS))
    )
    if looks_wrong:
        raise ValidationError(
            _("%(name)s does not contain what its name says (.%(type)s): check the file.")
            % {"name": name, "type": extension}
        )


def _validate_content(assignment: Assignment, text: str, files: list[UploadedFile]) -> None:
    if text and not assignment.accepts_text:
        raise ValidationError(_("This assignment takes files only, not a written answer."))
    if files and not assignment.accepts_files:
        raise ValidationError(_("This assignment takes a written answer only, not files."))
    if not text and not files:
        raise ValidationError(
            _("Write your answer or attach a file.")
            if assignment.accepts_text and assignment.accepts_files
            else _("Write your answer.")
            if assignment.accepts_text
            else _("Attach a file.")
        )
    if len(files) > assignment.max_files:
        raise ValidationError(
            ngettext(
                "Attach at most %(count)d file.",
                "Attach at most %(count)d files.",
                assignment.max_files,
            )
            % {"count": assignment.max_files}
        )
    allowed = _normalised_extensions(assignment.allowed_extensions) or list(DEFAULT_EXTENSIONS)
    for upload in files:
        _check_file(upload, allowed=allowed, max_bytes=assignment.max_file_bytes)


def _file_hash(chunks) -> str:
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk)
    return digest.hexdigest()


def _digest(text: str, files: list[tuple[str, str]]) -> str:
    """One hash of a version's content: its text, then each file's name and content hash."""
    digest = hashlib.sha256(text.encode())
    for name, content_hash in files:
        digest.update(f"\0{name}\0{content_hash}".encode())
    return digest.hexdigest()


def _stored_digest(submission: Submission) -> str:
    files = []
    for stored in submission.files.order_by("pk"):
        with stored.file.open("rb") as handle:
            files.append((stored.original_name, _file_hash(handle.chunks())))
    return _digest(submission.text, files)


# --- Submitting ------------------------------------------------------------------------


def _learner_enrolment(user: User, assignment: Assignment) -> Enrolment:
    enrolment = (
        Enrolment.objects.select_related("municipality", "course_run")
        .filter(
            user=user,
            course_run__course_id=assignment.activity.module.course_id,
            status=Enrolment.Status.ACTIVE,
        )
        .order_by("-course_run__starts_on", "-pk")
        .first()
    )
    if enrolment is None:
        raise PermissionDenied(_("You are not enrolled in this course."))
    return enrolment


def _submitting_owner(user: User, assignment: Assignment, enrolment: Enrolment) -> Owner:
    owner = selectors.owner_of(assignment, enrolment)
    if isinstance(owner, Enrolment):
        return Enrolment.objects.select_for_update().get(pk=owner.pk)
    if owner is None or not selectors.is_team_member(user, owner):
        raise PermissionDenied(
            _("This is a team assignment: only the current members of a municipal team submit.")
        )
    return Municipality.objects.select_for_update().get(pk=owner.pk)


def _stored_name(upload: UploadedFile) -> str:
    return (upload.name or "file").replace("\\", "/").rsplit("/", 1)[-1][:200]


def submission_create(
    *,
    user: User,
    assignment: Assignment,
    text: str = "",
    files: list[UploadedFile] | tuple = (),
    now: datetime.datetime | None = None,
) -> Submission:
    """Submit a version of one's (or one's team's) work.

    Refused after the cut-off (the owner's extension counts), when nothing or
    something unaccepted is sent, and on a second submit when resubmission is
    not allowed. Late when after the due date. The same content sent twice
    within DOUBLE_SUBMIT_SECONDS returns the first version. Completes a
    "submitted" activity for every member, in the same transaction.
    """
    now = now or timezone.now()
    text = (text or "").strip()
    files = list(files or [])
    stored: list[SubmissionFile] = []
    try:
        with transaction.atomic():
            submission = _submission_create(
                user=user, assignment=assignment, text=text, files=files, now=now, stored=stored
            )
    except BaseException:
        for row in stored:  # the rows are gone with the transaction; the files are not
            row.file.delete(save=False)
        raise
    return submission


def _submission_create(*, user, assignment, text, files, now, stored) -> Submission:
    assignment = Assignment.objects.select_related("activity__module").get(pk=assignment.pk)
    enrolment = _learner_enrolment(user, assignment)
    owner = _submitting_owner(user, assignment, enrolment)  # locked: submits queue up
    _validate_content(assignment, text, files)
    mine = Submission.objects.filter(assignment=assignment, **selectors.owner_filter(owner))
    latest = mine.order_by("-version").first()
    if latest is not None and (now - latest.submitted_at).total_seconds() < DOUBLE_SUBMIT_SECONDS:
        sent = _digest(text, [(_stored_name(f), _file_hash(f.chunks())) for f in files])
        if _stored_digest(latest) == sent:
            return latest
    if latest is not None and not assignment.allow_resubmission:
        raise ValidationError(
            _("Already submitted; this assignment does not accept a new version.")
        )
    limits = selectors.deadlines(assignment, selectors.extension_for(assignment, owner))
    if limits.is_closed(now):
        raise ValidationError(_("The cut-off date has passed: submissions are closed."))
    submission = Submission.objects.create(
        assignment=assignment,
        **selectors.owner_filter(owner),
        version=(latest.version + 1) if latest else 1,
        text=text,
        submitted_by=user,
        submitted_at=now,
        is_late=limits.is_late(now),
    )
    for upload in files:
        upload.seek(0)
        row = SubmissionFile(
            submission=submission, original_name=_stored_name(upload), size_bytes=upload.size
        )
        row.file.save(_stored_name(upload), upload, save=False)
        stored.append(row)
        row.save()
    for member in selectors.member_enrolments(assignment, owner):
        courses_services.activity_complete_by_result(
            enrolment_id=member.pk,
            activity_id=assignment.activity_id,
            source=CompletionSource.SUBMITTED,
            now=now,
        )
    return submission


# --- Extensions --------------------------------------------------------------------------


def _check_grader(tutor: User, assignment: Assignment, owner: Owner) -> None:
    if not selectors.can_grade(tutor, assignment, owner):
        raise PermissionDenied(_("You do not tutor a course run of this learner or team."))


def _owner_from(assignment: Assignment, enrolment, municipality) -> Owner:
    owner = municipality if assignment.team_submission else enrolment
    if owner is None or (enrolment is not None and municipality is not None):
        raise ValidationError(
            _("This is a team assignment: choose the municipality.")
            if assignment.team_submission
            else _("This is an individual assignment: choose the learner.")
        )
    return owner


@transaction.atomic
def extension_grant(
    *,
    tutor: User,
    assignment: Assignment,
    enrolment: Enrolment | None = None,
    municipality: Municipality | None = None,
    due_at: datetime.datetime,
    reason: str,
) -> AssignmentExtension:
    """Give one person (or one team) a later due date; granting again replaces it."""
    owner = _owner_from(assignment, enrolment, municipality)
    _check_grader(tutor, assignment, owner)
    if not (reason or "").strip():
        raise ValidationError(_("Give the reason for the extension."))
    if assignment.due_at is not None and due_at <= assignment.due_at:
        raise ValidationError(_("An extension must be later than the assignment's due date."))
    extension, _created = AssignmentExtension.objects.update_or_create(
        assignment=assignment,
        **selectors.owner_filter(owner),
        defaults={
            "due_at": due_at,
            "reason": reason.strip(),
            "granted_by": tutor,
            "granted_at": timezone.now(),
        },
    )
    return extension


# --- Grading ---------------------------------------------------------------------------


def _rubric_points(assignment: Assignment, chosen: dict | None) -> tuple[Decimal, dict]:
    """The sum of the chosen levels and the normalised {criterion id: level id}."""
    chosen = {str(key): str(value) for key, value in (chosen or {}).items()}
    picked, total = {}, Decimal("0")
    for row in selectors.rubric_rows(assignment.rubric):
        level_id = chosen.get(str(row.criterion.pk))
        level = next((lv for lv in row.levels if str(lv.pk) == level_id), None)
        if level is None:
            raise ValidationError(
                _("Choose a level for every criterion of the rubric (missing: %(criterion)s).")
                % {"criterion": row.criterion.description[:80]}
            )
        picked[str(row.criterion.pk)] = level.pk
        total += level.points
    return total, picked


def _max_points(assignment: Assignment) -> Decimal:
    """An assignment's maximum: its rubric's (each criterion's top level), else max_points."""
    if assignment.rubric_id:
        return selectors.rubric_max_points(assignment.rubric)
    return assignment.max_points


def _points_within(points, maximum: Decimal) -> Decimal:
    try:
        value = Decimal(str(points))
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError(_("Give the points as a number.")) from None
    if not value.is_finite() or value < 0 or value > maximum:
        raise ValidationError(_("The points must be between 0 and %(max)s.") % {"max": maximum})
    return value


def _write_member_grades(grade: AssignmentGrade, *, by: User, now: datetime.datetime) -> int:
    """Each member's gradebook grade from the (released) assignment grade."""
    assignment = grade.assignment
    item = gradebook.grade_item_ensure(
        activity=assignment.activity, pass_fraction=assignment.pass_fraction
    )
    owner = grade.enrolment or grade.municipality
    members = selectors.member_enrolments(assignment, owner)
    fraction = grade.points / _max_points(assignment)
    for member in members:
        gradebook.grade_record(
            item=item,
            enrolment=member,
            fraction=fraction,
            release=True,
            by=by,
            what="assignment",
            feedback=grade.feedback,
            now=now,
        )
    return len(members)


@transaction.atomic
def assignment_grade_save(
    *,
    tutor: User,
    assignment: Assignment,
    owner: Owner,
    points=None,
    rubric_levels: dict | None = None,
    feedback: str = "",
    feedback_file: UploadedFile | None = None,
    now: datetime.datetime | None = None,
) -> AssignmentGrade:
    """Grade an owner's latest version (a draft until released).

    With a rubric, every criterion needs a level and the points are their sum;
    otherwise the points are given. Re-grading a released grade updates every
    member's gradebook grade at once (the gradebook audits the change).
    """
    now = now or timezone.now()
    assignment = Assignment.objects.select_related("activity__module", "rubric").get(
        pk=assignment.pk
    )
    if isinstance(owner, Municipality) != assignment.team_submission:
        raise ValidationError(
            _("This is a team assignment: grade the municipality's work.")
            if assignment.team_submission
            else _("This is an individual assignment: grade the learner's work.")
        )
    _check_grader(tutor, assignment, owner)
    type(owner).objects.select_for_update().get(pk=owner.pk)  # one grader at a time
    if _max_points(assignment) <= 0:
        raise ValidationError(_("This assignment gives no points: set its maximum or rubric."))
    if assignment.rubric_id:
        total, picked = _rubric_points(assignment, rubric_levels)
    else:
        total, picked = _points_within(points, assignment.max_points), {}
    if feedback_file is not None:
        _check_file(
            feedback_file, allowed=list(DEFAULT_EXTENSIONS), max_bytes=FEEDBACK_FILE_MAX_BYTES
        )
    mine = selectors.owner_filter(owner)
    latest = Submission.objects.filter(assignment=assignment, **mine).order_by("-version").first()
    grade = AssignmentGrade.objects.select_for_update().filter(
        assignment=assignment, **mine
    ).first() or AssignmentGrade(assignment=assignment, **mine)
    grade.assignment = assignment
    grade.submission = latest
    grade.points = total
    grade.rubric_levels = picked
    grade.feedback = (feedback or "").strip()
    grade.graded_by = tutor
    grade.graded_at = now
    if feedback_file is not None:
        grade.feedback_file.save(_stored_name(feedback_file), feedback_file, save=False)
    grade.save()
    if grade.is_released:
        _write_member_grades(grade, by=tutor, now=now)
    return grade


@transaction.atomic
def assignment_grades_release(
    *, tutor: User, grades: list[AssignmentGrade], now: datetime.datetime | None = None
) -> int:
    """Release draft grades (bulk, all or nothing); returns how many were released now.

    Each writes the gradebook grade of the owner, for a team of every current
    member enrolled, which completes the activity and credits its hours.
    """
    now = now or timezone.now()
    released = 0
    rows = (
        AssignmentGrade.objects.select_for_update(of=("self",))
        .filter(pk__in=[grade.pk for grade in grades])
        .select_related(
            "assignment__activity__module", "assignment__rubric", "enrolment", "municipality"
        )
        .order_by("pk")
    )
    for grade in rows:
        _check_grader(tutor, grade.assignment, grade.enrolment or grade.municipality)
        if grade.is_released:
            continue
        grade.released_at = now
        grade.save(update_fields=["released_at"])
        _write_member_grades(grade, by=tutor, now=now)
        released += 1
    return released


@transaction.atomic
def assignment_grade_override(
    *, tutor: User, grade: Grade, points, reason: str, assignment: Assignment
) -> Grade:
    """A tutor overrides one member's gradebook grade for the assignment (points; None
    removes the override), with a reason; the gradebook audits it."""
    grade = Grade.objects.select_related("enrolment", "item").get(pk=grade.pk)
    if grade.item.activity_id != assignment.activity_id:
        raise ValidationError(_("This grade is not a grade of this assignment."))
    if not selectors.can_grade(tutor, assignment, grade.enrolment):
        raise PermissionDenied(_("You do not tutor a course run of this learner or team."))
    fraction = None
    if points not in (None, ""):
        maximum = _max_points(assignment)
        fraction = _points_within(points, maximum) / maximum
    return gradebook.grade_override(grade=grade, fraction=fraction, reason=reason, by=tutor)
