"""Read and check a course package, collecting every problem before saying no.

`course_package_read(path)` parses the manifest, checks it against the schema,
reads every file it names (which must exist inside the package), parses the GIFT
files with the question importer (parse only: nothing is stored), checks the
rubrics, the quiz and assignment settings, the hours and the completion rules,
and either returns a `CoursePackage` or raises one `ValidationError` listing all
the problems, each with its file (and line when there is one).
"""

import re
import tomllib
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePosixPath

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from assessments.importers import QuestionFileError, parse_question_file
from assessments.models import GradingMethod, QuestionKind
from authoring.package import (
    FORMAT,
    FORMAT_VERSION,
    HOURS_STEP_SECONDS,
    MANIFEST,
    SECONDS_PER_HOUR,
    ActivitySpec,
    AssignmentSpec,
    CoursePackage,
    ModuleSpec,
    QuizSpec,
    RubricSpec,
)
from authoring.services.files import PackageFilesError, package_files, safe_name
from content import services as content_services
from content.sanitize import sanitize_html
from courses.models import ActivityKind, CompletionRule
from programs.models import Language

# Completion rules each kind may use; the first is its default.
COMPLETION_RULES = {
    ActivityKind.PAGE: (CompletionRule.MARKED_DONE, CompletionRule.VIEWED),
    ActivityKind.FILE: (CompletionRule.MARKED_DONE, CompletionRule.VIEWED),
    ActivityKind.VIDEO: (CompletionRule.MARKED_DONE, CompletionRule.VIEWED),
    ActivityKind.H5P: (CompletionRule.PASSED, CompletionRule.VIEWED, CompletionRule.MARKED_DONE),
    ActivityKind.QUIZ: (CompletionRule.PASSED, CompletionRule.SUBMITTED, CompletionRule.GRADED),
    ActivityKind.ASSIGNMENT: (
        CompletionRule.GRADED,
        CompletionRule.SUBMITTED,
        CompletionRule.PASSED,
    ),
}
COMMON_KEYS = {"title", "kind", "hours", "required", "completion", "min_active_seconds"}
KIND_KEYS = {
    ActivityKind.PAGE: {"page"},
    ActivityKind.FILE: {"file", "description"},
    ActivityKind.VIDEO: {"video", "url", "captions", "transcript"},
    ActivityKind.H5P: {"h5p", "pass_mark"},
    ActivityKind.QUIZ: {"questions", "grade_category", "grade_weight", "quiz"},
    ActivityKind.ASSIGNMENT: {"instructions", "grade_category", "grade_weight", "assignment"},
}
COURSE_KEYS = {
    "code", "title", "language", "description", "required_hours", "pass_grade",
    "measured_share", "min_active_cap_seconds", "min_active_share", "active_cap_factor",
    "tutor_signoff",
}  # fmt: skip
QUIZ_KEYS = {
    "intro", "questions_drawn", "attempts", "time_limit_minutes", "pass_mark",
    "grading_method", "shuffle_questions", "shuffle_answers", "review_marks",
    "review_feedback", "review_correct_answers", "review_after_close", "slot_mark",
}  # fmt: skip
ASSIGNMENT_KEYS = {
    "team", "accepts_text", "accepts_files", "extensions", "max_files", "max_file_mb",
    "allow_resubmission", "max_points", "pass_mark", "rubric",
}  # fmt: skip
PAGE_SUFFIXES = (".md", ".html")
_TOML_LINE = re.compile(r"\s*\(at line (\d+), column \d+\)|\s*\(at end of document\)")
VIDEO_SUFFIXES = (".mp4", ".webm", ".ogv", ".ogg", ".m4v")


class _Problems:
    """Every problem found, in order, each prefixed by where it is."""

    def __init__(self):
        self.messages: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.messages.append(f"{where}: {message}" if where else message)


def _header_lines(text: str) -> tuple[dict[int, int], dict[tuple[int, int], int]]:
    """The line of each `[[modules]]` and `[[modules.activities]]` header, by position."""
    modules, activities = {}, {}
    module = activity = 0
    for number, line in enumerate(text.splitlines(), start=1):
        header = line.split("#", 1)[0].strip().replace(" ", "")
        if header == "[[modules]]":
            module += 1
            activity = 0
            modules[module] = number
        elif header == "[[modules.activities]]":
            activity += 1
            activities[(module, activity)] = number
    return modules, activities


