"""Two-step sign-in: who must use it, that no sign-in path reaches a staff page without it,
and that each factor works exactly as often as it should (docs/security.md)."""

import io
import re
import time

import pytest
from django.contrib.auth.models import Permission
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from cms.two_factor import selectors, services
from tests.factories import UserFactory
from tests.factories.cms import PASSWORD

pytestmark = pytest.mark.django_db

SETUP = "/accounts/two-factor/setup/"
VERIFY = "/accounts/two-factor/verify/"
RECOVERY = "/accounts/two-factor/recovery/"
LOGIN_PATHS = ["/accounts/login/", "/admin/login/", "/_util/login/"]
# Pages only staff should reach, and personal pages: none opens before the second step.
GUARDED = [
    "/admin/",
    "/admin/pages/",
    "/admin/reports/site-history/",
    "/admin/account/",
    "/accounts/data/",
    "/dashboard/",
    "/accounts/password_change/",
    "/api/v1/mentors/",
]


@pytest.fixture
def required(settings):
    settings.PMA_STAFF_2FA_REQUIRED = True


def code_for(device, *, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows for this device's key, now (or a step ahead, which the
    one-step tolerance accepts: a code already used cannot be used again)."""
    token = totp(device.bin_key, step=device.step, t0=-steps_ahead * device.step, digits=6)
    return f"{token:06d}"


def wrong_code(device) -> str:
    right = {code_for(device, steps_ahead=n) for n in (-1, 0, 1)}
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in right)


def enrol_totp(user) -> TOTPDevice:
    key = services.totp_key_new()
    device = TOTPDevice(key=key)
    return services.totp_device_add(user=user, key=key, code=code_for(device))


def sign_in(client, user, path="/accounts/login/"):
    response = client.post(path, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return response


# --- the rule -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["Coordinators", "Supervisors", "Trainers"])
def test_staff_roles_must_use_two_steps_when_the_setting_is_on(settings, role):
    user = UserFactory(role=role)
    settings.PMA_STAFF_2FA_REQUIRED = False
    assert not selectors.two_factor_required(user)
    settings.PMA_STAFF_2FA_REQUIRED = True
    assert selectors.two_factor_required(user)


def test_superusers_must_and_mentors_need_not(required):
    assert selectors.two_factor_required(UserFactory(is_superuser=True))
    assert not selectors.two_factor_required(UserFactory(role="Mentors"))


def test_admin_access_given_directly_counts_when_opening_the_admin(required):
    user = UserFactory(role="Mentors")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    assert selectors.two_factor_required(user, opening_admin=True)


def test_inactive_and_anonymous_people_are_not_asked(required):
    from django.contrib.auth.models import AnonymousUser

    assert not selectors.two_factor_required(AnonymousUser())
    assert not selectors.two_factor_required(UserFactory(role="Coordinators", is_active=False))


# --- every path is held until the second step ----------------------------------------------


@pytest.mark.parametrize("login_path", LOGIN_PATHS)
def test_staff_without_a_method_are_sent_to_set_one_up_from_every_sign_in_path(
    client, required, login_path
):
    coordinator = UserFactory(role="Coordinators")
    sign_in(client, coordinator, login_path)
    for path in GUARDED:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(SETUP), path
    assert client.get(SETUP).status_code == 200


@pytest.mark.parametrize("login_path", LOGIN_PATHS)
def test_staff_with_a_method_must_verify_after_the_password_on_every_path(client, login_path):
    # The setting does not matter once someone has a second factor: it is always asked for.
    coordinator = UserFactory(role="Coordinators")
    enrol_totp(coordinator)
    sign_in(client, coordinator, login_path)
    for path in GUARDED:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(VERIFY), path
    post = client.post("/admin/pages/add/cms/standardpage/3/", {"title": "x"})
    assert post.status_code == 302 and post["Location"].startswith(VERIFY)


def test_the_verify_redirect_keeps_where_the_person_was_going(client, required):
    coordinator = UserFactory(role="Coordinators")
    enrol_totp(coordinator)
    sign_in(client, coordinator, "/admin/login/")
    response = client.get("/admin/reports/site-history/")
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2Freports%2Fsite-history%2F"


def test_a_pending_session_can_still_sign_out_and_reach_crisis_help(client, required):
    coordinator = UserFactory(role="Coordinators")
    sign_in(client, coordinator)
    assert client.get("/help/").status_code == 200
    assert client.get("/healthz").status_code in (200, 503)
    client.post("/accounts/logout/")
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_with_the_setting_off_staff_without_a_method_go_on_as_before(client):
    coordinator = UserFactory(role="Coordinators")
    sign_in(client, coordinator)
    assert client.get("/admin/").status_code == 200


def test_a_mentor_is_not_made_to_set_up_two_steps(client, required):
    mentor = UserFactory(role="Mentors")
    sign_in(client, mentor)
    assert client.get("/dashboard/").status_code == 200
    assert client.get("/accounts/two-factor/").status_code == 200


def test_a_mentor_who_chose_two_steps_is_asked_for_them(client):
    mentor = UserFactory(role="Mentors")
    enrol_totp(mentor)
    sign_in(client, mentor)
    assert client.get("/dashboard/")["Location"].startswith(VERIFY)


# --- authenticator app ----------------------------------------------------------------------


def test_setting_up_an_app_needs_a_code_made_from_the_key_shown(client, required):
    coordinator = UserFactory(role="Coordinators")
    sign_in(client, coordinator)
    page = client.get(SETUP).content.decode()
    assert "<svg" in page and "otpauth" not in page  # QR drawn here; the URI is not in the HTML
    assert 'autocomplete="one-time-code"' in page and 'inputmode="numeric"' in page
    key = client.session["two_factor_totp_key"]
    manual = re.search(r'data-manual-key="([A-Z2-7]+)"', page).group(1)
    from base64 import b32decode

    assert b32decode(manual + "=" * (-len(manual) % 8)).hex() == key

    wrong = client.post(SETUP, {"code": wrong_code(TOTPDevice(key=key))})
    assert wrong.status_code == 200 and "did not match" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=coordinator).exists()

    response = client.post(SETUP, {"code": code_for(TOTPDevice(key=key)), "next": "/admin/"})
    assert response["Location"] == "/accounts/two-factor/recovery-codes/"
    device = TOTPDevice.objects.get(user=coordinator)
    assert device.confirmed and device.key == key
    assert StaticToken.objects.filter(device__user=coordinator).count() == 10
    assert client.get("/admin/").status_code == 200  # setting up verified this session


@pytest.mark.parametrize("bad", ["", "12345", "1234567", "abcdef", "12 34 5x", "9" * 20])
def test_setting_up_refuses_malformed_codes(required, bad):
    user = UserFactory(role="Coordinators")
    with pytest.raises(services.TwoFactorError):
        services.totp_device_add(user=user, key=services.totp_key_new(), code=bad)
    assert not TOTPDevice.objects.filter(user=user).exists()


def test_signing_in_with_a_code_from_the_app(client, required):
    coordinator = UserFactory(role="Coordinators")
    device = enrol_totp(coordinator)
    sign_in(client, coordinator, "/admin/login/")
    page = client.get(f"{VERIFY}?next=/admin/").content.decode()
    assert 'autocomplete="one-time-code"' in page
    response = client.post(VERIFY, {"code": code_for(device, steps_ahead=1), "next": "/admin/"})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_code_signs_in_once(client, required):
    coordinator = UserFactory(role="Coordinators")
    device = enrol_totp(coordinator)
    code = code_for(device, steps_ahead=1)
    services.totp_verify(user=coordinator, code=code)
    with pytest.raises(services.TwoFactorError):
        services.totp_verify(user=coordinator, code=code)


def test_wrong_codes_are_refused_and_slow_further_tries(client, required):
    coordinator = UserFactory(role="Coordinators")
    device = enrol_totp(coordinator)
    sign_in(client, coordinator)
    first = client.post(VERIFY, {"code": wrong_code(device)})
    assert "did not match" in first.content.decode()
    second = client.post(VERIFY, {"code": code_for(device, steps_ahead=1)})
    assert "Please wait" in second.content.decode()  # even the right code waits its turn
    assert client.get("/admin/")["Location"].startswith(VERIFY)
    device.refresh_from_db()
    assert device.throttling_failure_count == 1


def test_a_malformed_code_counts_as_a_wrong_one(required):
    coordinator = UserFactory(role="Coordinators")
    device = enrol_totp(coordinator)
    with pytest.raises(services.TwoFactorError):
        services.totp_verify(user=coordinator, code="nope\x00")
    device.refresh_from_db()
    assert device.throttling_failure_count == 1


def test_someone_with_only_a_password_cannot_add_their_own_app(client):
    coordinator = UserFactory(role="Coordinators")
    enrol_totp(coordinator)
    sign_in(client, coordinator)
    assert client.get(SETUP)["Location"].startswith(VERIFY)
    assert client.post(SETUP, {"code": "123456"})["Location"].startswith(VERIFY)
    passkey = client.post("/accounts/two-factor/webauthn/registration/begin/")
    assert passkey.status_code in (302, 403)
    assert TOTPDevice.objects.filter(user=coordinator).count() == 1


def test_next_cannot_send_people_to_another_site(client, required):
    coordinator = UserFactory(role="Coordinators")
    device = enrol_totp(coordinator)
    sign_in(client, coordinator)
    response = client.post(
        VERIFY, {"code": code_for(device, steps_ahead=1), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


# --- recovery codes -------------------------------------------------------------------------


def test_a_recovery_code_signs_in_once_and_is_used_up(client, required):
    coordinator = UserFactory(role="Coordinators")
    enrol_totp(coordinator)
    codes = services.recovery_codes_generate(user=coordinator)
    assert len(codes) == len(set(codes)) == 10

    sign_in(client, coordinator)
    page = client.get(RECOVERY).content.decode()
    assert 'autocomplete="one-time-code"' in page
    response = client.post(RECOVERY, {"code": codes[0].upper(), "next": "/admin/"})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert selectors.recovery_codes_left(user=coordinator) == 9

    client.post("/accounts/logout/")
    sign_in(client, coordinator)
    again = client.post(RECOVERY, {"code": codes[0]})
    assert again.status_code == 200 and "did not work" in again.content.decode()
    assert client.get("/admin/")["Location"].startswith(VERIFY)


def test_new_recovery_codes_replace_the_old_ones(required):
    coordinator = UserFactory(role="Coordinators")
    enrol_totp(coordinator)
    old = services.recovery_codes_generate(user=coordinator)
    new = services.recovery_codes_generate(user=coordinator)
    assert StaticDevice.objects.filter(user=coordinator).count() == 1
    with pytest.raises(services.TwoFactorError):
        services.recovery_code_use(user=coordinator, code=old[0])
    time.sleep(1.1)  # the wrong try above makes the next one wait a second
    services.recovery_code_use(user=coordinator, code=new[0])


def test_recovery_codes_are_shown_once_and_can_be_downloaded(client, required):
    coordinator = UserFactory(role="Coordinators")
    sign_in(client, coordinator)
    client.get(SETUP)
    key = client.session["two_factor_totp_key"]
    client.post(SETUP, {"code": code_for(TOTPDevice(key=key)), "next": "/admin/"})
    codes = list(
        StaticToken.objects.filter(device__user=coordinator).values_list("token", flat=True)
    )
    page = client.get("/accounts/two-factor/recovery-codes/")
    assert all(code in page.content.decode() for code in codes)
    download = client.get("/accounts/two-factor/recovery-codes/download/")
    assert download["Content-Disposition"].startswith("attachment")
    assert "no-store" in download["Cache-Control"]
    assert all(code in download.content.decode() for code in codes)

    done = client.post("/accounts/two-factor/recovery-codes/")
    assert done["Location"] == "/admin/"
    assert client.get("/accounts/two-factor/recovery-codes/")["Location"].endswith(
        "/accounts/two-factor/"
    )
    assert client.get("/accounts/two-factor/recovery-codes/download/").status_code == 404


def test_renewing_recovery_codes_asks_for_the_password(client):
    mentor = UserFactory(role="Mentors")
    device = enrol_totp(mentor)
    old = services.recovery_codes_generate(user=mentor)
    sign_in(client, mentor)
    client.post(VERIFY, {"code": code_for(device, steps_ahead=1)})
    url = "/accounts/two-factor/recovery-codes/renew/"
    assert client.get(url).status_code == 200
    refused = client.post(url, {"password": "not-it"})
    assert refused.status_code == 400 and "not right" in refused.content.decode()
    assert selectors.recovery_codes_left(user=mentor) == 10
    assert StaticToken.objects.filter(token=old[0]).exists()
    done = client.post(url, {"password": PASSWORD})
    assert done["Location"] == "/accounts/two-factor/recovery-codes/"
    assert not StaticToken.objects.filter(token__in=old).exists()


# --- managing methods -----------------------------------------------------------------------


def test_removing_a_method_asks_for_the_password_and_is_logged(client, required):
    coordinator = UserFactory(role="Coordinators")
    device = enrol_totp(coordinator)
    services.recovery_codes_generate(user=coordinator)
    sign_in(client, coordinator)
    client.post(VERIFY, {"code": code_for(device, steps_ahead=1)})
    url = f"/accounts/two-factor/methods/totp/{device.pk}/remove/"
    assert client.post(url, {"password": "wrong"}).status_code == 400
    assert TOTPDevice.objects.filter(pk=device.pk).exists()

    response = client.post(url, {"password": PASSWORD})
    assert response["Location"] == "/accounts/two-factor/"
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    assert not StaticDevice.objects.filter(user=coordinator).exists()  # codes lead nowhere now
    # The last method gone, the role's rule sends them to set up a new one.
    assert client.get("/admin/")["Location"].startswith(SETUP)
    actions = list(
        ModelLogEntry.objects.filter(object_id=str(coordinator.pk)).values_list("action", flat=True)
    )
    assert "cms.two_factor.added" in actions
    assert "cms.two_factor.removed" in actions
    assert "cms.two_factor.recovery_codes" in actions


def test_nobody_can_remove_someone_elses_method(client):
    owner = UserFactory(role="Coordinators")
    device = enrol_totp(owner)
    other = UserFactory(role="Mentors")
    sign_in(client, other)
    url = f"/accounts/two-factor/methods/totp/{device.pk}/remove/"
    assert client.post(url, {"password": PASSWORD}).status_code == 404
    assert client.get("/accounts/two-factor/methods/sms/1/remove/").status_code == 404
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_the_manage_page_lists_methods_and_codes_left(client):
    mentor = UserFactory(role="Mentors")
    device = enrol_totp(mentor)
    services.recovery_codes_generate(user=mentor)
    sign_in(client, mentor)
    client.post(VERIFY, {"code": code_for(device, steps_ahead=1)})
    page = client.get("/accounts/two-factor/").content.decode()
    assert "Authenticator app" in page and "10 unused recovery codes" in page


def test_an_operator_resets_someone_who_lost_everything(client, required):
    from django.core.management import call_command

    coordinator = UserFactory(role="Coordinators")
    enrol_totp(coordinator)
    services.recovery_codes_generate(user=coordinator)
    call_command("two_factor_reset", coordinator.username, stdout=io.StringIO())
    assert not selectors.has_second_factor(user=coordinator)
    assert not StaticDevice.objects.filter(user=coordinator).exists()
    sign_in(client, coordinator)
    assert client.get("/admin/")["Location"].startswith(SETUP)
    with pytest.raises(Exception, match="No account"):
        call_command("two_factor_reset", "nobody-by-this-name")


def test_the_admin_account_page_links_to_two_step_sign_in(client, required):
    coordinator = UserFactory(role="Coordinators")
    device = enrol_totp(coordinator)
    sign_in(client, coordinator, "/admin/login/")
    client.post(VERIFY, {"code": code_for(device, steps_ahead=1)})
    page = client.get("/admin/account/").content.decode()
    assert "/accounts/two-factor/" in page and "Two-step sign-in" in page
