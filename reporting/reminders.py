"""Reminders and notices by e-mail (issue 6): who to tell, and telling them once.

Three messages, each one per person, in the person's language:

- **official_behind** (weekly): an official of a team who is at risk in a
  course run that is open today (started, not ended) — credited hours below
  what the run's calendar expects, or no study for INACTIVE_DAYS (the shared
  rule of reporting.rules / reporting.selectors.with_risk). Nobody is told
  they are inactive before the run has been open INACTIVE_DAYS. Left out:
  withdrawn enrolments, enrolments without a municipality (not a team's),
  people whose team membership in that municipality has ended, and officials
  who hold a valid certificate for the run. Key: the run and the ISO week.
- **h2_reached**: to each current manager of the programme when one of its
  selected municipalities has `h2_reached_on` set. Key: the municipality and
  the date it reached H2, so it is announced once; if a revocation takes H2
  away and it is reached again on a later day, that new date is announced.
- **municipalities_behind** (weekly): to each current manager, the list of the
  programme's selected municipalities that are **behind**: at least
  MUNICIPALITY_BEHIND_AT_RISK of their current officials (same filters as
  above) at risk across the programme's open runs. Sent in a week when the
  list is not empty; municipalities not in the previous week's notice are
  marked as newly behind. Key: the programme and the ISO week.

Sending: `notification_send` inserts the unique Notification row and hands the
message to the mail server inside one transaction. The row is the lock: a
retried task or a second worker finds it (or waits on it, in PostgreSQL, and
then finds it) and sends nothing; if the mail server refuses, the row is
rolled back and the next run sends. This is *at least once*: only a crash in
the instant between the server accepting the message and the commit can send
it twice. The other order (commit, then send) is *at most once* and would lose
a notice for good on any sending error; a duplicate reminder costs less than a
lost H2 announcement, as for activation e-mails (programs.services).
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from certification.models import Certificate
from courses import rules as course_rules
from courses.models import CourseRun, Enrolment
from programs import selectors as programs_selectors
from programs.models import TEAM_ROLES, Membership, Municipality, Programme, Role, User
from reporting import rules
from reporting.models import Notification
from reporting.selectors import expected_seconds_of_run, with_risk

# A municipality is behind when at least this many of its current officials are at risk.
MUNICIPALITY_BEHIND_AT_RISK = 3

Kind = Notification.Kind


# --- Keys -----------------------------------------------------------------------


def week_of(day: datetime.date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def official_behind_key(run_id: int, today: datetime.date) -> str:
    return f"run:{run_id}:{week_of(today)}"


def h2_key(municipality_id: int, reached_on: datetime.date) -> str:
    return f"municipality:{municipality_id}:{reached_on.isoformat()}"


def municipalities_behind_key(programme_id: int, today: datetime.date) -> str:
    return f"programme:{programme_id}:{week_of(today)}"


# --- Who --------------------------------------------------------------------------


def runs_open(today: datetime.date) -> QuerySet[CourseRun]:
    """Course runs under way today: reminders make no sense before or after."""
    return CourseRun.objects.filter(starts_on__lte=today, ends_on__gte=today).select_related(
        "course", "programme"
    )


def _team_enrolments(run: CourseRun) -> QuerySet[Enrolment]:
    """Active enrolments of the run's current team officials without a valid certificate."""
    current_member = Membership.objects.filter(
        user=OuterRef("user_id"),
        municipality=OuterRef("municipality_id"),
        role__in=TEAM_ROLES,
        ended_on__isnull=True,
    )
    certified = Certificate.objects.filter(
        enrolment=OuterRef("pk"), status=Certificate.Status.VALID
    )
    return (
        Enrolment.objects.filter(course_run=run, status=Enrolment.Status.ACTIVE)
        .filter(Exists(current_member))
        .exclude(Exists(certified))
    )


def officials_at_risk(
    run: CourseRun, *, today: datetime.date, expected_seconds: int | None = None
) -> QuerySet[Enrolment]:
    """The run's team officials at risk today, annotated behind / inactive / at_risk."""
    if expected_seconds is None:
        expected_seconds = expected_seconds_of_run(run, today)
    enrolments = with_risk(
        _team_enrolments(run),
        expected_seconds=expected_seconds,
        today=today,
        zone=programs_selectors.programme_zone(run.programme),
    )
    if today < run.starts_on + datetime.timedelta(days=rules.INACTIVE_DAYS):
        # Not yet INACTIVE_DAYS into the run: nobody can have been idle that long in it.
        return enrolments.filter(behind=True)
    return enrolments.filter(at_risk=True)


