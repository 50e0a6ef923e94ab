"""`make run PORT=…` serves on that port and builds links and QR codes on it too."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAKE = shutil.which("make")


def _environment(**extra) -> dict:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"WAGTAILADMIN_BASE_URL", "MAKEFLAGS", "MAKELEVEL", "PORT", "HOST"}
    }
    environment.update(extra)
    return environment


def _exported_base_url(*args, **extra) -> str:
    """The WAGTAILADMIN_BASE_URL that `make run` hands the server and the worker (dry run:
    nothing is installed, migrated or started)."""
    result = subprocess.run(
        [MAKE, "--no-print-directory", "-n", "run", *args],
        cwd=ROOT,
        env=_environment(**extra),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    [base_url] = re.findall(r"export WAGTAILADMIN_BASE_URL='([^']*)'", result.stdout)
    assert "runserver 127.0.0.1:" in result.stdout
    return base_url


@pytest.mark.skipif(MAKE is None, reason="needs GNU make")
def test_make_run_builds_links_on_the_port_it_serves():
    assert _exported_base_url() == "http://127.0.0.1:8000"
    assert _exported_base_url("PORT=9000") == "http://127.0.0.1:9000"
    # An address set by the operator (a proxy in front, say) wins.
    assert (
        _exported_base_url("PORT=9000", WAGTAILADMIN_BASE_URL="https://mentors.example.org")
        == "https://mentors.example.org"
    )


def test_the_settings_build_verification_links_on_that_address():
    """The PDF's printed link and its QR code are `verification_url` (services)."""
    code = (
        "from certification.models import Certificate;"
        "from certification.services import verification_url;"
        "print(verification_url(Certificate(verification_code='7KQ29XMTH4PD0RWAC3EN')))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=_environment(
            DJANGO_SETTINGS_MODULE="cms.settings.dev",
            WAGTAILADMIN_BASE_URL="http://127.0.0.1:9000",
        ),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith("http://127.0.0.1:9000/verify/")
