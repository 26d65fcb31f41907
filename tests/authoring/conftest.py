import zipfile
from pathlib import Path

import pytest

from authoring.services import zip_bytes
from lms.demo.run import COURSEPACK

MANIFEST = """\
format = "munet-aula-course"
format_version = 1

[course]
code = "T-1"
title = "Curso de prueba"
language = "es"
required_hours = 3

[[grade_categories]]
name = "Cuestionarios"
weight = 1

[[modules]]
title = "Primer módulo"
summary = "Un módulo."
objectives = ["Explicar algo.", "Hacer algo."]

[[modules.activities]]
title = "Lectura"
kind = "page"
hours = 1.5
page = "modules/01/lectura.md"

[[modules.activities]]
title = "Cuestionario"
kind = "quiz"
hours = 0.5
questions = "modules/01/preguntas.gift"
grade_category = "Cuestionarios"

[modules.activities.quiz]
questions_drawn = 1
attempts = 2

[[modules.activities]]
title = "Trabajo"
kind = "assignment"
hours = 1
instructions = "modules/01/trabajo.html"

[modules.activities.assignment]
team = true
accepts_files = true
extensions = ["pdf"]
rubric = "modules/01/rubrica.toml"
"""
GIFT = """\
$CATEGORY: Módulo 1

::P1::¿Uno más uno? {=dos ~tres}

::P2::El cielo es azul. {T}
"""
RUBRIC = """\
name = "Rúbrica"

[[criteria]]
description = "Calidad"
levels = [{description = "Baja", points = 0}, {description = "Alta", points = 10}]
"""
FILES = {
    "course.toml": MANIFEST,
    "modules/01/lectura.md": "## Hola\n\nTexto de la lectura.\n",
    "modules/01/preguntas.gift": GIFT,
    "modules/01/trabajo.html": "<p>Entregue su trabajo.</p>",
    "modules/01/rubrica.toml": RUBRIC,
}


def write_package(root: Path, files: dict[str, str | bytes]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data.encode() if isinstance(data, str) else data)
    return root


@pytest.fixture
def small_package(tmp_path) -> Path:
    return write_package(tmp_path / "small", FILES)


@pytest.fixture
def package_files():
    """The small package's files, to change before writing them."""
    return dict(FILES)


def shipped_files() -> dict[str, bytes]:
    return {
        path.relative_to(COURSEPACK).as_posix(): path.read_bytes()
        for path in sorted(COURSEPACK.rglob("*"))
        if path.is_file()
    }


def folder_files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def zip_of(path: Path, files: dict[str, bytes | str]) -> Path:
    path.write_bytes(
        zip_bytes({n: d.encode() if isinstance(d, str) else d for n, d in files.items()})
    )
    return path


def raw_zip(path: Path, entries: list[tuple[zipfile.ZipInfo | str, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for info, data in entries:
            archive.writestr(info, data)
    return path
