"""The tutor's grading queue and SpeedGrader: order, filters, navigation, access, queries."""

import datetime
from dataclasses import replace
from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.models import (
    AssignmentGrade,
    Attempt,
    AttemptAnswer,
    Grade,
    QuestionKind,
    Submission,
)
from assessments.selectors import grading_queue as queue
from assessments.selectors.grading_queue import QueueFilters
from assessments.services import assignments as services
from courses.models import Enrolment
from programs.models import Membership, Role, User
from tests.assessments.factories import (
    QuestionFactory,
    QuizFactory,
    QuizSlotFactory,
    assignment_in,
    rubric_for,
    team_in_run,
    tutor_of,
)
from tests.factories import (
    CourseRunFactory,
    MembershipFactory,
    MunicipalityFactory,
    UserFactory,
    password_hash,
)

T0 = datetime.datetime(2026, 6, 1, 12, 0, tzinfo=datetime.UTC)


def at(hours: float) -> datetime.datetime:
    return T0 + datetime.timedelta(hours=hours)


@pytest.fixture
def run(db):
    return CourseRunFactory()


@pytest.fixture
def tutor(run):
    return tutor_of(run, full_name="Tutora Ana María Pérez")


@pytest.fixture
def world(run):
    """Two municipal teams, an individual essay (due at T0+3 h) and the team's final project.

    The queue, oldest first: Beatriz's essay (1 h), team Alfa's project (2 h),
    team Beta's project (4 h, late), Ana's essay version 2 (5 h, late).
    """
    alfa, (ana, alberto) = team_in_run(run, size=2, municipality=MunicipalityFactory(
        programme=run.programme, name="Alfa"))  # fmt: skip
    beta, (beatriz,) = team_in_run(run, size=1, municipality=MunicipalityFactory(
        programme=run.programme, name="Beta"))  # fmt: skip
    essay = assignment_in(run, title="Ensayo", due_at=at(3))
    project = assignment_in(
        run,
        title="Proyecto final",
        team_submission=True,
        due_at=at(3),
        rubric=rubric_for(run.course),
    )

    def submit(enrolment, assignment, hours, text):
        return services.submission_create(
            user=enrolment.user, assignment=assignment, text=text, now=at(hours)
        )

    submit(beatriz, essay, 1, "ensayo de Beatriz")
    submit(alberto, project, 2, "proyecto Alfa")
    submit(ana, essay, 2.5, "ensayo de Ana v1")
    submit(beatriz, project, 4, "proyecto Beta")
    submit(ana, essay, 5, "ensayo de Ana v2")
    return {
        "alfa": alfa,
        "beta": beta,
        "ana": ana,
        "alberto": alberto,
        "beatriz": beatriz,
        "essay": essay,
        "project": project,
    }


def owners(rows) -> list[str]:
    return [row["q_owner"] for row in rows]


def test_the_queue_holds_latest_versions_oldest_first(run, world):
    rows = list(queue.grading_queue(run, QueueFilters()))
    assert [
        (row["q_activity"], row["q_municipality"], row["q_version"], row["q_late"]) for row in rows
    ] == [
        ("Ensayo", "Beta", 1, False),
        ("Proyecto final", "Alfa", 1, False),
        ("Proyecto final", "Beta", 1, True),
        ("Ensayo", "Alfa", 2, True),
    ]
    names = (world["beatriz"].user.full_name, world["ana"].user.full_name)
    assert owners(rows) == [names[0], "Alfa", "Beta", names[1]]


