"""A coordinator uses the gate in the Wagtail admin: roster, a refusal with its reasons, then
an assignment. axe checks our admin extension's main content (Wagtail's own chrome is
Wagtail's to keep accessible)."""

import re

from playwright.sync_api import expect

from certification.models import CertificationProgramme
from certification.selectors import programme_default
from certification.services import certificate_issue_if_eligible
from cms.models import User
from matching import demo as matching_demo
from tests.browser.accessibility import assert_accessible
from tests.browser.steps import sign_in


def test_a_coordinator_is_refused_then_assigns_a_certified_mentor(page, demo):
    programme = programme_default() or CertificationProgramme.objects.create(
        name="Certified Peer Mentor",
        slug="certified-peer-mentor",
        is_default=True,
        endorsement_required=False,
        required_minutes_total=60,
    )
    certified = User.objects.get(username="certified")
    certificate_issue_if_eligible(mentor_id=certified.pk, programme=programme)
    mentor = User.objects.get(username="mentor")
    matching_demo.seed(log=lambda message: None)  # mentees, once a default programme exists

    page.goto("/admin/login/")
    sign_in(page, "coordinator", "demo-coordinator")
    page.goto("/admin/matching/roster/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mentor roster")
    expect(page.get_by_role("link", name=certified.public_name)).to_be_visible()
    assert_accessible(page, "main")

    page.goto("/admin/matching/assignments/new/")
    assert_accessible(page, "main")
    page.locator("#id_mentor").select_option(str(mentor.pk))
    page.locator("#id_mentee").select_option(label="M-DELTA")
    page.get_by_role("button", name="Assign").click()
    refusal = page.get_by_role("alert").filter(has_text="The gate refused")
    expect(refusal).to_contain_text("holds no certificate")
    assert_accessible(page, "main")

    page.locator("#id_mentor").select_option(str(certified.pk))
    page.locator("#id_mentee").select_option(label="M-DELTA")
    page.get_by_role("button", name="Assign").click()
    expect(page).to_have_url(re.compile(r"/admin/matching/assignments/\d+/$"))
    expect(page.get_by_text("now mentors M-DELTA")).to_be_visible()
    assert_accessible(page, "main")
