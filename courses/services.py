"""Verbs that enrol people, record their study time and credit their hours."""

import datetime
import uuid
import zoneinfo
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from content import xapi
from courses import rules, selectors, signals
from courses.models import (
    Activity,
    ActivityKind,
    ActivityProgress,
    ActivityResult,
    CompletionRule,
    CompletionSource,
    Course,
    CourseRun,
    DailyStudyTime,
    Enrolment,
    LedgerEntry,
    Module,
    ModuleTarget,
)
from programs import selectors as programs_selectors
from programs import services as programs_services
from programs.models import Membership, Municipality, Programme, Role, User

# --- Enrolment ---------------------------------------------------------------


@dataclass(frozen=True)
class TeamEnrolment:
    created: int
    reactivated: int
    already_enrolled: int


@transaction.atomic
def enrolment_create(
    *, user: User, course_run: CourseRun, municipality: Municipality | None = None
) -> tuple[Enrolment, bool]:
    """Enrol one person; re-enrolling someone withdrawn makes them active again."""
    enrolment, created = Enrolment.objects.get_or_create(
        user=user, course_run=course_run, defaults={"municipality": municipality}
    )
    if not created and enrolment.status == Enrolment.Status.WITHDRAWN:
        enrolment.status = Enrolment.Status.ACTIVE
        enrolment.withdrawn_at = None
        enrolment.municipality = municipality or enrolment.municipality
        enrolment.save(update_fields=["status", "withdrawn_at", "municipality"])
    return enrolment, created


@transaction.atomic
def enrolment_create_for_team(
    *, course_run: CourseRun, municipality: Municipality
) -> TeamEnrolment:
    """Enrol a municipality's current officials in a course run, in one action.

    Idempotent: officials already enrolled are left as they are.
    """
    if municipality.programme_id != course_run.programme_id:
        raise ValidationError(
            _("%(municipality)s does not belong to the programme of %(run)s.")
            % {"municipality": municipality.name, "run": course_run.title}
        )
    if municipality.status != Municipality.Status.SELECTED:
        raise ValidationError(
            _("Only selected municipalities can be enrolled; %(municipality)s is %(status)s.")
            % {
                "municipality": municipality.name,
                "status": municipality.get_status_display().lower(),
            }
        )
    official_ids = programs_selectors.current_official_ids(municipality)
    if not official_ids:
        raise ValidationError(
            _("%(municipality)s has no officials in its team yet.")
            % {"municipality": municipality.name}
        )
    existing = {
        enrolment.user_id: enrolment
        for enrolment in Enrolment.objects.select_for_update().filter(
            course_run=course_run, user_id__in=official_ids
        )
    }
    withdrawn = [e.pk for e in existing.values() if e.status == Enrolment.Status.WITHDRAWN]
    Enrolment.objects.filter(pk__in=withdrawn).update(
        status=Enrolment.Status.ACTIVE, withdrawn_at=None, municipality=municipality
    )
    new = [
        Enrolment(user_id=user_id, course_run=course_run, municipality=municipality)
        for user_id in official_ids
        if user_id not in existing
    ]
    Enrolment.objects.bulk_create(new)
    return TeamEnrolment(
        created=len(new),
        reactivated=len(withdrawn),
        already_enrolled=len(existing) - len(withdrawn),
    )


@dataclass(frozen=True)
class ProgrammeEnrolment:
    teams: int  # selected municipalities whose officials are all enrolled now
    created: int
    reactivated: int
    already_enrolled: int
    without_officials: tuple[str, ...]  # selected municipalities with no official yet


