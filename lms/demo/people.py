"""The demo's people and how far each official has got in the course.

Everything here is computed, deterministically, from fixed lists and seeded
random generators: the same names, e-mails and study plans on every machine
and every run, without touching the database.

The study plans' dates are written for `lms.demo.dates.DEMO_WRITTEN_FOR` (the
last study day a few days before it); `seed_demo` moves them, with every other
demo date, to the day of the first seed.
"""

import datetime
import math
import random
import unicodedata
import zoneinfo
from dataclasses import dataclass
from functools import cache

from django.utils.text import slugify

from lms.demo.assessment import PROJECT_STAGES
from lms.demo.municipalities import PROGRAMME, SELECTED
from lms.demo.run import RUN, activity_keys, activity_seconds
from programs.models import Gender, Role

# Published on purpose: every demo account logs in with it (`seed_demo` refuses to
# load the demo with DEBUG off unless forced).
DEMO_PASSWORD = "aula-demo-2026"  # noqa: S105
TEAM_SIZE = 10
NAMES_SEED = 2026
PROGRESS_SEED = 2027

# --- Names ----------------------------------------------------------------------

FEMALE_NAMES = (
    "María", "Ana María", "Luz Marina", "Claudia", "Sandra", "Diana", "Paola", "Carolina",
    "Natalia", "Ángela", "Lucía", "Sofía", "Valentina", "Daniela", "Yolanda", "Gloria",
    "Martha", "Adriana", "Liliana", "Marcela", "Patricia", "Mónica", "Andrea", "Catalina",
    "Juliana", "Yesenia", "Leidy", "Johana", "Viviana", "Érika", "Mariela", "Nubia",
    "Beatriz", "Inés", "Rocío", "Fabiola", "Ximena", "Tatiana", "Lorena", "Alejandra",
    "Verónica", "Maribel", "Esperanza", "Consuelo", "Stella", "Jimena", "Milena", "Nelly",
    "Carmen", "Rosa", "Edith", "Yaneth", "Doris", "Amparo",
)  # fmt: skip
FEMALE_SECOND_NAMES = (
    "del Pilar", "Fernanda", "Alejandra", "Camila", "Isabel", "Cristina", "Eugenia",
    "Marcela", "Milena", "Patricia", "Lucía", "Andrea", "Victoria", "Elena", "Inés",
)  # fmt: skip
MALE_NAMES = (
    "José", "Juan Carlos", "Carlos", "Luis", "Jorge", "Andrés", "Fernando", "Javier",
    "Alejandro", "Diego", "Óscar", "Sergio", "Camilo", "Julián", "Mauricio", "Hernán",
    "Édgar", "Fabio", "Germán", "Iván", "Rubén", "Hugo", "Álvaro", "Wilson", "Jhon Jairo",
    "Nelson", "Rodrigo", "Gustavo", "Ricardo", "Esteban", "Sebastián", "Santiago",
    "Nicolás", "Felipe", "Raúl", "Héctor", "Jairo", "Orlando", "Gilberto", "Armando",
    "Víctor", "Ramiro", "Efraín", "Yesid", "Jesús", "Martín", "Tomás", "Ángel", "William",
)  # fmt: skip
MALE_SECOND_NAMES = (
    "Alberto", "Andrés", "Felipe", "Eduardo", "Enrique", "David", "Antonio", "Fernando",
    "Mauricio", "Alejandro", "Javier", "Camilo", "Iván", "Darío", "Fabián", "Hernando",
)  # fmt: skip
SURNAMES = (
    "Rodríguez", "Gómez", "González", "Martínez", "García", "López", "Hernández",
    "Sánchez", "Ramírez", "Pérez", "Díaz", "Muñoz", "Rojas", "Moreno", "Jiménez", "Vargas",
    "Castro", "Gutiérrez", "Álvarez", "Romero", "Ortiz", "Suárez", "Torres", "Ruiz", "Ramos",
    "Cárdenas", "Mejía", "Quintero", "Ospina", "Restrepo", "Zapata", "Gaviria", "Cardona",
    "Arango", "Londoño", "Osorio", "Valencia", "Castaño", "Velásquez", "Agudelo", "Peña",
    "Ibáñez", "Castañeda", "Ordóñez", "Cañón", "Montaño", "Núñez", "Patiño", "Beltrán",
    "Parra", "Guzmán", "Salazar", "Acosta", "Benítez", "Cifuentes", "Galindo", "Niño",
    "Bohórquez", "Umaña", "Avendaño", "Barragán", "Sarmiento", "Camargo", "Pinzón",
    "Forero", "Rincón", "Cubillos", "Bermúdez", "Chaparro", "Buitrago", "Jaramillo",
    "Echeverri", "Henao", "Giraldo", "Duque", "Aristizábal", "Montoya", "Mora", "Ríos",
    "León", "Vásquez", "Quiroga", "Espitia", "Fonseca", "Calderón", "Peñaloza",
)  # fmt: skip
SHARE_UNDECLARED_GENDER = 0.12
SHARE_FEMALE = 0.56
SHARE_SECOND_NAME = 0.35


