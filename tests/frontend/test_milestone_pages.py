"""Milestone and fee pages from the outside (in Spanish, the default language)."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from assessments.services import assignments as assignment_services
from programs import milestones, services
from programs.models import FeeInstalment, MilestoneRecord, Municipality, Role
from tests.assessments.factories import PDF_BYTES, assignment_in, team_in_run, tutor_of
from tests.factories import (
    CourseRunFactory,
    MembershipFactory,
    MunicipalityFactory,
    ProgrammeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YESTERDAY = TODAY - datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def programme():
    return ProgrammeFactory(name="Programa MuNet Colombia")


@pytest.fixture
def manager(programme, manager_of):
    return manager_of(programme)


@pytest.fixture
def tenjo(programme):
    municipality = MunicipalityFactory(programme=programme, name="Tenjo")
    MembershipFactory.create_batch(3, municipality=municipality)
    return municipality


def _record(municipality, by, milestone="H4", **fields):
    fields.setdefault("evidence_url", "https://tenjo.gov.co/portal")
    return milestones.milestone_record(
        municipality=municipality, milestone=milestone, achieved_on=YESTERDAY, by=by, **fields
    )


def _pdf(name="acta.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


# --- Permissions from the outside ---------------------------------------------------


def _outsiders(programme, municipality):
    other_manager = UserFactory()
    MembershipFactory(
        user=other_manager, municipality=None, programme=ProgrammeFactory(), role=Role.MANAGER
    )
    official = municipality.memberships.first().user
    coordinator = MembershipFactory(municipality=municipality, role=Role.COORDINATOR).user
    tutor = UserFactory()
    MembershipFactory(user=tutor, municipality=None, programme=programme, role=Role.TUTOR)
    return [other_manager, official, coordinator, tutor]


def test_every_page_is_for_the_programmes_managers_only(client, programme, manager, tenjo):
    kept = _record(tenjo, manager, evidence_file=_pdf())
    urls = [
        reverse("manage_milestone_matrix", args=[programme.pk]),
        reverse("manage_programme_fees", args=[programme.pk]),
        reverse("manage_milestones", args=[tenjo.pk]),
        reverse("manage_milestone_record", args=[tenjo.pk, "H5"]),
        reverse("manage_milestone_record_part", args=[tenjo.pk, "H1", "ict"]),
        reverse("manage_milestone_edit", args=[tenjo.pk, kept.pk]),
        reverse("manage_milestone_evidence", args=[tenjo.pk, kept.pk]),
        reverse("manage_fees", args=[tenjo.pk]),
    ]
    client.force_login(manager)
    for url in urls:
        assert client.get(url).status_code == 200, url
    for outsider in _outsiders(programme, tenjo):
        client.force_login(outsider)
        for url in urls:
            assert client.get(url).status_code == 404, (outsider, url)
    client.logout()
    assert all(client.get(url).status_code == 302 for url in urls)


def test_writes_from_the_wrong_person_change_nothing(client, programme, manager, tenjo):
    kept = _record(tenjo, manager)
    writes = [
        (reverse("manage_milestone_record", args=[tenjo.pk, "H5"]),
         {"achieved_on": YESTERDAY.isoformat(), "evidence_url": "https://x.example/a"}),
        (reverse("manage_milestone_edit", args=[tenjo.pk, kept.pk]),
         {"achieved_on": TODAY.isoformat(), "evidence_url": "https://x.example/b"}),
        (reverse("manage_milestone_withdraw", args=[tenjo.pk, kept.pk]), {"reason": "x"}),
        (reverse("manage_milestone_h3_from_project", args=[tenjo.pk]), {}),
        (reverse("manage_fee_set", args=[tenjo.pk, 1]),
         {"half1-status": "paid", "half1-paid_on": YESTERDAY.isoformat()}),
    ]  # fmt: skip
    for outsider in _outsiders(programme, tenjo):
        client.force_login(outsider)
        for url, data in writes:
            assert client.post(url, data).status_code == 404, (outsider, url)
    assert MilestoneRecord.objects.get() == kept
    kept.refresh_from_db()
    assert kept.is_current and kept.achieved_on == YESTERDAY
    assert not FeeInstalment.objects.exists()


def test_a_record_of_another_municipality_is_not_reachable_through_this_one(
    client, programme, manager, tenjo
):
    elsewhere = MunicipalityFactory(programme=programme)
    kept = _record(elsewhere, manager, evidence_file=_pdf())
    client.force_login(manager)
    for name in ("manage_milestone_edit", "manage_milestone_evidence"):
        assert client.get(reverse(name, args=[tenjo.pk, kept.pk])).status_code == 404


# --- Recording ---------------------------------------------------------------------


def test_a_manager_records_a_milestone_with_a_file(client, programme, manager, tenjo):
    client.force_login(manager)
    url = reverse("manage_milestone_record", args=[tenjo.pk, "H4"])
    page = client.get(url)
    assert page["Content-Language"] == "es"
    response = client.post(
        url,
        {"achieved_on": YESTERDAY.isoformat(), "evidence_file": _pdf(), "note": "Acta 12"},
    )
    assert response.status_code == 302
    kept = MilestoneRecord.objects.get()
    assert (kept.milestone, kept.recorded_by, kept.note) == ("H4", manager, "Acta 12")
    page = client.get(reverse("manage_milestones", args=[tenjo.pk]))
    assert "acta.pdf" in page.text and manager.full_name in page.text
    download = client.get(reverse("manage_milestone_evidence", args=[tenjo.pk, kept.pk]))
    assert b"".join(download.streaming_content) == PDF_BYTES


def test_bad_evidence_is_refused_with_a_message_and_nothing_is_recorded(client, manager, tenjo):
    client.force_login(manager)
    url = reverse("manage_milestone_record", args=[tenjo.pk, "H4"])
    no_evidence = client.post(url, {"achieved_on": YESTERDAY.isoformat()})
    assert no_evidence.status_code == 400
    assert "error-summary" in no_evidence.text
    program = SimpleUploadedFile("acta.pdf", b"MZ\x90\x00programa")
    assert client.post(url, {"achieved_on": YESTERDAY.isoformat(), "evidence_file": program})
    assert client.post(url, {"achieved_on": YESTERDAY.isoformat(), "evidence_url": "ftp://x"})
    assert not MilestoneRecord.objects.exists()
    assert client.get(reverse("manage_milestone_record", args=[tenjo.pk, "H2"])).status_code == 404
    assert client.get(reverse("manage_milestone_record", args=[tenjo.pk, "H1"])).status_code == 404


def test_a_manager_edits_and_withdraws_a_record(client, manager, tenjo):
    kept = _record(tenjo, manager)
    client.force_login(manager)
    edit = reverse("manage_milestone_edit", args=[tenjo.pk, kept.pk])
    response = client.post(
        edit, {"achieved_on": TODAY.isoformat(), "evidence_url": "https://tenjo.gov.co/nuevo"}
    )
    assert response.status_code == 302
    kept.refresh_from_db()
    assert (kept.achieved_on, kept.evidence_url) == (TODAY, "https://tenjo.gov.co/nuevo")
    withdraw = reverse("manage_milestone_withdraw", args=[tenjo.pk, kept.pk])
    assert client.post(withdraw, {"reason": ""}).status_code == 302
    kept.refresh_from_db()
    assert kept.is_current
    client.post(withdraw, {"reason": "Registrado por error"})
    kept.refresh_from_db()
    assert not kept.is_current
    assert client.get(edit).status_code == 404
    timeline = client.get(reverse("manage_milestones", args=[tenjo.pk])).text
    assert "Registrado por error" in timeline


def test_h3_in_one_click_from_the_graded_final_project(client, manager_of):
    run = CourseRunFactory()
    municipality, members = team_in_run(run, size=2)
    manager = manager_of(run.programme)
    assignment = assignment_in(run, team_submission=True, max_points=Decimal("20"))
    assignment_services.submission_create(
        user=members[0].user, assignment=assignment, text="Nuestra estrategia digital."
    )
    tutor = tutor_of(run)
    grade = assignment_services.assignment_grade_save(
        tutor=tutor, assignment=assignment, owner=municipality, points=17
    )
    client.force_login(manager)
    page = reverse("manage_milestones", args=[municipality.pk])
    assert 'action="' + reverse("manage_milestone_h3_from_project", args=[municipality.pk]) not in (
        client.get(page).text
    )
    assignment_services.assignment_grades_release(tutor=tutor, grades=[grade])
    assert reverse("manage_milestone_h3_from_project", args=[municipality.pk]) in (
        client.get(page).text
    )
    response = client.post(reverse("manage_milestone_h3_from_project", args=[municipality.pk]))
    assert response.status_code == 302
    kept = MilestoneRecord.objects.get(milestone="H3")
    assert kept.evidence_source == f"submission:{grade.submission_id}"


# --- The matrix ----------------------------------------------------------------------


def test_the_matrix_shows_milestones_and_replacements(client, programme, manager, tenjo):
    reserve = MunicipalityFactory(
        programme=programme, name="Cota", status=Municipality.Status.RESERVE
    )
    _record(tenjo, manager, milestone="H5")
    Municipality.objects.filter(pk=tenjo.pk).update(h2_reached_on=YESTERDAY)
    services.municipality_replace_with_reserve(
        selected=tenjo, reserve=reserve, reason="Renuncia del alcalde"
    )
    client.force_login(manager)
    response = client.get(reverse("manage_milestone_matrix", args=[programme.pk]))
    assert response["Content-Language"] == "es"
    text = response.text
    reserve_link = reverse("manage_milestones", args=[reserve.pk])
    assert f'Reemplazado → <a href="{reserve_link}">Cota</a>' in text
    tenjo_link = reverse("manage_milestones", args=[tenjo.pk])
    assert f'← <a href="{tenjo_link}">Tenjo</a>' in text
    rows = {m.name: m for m in response.context["page"]}
    assert [cell["on"] for cell in rows["Tenjo"].cells] == [
        None, YESTERDAY, None, None, YESTERDAY, None, None,
    ]  # fmt: skip
    replaced = client.get(
        reverse("manage_milestone_matrix", args=[programme.pk]), {"status": "replaced"}
    )
    assert [m.name for m in replaced.context["page"]] == ["Tenjo"]
    reached = client.get(
        reverse("manage_milestone_matrix", args=[programme.pk]),
        {"milestone": "H5", "reached": "no"},
    )
    assert [m.name for m in reached.context["page"]] == ["Cota"]


def test_the_matrix_is_paginated(client, programme, manager):
    MunicipalityFactory.create_batch(30, programme=programme)
    client.force_login(manager)
    response = client.get(reverse("manage_milestone_matrix", args=[programme.pk]))
    assert len(response.context["page"].object_list) == 25
    assert response.context["page"].paginator.count == 30


def _populate(programme, manager, size):
    for municipality in MunicipalityFactory.create_batch(size, programme=programme):
        MembershipFactory.create_batch(2, municipality=municipality)
        _record(municipality, manager, milestone="H3")
        milestones.milestone_record(
            municipality=municipality, milestone="H1", part="ict", achieved_on=YESTERDAY,
            by=manager, evidence_url="https://x.example/ict",
        )  # fmt: skip
        milestones.fee_instalment_set(
            municipality=municipality, half=1, status="invoiced", by=manager,
            invoiced_on=YESTERDAY,
        )  # fmt: skip


@pytest.mark.parametrize("name", ["manage_milestone_matrix", "manage_programme_fees"])
def test_programme_pages_query_count_does_not_grow(
    client, programme, manager, django_assert_max_num_queries, name
):
    CourseRunFactory(programme=programme, ends_on=YESTERDAY)
    client.force_login(manager)
    url = reverse(name, args=[programme.pk])
    counts = []
    for size in (3, 22):
        _populate(programme, manager, size)
        with django_assert_max_num_queries(12) as captured:
            response = client.get(url, {"show": "all"})
        assert response.status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_the_municipality_page_query_count_does_not_grow(
    client, programme, manager, tenjo, django_assert_max_num_queries
):
    client.force_login(manager)
    url = reverse("manage_milestones", args=[tenjo.pk])
    counts = []
    for milestone in ("H4", "H5"):
        _record(tenjo, manager, milestone=milestone, evidence_file=_pdf())
        with django_assert_max_num_queries(20) as captured:
            client.get(url)
        counts.append(len(captured))
    assert counts[0] == counts[1]


# --- Fees ----------------------------------------------------------------------------


def test_a_manager_records_the_fee_and_sees_the_second_half_due(client, programme, manager, tenjo):
    run = CourseRunFactory(programme=programme, ends_on=YESTERDAY)
    team_in_run(run, size=1, municipality=tenjo)
    client.force_login(manager)
    page = client.get(reverse("manage_fees", args=[tenjo.pk]))
    assert page.status_code == 200 and page.context["state"].second_due
    url = reverse("manage_fee_set", args=[tenjo.pk, 1])
    refused = client.post(url, {"half1-status": "paid"})
    assert refused.status_code == 400 and not FeeInstalment.objects.exists()
    response = client.post(
        url,
        {
            "half1-status": "paid",
            "half1-invoiced_on": YESTERDAY.isoformat(),
            "half1-paid_on": TODAY.isoformat(),
            "half1-amount": "2500.00",
            "half1-currency": "usd",
        },
    )
    assert response.status_code == 302
    first = FeeInstalment.objects.get()
    assert (first.half, first.status, first.paid_on, first.currency) == (1, "paid", TODAY, "USD")
    due = client.get(reverse("manage_programme_fees", args=[programme.pk]))
    rows = list(due.context["page"])
    assert [(row.name, row.first_due, row.second_due) for row in rows] == [("Tenjo", False, True)]
    assert client.post(reverse("manage_fee_set", args=[tenjo.pk, 3]), {}).status_code == 404
