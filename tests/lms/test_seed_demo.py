"""`manage.py seed_demo`: the demo data, its consistency and its idempotence.

The command runs once, in one test whose transaction is rolled back; that test
then runs every check on the seeded database. Everything is seeded as in
`make run` (500 people, the course, the enrolments), except that
only a fifth of the study plans is replayed: replaying all of them takes about
a minute and exercises no other code path. The plans themselves are checked
in full without a database.
"""

import hashlib
import io
import re
from collections import Counter
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Sum

from content.models import FileResource, Page
from courses.models import (
    Activity,
    ActivityKind,
    ActivityProgress,
    Course,
    CourseRun,
    DailyStudyTime,
    Enrolment,
    LedgerEntry,
    Module,
    ModuleTarget,
)
from lms.demo import DEMO_LOGINS, DEMO_PASSWORD
from lms.demo.course import COURSE, RUN
from lms.demo.municipalities import DEPARTMENT_CODES, PROGRAMME, RESERVES, SELECTED
from lms.demo.people import ADMIN, LAST_STUDY_DAY, STAFF, officials, study_plans
from lms.management.commands import seed_demo
from programs.models import Membership, Municipality, Programme, Role, User

WORD = re.compile(r"\w+")


# --- The data, without a database ------------------------------------------------


def test_course_is_exactly_100_hours_in_ten_modules():
    assert len(COURSE.modules) == 10
    assert COURSE.nominal_seconds == COURSE.required_seconds == 360_000
    for module in COURSE.modules:
        assert 3 <= len(module.activities) <= 5
        assert module.summary.count(".") == 1 and module.summary.endswith(".")
        for activity in module.activities:
            assert activity.nominal_seconds % 1800 == 0
    # The 100 hours are the sum of every activity, so every activity is required:
    # an optional one would make the course's required hours unreachable.
    assert all(a.required for m in COURSE.modules for a in m.activities)


def test_pages_are_real_text():
    pages = [a.page for m in COURSE.modules for a in m.activities if a.page]
    assert len(pages) >= 30
    for page in pages:
        assert 250 <= len(WORD.findall(page)) <= 600
        assert "lorem" not in page.lower()
        assert re.search(r"^### (Para reflexionar|Preguntas para el análisis)$", page, re.M)
        assert not page.startswith("# "), "pages start at level 2: the title is the heading"
    files = [a.file for m in COURSE.modules for a in m.activities if a.file]
    assert {f.name.rsplit(".", 1)[1] for f in files} == {"txt", "csv"}
    assert all(f.content().decode("utf-8-sig").strip() for f in files)


def test_municipalities_are_real_divipola_codes():
    assert (len(SELECTED), len(RESERVES)) == (50, 25)
    codes = [m.code for m in (*SELECTED, *RESERVES)]
    assert len(set(codes)) == 75
    assert {m.name for m in (*SELECTED, *RESERVES)} >= {"Ráquira", "Jardín", "Zipaquirá"}
    for municipality in (*SELECTED, *RESERVES):
        assert re.fullmatch(r"\d{5}", municipality.code)
        assert DEPARTMENT_CODES[municipality.code[:2]] == municipality.department
        assert municipality.population > 0 and municipality.area_km2 > 0


def test_officials_have_unique_realistic_names_and_ascii_emails():
    people = officials()
    assert len(people) == 500
    assert len({p.full_name for p in people}) == 500
    assert len({p.email for p in people}) == 500
    assert all(re.fullmatch(r"[a-z0-9.]+@[a-z0-9-]+\.gov\.co", p.email) for p in people)
    assert sum(p.is_coordinator for p in people) == 50
    assert any("ñ" in p.full_name for p in people)
    assert any(re.search("[áéíóúÁÉÍÓÚ]", p.full_name) for p in people)
    genders = Counter(p.gender for p in people)
    assert genders["female"] > 150 and genders["male"] > 150 and 10 < genders[""] < 100
    assert officials() == people  # deterministic


def test_study_plans_spread_progress_over_the_run():
    plans = study_plans()
    assert 0.5 * 500 <= len(plans) <= 0.7 * 500
    far_along = [plan for plan in plans if plan.far_along]
    assert 3 <= len(far_along) <= 5
    assert DEMO_LOGINS["funcionaria/o"] in {plan.email for plan in far_along}
    assert all(plan.finished <= 6 for plan in plans if not plan.far_along)
    assert 50 <= sum(plan.finished == 0 for plan in plans) <= 150
    months = set()
    for plan in plans:
        starts = [session.starts_at for session in plan.sessions]
        assert starts == sorted(starts) and len(set(starts)) == len(starts)
        assert RUN.starts_on <= starts[0].date() and starts[-1].date() <= LAST_STUDY_DAY
        months |= {start.month for start in starts}
    assert months == set(range(3, 12)), "March to November"
    assert study_plans() == plans  # deterministic


