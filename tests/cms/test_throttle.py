"""One sign-in throttle on every path, keyed by account and by the real client address."""

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.test import RequestFactory, override_settings
from django.urls import reverse
from rest_framework.request import Request
from rest_framework.throttling import AnonRateThrottle

from cms import throttle
from tests.factories import UserFactory
from tests.factories.cms import PASSWORD

pytestmark = pytest.mark.django_db

SIGN_IN_PATHS = ["/accounts/login/", "/admin/login/", "/_util/login/"]
OFFICE = "203.0.113.7"
LIMITS = {"LOGIN_THROTTLE_ATTEMPTS": 3, "LOGIN_THROTTLE_ADDRESS_ATTEMPTS": 5}


def sign_in(client, path, username, password, address=OFFICE, **headers):
    return client.post(
        path, {"username": username, "password": password}, REMOTE_ADDR=address, **headers
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("path", SIGN_IN_PATHS)
@override_settings(**LIMITS)
def test_every_sign_in_path_locks_after_n_failures_and_refuses_the_right_password(client, path):
    trainer = UserFactory(role="Trainers")
    for _ in range(2):
        response = sign_in(client, path, trainer.username, "wrong")
        assert response.status_code == 200
    response = sign_in(client, path, trainer.username, "wrong")
    assert response.status_code == 429
    response = sign_in(client, path, trainer.username, PASSWORD)
    assert response.status_code == 429
    assert not signed_in(client)


@pytest.mark.parametrize("locked_at", SIGN_IN_PATHS)
@override_settings(**LIMITS)
def test_a_lock_earned_on_one_path_holds_on_every_other(client, locked_at):
    """The issue's finding: locked out of /accounts/login/, a trainer still signed in at
    /admin/login/."""
    trainer = UserFactory(role="Trainers")
    for _ in range(3):
        sign_in(client, locked_at, trainer.username, "wrong")
    for path in SIGN_IN_PATHS:
        response = sign_in(client, path, trainer.username, PASSWORD, address="198.51.100.9")
        assert response.status_code == 429, path
        assert not signed_in(client)


@override_settings(**LIMITS)
def test_the_lockout_page_says_when_to_try_again_and_what_else_to_do(client):
    user = UserFactory()
    for _ in range(3):
        response = sign_in(client, "/accounts/login/", user.username, "wrong")
    page = response.content.decode()
    assert response.status_code == 429
    assert "try again in about 15 minutes" in page
    assert 'href="/accounts/password_reset/"' in page
    assert "programme coordinator" in page


@override_settings(**LIMITS)
def test_one_locked_account_does_not_lock_others_at_the_same_address(client):
    a, b = UserFactory(), UserFactory()
    for _ in range(3):
        sign_in(client, "/accounts/login/", a.username, "wrong")
    assert sign_in(client, "/accounts/login/", a.username, PASSWORD).status_code == 429
    response = sign_in(client, "/accounts/login/", b.username, PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)


@override_settings(**LIMITS)
def test_an_address_over_its_own_limit_is_locked_for_every_account(client):
    a, b, c = UserFactory(), UserFactory(), UserFactory()
    for user in (a, a, b, b):
        assert sign_in(client, "/accounts/login/", user.username, "wrong").status_code == 200
    # The fifth failure from the office, for a third account, uses up the address's allowance.
    assert sign_in(client, "/accounts/login/", c.username, "wrong").status_code == 429
    assert sign_in(client, "/accounts/login/", b.username, PASSWORD).status_code == 429
    # Elsewhere the same people sign in: only the address is locked.
    assert (
        sign_in(client, "/accounts/login/", b.username, PASSWORD, "198.51.100.9").status_code == 302
    )


@override_settings(**LIMITS)
def test_a_successful_sign_in_clears_the_account_but_not_the_address(client):
    attacker_target, insider = UserFactory(), UserFactory()
    for _ in range(4):
        sign_in(client, "/accounts/login/", f"guess-{_}", "wrong")
    assert sign_in(client, "/accounts/login/", insider.username, PASSWORD).status_code == 302
    client.logout()
    # The insider's success did not wipe the address's four failures: one more locks it.
    assert sign_in(client, "/accounts/login/", "guess-x", "wrong").status_code == 429
    assert (
        sign_in(client, "/accounts/login/", attacker_target.username, PASSWORD).status_code == 429
    )


@override_settings(**LIMITS)
def test_forwarded_for_is_ignored_unless_a_proxy_is_trusted(client):
    for n in range(5):
        sign_in(client, "/accounts/login/", f"user{n}", "wrong", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {OFFICE}
    user = UserFactory()
    response = sign_in(
        client, "/accounts/login/", user.username, PASSWORD, HTTP_X_FORWARDED_FOR="10.9.9.9"
    )
    assert response.status_code == 429


@override_settings(TRUSTED_PROXY_COUNT=1, **LIMITS)
def test_behind_a_trusted_proxy_each_client_has_its_own_address(client):
    """Behind the TLS proxy everyone's REMOTE_ADDR is the proxy's: the forwarded address counts."""
    proxy = "10.0.0.1"
    for n in range(5):
        sign_in(
            client,
            "/accounts/login/",
            f"user{n}",
            "wrong",
            proxy,
            HTTP_X_FORWARDED_FOR=f"spoofed, 192.0.2.{n}",
        )
    user = UserFactory()
    response = sign_in(
        client,
        "/accounts/login/",
        user.username,
        PASSWORD,
        proxy,
        HTTP_X_FORWARDED_FOR="192.0.2.200",
    )
    assert response.status_code == 302
    assert AccessAttempt.objects.filter(ip_address=proxy).count() == 0


ADDRESS_CASES = [
    # (trusted proxies, REMOTE_ADDR, X-Forwarded-For, the client's address)
    (0, "10.0.0.1", "", "10.0.0.1"),
    (0, "10.0.0.1", "192.0.2.1", "10.0.0.1"),
    (1, "10.0.0.1", "", "10.0.0.1"),
    (1, "10.0.0.1", "192.0.2.1", "192.0.2.1"),
    (1, "10.0.0.1", "6.6.6.6, 192.0.2.1", "192.0.2.1"),
    (1, "10.0.0.1", "6.6.6.6,192.0.2.1 ", "192.0.2.1"),
    (2, "10.0.0.1", "6.6.6.6, 192.0.2.1, 10.0.0.2", "192.0.2.1"),
    (2, "10.0.0.1", "192.0.2.1", "192.0.2.1"),
    (1, "10.0.0.1", "2001:db8::1", "2001:db8::1"),
]


@pytest.mark.parametrize("count, remote, forwarded, expected", ADDRESS_CASES)
def test_the_client_address_is_the_right_most_untrusted_one(
    settings, count, remote, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = count
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    request = RequestFactory().get("/", REMOTE_ADDR=remote, **headers)
    assert throttle.client_address(request) == expected


@pytest.mark.parametrize("count, remote, forwarded, expected", ADDRESS_CASES)
def test_drf_throttles_see_the_same_address(settings, count, remote, forwarded, expected):
    """DRF's NUM_PROXIES comes from TRUSTED_PROXY_COUNT: the API's throttles and ours agree."""
    settings.TRUSTED_PROXY_COUNT = count
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": count}
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    request = RequestFactory().get("/", REMOTE_ADDR=remote, **headers)
    assert AnonRateThrottle().get_ident(Request(request)) == throttle.client_address(request)


def test_drf_takes_its_proxy_count_from_the_setting():
    from django.conf import settings

    assert settings.REST_FRAMEWORK["NUM_PROXIES"] == settings.TRUSTED_PROXY_COUNT == 0


def test_a_forged_forwarded_address_falls_back_to_the_socket(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="<script>")
    assert throttle.client_address(request) == "10.0.0.1"


@override_settings(**LIMITS)
def test_a_new_password_lifts_the_lock_on_the_account(client):
    user = UserFactory(email="locked@example.org")
    for _ in range(3):
        sign_in(client, "/accounts/login/", user.username, "wrong", address="198.51.100.1")
    client.post("/accounts/password_reset/", {"email": "locked@example.org"})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/reset/" in line)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    form_url = client.get(path)["Location"]
    new = "fresh-meadow-compass-77"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    assert sign_in(client, "/accounts/login/", user.username, new).status_code == 302


def test_sign_in_without_a_request_is_not_throttled_and_still_checks_the_password(client):
    """The test client's login() and the shell call authenticate() without a request."""
    user = UserFactory()
    assert client.login(username=user.username, password=PASSWORD)
    assert not client.login(username=user.username, password="wrong")


# --- Sign-up and password reset ---------------------------------------------------------------


@override_settings(ACCOUNT_REQUESTS_PER_IDENTITY=3)
def test_ten_reset_mails_in_a_second_are_not_possible(client):
    UserFactory(email="target@example.org")
    statuses = [
        client.post("/accounts/password_reset/", {"email": "target@example.org"}).status_code
        for _ in range(10)
    ]
    assert statuses == [302] * 3 + [429] * 7
    assert len(mail.outbox) == 3


@override_settings(ACCOUNT_REQUESTS_PER_IDENTITY=2)
def test_the_reset_limit_is_the_same_for_an_address_without_an_account(client):
    statuses = [
        client.post("/accounts/password_reset/", {"email": "nobody@example.org"}).status_code
        for _ in range(3)
    ]
    assert statuses == [302, 302, 429]


@override_settings(ACCOUNT_REQUESTS_PER_ADDRESS=4, ACCOUNT_REQUESTS_PER_IDENTITY=100)
def test_one_address_cannot_flood_resets_for_many_people(client):
    statuses = [
        client.post(
            "/accounts/password_reset/", {"email": f"p{n}@example.org"}, REMOTE_ADDR=OFFICE
        ).status_code
        for n in range(6)
    ]
    assert statuses == [302] * 4 + [429] * 2
    other = client.post(
        "/accounts/password_reset/", {"email": "p9@example.org"}, REMOTE_ADDR="198.51.100.2"
    )
    assert other.status_code == 302


SIGN_UP = {
    "first_name": "Ana",
    "email": "ana@example.org",
    "password1": "quiet-harbour-lantern-42",
    "password2": "quiet-harbour-lantern-42",
}


@override_settings(ACCOUNT_REQUESTS_PER_IDENTITY=2)
def test_sign_up_is_throttled_per_email_address(client, django_capture_on_commit_callbacks):
    statuses = []
    for n in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/accounts/signup/", {**SIGN_UP, "username": f"ana{n}"})
        statuses.append(response.status_code)
    assert statuses == [302, 302, 429]
    assert "Please wait a little" in response.content.decode()
    assert len(mail.outbox) == 2


@override_settings(ACCOUNT_REQUESTS_PER_ADDRESS=3)
def test_sign_up_is_throttled_per_address(client):
    statuses = [
        client.post(
            "/accounts/signup/", {**SIGN_UP, "username": f"u{n}", "email": f"{n}@x.org"}
        ).status_code
        for n in range(4)
    ]
    assert statuses == [302, 302, 302, 429]


# --- Reports → Sign-in lockouts ---------------------------------------------------------------

LOCKOUTS = "/admin/reports/sign-in-lockouts/"
CLEAR = "/admin/reports/sign-in-lockouts/clear/"


@override_settings(**LIMITS)
def test_coordinators_see_lockouts_and_clear_one_account(client):
    locked, other = UserFactory(), UserFactory()
    for _ in range(3):
        sign_in(client, "/accounts/login/", locked.username, "wrong", address="198.51.100.5")
    sign_in(client, "/accounts/login/", other.username, "wrong", address="198.51.100.6")
    client.force_login(UserFactory(role="Coordinators"))
    page = client.get(LOCKOUTS).content.decode()
    assert locked.username in page and other.username in page
    assert "Locked until" in page and "198.51.100.5" in page
    response = client.post(CLEAR, {"kind": "account", "key": locked.username})
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username=locked.username).exists()
    assert AccessAttempt.objects.filter(username=other.username).exists()
    client.logout()
    assert (
        sign_in(client, "/accounts/login/", locked.username, PASSWORD, "198.51.100.5").status_code
        == 302
    )


@override_settings(**LIMITS)
def test_coordinators_clear_an_address(client):
    for n in range(5):
        sign_in(client, "/accounts/login/", f"guess{n}", "wrong")
    client.force_login(UserFactory(role="Coordinators"))
    client.post(CLEAR, {"kind": "address", "key": OFFICE})
    assert not AccessAttempt.objects.filter(ip_address=OFFICE).exists()


@pytest.mark.parametrize("role", ["Mentors", "Trainers", "Supervisors"])
def test_only_coordinators_see_or_clear_lockouts(client, role):
    sign_in(client, "/accounts/login/", "someone", "wrong")
    client.force_login(UserFactory(role=role))
    assert client.get(LOCKOUTS).status_code in (302, 403)
    assert client.post(CLEAR, {"kind": "account", "key": "someone"}).status_code in (302, 403)
    assert AccessAttempt.objects.filter(username="someone").exists()


@pytest.mark.parametrize("data", [{}, {"kind": "everything", "key": "x"}, {"kind": "account"}])
def test_a_bad_clear_request_clears_nothing(client, data):
    sign_in(client, "/accounts/login/", "someone", "wrong")
    client.force_login(UserFactory(role="Coordinators"))
    assert client.post(CLEAR, data).status_code == 302
    assert AccessAttempt.objects.filter(username="someone").exists()


def test_force_login_without_a_backend_keeps_the_person_signed_in(client):
    """Django names the first backend (ours) in the session; it must find the user again."""
    user = UserFactory()
    client.force_login(user)
    assert client.get("/help/").context["user"] == user


@override_settings(**LIMITS)
def test_an_account_lock_and_its_clearing_reach_the_audit_log_once(client):
    from wagtail.models import ModelLogEntry

    trainer = UserFactory(role="Trainers")
    for _ in range(6):  # the lock, then refused attempts while locked
        sign_in(client, "/accounts/login/", trainer.username, "wrong")
    entries = ModelLogEntry.objects.filter(object_id=str(trainer.pk))
    assert list(entries.values_list("action", flat=True)) == ["pma.account.lockout"]
    assert entries.get().user is None  # the system locked it

    coordinator = UserFactory(role="Coordinators")
    client.force_login(coordinator)
    client.post(
        reverse("cms_admin:sign_in_lockouts_clear"), {"kind": "account", "key": trainer.username}
    )
    unlock = entries.get(action="pma.account.unlock")
    assert unlock.user == coordinator
