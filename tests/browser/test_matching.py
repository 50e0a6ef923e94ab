"""A coordinator uses the gate in the Wagtail admin: roster, a refusal with its reasons, then
an assignment; then suspends the mentor's certificate, which sends the assignment to review and
makes the public check say suspended. axe checks our admin extension's main content
(Wagtail's own chrome is Wagtail's to keep accessible)."""

import re

from playwright.sync_api import expect

from certification.models import CertificationProgramme
from certification.selectors import programme_default
from certification.services import certificate_issue_if_eligible
from cms.models import User
from demo import assignments as matching_demo
from tests.browser.accessibility import assert_accessible
from tests.browser.steps import sign_in_at


def test_a_coordinator_is_refused_then_assigns_a_certified_mentor(
    page, media_in_tmp, public_address_is_live_server, demo
):
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

    # Wait for the sign-in to land before opening the roster: going to another URL while
    # the sign-in form's POST is still in flight could abort it and leave the browser signed out.
    sign_in_at(page, "/admin/login/", "coordinator", "demo-coordinator")
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

    # The coordinator suspends the mentor's certificate: Certification → Certificates → Manage.
    page.get_by_role("button", name="Certification").click()
    page.get_by_role("link", name="Certificates").click()
    page.get_by_role("row").filter(has_text=certified.public_name).get_by_role(
        "link", name=re.compile(r"^PMA-|\d")
    ).first.click()
    expect(page.get_by_role("heading", name="Change its status")).to_be_visible()
    assert_accessible(page, "main")
    page.get_by_label("Suspend (reversible)").check()
    page.get_by_label("Reason").fill("A safeguarding concern is being looked into.")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator("main")).to_contain_text("verification says: suspended")
    assert_accessible(page, "main")
    verification = page.locator("main dd a[href*='/verify/']")
    verify_path = verification.get_attribute("href")

    # The assignment waits in the needs-review queue.
    page.get_by_role("button", name="Matching").click()
    page.get_by_role("link", name="Needs review").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Assignments needing review")
    review_row = page.get_by_role("row").filter(has_text="M-DELTA")
    expect(review_row).to_contain_text(certified.public_name)
    assert_accessible(page, "main")

    # Anyone checking the certificate is told it is suspended.
    page.goto(verify_path)
    expect(page.locator("#verify-status")).to_contain_text("This certificate is suspended.")
    assert_accessible(page)
