"""Reminders and notices by e-mail: the right people, their language, and once only."""

import datetime
import threading
import time
import uuid

import pytest
from django.core.mail import EmailMultiAlternatives
from django.db import connection
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from certification.models import Certificate, SigningKey
from courses import services as course_services
from courses.models import Enrolment
from programs.models import Municipality, Role
from reporting import reminders, tasks
from reporting.models import Notification
from tests.factories import MembershipFactory, MunicipalityFactory, UserFactory

# The run of tests.courses.conftest goes from 2026-03-01 to 2026-12-15 with no
# module targets: on this day the calendar expects a share of its 100 hours.
TODAY = datetime.date(2026, 6, 1)
RECENTLY = datetime.datetime(2026, 5, 30, 10, tzinfo=datetime.UTC)
SITE_URL = "https://aula.example"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE_URL


@pytest.fixture
def today(monkeypatch):
    """Tasks read today's date from Django: pin it."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    return TODAY


def _official(run, municipality, *, language="es", role=Role.OFFICIAL, name=None):
    user = UserFactory(preferred_language=language, **({"full_name": name} if name else {}))
    MembershipFactory(user=user, municipality=municipality, role=role)
    enrolment, _ = course_services.enrolment_create(
        user=user, course_run=run, municipality=municipality
    )
    return enrolment


def _on_track(enrolment):
    Enrolment.objects.filter(pk=enrolment.pk).update(
        credited_seconds=100 * 3600, last_heartbeat_at=RECENTLY
    )


def _behind(enrolment):
    Enrolment.objects.filter(pk=enrolment.pk).update(
        credited_seconds=3600, last_heartbeat_at=RECENTLY
    )


def _certify(enrolment):
    key, _ = SigningKey.objects.get_or_create(kid="test-1", defaults={"public_key_pem": "-"})
    Certificate.objects.create(
        enrolment=enrolment,
        course_run_id=enrolment.course_run_id,
        serial=uuid.uuid4(),
        short_code=uuid.uuid4().hex[:12].upper(),
        name_printed=enrolment.user.full_name,
        course_code="GEM",
        course_title="Gobierno Electrónico Municipal",
        programme_name="MuNet",
        issuer="MuNet",
        hours=100,
        completed_on=TODAY,
        status_index=enrolment.pk,
        signing_key=key,
        signed_payload=b"-",
    )


def _manager(programme, *, language="es"):
    user = UserFactory(preferred_language=language)
    MembershipFactory(user=user, municipality=None, programme=programme, role=Role.MANAGER)
    return user


def _html(message):
    assert isinstance(message, EmailMultiAlternatives)
    (html, mimetype), *_rest = message.alternatives
    assert mimetype == "text/html"
    return html


# --- Officials who are behind ----------------------------------------------------


@pytest.mark.django_db
def test_only_current_uncertified_officials_at_risk_are_reminded(run, municipality, mailoutbox):
    behind = _official(run, municipality)
    _behind(behind)
    inactive = _official(run, municipality)  # ahead of the calendar, but no study for weeks
    Enrolment.objects.filter(pk=inactive.pk).update(
        credited_seconds=50 * 3600,
        last_heartbeat_at=datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC),
    )
    coordinator = _official(run, municipality, role=Role.COORDINATOR)
    _behind(coordinator)
    on_track = _official(run, municipality)
    _on_track(on_track)
    withdrawn = _official(run, municipality)
    Enrolment.objects.filter(pk=withdrawn.pk).update(status=Enrolment.Status.WITHDRAWN)
    left = _official(run, municipality)
    left.user.memberships.update(ended_on=datetime.date(2026, 5, 1))
    certified = _official(run, municipality)
    _certify(certified)
    outsider, _ = course_services.enrolment_create(user=UserFactory(), course_run=run)

    result = reminders.official_reminders_send(today=TODAY)

    reminded = sorted(message.to[0] for message in mailoutbox)
    assert reminded == sorted(e.user.email for e in (behind, inactive, coordinator))
    assert result.sent == 3
    assert outsider.user.email not in reminded
    assert Notification.objects.filter(kind=Notification.Kind.OFFICIAL_BEHIND).count() == 3


@pytest.mark.django_db
def test_the_reminder_speaks_the_persons_language_and_links_to_their_hours(
    run, municipality, mailoutbox
):
    spanish = _official(run, municipality, name="Lucía Gómez")
    english = _official(run, municipality, language="en", name="John Smith")
    for enrolment in (spanish, english):
        _behind(enrolment)

    reminders.official_reminders_send(today=TODAY)

    by_person = {message.to[0]: message for message in mailoutbox}
    english_mail = by_person[english.user.email]
    spanish_mail = by_person[spanish.user.email]
    title = run.course.title
    assert english_mail.subject == f"Your course “{title}”: time to catch up"
    assert "Hello John Smith," in english_mail.body
    assert "1.0 credited hours of 100.0" in english_mail.body
    assert "By today the course calendar expects" in english_mail.body
    # Spanish as the catalogue has it (the wording is merged from i18n-reminders.json).
    with translation.override("es"):
        assert spanish_mail.subject == gettext("Your course “%(course)s”: time to catch up") % {
            "course": title
        }
        assert gettext("Hello %(name)s,") % {"name": "Lucía Gómez"} in spanish_mail.body
        assert date_format(run.ends_on, "DATE_FORMAT") in spanish_mail.body
    assert 'lang="es"' in _html(spanish_mail)
    link = f"{SITE_URL}/runs/{run.pk}/hours/"
    for message in (english_mail, spanish_mail):
        assert link in message.body
        assert f'href="{link}"' in _html(message)
    assert 'lang="en"' in _html(english_mail)


@pytest.mark.django_db
def test_running_the_weekly_task_twice_sends_once_and_next_week_again(
    run, municipality, mailoutbox, today, monkeypatch
):
    _behind(_official(run, municipality))

    assert tasks.send_official_reminders.delay().get() == {"sent": 1, "skipped": 0}
    assert tasks.send_official_reminders.delay().get() == {"sent": 0, "skipped": 0}
    assert len(mailoutbox) == 1

    next_week = TODAY + datetime.timedelta(days=7)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: next_week)
    tasks.send_official_reminders.delay()
    assert len(mailoutbox) == 2


@pytest.mark.django_db
def test_the_log_row_is_the_lock_and_a_failed_send_is_retried(run, municipality, mailoutbox):
    enrolment = _official(run, municipality)
    _behind(enrolment)
    key = reminders.official_behind_key(run.pk, TODAY)

    def refused(self, *args, **kwargs):
        raise OSError("mail server down")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(EmailMultiAlternatives, "send", refused)
        with pytest.raises(OSError):
            reminders.official_reminders_send(today=TODAY)
    assert not Notification.objects.exists()  # rolled back with the failed send

    assert reminders.official_reminders_send(today=TODAY).sent == 1
    # A second worker that got past the first read still finds the row and sends nothing.
    again = reminders.notification_send(
        kind=Notification.Kind.OFFICIAL_BEHIND,
        recipient=enrolment.user,
        key=key,
        build=lambda: pytest.fail("must not build a message already sent"),
    )
    assert again is False
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_nobody_is_called_inactive_in_the_first_two_weeks_of_a_run(run, municipality, mailoutbox):
    early = run.starts_on + datetime.timedelta(days=5)
    never_studied = _official(run, municipality)  # enrolled long before, credited in advance
    Enrolment.objects.filter(pk=never_studied.pk).update(
        enrolled_at=datetime.datetime(2026, 1, 10, tzinfo=datetime.UTC), credited_seconds=36000
    )
    assert reminders.official_reminders_send(today=early).sent == 0
    assert reminders.official_reminders_send(today=run.ends_on + datetime.timedelta(1)).sent == 0
    assert mailoutbox == []


# --- H2 -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_h2_is_announced_once_to_each_manager_in_their_language(run, municipality, mailoutbox):
    programme = run.programme
    english = _manager(programme, language="en")
    spanish = _manager(programme)
    other_programme_manager = _manager(MunicipalityFactory().programme)
    former = _manager(programme)
    former.memberships.update(ended_on=datetime.date(2026, 4, 1))
    municipality.name = "Villa de Leyva"
    municipality.h2_reached_on = datetime.date(2026, 5, 20)
    municipality.save()
    MunicipalityFactory(programme=programme)  # not at H2
    replaced = MunicipalityFactory(programme=programme, h2_reached_on=datetime.date(2026, 5, 1))
    reserve = MunicipalityFactory(programme=programme, status=Municipality.Status.RESERVE)
    Municipality.objects.filter(pk=replaced.pk).update(
        status=Municipality.Status.REPLACED, replaced_by=reserve
    )

    assert tasks.send_h2_notices.delay().get() == {"sent": 2, "skipped": 0}
    assert tasks.send_h2_notices.delay().get() == {"sent": 0, "skipped": 0}

    by_person = {message.to[0]: message for message in mailoutbox}
    assert set(by_person) == {english.email, spanish.email}
    assert other_programme_manager.email not in by_person
    assert by_person[english.email].subject == "Villa de Leyva reached milestone H2"
    assert "20 May 2026" in by_person[english.email].body
    with translation.override("es"):
        assert by_person[spanish.email].subject == gettext(
            "%(municipality)s reached milestone H2"
        ) % {"municipality": "Villa de Leyva"}
        assert date_format(datetime.date(2026, 5, 20), "DATE_FORMAT") in (
            by_person[spanish.email].body
        )
    link = f"{SITE_URL}/manage/programmes/{programme.pk}/"
    assert link in by_person[english.email].body
    assert f'href="{link}"' in _html(by_person[spanish.email])


@pytest.mark.django_db
def test_h2_lost_and_reached_again_later_is_announced_again(run, municipality, mailoutbox):
    _manager(run.programme)
    municipality.h2_reached_on = datetime.date(2026, 5, 20)
    municipality.save()
    reminders.h2_notices_send()
    municipality.h2_reached_on = None  # a revocation took it away
    municipality.save()
    reminders.h2_notices_send()
    municipality.h2_reached_on = datetime.date(2026, 5, 20)  # same day again: not news
    municipality.save()
    reminders.h2_notices_send()
    assert len(mailoutbox) == 1
    municipality.h2_reached_on = datetime.date(2026, 6, 3)
    municipality.save()
    reminders.h2_notices_send()
    assert len(mailoutbox) == 2


# --- Municipalities behind ----------------------------------------------------------


@pytest.mark.django_db
def test_managers_hear_which_municipalities_fell_behind(
    run, municipality, mailoutbox, today, monkeypatch
):
    programme = run.programme
    manager = _manager(programme, language="en")
    municipality.name = "Guatavita"
    municipality.save()
    for _i in range(reminders.MUNICIPALITY_BEHIND_AT_RISK):
        _behind(_official(run, municipality))
    _on_track(_official(run, municipality))
    almost = MunicipalityFactory(programme=programme, name="Suesca")
    for _i in range(reminders.MUNICIPALITY_BEHIND_AT_RISK - 1):
        _behind(_official(run, almost))
    withdrawn_at_risk = _official(run, almost)  # withdrawn: does not count
    Enrolment.objects.filter(pk=withdrawn_at_risk.pk).update(status=Enrolment.Status.WITHDRAWN)

    assert reminders.municipalities_behind(programme, today=TODAY) == {municipality.pk: 3}
    assert tasks.send_municipalities_behind_notices.delay().get() == {"sent": 1, "skipped": 0}
    assert tasks.send_municipalities_behind_notices.delay().get() == {"sent": 0, "skipped": 1}

    (message,) = mailoutbox
    assert message.to == [manager.email]
    assert message.subject == f"{programme.name}: municipalities falling behind"
    assert "1 municipality is behind" in message.body
    assert "Guatavita" in message.body and "3 officials at risk" in message.body
    assert "new this week" in message.body
    assert "Suesca" not in message.body

    # The week after, still behind: listed again, no longer new.
    next_week = TODAY + datetime.timedelta(days=7)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: next_week)
    tasks.send_municipalities_behind_notices.delay()
    assert len(mailoutbox) == 2
    assert "Guatavita" in mailoutbox[1].body
    assert "new this week" not in mailoutbox[1].body


@pytest.mark.django_db
def test_no_notice_when_no_municipality_is_behind(run, municipality, mailoutbox):
    _manager(run.programme)
    for _i in range(4):
        _on_track(_official(run, municipality))
    assert reminders.municipalities_behind_notices_send(today=TODAY).sent == 0
    assert mailoutbox == []


@pytest.mark.django_db
def test_the_weekly_reminder_reads_a_bounded_number_of_queries(
    run, municipality, mailoutbox, django_assert_max_num_queries
):
    for _i in range(6):
        _behind(_official(run, municipality))
    # 1 run + 1 expected + 1 enrolments not yet reminded; then per person:
    # savepoints and the insert (the mail itself is not a query).
    with django_assert_max_num_queries(3 + 6 * 5):
        assert reminders.official_reminders_send(today=TODAY).sent == 6


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_send_one_message(mailoutbox):
    """The second worker's insert waits on the first's row, then finds it: one e-mail."""
    recipient = UserFactory()
    barrier = threading.Barrier(2)
    results = []

    def build():
        message = EmailMultiAlternatives(subject="once", body="once", to=[recipient.email])
        time.sleep(0.5)  # hold the first transaction open while the other worker inserts
        return message

    def worker():
        try:
            barrier.wait()
            results.append(
                reminders.notification_send(
                    kind=Notification.Kind.H2_REACHED, recipient=recipient, key="race", build=build
                )
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, True]
    assert len(mailoutbox) == 1
    assert Notification.objects.filter(key="race").count() == 1
