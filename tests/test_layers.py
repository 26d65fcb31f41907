"""The dependency direction of DESIGN.md, enforced by walking every import.

An app may import only apps of lower layers. The allow-list of exceptions is
empty and must stay so.
"""

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = {
    "programs": 0,
    "content": 0,
    "courses": 1,
    "assessments": 2,
    "certification": 3,
    "authoring": 3,
    "reporting": 4,
    "frontend": 5,
    "lms": 5,
}
ALLOWED_EXCEPTIONS: set[tuple[str, str]] = set()


def _imports(path: Path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module


def _violations() -> list[str]:
    found = []
    for app, layer in LAYERS.items():
        for path in sorted((ROOT / app).rglob("*.py")):
            for lineno, module in _imports(path):
                target = module.split(".")[0]
                if target not in LAYERS or target == app:
                    continue
                if (app, target) in ALLOWED_EXCEPTIONS:
                    continue
                # Same-layer imports are forbidden too (programs ↛ content).
                if LAYERS[target] >= layer and not (layer == 5 and LAYERS[target] == 5):
                    found.append(f"{path.relative_to(ROOT)}:{lineno} imports {module}")
    return found


def test_apps_import_only_lower_layers():
    assert _violations() == []


def test_the_walker_sees_imports(tmp_path, monkeypatch):
    """A guard for the guard: an upward import in a scratch tree is reported."""
    (tmp_path / "programs").mkdir()
    (tmp_path / "programs" / "bad.py").write_text("from courses.models import Course\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    for app in LAYERS:
        (tmp_path / app).mkdir(exist_ok=True)
    assert _violations() == ["programs/bad.py:1 imports courses.models"]


@pytest.mark.parametrize("app", sorted(LAYERS))
def test_every_app_exists(app):
    assert (ROOT / app / "__init__.py").exists()
