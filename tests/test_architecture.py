"""The codebase's shape as rules a test holds: the apps depend one way, production never imports
the demo or the benchmarks, and no module grows into a mixed bag. docs/architecture.md explains
each rule."""

from pathlib import Path

import pytest
from importlinter import configuration
from importlinter.application.use_cases import lint_imports

ROOT = Path(__file__).resolve().parent.parent
APPS = ("cms", "courses", "certification", "matching")
MAX_LINES = 400


def test_import_contracts_hold(capsys):
    """import-linter reads the contracts from pyproject.toml and fails on any import that runs the
    wrong way, including imports inside functions; its report names the offending chain."""
    configuration.configure()
    kept = lint_imports(config_filename=str(ROOT / "pyproject.toml"), cache_dir=None, no_logo=True)
    assert kept, capsys.readouterr().out


@pytest.mark.parametrize("app", APPS)
def test_no_module_over_the_size_limit(app):
    """A module over 400 lines mixes responsibilities; split it by concern. Generated migrations
    are exempt."""
    too_long = {
        str(path.relative_to(ROOT)): n
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
        and (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not too_long
