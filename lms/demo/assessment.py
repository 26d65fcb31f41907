"""The demo course's assessment, as data: the modules' quizzes, the final team
project with its rubric, and how the demo's people do in them.

Quizzes 1–9 draw five questions at random from their module's category of the
question bank (`lms.demo.questions`); the final project is one submission per
municipal team, graded by a tutor with a four-criterion rubric.

Who answers what is computed from seeded random generators, as the study plans
are (`lms.demo.people`): the same results on every machine and every run. The
teams' texts are fictitious work written for the demo, not documents of the
municipalities named.

The dates are written for `lms.demo.dates.DEMO_WRITTEN_FOR`; `seed_demo` moves
them to the day of the first seed, and the texts that name a date (the quiz
introductions, the project's instructions) are written from the moved dates.
"""

# Instructions and submitted texts are paragraphs: they cannot be wrapped at 100.
# ruff: noqa: E501

import datetime
import random
import zoneinfo
from dataclasses import dataclass
from decimal import Decimal

from lms.demo.dates import long_date
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


@dataclass(frozen=True)
class DemoQuiz:
    module: int
    time_limit_minutes: int | None = None
    questions: int = QUIZ_QUESTIONS
    attempts: int = QUIZ_ATTEMPTS
    pass_fraction: Decimal = QUIZ_PASS
    closes_at: datetime.datetime = QUIZ_CLOSES_AT

    @property
    def category(self) -> str:
        return f"Módulo {self.module}"

    @property
    def intro(self) -> str:
        """What the quiz page says before the first attempt (Markdown)."""
        timing = (
            f"Cada intento dura como máximo **{self.time_limit_minutes} minutos**, contados "
            "desde que lo empieza: al terminar el tiempo, el intento se envía con las "
            "respuestas guardadas."
            if self.time_limit_minutes
            else "No tiene límite de tiempo: sus respuestas se guardan a medida que contesta."
        )
        return (
            f"Cinco preguntas sobre el módulo {self.module}, tomadas al azar del banco de "
            f"preguntas: cada intento recibe las suyas. Tiene **{self.attempts} intentos** y "
            "cuenta el mejor; se aprueba con el **60 %**. "
            f"{timing}\n\n"
            "Al enviar un intento verá su calificación y la retroalimentación de cada "
            "pregunta; las respuestas correctas se muestran cuando el cuestionario cierra, "
            f"el {long_date(self.closes_at)}. Al aprobarlo, la actividad queda completa y se "
            "le acreditan sus horas."
        )


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


@dataclass(frozen=True)
class DemoLevel:
    description: str
    points: int


@dataclass(frozen=True)
class DemoCriterion:
    description: str
    levels: tuple[DemoLevel, ...]


@dataclass(frozen=True)
class DemoRubric:
    name: str
    criteria: tuple[DemoCriterion, ...]

    @property
    def max_points(self) -> int:
        return sum(max(level.points for level in c.levels) for c in self.criteria)


@dataclass(frozen=True)
class DemoAssignment:
    instructions_template: str  # Markdown, with {due} and {cutoff} for the dates
    rubric: DemoRubric
    due_at: datetime.datetime
    cutoff_at: datetime.datetime
    team: bool = True
    accepts_text: bool = True
    accepts_files: bool = True
    extensions: tuple[str, ...] = ("pdf", "docx", "odt")
    max_files: int = 3
    allow_resubmission: bool = True
    pass_fraction: Decimal = Decimal("0.600")

    @property
    def instructions(self) -> str:
        """The instructions (Markdown), naming this assignment's dates."""
        return self.instructions_template.format(
            due=long_date(self.due_at), cutoff=long_date(self.cutoff_at)
        )


