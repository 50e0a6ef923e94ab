"""Content-Security-Policy, `no-store` on what a signed-in person sees, and the security headers
(docs/security.md, "Content-Security-Policy, headers and third parties").

The browser tests check that the policies hold on every page the journeys visit (no violation
recorded, tests/browser/conftest.py); these tests pin what the headers say.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.template import engines
from django.test import RequestFactory
from rest_framework.authtoken.models import Token

from cms.middleware import ContentSecurityPolicyMiddleware
from tests.factories import UserFactory
from tests.factories.certificates import ProgrammeFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def policy(response, header="Content-Security-Policy") -> dict[str, list[str]]:
    """The policy as {directive: [sources]}; a directive that appears twice is an error."""
    directives: dict[str, list[str]] = {}
    for part in response[header].split(";"):
        name, *sources = part.split()
        assert name not in directives, f"{name} appears twice in {response[header]}"
        directives[name] = sources
    return directives


def cache_control(response) -> set[str]:
    return {part.strip().split("=")[0] for part in response.get("Cache-Control", "").split(",")}


STRICT = {
    "default-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}


def assert_strict_site_policy(directives: dict[str, list[str]]) -> None:
    for name, sources in STRICT.items():
        assert directives.get(name) == sources, (name, directives.get(name))
    # Scripts: our own files, and an inline script only with this response's nonce.
    assert directives["script-src"][0] == "'self'"
    assert all(s == "'self'" or s.startswith("'nonce-") for s in directives["script-src"])
    everything = " ".join(" ".join(sources) for sources in directives.values())
    for loosening in ("'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:"):
        assert loosening not in everything.split(), f"{loosening} in {directives}"


@pytest.mark.parametrize("path", ["/accounts/login/", "/help/", "/verify/", "/no-such-page/"])
def test_public_pages_get_the_strict_policy(client, path):
    response = client.get(path)
    assert_strict_site_policy(policy(response))


def test_learner_pages_get_the_strict_policy(client):
    client.force_login(UserFactory(role="Mentors"))
    for path in ("/dashboard/", "/practice/", "/certification/", "/accounts/data/", "/help/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_strict_site_policy(policy(response))


@pytest.mark.parametrize("path", ["/admin/", "/admin/reports/quiz-outcomes/"])
def test_the_admin_gets_its_own_policy_that_still_loads_nothing_from_elsewhere(client, path):
    client.force_login(UserFactory(role="Trainers"))
    response = client.get(path)
    assert response.status_code == 200
    directives = policy(response)
    for name in ("default-src", "form-action", "base-uri"):
        assert directives[name] == ["'self'"], name
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    # Wagtail 8's own widgets write inline scripts and style attributes; no nonce, which
    # would switch 'unsafe-inline' off.
    assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
    # Only a video player, in a frame, after the editor embedded it and the learner pressed Play.
    assert set(directives["frame-src"]) - {"'self'"} == set(settings.VIDEO_PLAYER_ORIGINS)
    every_source = {
        s for name, sources in directives.items() if name != "frame-src" for s in sources
    }
    assert not {s for s in every_source if "://" in s or s in ("*", "http:", "https:")}


def test_the_admin_sign_in_page_gets_the_admin_policy(client):
    directives = policy(client.get("/admin/login/"))
    assert "'unsafe-inline'" in directives["script-src"]


def render_with_nonce(path: str):
    """Run the middleware around a view whose template nonces an inline script."""
    template = engines["django"].from_string('<script nonce="{{ request.csp_nonce }}">1</script>')

    def view(request):
        return HttpResponse(template.render({}, request))

    request = RequestFactory().get(path)
    response = ContentSecurityPolicyMiddleware(view)(request)
    return response.content.decode(), policy(response)


def test_an_inline_script_on_the_site_runs_only_with_the_responses_nonce():
    body, directives = render_with_nonce("/dashboard/")
    nonce = body.split('nonce="')[1].split('"')[0]
    assert len(nonce) >= 16
    assert directives["script-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert_strict_site_policy(directives)
    _other_body, other = render_with_nonce("/dashboard/")
    assert other["script-src"] != directives["script-src"], "a fresh nonce per response"


def test_the_admin_policy_never_carries_a_nonce():
    _body, directives = render_with_nonce("/admin/pages/")
    assert directives["script-src"] == ["'self'", "'unsafe-inline'"]


def test_a_path_that_merely_starts_like_the_admin_keeps_the_strict_policy():
    _body, directives = render_with_nonce("/administration/")
    assert_strict_site_policy(directives)


# -- Cache-Control: what a signed-in person is shown is never stored ---------------------------


@pytest.mark.parametrize(
    "path",
    ["/", "/help/", "/dashboard/", "/practice/", "/certification/", "/accounts/data/"],
)
def test_every_page_shown_to_a_signed_in_person_is_never_stored(client, path):
    client.force_login(UserFactory(role="Mentors"))
    response = client.get(path)
    assert {"no-store", "private"} <= cache_control(response), (path, response["Cache-Control"])


def test_admin_screens_are_never_stored(client):
    client.force_login(UserFactory(role="Coordinators"))
    for path in ("/admin/", "/admin/matching/roster/", "/admin/personal-data/?q=a"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert {"no-store", "private"} <= cache_control(response), path


def test_a_public_cacheable_document_becomes_private_for_a_signed_in_person(client):
    anonymous = client.get("/credentials/issuer.json")
    assert "public" in cache_control(anonymous)
    assert "no-store" not in cache_control(anonymous)
    client.force_login(UserFactory(role="Mentors"))
    signed_in = client.get("/credentials/issuer.json")
    assert {"no-store", "private"} <= cache_control(signed_in)
    assert "public" not in cache_control(signed_in), signed_in["Cache-Control"]


def test_api_answers_to_a_token_are_never_stored(client):
    coordinator = UserFactory(role="Coordinators")
    token = Token.objects.create(user=coordinator)
    programme = ProgrammeFactory()
    response = client.get(
        f"/api/v1/mentors/?programme={programme.slug}", HTTP_AUTHORIZATION=f"Token {token.key}"
    )
    assert response.status_code == 200, response.content
    assert {"no-store", "private"} <= cache_control(response)


def test_public_pages_for_visitors_may_be_cached(client):
    for path in ("/help/", "/accounts/signup/"):
        assert "no-store" not in cache_control(client.get(path)), path


def test_signing_in_is_answered_with_no_store(client):
    UserFactory(username="robin", password="a-long-enough-password")
    response = client.post(
        "/accounts/login/", {"username": "robin", "password": "a-long-enough-password"}
    )
    assert response.status_code == 302
    assert "no-store" in cache_control(response)


# -- The other security headers ---------------------------------------------------------------


def test_every_response_says_nosniff_referrer_opener_and_permissions(client):
    response = client.get("/help/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    permissions = dict(
        part.strip().split("=", 1) for part in response["Permissions-Policy"].split(",")
    )
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert permissions[feature] == "()", feature


PRINT_HEADERS = """
import json
from django.test import Client
response = Client().get("/healthz", secure=True, HTTP_HOST="mentors.example.org")
print(json.dumps({"status": response.status_code, **dict(response.headers)}))
"""


def test_production_settings_send_every_security_header(tmp_path):
    """A response through the production middleware and settings, as gunicorn would serve it."""
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "PMA_CREDENTIAL_SIGNING_KEY", "REDIS_URL"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="t2L9q!vR8mZ#w4Kx6pB0nY3sC7fH1jD5gA-eU_oI9rT2yQ8zN-kW3",
        ALLOWED_HOSTS="mentors.example.org",
        PMA_CREDENTIAL_SIGNING_KEY="z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq",
        DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", PRINT_HEADERS],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    headers = json.loads(result.stdout.strip().splitlines()[-1])
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]


def test_a_view_that_allows_same_origin_framing_says_so_in_the_policy_too():
    """Wagtail's preview panel frames the preview (X-Frame-Options: SAMEORIGIN); every other
    response refuses all framing."""

    def view(request):
        response = HttpResponse("preview")
        response["X-Frame-Options"] = "SAMEORIGIN"
        return response

    request = RequestFactory().get("/admin/pages/3/edit/preview/")
    response = ContentSecurityPolicyMiddleware(view)(request)
    assert policy(response)["frame-ancestors"] == ["'self'"]
