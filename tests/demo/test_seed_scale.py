"""`seed_demo --scale N`: the scaled mentors' histories, their constraints, idempotence, and the
hot paths still within their query budgets on top of them. Small N; times are never asserted."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, Q
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from certification.models import Certificate, CertificateStatus, PracticeLog, SupervisionLink
from cms.models import User
from courses.models import AttemptStatus, Enrolment, ModuleCompletion, QuizAttempt
from demo.scale.mentors import PASSWORD, PREFIX
from matching.models import OPEN_STATUSES, Assignment, MentorProfile
from matching.services import api_token_issue

pytestmark = pytest.mark.django_db
N = 30


def seed(count=N) -> str:
    out = StringIO()
    call_command("seed_demo", "--force", "--scale", str(count), stdout=out)
    return out.getvalue()


def counts() -> dict:
    scaled = Q(username__startswith=PREFIX)
    return {
        "users": User.objects.filter(scaled).count(),
        "enrolments": Enrolment.objects.filter(learner__username__startswith=PREFIX).count(),
        "completions": ModuleCompletion.objects.filter(
            learner__username__startswith=PREFIX
        ).count(),
        "attempts": QuizAttempt.objects.filter(learner__username__startswith=PREFIX).count(),
        "logs": PracticeLog.objects.filter(mentor__username__startswith=PREFIX).count(),
        "certificates": Certificate.objects.filter(holder__username__startswith=PREFIX).count(),
        "assignments": Assignment.objects.filter(mentor__username__startswith=PREFIX).count(),
    }


@pytest.fixture
def scaled():
    return seed()


def test_scale_creates_mentors_with_histories_in_every_state_within_constraints(scaled):
    figures = counts()
    assert figures["users"] == N
    assert figures["enrolments"] >= N
    assert figures["completions"] > N
    assert figures["attempts"] > N
    assert figures["logs"] >= 3 * N
    assert figures["certificates"] > 0
    assert figures["assignments"] > 0
    assert "[####" in scaled and f"{N:,}/{N:,}" in scaled
    mentor = User.objects.get(username=f"{PREFIX}000007")
    assert mentor.groups.filter(name="Mentors").exists()
    assert mentor.check_password(PASSWORD)
    assert SupervisionLink.objects.filter(mentor=mentor, supervisor__username="supervisor")

    # Certificates in every state; the constraints hold.
    states = set(
        Certificate.objects.filter(holder__username__startswith=PREFIX).values_list(
            "status", flat=True
        )
    )
    assert states == set(CertificateStatus.values)
    current = (
        Certificate.objects.filter(status__in=["active", "suspended"])
        .values("holder", "programme")
        .annotate(n=Count("pk"))
    )
    assert max(row["n"] for row in current) == 1
    renewal = Certificate.objects.filter(serial__startswith="PMA-SCALE-", previous__isnull=False)
    assert renewal.exists()
    assert renewal.first().previous.status == CertificateStatus.SUPERSEDED
    open_attempts = (
        QuizAttempt.objects.filter(status=AttemptStatus.OPEN)
        .values("learner", "quiz")
        .annotate(n=Count("pk"))
    )
    assert max(row["n"] for row in open_attempts) == 1
    assert PracticeLog.competencies.through.objects.filter(
        practicelog__mentor__username__startswith=PREFIX
    ).exists()

    # Assignments within each mentor's capacity.
    for profile in MentorProfile.objects.filter(user__username__startswith=PREFIX):
        active = Assignment.objects.filter(mentor=profile.user, status__in=OPEN_STATUSES).count()
        assert active <= profile.capacity


def test_running_again_adds_nothing(scaled):
    before = counts()
    output = seed()
    assert counts() == before
    assert "exist already" in output


def test_the_roster_and_the_eligibility_api_stay_within_budget(
    scaled, django_assert_max_num_queries
):
    coordinator = User.objects.get(username="coordinator")
    admin = Client()
    admin.force_login(coordinator)
    admin.get(reverse("matching_admin:roster"))  # warm per-process caches
    with django_assert_max_num_queries(12):
        assert admin.get(reverse("matching_admin:roster")).status_code == 200
    token = api_token_issue(user=coordinator)
    api = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    mentor = User.objects.get(username=f"{PREFIX}000007")
    with django_assert_max_num_queries(6):
        response = api.get(f"/api/v1/mentors/{mentor.pk}/eligibility/")
    assert response.status_code == 200


def explain(sql: str, params=()) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # tiny test tables: ask for indexes
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.postgres
def test_the_roster_eligibility_and_expiry_queries_use_the_certificate_indexes(scaled):
    """EXPLAIN on PostgreSQL: the per-mentor certificate look-up (eligibility, gate) uses
    (holder, programme, status); the expiry queue uses (status, grace_until); the roster reads
    certificates through indexes only (the plans at 10,000 mentors: docs/performance.md)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    # Any index that starts with the holder serves the per-mentor look-up; with fresh
    # statistics PostgreSQL sometimes picks the holder foreign key's own index instead.
    holder_indexes = (
        "cert_holder_prog_idx",
        "one_current_certificate_per_holder_and_programme",
        "certification_certificate_holder_id",
    )
    mentor = User.objects.get(username=f"{PREFIX}000007")
    lookup = Certificate.objects.filter(
        holder=mentor, programme__is_default=True, status=CertificateStatus.ACTIVE
    ).values("pk")
    sql, params = lookup.query.sql_with_params()
    assert any(name in explain(sql, params) for name in holder_indexes)

    expiring = Certificate.objects.filter(
        status=CertificateStatus.ACTIVE, grace_until__lt=timezone.localdate()
    ).values("pk")
    sql, params = expiring.query.sql_with_params()
    assert "cert_status_grace_idx" in explain(sql, params)

    coordinator = User.objects.get(username="coordinator")
    admin = Client()
    admin.force_login(coordinator)
    admin.get(reverse("matching_admin:roster"))
    with CaptureQueriesContext(connection) as captured:
        assert admin.get(reverse("matching_admin:roster")).status_code == 200
    roster = max(
        (q["sql"] for q in captured.captured_queries), key=lambda sql: sql.count("certificate")
    )
    plan = explain(roster)
    # On tables this small PostgreSQL may hash a subplan over (status, grace_until) or use the
    # holder foreign key instead of (holder, programme, status); never a sequential scan.
    certificate_scans = [line for line in plan.splitlines() if "certification_certificate" in line]
    assert certificate_scans, plan
    assert all("Seq Scan" not in line for line in certificate_scans), plan