class _Reader:
    def __init__(self, files: dict[str, bytes]):
        self.files = files
        self.problems = _Problems()
        self.category_paths: dict[tuple[str, ...], str] = {}

    # --- small checks --------------------------------------------------------------

    def where(self, line: int | None = None, name: str = MANIFEST) -> str:
        return _("%(file)s, line %(line)d") % {"file": name, "line": line} if line else name

    def unknown_keys(self, where: str, table: dict, allowed: set[str]) -> None:
        for key in sorted(set(table) - allowed):
            self.problems.add(where, _("unknown field “%(key)s”.") % {"key": key})

    def text(self, where: str, table: dict, key: str, *, required=False, default="") -> str:
        value = table.get(key, default)
        if not isinstance(value, str):
            self.problems.add(where, _("“%(key)s” must be text.") % {"key": key})
            return default
        if required and not value.strip():
            self.problems.add(where, _("“%(key)s” is required.") % {"key": key})
        return value

    def boolean(self, where: str, table: dict, key: str, default: bool) -> bool:
        value = table.get(key, default)
        if not isinstance(value, bool):
            self.problems.add(where, _("“%(key)s” must be true or false.") % {"key": key})
            return default
        return value

    def integer(self, where: str, table: dict, key: str, default: int, minimum: int = 0) -> int:
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.problems.add(
                where,
                _("“%(key)s” must be a whole number of at least %(minimum)d.")
                % {"key": key, "minimum": minimum},
            )
            return default
        return value

    def decimal(self, where: str, table: dict, key: str, default, *, high=None) -> Decimal:
        value = table.get(key, default)
        try:
            if isinstance(value, bool):
                raise TypeError
            number = Decimal(str(value))
        except (InvalidOperation, TypeError):
            number = None
        if number is None or not number.is_finite() or number < 0 or (high and number > high):
            bound = f"0–{high}" if high else "≥ 0"
            self.problems.add(
                where, _("“%(key)s” must be a number (%(bound)s).") % {"key": key, "bound": bound}
            )
            return Decimal(str(default))
        return number

    def fraction(self, where: str, table: dict, key: str, default) -> Decimal:
        return self.decimal(where, table, key, default, high=Decimal(1))

    def file(self, where: str, name, suffixes: tuple[str, ...] = ()) -> bytes | None:
        """The bytes of a file the manifest names, or None (with the problem noted)."""
        if not isinstance(name, str) or not safe_name(name):
            self.problems.add(
                where,
                _("“%(name)s” is not a path inside the package.") % {"name": name},
            )
            return None
        if suffixes and not name.lower().endswith(suffixes):
            self.problems.add(
                where,
                _("“%(name)s” must end in %(suffixes)s.")
                % {"name": name, "suffixes": ", ".join(suffixes)},
            )
            return None
        if name not in self.files:
            self.problems.add(where, _("the file “%(name)s” is missing.") % {"name": name})
            return None
        return self.files[name]

    def toml_error(self, name: str, error: tomllib.TOMLDecodeError) -> None:
        found = _TOML_LINE.search(str(error))
        line = int(found.group(1)) if found else None
        message = _TOML_LINE.sub("", str(error)).strip()
        self.problems.add(
            self.where(line, name), _("not valid TOML: %(error)s") % {"error": message}
        )

    def utf8(self, name: str, data: bytes) -> str | None:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            self.problems.add(self.where(line, name), _("the text is not UTF-8."))
            return None

    def seconds(self, where: str, table: dict) -> int:
        hours = self.decimal(where, table, "hours", 0)
        seconds = hours * SECONDS_PER_HOUR
        if seconds % HOURS_STEP_SECONDS:
            self.problems.add(
                where, _("“hours” must be a multiple of 0.25 (%(hours)s).") % {"hours": hours}
            )
        return int(seconds)

    # --- the manifest ----------------------------------------------------------------

    def read(self) -> CoursePackage | None:
        data = self.files.get(MANIFEST)
        if data is None:
            self.problems.add("", _("The package has no %(name)s.") % {"name": MANIFEST})
            return None
        text = self.utf8(MANIFEST, data)
        if text is None:
            return None
        try:
            manifest = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            self.toml_error(MANIFEST, error)
            return None
        if not self.version(manifest):
            return None
        self.unknown_keys(
            MANIFEST,
            manifest,
            {"format", "format_version", "course", "grade_categories", "modules"},
        )
        package = self.course(manifest.get("course"))
        package.grade_categories = self.grade_categories(manifest.get("grade_categories", []))
        module_lines, activity_lines = _header_lines(text)
        modules = manifest.get("modules", [])
        if not isinstance(modules, list) or not modules:
            self.problems.add(MANIFEST, _("the course needs at least one module ([[modules]])."))
            modules = []
        for index, table in enumerate(modules, start=1):
            lines = {key[1]: line for key, line in activity_lines.items() if key[0] == index}
            package.modules.append(self.module(table, module_lines.get(index), lines, package))
        self.hours_warning(package)
        return package

    def version(self, manifest: dict) -> bool:
        if manifest.get("format") != FORMAT:
            self.problems.add(MANIFEST, _("“format” must be “%(format)s”.") % {"format": FORMAT})
            return False
        version = manifest.get("format_version")
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            self.problems.add(MANIFEST, _("“format_version” must be a whole number."))
            return False
        if version > FORMAT_VERSION:
            self.problems.add(
                MANIFEST,
                _(
                    "this package is format version %(version)d; this platform reads up to "
                    "version %(supported)d. Update the platform to import it."
                )
                % {"version": version, "supported": FORMAT_VERSION},
            )
            return False
        return True

    def course(self, table) -> CoursePackage:
        where = f"{MANIFEST} [course]"
        if not isinstance(table, dict):
            self.problems.add(MANIFEST, _("the [course] table is missing."))
            table = {}
        self.unknown_keys(where, table, COURSE_KEYS)
        package = CoursePackage(
            code=self.text(where, table, "code", required=True).strip(),
            title=self.text(where, table, "title", required=True).strip(),
            language=self.text(where, table, "language", default="es"),
            description=self.text(where, table, "description"),
        )
        if package.language not in Language.values:
            self.problems.add(
                where,
                _("unknown language “%(language)s” (use one of %(languages)s).")
                % {"language": package.language, "languages": ", ".join(Language.values)},
            )
        if len(package.code) > 32:
            self.problems.add(where, _("the code is too long (at most 32 characters)."))
        if len(package.title) > 200:
            self.problems.add(where, _("the title is too long (at most 200 characters)."))
        hours = self.decimal(where, table, "required_hours", 100)
        package.required_seconds = int(hours * SECONDS_PER_HOUR)
        package.pass_grade = self.fraction(where, table, "pass_grade", "0.6")
        package.measured_share = self.fraction(where, table, "measured_share", "0.5")
        package.min_active_cap_seconds = self.integer(where, table, "min_active_cap_seconds", 600)
        package.min_active_share = self.fraction(where, table, "min_active_share", "0.2")
        package.active_cap_factor = self.decimal(where, table, "active_cap_factor", 2)
        if package.active_cap_factor < 1:
            self.problems.add(where, _("“active_cap_factor” must be at least 1."))
        package.tutor_signoff = self.boolean(where, table, "tutor_signoff", False)
        return package

    def grade_categories(self, tables) -> list[tuple[str, Decimal]]:
        if not isinstance(tables, list):
            self.problems.add(MANIFEST, _("“grade_categories” must be a list of tables."))
            return []
        found = []
        for index, table in enumerate(tables, start=1):
            where = f"{MANIFEST} [[grade_categories]] {index}"
            if not isinstance(table, dict):
                self.problems.add(where, _("must be a table."))
                continue
            self.unknown_keys(where, table, {"name", "weight"})
            name = self.text(where, table, "name", required=True).strip()
            if name.lower() in {existing.lower() for existing, _w in found}:
                self.problems.add(where, _("the category “%(name)s” is repeated.") % {"name": name})
            found.append((name, self.decimal(where, table, "weight", 1)))
        return found

    def hours_warning(self, package: CoursePackage) -> None:
        if package.seconds != package.required_seconds:
            package.warnings.append(
                _(
                    "The activities add up to %(total)s hours; the course requires "
                    "%(required)s hours."
                )
                % {
                    "total": _hours(package.seconds),
                    "required": _hours(package.required_seconds),
                }
            )

    # --- modules and activities ------------------------------------------------------

    def module(self, table, line, activity_lines, package) -> ModuleSpec:
        where = self.where(line)
        if not isinstance(table, dict):
            self.problems.add(where, _("must be a table."))
            return ModuleSpec(title="")
        self.unknown_keys(where, table, {"title", "summary", "objectives", "activities"})
        module = ModuleSpec(
            title=self.text(where, table, "title", required=True).strip(),
            summary=self.text(where, table, "summary"),
        )
        objectives = table.get("objectives", [])
        if not isinstance(objectives, list) or not all(isinstance(o, str) for o in objectives):
            self.problems.add(where, _("“objectives” must be a list of texts."))
        else:
            module.objectives = [" ".join(o.split()) for o in objectives if o.strip()]
        activities = table.get("activities", [])
        if not isinstance(activities, list) or not activities:
            self.problems.add(
                where, _("the module needs at least one activity ([[modules.activities]]).")
            )
            activities = []
        for index, activity in enumerate(activities, start=1):
            spec = self.activity(activity, activity_lines.get(index), package)
            if spec is not None:
                module.activities.append(spec)
        return module

    def activity(self, table, line, package) -> ActivitySpec | None:
        where = self.where(line)
        if not isinstance(table, dict):
            self.problems.add(where, _("must be a table."))
            return None
        kind = table.get("kind")
        if kind not in KIND_KEYS:
            self.problems.add(
                where,
                _("unknown kind “%(kind)s” (use one of %(kinds)s).")
                % {"kind": kind, "kinds": ", ".join(KIND_KEYS)},
            )
            return None
        self.unknown_keys(where, table, COMMON_KEYS | KIND_KEYS[kind])
        activity = ActivitySpec(
            title=self.text(where, table, "title", required=True).strip(),
            kind=kind,
            seconds=self.seconds(where, table),
            required=self.boolean(where, table, "required", True),
        )
        rules = COMPLETION_RULES[kind]
        activity.completion = table.get("completion", rules[0])
        if activity.completion not in rules:
            self.problems.add(
                where,
                _("a %(kind)s activity completes when %(rules)s, not “%(rule)s”.")
                % {"kind": kind, "rules": ", ".join(rules), "rule": activity.completion},
            )
        if "min_active_seconds" in table:
            activity.min_active_seconds = self.integer(where, table, "min_active_seconds", 0)
        getattr(self, f"kind_{kind}")(where, table, activity, package)
        return activity

    def kind_page(self, where, table, activity, package) -> None:
        activity.path = table.get("page", "")
        data = self.file(where, activity.path, PAGE_SUFFIXES)
        if data is not None:
            text = self.utf8(activity.path, data)
            if text is not None and not text.strip():
                self.problems.add(activity.path, _("the page is empty."))
            activity.data = data

    def kind_file(self, where, table, activity, package) -> None:
        activity.path = table.get("file", "")
        activity.description = self.text(where, table, "description")
        activity.data = self.file(where, activity.path) or b""

    def kind_video(self, where, table, activity, package) -> None:
        activity.url = self.text(where, table, "url")
        if bool(table.get("video")) == bool(activity.url):
            self.problems.add(where, _("give either “video” (a file) or “url”, not both."))
        elif table.get("video"):
            activity.path = table["video"]
            activity.data = self.file(where, activity.path, VIDEO_SUFFIXES) or b""
        elif not activity.url.startswith(("https://", "http://")):
            self.problems.add(where, _("“url” must start with https://."))
        if "captions" in table:
            activity.captions_path = table["captions"]
            captions = self.file(where, activity.captions_path, (".vtt",))
            if captions is not None:
                text = self.utf8(activity.captions_path, captions)
                if text is not None and not text.lstrip("\ufeff").startswith("WEBVTT"):
                    self.problems.add(
                        self.where(1, activity.captions_path),
                        _("WebVTT captions must start with “WEBVTT”."),
                    )
                activity.captions = captions
        if "transcript" in table:
            activity.transcript_path = table["transcript"]
            data = self.file(where, activity.transcript_path, (".txt", ".md"))
            if data is not None:
                activity.transcript = self.utf8(activity.transcript_path, data) or ""

    def kind_h5p(self, where, table, activity, package) -> None:
        activity.path = table.get("h5p", "")
        if "pass_mark" in table:
            activity.pass_fraction = self.fraction(where, table, "pass_mark", "0.7")
        data = self.file(where, activity.path, (".h5p",))
        if data is None:
            return
        activity.data = data
        for message in _h5p_problems(data, activity.path):
            self.problems.add(activity.path, message)

    def graded(self, where, table, activity, package) -> None:
        names = [name for name, _weight in package.grade_categories]
        activity.grade_category = self.text(where, table, "grade_category")
        if activity.grade_category and activity.grade_category not in names:
            self.problems.add(
                where,
                _("the grade category “%(name)s” is not in [[grade_categories]].")
                % {"name": activity.grade_category},
            )
        activity.grade_weight = self.decimal(where, table, "grade_weight", 1)

    def kind_quiz(self, where, table, activity, package) -> None:
        self.graded(where, table, activity, package)
        settings = table.get("quiz", {})
        if not isinstance(settings, dict):
            self.problems.add(where, _("“quiz” must be a table."))
            settings = {}
        self.unknown_keys(where, settings, QUIZ_KEYS)
        path = table.get("questions", "")
        data = self.file(where, path, (".gift", ".txt"))
        quiz = QuizSpec(questions_path=path, questions_data=data or b"", category_path=())
        parsed = data is not None and self.questions(path, data, quiz)
        if "intro" in settings:
            quiz.intro_path = settings["intro"]
            quiz.intro = self.html(where, quiz.intro_path)
        quiz.questions_drawn = self.integer(where, settings, "questions_drawn", 0)
        if parsed and quiz.questions_drawn > quiz.question_count:
            self.problems.add(
                where,
                _("the quiz draws %(drawn)d questions but %(name)s has only %(count)d.")
                % {"drawn": quiz.questions_drawn, "name": path, "count": quiz.question_count},
            )
        quiz.attempts = self.integer(where, settings, "attempts", 0)
        quiz.time_limit_minutes = self.integer(where, settings, "time_limit_minutes", 0)
        quiz.pass_fraction = self.fraction(where, settings, "pass_mark", "0.6")
        quiz.grading_method = settings.get("grading_method", GradingMethod.HIGHEST)
        if quiz.grading_method not in GradingMethod.values:
            self.problems.add(
                where,
                _("unknown grading method “%(method)s” (use one of %(methods)s).")
                % {"method": quiz.grading_method, "methods": ", ".join(GradingMethod.values)},
            )
        for key in (
            "shuffle_questions",
            "shuffle_answers",
            "review_marks",
            "review_feedback",
            "review_correct_answers",
            "review_after_close",
        ):
            setattr(quiz, key, self.boolean(where, settings, key, getattr(quiz, key)))
        quiz.slot_mark = self.decimal(where, settings, "slot_mark", 1)
        activity.quiz = quiz

    def questions(self, path: str, data: bytes, quiz: QuizSpec) -> bool:
        """Parse the quiz's GIFT file (nothing stored); False when it cannot be read."""
        try:
            bank = parse_question_file(data, PurePosixPath(path).name)
        except QuestionFileError as error:
            self.problems.add(self.where(error.line, path), error.message)
            return False
        for unsupported in bank.unsupported:
            self.problems.add(
                self.where(unsupported.line, path),
                _("question type “%(type)s” is not supported.") % {"type": unsupported.type_name},
            )
        paths = {spec.category_path for spec in bank.questions}
        if len(paths) != 1 or not next(iter(paths)):
            self.problems.add(
                path,
                _("the questions must all be in one category, named with a $CATEGORY: line."),
            )
            return False
        quiz.category_path = paths.pop()
        other = self.category_paths.setdefault(quiz.category_path, path)
        if other != path:
            self.problems.add(
                path,
                _("its category “%(category)s” is also used by %(other)s.")
                % {"category": "/".join(quiz.category_path), "other": other},
            )
        quiz.question_count = sum(spec.kind != QuestionKind.DESCRIPTION for spec in bank.questions)
        return True

    def html(self, where: str, path) -> str:
        data = self.file(where, path, (".html",))
        if data is None:
            return ""
        text = self.utf8(path, data)
        return sanitize_html(text) if text else ""

    def kind_assignment(self, where, table, activity, package) -> None:
        self.graded(where, table, activity, package)
        settings = table.get("assignment", {})
        if not isinstance(settings, dict):
            self.problems.add(where, _("“assignment” must be a table."))
            settings = {}
        self.unknown_keys(where, settings, ASSIGNMENT_KEYS)
        spec = AssignmentSpec()
        if "instructions" in table:
            spec.instructions_path = table["instructions"]
            spec.instructions = self.html(where, spec.instructions_path)
        for key in ("team", "accepts_text", "accepts_files", "allow_resubmission"):
            default = getattr(spec, key)
            setattr(spec, key, self.boolean(where, settings, key, default))
        if not (spec.accepts_text or spec.accepts_files):
            self.problems.add(where, _("the assignment must accept text, files or both."))
        extensions = settings.get("extensions", [])
        if not isinstance(extensions, list) or not all(isinstance(e, str) for e in extensions):
            self.problems.add(where, _("“extensions” must be a list of texts."))
        else:
            spec.extensions = extensions
        spec.max_files = self.integer(where, settings, "max_files", 3, minimum=1)
        spec.max_file_mb = self.integer(where, settings, "max_file_mb", 10, minimum=1)
        spec.max_points = self.decimal(where, settings, "max_points", 100)
        spec.pass_fraction = self.fraction(where, settings, "pass_mark", "0.6")
        if "rubric" in settings:
            spec.rubric = self.rubric(where, settings["rubric"])
        activity.assignment = spec

    def rubric(self, where: str, path) -> RubricSpec | None:
        data = self.file(where, path, (".toml",))
        text = self.utf8(path, data) if data is not None else None
        if text is None:
            return None
        try:
            table = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            self.toml_error(path, error)
            return None
        self.unknown_keys(path, table, {"name", "criteria"})
        rubric = RubricSpec(name=self.text(path, table, "name", required=True).strip(), criteria=[])
        rubric.path = path
        criteria = table.get("criteria", [])
        if not isinstance(criteria, list) or not criteria:
            self.problems.add(path, _("a rubric needs criteria ([[criteria]])."))
            return rubric
        for index, criterion in enumerate(criteria, start=1):
            rubric.criteria.append(self.criterion(f"{path} [[criteria]] {index}", criterion))
        return rubric

    def criterion(self, where: str, table) -> tuple[str, list[tuple[str, Decimal]]]:
        if not isinstance(table, dict):
            self.problems.add(where, _("must be a table."))
            return ("", [])
        self.unknown_keys(where, table, {"description", "levels"})
        description = self.text(where, table, "description", required=True)
        levels = []
        for level in table.get("levels", []) if isinstance(table.get("levels"), list) else []:
            if isinstance(level, dict):
                self.unknown_keys(where, level, {"description", "points"})
                levels.append(
                    (
                        self.text(where, level, "description", required=True),
                        self.decimal(where, level, "points", 0),
                    )
                )
        if len(levels) < 2:
            self.problems.add(where, _("each criterion needs at least two levels."))
        return description, levels


def _hours(seconds: int) -> str:
    """Hours as the person reads them (101,5 in Spanish)."""
    return number_format(Decimal(f"{(Decimal(seconds) / SECONDS_PER_HOUR).normalize():f}"))


def _h5p_problems(data: bytes, name: str) -> list[str]:
    """What the H5P validator (`content.services.h5p_package_inspect`) says about a package:
    nothing is stored. Without the validator (an older platform) the import refuses later."""
    inspect = getattr(content_services, "h5p_package_inspect", None)
    if inspect is None:
        return []
    try:
        info = inspect(package=data)
    except content_services.H5PPackageError as error:
        return [str(message) for message in error.messages]
    missing = getattr(info, "libraries_missing", None)
    return [str(info.missing_message)] if missing else []


def course_package_read(path: Path) -> CoursePackage:
    """The package at `path` (a folder or a .zip), checked; ValidationError lists all problems."""
    try:
        files = package_files(Path(path))
    except PackageFilesError as error:
        raise ValidationError(error.messages) from None
    reader = _Reader(files)
    package = reader.read()
    if reader.problems.messages or package is None:
        raise ValidationError(reader.problems.messages)
    return package