@transaction.atomic
def enrolment_create_for_programme(*, course_run: CourseRun) -> ProgrammeEnrolment:
    """Enrol the current officials of every selected municipality of the run's programme,
    in one action: `enrolment_create_for_team` for all the teams at once.

    Idempotent: officials already enrolled are left as they are, withdrawn ones
    are enrolled again. Reserves (and replaced or withdrawn municipalities) are
    left out; a selected municipality without officials yet is named in the
    result. Refused, changing nothing, when no selected municipality has officials.
    """
    teams = programs_selectors.selected_teams_official_ids(course_run.programme_id)
    municipality_of = {
        user_id: municipality for municipality, user_ids in teams for user_id in user_ids
    }
    if not municipality_of:
        raise ValidationError(
            _(
                "No selected municipality of %(programme)s has officials yet: import the "
                "municipalities and their teams first."
            )
            % {"programme": course_run.programme.name}
        )
    # The run's enrolments: one query, whatever the size (no list of ids to send).
    existing = {
        enrolment.user_id: enrolment
        for enrolment in Enrolment.objects.select_for_update()
        .filter(course_run=course_run)
        .only("pk", "user_id", "status")
        if enrolment.user_id in municipality_of
    }
    withdrawn = [e for e in existing.values() if e.status == Enrolment.Status.WITHDRAWN]
    for enrolment in withdrawn:
        enrolment.status = Enrolment.Status.ACTIVE
        enrolment.withdrawn_at = None
        enrolment.municipality = municipality_of[enrolment.user_id]
    Enrolment.objects.bulk_update(withdrawn, ["status", "withdrawn_at", "municipality"])
    new = [
        Enrolment(user_id=user_id, course_run=course_run, municipality=municipality)
        for user_id, municipality in municipality_of.items()
        if user_id not in existing
    ]
    Enrolment.objects.bulk_create(new, batch_size=1000)
    return ProgrammeEnrolment(
        teams=sum(1 for _municipality, user_ids in teams if user_ids),
        created=len(new),
        reactivated=len(withdrawn),
        already_enrolled=len(existing) - len(withdrawn),
        without_officials=tuple(municipality.name for municipality, ids in teams if not ids),
    )


@transaction.atomic
def enrolment_withdraw(*, enrolment: Enrolment, now: datetime.datetime | None = None) -> Enrolment:
    """Withdraw an enrolment; its progress and ledger stay as history."""
    if enrolment.status != Enrolment.Status.WITHDRAWN:
        enrolment.status = Enrolment.Status.WITHDRAWN
        enrolment.withdrawn_at = now or timezone.now()
        enrolment.save(update_fields=["status", "withdrawn_at"])
    return enrolment


@transaction.atomic
def team_official_replace(
    *,
    leaving: Membership,
    newcomer_email: str,
    newcomer_name: str,
    reason: str,
    on_date: datetime.date | None = None,
) -> Membership:
    """Staff turnover: a new official takes the place of one who leaves.

    The leaving official's enrolments are withdrawn (their progress stays as
    history), the newcomer is enrolled in the same course runs and, if new
    to MuNet Aula, is sent an activation link once this transaction commits.
    """
    newcomer, created = programs_services.user_get_or_create(
        email=newcomer_email, full_name=newcomer_name
    )
    replacement = programs_services.official_replace(
        leaving=leaving, newcomer=newcomer, reason=reason, on_date=on_date
    )
    enrolments = Enrolment.objects.select_for_update().filter(
        user=leaving.user,
        municipality=leaving.municipality,
        status=Enrolment.Status.ACTIVE,
    )
    for enrolment in enrolments.select_related("course_run"):
        enrolment_withdraw(enrolment=enrolment)
        enrolment_create(
            user=newcomer, course_run=enrolment.course_run, municipality=leaving.municipality
        )
    if created:
        programs_services.activation_emails_queue([newcomer.pk])
    return replacement


@transaction.atomic
def team_member_leave(
    *, membership: Membership, reason: str, on_date: datetime.date | None = None
) -> Membership:
    """A person leaves a municipality's team: the membership ends, and as an
    official their active enrolments of that municipality are withdrawn (the
    progress stays as history), as on the turnover page.
    """
    today = programs_selectors.programme_today(membership.programme)
    on_date = on_date or today
    if on_date > today:
        raise ValidationError(_("The day the person leaves cannot be in the future."))
    if on_date < membership.started_on:
        raise ValidationError(
            _("The person joined the team on %(date)s: they cannot leave before.")
            % {"date": membership.started_on.isoformat()}
        )
    ended = programs_services.membership_end(membership=membership, ended_on=on_date, reason=reason)
    if membership.role == Role.OFFICIAL:
        enrolments = Enrolment.objects.select_for_update().filter(
            user=membership.user,
            municipality=membership.municipality,
            status=Enrolment.Status.ACTIVE,
        )
        for enrolment in enrolments:
            enrolment_withdraw(enrolment=enrolment)
    return ended