@dataclass(frozen=True)
class DemoPerson:
    email: str
    full_name: str
    gender: str
    role: str
    municipality_code: str = ""

    @property
    def is_coordinator(self) -> bool:
        return self.role == Role.COORDINATOR


STAFF = (
    DemoPerson("gestora@munet.example", "Laura Restrepo Gómez", Gender.FEMALE, Role.MANAGER),
    DemoPerson("gestor@munet.example", "Andrés Felipe Ocampo", Gender.MALE, Role.MANAGER),
    DemoPerson("tutor1@munet.example", "Catalina Mejía Arango", Gender.FEMALE, Role.TUTOR),
    DemoPerson("tutor2@munet.example", "Jorge Iván Quintero Salcedo", Gender.MALE, Role.TUTOR),
    DemoPerson("tutor3@munet.example", "Diana Marcela Suárez Peña", Gender.FEMALE, Role.TUTOR),
    DemoPerson("tutor4@munet.example", "Hernán Darío Castaño Vélez", Gender.MALE, Role.TUTOR),
)
ADMIN = DemoPerson("admin@munet.example", "Administración MuNet Aula", Gender.UNDECLARED, "")


def ascii_word(text: str) -> str:
    """'Ñuñez Ángel' -> 'nunezangel': lowercase ASCII letters only, for e-mail addresses."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(char for char in plain.lower() if char.isalnum())


def municipality_domain(name: str) -> str:
    return f"{slugify(name)}.gov.co"


def _local_part(given: str, first_surname: str, second_surname: str, *, taken: set[str]) -> str:
    """nombre.apellido, else nombre.apellido.apellido, else nombre.apellido2, 3…"""
    first = ascii_word(given.split()[0])
    short = f"{first}.{ascii_word(first_surname)}"
    candidates = [short, f"{short}.{ascii_word(second_surname)}"]
    candidates += (f"{short}{n}" for n in range(2, 100))
    return next(candidate for candidate in candidates if candidate not in taken)


@cache
def officials() -> tuple[DemoPerson, ...]:
    """Ten officials per selected municipality; the first of each team coordinates it."""
    rng = random.Random(NAMES_SEED)
    full_names: set[str] = set()
    people = []
    for municipality in SELECTED:
        domain = municipality_domain(municipality.name)
        local_parts: set[str] = set()
        for index in range(TEAM_SIZE):
            while True:
                female = rng.random() < SHARE_FEMALE
                given = rng.choice(FEMALE_NAMES if female else MALE_NAMES)
                if " " not in given and rng.random() < SHARE_SECOND_NAME:
                    second = rng.choice(FEMALE_SECOND_NAMES if female else MALE_SECOND_NAMES)
                    given = f"{given} {second}"
                first_surname, second_surname = rng.sample(SURNAMES, 2)
                full_name = f"{given} {first_surname} {second_surname}"
                words = full_name.split()
                if full_name not in full_names and len(set(words)) == len(words):
                    break
            full_names.add(full_name)
            local = _local_part(given, first_surname, second_surname, taken=local_parts)
            local_parts.add(local)
            if rng.random() < SHARE_UNDECLARED_GENDER:
                gender = Gender.UNDECLARED
            else:
                gender = Gender.FEMALE if female else Gender.MALE
            people.append(
                DemoPerson(
                    email=f"{local}@{domain}",
                    full_name=full_name,
                    gender=gender,
                    role=Role.COORDINATOR if index == 0 else Role.OFFICIAL,
                    municipality_code=municipality.code,
                )
            )
    return tuple(people)


# --- Study plans --------------------------------------------------------------------

# Every simulated minute of study is one call to `courses.services.study_time_record`
# (several milliseconds each), and an activity takes at least ten of them: these
# shares keep `seed_demo` around a minute while still showing a spread of progress.
SHARE_STUDYING = 0.6
SHARE_ONLY_STARTED = 0.35  # of those studying: started, not yet finished, an activity
# How many finished 1, 2, ... 6 activities: some reach the quiz that closes module 1 (its 6th).
FINISHED_WEIGHTS = (55, 18, 8, 6, 5, 8)
FAR_ALONG = 3  # officials who finished modules 1-8
FAR_ALONG_LAST_MODULE = 8
DEMO_OFFICIAL_INDEX = 1  # the second official of the first municipality: far along
# Three of the demo official's colleagues finished the whole course, with the
# measured study time the rule asks for: once the team's final project is graded,
# they are certified, so a newcomer sees real certificates at once.
GRADUATES = 3
GRADUATE_STUDY_SHARE = 0.52  # measured minutes per activity: 52% of its nominal time
FIRST_STUDY_DAY = RUN.starts_on
LAST_STUDY_DAY = datetime.date(2026, 11, 20)
STUDY_HOURS = (7, 8, 9, 10, 11, 14, 15, 16, 17, 19, 20)


@dataclass(frozen=True)
class Session:
    """One sitting on one activity.

    `finish`: study until the activity's minimum time is reached, then complete
    it, plus `heartbeats` more minutes; otherwise stop after `heartbeats`
    minutes, short of the minimum.
    """

    module: int
    activity: int
    starts_at: datetime.datetime
    heartbeats: int
    finish: bool


@dataclass(frozen=True)
class StudyPlan:
    email: str
    sessions: tuple[Session, ...]
    far_along: bool = False
    graduate: bool = False  # finished the whole course: certified once the project is graded

    @property
    def passes_every_quiz(self) -> bool:
        return self.far_along or self.graduate

    @property
    def finished(self) -> int:
        return sum(session.finish for session in self.sessions)


def _at(rng: random.Random, day: datetime.date) -> datetime.datetime:
    hour, minute = rng.choice(STUDY_HOURS), rng.randint(0, 59)
    return datetime.datetime.combine(
        day, datetime.time(hour, minute), tzinfo=zoneinfo.ZoneInfo(PROGRAMME.time_zone)
    )


def _sessions(rng, keys, *, start, gap_days, extra):
    sessions, day = [], start
    for module, activity, _required in keys:
        if day > LAST_STUDY_DAY:
            return sessions
        sessions.append(Session(module, activity, _at(rng, day), rng.randint(*extra), True))
        day += datetime.timedelta(days=rng.randint(*gap_days))
    return sessions


def _far_along(rng: random.Random) -> list[Session]:
    keys = [
        key
        for key in activity_keys()
        if key[0] <= FAR_ALONG_LAST_MODULE and (key[2] or rng.random() < 0.5)
    ]
    start = FIRST_STUDY_DAY + datetime.timedelta(days=rng.randint(0, 7))
    sessions = _sessions(rng, keys, start=start, gap_days=(2, 5), extra=(0, 1))
    day = sessions[-1].starts_at.date() + datetime.timedelta(days=rng.randint(2, 5))
    sessions.append(Session(FAR_ALONG_LAST_MODULE + 1, 1, _at(rng, day), rng.randint(3, 6), False))
    return sessions


def _graduate(rng: random.Random) -> list[Session]:
    """Every required activity and half the optional ones, each studied for more
    than half its nominal time (the rule asks for 50% measured)."""
    keys = [key for key in activity_keys() if key[2] or rng.random() < 0.5]
    seconds = activity_seconds()
    start = FIRST_STUDY_DAY + datetime.timedelta(days=rng.randint(0, 5))
    sessions, day = [], start
    for module, activity, _required in keys:
        minutes = math.ceil(seconds[(module, activity)] * GRADUATE_STUDY_SHARE / 60)
        sessions.append(Session(module, activity, _at(rng, day), minutes, True))
        day += datetime.timedelta(days=rng.randint(2, 4))
    return sessions


def _beginner(rng: random.Random) -> list[Session]:
    """Started the first activity only, or finished the first one to six (mostly few)."""
    keys = activity_keys()
    start = FIRST_STUDY_DAY + datetime.timedelta(days=rng.randint(0, 235))
    if rng.random() < SHARE_ONLY_STARTED:
        module, activity, _required = keys[0]
        return [Session(module, activity, _at(rng, start), rng.randint(2, 8), False)]
    done = rng.choices(range(1, 7), weights=FINISHED_WEIGHTS)[0]
    sessions = _sessions(rng, keys[:done], start=start, gap_days=(1, 9), extra=(0, 0))
    if rng.random() < SHARE_ONLY_STARTED:
        module, activity, _required = keys[done]
        day = sessions[-1].starts_at.date() + datetime.timedelta(days=rng.randint(1, 9))
        if day <= LAST_STUDY_DAY:
            sessions.append(Session(module, activity, _at(rng, day), rng.randint(2, 6), False))
    return sessions


@cache
def study_plans() -> tuple[StudyPlan, ...]:
    """About 60% of the officials have studied; a few of them are far along."""
    rng = random.Random(PROGRESS_SEED)
    people = officials()
    others = [i for i in rng.sample(range(len(people)), FAR_ALONG + 2) if i != DEMO_OFFICIAL_INDEX]
    far_along = {DEMO_OFFICIAL_INDEX, *others[: FAR_ALONG - 1]}
    graduates = set(graduate_indexes(far_along))
    plans = []
    for index, person in enumerate(people):
        if index in graduates:
            plans.append(StudyPlan(person.email, tuple(_graduate(rng)), graduate=True))
        elif index in far_along:
            plans.append(StudyPlan(person.email, tuple(_far_along(rng)), far_along=True))
        elif rng.random() < SHARE_STUDYING:
            plans.append(StudyPlan(person.email, tuple(_beginner(rng))))
    return tuple(plans)


def graduate_indexes(far_along: set[int]) -> list[int]:
    """The demo official's team mates (not the coordinator) who finished the course."""
    first_team = range(1, 10)  # officials() lists each team, coordinator first
    return [i for i in first_team if i not in far_along][:GRADUATES]


# --- The final team project ------------------------------------------------------------


@cache
def project_teams() -> tuple[tuple[str, str], ...]:
    """(municipality code, stage of its final project) for the far-along officials'
    municipalities, the demo official's first: graded and released, submitted and
    waiting for the tutor, not yet submitted (`lms.demo.assessment.PROJECT_STAGES`)."""
    municipality_of = {person.email: person.municipality_code for person in officials()}
    emails = [officials()[DEMO_OFFICIAL_INDEX].email]
    emails += [plan.email for plan in study_plans() if plan.far_along]
    codes = list(dict.fromkeys(municipality_of[email] for email in emails))
    return tuple(zip(codes, PROJECT_STAGES, strict=False))


def team(code: str) -> tuple[DemoPerson, ...]:
    """A municipality's ten officials, its coordinator first."""
    return tuple(person for person in officials() if person.municipality_code == code)


# --- Logins shown at the end of `seed_demo` ---------------------------------------------

DEMO_LOGINS = {
    "funcionaria/o": officials()[DEMO_OFFICIAL_INDEX].email,
    "coordinador/a": officials()[0].email,
    "tutor/a": STAFF[2].email,
    "gestor/a": STAFF[0].email,
    "administración": ADMIN.email,
}
