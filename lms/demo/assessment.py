"""The demo course's assessment dates and how the demo's people do in it.

The quizzes, the question bank, the final project and its rubric are in the
course package (`coursepacks/gem-100`): quizzes 1–9 draw five questions at random
from their module's category; the final project is one submission per municipal
team, graded by a tutor with a four-criterion rubric. Here are only what a run
adds: the dates, and the simulated answers, submissions and grades.

Who answers what is computed from seeded random generators, as the study plans
are (`lms.demo.people`): the same results on every machine and every run. The
teams' texts are fictitious work written for the demo, not documents of the
municipalities named.

The dates are written for `lms.demo.dates.DEMO_WRITTEN_FOR`; `seed_demo` moves
them to the day of the first seed.
"""

# Instructions and submitted texts are paragraphs: they cannot be wrapped at 100.
# ruff: noqa: E501

import datetime
import random
import zoneinfo
from dataclasses import dataclass
from decimal import Decimal

from lms.demo.municipalities import PROGRAMME, DemoMunicipality

_TZ = zoneinfo.ZoneInfo(PROGRAMME.time_zone)


def _at(month: int, day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=_TZ)


# --- Quizzes ------------------------------------------------------------------------

QUIZ_QUESTIONS = 5
QUIZ_ATTEMPTS = 2
QUIZ_PASS = Decimal("0.600")
# The quizzes close with the run (its last day, 11 December 2026 as written): then
# the learners' reviews show the right answers too.
QUIZ_CLOSES_AT = _at(12, 11, 23, 59)


# Simulated learners: how many of the five questions they get right.
QUIZ_SEED = 2028
FIRST_ATTEMPT_RIGHT = {5: 24, 4: 30, 3: 20, 2: 16, 1: 10}  # weights; 3 of 5 passes
STARTED_ANSWERS = 2  # answers saved in an attempt started and left for later


@dataclass(frozen=True)
class DemoAttempt:
    """One attempt: whether each question (in the attempt's order) is answered right,
    and how many minutes it takes from start to submission."""

    right: tuple[bool, ...]
    minutes: int

    @property
    def fraction(self) -> Decimal:
        return Decimal(sum(self.right)) / len(self.right)

    @property
    def passed(self) -> bool:
        return self.fraction >= QUIZ_PASS


def quiz_attempts(
    email: str, module: int, *, far_along: bool, questions: int = QUIZ_QUESTIONS
) -> tuple[DemoAttempt, ...]:
    """The attempts a person makes at a module's quiz once they reach it.

    Most pass at the first attempt. Of those who fail, most pass at the second,
    some fail it too and some leave the second attempt for later; the far-along
    officials always pass at the second.
    """
    rng = random.Random(f"{QUIZ_SEED}:{email}:{module}")
    counts = [rng.choices(list(FIRST_ATTEMPT_RIGHT), weights=FIRST_ATTEMPT_RIGHT.values())[0]]
    if Decimal(counts[0]) / questions < QUIZ_PASS:
        roll = rng.random()
        if far_along or roll < 0.5:
            counts.append(rng.choice((3, 4, 5)))
        elif roll < 0.75:
            counts.append(rng.choice((1, 2)))
    return tuple(
        DemoAttempt(
            right=tuple(rng.sample([True] * count + [False] * (questions - count), questions)),
            minutes=rng.randint(5, 15),
        )
        for count in counts
    )


# --- The final project ---------------------------------------------------------------


# The project's dates (its instructions, rubric and settings are in the course package).
PROJECT_DUE_AT = _at(12, 4, 23, 59)
PROJECT_CUTOFF_AT = _at(12, 18, 23, 59)

PROJECT_SEED = 2029

# What happens to the project of the far-along officials' municipalities, in order
# (the demo official's first): graded and released, submitted and waiting for the
# tutor, not yet submitted.
GRADED, SUBMITTED, NOT_SUBMITTED = "graded", "submitted", "not_submitted"
PROJECT_STAGES = (GRADED, SUBMITTED, NOT_SUBMITTED)


@dataclass(frozen=True)
class DemoVersion:
    at: datetime.datetime
    text: str


@dataclass(frozen=True)
class DemoProjectGrade:
    levels: tuple[int, ...]  # the chosen level of each criterion, from 0
    feedback: str
    graded_at: datetime.datetime
    released_at: datetime.datetime


def _thousands(number: int) -> str:
    """146000 → "146 000", as the course writes numbers."""
    return f"{number:,}".replace(",", " ")