# --- One seeded database, checked in one test --------------------------------------

SAMPLE = tuple(p for i, p in enumerate(study_plans()) if p.far_along or i % 5 == 0)


def _seed() -> str:
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(seed_demo, "study_plans", lambda: SAMPLE)
        call_command("seed_demo", force=True, stdout=out)
    return out.getvalue()


def test_refuses_without_debug_unless_forced(db, settings):
    settings.DEBUG = False
    users = User.objects.count()
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo", stdout=io.StringIO())
    assert User.objects.count() == users


def _check_summary_names_the_demo_logins(seeded):
    assert seeded.startswith(
        "Datos de demostración listos: 75 municipios (50 seleccionados, 25 reservas), "
        "500 funcionarios, curso GEM-100 de 100 h."
    )
    assert f"contraseña para todas: {DEMO_PASSWORD}" in seeded
    for email in DEMO_LOGINS.values():
        assert email in seeded


def _check_programme_municipalities_and_teams(programme):
    assert programme.country == "CO" and programme.languages == ["es"]
    assert programme.grade_scale == "ten" and programme.time_zone == "America/Bogota"
    municipalities = Municipality.objects.filter(programme=programme)
    assert municipalities.count() == 75
    assert municipalities.filter(status="selected").count() == 50
    assert municipalities.filter(status="reserve").count() == 25
    assert municipalities.get(code="05615").name == "Rionegro"
    assert municipalities.get(code="05615").region == "Antioquia"
    assert municipalities.get(code="15600").area_km2 == Decimal("233.00")

    current = Membership.objects.current().filter(programme=programme)
    assert current.filter(role=Role.OFFICIAL).count() == 500
    assert current.filter(role=Role.COORDINATOR).count() == 50
    assert current.filter(role=Role.MANAGER).count() == 2
    assert current.filter(role=Role.TUTOR).count() == 4
    per_team = Counter(
        current.filter(role=Role.OFFICIAL).values_list("municipality__status", flat=True)
    )
    assert per_team == {"selected": 500}, "reserves have no people"
    coordinators = set(current.filter(role=Role.COORDINATOR).values_list("user_id", flat=True))
    officials_ = set(current.filter(role=Role.OFFICIAL).values_list("user_id", flat=True))
    assert coordinators <= officials_

    admin = User.objects.get(email=ADMIN.email)
    assert admin.is_staff and admin.is_superuser
    assert not User.objects.filter(is_superuser=True).exclude(pk=admin.pk).exists()


def _check_course_outline_in_the_database():
    course = Course.objects.get(code="GEM-100")
    assert course.required_seconds == 360_000 and course.language == "es"
    assert Module.objects.filter(course=course).count() == 10
    activities = Activity.objects.filter(module__course=course)
    assert activities.aggregate(total=Sum("nominal_seconds"))["total"] == 360_000
    assert not activities.filter(required=False).exists()
    assert not activities.filter(kind=ActivityKind.VIDEO).exists()
    pages = Page.objects.filter(activity__module__course=course)
    assert pages.count() == activities.filter(kind=ActivityKind.PAGE).count() >= 30
    for page in pages:
        assert page.html.strip() and "lorem" not in page.html.lower()
        assert "<script" not in page.html
    assert pages.filter(html__contains="<table>").exists()
    for resource in FileResource.objects.filter(activity__module__course=course):
        assert resource.size_bytes == resource.file.size > 0
        assert resource.content_type in ("text/plain", "text/csv")

    run = CourseRun.objects.get(course=course, title=RUN.title)
    assert run.tutors.count() == 4
    targets = list(ModuleTarget.objects.filter(course_run=run).order_by("module__position"))
    assert len(targets) == 10
    dates = [target.target_on for target in targets]
    assert dates == sorted(dates) and dates[-1] == run.ends_on and dates[0] > run.starts_on


def _check_every_selected_team_is_enrolled():
    run = CourseRun.objects.get(title=RUN.title)
    enrolments = Enrolment.objects.filter(course_run=run)
    assert enrolments.count() == 500
    assert enrolments.values("municipality").distinct().count() == 50
    assert not enrolments.filter(municipality__status="reserve").exists()


