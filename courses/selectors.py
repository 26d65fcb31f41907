"""Reads for learner, tutor and manager pages, with bounded queries."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from courses import rules
from courses.models import (
    Activity,
    ActivityProgress,
    ActivityResult,
    Course,
    CourseRun,
    DailyStudyTime,
    Enrolment,
    LedgerEntry,
    Module,
    ModuleTarget,
)
from programs import selectors as programs_selectors
from programs.models import User

# --- What learners see -----------------------------------------------------------
# Removed modules and activities that have learner results are archived, not
# deleted: learner pages, hours totals and lookups must skip them.


def live_modules() -> QuerySet[Module]:
    return Module.objects.filter(archived_at__isnull=True)


def live_activities() -> QuerySet[Activity]:
    return Activity.objects.filter(archived_at__isnull=True, module__archived_at__isnull=True)


# --- Access-checked getters ---------------------------------------------------


def enrolment_for_learner(user: User, course_run_id: int) -> Enrolment | None:
    """The person's own enrolment in a run (withdrawn ones too, read-only)."""
    if not user.is_authenticated:
        return None
    return (
        Enrolment.objects.select_related("course_run__course", "course_run__programme")
        .filter(user=user, course_run_id=course_run_id)
        .first()
    )


def course_runs_for_staff(user: User) -> QuerySet[CourseRun]:
    """Runs a person may follow as staff: tutors their runs, managers their programmes'."""
    runs = CourseRun.objects.select_related("course", "programme")
    if user.is_staff:
        return runs
    managed = programs_selectors.programmes_managed_by(user).values("pk")
    return runs.filter(Q(tutors=user) | Q(programme__in=managed)).distinct()


def course_runs_graded_by(user: User) -> QuerySet[CourseRun]:
    """Runs whose learners a person may grade: the runs they tutor (administrators: all).

    Programme managers follow their programmes' runs but do not grade.
    """
    if not user.is_authenticated:
        return CourseRun.objects.none()
    if user.is_staff:
        return CourseRun.objects.all()
    return CourseRun.objects.filter(tutors=user)


def grades_in_run(user: User, course_run_id: int) -> bool:
    return course_runs_graded_by(user).filter(pk=course_run_id).exists()


def course_run_get_for_staff(user: User, course_run_id: int) -> CourseRun | None:
    return course_runs_for_staff(user).filter(pk=course_run_id).first()


def enrolment_get_for_staff(user: User, enrolment_id: int) -> Enrolment | None:
    """An enrolment in a run the person tutors or manages, else None."""
    runs = course_runs_for_staff(user).values("pk")
    return (
        Enrolment.objects.select_related(
            "user", "municipality", "course_run__course", "course_run__programme"
        )
        .filter(pk=enrolment_id, course_run__in=runs)
        .first()
    )


def enrolment_get_for_viewer(user: User, enrolment_id: int) -> Enrolment | None:
    """An enrolment its own learner, or a tutor or manager of its run, may read."""
    if not user.is_authenticated:
        return None
    own = (
        Enrolment.objects.select_related("course_run__course", "course_run__programme", "user")
        .filter(pk=enrolment_id, user=user)
        .first()
    )
    return own or enrolment_get_for_staff(user, enrolment_id)


# --- The learner's dashboard ---------------------------------------------------


def _course_nominal_seconds() -> Subquery:
    total = (
        live_activities()
        .filter(module__course=OuterRef("course_run__course"))
        .order_by()
        .values("module__course")
        .annotate(total=Sum("nominal_seconds"))
        .values("total")
    )
    return Subquery(total, output_field=IntegerField())


def _last_viewed_activity() -> Subquery:
    latest = (
        ActivityProgress.objects.filter(enrolment=OuterRef("pk"), last_viewed_at__isnull=False)
        .order_by("-last_viewed_at")
        .values("activity_id")[:1]
    )
    return Subquery(latest, output_field=IntegerField())


