"""A tutor's grading queue for one course run: what needs grading, oldest first.

The queue is one SQL UNION of *parts*, each a `.values()` query with the same
columns (prefixed `q_`): the latest submissions of people, the latest of
municipal teams, and the quiz essays waiting for a tutor (from
`assessments.selectors.quizzes.essays_to_grade`). Filters, counts, pages and
the previous/next item are all computed in the database with keyset
comparisons on (time, kind, id), so the number of queries does not grow with
the size of the queue.
"""

import datetime
from dataclasses import dataclass, replace

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from assessments.models import AssignmentGrade, Submission
from assessments.selectors.assignments import grader_runs
from assessments.selectors.quizzes import essays_to_grade
from courses.models import Activity, ActivityKind, CourseRun, Enrolment
from programs.models import Municipality, User

KIND_SUBMISSION = "submission"
KIND_ESSAY = "essay"
KINDS = (KIND_SUBMISSION, KIND_ESSAY)

TO_GRADE = "to_grade"
DRAFT = "draft"
RELEASED = "released"
ALL = "all"
STATUSES = (TO_GRADE, DRAFT, RELEASED, ALL)

COLUMNS = (
    "q_ts",  # when the work came in (latest version; the attempt's submission)
    "q_kind",
    "q_id",  # the latest submission's id; the essay answer's id
    "q_activity_id",
    "q_activity",
    "q_owner",  # a person's name, or a team's municipality
    "q_municipality_id",
    "q_municipality",
    "q_late",
    "q_status",
    "q_version",
    "q_grade_id",  # the assignment grade (draft or released), if any
)
ORDER = ("q_ts", "q_kind", "q_id")


@dataclass(frozen=True)
class QueueFilters:
    status: str = TO_GRADE
    municipality_id: int | None = None
    activity_id: int | None = None
    late: bool = False

    @classmethod
    def from_query(cls, query) -> "QueueFilters":
        """Filters from a query string (unknown or malformed values are ignored)."""
        status = query.get("status", TO_GRADE)
        return cls(
            status=status if status in STATUSES else TO_GRADE,
            municipality_id=_int(query.get("municipality")),
            activity_id=_int(query.get("activity")),
            late=query.get("late") in ("1", "true", "on"),
        )

    def as_query(self) -> dict:
        query = {"status": self.status} if self.status != TO_GRADE else {}
        if self.municipality_id:
            query["municipality"] = self.municipality_id
        if self.activity_id:
            query["activity"] = self.activity_id
        if self.late:
            query["late"] = "1"
        return query


@dataclass(frozen=True)
class QueueKey:
    """An item's place in the queue's order."""

    ts: datetime.datetime
    kind: str
    id: int


def _int(value) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def course_run_get_for_grader(user: User, course_run_id: int) -> CourseRun | None:
    """A run the person tutors (administrators: any), with its course and programme."""
    return grader_runs(user).select_related("course", "programme").filter(pk=course_run_id).first()


# --- The parts ------------------------------------------------------------------------


def _submission_part(run: CourseRun, *, team: bool) -> QuerySet:
    """Latest versions of people's (or teams') work on the run's assignments."""
    owner = "municipality_id" if team else "enrolment_id"
    same_owner = {
        "assignment_id": OuterRef("assignment_id"),
        owner: OuterRef(owner),
    }
    newer = Submission.objects.filter(**same_owner, version__gt=OuterRef("version"))
    grade = AssignmentGrade.objects.filter(**same_owner)
    parts = Submission.objects.filter(assignment__activity__module__course_id=run.course_id)
    if team:
        in_run = Enrolment.objects.filter(course_run=run, municipality__isnull=False)
        parts = parts.filter(municipality__in=in_run.values("municipality_id"))
        names = {
            "q_owner": F("municipality__name"),
            "q_municipality_id": F("municipality_id"),
            "q_municipality": F("municipality__name"),
        }
    else:
        parts = parts.filter(enrolment__course_run=run)
        names = {
            "q_owner": F("enrolment__user__full_name"),
            "q_municipality_id": F("enrolment__municipality_id"),
            "q_municipality": Coalesce(F("enrolment__municipality__name"), Value("")),
        }
    return (
        parts.filter(~Exists(newer))
        .annotate(
            g_submission=Subquery(grade.values("submission_id")[:1]),
            g_released=Subquery(grade.values("released_at")[:1]),
            q_grade_id=Subquery(grade.values("pk")[:1], output_field=IntegerField()),
        )
        .annotate(
            q_ts=F("submitted_at"),
            q_kind=Value(KIND_SUBMISSION, output_field=CharField()),
            q_id=F("pk"),
            q_activity_id=F("assignment__activity_id"),
            q_activity=F("assignment__activity__title"),
            **names,
            q_late=F("is_late"),
            q_status=Case(
                # No grade, or a grade of an earlier version (or of none).
                When(Q(g_submission__isnull=True) | ~Q(g_submission=F("pk")), then=Value(TO_GRADE)),
                When(g_released__isnull=True, then=Value(DRAFT)),
                default=Value(RELEASED),
                output_field=CharField(),
            ),
            q_version=F("version"),
        )
    )


