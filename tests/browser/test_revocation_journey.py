"""A revocation sticks until a coordinator decides otherwise, and then only new evidence counts.

A coordinator revokes Robin's certificate in the admin; the supervisor approves a log Robin
had already submitted, and no certificate comes back; Robin's page explains what happened and
the public check says revoked. The coordinator allows re-certification; Robin logs a new
session, the supervisor approves it and endorses Robin again, and a new certificate appears.

Each person uses their own browser. Tasks run in the live server's process as they are queued
(the test settings' django-q2 `sync`), so each page shows what the last click caused; every
wait is for something on the page, never for time. Everything before the journey is prepared
in the fixture; during it the database is only read, to name what the pages should show.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from certification import services
from certification.models import Certificate, CertificateStatus, Endorsement, SupervisionLink
from certification.selectors import programme_default
from cms.models import User
from courses import services as learning
from courses.models import CoursePage, ModulePage, Quiz
from demo import content
from demo import practice as certification_demo
from demo import quizzes as demo_quizzes
from demo.site import demo_password
from tests.browser.accessibility import assert_accessible
from tests.browser.steps import sign_in_at
from tests.factories.cms import PASSWORD as ROBIN_PASSWORD
from tests.factories.cms import UserFactory

FOUNDATIONS = content.courses()[0]
REVOCATION_REASON = "A boundary breach with a mentee, confirmed by a review."
DECISION_REASON = "Completed six months of remedial supervision."
# Issuing a certificate renders its PDF in the same request here: give a busy machine time.
ISSUING = 60_000


@pytest.fixture
def certified_robin(media_in_tmp, public_address_is_live_server, demo):
    """Robin holds an active certificate (Foundations done, practice approved, endorsed) and
    has one more session, from three days ago, submitted and waiting for review.

    The programme asks four hours of practice instead of twenty, so that one new session can
    meet it again: the amounts are not what this journey is about, their dates are."""
    supervisor = User.objects.get(username="supervisor")
    programme = programme_default()
    programme.required_minutes_total = 240
    programme.save(update_fields=["required_minutes_total"])
    now = timezone.now()
    today = timezone.localdate()
    robin = UserFactory(
        username="robin",
        first_name="Robin",
        last_name="Hale",
        role="Mentors",
        date_joined=now - datetime.timedelta(days=150),
    )
    SupervisionLink.objects.create(
        supervisor=supervisor, mentor=robin, start=today - datetime.timedelta(days=140)
    )
    course = CoursePage.objects.get(slug=FOUNDATIONS["slug"])
    learning.enrolment_create(learner=robin, course=course)
    for index, module in enumerate(ModulePage.objects.child_of(course).live().order_by("path")):
        quiz = Quiz.objects.get(pk=module.quiz_id)
        demo_quizzes.take(
            robin, quiz, correct=True, when=now - datetime.timedelta(days=130 - index)
        )
        learning.module_complete(learner=robin, module=module)
    competencies = {c.slug: c for c in certification_demo.Competency.objects.all()}
    for entry in [
        *content.practice()["logs"]["certified"][:4],
        {
            "days_ago": 3,
            "minutes": 60,
            "setting": "co_facilitated",
            "competencies": ["active-listening"],
            "reflection": "Co-facilitated the Tuesday group; I kept the time boundary kindly.",
            "status": "submitted",
        },
    ]:
        certification_demo.demo_log(
            mentor=robin,
            supervisor=supervisor,
            today=today,
            entry=entry,
            competencies=competencies,
            log=lambda message: None,
        )
    Endorsement.objects.create(
        mentor=robin,
        programme=programme,
        supervisor=supervisor,
        endorsed_at=now - datetime.timedelta(days=10),
        statement="Safe, warm and boundaried in supervised sessions.",
    )
    certificate = services.certificate_issue_if_eligible(mentor_id=robin.pk, programme=programme)
    assert certificate is not None
    certificate.refresh_from_db()
    assert certificate.pdf_status == "ready"
    return certificate


def staff_sign_in(page, username: str) -> None:
    sign_in_at(page, "/admin/login/", username, demo_password(username))
    expect(page).to_have_url(re.compile(r"/admin/$"))
    assert_accessible(page)


def approve_the_submitted_log(supervisor, reflection: str) -> None:
    """The supervisor opens Robin's submitted log from the practice logs list and approves it."""
    supervisor.goto("/admin/practice_logs/")
    assert_accessible(supervisor)
    supervisor.get_by_role("row", name=re.compile(r"^Robin Hale .* Submitted ")).get_by_role(
        "link", name="Robin Hale"
    ).click()
    expect(supervisor.get_by_text(reflection)).to_be_visible()
    assert_accessible(supervisor, "main")
    supervisor.get_by_role("button", name="Approve").click()
    expect(supervisor.get_by_role("status")).to_contain_text("Approved. The mentor has been told.")
    assert_accessible(supervisor, "main")


