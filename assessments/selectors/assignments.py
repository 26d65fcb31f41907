"""Reads about assignments: deadlines, owners, a learner's and a tutor's view of one owner.

An assignment's work belongs to an *owner*: the person's enrolment, or, for a
team assignment, the person's municipality (any current member submits, all
see it, it is graded once). Every read here runs a fixed number of queries.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, Max, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.models import (
    Assignment,
    AssignmentExtension,
    AssignmentGrade,
    Grade,
    GradeChange,
    Rubric,
    RubricCriterion,
    RubricLevel,
    Submission,
    SubmissionFile,
)
from courses import selectors as courses_selectors
from courses.models import Activity, CourseRun, Enrolment
from programs.models import TEAM_ROLES, Membership, Municipality, User

Owner = Enrolment | Municipality


# --- Owners, deadlines and who may act ---------------------------------------------


def owner_filter(owner: Owner) -> dict:
    """Keyword arguments selecting an owner's rows (submissions, grades, extensions)."""
    if isinstance(owner, Municipality):
        return {"municipality": owner}
    return {"enrolment": owner}


def owner_label(owner: Owner) -> str:
    if isinstance(owner, Municipality):
        return owner.name
    return owner.user.full_name


def owner_of(assignment: Assignment, enrolment: Enrolment) -> Owner | None:
    """Whose work a person's submission is: theirs, or their municipality's (team)."""
    if assignment.team_submission:
        return enrolment.municipality
    return enrolment


def _team_member_exists(municipality_ref) -> Exists:
    return Exists(
        Membership.objects.current().filter(
            user_id=OuterRef("user_id"), municipality=municipality_ref, role__in=TEAM_ROLES
        )
    )


def is_team_member(user: User, municipality: Municipality) -> bool:
    return (
        Membership.objects.current()
        .filter(user=user, municipality=municipality, role__in=TEAM_ROLES)
        .exists()
    )


def member_enrolments(assignment: Assignment, owner: Owner) -> list[Enrolment]:
    """The active enrolments an owner's grade applies to (a team: its current members)."""
    if isinstance(owner, Enrolment):
        return [owner] if owner.status == Enrolment.Status.ACTIVE else []
    return list(
        Enrolment.objects.filter(
            municipality=owner,
            course_run__course_id=assignment.activity.module.course_id,
            status=Enrolment.Status.ACTIVE,
        )
        .filter(_team_member_exists(owner))
        .select_related("user")
        .order_by("user__full_name", "pk")
    )


@dataclass(frozen=True)
class Deadlines:
    due_at: datetime.datetime | None
    cutoff_at: datetime.datetime | None
    extension: AssignmentExtension | None

    def is_late(self, when: datetime.datetime) -> bool:
        return self.due_at is not None and when > self.due_at

    def is_closed(self, when: datetime.datetime) -> bool:
        return self.cutoff_at is not None and when > self.cutoff_at


def deadlines(assignment: Assignment, extension: AssignmentExtension | None) -> Deadlines:
    """Due date and cut-off for one owner: an extension moves the due date, and the
    cut-off with it when it reaches past the cut-off (it would mean nothing otherwise)."""
    if extension is None:
        return Deadlines(assignment.due_at, assignment.cutoff_at, None)
    cutoff = assignment.cutoff_at
    if cutoff is not None and extension.due_at > cutoff:
        cutoff = extension.due_at
    return Deadlines(extension.due_at, cutoff, extension)


def extension_for(assignment: Assignment, owner: Owner) -> AssignmentExtension | None:
    return AssignmentExtension.objects.filter(assignment=assignment, **owner_filter(owner)).first()


def grader_runs(user: User) -> QuerySet[CourseRun]:
    """Runs whose work a person may grade (see courses.selectors.course_runs_graded_by)."""
    return courses_selectors.course_runs_graded_by(user)


def can_grade(user: User, assignment: Assignment, owner: Owner) -> bool:
    """Whether the person tutors a run of the assignment's course where the owner studies."""
    runs = grader_runs(user).filter(course_id=assignment.activity.module.course_id)
    if isinstance(owner, Enrolment):
        return runs.filter(pk=owner.course_run_id).exists()
    return Enrolment.objects.filter(municipality=owner, course_run__in=runs.values("pk")).exists()


# --- Rubrics -------------------------------------------------------------------------


@dataclass
class CriterionRow:
    criterion: RubricCriterion
    levels: list[RubricLevel]
    chosen_level_id: int | None = None

    @property
    def max_points(self) -> Decimal:
        return max((level.points for level in self.levels), default=Decimal("0"))

    @property
    def chosen(self) -> RubricLevel | None:
        return next((lv for lv in self.levels if lv.pk == self.chosen_level_id), None)


