"""Reads about programmes, municipalities, people and their roles."""

import datetime
import zoneinfo
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from programs.models import Membership, Municipality, Programme, Role, User


def roles_of(user: User) -> set[str]:
    """The roles a person currently holds in any programme."""
    if not user.is_authenticated:
        return set()
    return set(Membership.objects.current().filter(user=user).values_list("role", flat=True))


def time_zone_of(user: User) -> str | None:
    """The time zone of the programme the person works in (their first current role)."""
    if not user.is_authenticated:
        return None
    return (
        Membership.objects.current()
        .filter(user=user)
        .order_by("pk")
        .values_list("programme__time_zone", flat=True)
        .first()
    )


def programmes_managed_by(user: User) -> QuerySet[Programme]:
    if user.is_staff:
        return Programme.objects.all()
    return Programme.objects.filter(
        memberships__user=user,
        memberships__role=Role.MANAGER,
        memberships__ended_on__isnull=True,
    ).distinct()


def programme_tutors(programme: Programme) -> QuerySet[User]:
    """People with a current tutor role in the programme, by name."""
    return (
        User.objects.filter(
            memberships__programme=programme,
            memberships__role=Role.TUTOR,
            memberships__ended_on__isnull=True,
        )
        .distinct()
        .order_by("full_name", "pk")
    )


def programme_get_for_manager(user: User, programme_id: int) -> Programme | None:
    """The programme if the person manages it (or is an administrator), else None."""
    return programmes_managed_by(user).filter(pk=programme_id).first()


def is_manager_of(user: User, programme_id: int) -> bool:
    return programmes_managed_by(user).filter(pk=programme_id).exists()


def municipality_get_for_manager(user: User, municipality_id: int) -> Municipality | None:
    managed = programmes_managed_by(user).values("pk")
    return (
        Municipality.objects.select_related("programme", "replaced_by")
        .filter(pk=municipality_id, programme__in=managed)
        .first()
    )


def municipality_counts(programme: Programme) -> dict[str, int]:
    """How many municipalities the programme has in each status."""
    counts = dict.fromkeys(Municipality.Status.values, 0)
    rows = (
        Municipality.objects.filter(programme=programme)
        .values("status")
        .annotate(total=Count("pk"))
        .order_by()
    )
    counts.update({row["status"]: row["total"] for row in rows})
    return counts


def municipalities_for_programme(
    programme: Programme, *, status: str | None = None, search: str = ""
) -> QuerySet[Municipality]:
    """Municipalities with their current team size, for the manager's table."""
    queryset = (
        Municipality.objects.filter(programme=programme)
        .select_related("replaced_by")
        .annotate(
            team_size=Count(
                "memberships",
                filter=Q(memberships__role=Role.OFFICIAL, memberships__ended_on__isnull=True),
            )
        )
        .order_by("name")
    )
    if status:
        queryset = queryset.filter(status=status)
    if search:
        queryset = queryset.filter(Q(name__icontains=search) | Q(code__icontains=search))
    return queryset


def team_memberships(municipality: Municipality, *, current_only: bool = True):
    """The municipality's officials and coordinators, people included."""
    queryset = (
        Membership.objects.filter(municipality=municipality)
        .select_related("user", "replaced_by__user")
        .order_by("ended_on", "user__full_name", "role")
    )
    return queryset.current() if current_only else queryset


@dataclass
class TeamMember:
    """One person of a municipality's current team, with every role they hold in it."""

    user: User
    memberships: list[Membership]

    @property
    def since(self):
        return min(membership.started_on for membership in self.memberships)

    @property
    def role_labels(self) -> list[str]:
        return [membership.get_role_display() for membership in self.memberships]


def current_team(municipality: Municipality) -> list[TeamMember]:
    """The current team, one entry per person (an official may also coordinate)."""
    members: dict[int, TeamMember] = {}
    for membership in team_memberships(municipality).order_by("user__full_name", "role"):
        member = members.setdefault(membership.user_id, TeamMember(membership.user, []))
        member.memberships.append(membership)
    return list(members.values())


def current_official_ids(municipality: Municipality) -> list[int]:
    return list(
        Membership.objects.current()
        .filter(municipality=municipality, role=Role.OFFICIAL)
        .values_list("user_id", flat=True)
    )


def selected_teams_official_ids(programme_id: int) -> list[tuple[Municipality, list[int]]]:
    """Every selected municipality of the programme, by name, with its current
    officials' ids (none yet: an empty list). Two queries, whatever the size."""
    selected = list(
        Municipality.objects.filter(
            programme_id=programme_id, status=Municipality.Status.SELECTED
        ).order_by("name", "pk")
    )
    officials: dict[int, list[int]] = {municipality.pk: [] for municipality in selected}
    for user_id, municipality_id in (
        Membership.objects.current()
        .filter(
            municipality__programme_id=programme_id,
            municipality__status=Municipality.Status.SELECTED,
            role=Role.OFFICIAL,
        )
        .order_by("pk")
        .values_list("user_id", "municipality_id")
    ):
        officials[municipality_id].append(user_id)
    return [(municipality, officials[municipality.pk]) for municipality in selected]


def reserves_available(programme: Programme) -> QuerySet[Municipality]:
    return Municipality.objects.filter(
        programme=programme, status=Municipality.Status.RESERVE
    ).order_by("name")


def programme_zone(programme: Programme) -> datetime.tzinfo:
    """The programme's time zone (the server's if its own is unknown)."""
    try:
        return zoneinfo.ZoneInfo(programme.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return timezone.get_default_timezone()


def programme_today(programme: Programme) -> datetime.date:
    """Today's date where the programme is."""
    return timezone.localdate(timezone=programme_zone(programme))


# --- The API's reads of teams ------------------------------------------------------------


def municipality_get_for_team_reader(user: User, municipality_id: int) -> Municipality | None:
    """The municipality if the person manages its programme or coordinates its team."""
    if not user.is_authenticated:
        return None
    managed = programmes_managed_by(user).values("pk")
    coordinated = Membership.objects.current().filter(user=user, role=Role.COORDINATOR)
    return (
        Municipality.objects.select_related("programme")
        .filter(
            Q(programme__in=managed) | Q(pk__in=coordinated.values("municipality_id")),
            pk=municipality_id,
        )
        .first()
    )


def team_membership_get_for_manager(user: User, membership_id: int) -> Membership | None:
    """A team membership (official or coordinator) in a programme the person manages."""
    managed = programmes_managed_by(user).values("pk")
    return (
        Membership.objects.select_related("user", "programme", "municipality")
        .filter(pk=membership_id, programme__in=managed, municipality__isnull=False)
        .first()
    )
