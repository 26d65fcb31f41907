"""H3 in one click: the team's graded final project as the evidence of its strategy.

The e-government strategy a municipality approves (milestone H3) is the final
project its team wrote in the course: the last team assignment in the outline
of the programme's course, graded by a tutor and released.
`programs` owns the milestone records but may not read `assessments`, so this
module (layer 4) finds the team's graded and released submission and hands
`programs.milestones.milestone_record` a file made from it:

- the submission's first file of a type accepted as evidence (PDF, image,
  office document), copied; or, for a written answer only,
- a small PDF with the text of the submission, its version and grade.

The record keeps `evidence_source = "submission:<id>"` so the origin is known.
"""

import datetime
import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.models import Assignment, AssignmentGrade, Submission, SubmissionFile
from programs import milestones
from programs.models import Milestone, MilestoneRecord, Municipality, User


@dataclass
class FinalProject:
    grade: AssignmentGrade
    submission: Submission
    files: list[SubmissionFile]

    @property
    def title(self) -> str:
        return self.grade.assignment.activity.title

    @property
    def released_on(self) -> datetime.date:
        return timezone.localdate(self.grade.released_at)


def final_assignment_of(municipality: Municipality) -> Assignment | None:
    """The final project: the last team assignment in the outline of the programme's course."""
    return (
        Assignment.objects.filter(
            team_submission=True,
            activity__archived_at__isnull=True,
            activity__module__archived_at__isnull=True,
            activity__module__course__runs__programme_id=municipality.programme_id,
        )
        .select_related("activity")
        .order_by("-activity__module__position", "-activity__position", "-pk")
        .first()
    )


def final_project_of(municipality: Municipality) -> FinalProject | None:
    """The team's graded and released submission of the course's final team project."""
    assignment = final_assignment_of(municipality)
    if assignment is None:
        return None
    grade = (
        AssignmentGrade.objects.filter(
            assignment=assignment, municipality=municipality, released_at__isnull=False
        )
        .select_related("submission")
        .first()
    )
    if grade is None:
        return None
    grade.assignment = assignment
    submission = grade.submission or (
        Submission.objects.filter(assignment=grade.assignment, municipality=municipality)
        .order_by("-version")
        .first()
    )
    if submission is None:
        return None
    return FinalProject(
        grade=grade, submission=submission, files=list(submission.files.order_by("pk"))
    )


def _evidence_from_file(stored: SubmissionFile) -> SimpleUploadedFile | None:
    extension = stored.original_name.rsplit(".", 1)[-1].lower()
    if extension not in milestones.EVIDENCE_EXTENSIONS:
        return None
    with stored.file.open("rb") as handle:
        data = handle.read()
    return SimpleUploadedFile(stored.original_name, data)


def _evidence_pdf(municipality: Municipality, project: FinalProject) -> SimpleUploadedFile:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, title=project.title)
    story = [
        Paragraph(escape(f"{project.title} · {municipality.name}"), styles["Title"]),
        Paragraph(escape(_summary(project)), styles["Normal"]),
        Spacer(1, 12),
    ]
    for paragraph in project.submission.text.split("\n\n"):
        if paragraph.strip():
            story.append(
                Paragraph(escape(paragraph.strip()).replace("\n", "<br/>"), styles["BodyText"])
            )
    document.build(story)
    return SimpleUploadedFile(
        f"proyecto-final-{municipality.code}-v{project.submission.version}.pdf", buffer.getvalue()
    )


def _summary(project: FinalProject) -> str:
    return _(
        "Final project, version %(version)s, graded %(points)s / %(max)s, released on %(date)s."
    ) % {
        "version": project.submission.version,
        "points": f"{project.grade.points.normalize():f}",
        "max": f"{project.grade.assignment.max_points.normalize():f}",
        "date": project.released_on.isoformat(),
    }


def h3_record_from_final_project(
    *, municipality: Municipality, by: User, achieved_on: datetime.date | None = None
) -> MilestoneRecord:
    """Record H3 with the team's graded final project as evidence (one click).

    The date defaults to the day the grade was released. Raises
    ValidationError when the team has no graded and released final project.
    """
    project = final_project_of(municipality)
    if project is None:
        raise ValidationError(
            _("The team has no graded final project yet (or its grade is not released).")
        )
    evidence = next(
        (upload for upload in map(_evidence_from_file, project.files) if upload is not None),
        None,
    ) or _evidence_pdf(municipality, project)
    return milestones.milestone_record(
        municipality=municipality,
        milestone=Milestone.H3,
        achieved_on=achieved_on or project.released_on,
        by=by,
        evidence_file=evidence,
        note=_summary(project),
        evidence_source=f"submission:{project.submission.pk}",
    )
