"""Assignments: submissions (a person's or a municipal team's), extensions, grading, release.

A submission belongs to an owner: the person's enrolment or, for a team
assignment, their municipality. Every submit adds a version (the history);
a double click within a few seconds yields one version. Grades are drafts
(`AssignmentGrade`) until released; releasing writes each member's gradebook
grade through `assessments.services.gradebook`, which audits every change and
completes the activity (and credits its hours).
"""

from assessments.services.assignments.authoring import assignment_create, rubric_create
from assessments.services.assignments.files import DEFAULT_EXTENSIONS, FEEDBACK_FILE_MAX_BYTES
from assessments.services.assignments.grading import (
    assignment_grade_override,
    assignment_grade_save,
    assignment_grades_release,
    extension_grant,
)
from assessments.services.assignments.submissions import DOUBLE_SUBMIT_SECONDS, submission_create

__all__ = [
    "DEFAULT_EXTENSIONS",
    "DOUBLE_SUBMIT_SECONDS",
    "FEEDBACK_FILE_MAX_BYTES",
    "assignment_create",
    "assignment_grade_override",
    "assignment_grade_save",
    "assignment_grades_release",
    "extension_grant",
    "rubric_create",
    "submission_create",
]