# --- Course runs ----------------------------------------------------------------


def module_targets_spread(run: CourseRun) -> list[ModuleTarget]:
    """Target dates for the course's modules, spread evenly over the run: module k
    of n is due k/n of the way from its start to its end."""
    modules = list(Module.objects.filter(course_id=run.course_id, archived_at__isnull=True))
    span = (run.ends_on - run.starts_on).days
    return [
        ModuleTarget(
            course_run=run,
            module=module,
            target_on=run.starts_on + datetime.timedelta(days=round(span * index / len(modules))),
        )
        for index, module in enumerate(modules, start=1)
    ]


@transaction.atomic
def course_run_create(
    *,
    programme: Programme,
    course: Course,
    title: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    tutors: list[User] = (),
) -> CourseRun:
    """A run of `course` for the programme's municipalities, with its tutors and the
    modules' target dates spread evenly over it (the at-risk rule reads them).

    Every problem is raised at once, by field, as a ValidationError; tutors must
    hold a current tutor role in the programme.
    """
    title = " ".join(title.split())
    errors: dict[str, str] = {}
    if not title:
        errors["title"] = _("Give the course run a title.")
    elif CourseRun.objects.filter(programme=programme, title__iexact=title).exists():
        errors["title"] = _("The programme already has a course run with this title.")
    if ends_on < starts_on:
        errors["ends_on"] = _("The course run cannot end before it starts.")
    allowed = set(programs_selectors.programme_tutors(programme).values_list("pk", flat=True))
    if any(tutor.pk not in allowed for tutor in tutors):
        errors["tutors"] = _("Only the programme's tutors can tutor its course runs.")
    if errors:
        raise ValidationError(errors)
    run = CourseRun.objects.create(
        programme=programme, course=course, title=title, starts_on=starts_on, ends_on=ends_on
    )
    run.tutors.set(tutors)
    ModuleTarget.objects.bulk_create(module_targets_spread(run))
    return run


# --- Study time and completion ----------------------------------------------


@dataclass(frozen=True)
class Heartbeat:
    credited_seconds: int
    activity_active_seconds: int
    completed: bool


def _lock_enrolment(*, user: User, course_run_id: int) -> Enrolment:
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("course_run__course", "course_run__programme")
        .filter(user=user, course_run_id=course_run_id, status=Enrolment.Status.ACTIVE)
        .first()
    )
    if enrolment is None:
        raise PermissionDenied(_("You are not enrolled in this course run."))
    return enrolment


def _activity_in_run(*, enrolment: Enrolment, activity_id: int) -> Activity:
    activity = (
        Activity.objects.filter(pk=activity_id, module__course_id=enrolment.course_run.course_id)
        .only(
            "id",
            "nominal_seconds",
            "completion_rule",
            "min_active_seconds",
            "module_id",
            "archived_at",
        )
        .first()
    )
    if activity is None:
        raise PermissionDenied(_("This activity is not part of your course."))
    return activity


def _progress_for(enrolment: Enrolment, activity: Activity) -> ActivityProgress:
    """The summary row, created on first use.

    The caller holds the enrolment's lock, so no other transaction creates
    this row meanwhile; the IntegrityError branch covers writers that did not
    lock. Reading first keeps the common case to one query, with no savepoint.
    """
    progress = ActivityProgress.objects.filter(enrolment=enrolment, activity=activity).first()
    if progress is not None:
        return progress
    try:
        with transaction.atomic():
            return ActivityProgress.objects.create(enrolment=enrolment, activity=activity)
    except IntegrityError:
        return ActivityProgress.objects.get(enrolment=enrolment, activity=activity)


def _lock_progress(
    *, user: User, course_run_id: int, activity_id: int
) -> tuple[Enrolment, Activity, ActivityProgress]:
    """Lock the person's enrolment and return it with the activity and its progress row."""
    enrolment = _lock_enrolment(user=user, course_run_id=course_run_id)
    activity = _activity_in_run(enrolment=enrolment, activity_id=activity_id)
    if activity.archived_at is not None:
        # Removed from the course by an editor: no more study time on it.
        raise PermissionDenied(_("This activity is not part of your course."))
    return enrolment, activity, _progress_for(enrolment, activity)


