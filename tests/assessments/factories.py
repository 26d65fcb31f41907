"""Factories for the assessments app (add yours here, below the others)."""

from decimal import Decimal

import factory

from assessments.models import (
    Answer,
    Assignment,
    Question,
    QuestionCategory,
    QuestionKind,
    Quiz,
    QuizSlot,
)
from courses.models import ActivityKind, CompletionRule
from tests.factories import ActivityFactory, CourseFactory


class QuestionCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuestionCategory

    course = factory.SubFactory(CourseFactory)
    name = factory.Sequence(lambda n: f"Categoría {n}")


class QuestionFactory(factory.django.DjangoModelFactory):
    """A single-answer multiple-choice question with three answers, the first right."""

    class Meta:
        model = Question
        skip_postgeneration_save = True

    category = factory.SubFactory(QuestionCategoryFactory)
    kind = QuestionKind.MULTIPLE_CHOICE
    name = factory.Sequence(lambda n: f"Pregunta {n}")
    text = "<p>¿Qué publica primero un municipio transparente?</p>"
    settings = factory.LazyFunction(lambda: {"single": True, "shuffle": False})

    @factory.post_generation
    def answers(self, create, extracted, **kwargs):
        if not create:
            return
        rows = extracted
        if rows is None:
            rows = (
                [("El presupuesto", "1"), ("Nada", "0"), ("Solo las fotos", "0")]
                if self.kind == QuestionKind.MULTIPLE_CHOICE
                else []
            )
        for position, (text, fraction) in enumerate(rows, start=1):
            Answer.objects.create(
                question=self, position=position, text=text, fraction=Decimal(fraction)
            )


class QuizActivityFactory(ActivityFactory):
    kind = ActivityKind.QUIZ
    page = None
    completion_rule = CompletionRule.PASSED
    nominal_seconds = 3600


class QuizFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quiz

    activity = factory.SubFactory(QuizActivityFactory)


class QuizSlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuizSlot

    quiz = factory.SubFactory(QuizFactory)
    position = factory.Sequence(lambda n: n + 1)
    question = factory.SubFactory(
        QuestionFactory, category__course=factory.SelfAttribute("...quiz.activity.module.course")
    )


class AssignmentActivityFactory(ActivityFactory):
    kind = ActivityKind.ASSIGNMENT
    page = None
    completion_rule = CompletionRule.GRADED
    nominal_seconds = 4 * 3600


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    activity = factory.SubFactory(AssignmentActivityFactory)
    instructions = "<p>Redacte la estrategia de gobierno electrónico del municipio.</p>"
    max_points = Decimal("100")


def rubric_for(course, criteria=(("Diagnóstico", (0, 10, 20)), ("Plan de acción", (0, 15, 30)))):
    """A rubric: criteria × levels with points (default: 2 criteria, 50 points in all)."""
    from assessments.services.assignments import rubric_create

    return rubric_create(
        course=course,
        name="Rúbrica del proyecto final",
        criteria=[
            (description, [(f"Nivel {n}", points) for n, points in enumerate(levels, start=1)])
            for description, levels in criteria
        ],
    )


# --- Gradebook ---------------------------------------------------------------------


class GradeCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "assessments.GradeCategory"

    course = factory.SubFactory(CourseFactory)
    name = factory.Sequence(lambda n: f"Categoría de calificación {n}")
    weight = Decimal("1")
    position = factory.Sequence(lambda n: n + 1)


class GradeItemFactory(factory.django.DjangoModelFactory):
    """A quiz activity's gradebook column, in a category of the activity's course."""

    class Meta:
        model = "assessments.GradeItem"

    category = factory.SubFactory(GradeCategoryFactory)
    activity = factory.SubFactory(
        QuizActivityFactory, module__course=factory.SelfAttribute("...category.course")
    )
    weight = Decimal("1")


def gradebook_in_bulk(*, officials: int, items: int, municipalities: int = 4):
    """A run (0–20 scale) with officials × items grades, all made with bulk_create.

    Two categories (40 and 60) alternate over the items (weights 1, 2, 3);
    grades are spread over 0–1 and one in seven is a draft. No per-row
    services: 500 × 30 takes about a second.
    """
    from django.utils import timezone

    from assessments.models import Grade, GradeItem
    from courses.models import Activity, Enrolment
    from programs.models import User
    from tests.factories import (
        CourseRunFactory,
        ModuleFactory,
        MunicipalityFactory,
        ProgrammeFactory,
        password_hash,
    )

    run = CourseRunFactory(programme=ProgrammeFactory(grade_scale="twenty"))
    module = ModuleFactory(course=run.course, position=1)
    activities = Activity.objects.bulk_create(
        Activity(
            module=module,
            position=n + 1,
            title=f"Actividad {n + 1:02d}",
            nominal_seconds=60,
            kind=ActivityKind.QUIZ,
            completion_rule=CompletionRule.PASSED,
        )
        for n in range(items)
    )
    categories = [
        GradeCategoryFactory(course=run.course, name="Cuestionarios", weight=40, position=1),
        GradeCategoryFactory(course=run.course, name="Proyecto", weight=60, position=2),
    ]
    grade_items = GradeItem.objects.bulk_create(
        GradeItem(activity=activity, category=categories[n % 2], weight=1 + n % 3)
        for n, activity in enumerate(activities)
    )
    places = MunicipalityFactory.create_batch(municipalities, programme=run.programme)
    users = User.objects.bulk_create(
        User(
            email=f"o{run.pk}-{n}@municipio.example",
            full_name=f"Oficial {n:04d}",
            password=password_hash(),
        )
        for n in range(officials)
    )
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(user=user, course_run=run, municipality=places[n % municipalities])
        for n, user in enumerate(users)
    )
    now = timezone.now()
    values = [Decimal(n) / 100 for n in range(101)]
    Grade.objects.bulk_create(
        (
            Grade(
                item_id=item.pk,
                enrolment_id=enrolment.pk,
                fraction=values[(n * 37 + i * 11) % 101],
                final_fraction=values[(n * 37 + i * 11) % 101],
                released_at=None if (n + i) % 7 == 0 else now,
                updated_at=now,
            )
            for n, enrolment in enumerate(enrolments)
            for i, item in enumerate(grade_items)
        ),
        batch_size=5000,
    )
    return run