def test_graded_work_leaves_the_queue_and_comes_back_with_a_new_version(run, world, tutor):
    ana, essay = world["ana"], world["essay"]
    services.assignment_grade_save(tutor=tutor, assignment=essay, owner=ana, points=70)
    to_grade = list(queue.grading_queue(run, QueueFilters()))
    drafts = list(queue.grading_queue(run, QueueFilters(status=queue.DRAFT)))
    assert len(to_grade) == 3 and owners(drafts) == [ana.user.full_name]
    assert drafts[0]["q_grade_id"] == AssignmentGrade.objects.get().pk
    assert queue.queue_counts(run, QueueFilters()) == {
        "to_grade": 3,
        "draft": 1,
        "released": 0,
        "late": 1,
    }
    services.submission_create(user=ana.user, assignment=essay, text="v3", now=at(400))
    assert len(list(queue.grading_queue(run, QueueFilters()))) == 4


def test_filters_by_municipality_activity_and_lateness(run, world):
    def pick(**filters):
        rows = queue.grading_queue(run, QueueFilters(**filters))
        return [(row["q_activity"], row["q_municipality"]) for row in rows]

    assert pick(municipality_id=world["alfa"].pk) == [
        ("Proyecto final", "Alfa"),
        ("Ensayo", "Alfa"),
    ]
    assert pick(activity_id=world["project"].activity_id) == [
        ("Proyecto final", "Alfa"),
        ("Proyecto final", "Beta"),
    ]
    assert pick(late=True) == [("Proyecto final", "Beta"), ("Ensayo", "Alfa")]
    assert pick(late=True, municipality_id=world["beta"].pk) == [("Proyecto final", "Beta")]


@pytest.mark.parametrize("status", queue.STATUSES)
@pytest.mark.parametrize("late", [False, True])
def test_the_counts_give_the_length_of_the_queue_under_any_filter(run, world, tutor, status, late):
    ana, essay = world["ana"], world["essay"]
    services.assignment_grade_save(tutor=tutor, assignment=essay, owner=ana, points=70)
    for municipality in (None, world["alfa"], world["beta"]):
        filters = QueueFilters(
            status=status, late=late, municipality_id=municipality and municipality.pk
        )
        counts = queue.queue_counts(run, filters)
        rows = list(queue.grading_queue(run, filters))
        assert queue.queue_length(counts, filters) == len(rows)
        assert counts["late"] == sum(
            1
            for row in queue.grading_queue(run, replace(filters, status=queue.TO_GRADE))
            if row["q_late"]
        )


def test_a_filter_beyond_any_id_finds_nothing_and_the_page_says_so(client, run, world, tutor):
    beyond = 10**30
    assert queue.queue_counts(run, QueueFilters(municipality_id=beyond)) == {
        "to_grade": 0,
        "draft": 0,
        "released": 0,
        "late": 0,
    }
    client.force_login(tutor)
    url = reverse("grading_queue", args=[run.pk])
    assert client.get(url, {"municipality": beyond, "activity": -beyond}).status_code == 200


def test_filters_from_a_query_string_ignore_nonsense():
    filters = QueueFilters.from_query({"status": "bogus", "municipality": "x", "late": "1"})
    assert filters == QueueFilters(late=True)
    assert QueueFilters(status="draft", activity_id=4).as_query() == {
        "status": "draft",
        "activity": 4,
    }


def test_previous_and_next_follow_the_queue_even_after_grading(run, world, tutor):
    rows = list(queue.grading_queue(run, QueueFilters()))
    for index, row in enumerate(rows):
        key = queue.QueueKey(ts=row["q_ts"], kind=row["q_kind"], id=row["q_id"])
        previous, following = queue.neighbours(run, QueueFilters(), key)
        assert (previous and previous["q_id"]) == (rows[index - 1]["q_id"] if index else None)
        assert (following and following["q_id"]) == (
            rows[index + 1]["q_id"] if index + 1 < len(rows) else None
        )
    # The second item is graded: it leaves the queue, but its neighbours stay.
    services.assignment_grade_save(
        tutor=tutor,
        assignment=world["project"],
        owner=world["alfa"],
        rubric_levels=_levels(world["project"], 1, 2),
    )
    key = queue.QueueKey(ts=rows[1]["q_ts"], kind=rows[1]["q_kind"], id=rows[1]["q_id"])
    previous, following = queue.neighbours(run, QueueFilters(), key)
    assert (previous["q_id"], following["q_id"]) == (rows[0]["q_id"], rows[2]["q_id"])
    previous, following = queue.neighbours(run, QueueFilters(late=True), key)
    assert (previous, following["q_id"]) == (None, rows[2]["q_id"])