def rubric_rows(rubric: Rubric, chosen: dict | None = None) -> list[CriterionRow]:
    """The rubric's criteria with their levels (two queries), marking the chosen levels."""
    chosen = {str(key): value for key, value in (chosen or {}).items()}
    criteria = RubricCriterion.objects.filter(rubric=rubric).prefetch_related(
        Prefetch("levels", queryset=RubricLevel.objects.order_by("position", "pk"))
    )
    return [
        CriterionRow(
            criterion=criterion,
            levels=list(criterion.levels.all()),
            chosen_level_id=_as_int(chosen.get(str(criterion.pk))),
        )
        for criterion in criteria.order_by("position", "pk")
    ]


def rubric_max_points(rubric: Rubric) -> Decimal:
    """The most a rubric gives: the sum of each criterion's top level."""
    tops = (
        RubricLevel.objects.filter(criterion__rubric=rubric)
        .values("criterion")
        .annotate(top=Max("points"))
        .values_list("top", flat=True)
    )
    return sum(tops, Decimal("0"))


def points_of(fraction: Decimal | None, maximum: Decimal) -> Decimal | None:
    """A fraction of the maximum as points, to the hundredth."""
    if fraction is None:
        return None
    return (fraction * maximum).quantize(Decimal("0.01"))


def _as_int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# --- One owner's work ------------------------------------------------------------------


def assignment_for_activity(activity: Activity) -> Assignment | None:
    return (
        Assignment.objects.select_related("rubric", "activity__module")
        .filter(activity=activity)
        .first()
    )


def versions_of(assignment: Assignment, owner: Owner) -> list[Submission]:
    """Every version, newest first, with its files and who submitted it (two queries)."""
    return list(
        Submission.objects.filter(assignment=assignment, **owner_filter(owner))
        .select_related("submitted_by")
        .prefetch_related(Prefetch("files", queryset=SubmissionFile.objects.order_by("pk")))
        .order_by("-version")
    )


def grade_of(assignment: Assignment, owner: Owner) -> AssignmentGrade | None:
    return (
        AssignmentGrade.objects.filter(assignment=assignment, **owner_filter(owner))
        .select_related("graded_by")
        .first()
    )


@dataclass
class LearnerAssignment:
    """What an official sees of an assignment: their (team's) work and released grade."""

    assignment: Assignment
    owner: Owner | None
    deadlines: Deadlines
    versions: list[Submission]
    grade: AssignmentGrade | None
    rubric: list[CriterionRow]
    can_submit: bool
    why_not: str = ""
    # The person's own gradebook grade, when a tutor has overridden it.
    override: Grade | None = None

    @property
    def is_team(self) -> bool:
        return self.assignment.team_submission

    @property
    def max_points(self) -> Decimal:
        if self.rubric:
            return sum((row.max_points for row in self.rubric), Decimal("0"))
        return self.assignment.max_points

    @property
    def override_points(self) -> Decimal | None:
        if self.override is None or self.override.final_fraction is None:
            return None
        return points_of(self.override.final_fraction, self.max_points)

    @property
    def latest(self) -> Submission | None:
        return self.versions[0] if self.versions else None


def learner_assignment(
    enrolment: Enrolment, assignment: Assignment, *, now: datetime.datetime | None = None
) -> LearnerAssignment:
    """The official's view: history, deadlines with extension, whether they may submit,
    and the grade only once it is released."""
    now = now or timezone.now()
    owner = owner_of(assignment, enrolment)
    if owner is None or (
        isinstance(owner, Municipality) and not is_team_member(enrolment.user, owner)
    ):
        return LearnerAssignment(
            assignment=assignment,
            owner=None,
            deadlines=deadlines(assignment, None),
            versions=[],
            grade=None,
            rubric=[],
            can_submit=False,
            why_not=_("This is a team assignment and you are not in a municipal team."),
        )
    limits = deadlines(assignment, extension_for(assignment, owner))
    versions = versions_of(assignment, owner)
    grade = grade_of(assignment, owner)
    if grade is not None and not grade.is_released:
        grade = None  # drafts stay with the tutor
    rubric = (
        rubric_rows(assignment.rubric, grade.rubric_levels)
        if grade is not None and assignment.rubric_id
        else []
    )
    override = None
    if grade is not None:
        override = Grade.objects.filter(
            item__activity_id=assignment.activity_id,
            enrolment=enrolment,
            released_at__isnull=False,
            override_fraction__isnull=False,
        ).first()
    why_not = ""
    if enrolment.status != Enrolment.Status.ACTIVE:
        why_not = _("Your enrolment is not active: you can read but no longer submit.")
    elif limits.is_closed(now):
        why_not = _("The cut-off date has passed: submissions are closed.")
    elif versions and not assignment.allow_resubmission:
        why_not = _("Already submitted; this assignment does not accept a new version.")
    return LearnerAssignment(
        assignment=assignment,
        owner=owner,
        deadlines=limits,
        versions=versions,
        grade=grade,
        rubric=rubric,
        can_submit=not why_not,
        why_not=why_not,
        override=override,
    )


@dataclass
class MemberGrade:
    """One member's gradebook grade for the assignment, with its audit history."""

    enrolment: Enrolment
    grade: Grade | None
    changes: list[GradeChange] = field(default_factory=list)


