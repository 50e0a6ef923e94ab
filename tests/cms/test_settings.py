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


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "t2L9q!vR8mZ#w4Kx6pB0nY3sC7fH1jD5gA-eU_oI9rT2yQ8zN-kW3",
    "ALLOWED_HOSTS": "mentors.example.org",
    "WAGTAILADMIN_BASE_URL": "https://mentors.example.org",
    # The W3C vc-di-eddsa test vector's key: public, so only ever for tests.
    "PMA_CREDENTIAL_SIGNING_KEY": "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq",
    # The throttles' shared store (pma.E001 below); check does not connect to it.
    "REDIS_URL": "redis://127.0.0.1:6379/6",
}


def test_production_settings_pass_check_deploy():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_throttles_kept_per_process():
    """Without a shared cache every gunicorn worker would allow its own set of tries."""
    result = run_manage("check", "--deploy", **{**PRODUCTION, "REDIS_URL": ""})
    assert result.returncode != 0
    assert "pma.E001" in result.stdout + result.stderr


@pytest.mark.parametrize(
    "base_url, message",
    [
        ("", "is not set"),
        ("http://mentors.example.org", "is not an https:// address"),
        ("https://127.0.0.1:8000", "is not the first ALLOWED_HOSTS entry"),
        ("https://mentors.example.org.evil.example", "is not the first ALLOWED_HOSTS entry"),
        ("https://mentors.example.org/academy/", "must be the root of its host"),
    ],
    ids=["unset", "http", "other-host", "look-alike-host", "path"],
)
def test_production_refuses_a_bad_public_base_url(base_url, message):
    """Links, QR codes and the ids signed into every credential are built on it, for good."""
    result = run_manage("check", "--deploy", **{**PRODUCTION, "WAGTAILADMIN_BASE_URL": base_url})
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "pma.E002" in output
    assert message in output


def test_production_accepts_the_public_base_url_with_a_port_and_a_slash():
    environment = {**PRODUCTION, "WAGTAILADMIN_BASE_URL": "https://Mentors.example.org:8443/"}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **environment)
    assert result.returncode == 0, result.stdout + result.stderr


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


SHOW_QUEUE_AND_CACHE = (
    "from django.conf import settings; "
    "print(sorted(settings.Q_CLUSTER)); print(settings.CACHES['default']['BACKEND'])"
)


def test_redis_url_moves_the_cache_but_keeps_the_orm_broker():
    """A worker that dies mid-task loses it on the Redis broker; the ORM broker redelivers it.
    So REDIS_URL alone moves the cache only (docs/operations.md)."""
    result = run_manage(
        "shell",
        "-c",
        SHOW_QUEUE_AND_CACHE,
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        REDIS_URL="redis://127.0.0.1:6379/0",
        Q_BROKER="",
    )
    assert result.returncode == 0, result.stderr
    assert "'orm'" in result.stdout
    assert "'redis'" not in result.stdout
    assert "RedisCache" in result.stdout


def test_the_redis_broker_is_an_explicit_opt_in():
    result = run_manage(
        "shell",
        "-c",
        SHOW_QUEUE_AND_CACHE,
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        REDIS_URL="redis://127.0.0.1:6379/0",
        Q_BROKER="redis",
    )
    assert result.returncode == 0, result.stderr
    assert "'redis'" in result.stdout
    assert "'orm'" not in result.stdout


@pytest.mark.parametrize(
    "env, message",
    [
        ({"Q_BROKER": "redis", "REDIS_URL": ""}, "Q_BROKER=redis needs REDIS_URL"),
        ({"Q_BROKER": "rabbit"}, "Q_BROKER must be"),
    ],
)
def test_a_broker_that_cannot_work_is_refused_at_start(env, message):
    result = run_manage("check", DJANGO_SETTINGS_MODULE="cms.settings.dev", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_q_cluster_retries_failed_tasks():
    """A failed task is not acknowledged: the broker hands it out again after ``retry`` seconds,
    up to ``max_attempts`` runs in all (tests/certification/test_tasks_retry.py runs it)."""
    from django.conf import settings

    assert settings.Q_CLUSTER["ack_failures"] is False
    assert settings.Q_CLUSTER["timeout"] < settings.Q_CLUSTER["retry"]
    assert settings.Q_CLUSTER["max_attempts"] >= 2


def test_weasyprint_subsets_fonts_with_harfbuzz():
    """Without libharfbuzz-subset0 WeasyPrint subsets fonts in Python, about six times slower."""
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    assert harfbuzz_subset is not None, "install libharfbuzz-subset0 (make run does this)"
    assert harfbuzz.hb_version_atleast(4, 1, 0)