def _levels(assignment, *positions) -> dict:
    """{criterion id: level id} choosing the level at `positions` (1-based) per criterion."""
    criteria = assignment.rubric.criteria.order_by("position")
    return {c.pk: c.levels.get(position=p).pk for c, p in zip(criteria, positions, strict=True)}


# --- Pages ---------------------------------------------------------------------------


def test_the_queue_page_lists_filters_and_links_to_the_speedgrader(client, run, world, tutor):
    client.force_login(tutor)
    url = reverse("grading_queue", args=[run.pk])
    body = client.get(url, {"late": "1"}).content.decode()
    first = Submission.objects.get(municipality=world["beta"])
    assert reverse("grading_submission", args=[run.pk, first.pk]) + "?late=1" in body
    assert "ensayo de Beatriz" not in body  # rows, not content
    assert body.count('href="/tutor/runs/') >= 2


def test_the_municipality_menu_offers_the_municipalities_with_work(run, world, tutor):
    """Not every municipality of the run: at 5,000 the menu alone weighed 40 KB."""
    team_in_run(run, size=1, municipality=MunicipalityFactory(
        programme=run.programme, name="Cajicá"))  # fmt: skip
    municipalities, _activities = queue.filter_choices(run)
    assert [m.name for m in municipalities] == ["Alfa", "Beta"]

    AssignmentGrade.objects.create(
        assignment=world["project"],
        municipality=world["alfa"],
        submission=Submission.objects.get(municipality=world["alfa"]),
        points=Decimal("80"),
        graded_by=tutor,
        released_at=at(6),
    )  # graded and released: Alfa still has work in the queue (under "Released")
    assert [m.name for m in queue.filter_choices(run)[0]] == ["Alfa", "Beta"]