def municipalities_behind(programme: Programme, *, today: datetime.date) -> dict[int, int]:
    """{municipality id: officials at risk} for the programme's selected municipalities behind.

    One aggregate query per open run of the programme (normally one run); an
    official enrolled in two open runs counts in each.
    """
    at_risk: dict[int, int] = {}
    for run in runs_open(today).filter(programme=programme):
        counts = (
            officials_at_risk(run, today=today)
            .filter(municipality__status=Municipality.Status.SELECTED)
            .values("municipality_id")
            .annotate(officials=Count("user_id", distinct=True))
            .values_list("municipality_id", "officials")
        )
        for municipality_id, officials in counts:
            at_risk[municipality_id] = at_risk.get(municipality_id, 0) + officials
    return {
        municipality_id: officials
        for municipality_id, officials in at_risk.items()
        if officials >= MUNICIPALITY_BEHIND_AT_RISK
    }


def municipalities_h2_unannounced() -> list[tuple[Municipality, User]]:
    """(municipality, manager) pairs still owed an H2 announcement."""
    reached = list(
        Municipality.objects.filter(
            h2_reached_on__isnull=False, status=Municipality.Status.SELECTED
        ).select_related("programme")
    )
    if not reached:
        return []
    managers = _managers_by_programme({m.programme_id for m in reached})
    recipient_ids = {user.pk for users in managers.values() for user in users}
    sent = set(
        Notification.objects.filter(
            kind=Kind.H2_REACHED, recipient_id__in=recipient_ids
        ).values_list("recipient_id", "key")
    )
    return [
        (municipality, manager)
        for municipality in reached
        for manager in managers.get(municipality.programme_id, [])
        if (manager.pk, h2_key(municipality.pk, municipality.h2_reached_on)) not in sent
    ]


def _managers_by_programme(programme_ids: Iterable[int]) -> dict[int, list[User]]:
    memberships = Membership.objects.filter(
        programme_id__in=list(programme_ids),
        role=Role.MANAGER,
        ended_on__isnull=True,
        user__is_active=True,
    ).select_related("user")
    managers: dict[int, list[User]] = {}
    for membership in memberships:
        managers.setdefault(membership.programme_id, []).append(membership.user)
    return managers


# --- Sending once -------------------------------------------------------------------


def notification_send(
    *,
    kind: str,
    recipient: User,
    key: str,
    build: Callable[[], EmailMultiAlternatives],
    detail: dict | None = None,
) -> bool:
    """Send one message once per (kind, recipient, key); False when it was already sent.

    The log row and the hand-over to the mail server share one transaction
    (see the module's docstring for why this is at least once).
    """
    with transaction.atomic():
        try:
            with transaction.atomic():
                Notification.objects.create(
                    kind=kind, recipient=recipient, key=key, detail=detail or {}
                )
        except IntegrityError:
            return False
        build().send()
    return True


@dataclass
class Sent:
    """What a run of reminders did (returned by the tasks, logged by Celery)."""

    sent: int = 0
    skipped: int = 0

    def add(self, was_sent: bool) -> None:
        if was_sent:
            self.sent += 1
        else:
            self.skipped += 1

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def _language(user: User) -> str:
    return user.preferred_language or "es"


def _hours(seconds: int) -> str:
    return number_format(course_rules.hours(max(int(seconds), 0)), decimal_pos=1)