def _complete(
    *,
    enrolment: Enrolment,
    progress: ActivityProgress,
    activity: Activity,
    source: str,
    now: datetime.datetime,
) -> bool:
    """Mark an activity complete and credit its hours, once.

    The caller holds the enrolment's lock. The conditional update and the
    ledger's unique constraint make a second call a no-op.
    """
    updated = ActivityProgress.objects.filter(pk=progress.pk, completed_at__isnull=True).update(
        completed_at=now, completion_source=source
    )
    if not updated:
        return False
    progress.completed_at, progress.completion_source = now, source
    LedgerEntry.objects.create(
        enrolment=enrolment,
        kind=LedgerEntry.Kind.COMPLETION,
        activity=activity,
        seconds=activity.nominal_seconds,
        created_at=now,
    )
    Enrolment.objects.filter(pk=enrolment.pk).update(
        credited_seconds=F("credited_seconds") + activity.nominal_seconds
    )
    signals.progress_changed.send(sender=Enrolment, enrolment_id=enrolment.pk)
    return True


def study_time_record(
    *,
    user: User,
    course_run_id: int,
    activity_id: int,
    seconds: int,
    now: datetime.datetime | None = None,
) -> Heartbeat:
    """Record one heartbeat of active study on an activity.

    Adds the plausible part of `seconds` to the activity's measured time, to
    the person's day (in the programme's time zone) and to the enrolment's
    total; completes a 'viewed' activity once its minimum time is reached.
    """
    now = now or timezone.now()
    with transaction.atomic():
        enrolment, activity, progress = _lock_progress(
            user=user, course_run_id=course_run_id, activity_id=activity_id
        )
        course = enrolment.course_run.course
        minimum = rules.min_active_seconds(activity, enrolment.course_run.course)
        cap = rules.active_cap_seconds(
            nominal_seconds=activity.nominal_seconds,
            factor=course.active_cap_factor,
            minimum=minimum,
        )
        since_previous = (
            (now - enrolment.last_heartbeat_at).total_seconds()
            if enrolment.last_heartbeat_at
            else None
        )
        credit = rules.heartbeat_credit(
            claimed_seconds=seconds,
            seconds_since_previous=since_previous,
            activity_seconds_so_far=progress.active_seconds,
            activity_cap_seconds=cap,
        )
        _add_study_time(
            enrolment=enrolment, activity=activity, progress=progress, seconds=credit, now=now
        )
        completed = progress.completed_at is not None
        if (
            not completed
            and activity.completion_rule == CompletionRule.VIEWED
            and progress.active_seconds >= minimum
        ):
            completed = _complete(
                enrolment=enrolment,
                progress=progress,
                activity=activity,
                source=CompletionSource.VIEWED,
                now=now,
            )
    return Heartbeat(
        credited_seconds=credit,
        activity_active_seconds=progress.active_seconds,
        completed=completed,
    )


def _add_study_time(
    *,
    enrolment: Enrolment,
    activity: Activity,
    progress: ActivityProgress,
    seconds: int,
    now: datetime.datetime,
) -> None:
    """Add measured seconds to the activity, the person's day and the enrolment.

    Also marks `now` as the person's latest accounted moment, which bounds the
    next heartbeat. The caller holds the enrolment's lock.
    """
    Enrolment.objects.filter(pk=enrolment.pk).update(
        last_heartbeat_at=now, active_seconds=F("active_seconds") + seconds
    )
    if not seconds:
        return
    progress.active_seconds += seconds
    ActivityProgress.objects.filter(pk=progress.pk).update(
        active_seconds=F("active_seconds") + seconds
    )
    day = now.astimezone(zoneinfo.ZoneInfo(enrolment.course_run.programme.time_zone)).date()
    row = {"enrolment": enrolment, "activity": activity, "day": day}
    if not DailyStudyTime.objects.filter(**row).update(seconds=F("seconds") + seconds):
        DailyStudyTime.objects.create(**row, seconds=seconds)


@transaction.atomic
def activity_view_record(
    *, user: User, course_run_id: int, activity_id: int, now: datetime.datetime | None = None
) -> ActivityProgress:
    """Note that the person opened the activity (first and last view)."""
    now = now or timezone.now()
    *_, progress = _lock_progress(user=user, course_run_id=course_run_id, activity_id=activity_id)
    progress.last_viewed_at = now
    progress.first_viewed_at = progress.first_viewed_at or now
    ActivityProgress.objects.filter(pk=progress.pk).update(
        first_viewed_at=progress.first_viewed_at, last_viewed_at=now
    )
    return progress


