"""Reads for programme dashboards, with the at-risk rule applied in the database.

Who is counted. A municipality's *team* is its current officials (an
official membership without an end date), as everywhere else (DESIGN.md:
"counts use the current team"). Their figures come from their active
enrolments in the programme's course runs, one row per enrolment (a
programme normally has one run; with several, each enrolment counts and is
measured against its own run's calendar). The overview counts the
participating municipalities (status "selected") and their teams; the
municipality table lists every status and filters by it. Hours are credited
seconds throughout; pages show hours with one decimal.

The median. SQLite has no percentile function. `Median` is one aggregate
with two implementations, evaluated by the database inside the same query as
the other figures: on PostgreSQL `percentile_cont(0.5) WITHIN GROUP (ORDER
BY …)`; on SQLite an aggregate function registered on the connection (as
Django does there for STDDEV_POP and VAR_POP), which the engine calls in
process for each value. Both give the true median (the mean of the two middle
values of an even count), so the pages show the same numbers on both
databases; no rows are fetched and no query is made per official. (Rejected:
average + minimum only, which hides a team split between finishers and
people who never started; an O(n²) rank subquery, too slow for the
programme-wide median of 50,000 officials.)

Query budgets. `programme_overview`: 1 query for the programme's runs, 1 per
run for its calendar (`programme_calendar`), 2 for the municipality counts and
the stamp of its cache entry, then (when the cache has no entry for that
stamp) 3; `municipality_rows` and `municipality_team_rows`: one query each
once the calendar is read.
None grows with the number of municipalities or officials.

The overview is cached per programme (`programme_overview`). At 5,000
municipalities its figures cost over a second of database time (aggregates
over 50,000 enrolments, their memberships and certificates), and every
manager of the programme asks for the same ones. The cache key carries
a stamp of what must show at once, read from indexes in two cheap queries:
certificates (issued, revoked, superseded: the certified counts
and H2), the municipalities' statuses and H2, the teams' official memberships
and the enrolments; any change to them computes the figures again. Study
figures (hours, activity, at risk, gender) are recomputed at least every
OVERVIEW_CACHE_SECONDS (settings.REPORTING_OVERVIEW_CACHE_SECONDS overrides).

Gender is shown only as aggregates, and a group smaller than MIN_GROUP_SIZE
shows its head count only.
"""

