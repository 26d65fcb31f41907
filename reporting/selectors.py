"""Reads for programme dashboards, with the at-risk rule applied in the database."""

import datetime

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncDate

from courses.models import CourseRun, Enrolment, ModuleTarget
from reporting import rules


def expected_seconds_of_run(run: CourseRun, today: datetime.date) -> int:
    """Credited seconds the run's calendar expects of every official by `today` (1 query)."""
    live_required = Q(
        module__activities__archived_at__isnull=True, module__activities__required=True
    )
    targets = (
        ModuleTarget.objects.filter(course_run=run)
        .annotate(
            seconds=Coalesce(Sum("module__activities__nominal_seconds", filter=live_required), 0)
        )
        .values_list("target_on", "seconds")
    )
    return rules.expected_seconds(
        today=today,
        targets=targets,
        starts_on=run.starts_on,
        ends_on=run.ends_on,
        required_seconds=run.course.required_seconds,
    )


def with_risk(
    enrolments: QuerySet[Enrolment], *, expected_seconds: int, today: datetime.date
) -> QuerySet[Enrolment]:
    """Annotate `behind`, `inactive` and `at_risk`, computed by the database.

    The day of last study is taken in UTC: a day's difference at the edge of
    fourteen days does not change whom a programme should call.
    """
    since = rules.inactive_since(today)
    behind = Q(credited_seconds__lt=expected_seconds)
    inactive = Q(last_study_day__lt=since)
    return enrolments.alias(
        last_study_day=TruncDate(Coalesce("last_heartbeat_at", "enrolled_at"))
    ).annotate(
        behind=ExpressionWrapper(behind, output_field=BooleanField()),
        inactive=ExpressionWrapper(inactive, output_field=BooleanField()),
        at_risk=ExpressionWrapper(behind | inactive, output_field=BooleanField()),
    )