def test_a_revocation_sticks_until_a_coordinator_allows_recertification(
    page, certified_robin, open_page
):
    certificate = certified_robin
    robin = certificate.holder

    # The coordinator finds Robin's certificate and revokes it.
    coordinator = open_page()
    staff_sign_in(coordinator, "coordinator")
    coordinator.goto("/admin/certificate/")
    assert_accessible(coordinator)
    coordinator.get_by_role("link", name=certificate.serial).click()
    expect(coordinator.get_by_role("heading", name="Change its status")).to_be_visible()
    assert_accessible(coordinator)
    manage_url = coordinator.url
    coordinator.get_by_label("Revoke (final)").check()
    coordinator.get_by_label("Reason").fill(REVOCATION_REASON)
    coordinator.get_by_role("button", name="Apply").click()
    expect(coordinator.get_by_role("status")).to_contain_text("Done. The holder has been e-mailed.")
    expect(coordinator.locator("main")).to_contain_text("verification says: revoked")
    expect(coordinator.get_by_role("link", name="Allow re-certification")).to_be_visible()
    assert_accessible(coordinator)

    # The supervisor approves the session Robin had already submitted: nothing is issued.
    supervisor = open_page()
    staff_sign_in(supervisor, "supervisor")
    approve_the_submitted_log(supervisor, "Co-facilitated the Tuesday group")

    # Robin's page says what happened and what happens next, and promises nothing.
    sign_in_at(page, "/accounts/login/", "robin", ROBIN_PASSWORD)
    assert_accessible(page)
    page.goto("/certification/")
    main = page.locator("main")
    expect(main).to_contain_text(f"Your certificate {certificate.serial} was revoked on")
    expect(main).to_contain_text(REVOCATION_REASON)
    expect(main).to_contain_text("A coordinator needs to decide whether you may work towards")
    expect(main).not_to_contain_text("issued in a moment")
    expect(page.locator(".certificate-card")).to_have_count(0)
    expect(page.get_by_role("link", name="Download the PDF")).to_have_count(0)
    expect(page.get_by_role("link", name="Get help now").first).to_be_visible()
    assert_accessible(page)
    assert list(Certificate.objects.filter(holder=robin).values_list("pk", flat=True)) == [
        certificate.pk
    ]

    # The PDF is not handed out as if it were valid; the public check says revoked.
    response = page.goto(f"/certification/certificates/{certificate.serial}/pdf/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("This PDF is not available")
    expect(main).to_contain_text("so its PDF is no longer available")
    assert_accessible(page)
    page.get_by_role("link", name="Public verification page").click()
    expect(page).to_have_url(re.compile(rf"/verify/{certificate.verification_code}/$"))
    expect(page.locator("#verify-status")).to_contain_text("This certificate has been revoked.")
    assert_accessible(page)

    # The coordinator allows re-certification, after reading what it means; a reason is needed.
    coordinator.goto(manage_url)
    coordinator.get_by_role("link", name="Allow re-certification").click()
    expect(coordinator.get_by_role("heading", name="What this decision means")).to_be_visible()
    expect(coordinator.locator("main")).to_contain_text("The certificate stays revoked")
    assert_accessible(coordinator)
    coordinator.get_by_role("button", name="Yes, allow re-certification").click()
    expect(coordinator.get_by_role("alert")).to_contain_text("Please give a reason")
    assert_accessible(coordinator)
    coordinator.get_by_label("Reason").fill(DECISION_REASON)
    coordinator.get_by_role("button", name="Yes, allow re-certification").click()
    expect(coordinator.get_by_role("status")).to_contain_text("Re-certification allowed.")
    history = coordinator.get_by_role("row", name=re.compile(r"Re-certification allowed"))
    expect(history).to_contain_text(DECISION_REASON)
    expect(history).to_contain_text(User.objects.get(username="coordinator").public_name)
    expect(coordinator.get_by_role("link", name="Allow re-certification")).to_have_count(0)
    assert_accessible(coordinator)

    # Robin may work towards certification again; earlier practice and endorsement no longer
    # count.
    page.goto("/certification/")
    expect(main).to_contain_text("You may work towards certification again.")
    checklist = page.locator(".checklist")
    expect(checklist).to_contain_text("Your supervisor has not endorsed your readiness yet.")
    expect(checklist.locator("li.unmet")).not_to_have_count(0)
    expect(main).not_to_contain_text("issued in a moment")
    assert_accessible(page)

    # Robin logs a new session and submits it.
    page.goto("/practice/new/")
    assert_accessible(page)
    page.get_by_label("Session date").fill(timezone.localdate().isoformat())
    page.get_by_label("Duration in minutes").fill("240")
    page.get_by_label("Setting").select_option("role_play")
    for competency in ("Active listening", "Boundaries", "Confidentiality", "Crisis intervention"):
        page.get_by_label(competency, exact=True).check()
    page.get_by_label("Reflection").fill(
        "A long role-play day on boundaries after my supervision plan; I named limits early."
    )
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Practice on")
    assert_accessible(page)
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("Waiting for your supervisor's review.")).to_be_visible()
    assert_accessible(page)

    # The supervisor approves it and endorses Robin again: the certificate is issued.
    approve_the_submitted_log(supervisor, "A long role-play day on boundaries")
    supervisor.goto("/admin/practice_logs/supervisees/")
    assert_accessible(supervisor)
    supervisor.get_by_role("link", name="Endorse Robin Hale").click()
    assert_accessible(supervisor)
    supervisor.get_by_label("Programme").select_option(label=programme_default().name)
    supervisor.get_by_label("Statement").fill("Six months of remedial supervision, done well.")
    supervisor.get_by_role("button", name="Endorse").click()
    expect(supervisor.get_by_role("status")).to_contain_text("Endorsed.", timeout=ISSUING)
    assert_accessible(supervisor)

    # Robin is certified again, with a new certificate; the revoked one stays revoked.
    page.goto("/certification/")
    card = page.locator(".certificate-card")
    expect(card).to_contain_text("Certified")
    new = Certificate.objects.get(holder=robin, status=CertificateStatus.ACTIVE)
    assert new.pk != certificate.pk
    expect(card).to_contain_text(new.serial)
    expect(page.get_by_role("link", name="Download the PDF")).to_be_visible()
    history = page.get_by_role("row", name=re.compile(re.escape(certificate.serial)))
    expect(history).to_contain_text("Revoked")
    assert_accessible(page)