def _account_open_page(
    *, enrolment: Enrolment, activity: Activity, progress: ActivityProgress, now: datetime.datetime
) -> None:
    """Count the time the page has been open but not yet reported by heartbeats.

    Without JavaScript no heartbeat is ever sent; the time since the page was
    opened (and since the person's last heartbeat) then counts, but only up to
    the activity's minimum: enough to mark it done, never more.
    """
    if progress.last_viewed_at is None:
        return
    minimum = rules.min_active_seconds(activity, enrolment.course_run.course)
    credit = rules.open_page_credit(
        seconds_open=(now - progress.last_viewed_at).total_seconds(),
        seconds_since_previous=(
            (now - enrolment.last_heartbeat_at).total_seconds()
            if enrolment.last_heartbeat_at
            else None
        ),
        missing_seconds=minimum - progress.active_seconds,
    )
    if credit:
        _add_study_time(
            enrolment=enrolment, activity=activity, progress=progress, seconds=credit, now=now
        )


@transaction.atomic
def activity_mark_done(
    *, user: User, course_run_id: int, activity_id: int, now: datetime.datetime | None = None
) -> ActivityProgress:
    """The person says they are done; refused until they spent the minimum time."""
    now = now or timezone.now()
    enrolment, activity, progress = _lock_progress(
        user=user, course_run_id=course_run_id, activity_id=activity_id
    )
    if progress.completed_at is not None:
        return progress
    if activity.completion_rule != CompletionRule.MARKED_DONE:
        raise ValidationError(_("This activity completes by itself; it cannot be marked as done."))
    minimum = rules.min_active_seconds(activity, enrolment.course_run.course)
    _account_open_page(enrolment=enrolment, activity=activity, progress=progress, now=now)
    if progress.active_seconds < minimum:
        missing = minimum - progress.active_seconds
        raise ValidationError(
            _(
                "Spend at least %(minimum)s on this activity before marking it as done "
                "(%(missing)s to go)."
            )
            % {"minimum": rules.duration_text(minimum), "missing": rules.duration_text(missing)}
        )
    _complete(
        enrolment=enrolment,
        progress=progress,
        activity=activity,
        source=CompletionSource.MARKED_DONE,
        now=now,
    )
    return progress


@transaction.atomic
def activity_complete_by_result(
    *, enrolment_id: int, activity_id: int, source: str, now: datetime.datetime | None = None
) -> bool:
    """Complete a graded activity because of a result (passed, submitted, graded).

    Called by `assessments` (quizzes, assignments) and, later, by the H5P
    results: `courses` never imports them, they call down here. Completes
    only when the source satisfies the activity's completion rule and the
    enrolment is active; idempotent. Returns True when this call completed it.
    """
    now = now or timezone.now()
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("course_run__course")
        .filter(pk=enrolment_id, status=Enrolment.Status.ACTIVE)
        .first()
    )
    if enrolment is None:
        return False
    activity = _activity_in_run(enrolment=enrolment, activity_id=activity_id)
    if not rules.completion_satisfied(rule=activity.completion_rule, source=source):
        return False
    progress = _progress_for(enrolment, activity)
    return _complete(
        enrolment=enrolment, progress=progress, activity=activity, source=source, now=now
    )


# --- Tutor adjustments -------------------------------------------------------


@transaction.atomic
def credited_time_adjust(
    *,
    enrolment: Enrolment,
    seconds: int,
    reason: str,
    recorded_by: User,
    activity: Activity | None = None,
) -> LedgerEntry:
    """A tutor adds or removes credited time, with a recorded reason."""
    if not reason.strip():
        raise ValidationError(_("Give the reason for the adjustment."))
    if seconds == 0:
        raise ValidationError(_("An adjustment must add or remove some time."))
    locked = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if locked.credited_seconds + seconds < 0:
        raise ValidationError(_("Credited hours cannot fall below zero."))
    if activity is not None and activity.module.course_id != locked.course_run.course_id:
        raise ValidationError(_("The activity is not part of this course."))
    entry = LedgerEntry.objects.create(
        enrolment=locked,
        kind=LedgerEntry.Kind.ADJUSTMENT,
        activity=activity,
        seconds=seconds,
        reason=reason.strip(),
        recorded_by=recorded_by,
    )
    Enrolment.objects.filter(pk=locked.pk).update(credited_seconds=F("credited_seconds") + seconds)
    signals.progress_changed.send(sender=Enrolment, enrolment_id=locked.pk)
    return entry


