"""The demo and the benchmarks are tooling: no production app imports them, so a deployment
that left them out (or a reader of the apps) never depends on them."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_APPS = ["cms", "courses", "certification", "matching"]
TOOLING = {"demo", "bench"}


def imported_modules(source: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"), str(source))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


@pytest.mark.parametrize("app", PRODUCTION_APPS)
def test_no_production_app_imports_the_demo_or_the_benchmarks(app):
    files = sorted((ROOT / app).rglob("*.py"))
    assert files, app
    offending = [
        f"{source.relative_to(ROOT)}: {name}"
        for source in files
        for name in imported_modules(source)
        if name.split(".")[0] in TOOLING
    ]
    assert offending == []


def test_the_check_sees_an_import_of_the_tooling(tmp_path):
    source = tmp_path / "module.py"
    source.write_text("import demo.site\nfrom bench.core import Benchmark\nfrom . import bench\n")
    assert imported_modules(source) == ["demo.site", "bench.core"]
