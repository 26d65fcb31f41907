"""Assignments: submission rules, teams, rubric grading, release, completion and audit."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from assessments.models import AssignmentGrade, Grade, GradeChange, Submission
from assessments.selectors import assignments as selectors
from assessments.services import assignments as services
from courses.models import ActivityProgress, CompletionRule, LedgerEntry
from programs.models import Role
from tests.assessments.factories import (
    DOCX_BYTES,
    assignment_in,
    rubric_for,
    team_in_run,
    tutor_of,
    upload,
)
from tests.factories import PASSWORD, CourseRunFactory, MembershipFactory, UserFactory

NOW = datetime.datetime(2026, 6, 1, 15, 0, tzinfo=datetime.UTC)
HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def run(db):
    return CourseRunFactory()


@pytest.fixture
def team(run):
    return team_in_run(run, size=3)


@pytest.fixture
def official(team):
    return team[1][0]


@pytest.fixture
def tutor(run):
    return tutor_of(run, full_name="Tutora Ana María Pérez")


def submit(enrolment, assignment, *, at=NOW, **content):
    return services.submission_create(user=enrolment.user, assignment=assignment, now=at, **content)


# --- What may be submitted ------------------------------------------------------------


def test_text_and_file_rules(run, official):
    text_only = assignment_in(run, accepts_text=True, accepts_files=False)
    files_only = assignment_in(run, accepts_text=False, accepts_files=True)
    with pytest.raises(ValidationError, match="written answer only"):
        submit(official, text_only, files=[upload("plan.pdf")])
    with pytest.raises(ValidationError, match="files only"):
        submit(official, files_only, text="Mi plan")
    with pytest.raises(ValidationError, match="Attach a file"):
        submit(official, files_only)
    assert submit(official, text_only, text="  Mi plan  ").text == "Mi plan"
    assert Submission.objects.count() == 1


def test_file_types_are_checked_by_name_case_insensitively_and_by_content(run, official):
    assignment = assignment_in(
        run, accepts_files=True, allowed_extensions=[".PDF", "docx"], max_files=2
    )
    assert assignment.allowed_extensions == ["docx", "pdf"]
    with pytest.raises(ValidationError, match="not accepted"):
        submit(official, assignment, files=[upload("virus.exe", b"MZ\x90\x00")])
    with pytest.raises(ValidationError, match="does not contain what its name says"):
        submit(official, assignment, files=[upload("informe.pdf", b"MZ\x90\x00 a program")])
    with pytest.raises(ValidationError, match="does not contain what its name says"):
        submit(official, assignment, files=[upload("plan.docx", b"just text, not a zip")])
    with pytest.raises(ValidationError, match="is empty"):
        submit(official, assignment, files=[upload("vacio.pdf", b"")])
    with pytest.raises(ValidationError, match="at most 2 files"):
        submit(official, assignment, files=[upload(f"p{n}.pdf") for n in range(3)])
    submission = submit(
        official, assignment, files=[upload("INFORME.PDF"), upload("Plan.Docx", DOCX_BYTES)]
    )
    assert [f.original_name for f in submission.files.order_by("pk")] == [
        "INFORME.PDF",
        "Plan.Docx",
    ]
    assert Submission.objects.count() == 1


def test_file_size_limit(run, official):
    assignment = assignment_in(run, accepts_files=True, max_file_bytes=100)
    with pytest.raises(ValidationError, match="too large"):
        submit(official, assignment, files=[upload("grande.pdf", b"%PDF-" + b"x" * 200)])
    assert not Submission.objects.exists()


def test_without_a_list_of_types_office_documents_pass_and_programs_do_not(run, official):
    assignment = assignment_in(run, accepts_files=True)
    with pytest.raises(ValidationError, match="not accepted"):
        submit(official, assignment, files=[upload("setup.exe", b"MZ")])
    assert submit(official, assignment, files=[upload("plan.docx", DOCX_BYTES)]).version == 1


# --- Dates, lateness, versions ----------------------------------------------------------


def test_late_after_due_and_refused_after_cutoff(run, official):
    assignment = assignment_in(run, due_at=NOW, cutoff_at=NOW + 24 * HOUR)
    on_time = submit(official, assignment, text="v1", at=NOW - HOUR)
    late = submit(official, assignment, text="v2", at=NOW + HOUR)
    assert (on_time.is_late, late.is_late) == (False, True)
    with pytest.raises(ValidationError, match="cut-off"):
        submit(official, assignment, text="v3", at=NOW + 25 * HOUR)
    assert Submission.objects.count() == 2


def test_an_extension_moves_the_due_date_and_the_cutoff(run, team, tutor):
    _municipality, (first, second, _third) = team
    assignment = assignment_in(run, due_at=NOW, cutoff_at=NOW + 2 * HOUR)
    with pytest.raises(ValidationError, match="reason"):
        services.extension_grant(
            tutor=tutor, assignment=assignment, enrolment=first, due_at=NOW + 48 * HOUR, reason=" "
        )
    services.extension_grant(
        tutor=tutor,
        assignment=assignment,
        enrolment=first,
        due_at=NOW + 48 * HOUR,
        reason="Enfermedad",
    )
    assert submit(first, assignment, text="a tiempo", at=NOW + 24 * HOUR).is_late is False
    assert submit(first, assignment, text="tarde", at=NOW + 47 * HOUR).is_late is False
    with pytest.raises(ValidationError, match="cut-off"):
        submit(second, assignment, text="sin prórroga", at=NOW + 24 * HOUR)
    view = selectors.learner_assignment(first, assignment, now=NOW)
    assert view.deadlines.due_at == NOW + 48 * HOUR
    assert view.deadlines.cutoff_at == NOW + 48 * HOUR


def test_only_a_tutor_of_the_run_grants_extensions(run, official):
    assignment = assignment_in(run, due_at=NOW)
    other_tutor = tutor_of(CourseRunFactory(course=run.course, programme=run.programme))
    with pytest.raises(PermissionDenied):
        services.extension_grant(
            tutor=other_tutor,
            assignment=assignment,
            enrolment=official,
            due_at=NOW + HOUR,
            reason="x",
        )


def test_resubmission_adds_versions_when_allowed(run, official):
    assignment = assignment_in(run, allow_resubmission=True)
    submit(official, assignment, text="primera", at=NOW)
    submit(official, assignment, text="segunda", at=NOW + HOUR)
    view = selectors.learner_assignment(official, assignment, now=NOW + HOUR)
    assert [v.version for v in view.versions] == [2, 1]
    assert view.latest.text == "segunda"
    assert view.can_submit


def test_a_second_submit_is_refused_without_resubmission(run, official):
    assignment = assignment_in(run, allow_resubmission=False)
    submit(official, assignment, text="única", at=NOW)
    with pytest.raises(ValidationError, match="does not accept a new version"):
        submit(official, assignment, text="otra", at=NOW + HOUR)
    view = selectors.learner_assignment(official, assignment, now=NOW + HOUR)
    assert not view.can_submit and "new version" in view.why_not


def test_a_double_click_yields_one_version(run, official):
    assignment = assignment_in(run, accepts_files=True, allow_resubmission=False)
    first = submit(official, assignment, text="plan", files=[upload("plan.pdf")], at=NOW)
    again = submit(
        official,
        assignment,
        text="plan",
        files=[upload("plan.pdf")],
        at=NOW + datetime.timedelta(seconds=2),
    )
    assert again.pk == first.pk
    assert Submission.objects.count() == 1 and first.files.count() == 1


def test_the_same_content_later_or_different_content_at_once_is_a_new_version(run, official):
    assignment = assignment_in(run)
    submit(official, assignment, text="plan", at=NOW)
    submit(official, assignment, text="plan corregido", at=NOW + datetime.timedelta(seconds=1))
    submit(official, assignment, text="plan corregido", at=NOW + HOUR)
    assert Submission.objects.count() == 3


def test_a_refused_submit_leaves_no_file_behind(run, official, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assignment = assignment_in(run, accepts_files=True, cutoff_at=NOW - HOUR)
    with pytest.raises(ValidationError):
        submit(official, assignment, files=[upload("plan.pdf")])
    assert not any(path.is_file() for path in tmp_path.rglob("*"))


def test_only_people_enrolled_in_the_course_submit(run, official):
    assignment = assignment_in(run)
    with pytest.raises(PermissionDenied):
        services.submission_create(user=UserFactory(), assignment=assignment, text="x")


# --- Teams ---------------------------------------------------------------------------------


def test_any_member_submits_for_the_team_and_all_see_it(run, team):
    municipality, (first, second, third) = team
    assignment = assignment_in(run, team_submission=True)
    submit(first, assignment, text="borrador del equipo", at=NOW)
    submit(second, assignment, text="versión final del equipo", at=NOW + HOUR)
    for member in (first, second, third):
        view = selectors.learner_assignment(member, assignment, now=NOW + HOUR)
        assert view.owner == municipality
        assert [(v.version, v.submitted_by) for v in view.versions] == [
            (2, second.user),
            (1, first.user),
        ]
    assert Submission.objects.filter(municipality=municipality, enrolment=None).count() == 2
    other_team = team_in_run(run, size=1)[1][0]
    assert selectors.learner_assignment(other_team, assignment).versions == []


def test_a_former_member_no_longer_submits_for_the_team(run, team):
    _municipality, (first, *_rest) = team
    assignment = assignment_in(run, team_submission=True)
    membership = first.user.memberships.get()
    membership.ended_on = datetime.date(2026, 5, 1)
    membership.save()
    with pytest.raises(PermissionDenied, match="team"):
        submit(first, assignment, text="x")


def test_submitting_completes_a_submitted_activity_for_every_member(run, team):
    _municipality, members = team
    assignment = assignment_in(run, team_submission=True, completion_rule=CompletionRule.SUBMITTED)
    submit(members[0], assignment, text="estrategia")
    for member in members:
        member.refresh_from_db()
        assert member.credited_seconds == assignment.activity.nominal_seconds
    assert LedgerEntry.objects.filter(activity=assignment.activity).count() == 3


def test_a_team_is_graded_once_and_the_grade_applies_to_each_member(run, team, tutor):
    municipality, members = team
    assignment = assignment_in(run, team_submission=True, max_points=Decimal("20"))
    submit(members[2], assignment, text="estrategia municipal", at=NOW)
    with pytest.raises(ValidationError, match="team assignment"):
        services.assignment_grade_save(
            tutor=tutor, assignment=assignment, owner=members[0], points=10
        )
    grade = services.assignment_grade_save(
        tutor=tutor, assignment=assignment, owner=municipality, points=15, feedback="Muy bien"
    )
    assert AssignmentGrade.objects.count() == 1
    assert grade.submission.version == 1
    assert services.assignment_grades_release(tutor=tutor, grades=[grade]) == 1
    grades = Grade.objects.filter(item__activity=assignment.activity)
    assert sorted(g.enrolment_id for g in grades) == sorted(m.pk for m in members)
    assert {(g.final_fraction, g.feedback, g.released_at is not None) for g in grades} == {
        (Decimal("0.75"), "Muy bien", True)
    }


# --- Grading ---------------------------------------------------------------------------------


def test_rubric_points_are_the_sum_of_the_levels_and_the_fraction_uses_the_rubric_maximum(
    run, official, tutor
):
    rubric = rubric_for(run.course)  # 20 + 30 = 50 points at most
    assignment = assignment_in(run, rubric=rubric)
    submit(official, assignment, text="plan")
    criteria = list(rubric.criteria.order_by("position"))
    diagnosis, plan = (list(c.levels.order_by("position")) for c in criteria)
    with pytest.raises(ValidationError, match="every criterion"):
        services.assignment_grade_save(
            tutor=tutor, assignment=assignment, owner=official, rubric_levels={criteria[0].pk: 1}
        )
    with pytest.raises(ValidationError, match="every criterion"):  # a level of another criterion
        services.assignment_grade_save(
            tutor=tutor,
            assignment=assignment,
            owner=official,
            rubric_levels={criteria[0].pk: plan[0].pk, criteria[1].pk: plan[1].pk},
        )
    grade = services.assignment_grade_save(
        tutor=tutor,
        assignment=assignment,
        owner=official,
        rubric_levels={str(criteria[0].pk): diagnosis[1].pk, criteria[1].pk: plan[2].pk},
        points=99,  # ignored: the rubric decides
    )
    assert grade.points == Decimal("40")
    assert grade.rubric_levels == {
        str(criteria[0].pk): diagnosis[1].pk,
        str(criteria[1].pk): plan[2].pk,
    }
    services.assignment_grades_release(tutor=tutor, grades=[grade])
    assert Grade.objects.get(enrolment=official).final_fraction == Decimal("0.8")


def test_points_must_be_within_the_maximum(run, official, tutor):
    assignment = assignment_in(run, max_points=Decimal("10"))
    submit(official, assignment, text="x")
    for bad in (None, "abc", -1, 11):
        with pytest.raises(ValidationError):
            services.assignment_grade_save(
                tutor=tutor, assignment=assignment, owner=official, points=bad
            )
    assert not AssignmentGrade.objects.exists()


def test_only_tutors_of_the_learners_run_grade(run, official):
    assignment = assignment_in(run)
    submit(official, assignment, text="x")
    other_run = CourseRunFactory(course=run.course, programme=run.programme)
    manager = UserFactory()
    MembershipFactory(user=manager, municipality=None, programme=run.programme, role=Role.MANAGER)
    for person in (tutor_of(other_run), manager, official.user):
        with pytest.raises(PermissionDenied):
            services.assignment_grade_save(
                tutor=person, assignment=assignment, owner=official, points=50
            )
    assert not AssignmentGrade.objects.exists()


def test_drafts_are_invisible_to_learners_until_released(client, run, official, tutor):
    assignment = assignment_in(run, max_points=Decimal("10"))
    submit(official, assignment, text="mi estrategia")
    grade = services.assignment_grade_save(
        tutor=tutor, assignment=assignment, owner=official, points=7, feedback="Falta el plan"
    )
    assert selectors.learner_assignment(official, assignment).grade is None
    assert not Grade.objects.exists()
    client.login(username=official.user.email, password=PASSWORD)
    url = reverse("activity", args=[run.pk, assignment.activity_id])
    assert "Falta el plan" not in client.get(url).content.decode()
    services.assignment_grades_release(tutor=tutor, grades=[grade])
    assert selectors.learner_assignment(official, assignment).grade == grade
    page = client.get(url).content.decode()
    assert "Falta el plan" in page and 'id="assignment-grade"' in page


def test_release_completes_the_activity_and_credits_its_hours(run, team, tutor):
    municipality, members = team
    assignment = assignment_in(run, team_submission=True, completion_rule=CompletionRule.GRADED)
    submit(members[0], assignment, text="estrategia")
    grade = services.assignment_grade_save(
        tutor=tutor, assignment=assignment, owner=municipality, points=30
    )
    assert not ActivityProgress.objects.filter(completed_at__isnull=False).exists()
    services.assignment_grades_release(tutor=tutor, grades=[grade])
    assert services.assignment_grades_release(tutor=tutor, grades=[grade]) == 0  # idempotent
    for member in members:
        member.refresh_from_db()
        assert member.credited_seconds == assignment.activity.nominal_seconds
        progress = ActivityProgress.objects.get(enrolment=member, activity=assignment.activity)
        assert progress.completion_source == "graded"  # 30 % is below the pass mark


def test_regrading_after_release_updates_every_member_and_is_audited(run, team, tutor):
    municipality, members = team
    assignment = assignment_in(run, team_submission=True)
    submit(members[0], assignment, text="estrategia")
    grade = services.assignment_grade_save(
        tutor=tutor, assignment=assignment, owner=municipality, points=50
    )
    services.assignment_grades_release(tutor=tutor, grades=[grade])
    services.assignment_grade_save(
        tutor=tutor, assignment=assignment, owner=municipality, points=80, feedback="Mejor"
    )
    for member in members:
        grade_row = Grade.objects.get(enrolment=member)
        assert grade_row.final_fraction == Decimal("0.8") and grade_row.feedback == "Mejor"
        changes = list(grade_row.changes.values_list("what", "old_fraction", "new_fraction"))
        assert changes == [
            ("assignment", None, Decimal("0.5")),
            ("released", Decimal("0.5"), Decimal("0.5")),
            ("assignment", Decimal("0.5"), Decimal("0.8")),
        ]
    assert set(GradeChange.objects.values_list("changed_by", flat=True)) == {tutor.pk}


def test_an_override_needs_a_reason_and_is_audited(run, official, tutor):
    assignment = assignment_in(run)
    submit(official, assignment, text="x")
    grade = services.assignment_grade_save(
        tutor=tutor, assignment=assignment, owner=official, points=40
    )
    services.assignment_grades_release(tutor=tutor, grades=[grade])
    gradebook_grade = Grade.objects.get(enrolment=official)
    with pytest.raises(ValidationError, match="reason"):
        services.assignment_grade_override(
            tutor=tutor, grade=gradebook_grade, points=60, reason="", assignment=assignment
        )
    services.assignment_grade_override(
        tutor=tutor, grade=gradebook_grade, points=60, reason="Revisión", assignment=assignment
    )
    change = GradeChange.objects.filter(grade=gradebook_grade).last()
    assert (change.what, change.old_fraction, change.new_fraction, change.reason) == (
        "overridden",
        Decimal("0.4"),
        Decimal("0.6"),
        "Revisión",
    )
    view = selectors.learner_assignment(official, assignment)
    assert view.override_points == Decimal("60.00")


# --- Pages: the official's panel, submitting and files --------------------------------------


def test_the_panel_submits_text_and_files_without_javascript(client, run, official):
    assignment = assignment_in(run, accepts_files=True, title="Estrategia municipal")
    client.login(username=official.user.email, password=PASSWORD)
    page = client.get(reverse("activity", args=[run.pk, assignment.activity_id]))
    assert 'enctype="multipart/form-data"' in page.content.decode()
    response = client.post(
        reverse("assignment_submit", args=[run.pk, assignment.activity_id]),
        {"text": "Nuestro plan", "files": [upload("plan.pdf")]},
    )
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.text == "Nuestro plan" and submission.files.count() == 1
    page = client.get(response["Location"]).content.decode()
    assert reverse("submission_file", args=[submission.files.get().pk]) in page


def test_a_refused_submit_comes_back_with_the_message_and_the_text(client, run, official):
    assignment = assignment_in(run, accepts_files=True)
    client.login(username=official.user.email, password=PASSWORD)
    response = client.post(
        reverse("assignment_submit", args=[run.pk, assignment.activity_id]),
        {"text": "Texto que no se pierde", "files": [upload("virus.exe", b"MZ")]},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Texto que no se pierde" in body and "virus.exe" in body
    assert not Submission.objects.exists()


def test_files_are_downloaded_by_their_team_and_tutor_only(client, run, team, tutor):
    _municipality, members = team
    assignment = assignment_in(run, team_submission=True, accepts_files=True)
    file_id = submit(members[0], assignment, files=[upload("plan.pdf")]).files.get().pk
    url = reverse("submission_file", args=[file_id])
    for person in (members[1].user, tutor):
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    stranger_run = CourseRunFactory(course=run.course, programme=run.programme)
    for person in (team_in_run(run, size=1)[1][0].user, tutor_of(stranger_run)):
        client.force_login(person)
        assert client.get(url).status_code == 404


def test_a_feedback_file_is_seen_once_released(client, run, official, tutor):
    assignment = assignment_in(run)
    submit(official, assignment, text="x")
    grade = services.assignment_grade_save(
        tutor=tutor,
        assignment=assignment,
        owner=official,
        points=70,
        feedback_file=upload("comentarios.pdf"),
    )
    url = reverse("assignment_feedback_file", args=[grade.pk])
    client.force_login(official.user)
    assert client.get(url).status_code == 404
    services.assignment_grades_release(tutor=tutor, grades=[grade])
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("versions", [1, 8])
def test_the_activity_page_of_an_assignment_runs_a_fixed_number_of_queries(
    client, run, team, tutor, versions, django_assert_max_num_queries
):
    municipality, members = team
    assignment = assignment_in(
        run, team_submission=True, accepts_files=True, rubric=rubric_for(run.course)
    )
    for number in range(versions):
        submit(members[number % 3], assignment, text=f"v{number}", files=[upload("p.pdf")],
               at=NOW + number * HOUR)  # fmt: skip
    levels = {c.pk: c.levels.last().pk for c in assignment.rubric.criteria.all()}
    grade = services.assignment_grade_save(
        tutor=tutor, assignment=assignment, owner=municipality, rubric_levels=levels
    )
    services.assignment_grades_release(tutor=tutor, grades=[grade])
    client.force_login(members[0].user)
    with django_assert_max_num_queries(23):  # measured: 23 at both sizes (9 for the panel)
        page = client.get(reverse("activity", args=[run.pk, assignment.activity_id]))
    assert page.content.decode().count('href="/assignments/files/') == versions
