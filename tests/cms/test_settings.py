import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "PMA_CREDENTIAL_SIGNING_KEY"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="t2L9q!vR8mZ#w4Kx6pB0nY3sC7fH1jD5gA-eU_oI9rT2yQ8zN-kW3",
        ALLOWED_HOSTS="mentors.example.org",
        # The W3C vc-di-eddsa test vector's key: public, so only ever for tests.
        PMA_CREDENTIAL_SIGNING_KEY="z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_a_missing_credential_signing_key():
    result = run_manage(
        "check",
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="t2L9q!vR8mZ#w4Kx6pB0nY3sC7fH1jD5gA-eU_oI9rT2yQ8zN-kW3",
        PMA_CREDENTIAL_SIGNING_KEY="",
    )
    assert result.returncode != 0
    assert "PMA_CREDENTIAL_SIGNING_KEY" in result.stderr


def test_production_settings_refuse_a_malformed_credential_signing_key():
    result = run_manage(
        "check",
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="t2L9q!vR8mZ#w4Kx6pB0nY3sC7fH1jD5gA-eU_oI9rT2yQ8zN-kW3",
        ALLOWED_HOSTS="mentors.example.org",
        PMA_CREDENTIAL_SIGNING_KEY="not-a-key",
    )
    assert result.returncode != 0
    assert "PMA_CREDENTIAL_SIGNING_KEY" in result.stdout + result.stderr


def test_production_settings_refuse_a_missing_secret_key():
    result = run_manage("check", DJANGO_SETTINGS_MODULE="cms.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize("url, expected", [("redis://127.0.0.1:6379/0", "redis")])
def test_redis_url_switches_the_broker(url, expected):
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(sorted(settings.Q_CLUSTER))",
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        REDIS_URL=url,
    )
    assert result.returncode == 0, result.stderr
    assert "'redis'" in result.stdout
    assert "'orm'" not in result.stdout


def test_q_cluster_timeout_is_below_retry():
    from django.conf import settings

    assert settings.Q_CLUSTER["timeout"] < settings.Q_CLUSTER["retry"]
    assert settings.Q_CLUSTER["max_attempts"] >= 1


def test_weasyprint_subsets_fonts_with_harfbuzz():
    """Without libharfbuzz-subset0 WeasyPrint subsets fonts in Python, about six times slower."""
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    assert harfbuzz_subset is not None, "install libharfbuzz-subset0 (make run does this)"
    assert harfbuzz.hb_version_atleast(4, 1, 0)