def _message(*, user: User, subject: str, template: str, context: dict) -> EmailMultiAlternatives:
    """Plain text and HTML from reporting/emails/<template>.{txt,html}, in the active language."""
    context = {
        **context,
        "user": user,
        "site_url": settings.SITE_URL,
        "language": translation.get_language(),
    }
    text = render_to_string(f"reporting/emails/{template}.txt", context)
    html = render_to_string(f"reporting/emails/{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[user.email])
    message.attach_alternative(html, "text/html")
    return message


def _programme_link(programme_id: int) -> str:
    return settings.SITE_URL + reverse("manage_programme", args=[programme_id])


# --- The three messages ------------------------------------------------------------


def official_behind_message(
    *, enrolment: Enrolment, expected_seconds: int, inactive: bool, behind: bool
) -> EmailMultiAlternatives:
    user, run = enrolment.user, enrolment.course_run
    with translation.override(_language(user)):
        subject = _("Your course “%(course)s”: time to catch up") % {"course": run.course.title}
        return _message(
            user=user,
            subject=subject,
            template="official_behind",
            context={
                "course": run.course.title,
                "run": run.title,
                "hours": _hours(enrolment.credited_seconds),
                "expected": _hours(expected_seconds),
                "required": _hours(run.course.required_seconds),
                "behind": behind,
                "inactive": inactive,
                "inactive_days": rules.INACTIVE_DAYS,
                "ends_on": date_format(run.ends_on, "DATE_FORMAT"),
                "link": settings.SITE_URL + reverse("my_hours", args=[run.pk]),
            },
        )


def official_reminders_send(*, today: datetime.date) -> Sent:
    """The weekly reminder to every official at risk in an open run; once per run and week."""
    result = Sent()
    for run in runs_open(today):
        expected = expected_seconds_of_run(run, today)
        key = official_behind_key(run.pk, today)
        already = Notification.objects.filter(
            kind=Kind.OFFICIAL_BEHIND, key=key, recipient_id=OuterRef("user_id")
        )
        enrolments = (
            officials_at_risk(run, today=today, expected_seconds=expected)
            .filter(user__is_active=True)
            .exclude(Exists(already))
            .select_related("user", "course_run__course")
            .order_by("pk")
        )
        for enrolment in enrolments.iterator(chunk_size=500):

            def build(enrolment=enrolment, expected=expected):
                return official_behind_message(
                    enrolment=enrolment,
                    expected_seconds=expected,
                    inactive=enrolment.inactive,
                    behind=enrolment.behind,
                )

            result.add(
                notification_send(
                    kind=Kind.OFFICIAL_BEHIND,
                    recipient=enrolment.user,
                    key=key,
                    build=build,
                    detail={
                        "enrolment": enrolment.pk,
                        "credited_seconds": enrolment.credited_seconds,
                        "expected_seconds": expected,
                    },
                )
            )
    return result


def h2_message(*, municipality: Municipality, manager: User) -> EmailMultiAlternatives:
    with translation.override(_language(manager)):
        subject = _("%(municipality)s reached milestone H2") % {"municipality": municipality.name}
        return _message(
            user=manager,
            subject=subject,
            template="h2_reached",
            context={
                "municipality": municipality.name,
                "programme": municipality.programme.name,
                "reached_on": date_format(municipality.h2_reached_on, "DATE_FORMAT"),
                "link": _programme_link(municipality.programme_id),
            },
        )


def h2_notices_send() -> Sent:
    """Announce every municipality that reached H2 to its programme's managers, once."""
    result = Sent()
    for municipality, manager in municipalities_h2_unannounced():
        key = h2_key(municipality.pk, municipality.h2_reached_on)
        result.add(
            notification_send(
                kind=Kind.H2_REACHED,
                recipient=manager,
                key=key,
                build=lambda m=municipality, u=manager: h2_message(municipality=m, manager=u),
                detail={"municipality": municipality.pk},
            )
        )
    return result


@dataclass(frozen=True)
class BehindRow:
    name: str
    code: str
    officials_at_risk: int
    new: bool


def municipalities_behind_message(
    *, programme: Programme, manager: User, rows: list[BehindRow]
) -> EmailMultiAlternatives:
    with translation.override(_language(manager)):
        new = sum(row.new for row in rows)
        subject = _("%(programme)s: municipalities falling behind") % {"programme": programme.name}
        return _message(
            user=manager,
            subject=subject,
            template="municipalities_behind",
            context={
                "programme": programme.name,
                "rows": rows,
                "count": len(rows),
                "new": new,
                "threshold": MUNICIPALITY_BEHIND_AT_RISK,
                "link": _programme_link(programme.pk),
            },
        )


def municipalities_behind_notices_send(*, today: datetime.date) -> Sent:
    """Tell each programme's managers, weekly, which municipalities are behind."""
    result = Sent()
    programme_ids = runs_open(today).values_list("programme_id", flat=True).distinct()
    programmes = Programme.objects.filter(pk__in=list(programme_ids)).order_by("pk")
    managers = _managers_by_programme(programme.pk for programme in programmes)
    previous_week = week_of(today - datetime.timedelta(days=7))
    for programme in programmes:
        if not managers.get(programme.pk):
            continue
        behind = municipalities_behind(programme, today=today)
        if not behind:
            continue
        key = municipalities_behind_key(programme.pk, today)
        municipalities = Municipality.objects.filter(pk__in=list(behind)).order_by("name")
        for manager in managers[programme.pk]:
            before = Notification.objects.filter(
                kind=Kind.MUNICIPALITIES_BEHIND,
                recipient=manager,
                key=f"programme:{programme.pk}:{previous_week}",
            ).first()
            listed_before = set(before.detail.get("municipalities", [])) if before else set()
            rows = [
                BehindRow(
                    name=m.name,
                    code=m.code,
                    officials_at_risk=behind[m.pk],
                    new=m.pk not in listed_before,
                )
                for m in municipalities
            ]
            result.add(
                notification_send(
                    kind=Kind.MUNICIPALITIES_BEHIND,
                    recipient=manager,
                    key=key,
                    build=lambda p=programme, u=manager, r=rows: municipalities_behind_message(
                        programme=p, manager=u, rows=r
                    ),
                    detail={"municipalities": sorted(behind), "at_risk": behind},
                )
            )
    return result
