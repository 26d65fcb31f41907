"""Factories for test data; domain rules are exercised through services."""

import datetime
from functools import cache

import factory
from django.contrib.auth.hashers import make_password

from content.models import H5PContent, H5PLibrary, Page
from courses.models import Activity, ActivityKind, Course, CourseRun, Enrolment, Module
from programs.models import Membership, Municipality, Programme, Role, User

PASSWORD = "aula-demo-2026"


@cache
def password_hash() -> str:
    """One hash shared by every test user: hashing per user is slow."""
    return make_password(PASSWORD)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"persona{n}@municipio.example")
    full_name = factory.Sequence(lambda n: f"Persona Número {n}")
    password = factory.LazyFunction(password_hash)
    preferred_language = "es"


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Programa MuNet {n}")
    country = "CO"
    languages = ["es"]
    time_zone = "America/Bogota"
    starts_on = datetime.date(2026, 2, 1)
    ends_on = datetime.date(2027, 4, 30)


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    programme = factory.SubFactory(ProgrammeFactory)
    code = factory.Sequence(lambda n: f"{25000 + n:05d}")
    name = factory.Sequence(lambda n: f"Municipio {n}")
    region = "Cundinamarca"
    status = Municipality.Status.SELECTED


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    programme = factory.SelfAttribute("municipality.programme")
    role = Role.OFFICIAL


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    code = factory.Sequence(lambda n: f"GEM-{n}")
    title = "Gobierno Electrónico Municipal"


class CourseRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CourseRun

    course = factory.SubFactory(CourseFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Cohorte {n}")
    starts_on = datetime.date(2026, 3, 1)
    ends_on = datetime.date(2026, 12, 15)


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Module

    course = factory.SubFactory(CourseFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Módulo {n + 1}")


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    source = "La **transparencia** municipal empieza por publicar."
    html = "<p>La <strong>transparencia</strong> municipal empieza por publicar.</p>"


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    module = factory.SubFactory(ModuleFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Lectura {n + 1}")
    kind = ActivityKind.PAGE
    page = factory.SubFactory(PageFactory)
    nominal_seconds = 2 * 3600


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    user = factory.SubFactory(UserFactory)
    course_run = factory.SubFactory(CourseRunFactory)


class H5PLibraryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = H5PLibrary
        django_get_or_create = ("machine_name", "major_version", "minor_version")

    machine_name = "H5P.TrueFalse"
    major_version = 1
    minor_version = 8
    patch_version = 22
    title = "True/False Question"
    runnable = True


class H5PContentFactory(factory.django.DjangoModelFactory):
    """A content row without files (tests of results and permissions need no player)."""

    class Meta:
        model = H5PContent

    title = "¿Verdadero o falso?"
    main_library = factory.SubFactory(H5PLibraryFactory)
    language = "es"


class H5PActivityFactory(ActivityFactory):
    kind = ActivityKind.H5P
    page = None
    h5p = factory.SubFactory(H5PContentFactory)
    completion_rule = "passed"
    nominal_seconds = 1800
