"""Milestones H1–H7, their evidence and history, and the programme fee in two halves."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from assessments.services import assignments as assignment_services
from certification.models import Certificate, SigningKey
from courses.services import enrolment_create
from programs import milestones, services
from programs.models import (
    FeeEvent,
    FeeInstalment,
    MilestoneEvent,
    MilestoneRecord,
    Municipality,
    Role,
)
from reporting import fees
from reporting.milestone_evidence import final_project_of, h3_record_from_final_project
from tests.assessments.factories import (
    DOCX_BYTES,
    PDF_BYTES,
    assignment_in,
    team_in_run,
    tutor_of,
    upload,
)
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
def municipality():
    return MunicipalityFactory(name="Tenjo")


@pytest.fixture
def manager(municipality):
    user = UserFactory(full_name="Laura Restrepo Gómez")
    MembershipFactory(
        user=user, municipality=None, programme=municipality.programme, role=Role.MANAGER
    )
    return user


def record(municipality, manager, milestone="H4", part="", **fields):
    fields.setdefault("evidence_url", "https://tenjo.gov.co/portal")
    fields.setdefault("achieved_on", YESTERDAY)
    return milestones.milestone_record(
        municipality=municipality, milestone=milestone, part=part, by=manager, **fields
    )


# --- Recording ---------------------------------------------------------------------


def test_a_milestone_is_recorded_with_evidence_date_and_who(municipality, manager):
    kept = record(municipality, manager, evidence_file=upload("acta.pdf"), note="Portal en línea")
    assert kept.achieved_on == YESTERDAY
    assert kept.recorded_by == manager
    assert kept.evidence_name == "acta.pdf"
    assert kept.evidence_file.read() == PDF_BYTES
    assert kept.evidence_url == "https://tenjo.gov.co/portal"
    event = MilestoneEvent.objects.get()
    assert (event.action, event.by, event.note) == ("recorded", manager, "Portal en línea")


def test_evidence_is_required_and_checked(municipality, manager):
    with pytest.raises(ValidationError, match="file or a link"):
        record(municipality, manager, evidence_url="")
    with pytest.raises(ValidationError, match="http"):
        record(municipality, manager, evidence_url="ftp://tenjo.gov.co/acta.pdf")
    with pytest.raises(ValidationError, match="http"):
        record(municipality, manager, evidence_url="javascript:alert(1)")
    with pytest.raises(ValidationError, match="not accepted"):
        record(municipality, manager, evidence_file=upload("script.exe", b"MZ\x90\x00"))
    with pytest.raises(ValidationError, match="does not contain"):
        record(municipality, manager, evidence_file=upload("acta.pdf", b"MZ\x90\x00 not a pdf"))
    with pytest.raises(ValidationError, match="empty"):
        record(municipality, manager, evidence_file=upload("acta.pdf", b""))
    assert not MilestoneRecord.objects.exists()
    assert record(municipality, manager, evidence_file=upload("plan.docx", DOCX_BYTES))


def test_evidence_file_size_limit(municipality, manager, monkeypatch):
    monkeypatch.setattr(milestones, "EVIDENCE_MAX_BYTES", len(PDF_BYTES) - 1)
    with pytest.raises(ValidationError, match="too large"):
        record(municipality, manager, evidence_file=upload("acta.pdf"))


def test_h2_is_not_recorded_by_hand_and_h1_needs_a_diagnostic(municipality, manager):
    with pytest.raises(ValidationError, match="H2"):
        record(municipality, manager, milestone="H2")
    with pytest.raises(ValidationError, match="diagnostics"):
        record(municipality, manager, milestone="H1")
    with pytest.raises(ValidationError, match="Only H1"):
        record(municipality, manager, milestone="H5", part="ict")
    with pytest.raises(ValidationError, match="future"):
        record(municipality, manager, achieved_on=TODAY + datetime.timedelta(days=1))


def test_one_current_record_per_milestone(municipality, manager):
    first = record(municipality, manager)
    with pytest.raises(ValidationError, match="already recorded"):
        record(municipality, manager)
    milestones.milestone_record_withdraw(record=first, by=manager, reason="Otro municipio")
    again = record(municipality, manager)
    assert MilestoneRecord.objects.current().get() == again
    assert MilestoneRecord.objects.count() == 2


def test_only_selected_municipalities_have_milestones_recorded(manager, municipality):
    reserve = MunicipalityFactory(
        programme=municipality.programme, status=Municipality.Status.RESERVE
    )
    with pytest.raises(ValidationError, match="selected"):
        record(reserve, manager)


def test_h1_is_reached_when_its_four_diagnostics_are_documented(municipality, manager):
    days = {"ict": 10, "transparency": 8, "efficiency": 6}
    for part, ago in days.items():
        record(
            municipality, manager, milestone="H1", part=part,
            achieved_on=TODAY - datetime.timedelta(days=ago),
        )  # fmt: skip
    h1 = milestones.milestone_states(municipality)[0]
    assert (h1.code, h1.parts_done, h1.reached) == ("H1", 3, False)
    record(municipality, manager, milestone="H1", part="participation", achieved_on=YESTERDAY)
    h1 = milestones.milestone_states(municipality)[0]
    assert h1.reached_on == YESTERDAY
    row = milestones.milestone_matrix(municipality.programme).get()
    assert (row.h1_parts, row.h1_last) == (4, YESTERDAY)


def test_edits_and_withdrawals_are_kept_in_the_history(municipality, manager):
    kept = record(municipality, manager, evidence_file=upload("acta.pdf"))
    other = UserFactory(full_name="Carlos Ruiz")
    edited = milestones.milestone_record_edit(
        record=kept,
        by=other,
        achieved_on=TODAY,
        note="Fecha del acta",
        evidence_file=upload("acta-firmada.pdf"),
        evidence_url="",
    )
    assert (edited.achieved_on, edited.evidence_name, edited.evidence_url) == (
        TODAY,
        "acta-firmada.pdf",
        "",
    )
    with pytest.raises(ValidationError, match="why"):
        milestones.milestone_record_withdraw(record=edited, by=manager, reason=" ")
    milestones.milestone_record_withdraw(record=edited, by=manager, reason="Duplicado")
    with pytest.raises(ValidationError, match="withdrawn"):
        milestones.milestone_record_edit(record=edited, by=manager, achieved_on=TODAY)
    actions = list(MilestoneEvent.objects.values_list("action", "by__full_name", "achieved_on"))
    assert actions == [
        ("recorded", manager.full_name, YESTERDAY),
        ("edited", "Carlos Ruiz", TODAY),
        ("withdrawn", manager.full_name, TODAY),
    ]
    h4 = milestones.milestone_states(municipality)[3]
    assert (h4.code, h4.reached) == ("H4", False)


def test_an_edit_cannot_leave_a_record_without_evidence(municipality, manager):
    kept = record(municipality, manager)
    with pytest.raises(ValidationError, match="file or a link"):
        milestones.milestone_record_edit(
            record=kept, by=manager, achieved_on=TODAY, evidence_url=""
        )
    kept.refresh_from_db()
    assert kept.evidence_url == "https://tenjo.gov.co/portal"


def test_the_timeline_shows_milestones_h2_and_the_replacement(municipality, manager):
    reserve = MunicipalityFactory(
        programme=municipality.programme, status=Municipality.Status.RESERVE, name="Cota"
    )
    record(municipality, manager, milestone="H5", achieved_on=TODAY - datetime.timedelta(days=20))
    Municipality.objects.filter(pk=municipality.pk).update(
        h2_reached_on=TODAY - datetime.timedelta(days=10)
    )
    services.municipality_replace_with_reserve(
        selected=municipality, reserve=reserve, reason="Cambio de alcaldía", on_date=YESTERDAY
    )
    municipality.refresh_from_db()
    timeline = milestones.milestone_timeline(municipality)
    assert [entry.kind for entry in timeline] == ["replacement", "h2", "milestone"]
    assert timeline[0].other == reserve and timeline[0].detail == "Cambio de alcaldía"
    reserve_timeline = milestones.milestone_timeline(reserve)
    assert [(entry.kind, entry.other) for entry in reserve_timeline] == [("replaces", municipality)]


def test_the_matrix_is_filtered_by_status_and_milestone(municipality, manager):
    programme = municipality.programme
    other = MunicipalityFactory(programme=programme, name="Zipaquirá")
    MunicipalityFactory(programme=programme, status=Municipality.Status.RESERVE)
    record(municipality, manager, milestone="H3")
    record(other, manager, milestone="H7")
    matrix = milestones.milestone_matrix(programme, status="selected")
    assert [(m.name, m.h3_on, m.h7_on) for m in matrix] == [
        ("Tenjo", YESTERDAY, None),
        ("Zipaquirá", None, YESTERDAY),
    ]
    reached = milestones.milestone_matrix(programme, milestone="H3", reached="yes")
    assert [m.name for m in reached] == ["Tenjo"]
    assert milestones.milestone_matrix(programme, milestone="H3", reached="no").count() == 2


# --- H3 from the team's graded final project ----------------------------------------


@pytest.fixture
def project_team():
    run = CourseRunFactory()
    municipality, members = team_in_run(run, size=2)
    manager = UserFactory()
    MembershipFactory(user=manager, municipality=None, programme=run.programme, role=Role.MANAGER)
    assignment = assignment_in(
        run, team_submission=True, accepts_files=True, max_points=Decimal("20")
    )
    return run, municipality, members, manager, assignment


def _grade(run, assignment, municipality, *, release=True):
    tutor = tutor_of(run)
    grade = assignment_services.assignment_grade_save(
        tutor=tutor, assignment=assignment, owner=municipality, points=16, feedback="Bien"
    )
    if release:
        assignment_services.assignment_grades_release(tutor=tutor, grades=[grade])
    return grade


def test_h3_in_one_click_copies_the_graded_projects_file(project_team):
    run, municipality, members, manager, assignment = project_team
    assignment_services.submission_create(
        user=members[0].user,
        assignment=assignment,
        text="",
        files=[upload("estrategia.pdf")],
    )
    with pytest.raises(ValidationError, match="no graded final project"):
        h3_record_from_final_project(municipality=municipality, by=manager)
    _grade(run, assignment, municipality, release=False)
    assert final_project_of(municipality) is None  # a draft grade is not enough
    grade = assignment.grades.get()
    assignment_services.assignment_grades_release(tutor=grade.graded_by, grades=[grade])
    kept = h3_record_from_final_project(municipality=municipality, by=manager)
    assert (kept.milestone, kept.recorded_by, kept.achieved_on) == ("H3", manager, TODAY)
    assert kept.evidence_name == "estrategia.pdf"
    assert kept.evidence_file.read() == PDF_BYTES
    assert kept.evidence_source == f"submission:{grade.submission_id}"
    assert "16" in kept.note and "20" in kept.note
    with pytest.raises(ValidationError, match="already recorded"):
        h3_record_from_final_project(municipality=municipality, by=manager)


def test_h3_from_a_written_project_makes_a_pdf(project_team):
    run, municipality, members, manager, assignment = project_team
    assignment_services.submission_create(
        user=members[1].user, assignment=assignment, text="Estrategia de gobierno digital."
    )
    _grade(run, assignment, municipality)
    kept = h3_record_from_final_project(municipality=municipality, by=manager)
    assert kept.evidence_name.endswith(".pdf")
    assert kept.evidence_file.read().startswith(b"%PDF-")


def test_another_teams_project_is_not_this_teams_evidence(project_team):
    run, municipality, _members, _manager, assignment = project_team
    other, other_members = team_in_run(run, size=1)
    assignment_services.submission_create(
        user=other_members[0].user, assignment=assignment, text="Plan de Cota"
    )
    _grade(run, assignment, other)
    assert final_project_of(municipality) is None
    assert final_project_of(other) is not None


# --- The fee ---------------------------------------------------------------------------


def test_fee_halves_are_recorded_with_status_dates_and_history(municipality, manager):
    assert [(i.half, i.status, i.pk) for i in milestones.fee_instalments_of(municipality)] == [
        (1, "pending", None),
        (2, "pending", None),
    ]
    with pytest.raises(ValidationError, match="invoice"):
        milestones.fee_instalment_set(
            municipality=municipality, half=1, status="invoiced", by=manager
        )
    with pytest.raises(ValidationError, match="before the invoice"):
        milestones.fee_instalment_set(
            municipality=municipality, half=1, status="paid", by=manager,
            invoiced_on=YESTERDAY, paid_on=YESTERDAY - datetime.timedelta(days=3),
        )  # fmt: skip
    milestones.fee_instalment_set(
        municipality=municipality, half=1, status="invoiced", by=manager,
        invoiced_on=YESTERDAY - datetime.timedelta(days=5), amount=Decimal("5000"),
        currency="usd",
    )  # fmt: skip
    paid = milestones.fee_instalment_set(
        municipality=municipality, half=1, status="paid", by=manager,
        invoiced_on=YESTERDAY - datetime.timedelta(days=5), paid_on=YESTERDAY,
        amount=Decimal("5000"), currency="USD",
    )  # fmt: skip
    assert (paid.status, paid.paid_on, paid.currency, paid.updated_by) == (
        "paid",
        YESTERDAY,
        "USD",
        manager,
    )
    assert FeeInstalment.objects.count() == 1
    assert list(FeeEvent.objects.values_list("status", flat=True)) == ["invoiced", "paid"]


def _certify(enrolment):
    key, _created = SigningKey.objects.get_or_create(kid="test-1", defaults={"public_key_pem": "-"})
    return Certificate.objects.create(
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


def test_the_second_half_is_due_when_every_current_official_is_certified():
    run = CourseRunFactory(ends_on=TODAY + datetime.timedelta(days=30))
    municipality, members = team_in_run(run, size=2)
    state = fees.fee_state_of(municipality, today=TODAY)
    assert (state.team_size, state.certified, state.team_finished, state.second_due) == (
        2,
        0,
        False,
        False,
    )
    assert state.first_due
    _certify(members[0])
    assert not fees.fee_state_of(municipality, today=TODAY).second_due
    certificate = _certify(members[1])
    state = fees.fee_state_of(municipality, today=TODAY)
    assert (state.certified, state.team_finished, state.second_due) == (2, True, True)
    # A revocation undoes it; a newcomer without a certificate does too.
    Certificate.objects.filter(pk=certificate.pk).update(
        status=Certificate.Status.REVOKED, revoked_at=timezone.now(), revocation_reason="error"
    )
    assert not fees.fee_state_of(municipality, today=TODAY).team_finished
    Certificate.objects.filter(pk=certificate.pk).update(
        status=Certificate.Status.VALID, revoked_at=None, revocation_reason=""
    )
    newcomer = MembershipFactory(municipality=municipality, role=Role.OFFICIAL).user
    enrolment_create(user=newcomer, course_run=run, municipality=municipality)
    assert not fees.fee_state_of(municipality, today=TODAY).team_finished


def test_the_second_half_is_due_when_the_run_has_closed_and_until_paid():
    run = CourseRunFactory(ends_on=YESTERDAY)
    municipality, _members = team_in_run(run, size=2)
    manager = UserFactory()
    state = fees.fee_state_of(municipality, today=TODAY)
    assert (state.run_closed, state.team_finished, state.second_due) == (True, True, True)
    assert not fees.fee_state_of(municipality, today=YESTERDAY).second_due
    milestones.fee_instalment_set(
        municipality=municipality, half=2, status="invoiced", by=manager, invoiced_on=TODAY
    )
    assert fees.fee_state_of(municipality, today=TODAY).second_due
    milestones.fee_instalment_set(
        municipality=municipality, half=2, status="paid", by=manager,
        invoiced_on=TODAY, paid_on=TODAY,
    )  # fmt: skip
    assert not fees.fee_state_of(municipality, today=TODAY).second_due


def test_a_municipality_that_left_owes_nothing_more():
    run = CourseRunFactory(ends_on=YESTERDAY)
    municipality, _members = team_in_run(run, size=1)
    reserve = MunicipalityFactory(programme=run.programme, status=Municipality.Status.RESERVE)
    services.municipality_replace_with_reserve(
        selected=municipality, reserve=reserve, reason="Se retiró"
    )
    state = fees.fee_state_of(municipality, today=TODAY)
    assert (state.team_finished, state.first_due, state.second_due) == (True, False, False)
    assert fees.fee_state_of(reserve, today=TODAY).first_due


def test_the_programme_list_of_fees_due(manager, municipality):
    programme = municipality.programme
    run = CourseRunFactory(programme=programme, ends_on=YESTERDAY)
    team_in_run(run, size=1, municipality=municipality)
    quiet = MunicipalityFactory(programme=programme, name="Sopó")
    MunicipalityFactory(programme=programme, status=Municipality.Status.RESERVE)
    for half in (1, 2):
        milestones.fee_instalment_set(
            municipality=municipality, half=half, status="paid", by=manager,
            invoiced_on=YESTERDAY, paid_on=YESTERDAY,
        )  # fmt: skip
    due = fees.fee_rows(programme, today=TODAY, only_due=True)
    assert [(m.name, m.first_due, m.second_due) for m in due] == [("Sopó", True, False)]
    assert due.get() == quiet
    assert fees.fee_rows(programme, today=TODAY).count() == 3
    assert ProgrammeFactory() and fees.fee_rows(ProgrammeFactory(), today=TODAY).count() == 0


def test_only_the_last_team_assignment_of_the_course_is_the_final_project(project_team):
    run, municipality, members, _manager, early = project_team
    final = assignment_in(run, team_submission=True, title="Proyecto final")
    for assignment in (early, final):
        assignment_services.submission_create(
            user=members[0].user, assignment=assignment, text="Borrador"
        )
    _grade(run, early, municipality)
    assert final_project_of(municipality) is None
    _grade(run, final, municipality)
    assert final_project_of(municipality).grade.assignment == final
