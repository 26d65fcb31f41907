"""The gradebook's pages, exports and API from the outside."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from rest_framework.test import APIRequestFactory, force_authenticate

from assessments import api_gradebook
from assessments.models import Grade, GradeChange
from assessments.services import gradebook as services
from courses import services as courses_services
from programs.models import Role
from tests.assessments.factories import (
    GradeCategoryFactory,
    GradeItemFactory,
    gradebook_in_bulk,
)
from tests.factories import (
    CourseRunFactory,
    MembershipFactory,
    ModuleFactory,
    MunicipalityFactory,
    ProgrammeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
D = Decimal


def _staff(run, role):
    user = UserFactory(full_name=f"{role} del programa")
    MembershipFactory(user=user, municipality=None, programme=run.programme, role=role)
    if role == Role.TUTOR:
        run.tutors.add(user)
    return user


@pytest.fixture
def book():
    """A run on the 0–10 scale: Ana (Tenjo) and Benito (Cota), two items, a tutor and a manager."""
    run = CourseRunFactory(programme=ProgrammeFactory(grade_scale="ten"), title="Cohorte Andina")
    quizzes = GradeCategoryFactory(course=run.course, name="Cuestionarios", weight=40)
    project = GradeCategoryFactory(course=run.course, name="Proyecto final", weight=60)
    module = ModuleFactory(course=run.course, position=1)
    quiz = GradeItemFactory(
        category=quizzes,
        activity__module=module,
        activity__position=1,
        activity__title="Cuestionario 1",
    )
    essay = GradeItemFactory(
        category=project, activity__module=module, activity__position=2, activity__title="Ensayo"
    )
    tenjo = MunicipalityFactory(programme=run.programme, name="Tenjo")
    cota = MunicipalityFactory(programme=run.programme, name="Cota")
    people = {}
    for name, municipality in (("Ana Pérez", tenjo), ("Benito Ruiz", cota)):
        user = MembershipFactory(municipality=municipality, user__full_name=name).user
        people[name], _ = courses_services.enrolment_create(
            user=user, course_run=run, municipality=municipality
        )
    ana, benito = people["Ana Pérez"], people["Benito Ruiz"]
    services.grade_record(
        item=quiz,
        enrolment=ana,
        fraction=D("0.375"),
        release=True,
        feedback="Repase la ley de transparencia.",
    )
    services.grade_record(
        item=essay,
        enrolment=ana,
        fraction=D("0.93"),
        release=False,
        feedback="Borrador: falta el plan.",
    )
    services.grade_record(item=quiz, enrolment=benito, fraction=D("0.9"), release=True)
    services.grade_record(item=essay, enrolment=benito, fraction=D("0.8"), release=True)
    return {
        "run": run,
        "ana": ana,
        "benito": benito,
        "quiz": quiz,
        "essay": essay,
        "tenjo": tenjo,
        "tutor": _staff(run, Role.TUTOR),
        "manager": _staff(run, Role.MANAGER),
    }


def _names(response):
    return [row.name for row in response.context["page"].object_list]


# --- Who sees what ---------------------------------------------------------------------------


def test_staff_pages_are_for_the_runs_tutors_and_its_programmes_managers(client, book):
    run = book["run"]
    grade = Grade.objects.get(enrolment=book["ana"], item=book["quiz"])
    urls = [
        reverse("gradebook_table", args=[run.pk]),
        reverse("gradebook_export", args=[run.pk, "csv"]),
        reverse("gradebook_export", args=[run.pk, "xlsx"]),
        reverse("grade_detail", args=[grade.pk]),
    ]
    other_run = CourseRunFactory(programme=run.programme)
    other_tutor = _staff(other_run, Role.TUTOR)
    other_manager = _staff(CourseRunFactory(), Role.MANAGER)
    for user, expected in [
        (book["tutor"], 200),
        (book["manager"], 200),
        (other_tutor, 404),  # same programme, not their run
        (other_manager, 404),
        (book["ana"].user, 404),
    ]:
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == expected, (user.full_name, url)
    client.logout()
    assert client.get(urls[0]).status_code == 302
    client.force_login(book["tutor"])
    assert client.get(reverse("gradebook_export", args=[run.pk, "pdf"])).status_code == 404


def test_the_learner_sees_only_their_released_grades_and_feedback(client, book):
    url = reverse("my_grades", args=[book["run"].pk])
    client.force_login(book["ana"].user)
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Repase la ley de transparencia." in page
    assert "3,8" in page  # 0.375 on 0–10, half up, Spanish decimal comma
    assert "Borrador: falta el plan." not in page  # a draft's feedback
    assert "9,3" not in page  # a draft's grade
    grades = response.context["grades"]
    # Final so far: (40 × 0.375 + 60 × 0) / 100 = 0.15 → 1.5, not passed.
    assert (grades.final_on_scale, grades.passed) == (D("1.5"), False)
    assert "8,0" not in page and "9,0" not in page  # nothing of Benito's
    # Someone not enrolled in the run gets nothing.
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


def test_the_outline_links_to_my_grades_and_the_run_page_to_the_table(client, book):
    run = book["run"]
    client.force_login(book["ana"].user)
    assert (
        reverse("my_grades", args=[run.pk])
        in client.get(reverse("course_outline", args=[run.pk])).content.decode()
    )
    client.force_login(book["tutor"])
    assert (
        reverse("gradebook_table", args=[run.pk])
        in client.get(reverse("tutor_run", args=[run.pk])).content.decode()
    )


# --- The table -------------------------------------------------------------------------------


def test_the_table_shows_grades_on_the_scale_drafts_marked_and_cells_linked(client, book):
    client.force_login(book["tutor"])
    response = client.get(reverse("gradebook_table", args=[book["run"].pk]))
    page = response.content.decode()
    draft = Grade.objects.get(enrolment=book["ana"], item=book["essay"])
    assert f'href="{reverse("grade_detail", args=[draft.pk])}"><em>9,3</em></a>' in page
    assert "badge-late" in page and "badge-done" in page  # Ana fails, Benito passes (8.4)
    benito = next(r for r in response.context["page"].object_list if r.name == "Benito Ruiz")
    assert benito.final_on_scale == D("8.4")  # 40 × 0.9 + 60 × 0.8 = 84 / 100
    assert all(part in page for part in ('scope="col"', "<caption", 'class="table-scroll"'))


def test_sorting_filtering_and_withdrawn(client, book):
    client.force_login(book["manager"])
    url = reverse("gradebook_table", args=[book["run"].pk])
    assert _names(client.get(url, {"order": "name"})) == ["Ana Pérez", "Benito Ruiz"]
    assert _names(client.get(url, {"order": "-name"})) == ["Benito Ruiz", "Ana Pérez"]
    assert _names(client.get(url)) == ["Benito Ruiz", "Ana Pérez"]  # by municipality: Cota
    assert _names(client.get(url, {"order": "-municipality"})) == ["Ana Pérez", "Benito Ruiz"]
    assert _names(client.get(url, {"order": "-final"})) == ["Benito Ruiz", "Ana Pérez"]
    assert _names(client.get(url, {"order": "final"})) == ["Ana Pérez", "Benito Ruiz"]
    assert _names(client.get(url, {"order": "nonsense"})) == ["Benito Ruiz", "Ana Pérez"]
    response = client.get(url, {"order": "-final"})
    assert 'aria-sort="descending"' in response.content.decode()
    assert _names(client.get(url, {"municipality": book["tenjo"].pk})) == ["Ana Pérez"]
    assert _names(client.get(url, {"q": "benito"})) == ["Benito Ruiz"]
    assert _names(client.get(url, {"q": "nadie"})) == []
    courses_services.enrolment_withdraw(enrolment=book["benito"])
    assert _names(client.get(url)) == ["Ana Pérez"]
    assert _names(client.get(url, {"withdrawn": "1"})) == ["Benito Ruiz", "Ana Pérez"]


# --- Bulk data for size and pagination -------------------------------------------------------


def test_pagination(client):
    run = gradebook_in_bulk(officials=120, items=3)
    tutor = _staff(run, Role.TUTOR)
    client.force_login(tutor)
    url = reverse("gradebook_table", args=[run.pk])
    first = client.get(url, {"order": "name"})
    assert first.context["page"].paginator.count == 120
    assert len(first.context["page"].object_list) == 50
    assert _names(first)[0] == "Oficial 0000"
    third = client.get(url, {"order": "name", "page": 3})
    assert _names(third) == [f"Oficial {n:04d}" for n in range(100, 120)]
    assert 'rel="prev"' in third.content.decode()
    assert "order=name" in third.content.decode()  # the order survives paging


def test_the_table_page_costs_the_same_queries_at_any_size(client, django_assert_max_num_queries):
    counts = []
    for officials, items in ((20, 5), (500, 30)):
        run = gradebook_in_bulk(officials=officials, items=items)
        tutor = _staff(run, Role.TUTOR)
        client.force_login(tutor)
        url = reverse("gradebook_table", args=[run.pk])
        with django_assert_max_num_queries(10) as captured:
            response = client.get(url, {"order": "-final"})
        assert len(response.context["page"].object_list) == min(officials, 50)
        counts.append(len(captured))
    assert counts[0] == counts[1], counts


def test_my_grades_page_costs_the_same_queries_at_any_size(client, django_assert_max_num_queries):
    counts = []
    for items in (5, 30):
        run = gradebook_in_bulk(officials=3, items=items)
        enrolment = run.enrolments.select_related("user").first()
        client.force_login(enrolment.user)
        with django_assert_max_num_queries(8) as captured:
            assert client.get(reverse("my_grades", args=[run.pk])).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts


def test_the_database_agrees_with_the_pure_rule_on_bulk_data(client):
    from assessments import rules
    from assessments.selectors import gradebook as selectors

    run = gradebook_in_bulk(officials=30, items=7)
    table = selectors.grade_table(run, order="-final", page_size=30)
    layout = table.layout
    weights = {c.id: c.weight for c in layout.categories}
    grades = {(g.enrolment_id, g.item_id): g for g in Grade.objects.filter(item__in=layout.items)}
    finals = []
    for row in table.page.object_list:
        expected = rules.course_grade(
            category_weights=weights,
            items=[
                rules.ItemResult(
                    item.category_id,
                    item.weight,
                    grades[row.enrolment_id, item.pk].final_fraction,
                    grades[row.enrolment_id, item.pk].released_at is not None,
                )
                for item in layout.items
            ],
            pass_grade=layout.pass_grade,
        )
        assert row.categories == [expected.categories[c.id] for c in layout.categories]
        assert (row.final, row.passed) == (expected.final, expected.passed)
        finals.append(row.final)
    assert finals == sorted(finals, reverse=True)


# --- Exports ---------------------------------------------------------------------------------


def _csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    delimiter = ";" if ";" in text.splitlines()[0] else ","
    return list(csv.reader(io.StringIO(text[1:]), delimiter=delimiter))


def test_csv_export_in_spanish_holds_the_filtered_rows_released_grades_only(client, book):
    client.force_login(book["manager"])  # prefers Spanish
    url = reverse("gradebook_export", args=[book["run"].pk, "csv"])
    response = client.get(url, {"order": "name"})
    disposition = response["Content-Disposition"]
    assert re.fullmatch(
        r'attachment; filename="calificaciones-cohorte-andina-\d{4}-\d{2}-\d{2}\.csv"', disposition
    )
    header, ana, benito = _csv_rows(response)
    assert header[2] == "Municipio"  # the header speaks the manager's language
    assert header[3:7] == ["Cuestionario 1", "Ensayo", "Cuestionarios", "Proyecto final"]
    assert ana[:3] == ["Ana Pérez", book["ana"].user.email, "Tenjo"]
    assert ana[3:8] == ["3,8", "", "3,8", "0,0", "1,5"]  # the draft essay is not exported
    assert benito[3:8] == ["9,0", "8,0", "9,0", "8,0", "8,4"]
    filtered = _csv_rows(client.get(url, {"municipality": book["tenjo"].pk}))
    assert [row[0] for row in filtered[1:]] == ["Ana Pérez"]


def test_csv_export_in_english_uses_points_and_commas(client, book):
    book["tutor"].preferred_language = "en"
    book["tutor"].save()
    client.force_login(book["tutor"])
    response = client.get(reverse("gradebook_export", args=[book["run"].pk, "csv"]))
    header, benito, ana = _csv_rows(response)  # by municipality: Cota, Tenjo
    assert header[:3] == ["Name", "E-mail", "Municipality"]
    assert header[-2:] == ["Final grade (0–10)", "Result"]
    assert benito[-2:] == ["8.4", "Passed"]
    assert ana[-2:] == ["1.5", "Not passed"]


def test_xlsx_export_holds_numbers_on_the_scale(client, book):
    client.force_login(book["tutor"])
    response = client.get(
        reverse("gradebook_export", args=[book["run"].pk, "xlsx"]), {"order": "-final"}
    )
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][3:5] == ("Cuestionario 1", "Ensayo")
    assert rows[1][:3] == ("Benito Ruiz", book["benito"].user.email, "Cota")
    assert rows[1][3:8] == (9.0, 8.0, 9.0, 8.0, 8.4)
    assert rows[2][3:8] == (3.8, None, 3.8, 0.0, 1.5)
    assert sheet.cell(row=2, column=8).number_format == "0.0"
    assert len(rows) == 3


def test_exports_carry_every_row_of_the_filter_not_one_page(client):
    run = gradebook_in_bulk(officials=130, items=2)
    client.force_login(_staff(run, Role.MANAGER))
    rows = _csv_rows(client.get(reverse("gradebook_export", args=[run.pk, "csv"])))
    assert len(rows) == 131
    assert len({row[1] for row in rows[1:]}) == 130


# --- One grade: history and override ---------------------------------------------------------


def test_an_override_needs_a_reason_and_the_history_shows_who_when_from_to(client, book):
    grade = Grade.objects.get(enrolment=book["ana"], item=book["quiz"])
    url = reverse("grade_detail", args=[grade.pk])
    client.force_login(book["tutor"])
    changes = GradeChange.objects.count()
    refused = client.post(url, {"value": "7,5", "reason": " "})
    assert refused.status_code == 200
    assert refused.context["form"].errors["reason"]
    grade.refresh_from_db()
    assert grade.override_fraction is None and GradeChange.objects.count() == changes
    too_high = client.post(url, {"value": "11", "reason": "Error de captura"})
    assert too_high.context["form"].errors["value"]

    response = client.post(url, {"value": "7,5", "reason": "Error de captura"}, follow=True)
    grade.refresh_from_db()
    assert (grade.override_fraction, grade.final_fraction) == (D("0.75"), D("0.75"))
    change = grade.changes.latest("pk")
    assert (change.changed_by, change.old_fraction, change.new_fraction, change.reason) == (
        book["tutor"],
        D("0.375"),
        D("0.75"),
        "Error de captura",
    )
    history = response.context["history"]
    assert (history[-1]["old"], history[-1]["new"]) == (D("3.8"), D("7.5"))
    page = response.content.decode()
    assert book["tutor"].full_name in page and "Error de captura" in page
    assert timezone.localtime(change.changed_at).strftime("%d/%m/%Y") in page
    # The table counts the override.
    table = client.get(reverse("gradebook_table", args=[book["run"].pk]), {"q": "Ana"})
    (row,) = table.context["page"].object_list
    assert row.categories_on_scale[0] == D("7.5")

    removed = client.post(url, {"remove": "on", "reason": "Se restituye"}, follow=True)
    grade.refresh_from_db()
    assert grade.override_fraction is None and grade.final_fraction == D("0.375")
    assert removed.context["history"][-1]["new"] == D("3.8")


# --- API -------------------------------------------------------------------------------------


def _api(view, user, **kwargs):
    request = APIRequestFactory().get("/", kwargs.pop("query", {}))
    force_authenticate(request, user=user)
    return view(request, **kwargs)


def test_api_learner_grades_released_only_and_own_only(book):
    view = api_gradebook.LearnerGradesApi.as_view()
    ana = book["ana"]
    data = _api(view, ana.user, enrolment_id=ana.pk).data
    quiz, essay = data["categories"][0]["items"][0], data["categories"][1]["items"][0]
    assert (quiz["on_scale"], quiz["feedback"]) == ("3.8", "Repase la ley de transparencia.")
    assert (essay["fraction"], essay["feedback"]) == (None, "")
    assert (data["final"], data["final_on_scale"], data["passed"]) == ("0.1500000", "1.5", False)
    assert _api(view, ana.user, enrolment_id=book["benito"].pk).status_code == 404
    assert _api(view, book["tutor"], enrolment_id=ana.pk).status_code == 200


def test_api_grade_table_is_paginated_and_for_staff(book):
    view = api_gradebook.GradeTableApi.as_view()
    run = book["run"]
    data = _api(
        view,
        book["tutor"],
        course_run_id=run.pk,
        query={"page_size": 1, "page": 2, "order": "-final"},
    ).data
    assert (data["count"], data["num_pages"], data["page"]) == (2, 2, 2)
    (row,) = data["results"]
    assert (row["name"], row["final_on_scale"], row["passed"]) == ("Ana Pérez", "1.5", False)
    assert row["cells"][1]["released"] is False  # staff see the draft, marked
    assert [c["name"] for c in data["layout"]["categories"]] == ["Cuestionarios", "Proyecto final"]
    assert _api(view, book["ana"].user, course_run_id=run.pk).status_code == 404
    bad = _api(view, book["tutor"], course_run_id=run.pk, query={"page_size": 1000})
    assert bad.status_code == 400
