"""Two-step sign-in in a real browser: a coordinator sets up an authenticator app (the test is
the app: it computes the codes from the key the page shows), signs out, signs back in with a
code and later with a recovery code; another sets up a passkey on Chromium's virtual
authenticator and signs in with it. axe checks the set-up, verify, codes and recovery pages."""

import re
from base64 import b32decode
from pathlib import Path

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible
from tests.browser.steps import sign_in, sign_in_at
from tests.factories import UserFactory
from tests.factories.cms import PASSWORD

SETUP = re.compile(r"/accounts/two-factor/setup/")
VERIFY = re.compile(r"/accounts/two-factor/verify/")
ADMIN_HOME = re.compile(r"/admin/$")


@pytest.fixture
def two_factor_required(settings, live_server):
    settings.PMA_STAFF_2FA_REQUIRED = True
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]  # http://localhost:<port>


def app_code(manual_key: str, *, steps_ahead: int = 0) -> str:
    """What an authenticator app shows for the key typed in by hand."""
    key = b32decode(manual_key + "=" * (-len(manual_key) % 8))
    return f"{totp(key, step=30, t0=-30 * steps_ahead, digits=6):06d}"


def sign_out(page) -> None:
    page.goto("/help/")
    page.locator("summary", has_text="Signed in as").click()
    page.get_by_role("button", name="Sign out").click()


def test_a_coordinator_sets_up_an_app_and_signs_in_with_a_code_or_a_recovery_code(
    page, two_factor_required
):
    UserFactory(username="casey", first_name="Casey", role="Coordinators")

    sign_in_at(page, "/admin/login/", "casey", PASSWORD)
    expect(page).to_have_url(SETUP)
    expect(page.get_by_role("heading", name="Set up two-step sign-in")).to_be_visible()
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    assert_accessible(page)
    manual_key = page.locator("[data-manual-key]").get_attribute("data-manual-key")
    page.get_by_label("6-digit code your app shows now").fill(app_code(manual_key))
    page.get_by_role("button", name="Confirm and continue").click()

    expect(page.get_by_role("heading", name="Save your recovery codes")).to_be_visible()
    assert_accessible(page)
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as a text file").click()
    assert codes[0] in Path(download.value.path()).read_text(encoding="utf-8")
    page.get_by_role("button", name="I have saved my codes").click()
    expect(page).to_have_url(ADMIN_HOME)

    sign_out(page)
    page.goto("/accounts/login/?next=/admin/")
    sign_in(page, "casey", PASSWORD)
    expect(page).to_have_url(VERIFY)
    expect(page.get_by_role("heading", name="Confirm it is you")).to_be_visible()
    assert_accessible(page)
    code_field = page.get_by_label("6-digit code from your authenticator app")
    assert code_field.get_attribute("autocomplete") == "one-time-code"
    assert code_field.get_attribute("inputmode") == "numeric"
    code_field.fill(app_code(manual_key, steps_ahead=1))  # the first code is used up
    code_field.press("Enter")
    expect(page).to_have_url(ADMIN_HOME)

    sign_out(page)
    page.goto("/admin/login/")
    sign_in(page, "casey", PASSWORD)
    expect(page).to_have_url(VERIFY)
    page.get_by_role("link", name="Use a recovery code").click()
    expect(page.get_by_role("heading", name="Sign in with a recovery code")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Recovery code").fill(codes[0])
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page).to_have_url(ADMIN_HOME)

    page.goto("/accounts/two-factor/")
    expect(page.get_by_text("You have 9 unused recovery codes.")).to_be_visible()
    assert_accessible(page)


def test_a_coordinator_sets_up_a_passkey_and_signs_in_with_it(page, two_factor_required):
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    UserFactory(username="robin", role="Coordinators")
    sign_in_at(page, "/admin/login/", "robin", PASSWORD)
    expect(page).to_have_url(SETUP)
    page.get_by_role("button", name="Create a passkey").click()
    expect(page.get_by_role("heading", name="Save your recovery codes")).to_be_visible()
    page.get_by_role("button", name="I have saved my codes").click()
    expect(page).to_have_url(ADMIN_HOME)

    sign_out(page)
    page.goto("/admin/login/")
    sign_in(page, "robin", PASSWORD)
    expect(page).to_have_url(VERIFY)
    page.get_by_role("button", name="Sign in with a passkey").click()
    # The ceremony runs in the browser, then the server checks the signature and signs in: on
    # a loaded CI machine (PostgreSQL run) that took longer than the default 5 s once.
    expect(page).to_have_url(ADMIN_HOME, timeout=30_000)
