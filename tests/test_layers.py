"""The pure layers stay pure: ``quizapp.text`` and ``quizapp.interchange`` import nothing from the web or storage."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "quizapp"
TEXT = PACKAGE / "text"
INTERCHANGE = PACKAGE / "interchange"
FORBIDDEN = (
    "flask",
    "flask_wtf",
    "sqlalchemy",
    "werkzeug",
    "quizapp.web",
    "quizapp.services",
    "quizapp.models",
    "quizapp.extensions",
    "quizapp.database",
)


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted(TEXT.rglob("*.py")), ids=lambda p: str(p.relative_to(TEXT)))
def test_text_module_imports_no_web_or_storage(path):
    bad = {m for m in imported_modules(path) if m.split(".")[0] in FORBIDDEN or m.startswith(FORBIDDEN)}
    assert not bad, f"{path.name} imports {sorted(bad)}"


@pytest.mark.parametrize(
    "path", sorted(INTERCHANGE.rglob("*.py")), ids=lambda p: str(p.relative_to(INTERCHANGE))
)
def test_interchange_module_imports_no_web_or_storage(path):
    bad = {m for m in imported_modules(path) if m.split(".")[0] in FORBIDDEN or m.startswith(FORBIDDEN)}
    assert not bad, f"{path.name} imports {sorted(bad)}"


def test_interchange_is_checked():
    """The glob above must find the package, or the guard would pass by checking nothing."""
    assert (INTERCHANGE / "__init__.py").exists() and len(list(INTERCHANGE.glob("*.py"))) > 3