@dataclass
class OwnerWork:
    """A tutor's view of one owner's work on an assignment."""

    assignment: Assignment
    owner: Owner
    deadlines: Deadlines
    versions: list[Submission]
    grade: AssignmentGrade | None
    rubric: list[CriterionRow]
    rubric_max: Decimal | None
    members: list[MemberGrade]

    @property
    def latest(self) -> Submission | None:
        return self.versions[0] if self.versions else None

    @property
    def max_points(self) -> Decimal:
        return self.rubric_max if self.rubric_max is not None else self.assignment.max_points

    @property
    def label(self) -> str:
        return owner_label(self.owner)


def owner_work(assignment: Assignment, owner: Owner) -> OwnerWork:
    """Versions, the grade (draft or released), the rubric and each member's gradebook
    grade with every change (who, when, from, to), in a fixed number of queries."""
    grade = grade_of(assignment, owner)
    rubric = (
        rubric_rows(assignment.rubric, grade.rubric_levels if grade else None)
        if assignment.rubric_id
        else []
    )
    rubric_max = sum((row.max_points for row in rubric), Decimal("0")) if rubric else None
    members = member_enrolments(assignment, owner)
    grades = {
        g.enrolment_id: g
        for g in Grade.objects.filter(
            item__activity_id=assignment.activity_id, enrolment__in=[m.pk for m in members]
        )
    }
    changes: dict[int, list[GradeChange]] = {}
    for change in (
        GradeChange.objects.filter(grade__in=[g.pk for g in grades.values()])
        .select_related("changed_by")
        .order_by("changed_at", "pk")
    ):
        changes.setdefault(change.grade_id, []).append(change)
    return OwnerWork(
        assignment=assignment,
        owner=owner,
        deadlines=deadlines(assignment, extension_for(assignment, owner)),
        versions=versions_of(assignment, owner),
        grade=grade,
        rubric=rubric,
        rubric_max=rubric_max,
        members=[
            MemberGrade(
                enrolment=m,
                grade=grades.get(m.pk),
                changes=changes.get(grades[m.pk].pk, []) if m.pk in grades else [],
            )
            for m in members
        ],
    )


# --- Access-checked getters for files ---------------------------------------------------


def _may_read_owner(user: User, assignment: Assignment, owner: Owner) -> bool:
    """The owner's own people (a person; a team's current members) and its graders."""
    if isinstance(owner, Enrolment):
        if owner.user_id == user.pk:
            return True
    elif (
        is_team_member(user, owner)
        and Enrolment.objects.filter(
            user=user,
            municipality=owner,
            course_run__course_id=assignment.activity.module.course_id,
        ).exists()
    ):
        return True
    return can_grade(user, assignment, owner)


def submission_file_get_for_user(user: User, file_id: int) -> SubmissionFile | None:
    """A submitted file, if the person may read the work it belongs to."""
    if not user.is_authenticated:
        return None
    found = (
        SubmissionFile.objects.select_related(
            "submission__assignment__activity__module",
            "submission__enrolment",
            "submission__municipality",
        )
        .filter(pk=file_id)
        .first()
    )
    if found is None:
        return None
    submission = found.submission
    owner = submission.enrolment or submission.municipality
    return found if _may_read_owner(user, submission.assignment, owner) else None


def feedback_grade_get_for_user(user: User, grade_id: int) -> AssignmentGrade | None:
    """A grade with a feedback file: its owner's people once released; graders always."""
    if not user.is_authenticated:
        return None
    grade = (
        AssignmentGrade.objects.select_related(
            "assignment__activity__module", "enrolment", "municipality"
        )
        .filter(pk=grade_id)
        .exclude(feedback_file="")
        .first()
    )
    if grade is None:
        return None
    owner = grade.enrolment or grade.municipality
    if can_grade(user, grade.assignment, owner):
        return grade
    if grade.is_released and _may_read_owner(user, grade.assignment, owner):
        return grade
    return None


@dataclass(frozen=True)
class OwnerDeadline:
    assignment: Assignment
    owner: Owner
    deadlines: Deadlines


def deadlines_of_enrolment(enrolment: Enrolment) -> list[OwnerDeadline]:
    """Each assignment of the person's course with their (or their team's) dates."""
    assignments = list(
        Assignment.objects.filter(activity__module__course_id=enrolment.course_run.course_id)
        .select_related("activity__module")
        .order_by("activity__module__position", "activity__position")
    )
    extensions = {
        (extension.assignment_id, extension.enrolment_id, extension.municipality_id): extension
        for extension in AssignmentExtension.objects.filter(assignment__in=assignments).filter(
            Q(enrolment=enrolment) | Q(municipality_id=enrolment.municipality_id)
        )
    }
    rows = []
    for assignment in assignments:
        owner = owner_of(assignment, enrolment)
        if owner is None:
            continue
        key = (
            assignment.pk,
            None if assignment.team_submission else enrolment.pk,
            owner.pk if assignment.team_submission else None,
        )
        rows.append(OwnerDeadline(assignment, owner, deadlines(assignment, extensions.get(key))))
    return rows
