"""The programme fee's second half: when a municipality's team has finished its training.

`programs` stores the two instalments; whether the second is due needs the
team's certificates and course runs, which `programs` may not read, so it is
worked out here, in the database, one query for a whole page of municipalities.

A team has finished when either
- every official of its current team holds a valid certificate of one of the
  programme's course runs (a team of at least one official), or
- the course run it studies in is closed: the last `ends_on` of the runs the
  team is enrolled in is before today.

The second half is then *due* until it is paid. The first half is due from
joining until it is paid. Only a selected municipality owes anything: one
replaced by a reserve, or withdrawn, has left the programme (its instalments
stay recorded, and the reserve that took its place owes its own fee).
"""

import datetime
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
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

from certification.models import Certificate
from courses.models import CourseRun, Enrolment
from programs.models import FeeInstalment, Membership, Municipality, Programme, Role

PENDING = FeeInstalment.Status.PENDING
PAID = FeeInstalment.Status.PAID


def _count(queryset) -> Coalesce:
    return Coalesce(
        Subquery(
            queryset.order_by().values("municipality").annotate(n=Count("pk")).values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def _status_of(half: int) -> Coalesce:
    return Coalesce(
        Subquery(
            FeeInstalment.objects.filter(municipality=OuterRef("pk"), half=half).values("status")[
                :1
            ],
            output_field=CharField(),
        ),
        Value(PENDING),
    )


def fee_rows(
    programme: Programme,
    *,
    today: datetime.date,
    status: str = "",
    only_due: bool = False,
) -> QuerySet[Municipality]:
    """The programme's municipalities with their fee state, computed by the database.

    Annotates `team_size`, `certified` (current officials with a valid
    certificate of the programme), `runs_end_on` (the last end of the team's
    runs), `team_finished`, `first_status`, `second_status`, `first_due`,
    `second_due` and `anything_due`.
    """
    officials = Membership.objects.filter(
        municipality=OuterRef("pk"), role=Role.OFFICIAL, ended_on__isnull=True
    )
    valid_certificate = Certificate.objects.filter(
        status=Certificate.Status.VALID,
        enrolment__user_id=OuterRef("user_id"),
        enrolment__course_run__programme_id=OuterRef("programme_id"),
    )
    runs_end_on = Subquery(
        CourseRun.objects.filter(
            Exists(
                Enrolment.objects.filter(
                    course_run=OuterRef("pk"),
                    municipality=OuterRef(OuterRef("pk")),
                    status=Enrolment.Status.ACTIVE,
                )
            ),
            programme_id=OuterRef("programme_id"),
        )
        .order_by("-ends_on")
        .values("ends_on")[:1]
    )
    finished = Q(team_size__gt=0, certified__gte=F("team_size")) | Q(runs_end_on__lt=today)
    selected = Q(status=Municipality.Status.SELECTED)
    first_due = selected & ~Q(first_status=PAID)
    second_due = selected & Q(team_finished=True) & ~Q(second_status=PAID)
    queryset = (
        Municipality.objects.filter(programme=programme)
        .select_related("replaced_by")
        .annotate(
            team_size=_count(officials),
            certified=_count(officials.filter(Exists(valid_certificate))),
            runs_end_on=runs_end_on,
            first_status=_status_of(FeeInstalment.Half.FIRST),
            second_status=_status_of(FeeInstalment.Half.SECOND),
        )
        .annotate(
            team_finished=Case(When(finished, then=Value(True)), default=Value(False)),
        )
        .annotate(
            first_due=ExpressionWrapper(first_due, output_field=BooleanField()),
            second_due=ExpressionWrapper(second_due, output_field=BooleanField()),
        )
        .annotate(
            anything_due=ExpressionWrapper(
                Q(first_due=True) | Q(second_due=True), output_field=BooleanField()
            )
        )
        .order_by("name", "pk")
    )
    if status:
        queryset = queryset.filter(status=status)
    if only_due:
        queryset = queryset.filter(anything_due=True)
    return queryset


@dataclass
class FeeState:
    """One municipality's fee: both instalments and whether the team has finished."""

    municipality: Municipality
    team_size: int
    certified: int
    runs_end_on: datetime.date | None
    run_closed: bool
    team_finished: bool
    first_due: bool
    second_due: bool

    @property
    def team_finished_by_certificates(self) -> bool:
        return self.team_size > 0 and self.certified >= self.team_size


def fee_state_of(municipality: Municipality, *, today: datetime.date) -> FeeState:
    row = fee_rows(municipality.programme, today=today).get(pk=municipality.pk)
    return FeeState(
        municipality=municipality,
        team_size=row.team_size,
        certified=row.certified,
        runs_end_on=row.runs_end_on,
        run_closed=row.runs_end_on is not None and row.runs_end_on < today,
        team_finished=row.team_finished,
        first_due=row.first_due,
        second_due=row.second_due,
    )
