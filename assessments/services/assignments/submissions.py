"""Submitting work, a version at a time; a double click yields one version."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.models import (
    Assignment,
    Submission,
    SubmissionFile,
)
from assessments.selectors import assignments as selectors
from assessments.selectors.assignments import Owner
from assessments.services.assignments.files import (
    digest,
    file_hash,
    stored_digest,
    stored_name,
    validate_content,
)
from courses import services as courses_services
from courses.models import CompletionSource, Enrolment
from programs.models import Municipality, User

# Two identical submits closer than this are one (a double click, a resent form).
DOUBLE_SUBMIT_SECONDS = 10
# File types accepted when an assignment lists none.

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
    validate_content(assignment, text, files)
    mine = Submission.objects.filter(assignment=assignment, **selectors.owner_filter(owner))
    latest = mine.order_by("-version").first()
    if latest is not None and (now - latest.submitted_at).total_seconds() < DOUBLE_SUBMIT_SECONDS:
        sent = digest(text, [(stored_name(f), file_hash(f.chunks())) for f in files])
        if stored_digest(latest) == sent:
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
            submission=submission, original_name=stored_name(upload), size_bytes=upload.size
        )
        row.file.save(stored_name(upload), upload, save=False)
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