# --- Assignments ---------------------------------------------------------------------

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
DOCX_BYTES = b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 64


def upload(name: str, content: bytes = PDF_BYTES, content_type: str = "application/pdf"):
    """An uploaded file as a view would receive it."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type=content_type)


def team_in_run(run, *, size: int = 3, municipality=None):
    """A municipality of the run's programme with `size` officials enrolled in the run."""
    from courses.services import enrolment_create
    from programs.models import Role
    from tests.factories import MembershipFactory, MunicipalityFactory

    municipality = municipality or MunicipalityFactory(programme=run.programme)
    enrolments = []
    for _number in range(size):
        official = MembershipFactory(municipality=municipality, role=Role.OFFICIAL).user
        enrolment, _created = enrolment_create(
            user=official, course_run=run, municipality=municipality
        )
        enrolments.append(enrolment)
    return municipality, enrolments


def tutor_of(run, **fields):
    """A tutor of the run's programme, assigned to the run."""
    from programs.models import Role
    from tests.factories import MembershipFactory, UserFactory

    user = UserFactory(**fields)
    MembershipFactory(user=user, municipality=None, programme=run.programme, role=Role.TUTOR)
    run.tutors.add(user)
    return user


def assignment_in(run, **settings):
    """An assignment activity in a new module of the run's course, with its assignment."""
    from assessments.services.assignments import assignment_create
    from tests.factories import ModuleFactory

    activity_fields = {
        key: settings.pop(key) for key in ("title", "completion_rule", "nominal_seconds")
        if key in settings
    }  # fmt: skip
    module = ModuleFactory(course=run.course)
    activity = AssignmentActivityFactory(module=module, position=1, **activity_fields)
    settings.setdefault("instructions", "<p>Redacte la estrategia de gobierno electrónico.</p>")
    return assignment_create(activity=activity, **settings)


# --- Quizzes -----------------------------------------------------------------------


def question_make(category, kind, answers=(), *, settings=None, mark="1", **fields):
    """A question of any kind; answers as texts, (text, fraction) or dicts of Answer fields."""
    question = Question.objects.create(
        category=category,
        kind=kind,
        name=fields.pop("name", f"{kind} {Question.objects.count() + 1}"),
        text=fields.pop("text", f"<p>Pregunta de tipo {kind}</p>"),
        default_mark=Decimal(mark),
        settings=settings or {},
        **fields,
    )
    for position, row in enumerate(answers, start=1):
        if isinstance(row, str | tuple):
            row = dict(
                zip(("text", "fraction"), (row,) if isinstance(row, str) else row, strict=False)
            )
        row = dict(row)
        row["fraction"] = Decimal(str(row.get("fraction", "0")))
        if row.get("tolerance") is not None:
            row["tolerance"] = Decimal(str(row["tolerance"]))
        Answer.objects.create(question=question, position=position, **row)
    return question


def quiz_course(**quiz_settings):
    """A run with one quiz activity (1 h, completed by passing), an enrolled official and a tutor.

    Returns a namespace: run, quiz, activity, category, enrolment, official, tutor,
    municipality.
    """
    from types import SimpleNamespace

    from assessments.services import quizzes as quiz_services
    from courses import services as courses_services
    from programs.models import Role
    from tests.factories import (
        CourseRunFactory,
        MembershipFactory,
        ModuleFactory,
        MunicipalityFactory,
        UserFactory,
    )

    run = CourseRunFactory()
    module = ModuleFactory(course=run.course, position=1, title="Transparencia")
    activity = QuizActivityFactory(module=module, position=1, title="Cuestionario de transparencia")
    quiz = quiz_services.quiz_create(activity=activity, **quiz_settings)
    municipality = MunicipalityFactory(programme=run.programme)
    official = MembershipFactory(municipality=municipality).user
    enrolment, _created = courses_services.enrolment_create(
        user=official, course_run=run, municipality=municipality
    )
    tutor = UserFactory(full_name="Tutora Ana María Pérez")
    MembershipFactory(user=tutor, municipality=None, programme=run.programme, role=Role.TUTOR)
    run.tutors.add(tutor)
    category = QuestionCategoryFactory(course=run.course, name="Transparencia")
    return SimpleNamespace(
        run=run,
        quiz=quiz,
        activity=activity,
        category=category,
        enrolment=enrolment,
        official=official,
        tutor=tutor,
        municipality=municipality,
    )
