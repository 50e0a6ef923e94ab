"""The public verification page in each state it can be in (valid, expired, suspended, revoked,
replaced, unknown code): axe finds no WCAG 2.2 A/AA violation, the banner's heading says the
status in words, and nothing scrolls sideways on a desktop (1280 px) or a phone (390 px)."""

import pytest
from playwright.sync_api import expect

from certification import services
from tests.browser.accessibility import assert_accessible
from tests.certification.test_verification_status import renew, set_status
from tests.factories.certificates import ProgrammeFactory, qualify
from tests.factories.cms import UserFactory

WIDTHS = (1280, 390)
UNKNOWN = "AAAA-BBBB-CCCC-DDDD-EEEE"
STATES = {
    "valid": ("Valid", "This certificate is valid today."),
    "expired": ("Expired", "This certificate has expired."),
    "suspended": ("Suspended", "This certificate is suspended."),
    "revoked": ("Revoked", "This certificate has been revoked."),
    "superseded": ("Replaced", "This certificate was replaced by certificate"),
    "unknown": ("Not found", "No certificate has this code."),
}


@pytest.fixture
def certificate(transactional_db):
    mentor = UserFactory(role="Mentors", first_name="Maximiliana-Alexandrina", last_name="Long")
    programme = ProgrammeFactory(name="Certified Peer Mentor in Community Recovery Support")
    qualify(mentor, programme)
    return services.certificate_issue_if_eligible(mentor_id=mentor.pk, programme=programme)


def no_sideways_scroll(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("state", list(STATES))
def test_each_state_of_the_verify_page(page, certificate, state):
    code = certificate.verification_code
    if state == "unknown":
        code = UNKNOWN
    elif state == "superseded":
        renew(certificate)
    elif state != "valid":
        set_status(certificate, state)
    label, sentence = STATES[state]
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"/verify/{code}/")
        banner = page.get_by_role("status")
        expect(banner).to_contain_text(label)
        expect(page.get_by_role("heading", level=2).first).to_contain_text(sentence)
        expect(page.get_by_label("Verification code")).to_be_visible()
        assert no_sideways_scroll(page), f"{state} scrolls sideways at {width} px"
        assert_accessible(page)
