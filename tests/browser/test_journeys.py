"""Journeys through the site as people make them: by keyboard and mouse, with axe on every page.

No step writes to the database behind the user's back; only fixtures prepare the world before
the journey starts (and, once the clock matters, advancing it is the one allowed shortcut).
"""

import re

from playwright.sync_api import expect

from cms.models import User
from demo.site import demo_password
from tests.browser.accessibility import assert_accessible
from tests.browser.steps import confirm_sign_up, sign_in

STRONG_PASSWORD = "quiet-harbour-lantern-42"


def focused_text(page) -> str:
    return page.evaluate("() => document.activeElement.textContent.trim()")


def test_a_visitor_in_distress_reaches_help_by_keyboard(page, demo):
    page.goto("/")
    assert_accessible(page)

    page.keyboard.press("Tab")
    assert focused_text(page) == "Skip to main content", "the skip link is the first Tab stop"

    header_stops = []
    for _ in range(10):
        page.keyboard.press("Tab")
        header_stops.append(focused_text(page))
        if header_stops[-1] == "Get help now":
            break
    assert header_stops[-1] == "Get help now", f"Tab went through {header_stops}"
    assert page.evaluate("() => !!document.activeElement.closest('header')")

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/help/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Get help now")
    danger = page.get_by_role("region", name="If someone's life is in danger")
    expect(danger).to_contain_text("Call the emergency services now")
    assert_accessible(page)


def test_the_skip_link_moves_focus_to_the_main_content(page, demo):
    page.goto("/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('main')"), (
        "the next Tab stop after skipping is inside the main content"
    )


def fill_sign_up(page, *, email: str, password: str) -> None:
    page.get_by_label("Username").fill("river")
    page.get_by_label("First name").fill("River")
    page.get_by_label("E-mail address").fill(email)
    page.locator("#id_password1").fill(password)
    page.get_by_label("Password confirmation").fill(password)
    page.get_by_role("button", name="Create account").click()


def test_a_new_mentor_signs_up_signs_out_and_signs_in_again(page, demo):
    page.goto("/")
    page.get_by_role("link", name="Start your training").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create your mentor account")
    assert_accessible(page)

    # First try: a weak password. The form says why, and nothing about who has an account.
    fill_sign_up(page, email="mentor@example.org", password="password")
    expect(page.locator("#id_email_error")).to_have_count(0)
    # One element per field holds all its errors: Django points aria-describedby at its id.
    expect(page.locator("#id_password2_error")).to_contain_text("too short")
    expect(page.locator("#id_password2_error")).to_contain_text("too common")
    expect(page.get_by_label("Password confirmation")).to_have_attribute(
        "aria-describedby", re.compile(r"\bid_password2_error\b")
    )
    assert not User.objects.filter(username="river").exists()
    assert_accessible(page)

    fill_sign_up(page, email="river@example.org", password=STRONG_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    assert_accessible(page)
    confirm_sign_up(page)
    expect(page.get_by_role("status")).to_contain_text("Welcome, River. Your account is ready.")
    assert_accessible(page)

    page.get_by_text("Signed in as River").click()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in").first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Sign in").first.click()
    sign_in(page, "river", STRONG_PASSWORD)
    expect(page.get_by_text("Signed in as River")).to_be_visible()
    assert_accessible(page)


def test_a_trainer_signs_in_to_the_admin(page, demo):
    page.goto("/admin/login/")
    sign_in(page, "trainer", demo_password("trainer"))
    expect(page).to_have_url(re.compile(r"/admin/$"))
    # Wagtail's own admin pages are Wagtail's to keep accessible; ours are checked elsewhere.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Peer Mentor Academy")