def _check_ledger_and_study_time_add_up_for_every_enrolment():
    def sums(model, field):
        rows = model.objects.values("enrolment_id").annotate(total=Sum(field)).order_by()
        return {row["enrolment_id"]: row["total"] for row in rows}

    ledger = sums(LedgerEntry, "seconds")
    daily = sums(DailyStudyTime, "seconds")
    progress = sums(ActivityProgress, "active_seconds")
    for enrolment in Enrolment.objects.all():
        assert enrolment.credited_seconds == ledger.get(enrolment.pk, 0), enrolment
        assert enrolment.active_seconds == daily.get(enrolment.pk, 0), enrolment
        assert enrolment.active_seconds == progress.get(enrolment.pk, 0), enrolment
    completed = ActivityProgress.objects.filter(completed_at__isnull=False)
    assert completed.count() == LedgerEntry.objects.filter(kind="completion").count()
    for progress_row in completed.select_related("activity", "enrolment__course_run__course"):
        assert progress_row.active_seconds >= 600, "no click-through"


def _check_some_officials_have_progress_and_some_do_not(seeded):
    enrolments = Enrolment.objects.all()
    assert f"Estudio simulado para {len(SAMPLE)} funcionarios." in seeded
    assert enrolments.filter(active_seconds__gt=0).count() == len(SAMPLE)
    assert enrolments.filter(credited_seconds__gt=0).count() == sum(
        plan.finished > 0 for plan in SAMPLE
    )
    assert enrolments.filter(active_seconds=0).count() == 500 - len(SAMPLE)
    assert set(enrolments.filter(active_seconds__gt=0).values_list("user__email", flat=True)) == {
        plan.email for plan in SAMPLE
    }

    # The far-along officials finished modules 1-8; their study spreads over months.
    required_1_to_8 = set(
        Activity.objects.filter(module__position__lte=8, required=True).values_list("pk", flat=True)
    )
    for plan in [p for p in SAMPLE if p.far_along]:
        enrolment = enrolments.get(user__email=plan.email)
        done = enrolment.progress.filter(completed_at__isnull=False)
        assert required_1_to_8 <= set(done.values_list("activity_id", flat=True))
        assert enrolment.credited_seconds >= 70 * 3600
        assert enrolment.study_days.values("day").distinct().count() >= 25
        assert enrolment.enrolled_at.date() <= min(d.day for d in enrolment.study_days.all())

    days = DailyStudyTime.objects.values_list("day", flat=True).distinct()
    assert len({day.month for day in days}) >= 5
    assert max(days) <= LAST_STUDY_DAY


def _check_demo_accounts_log_in_with_the_demo_password(client):
    for email in [*DEMO_LOGINS.values(), officials()[-1].email, *(p.email for p in STAFF)]:
        assert client.login(email=email, password=DEMO_PASSWORD), email
        client.logout()
    assert not client.login(email=DEMO_LOGINS["tutor/a"], password="wrong")
    hashes = set(User.objects.values_list("password", flat=True))
    assert len(hashes) == 1, "one shared hash, computed once"


def _snapshot():
    counts = {
        model._meta.label: model.objects.count()
        for label in ("programs", "content", "courses")
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    }
    rows = Enrolment.objects.order_by("pk").values_list(
        "pk", "credited_seconds", "active_seconds", "last_heartbeat_at", "status"
    )
    checksum = hashlib.sha256(repr(list(rows)).encode()).hexdigest()
    passwords = hashlib.sha256(
        repr(list(User.objects.order_by("pk").values_list("password"))).encode()
    ).hexdigest()
    return counts, checksum, passwords


def _check_second_run_changes_nothing():
    before = _snapshot()
    output = _seed()
    assert _snapshot() == before
    assert "Estudio simulado" not in output
    assert before[0]["programs.User"] == 507


@pytest.mark.django_db
def test_seeded_demo(client):
    """One seed (the slow part), then every check on it; rolled back afterwards."""
    output = _seed()
    _check_summary_names_the_demo_logins(output)
    _check_programme_municipalities_and_teams(Programme.objects.get(name=PROGRAMME.name))
    _check_course_outline_in_the_database()
    _check_every_selected_team_is_enrolled()
    _check_ledger_and_study_time_add_up_for_every_enrolment()
    _check_some_officials_have_progress_and_some_do_not(output)
    _check_demo_accounts_log_in_with_the_demo_password(client)
    _check_second_run_changes_nothing()
