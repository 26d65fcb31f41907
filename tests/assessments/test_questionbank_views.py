"""The question bank pages, seen from the outside: who may use them, import, export."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments.models import Question, QuestionCategory
from programs.models import Role
from tests.assessments.factories import QuestionCategoryFactory, QuestionFactory
from tests.factories import (
    CourseRunFactory,
    MembershipFactory,
    MunicipalityFactory,
    ProgrammeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

GIFT = (
    "$CATEGORY: $course$/top/Transparencia\n\n"
    "::Presupuesto:: ¿Quién aprueba el presupuesto? {=El concejo ~El alcalde ~Nadie}\n\n"
    "::Datos abiertos:: Publicar datos abiertos es obligatorio. {T}\n\n"
    "::Hueco:: La capital es {1:SHORTANSWER:=Lima}.\n"
)
MALFORMED = "::Bien:: Pregunta {T}\n\n::Mal:: Sin cerrar {=a ~b\n"


@pytest.fixture
def run():
    return CourseRunFactory()


@pytest.fixture
def course(run):
    return run.course


def make_manager(programme, **extra):
    user = UserFactory(full_name="Laura Restrepo Gómez", **extra)
    MembershipFactory(user=user, municipality=None, programme=programme, role=Role.MANAGER)
    return user


@pytest.fixture
def manager_client(client, run):
    client.force_login(make_manager(run.programme))
    return client


def urls(course) -> list[str]:
    return [
        reverse("questionbank", args=[course.pk]),
        reverse("questionbank_import", args=[course.pk]),
        reverse("questionbank_export", args=[course.pk]),
    ]


def upload(text: str | bytes, name: str = "banco.gift") -> SimpleUploadedFile:
    data = text.encode() if isinstance(text, str) else text
    return SimpleUploadedFile(name, data, content_type="text/plain")


def post_import(client, course, text, **data):
    return client.post(
        reverse("questionbank_import", args=[course.pk]), {"file": upload(text), **data}
    )


def test_anonymous_people_are_sent_to_log_in(client, course):
    for url in urls(course):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert post_import(client, course, GIFT).status_code == 302
    assert not Question.objects.exists()


def test_officials_tutors_and_other_managers_get_404(client, run, course):
    official = MembershipFactory(municipality=MunicipalityFactory(programme=run.programme)).user
    tutor = MembershipFactory(municipality=None, programme=run.programme, role=Role.TUTOR).user
    run.tutors.add(tutor)
    other_manager = make_manager(ProgrammeFactory())
    for user in (official, tutor, other_manager):
        client.force_login(user)
        for url in urls(course):
            assert client.get(url).status_code == 404, (user, url)
        assert post_import(client, course, GIFT).status_code == 404
    assert not Question.objects.exists()


def test_the_manager_imports_a_file_and_sees_the_report(manager_client, course):
    response = manager_client.get(reverse("questionbank_import", args=[course.pk]))
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.content.decode()

    response = post_import(manager_client, course, GIFT)
    assert response.status_code == 200
    html = response.content.decode()
    assert "GIFT (UTF-8)" in html
    assert 'id="unsupported"' in html and "Hueco" in html and "cloze" in html
    category = QuestionCategory.objects.get(course=course, name="Transparencia")
    assert sorted(category.questions.values_list("kind", flat=True)) == [
        "multichoice",
        "truefalse",
    ]


def test_administrators_may_use_any_course(client, course):
    client.force_login(UserFactory(is_staff=True))
    assert post_import(client, course, GIFT).status_code == 200
    assert Question.objects.filter(category__course=course).count() == 2


def test_a_malformed_file_is_refused_with_its_line_and_nothing_is_stored(client, run, course):
    client.force_login(make_manager(run.programme, preferred_language="en"))
    response = post_import(client, course, MALFORMED)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert "Line 3:" in html
    assert not Question.objects.exists()
    assert not QuestionCategory.objects.exists()


def test_importing_into_a_chosen_category(manager_client, course):
    target = QuestionCategoryFactory(course=course, name="Módulo 2")
    response = post_import(manager_client, course, GIFT, category=str(target.pk))
    assert response.status_code == 200
    created = QuestionCategory.objects.get(course=course, name="Transparencia")
    assert created.parent == target


def test_a_category_of_another_course_cannot_be_chosen(manager_client, course):
    elsewhere = QuestionCategoryFactory()
    response = post_import(manager_client, course, GIFT, category=str(elsewhere.pk))
    assert response.status_code == 400
    assert not Question.objects.exists()


def test_the_bank_lists_categories_and_filters_questions(manager_client, course):
    post_import(manager_client, course, GIFT)
    url = reverse("questionbank", args=[course.pk])
    html = manager_client.get(url).content.decode()
    assert "Transparencia" in html and "Presupuesto" in html and "Datos abiertos" in html
    html = manager_client.get(url, {"kind": "truefalse"}).content.decode()
    assert "Datos abiertos" in html and "Presupuesto" not in html


def test_the_export_is_a_gift_file_of_the_course(manager_client, course):
    post_import(manager_client, course, GIFT)
    QuestionFactory(name="De otro curso")
    response = manager_client.get(reverse("questionbank_export", args=[course.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode()
    assert "$CATEGORY: $course$/top/Transparencia" in text
    assert "::Presupuesto::" in text and "De otro curso" not in text


def test_exporting_a_category_of_another_course_is_404(manager_client, course):
    elsewhere = QuestionCategoryFactory()
    url = reverse("questionbank_export", args=[course.pk])
    assert manager_client.get(url, {"category": elsewhere.pk}).status_code == 404


def test_the_bank_page_queries_do_not_grow_with_the_bank(
    manager_client, course, django_assert_max_num_queries
):
    url = reverse("questionbank", args=[course.pk])
    post_import(manager_client, course, GIFT)
    with django_assert_max_num_queries(10):
        assert manager_client.get(url).status_code == 200
    for number in range(30):
        category = QuestionCategoryFactory(course=course, name=f"Tema {number}")
        QuestionFactory(category=category)
    with django_assert_max_num_queries(10):
        assert manager_client.get(url).status_code == 200