# --- Scored interactive content (H5P results) ----------------------------------

_SCALED_PLACES = Decimal("0.0000001")


@dataclass(frozen=True)
class ScoredResult:
    result: ActivityResult | None  # None: the statement carried no score of the whole content
    best_scaled: Decimal | None
    pass_fraction: Decimal
    completed: bool


def _statement_for(user: User, statement: object) -> dict:
    """The statement as we store it: the actor is the signed-in person, whatever the page said."""
    if not isinstance(statement, dict):
        raise ValidationError(_("The result could not be read: it is not an xAPI statement."))
    own = dict(statement)
    own["actor"] = {
        "objectType": "Agent",
        "account": {"homePage": "urn:munet-aula:user", "name": str(user.pk)},
    }
    for set_by_the_store in ("authority", "stored"):
        own.pop(set_by_the_store, None)
    own.setdefault("id", str(uuid.uuid4()))
    problems = xapi.statement_validate(own) or _unstorable(own)
    if problems:
        raise ValidationError(
            [_("The result is not a valid xAPI statement: %s") % problem for problem in problems]
        )
    return own


# What the store can keep of a valid statement: a score's numbers fit ActivityResult's
# columns (12 digits, 4 of them decimals), and PostgreSQL's JSON refuses U+0000.
_SCORE_LIMIT = 99_999_999


def _unstorable(statement: dict) -> list[str]:
    problems = []
    score = (statement.get("result") or {}).get("score") or {}
    for key in ("raw", "min", "max"):
        if isinstance(score.get(key), int | float) and abs(score[key]) > _SCORE_LIMIT:
            problems.append(
                _("“%(path)s” must be between -99999999 and 99999999.")
                % {"path": f"result.score.{key}"}
            )
    pending = [statement]
    while pending:  # no recursion: the statement may nest as deep as its JSON did
        value = pending.pop()
        if isinstance(value, dict):
            pending += [*value.keys(), *value.values()]
        elif isinstance(value, list):
            pending += value
        elif isinstance(value, str) and "\x00" in value:
            problems.append(_("A text of the statement holds a null character (U+0000)."))
            break
    return problems


def _scaled(raw, maximum, scaled) -> Decimal | None:
    if scaled is not None:
        value = Decimal(str(scaled))
    elif raw is not None and maximum:
        value = Decimal(str(raw)) / Decimal(str(maximum))
    else:
        return None
    return min(max(value, Decimal("0")), Decimal("1")).quantize(_SCALED_PLACES)


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


@transaction.atomic
def scored_result_record(
    *,
    user: User,
    course_run_id: int,
    activity_id: int,
    statement: object,
    now: datetime.datetime | None = None,
) -> ScoredResult:
    """Keep a scored result of interactive content sent by its player (an xAPI statement).

    The statement is validated (by `content.xapi`) with the signed-in person as
    its actor, and stored once (a statement resent with the same id is not
    stored twice). The best score so far is the activity's score; reaching the
    pass mark completes an activity whose rule is "passed" (any score completes
    "submitted" or "graded" ones). Statements about a part of the content, or
    without a score, are validated and not stored.
    """
    now = now or timezone.now()
    own = _statement_for(user, statement)
    enrolment, activity, progress = _lock_progress(
        user=user, course_run_id=course_run_id, activity_id=activity_id
    )
    activity = Activity.objects.select_related("h5p").get(pk=activity.pk)
    if activity.kind != ActivityKind.H5P:
        raise PermissionDenied(_("This activity does not record scored results."))
    pass_fraction = selectors.scored_pass_fraction_of(activity)
    score = xapi.statement_score(own)
    if score is None or not xapi.statement_about_whole_content(own):
        return ScoredResult(None, progress.best_scaled, pass_fraction, bool(progress.completed_at))
    raw, maximum, scaled = score
    result, created = ActivityResult.objects.get_or_create(
        enrolment=enrolment,
        statement_id=uuid.UUID(own["id"]),
        defaults={
            "activity": activity,
            "verb": xapi.statement_verb(own),
            "score_raw": _decimal(raw),
            "score_max": _decimal(maximum),
            "scaled": _scaled(raw, maximum, scaled),
            "success": (own.get("result") or {}).get("success"),
            "completion": (own.get("result") or {}).get("completion"),
            "statement": own,
            "received_at": now,
        },
    )
    if created and result.scaled is not None:
        _best_score_keep(enrolment, activity, progress, result.scaled, pass_fraction, now)
    return ScoredResult(result, progress.best_scaled, pass_fraction, bool(progress.completed_at))