def essays_part(run: CourseRun) -> QuerySet:
    """Quiz essays waiting for a tutor (`quizzes.essays_to_grade`), shaped like the others."""
    return essays_to_grade(run).annotate(
        q_ts=F("attempt__submitted_at"),
        q_kind=Value(KIND_ESSAY, output_field=CharField()),
        q_id=F("pk"),
        q_activity_id=F("attempt__quiz__activity_id"),
        q_activity=F("attempt__quiz__activity__title"),
        q_owner=F("attempt__enrolment__user__full_name"),
        q_municipality_id=F("attempt__enrolment__municipality_id"),
        q_municipality=Coalesce(F("attempt__enrolment__municipality__name"), Value("")),
        q_late=Value(False, output_field=BooleanField()),
        q_status=Value(TO_GRADE, output_field=CharField()),
        q_version=F("attempt__number"),
        q_grade_id=Value(None, output_field=IntegerField()),
    )


def _parts(run: CourseRun) -> list[tuple[str, QuerySet]]:
    return [
        (KIND_SUBMISSION, _submission_part(run, team=False)),
        (KIND_SUBMISSION, _submission_part(run, team=True)),
        (KIND_ESSAY, essays_part(run)),
    ]


def _filtered(part: QuerySet, filters: QueueFilters) -> QuerySet:
    if filters.status != ALL:
        part = part.filter(q_status=filters.status)
    if filters.municipality_id:
        part = part.filter(q_municipality_id=filters.municipality_id)
    if filters.activity_id:
        part = part.filter(q_activity_id=filters.activity_id)
    if filters.late:
        part = part.filter(q_late=True)
    return part


def _beyond(kind: str, key: QueueKey, *, after: bool) -> Q:
    """Rows of a part (all of one kind) strictly after (or before) `key` in queue order."""
    later = "gt" if after else "lt"
    if kind == key.kind:
        return Q(**{f"q_ts__{later}": key.ts}) | Q(q_ts=key.ts, **{f"q_id__{later}": key.id})
    # At equal times, a kind that sorts after the key's comes after it (and before,
    # before it): those rows count too.
    inclusive = (kind > key.kind) == after
    return Q(**{f"q_ts__{later}e" if inclusive else f"q_ts__{later}": key.ts})


def _union(parts: list[QuerySet]) -> QuerySet:
    first, *rest = [part.order_by().values(*COLUMNS) for part in parts]
    return first.union(*rest, all=True) if rest else first


# --- Reads ------------------------------------------------------------------------------


def grading_queue(run: CourseRun, filters: QueueFilters) -> QuerySet:
    """The queue's rows (dicts with COLUMNS), oldest first: paginate it, do not list it."""
    parts = [_filtered(part, filters) for _kind, part in _parts(run)]
    return _union(parts).order_by(*ORDER)


def neighbours(
    run: CourseRun, filters: QueueFilters, key: QueueKey
) -> tuple[dict | None, dict | None]:
    """The items just before and just after `key` under the same filters (two queries).

    The current item need not be in the queue any more (graded a moment ago):
    its key still says where it stood.
    """
    found = []
    for after in (False, True):
        parts = [
            _filtered(part, filters).filter(_beyond(kind, key, after=after))
            for kind, part in _parts(run)
        ]
        order = ORDER if after else tuple(f"-{column}" for column in ORDER)
        found.append(_union(parts).order_by(*order).first())
    return found[0], found[1]