import datetime
import hashlib
import statistics
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import (
    Aggregate,
    Avg,
    BooleanField,
    Case,
    Count,
    DateField,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import (
    Cast,
    Coalesce,
    Greatest,
    Least,
    NullIf,
    TruncMonth,
)

from certification.models import Certificate
from courses.models import CourseRun, Enrolment, ModuleTarget
from programs import selectors as programs_selectors
from programs.models import Membership, Municipality, Programme, Role, User
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


def _finished() -> Q:
    """Credited with every required hour: such a person may stop studying without risk."""
    return Q(credited_seconds__gte=F("course_run__course__required_seconds"))


def day_start(day: datetime.date, zone: datetime.tzinfo) -> datetime.datetime:
    """The first moment of `day` in the programme's time zone: days are the programme's,
    whoever looks (the viewer's own zone never changes the counts)."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)


def _inactive(today: datetime.date, zone: datetime.tzinfo) -> Q:
    """No study since the start of the day INACTIVE_DAYS ago (never studied: since
    enrolment), unless every required hour is credited."""
    start = day_start(rules.inactive_since(today), zone)
    last_study = Q(last_heartbeat_at__lt=start) | Q(
        last_heartbeat_at__isnull=True, enrolled_at__lt=start
    )
    return last_study & ~_finished()


def with_risk(
    enrolments: QuerySet[Enrolment],
    *,
    expected_seconds: int | Value | Case,
    today: datetime.date,
    zone: datetime.tzinfo = datetime.UTC,
) -> QuerySet[Enrolment]:
    """Annotate `behind`, `inactive` and `at_risk`, computed by the database."""
    behind = Q(credited_seconds__lt=expected_seconds)
    inactive = _inactive(today, zone)
    return enrolments.annotate(
        behind=ExpressionWrapper(behind, output_field=BooleanField()),
        inactive=ExpressionWrapper(inactive, output_field=BooleanField()),
        at_risk=ExpressionWrapper(behind | inactive, output_field=BooleanField()),
    )


# --- Programme dashboards (issue 6): see the module docstring ------------------------

ACTIVE_DAYS = 7
# Credited hours: [0, 10), [10, 25), [25, 50), [50, 75), [75, 100), 100 and more.
HOUR_BUCKETS = (0, 10, 25, 50, 75, 100)
# A gender group smaller than this shows its head count only: with fewer
# people, a certified count or a median could point at a person.
MIN_GROUP_SIZE = 5


class _SQLiteMedian:
    """The median aggregate SQLite lacks (step/finalize: the sqlite3 aggregate protocol)."""

    def __init__(self):
        self.values = []

    def step(self, value):
        if value is not None:
            self.values.append(value)

    def finalize(self):
        return float(statistics.median(self.values)) if self.values else None


class Median(Aggregate):
    """The median of a column, computed by the database (see the note above)."""

    function = "MUNET_MEDIAN"
    name = "Median"
    output_field = FloatField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler,
            connection,
            template="percentile_cont(0.5) WITHIN GROUP (ORDER BY %(expressions)s)",
            **extra_context,
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        connection.ensure_connection()
        connection.connection.create_aggregate(self.function, 1, _SQLiteMedian)
        return super().as_sql(compiler, connection, **extra_context)


@dataclass(frozen=True)
class Calendar:
    """The programme's course runs and what each expects of an official by `today`."""

    today: datetime.date
    expected_by_run: dict[int, int]
    zone: datetime.tzinfo = datetime.UTC  # the programme's: its days decide

    @property
    def run_ids(self) -> list[int]:
        return list(self.expected_by_run)

    def expected_seconds(self):
        """An expression: the seconds the enrolment's own run expects by today."""
        if len(self.expected_by_run) == 1:
            return Value(next(iter(self.expected_by_run.values())))
        return Case(
            *[
                When(course_run_id=run_id, then=Value(seconds))
                for run_id, seconds in self.expected_by_run.items()
            ],
            default=Value(0),
            output_field=IntegerField(),
        )


def programme_calendar(programme: Programme, *, today: datetime.date) -> Calendar:
    """1 query for the runs, then 1 per run (a programme normally has one)."""
    runs = CourseRun.objects.filter(programme=programme).select_related("course").order_by("pk")
    return Calendar(
        today=today,
        expected_by_run={run.pk: expected_seconds_of_run(run, today) for run in runs},
        zone=programs_selectors.programme_zone(programme),
    )


def _active_since(today: datetime.date) -> datetime.date:
    """Studying on this day or later counts as active in the last ACTIVE_DAYS days."""
    return today - datetime.timedelta(days=ACTIVE_DAYS - 1)


def _valid_certificate():
    return Exists(
        Certificate.objects.filter(enrolment_id=OuterRef("pk"), status=Certificate.Status.VALID)
    )


def _progress_percent():
    """Credited hours as a share of the course's required hours, capped at 100 (a float)."""
    required = NullIf(F("course_run__course__required_seconds"), 0)
    capped = Greatest(Least(F("credited_seconds"), required), Value(0))
    return Cast(capped, FloatField()) * Value(100.0) / Cast(required, FloatField())


def _conditions(calendar: Calendar) -> dict[str, Q]:
    """The per-person flags as conditions on enrolment columns.

    Aggregates use these rather than filters on annotations: Django may drop an
    annotation from the subquery it aggregates over while the filter still
    names it. `at_risk` is the rule of `with_risk` (last study day: the last
    heartbeat, or the enrolment when there is none), written on the columns.
    """
    behind = Q(credited_seconds__lt=calendar.expected_seconds())
    inactive = _inactive(calendar.today, calendar.zone)
    return {
        "active": Q(last_heartbeat_at__gte=day_start(_active_since(calendar.today), calendar.zone)),
        "certified": Q(_valid_certificate()),
        "at_risk": behind | inactive,
    }


def _team_base(calendar: Calendar) -> QuerySet[Enrolment]:
    """Active enrolments, in the programme's runs, of current officials of their municipality."""
    current_official = Membership.objects.filter(
        user_id=OuterRef("user_id"),
        municipality_id=OuterRef("municipality_id"),
        role=Role.OFFICIAL,
        ended_on__isnull=True,
    )
    return Enrolment.objects.filter(
        course_run_id__in=calendar.run_ids,
        status=Enrolment.Status.ACTIVE,
        municipality__isnull=False,
    ).filter(Exists(current_official))


def team_enrolments(calendar: Calendar) -> QuerySet[Enrolment]:
    """The team's enrolments (see `_team_base`), annotated per person in the database.

    `progress_percent` (credited hours as a share of the required hours, capped
    at 100), `active` (studied in the last ACTIVE_DAYS days), `certified`
    (holds a valid certificate), and `behind` / `inactive` / `at_risk`
    (reporting.rules through `with_risk`).
    """
    conditions = _conditions(calendar)
    enrolments = _team_base(calendar).annotate(
        progress_percent=_progress_percent(),
        active=Case(
            When(conditions["active"], then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        certified=_valid_certificate(),
    )
    return with_risk(enrolments, expected_seconds=calendar.expected_seconds(), today=calendar.today)


def _bucket_label(low: int, high: int | None) -> str:
    return f"{low}+" if high is None else f"{low}–{high}"


def _bucket_bounds() -> list[tuple[int, int | None]]:
    highs = [*HOUR_BUCKETS[1:], None]
    return list(zip(HOUR_BUCKETS, highs, strict=True))


@dataclass(frozen=True)
class Overview:
    """The programme at a glance. Hours are in seconds (pages show hours, one decimal)."""

    today: datetime.date
    municipalities_selected: int
    municipalities_active: int
    municipalities_h2: int
    municipalities_reserve: int
    officials_enrolled: int
    active_7_days: int
    median_seconds: float | None
    # "0–10": count, …, "100+": count, in order (credited hours).
    distribution: dict[str, int]
    certified: int
    at_risk: int
    # (first day of the month, officials certified that month), months without any included.
    certifications_by_month: list[tuple[datetime.date, int]]
    # gender code ("" = not declared) → {"enrolled", "certified", "median_hours"};
    # certified and median_hours are None for groups smaller than MIN_GROUP_SIZE.
    by_gender: dict[str, dict] = field(default_factory=dict)

    @property
    def median_hours(self) -> float | None:
        return None if self.median_seconds is None else self.median_seconds / 3600


def _months(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def _certifications_by_month(certified: QuerySet[Enrolment], programme: Programme, today):
    """Officials holding a valid certificate, by the month they were first certified.

    A name correction supersedes a certificate with a new one: the month is
    that of the first certificate that was not revoked, so it does not move.
    """
    first_issued = (
        Certificate.objects.filter(enrolment_id=OuterRef("pk"))
        .exclude(status=Certificate.Status.REVOKED)
        .order_by("issued_at")
        .values("issued_at")[:1]
    )
    rows = (
        certified.annotate(first_issued=Subquery(first_issued, output_field=DateTimeField()))
        .annotate(month=TruncMonth("first_issued", output_field=DateField()))
        .order_by()
        .values("month")
        .annotate(total=Count("pk"))
        .values_list("month", "total")
    )
    counts = {month: total for month, total in rows if month is not None}
    first = min([programme.starts_on.replace(day=1), *counts])
    last = max([min(today, programme.ends_on).replace(day=1), *counts])
    return [(month, counts.get(month, 0)) for month in _months(first, last)]


OVERVIEW_CACHE_SECONDS = 60


def programme_overview(
    programme: Programme, *, today: datetime.date, fresh: bool = False
) -> Overview:
    """The overview's figures, from the cache while nothing it must show at once has
    changed (see the module docstring); `fresh` computes them regardless."""
    calendar = programme_calendar(programme, today=today)
    municipalities, stamp = _municipalities_and_stamp(programme, calendar)
    seconds = getattr(settings, "REPORTING_OVERVIEW_CACHE_SECONDS", OVERVIEW_CACHE_SECONDS)
    if fresh or seconds <= 0:
        return _overview(programme, calendar, municipalities)
    key = f"reporting:overview:{programme.pk}:{stamp}"
    overview = cache.get(key)
    if overview is None:
        overview = _overview(programme, calendar, municipalities)
        cache.set(key, overview, seconds)
    return overview


def _total(queryset: QuerySet, group: str, aggregate) -> Subquery:
    """One aggregate over the whole queryset, as a subquery the database runs once
    (`group` is a column with one value across the queryset)."""
    rows = queryset.order_by().values(group).annotate(total=aggregate).values("total")
    return Subquery(rows[:1])


def _municipalities_and_stamp(programme: Programme, calendar: Calendar) -> tuple[dict, str]:
    """The overview's municipality counts, and the stamp of its cache entry (2 queries).

    The stamp is a digest of what the overview must show at once, read from
    indexes and small sets rather than by scanning the large tables: the largest
    id of memberships, enrolments and certificates changes when a row is added
    (a name correction supersedes a certificate with a new one); the sum of the
    ids of the ended memberships, of the enrolments not active and of the
    certificates not valid when a row leaves its set (partial indexes keep
    those few at hand); the municipalities' sums of ids when one becomes
    selected, replaced or reaches H2. Study figures are not in it: they are
    kept for the cache time.
    """
    selected = Q(status=Municipality.Status.SELECTED)
    h2 = Q(h2_reached_on__isnull=False)
    counts = Municipality.objects.filter(programme=programme).aggregate(
        selected=Count("pk", filter=selected),
        reserve=Count("pk", filter=Q(status=Municipality.Status.RESERVE)),
        h2=Count("pk", filter=selected & h2),
        last=Max("pk"),
        selected_ids=Sum("pk", filter=selected),
        h2_ids=Sum("pk", filter=h2),
    )
    officials = Membership.objects.filter(programme=programme, role=Role.OFFICIAL)
    enrolments = Enrolment.objects.filter(course_run_id__in=calendar.run_ids)
    certificates = Certificate.objects.filter(enrolment__course_run_id__in=calendar.run_ids)
    changes = (
        Programme.objects.filter(pk=programme.pk)
        .annotate(
            official_last=_last(officials),
            officials_ended=_total(
                officials.filter(ended_on__isnull=False), "programme", Sum("pk")
            ),
            enrolment_last=_last(enrolments),
            enrolments_inactive=_total(
                enrolments.exclude(status=Enrolment.Status.ACTIVE),
                "course_run__programme",
                Sum("pk"),
            ),
            certificate_last=_last(Certificate.objects.all()),
            certificates_not_valid=_total(
                certificates.exclude(status=Certificate.Status.VALID),
                "enrolment__course_run__programme",
                Sum("pk"),
            ),
        )
        .values(
            "official_last",
            "officials_ended",
            "enrolment_last",
            "enrolments_inactive",
            "certificate_last",
            "certificates_not_valid",
        )
        .get()
    )
    parts = (
        programme.starts_on,
        programme.ends_on,
        programme.time_zone,
        calendar.today,
        sorted(calendar.expected_by_run.items()),
        sorted(counts.items()),
        sorted(changes.items()),
    )
    figures = {name: counts[name] or 0 for name in ("selected", "reserve", "h2")}
    return figures, hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def _last(queryset: QuerySet) -> Subquery:
    """The largest id of the queryset (read from the primary key's index)."""
    return Subquery(queryset.order_by("-pk").values("pk")[:1])


def _overview(programme: Programme, calendar: Calendar, municipalities: dict) -> Overview:
    """The overview's figures, aggregated by the database (3 queries, and the
    municipality counts read with the cache's stamp)."""
    today = calendar.today
    people = _team_base(calendar).filter(municipality__status=Municipality.Status.SELECTED)
    conditions = _conditions(calendar)
    hour = 3600
    buckets = {}
    for low, high in _bucket_bounds():
        condition = Q(credited_seconds__gte=low * hour) if low else Q()
        if high is not None:
            condition &= Q(credited_seconds__lt=high * hour)
        buckets[_bucket_label(low, high)] = Count("pk", filter=condition)
    figures = people.aggregate(
        enrolled=Count("pk"),
        active=Count("pk", filter=conditions["active"]),
        # Selected municipalities where a current official studied lately.
        municipalities_active=Count("municipality_id", filter=conditions["active"], distinct=True),
        certified=Count("pk", filter=conditions["certified"]),
        at_risk=Count("pk", filter=conditions["at_risk"]),
        median=Median("credited_seconds"),
        **{f"bucket_{index}": aggregate for index, aggregate in enumerate(buckets.values())},
    )
    return Overview(
        today=today,
        municipalities_selected=municipalities["selected"],
        municipalities_active=figures["municipalities_active"],
        municipalities_h2=municipalities["h2"],
        municipalities_reserve=municipalities["reserve"],
        officials_enrolled=figures["enrolled"],
        active_7_days=figures["active"],
        median_seconds=figures["median"],
        distribution={label: figures[f"bucket_{index}"] for index, label in enumerate(buckets)},
        certified=figures["certified"],
        at_risk=figures["at_risk"],
        certifications_by_month=_certifications_by_month(
            people.filter(conditions["certified"]), programme, today
        ),
        by_gender=_by_gender(people, conditions),
    )


def _by_gender(people: QuerySet[Enrolment], conditions: dict[str, Q]) -> dict[str, dict]:
    """Head counts by self-declared gender; smaller groups than MIN_GROUP_SIZE show no more."""
    rows = (
        people.order_by()
        .values("user__gender")
        .annotate(
            enrolled=Count("pk"),
            certified_count=Count("pk", filter=conditions["certified"]),
            median=Median("credited_seconds"),
        )
    )
    rows = sorted(rows, key=lambda row: row["enrolled"])  # one per gender code: four at most
    withheld = {row["user__gender"] for row in rows if row["enrolled"] < MIN_GROUP_SIZE}
    if len(withheld) == 1 and len(rows) > 1:
        # One hidden group could be recovered from the totals by subtraction:
        # hide the next smallest group's figures too.
        withheld.add(
            next(row["user__gender"] for row in rows if row["user__gender"] not in withheld)
        )
    result = {}
    for row in rows:
        large = row["user__gender"] not in withheld
        result[row["user__gender"]] = {
            "enrolled": row["enrolled"],
            "certified": row["certified_count"] if large else None,
            "median_hours": row["median"] / 3600 if large and row["median"] is not None else None,
        }
    return result


# --- The municipality table -------------------------------------------------------

MUNICIPALITY_ORDERS = (
    "name",
    "code",
    "status",
    "team_size",
    "enrolled",
    "hours_median",
    "hours_min",
    "progress_percent",
    "active_count",
    "certified",
    "at_risk_count",
    "h2_reached_on",
)


def _per_municipality(people: QuerySet[Enrolment], aggregate, output_field):
    rows = (
        people.filter(municipality_id=OuterRef("pk"))
        .order_by()
        .values("municipality_id")
        .annotate(value=aggregate)
        .values("value")
    )
    return Subquery(rows, output_field=output_field)


def _order_by(order: str):
    descending = order.startswith("-")
    key = order.lstrip("-")
    if key not in MUNICIPALITY_ORDERS:
        key, descending = "name", False
    column = F(key)
    expression = column.desc(nulls_last=True) if descending else column.asc(nulls_first=True)
    return [expression, "name", "pk"]


def municipality_rows(
    programme: Programme,
    *,
    today: datetime.date,
    search: str = "",
    status: str = "",
    only_at_risk: bool = False,
    order: str = "name",
    h2: str = "",
    calendar: Calendar | None = None,
) -> QuerySet[Municipality]:
    """The programme's municipalities, each with its team's figures (one query).

    Annotations: team_size (current officials), enrolled, hours_median and
    hours_min (credited seconds; None without enrolments), progress_percent
    (mean of the officials' progress, each capped at 100), active_count
    (studied in the last ACTIVE_DAYS days), certified, at_risk_count; plus the
    model's h2_reached_on. `order`: one of MUNICIPALITY_ORDERS, "-" for
    descending. `h2`: "yes" / "no" filters on H2 reached. Pass `calendar` when
    it is already read (saves its queries).
    """
    calendar = calendar or programme_calendar(programme, today=today)
    people = _team_base(calendar)
    conditions = _conditions(calendar)
    team_size = (
        Membership.objects.filter(
            municipality_id=OuterRef("pk"), role=Role.OFFICIAL, ended_on__isnull=True
        )
        .order_by()
        .values("municipality_id")
        .annotate(total=Count("pk"))
        .values("total")
    )
    count = IntegerField()
    rows = (
        Municipality.objects.filter(programme=programme)
        .select_related("replaced_by")
        .annotate(
            team_size=Coalesce(Subquery(team_size, output_field=count), 0),
            enrolled=Coalesce(_per_municipality(people, Count("pk"), count), 0),
            hours_median=_per_municipality(people, Median("credited_seconds"), FloatField()),
            hours_min=_per_municipality(people, Min("credited_seconds"), count),
            progress_percent=_per_municipality(people, Avg(_progress_percent()), FloatField()),
            active_count=Coalesce(
                _per_municipality(people, Count("pk", filter=conditions["active"]), count), 0
            ),
            certified=Coalesce(
                _per_municipality(people, Count("pk", filter=conditions["certified"]), count), 0
            ),
            at_risk_count=Coalesce(
                _per_municipality(people, Count("pk", filter=conditions["at_risk"]), count), 0
            ),
        )
    )
    if status:
        rows = rows.filter(status=status)
    if search:
        rows = rows.filter(Q(name__icontains=search) | Q(code__icontains=search))
    if only_at_risk:
        rows = rows.filter(at_risk_count__gt=0)
    if h2 == "yes":
        rows = rows.filter(h2_reached_on__isnull=False)
    elif h2 == "no":
        rows = rows.filter(h2_reached_on__isnull=True)
    return rows.order_by(*_order_by(order))


def municipality_team_rows(
    municipality: Municipality, *, today: datetime.date, calendar: Calendar | None = None
) -> QuerySet[Enrolment]:
    """The municipality's team, one row per enrolment, with the same measures (one query).

    Each row: credited_seconds, active_seconds, last_heartbeat_at (fields),
    progress_percent, active, certified, behind, inactive, at_risk; the user
    and run selected. Never the person's gender.
    """
    calendar = calendar or programme_calendar(municipality.programme, today=today)
    return (
        team_enrolments(calendar)
        .filter(municipality=municipality)
        .select_related("user", "course_run")
        .order_by("user__full_name", "pk")
    )


# --- Coordinators --------------------------------------------------------------------


def municipalities_coordinated_by(user: User) -> QuerySet[Municipality]:
    """The municipalities whose current coordinator the person is."""
    if not user.is_authenticated:
        return Municipality.objects.none()
    return (
        Municipality.objects.filter(
            memberships__user=user,
            memberships__role=Role.COORDINATOR,
            memberships__ended_on__isnull=True,
        )
        .select_related("programme")
        .distinct()
        .order_by("name", "pk")
    )


def municipality_get_for_coordinator(user: User, municipality_id: int) -> Municipality | None:
    return municipalities_coordinated_by(user).filter(pk=municipality_id).first()
