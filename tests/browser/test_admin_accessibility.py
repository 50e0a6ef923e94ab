"""axe-core finds no WCAG 2.2 A/AA violation on the admin screens we built on top of Wagtail:
reports, supervision and certification screens, the matching roster and its checklist.

Each screen is opened by the role that works there, signed in to the admin as that person, on
the demo data (so reports have rows, charts and filters to check). Wagtail's stock views (page
editor, snippet forms) are exercised by the journeys instead.
"""

import datetime

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone
from django_q.models import Task
from playwright.sync_api import expect

from certification.codes import generate_code
from certification.models import Certificate, PdfStatus, PracticeLog
from certification.selectors import programme_default
from certification.services import certificate_issue_if_eligible, certificate_revoke
from cms.models import User
from courses.models import Quiz
from demo.site import demo_password
from tests.browser.accessibility import axe_violations, format_violations
from tests.browser.steps import sign_in_at
from tests.factories import UserFactory


def revoked_certificate(certificate: Certificate) -> Certificate:
    """Another holder's certificate like `certificate`, revoked by the coordinator through the
    service: the screens that follow a revocation need one."""
    holder = UserFactory(username="rowan", first_name="Rowan", last_name="Vale", role="Mentors")
    revoked = Certificate.objects.create(
        serial=f"{certificate.serial}-R",
        verification_code=generate_code(),
        holder=holder,
        holder_name=holder.public_name,
        programme=certificate.programme,
        issued_at=certificate.issued_at,
        valid_from=certificate.valid_from,
        valid_until=certificate.valid_until,
        grace_until=certificate.grace_until,
        status_changed_at=certificate.issued_at,
    )
    return certificate_revoke(
        certificate_id=revoked.pk,
        actor=User.objects.get(username="coordinator"),
        reason="A boundary breach with a mentee, confirmed by a review.",
    )


def stuck_work_rows(certificate) -> None:
    """A failed task and a certificate whose PDF is stuck, so the report has both kinds of row."""
    Task.objects.get_or_create(
        id="f" * 32,
        defaults={
            "name": "demo-failed-render",
            "func": "certification.tasks.render_certificate_pdf",
            "args": (),
            "kwargs": {"certificate_id": certificate.pk},
            "started": timezone.now(),
            "stopped": timezone.now(),
            "result": "OSError('font cache locked') : Traceback ...",
            "success": False,
            "attempt_count": 3,
        },
    )
    Certificate.objects.filter(pk=certificate.pk).update(
        pdf_status=PdfStatus.FAILED, issued_at=timezone.now() - datetime.timedelta(hours=1)
    )


def lockout_rows() -> None:
    """A locked account and an address with failures, so the lockouts report has rows."""
    now = timezone.now()
    for username, address, failures in (
        ("mentor", "203.0.113.7", 10),
        ("nobody", "198.51.100.1", 2),
    ):
        AccessAttempt.objects.update_or_create(
            username=username,
            ip_address=address,
            user_agent="test",
            defaults={"failures_since_start": failures, "attempt_time": now, "path_info": "/"},
        )