def queue_counts(run: CourseRun, filters: QueueFilters) -> dict[str, int]:
    """How many items are to grade, drafts, released and late (to grade), under the
    other filters: one query, grouping the queue's union by status and lateness.

    (The ORM aggregates one part at a time: three queries, each compiled around
    its part's subqueries, were the page's largest cost.)
    """
    every = replace(filters, status=ALL)
    union = _union([_filtered(part, every) for _kind, part in _parts(run)]).order_by()
    counts = dict.fromkeys((TO_GRADE, DRAFT, RELEASED, "late"), 0)
    try:
        sql, params = union.query.get_compiler(union.db).as_sql()
    except EmptyResultSet:  # a filter no row can match (a number beyond any id)
        return counts
    # The ORM's own SQL, its values as parameters.
    grouped = f"SELECT q_status, q_late, COUNT(*) FROM ({sql}) queue GROUP BY q_status, q_late"  # noqa: S608
    with connections[union.db].cursor() as cursor:
        cursor.execute(grouped, params)
        for status, late, number in cursor.fetchall():
            counts[status] += number
            if late and status == TO_GRADE:
                counts["late"] += number
    return counts


def queue_length(counts: dict[str, int], filters: QueueFilters) -> int:
    """How many rows `grading_queue(run, filters)` has, from its `queue_counts` (no query)."""
    if filters.status == ALL:
        return counts[TO_GRADE] + counts[DRAFT] + counts[RELEASED]
    return counts[filters.status]


def queue_key_for_submission(submission: Submission) -> QueueKey:
    """Where an owner's work stands in the queue: by its latest version."""
    return QueueKey(ts=submission.submitted_at, kind=KIND_SUBMISSION, id=submission.pk)


def filter_choices(run: CourseRun) -> tuple[list[Municipality], list[Activity]]:
    """The municipalities with work in the run's queue (at any status) and the run's
    graded activities, for the filter menus (2 queries).

    Not every municipality of the run: one without work has nothing to filter, and
    at 5,000 municipalities the menu of all of them made the queue page 40 KB of
    options, two seconds to render and half a second to read.
    """
    work = Submission.objects.filter(assignment__activity__module__course_id=run.course_id)
    in_run = Enrolment.objects.filter(course_run=run).values("municipality_id")
    people = work.filter(enrolment__course_run=run).values("enrolment__municipality_id")
    teams = work.filter(municipality__in=in_run).values("municipality_id")
    essays = essays_to_grade(run).values("attempt__enrolment__municipality_id")
    with_work = Q(pk__in=people) | Q(pk__in=teams) | Q(pk__in=essays)
    municipalities = list(Municipality.objects.filter(with_work).order_by("name", "pk"))
    activities = list(
        Activity.objects.filter(
            module__course_id=run.course_id,
            kind__in=[ActivityKind.ASSIGNMENT, ActivityKind.QUIZ],
        ).order_by("module__position", "position", "pk")
    )
    return municipalities, activities


def submission_get_for_run(run: CourseRun, submission_id: int) -> Submission | None:
    """A submission of the run's course whose owner studies in the run."""
    in_run = Enrolment.objects.filter(course_run=run).values("municipality_id")
    return (
        Submission.objects.select_related(
            "assignment__activity__module",
            "assignment__rubric",
            "enrolment__user",
            "enrolment__municipality",
            "municipality",
        )
        .filter(pk=submission_id, assignment__activity__module__course_id=run.course_id)
        .filter(Q(enrolment__course_run=run) | Q(municipality__in=in_run))
        .first()
    )


def assignment_grades_in_run(run: CourseRun, ids: list[int]) -> list[AssignmentGrade]:
    """The assignment grades among `ids` that belong to owners studying in the run."""
    in_run = Enrolment.objects.filter(course_run=run).values("municipality_id")
    return list(
        AssignmentGrade.objects.filter(
            pk__in=ids, assignment__activity__module__course_id=run.course_id
        ).filter(Q(enrolment__course_run=run) | Q(municipality__in=in_run))
    )