RUBRIC = DemoRubric(
    name="Rúbrica del proyecto final: estrategia de gobierno electrónico",
    criteria=(
        DemoCriterion(
            "Diagnóstico: la situación digital del municipio, con datos y evidencias",
            (
                DemoLevel("Insuficiente: no hay diagnóstico, o solo opiniones sin datos.", 0),
                DemoLevel(
                    "En desarrollo: describe la alcaldía, pero con pocos datos, sin evidencias o sin mirar a la ciudadanía.",
                    10,
                ),
                DemoLevel(
                    "Satisfactorio: usa el autodiagnóstico y datos propios; identifica fortalezas y debilidades con su evidencia.",
                    18,
                ),
                DemoLevel(
                    "Sobresaliente: además mide (trámites cronometrados, encuesta ciudadana) y muestra la brecha digital del territorio, rural incluida.",
                    25,
                ),
            ),
        ),
        DemoCriterion(
            "Objetivos y metas: visión, objetivos e indicadores medibles",
            (
                DemoLevel("Insuficiente: no hay objetivos, o son declaraciones generales.", 0),
                DemoLevel(
                    "En desarrollo: hay visión y objetivos, pero los indicadores no tienen línea base o meta.",
                    10,
                ),
                DemoLevel(
                    "Satisfactorio: entre tres y cinco objetivos con indicadores, línea base, meta, fuente y responsable; alguno queda pendiente.",
                    18,
                ),
                DemoLevel(
                    "Sobresaliente: visión de una frase que entiende cualquier vecino; todos los indicadores completos, con indicadores de uso y de resultado.",
                    25,
                ),
            ),
        ),
        DemoCriterion(
            "Plan de acción y cronograma: proyectos, hoja de ruta, presupuesto y gobernanza",
            (
                DemoLevel("Insuficiente: una lista de proyectos sin orden, plazos ni costos.", 0),
                DemoLevel(
                    "En desarrollo: proyectos con plazos, pero sin relación clara con el diagnóstico o sin presupuesto.",
                    12,
                ),
                DemoLevel(
                    "Satisfactorio: proyectos priorizados con hoja de ruta y presupuesto; la gobernanza está definida.",
                    22,
                ),
                DemoLevel(
                    "Sobresaliente: cada proyecto responde a un problema del diagnóstico; victorias tempranas con fecha; el presupuesto incluye la operación; riesgos con su mitigación.",
                    30,
                ),
            ),
        ),
        DemoCriterion(
            "Participación ciudadana y sostenibilidad: la ciudadanía en la estrategia y su continuidad",
            (
                DemoLevel(
                    "Insuficiente: la ciudadanía no aparece, ni cómo seguirá la estrategia.", 0
                ),
                DemoLevel(
                    "En desarrollo: menciona la participación o la continuidad, sin mecanismos concretos.",
                    8,
                ),
                DemoLevel(
                    "Satisfactorio: prevé consulta, rendición de cuentas y un acto administrativo que adopte la estrategia.",
                    14,
                ),
                DemoLevel(
                    "Sobresaliente: además incluye canales asistidos para quien no está conectado, un calendario público de seguimiento y el respaldo del concejo.",
                    20,
                ),
            ),
        ),
    ),
)

PROJECT = DemoAssignment(
    instructions_template="""\
Entreguen aquí, como equipo, la **estrategia de gobierno electrónico de su municipio**: el documento que elaboraron con la plantilla de este módulo.

- **Una entrega por municipio.** Cualquier miembro del equipo la envía en nombre de todos, y la calificación vale para los diez.
- **Qué enviar.** Escriban en el cuadro de texto un resumen de la estrategia (diagnóstico, visión, objetivos, proyectos, gobernanza y seguimiento) y adjunten el documento completo en PDF, DOCX u ODT: hasta tres archivos de 10 MB cada uno.
- **Nuevas versiones.** Pueden enviar versiones corregidas hasta el cierre; el tutor califica la última.
- **Fechas.** Entrega: {due}. Se reciben entregas tardías, marcadas como tales, hasta el {cutoff}.

El tutor califica con la rúbrica de cuatro criterios (100 puntos): diagnóstico (25), objetivos y metas (25), plan de acción y cronograma (30), y participación ciudadana y sostenibilidad (20). Se aprueba con 60 puntos. Cuando el tutor publica la calificación, la actividad queda completa para todo el equipo.
""",
    rubric=RUBRIC,
    due_at=_at(12, 4, 23, 59),
    cutoff_at=_at(12, 18, 23, 59),
)

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

    @property
    def points(self) -> int:
        return sum(
            criterion.levels[level].points
            for criterion, level in zip(RUBRIC.criteria, self.levels, strict=True)
        )


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