def enrolments_for_learner(user: User) -> QuerySet[Enrolment]:
    """The person's enrolments with the course's total hours and where to resume."""
    return (
        Enrolment.objects.filter(user=user)
        .select_related("course_run__course", "course_run__programme")
        .annotate(
            course_nominal_seconds=Coalesce(_course_nominal_seconds(), 0),
            resume_activity_id=_last_viewed_activity(),
        )
        .order_by("status", "-course_run__starts_on", "pk")
    )


def progress_percent(credited_seconds: int, required_seconds: int) -> int:
    if required_seconds <= 0:
        return 100
    return max(0, min(100, credited_seconds * 100 // required_seconds))


# --- The course outline ----------------------------------------------------------


@dataclass
class ActivityRow:
    activity: Activity
    progress: ActivityProgress | None
    min_active_seconds: int

    @property
    def is_complete(self) -> bool:
        return self.progress is not None and self.progress.completed_at is not None

    @property
    def active_seconds(self) -> int:
        return self.progress.active_seconds if self.progress else 0


@dataclass
class ModuleRow:
    module: Module
    target_on: datetime.date | None
    activities: list[ActivityRow] = field(default_factory=list)

    @property
    def nominal_seconds(self) -> int:
        return sum(row.activity.nominal_seconds for row in self.activities)

    @property
    def completed_seconds(self) -> int:
        return sum(row.activity.nominal_seconds for row in self.activities if row.is_complete)

    @property
    def required_count(self) -> int:
        return sum(1 for row in self.activities if row.activity.required)

    @property
    def required_completed(self) -> int:
        return sum(1 for row in self.activities if row.activity.required and row.is_complete)

    @property
    def is_complete(self) -> bool:
        return self.required_completed == self.required_count


@dataclass
class CourseOutline:
    enrolment: Enrolment
    modules: list[ModuleRow]

    @property
    def nominal_seconds(self) -> int:
        return sum(module.nominal_seconds for module in self.modules)

    @property
    def percent(self) -> int:
        return progress_percent(
            self.enrolment.credited_seconds, self.enrolment.course_run.course.required_seconds
        )

    def activity_rows(self) -> list[ActivityRow]:
        return [row for module in self.modules for row in module.activities]


def course_outline(enrolment: Enrolment) -> CourseOutline:
    """Modules, activities and the person's progress in four queries, whatever the size."""
    course = enrolment.course_run.course
    modules = list(live_modules().filter(course=course).order_by("position", "pk"))
    activities = (
        live_activities()
        .filter(module__course=course)
        .order_by("module__position", "position", "pk")
    )
    progress = {p.activity_id: p for p in ActivityProgress.objects.filter(enrolment=enrolment)}
    targets = dict(
        ModuleTarget.objects.filter(course_run=enrolment.course_run).values_list(
            "module_id", "target_on"
        )
    )
    rows = {
        module.pk: ModuleRow(module=module, target_on=targets.get(module.pk)) for module in modules
    }
    for activity in activities:
        rows[activity.module_id].activities.append(
            ActivityRow(
                activity=activity,
                progress=progress.get(activity.pk),
                min_active_seconds=rules.min_active_seconds(activity, course),
            )
        )
    return CourseOutline(enrolment=enrolment, modules=list(rows.values()))


# --- One activity ----------------------------------------------------------------


def activity_for_enrolment(enrolment: Enrolment, activity_id: int) -> Activity | None:
    """The activity with its content, if it belongs to the enrolment's course."""
    return (
        live_activities()
        .select_related("module", "page", "file", "video")
        .filter(pk=activity_id, module__course_id=enrolment.course_run.course_id)
        .first()
    )


def activities_of_course(course_id: int) -> QuerySet[Activity]:
    return (
        live_activities()
        .filter(module__course_id=course_id)
        .order_by("module__position", "position", "pk")
    )


def activity_neighbours(activity: Activity) -> tuple[int | None, int | None]:
    """Ids of the previous and next activities in course order."""
    ordered = list(
        live_activities()
        .filter(module__course_id=activity.module.course_id)
        .order_by("module__position", "position", "pk")
        .values_list("pk", flat=True)
    )
    index = ordered.index(activity.pk)
    previous = ordered[index - 1] if index > 0 else None
    following = ordered[index + 1] if index + 1 < len(ordered) else None
    return previous, following


def progress_for(enrolment: Enrolment, activity: Activity) -> ActivityProgress | None:
    return ActivityProgress.objects.filter(enrolment=enrolment, activity=activity).first()


# --- The hours ledger ----------------------------------------------------------


@dataclass(frozen=True)
class HoursStatement:
    entries: list[LedgerEntry]
    measured_by_activity: dict[int, int]
    credited_seconds: int
    active_seconds: int


def hours_statement(enrolment: Enrolment) -> HoursStatement:
    """Every credited second with its reason, and measured time beside it."""
    entries = list(
        LedgerEntry.objects.filter(enrolment=enrolment)
        .select_related("activity__module", "recorded_by")
        .order_by("created_at", "pk")
    )
    measured = dict(
        ActivityProgress.objects.filter(enrolment=enrolment).values_list(
            "activity_id", "active_seconds"
        )
    )
    return HoursStatement(
        entries=entries,
        measured_by_activity=measured,
        credited_seconds=sum(entry.seconds for entry in entries),
        active_seconds=enrolment.active_seconds,
    )


# --- Tutors' and managers' view of a run


def courses_to_run() -> QuerySet[Course]:
    """The courses a programme manager may start a run of (every course), by code."""
    return Course.objects.order_by("code", "pk")


def course_runs_of_programme(programme) -> QuerySet[CourseRun]:
    return CourseRun.objects.filter(programme=programme).select_related("course")


def team_enrolment_counts(municipality) -> list[dict]:
    """Per course run: how many of the municipality's people are enrolled and active."""
    return list(
        Enrolment.objects.filter(municipality=municipality)
        .values("course_run_id", "course_run__title")
        .annotate(
            active=Count("pk", filter=Q(status=Enrolment.Status.ACTIVE)),
            withdrawn=Count("pk", filter=Q(status=Enrolment.Status.WITHDRAWN)),
        )
        .order_by("course_run__title")
    )


def enrolments_in_run(course_run: CourseRun, *, search: str = "") -> QuerySet[Enrolment]:
    queryset = (
        Enrolment.objects.filter(course_run=course_run)
        .select_related("user", "municipality")
        .annotate(required_seconds=F("course_run__course__required_seconds"))
        .order_by("municipality__name", "user__full_name")
    )
    if search:
        queryset = queryset.filter(
            Q(user__full_name__icontains=search)
            | Q(user__email__icontains=search)
            | Q(municipality__name__icontains=search)
        )
    return queryset


# --- The course editor --------------------------------------------------------------
# Who may edit a course: superusers; course editors (the Django permission
# `courses.change_course`); and programme managers of a programme that has a
# run of the course (administrators — staff — count as managers of every
# programme, as on the manager pages).


def courses_editable_by(user: User) -> QuerySet[Course]:
    if not user.is_authenticated:
        return Course.objects.none()
    if user.is_superuser or user.has_perm("courses.change_course"):
        return Course.objects.all()
    managed = programs_selectors.programmes_managed_by(user).values("pk")
    return Course.objects.filter(
        pk__in=CourseRun.objects.filter(programme__in=managed).values("course_id")
    )


def can_edit_courses(user: User) -> bool:
    return courses_editable_by(user).exists()


def course_get_for_editor(user: User, course_id: int) -> Course | None:
    return courses_editable_by(user).filter(pk=course_id).first()


@dataclass
class EditorModule:
    module: Module
    activities: list[Activity] = field(default_factory=list)

    @property
    def nominal_seconds(self) -> int:
        return sum(activity.nominal_seconds for activity in self.activities)


def course_editor_outline(course: Course) -> list[EditorModule]:
    """The course's live modules and activities in order, with their content, in two queries."""
    rows = {
        module.pk: EditorModule(module=module)
        for module in live_modules().filter(course=course).order_by("position", "pk")
    }
    activities = (
        live_activities()
        .filter(module__course=course)
        .select_related("page", "file", "video", "h5p")
        .order_by("module__position", "position", "pk")
    )
    for activity in activities:
        rows[activity.module_id].activities.append(activity)
    return list(rows.values())


@dataclass(frozen=True)
class HoursSummary:
    total_seconds: int
    required_seconds: int
    by_module: dict[int, int]

    @property
    def differs(self) -> bool:
        return self.total_seconds != self.required_seconds


def course_hours_summary(course: Course) -> HoursSummary:
    """Nominal time of the course's live activities, per module and in total."""
    by_module = dict(
        live_activities()
        .filter(module__course=course)
        .order_by()
        .values("module_id")
        .annotate(total=Sum("nominal_seconds"))
        .values_list("module_id", "total")
    )
    return HoursSummary(
        total_seconds=sum(by_module.values()),
        required_seconds=course.required_seconds,
        by_module=by_module,
    )


def learners_with_results(activity_ids) -> int:
    """How many enrolments have progress, study time, results or hours on these activities."""
    ids = list(activity_ids)
    if not ids:
        return 0
    first, *others = (
        model.objects.filter(activity_id__in=ids).order_by().values("enrolment_id")
        for model in (ActivityProgress, ActivityResult, LedgerEntry, DailyStudyTime)
    )
    return len(first.union(*others))


def module_activity_ids(module: Module) -> list[int]:
    """Every activity of a module, archived ones too (their results count)."""
    return list(Activity.objects.filter(module=module).values_list("pk", flat=True))


def activity_get_for_preview(course: Course, activity_id: int) -> Activity | None:
    return (
        live_activities()
        .select_related("module", "page", "file", "video", "h5p")
        .filter(pk=activity_id, module__course=course)
        .first()
    )


def activity_get_for_editor(course: Course, activity_id: int) -> Activity | None:
    return (
        live_activities()
        .select_related("module", "page", "file", "video")
        .filter(pk=activity_id, module__course=course)
        .first()
    )


def module_get_for_editor(course: Course, module_id: int) -> Module | None:
    return live_modules().filter(pk=module_id, course=course).first()


def scored_pass_fraction_of(activity: Activity):
    """The pass mark of a scored (H5P) activity: its own, else its package's, else 70 %."""
    mastery = activity.h5p.mastery_fraction if activity.h5p_id else None
    return rules.scored_pass_fraction(activity_pass=activity.pass_fraction, package_mastery=mastery)


# --- The API's reads of courses and runs ---------------------------------------------


def course_runs_visible_to(user: User) -> QuerySet[CourseRun]:
    """Runs a person may read: the runs they follow as staff, and those they are enrolled in."""
    if not user.is_authenticated:
        return CourseRun.objects.none()
    runs = CourseRun.objects.select_related("course", "programme")
    if user.is_staff:
        return runs
    managed = programs_selectors.programmes_managed_by(user).values("pk")
    return runs.filter(
        Q(tutors=user)
        | Q(programme__in=managed)
        | Q(pk__in=Enrolment.objects.filter(user=user).values("course_run_id"))
    ).distinct()


def courses_visible_to(user: User) -> QuerySet[Course]:
    """Courses with a run the person may read, with their live hours."""
    return Course.objects.filter(
        pk__in=course_runs_visible_to(user).order_by().values("course_id")
    ).annotate(nominal_seconds=Coalesce(_live_course_seconds(), 0))


def _live_course_seconds() -> Subquery:
    total = (
        live_activities()
        .filter(module__course=OuterRef("pk"))
        .order_by()
        .values("module__course")
        .annotate(total=Sum("nominal_seconds"))
        .values("total")
    )
    return Subquery(total, output_field=IntegerField())


def enrolments_in_run_for_staff(course_run: CourseRun) -> QuerySet[Enrolment]:
    """The run's enrolments for the API: people, municipality and course in the same query."""
    return Enrolment.objects.filter(course_run=course_run).select_related(
        "user", "municipality", "course_run__course"
    )