def test_grading_with_the_rubric_then_save_and_next_keeps_the_filters(client, run, world, tutor):
    client.force_login(tutor)
    project = world["project"]
    alfa = Submission.objects.get(municipality=world["alfa"])
    beta = Submission.objects.get(municipality=world["beta"])
    url = reverse("grading_submission", args=[run.pk, alfa.pk])
    filters = f"?activity={project.activity_id}"
    page = client.get(url + filters)
    assert page.status_code == 200
    assert 'type="radio"' in page.content.decode()
    levels = _levels(project, 2, 3)  # 10 + 30 = 40 of 50
    response = client.post(
        url + filters,
        {
            "form": "grade",
            "action": "next",
            "feedback": "Buen diagnóstico",
            **{f"criterion-{criterion}": level for criterion, level in levels.items()},
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("grading_submission", args=[run.pk, beta.pk]) + filters
    grade = AssignmentGrade.objects.get(municipality=world["alfa"])
    assert (grade.points, grade.feedback, grade.released_at) == (
        Decimal("40"),
        "Buen diagnóstico",
        None,
    )


def test_a_missing_rubric_level_comes_back_with_the_choices_kept(client, run, world, tutor):
    client.force_login(tutor)
    project = world["project"]
    alfa = Submission.objects.get(municipality=world["alfa"])
    first_criterion, level = next(iter(_levels(project, 2, 3).items()))
    response = client.post(
        reverse("grading_submission", args=[run.pk, alfa.pk]),
        {"form": "grade", "action": "save", f"criterion-{first_criterion}": level},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'role="alert"' in body and f'value="{level}" ' in body
    chosen = f'value="{level}" data-points="10.00" aria-describedby="criterion-{first_criterion}"'
    assert f"{chosen} checked" in body
    assert not AssignmentGrade.objects.exists()


def test_release_from_the_speedgrader_and_in_bulk_from_the_queue(client, run, world, tutor):
    client.force_login(tutor)
    ana, beatriz, essay = world["ana"], world["beatriz"], world["essay"]
    latest = Submission.objects.get(enrolment=ana, version=2)
    response = client.post(
        reverse("grading_submission", args=[run.pk, latest.pk]),
        {"form": "grade", "action": "release", "points": "80", "feedback": "Bien"},
    )
    assert response.status_code == 302
    assert Grade.objects.get(enrolment=ana).final_fraction == Decimal("0.8")
    draft = services.assignment_grade_save(tutor=tutor, assignment=essay, owner=beatriz, points=55)
    page = client.get(reverse("grading_queue", args=[run.pk]), {"status": "draft"})
    assert f'name="grade" value="{draft.pk}"' in page.content.decode()
    response = client.post(
        reverse("grading_release", args=[run.pk]), {"grade": [draft.pk], "status": "draft"}
    )
    assert response["Location"] == reverse("grading_queue", args=[run.pk]) + "?status=draft"
    assert Grade.objects.get(enrolment=beatriz).released_at is not None


def test_the_override_form_changes_one_grade_with_a_reason_and_shows_the_history(
    client, run, world, tutor
):
    client.force_login(tutor)
    ana, essay = world["ana"], world["essay"]
    grade = services.assignment_grade_save(tutor=tutor, assignment=essay, owner=ana, points=50)
    services.assignment_grades_release(tutor=tutor, grades=[grade])
    url = reverse(
        "grading_submission", args=[run.pk, Submission.objects.filter(enrolment=ana).last().pk]
    )
    gradebook_grade = Grade.objects.get(enrolment=ana)
    refused = client.post(
        url, {"form": "override", "override-grade": gradebook_grade.pk, "override-points": "65"}
    )
    assert refused.status_code == 200 and 'role="alert"' in refused.content.decode()
    response = client.post(
        url,
        {
            "form": "override",
            "override-grade": gradebook_grade.pk,
            "override-points": "65",
            "override-reason": "Revisión del trabajo",
        },
    )
    assert response.status_code == 302
    body = client.get(url).content.decode()
    assert "Revisión del trabajo" in body and tutor.full_name in body
    gradebook_grade.refresh_from_db()
    assert gradebook_grade.final_fraction == Decimal("0.65")


# --- Who sees what ----------------------------------------------------------------------------


def test_only_the_runs_tutors_see_its_queue_and_grade_in_it(client, run, world, tutor):
    other_run = CourseRunFactory(course=run.course, programme=run.programme)
    stranger = tutor_of(other_run)
    manager = UserFactory()
    MembershipFactory(user=manager, municipality=None, programme=run.programme, role=Role.MANAGER)
    alfa = Submission.objects.get(municipality=world["alfa"])
    essay_draft = services.assignment_grade_save(
        tutor=tutor, assignment=world["essay"], owner=world["beatriz"], points=50
    )
    urls = [
        reverse("grading_queue", args=[run.pk]),
        reverse("grading_submission", args=[run.pk, alfa.pk]),
    ]
    for person in (stranger, manager, world["ana"].user):
        client.force_login(person)
        for url in urls:
            assert client.get(url).status_code == 404
        assert client.post(urls[1], {"form": "grade", "points": "1"}).status_code == 404
        assert (
            client.post(
                reverse("grading_release", args=[run.pk]), {"grade": [essay_draft.pk]}
            ).status_code
            == 404
        )
    client.force_login(stranger)  # through their own run's address: still nothing
    assert (
        client.get(reverse("grading_submission", args=[other_run.pk, alfa.pk])).status_code == 404
    )
    assert (
        client.post(
            reverse("grading_release", args=[other_run.pk]), {"grade": [essay_draft.pk]}
        ).status_code
        == 302
    )
    assert list(queue.grading_queue(other_run, QueueFilters())) == []
    essay_draft.refresh_from_db()
    assert essay_draft.released_at is None


# --- Quiz essays in the same queue ------------------------------------------------------------


def test_quiz_essays_waiting_for_a_tutor_join_the_queue(client, run, world, tutor):
    question = QuestionFactory(kind=QuestionKind.ESSAY, answers=[], category__course=run.course)
    slot = QuizSlotFactory(
        quiz=QuizFactory(activity__module__course=run.course, activity__title="Cuestionario"),
        question=question,
        mark=Decimal("10"),
    )
    attempt = Attempt.objects.create(
        quiz=slot.quiz,
        enrolment=world["alberto"],
        number=1,
        state=Attempt.State.NEEDS_GRADING,
        submitted_at=at(3),
    )
    answer = AttemptAnswer.objects.create(
        attempt=attempt,
        position=1,
        question=question,
        mark=Decimal("10"),
        response={"text": "La interoperabilidad"},
    )
    rows = list(queue.grading_queue(run, QueueFilters()))
    assert [(row["q_kind"], row["q_activity"]) for row in rows][2] == ("essay", "Cuestionario")
    client.force_login(tutor)
    url = reverse("grading_essay", args=[run.pk, answer.pk])
    assert "La interoperabilidad" in client.get(url).content.decode()
    response = client.post(url, {"points": "7,5", "comment": "Bien", "action": "next"})
    assert response.status_code == 302
    beta = Submission.objects.get(municipality=world["beta"])
    assert response["Location"] == reverse("grading_submission", args=[run.pk, beta.pk])
    answer.refresh_from_db()
    assert answer.fraction == Decimal("0.75")


# --- Bounded queries -----------------------------------------------------------------------------


def _many_submissions(run, assignment, count: int) -> list[Submission]:
    """`count` officials of four municipalities, each with one submission (bulk, for speed)."""
    municipalities = [MunicipalityFactory(programme=run.programme) for _ in range(4)]
    users = User.objects.bulk_create(
        User(
            email=f"bulk{n}@municipio.example",
            full_name=f"Funcionaria {n}",
            password=password_hash(),
        )
        for n in range(count)
    )
    Membership.objects.bulk_create(
        Membership(
            user=u, programme=run.programme, municipality=municipalities[n % 4], role=Role.OFFICIAL
        )
        for n, u in enumerate(users)
    )
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(user=u, course_run=run, municipality=municipalities[n % 4])
        for n, u in enumerate(users)
    )
    return Submission.objects.bulk_create(
        Submission(
            assignment=assignment,
            enrolment=e,
            version=1,
            text="trabajo",
            submitted_by=e.user,
            submitted_at=at(n / 10),
            is_late=n % 3 == 0,
        )
        for n, e in enumerate(enrolments)
    )


@pytest.mark.parametrize("size", [20, 200])
def test_the_queue_page_runs_a_fixed_number_of_queries(
    client, run, tutor, size, django_assert_max_num_queries
):
    assignment = assignment_in(run, title="Ensayo")
    _many_submissions(run, assignment, size)
    client.force_login(tutor)
    url = reverse("grading_queue", args=[run.pk])
    with django_assert_max_num_queries(8):  # measured: 8 at both sizes
        response = client.get(url, {"late": "1"})
    assert response.status_code == 200


@pytest.mark.parametrize("size", [20, 200])
def test_the_speedgrader_page_runs_a_fixed_number_of_queries(
    client, run, tutor, size, django_assert_max_num_queries
):
    assignment = assignment_in(run, title="Ensayo", rubric=rubric_for(run.course))
    submissions = _many_submissions(run, assignment, size)
    middle = submissions[size // 2]
    client.force_login(tutor)
    url = reverse("grading_submission", args=[run.pk, middle.pk])
    with django_assert_max_num_queries(14):  # measured: 14 at both sizes
        response = client.get(url)
    assert response.status_code == 200
    assert 'rel="next"' in response.content.decode()