def _best_score_keep(enrolment, activity, progress, scaled, pass_fraction, now) -> None:
    if progress.best_scaled is None or scaled > progress.best_scaled:
        progress.best_scaled = scaled
        ActivityProgress.objects.filter(pk=progress.pk).update(best_scaled=scaled)
    source = (
        CompletionSource.PASSED
        if progress.best_scaled >= pass_fraction
        else CompletionSource.GRADED
    )
    if rules.completion_satisfied(rule=activity.completion_rule, source=source):
        _complete(enrolment=enrolment, progress=progress, activity=activity, source=source, now=now)
    signals.activity_scored.send(
        sender=Activity,
        enrolment=enrolment,
        activity=activity,
        best_scaled=progress.best_scaled,
        pass_fraction=pass_fraction,
        now=now,
    )


# --- xAPI statements sent by other systems (the API's statement intake) ---------------
# A statement names the activity by its address in Aula (`activity_iri`), as its
# object or in its context activities. Scored statements about H5P activities
# count as the player's do; others are validated and acknowledged, not kept.

MAX_STATEMENTS_PER_REQUEST = 50


def activity_iri(course_run_id: int, activity_id: int) -> str:
    """An activity's xAPI identifier: the address of its page for the learner."""
    return f"{settings.SITE_URL}/runs/{course_run_id}/activities/{activity_id}/"


def _activity_id_named_by(statement: dict, course_run_id: int) -> int | None:
    prefix = f"{settings.SITE_URL}/runs/{course_run_id}/activities/"
    candidates = [(statement.get("object") or {}).get("id")]
    context_activities = (statement.get("context") or {}).get("contextActivities") or {}
    for kind in ("parent", "grouping"):
        listed = context_activities.get(kind) or []
        if isinstance(listed, dict):  # xAPI allows one activity as well as a list
            listed = [listed]
        candidates += [item.get("id") for item in listed if isinstance(item, dict)]
    for candidate in candidates:
        if isinstance(candidate, str) and candidate.startswith(prefix):
            number = _object_number(candidate[len(prefix) :].split("/", 1)[0].split("?", 1)[0])
            if number is not None:
                return number
    return None


def _object_number(text: str) -> int | None:
    """An object's number written in a statement, else None: ASCII digits only
    (str.isdigit() also takes "²", which int() refuses), and at most 18 of them, as
    in the site's addresses (a longer one is beyond what the database holds)."""
    if text.isascii() and text.isdigit() and len(text) <= 18:
        return int(text)
    return None


@dataclass(frozen=True)
class RecordedStatement:
    statement_id: str
    learner_id: int
    activity_id: int
    stored: bool
    best_scaled: Decimal | None
    completed: bool


def _statement_list(statements: object) -> list:
    if isinstance(statements, dict):
        statements = [statements]
    if not isinstance(statements, list) or not statements:
        raise ValidationError(_("Send an xAPI statement, or a list of them."))
    if len(statements) > MAX_STATEMENTS_PER_REQUEST:
        raise ValidationError(
            _("Send at most %(count)d statements at a time.")
            % {"count": MAX_STATEMENTS_PER_REQUEST}
        )
    return statements


