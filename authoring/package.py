"""A course package, as plain data: what `course_package_read` returns after checking it.

See docs/course-package.md for the format. Durations are whole seconds here, as
in `courses`; fractions (pass marks) are Decimals.
"""

from dataclasses import dataclass, field
from decimal import Decimal

FORMAT = "munet-aula-course"
FORMAT_VERSION = 1
MANIFEST = "course.toml"
SECONDS_PER_HOUR = 3600
HOURS_STEP_SECONDS = 900  # hours are multiples of 0.25


@dataclass
class QuizSpec:
    questions_path: str
    questions_data: bytes
    category_path: tuple[str, ...]
    question_count: int = 0  # graded questions in the file
    intro: str = ""  # sanitised HTML
    intro_path: str = ""
    questions_drawn: int = 0  # 0: every question of the file, in order
    attempts: int = 0
    time_limit_minutes: int = 0
    pass_fraction: Decimal = Decimal("0.6")
    grading_method: str = "highest"
    shuffle_questions: bool = False
    shuffle_answers: bool = True
    review_marks: bool = True
    review_feedback: bool = True
    review_correct_answers: bool = False
    review_after_close: bool = True
    slot_mark: Decimal = Decimal("1")


@dataclass
class RubricSpec:
    name: str
    criteria: list[tuple[str, list[tuple[str, Decimal]]]]
    path: str = ""

    @property
    def max_points(self) -> Decimal:
        return sum(
            (max(points for _d, points in levels) for _c, levels in self.criteria), Decimal(0)
        )


@dataclass
class AssignmentSpec:
    instructions: str = ""  # sanitised HTML
    instructions_path: str = ""
    team: bool = False
    accepts_text: bool = True
    accepts_files: bool = False
    extensions: list[str] = field(default_factory=list)
    max_files: int = 3
    max_file_mb: int = 10
    allow_resubmission: bool = True
    max_points: Decimal = Decimal("100")
    pass_fraction: Decimal = Decimal("0.6")
    rubric: RubricSpec | None = None


@dataclass
class ActivitySpec:
    title: str
    kind: str
    seconds: int
    required: bool = True
    completion: str = ""
    min_active_seconds: int | None = None
    pass_fraction: Decimal | None = None  # H5P's pass mark
    path: str = ""  # page / file / video / h5p
    data: bytes = b""
    description: str = ""  # file
    url: str = ""  # video
    captions_path: str = ""
    captions: bytes = b""
    transcript_path: str = ""
    transcript: str = ""
    grade_category: str = ""
    grade_weight: Decimal = Decimal("1")
    quiz: QuizSpec | None = None
    assignment: AssignmentSpec | None = None


@dataclass
class ModuleSpec:
    title: str
    summary: str = ""
    objectives: list[str] = field(default_factory=list)
    activities: list[ActivitySpec] = field(default_factory=list)

    @property
    def seconds(self) -> int:
        return sum(activity.seconds for activity in self.activities)


@dataclass
class CoursePackage:
    code: str
    title: str
    language: str = "es"
    description: str = ""
    required_seconds: int = 100 * SECONDS_PER_HOUR
    pass_grade: Decimal = Decimal("0.6")
    measured_share: Decimal = Decimal("0.5")
    min_active_cap_seconds: int = 600
    min_active_share: Decimal = Decimal("0.2")
    active_cap_factor: Decimal = Decimal("2")
    tutor_signoff: bool = False
    grade_categories: list[tuple[str, Decimal]] = field(default_factory=list)
    modules: list[ModuleSpec] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def seconds(self) -> int:
        return sum(module.seconds for module in self.modules)

    @property
    def activities(self) -> list[ActivitySpec]:
        return [activity for module in self.modules for activity in module.activities]

    @property
    def question_count(self) -> int:
        return sum(a.quiz.question_count for a in self.activities if a.quiz is not None)
