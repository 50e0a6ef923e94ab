"""axe-core finds no WCAG 2.2 A/AA violation on our public pages.

Add each new learner, public or verification page to PUBLIC_PAGES or SIGNED_IN_PAGES (and each
admin extension to admin_screens() in test_admin_accessibility.py), so axe checks it.
"""

import pytest

from demo.site import demo_password
from tests.browser.accessibility import assert_accessible
from tests.browser.steps import sign_in

PUBLIC_PAGES = [
    "/",
    "/help/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password_reset/",
    "/accounts/password_reset/done/",
    "/accounts/reset/done/",
    "/accounts/signup/done/",
    "/accounts/signup/confirm/MQ/x-y/",
    "/no-such-page/",
    "/verify/",
    "/verify/AAAA-BBBB-CCCC-DDDD-EEEE/",  # an unknown code: the check's "not found" answer
]

SIGNED_IN_PAGES = [
    "/",
    "/help/",
    "/accounts/password_change/",
    "/accounts/data/",
]


def test_the_checker_reports_what_it_finds(page):
    page.set_content("<html><body><img src='x.png'><input type='text'></body></html>")
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page)
    message = str(failure.value)
    assert "image-alt (critical)" in message
    assert "html-has-lang" in message
    assert '["img"]' in message


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_is_accessible(page, demo, path):
    page.goto(path)
    assert_accessible(page)


def test_signed_in_pages_are_accessible(page, demo):
    page.goto("/accounts/login/")
    sign_in(page, "mentor", demo_password("mentor"))
    page.get_by_text("Signed in as").wait_for()
    for path in SIGNED_IN_PAGES:
        page.goto(path)
        assert_accessible(page)
        # The user menu's contents are checked too, not only its closed summary.
        page.locator("details.user-menu summary").click()
        assert_accessible(page)


def test_the_throttle_pages_are_accessible(page, demo, settings):
    """The lockout page (any sign-in path) and the sign-up/reset "please wait" page."""
    settings.LOGIN_THROTTLE_ATTEMPTS = 1
    settings.ACCOUNT_REQUESTS_PER_IDENTITY = 1
    page.goto("/admin/login/")
    sign_in(page, "trainer", "not-the-password")
    page.get_by_role("heading", name="Sign-in is paused for a while").wait_for()
    assert_accessible(page)
    for _ in range(2):
        page.goto("/accounts/password_reset/")
        page.get_by_label("Email").fill("someone@example.org")
        page.get_by_role("button", name="Send reset link").click()
    page.get_by_role("heading", name="Please wait a little").wait_for()
    assert_accessible(page)