def _strategy(m: DemoMunicipality, *, final: bool) -> str:
    """The team's strategy, its figures varying (deterministically) by municipality."""
    rng = random.Random(f"{PROJECT_SEED}:{m.code}")
    households = round(m.population / 3.4 / 100) * 100
    scores = [rng.randint(2, 4), rng.randint(1, 3), rng.randint(1, 2)]
    scores += [rng.randint(0, 2), rng.randint(0, 2), rng.randint(1, 2)]
    survey, wish, offline = rng.randint(150, 260), rng.randint(55, 72), rng.randint(30, 55)
    paid_online, days, published = rng.randint(3, 9), rng.randint(11, 18), rng.randint(40, 65)
    budget, operation = rng.randint(25, 52) * 10, rng.randint(35, 50)
    heading = (
        f"Estrategia de gobierno electrónico de {m.name} ({m.department}), 2027-2030. Versión final."
        if final
        else f"Estrategia de gobierno electrónico de {m.name} ({m.department}), 2027-2030. Borrador para la revisión del tutor."
    )
    text = f"""\
{heading}

1. Diagnóstico
{m.name} tiene unos {_thousands(m.population)} habitantes (cerca de {_thousands(households)} hogares). El autodiagnóstico del módulo 1 dio {scores[0]} de 5 en conectividad, {scores[1]} de 5 en información y transparencia, {scores[2]} de 5 en trámites y servicios, {scores[3]} de 3 en participación, {scores[4]} de 4 en datos y territorio y {scores[5]} de 3 en personas y organización. Cronometramos el certificado de residencia: dos visitas, cuatro documentos y cinco días hábiles. En la encuesta de ventanilla ({survey} respuestas), el {wish} % pidió pagar el predial y pedir certificados sin venir a la alcaldía, y el {offline} % de quienes viven en veredas dijo no tener internet en casa.

2. Visión
En 2030, cualquier persona de {m.name} podrá pagar sus impuestos, pedir sus certificados y presentar una petición sin tener que venir a la alcaldía, y quien no tenga internet lo hará con ayuda en un punto de atención asistida.

3. Objetivos e indicadores
- Trámites: certificado de residencia en 1 día hábil (línea base: 5; fuente: radicación; responsable: Secretaría de Gobierno).
- Pagos: 30 % del predial pagado en línea (línea base: {paid_online} %; fuente: Tesorería).
- Peticiones: respuesta en 8 días hábiles en promedio (línea base: {days}; fuente: sistema de PQRSD).
- Transparencia: sección de transparencia completa y al día (línea base: {published} % de los ítems)."""
    if not final:
        return text + "\n\nPendiente: proyectos, presupuesto, gobernanza y seguimiento."
    return (
        text
        + f"""
- Satisfacción: 4 de 5 en la encuesta al cerrar el trámite (línea base pendiente: la mediremos en el primer trimestre de 2027).

4. Proyectos y hoja de ruta
Año 1 (victorias tempranas): esquema de publicación y portal al día en MuniPortal; certificado de residencia y paz y salvo en línea con MuniServi; PQRSD en un único sistema. Año 2: predial e industria y comercio con pago electrónico; firma electrónica de certificados. Año 3: inventario de activos de información y primeros datos abiertos; presupuesto participativo en MuniParticipa. Año 4: interoperabilidad entre catastro, planeación y tesorería.

5. Presupuesto
Costo estimado en cuatro años: {budget} millones de pesos, de los cuales el {operation} % es operación (conectividad, soporte y capacitación). Fuentes: recursos propios, Sistema General de Participaciones y un proyecto con el Ministerio TIC.

6. Gobernanza
Aprueba y revisa cada trimestre el comité institucional de gestión y desempeño. Lidera la secretaria de planeación, con enlaces en las ocho secretarías. Proyecto de decreto de adopción entregado a la oficina jurídica.

7. Riesgos
Cambio de gobierno (adopción por decreto y presentación al concejo); proveedor único (formatos abiertos y entrega de los datos en los contratos); conectividad rural (puntos asistidos en la biblioteca y en dos corregimientos).

8. Participación y seguimiento
Consulta de la estrategia en MuniParticipa y en la emisora comunitaria; informe semestral público de los indicadores; rendición de cuentas anual con las preguntas y respuestas publicadas.

Anexos (en la carpeta compartida del equipo): autodiagnóstico, matriz de transparencia activa e inventario de activos de información."""
    )


def project_versions(m: DemoMunicipality, stage: str) -> tuple[DemoVersion, ...]:
    """What the team submits: a draft and the final version (graded), only the final
    version (waiting for the tutor), or nothing yet."""
    if stage == GRADED:
        return (
            DemoVersion(_at(10, 30, 16, 40), _strategy(m, final=False)),
            DemoVersion(_at(11, 13, 17, 5), _strategy(m, final=True)),
        )
    if stage == SUBMITTED:
        return (DemoVersion(_at(11, 19, 15, 30), _strategy(m, final=True)),)
    return ()


PROJECT_GRADE = DemoProjectGrade(
    levels=(3, 2, 3, 2),  # 25 + 18 + 30 + 14 = 87 of 100
    feedback=(
        "Muy buen trabajo de todo el equipo. El diagnóstico es sólido: parte del autodiagnóstico "
        "y de mediciones propias, y el recorrido cronometrado del certificado de residencia es "
        "un gran ejemplo. La hoja de ruta es realista, las victorias tempranas están bien "
        "elegidas y el presupuesto incluye la operación.\n\n"
        "Para la versión que presentarán al concejo: 1) completen la línea base del indicador "
        "de satisfacción, que sigue pendiente; 2) expliquen cómo se financiará la operación de "
        "MuniServi después del primer año; 3) además de la consulta en línea, prevean puntos "
        "asistidos en las veredas, para que la estrategia también la conozca quien no está "
        "conectado. ¡Felicitaciones!"
    ),
    graded_at=_at(11, 18, 10, 15),
    released_at=_at(11, 18, 10, 20),
)