def _activity_named_by(statement: dict, number: int, course_run: CourseRun) -> Activity:
    """The run's live activity the statement is about, else a ValidationError saying so."""
    activity_id = _activity_id_named_by(statement, course_run.pk)
    activity = (
        selectors.live_activities()
        .filter(pk=activity_id, module__course_id=course_run.course_id)
        .only("id", "kind")
        .first()
        if activity_id
        else None
    )
    if activity is None:
        raise ValidationError(
            _(
                "Statement %(number)d does not name an activity of this course run: "
                "use the activity's address, such as %(example)s."
            )
            % {"number": number, "example": activity_iri(course_run.pk, 1)}
        )
    return activity


def _record_all(course_run: CourseRun, planned: list, now) -> list[RecordedStatement]:
    """Keep every planned (learner, statement, activity) in one transaction."""
    with transaction.atomic():
        return [
            _statement_keep(learner, course_run.pk, own, activity, now)
            for learner, own, activity in planned
        ]


def statements_record(
    *, user: User, course_run_id: int, statements: object, now: datetime.datetime | None = None
) -> list[RecordedStatement]:
    """Take a learner's own xAPI statements about activities of their run: all or none.

    Every statement is checked first (its shape, and that it names an activity
    of the run the person studies); nothing is kept unless all pass. The actor
    is always the person, whatever the statement says.
    """
    statements = _statement_list(statements)
    enrolment = _active_enrolment(user=user, course_run_id=course_run_id)
    planned = []
    for number, statement in enumerate(statements, start=1):
        own = _statement_for(user, statement)
        planned.append((user, own, _activity_named_by(own, number, enrolment.course_run)))
    return _record_all(enrolment.course_run, planned, now)


def _learner_named_by(statement: object, number: int, course_run: CourseRun) -> User:
    """The enrolled learner a statement's actor names: by Aula account, or by e-mail."""
    actor = statement.get("actor") if isinstance(statement, dict) else None
    actor = actor if isinstance(actor, dict) else {}
    account = actor.get("account") if isinstance(actor.get("account"), dict) else {}
    mbox = actor.get("mbox") if isinstance(actor.get("mbox"), str) else ""
    people = Enrolment.objects.filter(course_run=course_run, status=Enrolment.Status.ACTIVE)
    learner = None
    name = account.get("name")
    if account.get("homePage") == settings.SITE_URL and isinstance(name, str):
        if (user_id := _object_number(name)) is not None:
            learner = people.filter(user_id=user_id).first()
    elif mbox.lower().startswith("mailto:"):
        learner = people.filter(user__email__iexact=mbox[len("mailto:") :]).first()
    if learner is None:
        raise ValidationError(
            _(
                "Statement %(number)d does not name a learner of this course run: its actor "
                "needs their e-mail (mbox) or their Aula account (homePage %(site)s)."
            )
            % {"number": number, "site": settings.SITE_URL}
        )
    return learner.user


def statements_record_for_learners(
    *, course_run: CourseRun, statements: object, now: datetime.datetime | None = None
) -> list[RecordedStatement]:
    """Take xAPI statements that a system of the programme reports about its learners.

    Each statement's actor names an active learner of the run (by e-mail or by
    Aula account) and its object an activity of the run; all or none are kept.
    The caller has checked that the reporter manages the run's programme.
    """
    statements = _statement_list(statements)
    planned = []
    for number, statement in enumerate(statements, start=1):
        learner = _learner_named_by(statement, number, course_run)
        own = _statement_for(learner, statement)
        planned.append((learner, own, _activity_named_by(own, number, course_run)))
    return _record_all(course_run, planned, now)


def _active_enrolment(*, user: User, course_run_id: int) -> Enrolment:
    enrolment = (
        Enrolment.objects.select_related("course_run__course")
        .filter(user=user, course_run_id=course_run_id, status=Enrolment.Status.ACTIVE)
        .first()
    )
    if enrolment is None:
        raise PermissionDenied(_("You are not enrolled in this course run."))
    return enrolment


def _statement_keep(user, course_run_id, own, activity, now) -> RecordedStatement:
    if activity.kind != ActivityKind.H5P:
        return RecordedStatement(own["id"], user.pk, activity.pk, False, None, False)
    scored = scored_result_record(
        user=user, course_run_id=course_run_id, activity_id=activity.pk, statement=own, now=now
    )
    return RecordedStatement(
        own["id"],
        user.pk,
        activity.pk,
        scored.result is not None,
        scored.best_scaled,
        scored.completed,
    )