def admin_screens() -> dict[str, list[tuple[str, str]]]:
    """(what, path) for each of our admin screens, per role, on the demo data."""
    mentor = User.objects.get(username="mentor")
    certified = User.objects.get(username="certified")
    certificate = Certificate.objects.filter(holder=certified).first()
    if certificate is None:
        certificate_issue_if_eligible(mentor_id=certified.pk, programme=programme_default())
        certificate = Certificate.objects.get(holder=certified)
    revoked = revoked_certificate(certificate)
    submitted = PracticeLog.objects.filter(mentor=mentor, status="submitted").first()
    stuck_work_rows(certificate)
    lockout_rows()
    # A log waiting for a supervisor who has left, so the reassign screen has a row to check.
    departed, _created = User.objects.get_or_create(
        username="departed-supervisor", defaults={"first_name": "Dana", "is_active": False}
    )
    if not PracticeLog.objects.filter(supervisor=departed).exists():
        stuck = PracticeLog.objects.create(
            mentor=mentor,
            supervisor=departed,
            session_date=submitted.session_date,
            duration_minutes=30,
            setting=submitted.setting,
            reflection="Practised summarising with my mentee.",
            status="submitted",
        )
        stuck.competencies.set(submitted.competencies.all())
    quiz = Quiz.objects.order_by("title").first()
    return {
        "trainer": [
            ("course completion report", "/admin/reports/course-completion/"),
            ("quiz item analysis", f"/admin/reports/quiz-items/?quiz={quiz.pk}"),
            ("quiz outcomes", "/admin/reports/quiz-outcomes/"),
        ],
        "supervisor": [
            ("practice logs waiting for review", "/admin/practice_logs/"),
            ("practice log review", f"/admin/practice_logs/review/{submitted.pk}/"),
            ("supervisee progress", "/admin/practice_logs/supervisees/"),
            ("endorse readiness", f"/admin/certification/endorse/{mentor.pk}/"),
            ("approved practice minutes report", "/admin/reports/practice/approved-minutes/"),
            ("practice logs waiting report", "/admin/reports/practice/pending-logs/"),
        ],
        "coordinator": [
            ("dashboard with the matching summary", "/admin/"),
            ("mentor roster", "/admin/matching/roster/"),
            ("mentor eligibility checklist", f"/admin/matching/mentors/{mentor.pk}/eligibility/"),
            ("assignments needing review", "/admin/matching/needs-review/"),
            ("practice logs to reassign", "/admin/practice_logs/reassign/"),
            ("assignments", "/admin/matching/assignments/"),
            ("new assignment through the gate", "/admin/matching/assignments/new/"),
            ("new mentee", "/admin/matching/mentees/new/"),
            ("certificates, with their Manage action", "/admin/certificate/"),
            ("expiring and lapsed certificates", "/admin/reports/certificates/"),
            ("certificate manage", f"/admin/certification/certificates/{certificate.pk}/manage/"),
            ("failed and stuck work, with a re-queue action", "/admin/reports/stuck-work/"),
            ("sign-in lockouts, with a clear action", "/admin/reports/sign-in-lockouts/"),
            (
                "a revoked certificate, with its re-certification section",
                f"/admin/certification/certificates/{revoked.pk}/manage/",
            ),
            (
                "allow re-certification: what it means, and the reason",
                f"/admin/certification/certificates/{revoked.pk}/allow-recertification/",
            ),
            ("personal data: find a person", "/admin/personal-data/?q=mentor"),
            ("personal data: a person's records", f"/admin/personal-data/{mentor.pk}/"),
            (
                "personal data: erase, with what will happen",
                f"/admin/personal-data/{mentor.pk}/erase/",
            ),
            ("site history: the audit trail", "/admin/reports/site-history/"),
        ],
    }


@pytest.mark.parametrize("role", ["trainer", "supervisor", "coordinator"])
def test_our_admin_screens_are_accessible(page, demo, media_in_tmp, role):
    screens = admin_screens()[role]
    sign_in_at(page, "/admin/login/", role, demo_password(role))
    failures = []
    for what, path in screens:
        response = page.goto(path)
        assert response.status == 200, f"{role} could not open the {what} ({path})"
        expect(page.locator("main")).to_be_visible()
        violations = axe_violations(page)
        # What a closed disclosure holds (a chart's data table) is checked once it is open.
        if page.locator("main details:not([open])").count():
            page.evaluate(
                "() => document.querySelectorAll('main details').forEach(d => d.open = true)"
            )
            violations += axe_violations(page)
        if violations:
            failures.append(f"{what}: {format_violations(page.url, violations)}")
    assert not failures, "\n\n".join(failures)


def test_deletion_refusals_are_accessible(page, demo, media_in_tmp):
    """The screens that refuse a delete which would take history with it (issue 13, point 7),
    as a superuser meets them on the demo data: a studied module, a learner's account, a quiz
    with attempts, and a certificate (never deleted, nor added by hand)."""
    from courses.models import ModuleCompletion, QuizAttempt
    from tests.factories.cms import PASSWORD, UserFactory

    admin = UserFactory(username="superuser-a11y", is_superuser=True, is_staff=True)
    completion = ModuleCompletion.objects.select_related("learner").first()
    attempt = QuizAttempt.objects.first()
    certificate = Certificate.objects.first()
    screens = [
        (
            "a studied module",
            reverse("wagtailadmin_pages:delete", args=[completion.module_id]),
            200,
        ),
        (
            "a learner's account",
            reverse("wagtailusers_users:delete", args=[completion.learner_id]),
            200,
        ),
        (
            "a quiz with attempts",
            reverse("wagtailsnippets_courses_quiz:delete", args=[attempt.quiz_id]),
            200,
        ),
        ("a certificate", reverse("certificate:delete", args=[certificate.pk]), 403),
        ("adding a certificate by hand", reverse("certificate:add"), 403),
    ]
    sign_in_at(page, "/admin/login/", admin.username, PASSWORD)
    failures = []
    for what, path, status in screens:
        response = page.goto(path)
        assert response.status == status, f"deleting {what} ({path}) answered {response.status}"
        expect(page.locator("main")).to_contain_text("What to do instead")
        violations = axe_violations(page)
        if violations:
            failures.append(f"{what}: {format_violations(page.url, violations)}")
    assert not failures, "\n\n".join(failures)
