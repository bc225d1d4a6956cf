"""The apps are layered: each one imports only the apps below it, so no two apps depend on each other.

Lowest first: ``core`` is the shared toolkit and imports no other app of ours; each
domain app builds on the ones before it; ``delivery`` (page caches, shells,
generations, routing memos) sits above every domain app; ``medlex`` (settings,
URLs, WSGI) assembles them all. Imports inside functions count as much as those at
the top of a module: moving an import into a function hides a cycle, it does not
remove it, so another app is imported inside a function only in ``AppConfig.ready()``,
where Django wants it. Tests may import the fixtures and helpers of other apps' tests.
"""

import ast
import sys
from pathlib import Path

from django.apps import apps
from django.conf import settings

LAYERS = (
    "core",
    "icd10",
    "legal",
    "accounts",
    "access",
    "tokens",
    "references",
    "people",
    "specialties",
    "functions",
    "articles",
    "translation",
    "review",
    "versions",
    "search",
    "pointofcare",
    "browse",
    "editorial",
    "home",
    "citing",
    "following",
    "notes",
    "bookmarks",
    "api",
    "delivery",
    "medlex",
)

ROOT = Path(settings.BASE_DIR)


def is_test_module(path):
    return "tests" in path.parts or path.name.startswith("test_") or path.name == "conftest.py"


def project_modules():
    """Every non-test module of every app of ours."""
    for app in LAYERS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if not is_test_module(relative):
                yield app, relative


def imported_modules(relative):
    """(line, module, enclosing function or None) for every import in the file, at any depth."""
    tree = ast.parse((ROOT / relative).read_text(encoding="utf-8"), filename=str(relative))
    package = relative.parent.parts

    def visit(node, function):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                for alias in child.names:
                    yield child.lineno, alias.name, function
            elif isinstance(child, ast.ImportFrom):
                if child.level:  # relative: resolved against the file's own package
                    base = package[: len(package) - (child.level - 1)]
                    yield child.lineno, ".".join((*base, child.module) if child.module else base), function
                else:
                    yield child.lineno, child.module, function
            else:
                inner = child.name if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else None
                yield from visit(child, function or inner)

    yield from visit(tree, None)


def imports_of_other_apps():
    """(file, line, module, its app, the importing app, enclosing function) for imports between apps of ours."""
    for app, relative in project_modules():
        for line, module, function in imported_modules(relative):
            target = module.split(".")[0]
            if target in LAYERS and target != app:
                yield relative, line, module, target, app, function


def violations():
    rank = {app: index for index, app in enumerate(LAYERS)}
    return [
        f"{relative.as_posix()}:{line} imports {module} ({app} is below {target})"
        for relative, line, module, target, app, _function in imports_of_other_apps()
        if rank[target] > rank[app]
    ]


def hidden_imports():
    """Imports of another app inside a function; Django's ``AppConfig.ready()`` is where they belong."""
    return [
        f"{relative.as_posix()}:{line} imports {module} in {function}()"
        for relative, line, module, _target, _app, function in imports_of_other_apps()
        if function is not None and not (relative.name == "apps.py" and function == "ready")
    ]


def test_no_app_imports_an_app_above_it():
    found = violations()
    assert not found, "Imports against the layers:\n" + "\n".join(found)


def test_no_import_of_another_app_is_hidden_in_a_function():
    found = hidden_imports()
    assert not found, "Imports of other apps inside functions:\n" + "\n".join(found)


def test_every_app_of_ours_has_its_place_in_the_layers():
    ours = {config.name for config in apps.get_app_configs() if Path(config.path).parent == ROOT}
    assert ours - set(LAYERS) == set()


def test_an_import_against_the_layers_is_named_with_its_file_and_line(tmp_path, monkeypatch):
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "shortcut.py").write_text(
        '"""A toolkit module."""\n\n\ndef f():\n    from articles import x\n'
    )
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "x.py").write_text("from core import shortcut\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert violations() == ["core/shortcut.py:5 imports articles (core is below articles)"]
    assert hidden_imports() == ["core/shortcut.py:5 imports articles in f()"]
