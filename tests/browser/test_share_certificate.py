"""The holder shares their certificate (issue 16 point 8): the "Share your certificate" block
passes axe at 1280 and 390 px without sideways scrolling; "Copy link" copies the link (with a
status line saying so); without JavaScript the link is still there to select; the LinkedIn link
is only a link (the browser watch fails the test if anything is fetched from LinkedIn)."""

import re

import pytest
from playwright.sync_api import expect

from certification import services
from tests.browser.accessibility import assert_accessible
from tests.browser.steps import sign_in_at
from tests.factories.certificates import ProgrammeFactory, qualify
from tests.factories.cms import PASSWORD, UserFactory


@pytest.fixture
def holder(transactional_db):
    mentor = UserFactory(role="Mentors")
    programme = ProgrammeFactory(name="Certified Peer Mentor in Community Recovery Support")
    qualify(mentor, programme)
    certificate = services.certificate_issue_if_eligible(mentor_id=mentor.pk, programme=programme)
    return mentor, certificate


def no_sideways_scroll(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_the_share_block_copies_the_link_and_is_accessible(page, holder):
    mentor, certificate = holder
    link = services.verification_url(certificate)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    sign_in_at(page, "/accounts/login/", mentor.username, PASSWORD)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/certification/")
        expect(page.get_by_role("heading", name="Share your certificate")).to_be_visible()
        expect(page.get_by_label("Link to your verification page")).to_have_value(link)
        linkedin = page.get_by_role("link", name="Add to your LinkedIn profile")
        expect(linkedin).to_have_attribute(
            "href", re.compile(r"^https://www\.linkedin\.com/profile/add\?")
        )
        assert no_sideways_scroll(page), f"the holder's page scrolls sideways at {width} px"
        assert_accessible(page)
    page.get_by_role("button", name="Copy link").click()
    expect(page.get_by_text("Link copied.")).to_be_visible()
    assert page.evaluate("() => navigator.clipboard.readText()") == link
    assert_accessible(page)


def test_without_javascript_the_link_is_still_there(browser, live_server, browser_watch, holder):
    mentor, certificate = holder
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", java_script_enabled=False
    )
    browser_watch.watch(context)
    page = context.new_page()
    sign_in_at(page, "/accounts/login/", mentor.username, PASSWORD)
    page.goto("/certification/")
    field = page.get_by_label("Link to your verification page")
    expect(field).to_be_visible()
    expect(field).to_have_value(services.verification_url(certificate))
    expect(page.get_by_role("button", name="Copy link")).to_be_hidden()
    context.close()
