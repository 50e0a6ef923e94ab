"""A revocation is final for every automatic path; only a coordinator's decision re-opens it."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from certification import services, tasks
from certification.eligibility import eligibility_evaluate
from certification.models import (
    Certificate,
    CertificateStatus,
    Endorsement,
    RecertificationDecision,
)
from tests.factories import PracticeLogFactory, UserFactory
from tests.factories.certificates import ProgrammeFactory, qualify

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(db):
    return ProgrammeFactory(name="Certified Peer Mentor")


@pytest.fixture
def coordinator(db):
    return UserFactory(role="Coordinators")


@pytest.fixture
def revoked(mentor, programme, coordinator, django_capture_on_commit_callbacks):
    link = qualify(mentor, programme)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = services.certificate_issue_if_eligible(
            mentor_id=mentor.pk, programme=programme
        )
        services.certificate_revoke(
            certificate_id=certificate.pk, actor=coordinator, reason="Boundary breach."
        )
    certificate.refresh_from_db()
    certificate.link = link
    return certificate


def new_evidence(mentor, programme, supervisor, *, on=None):
    """Approved practice dated today and a fresh endorsement: everything the programme asks."""
    on = on or timezone.localdate()
    for requirement in programme.competency_requirements.select_related("competency"):
        PracticeLogFactory(
            mentor=mentor,
            supervisor=supervisor,
            status="approved",
            duration_minutes=programme.required_minutes_total,
            session_date=on,
            competencies=[requirement.competency],
        )
    Endorsement.objects.create(
        mentor=mentor, programme=programme, supervisor=supervisor, endorsed_at=timezone.now()
    )


def current_certificates(mentor, programme):
    return Certificate.objects.filter(holder=mentor, programme=programme).current()


def test_no_automatic_trigger_reissues_after_a_revocation(
    revoked, mentor, programme, django_capture_on_commit_callbacks
):
    new_evidence(mentor, programme, revoked.link.supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.certificate_check(mentor_id=mentor.pk) == []
        assert tasks.check_certification(mentor_id=mentor.pk) == []
        assert (
            services.certificate_issue_if_eligible(mentor_id=mentor.pk, programme=programme) is None
        )
    assert not current_certificates(mentor, programme).exists()
    with pytest.raises(services.CertificateError):
        services.certificate_renew(mentor_id=mentor.pk, programme=programme)


def test_what_is_left_says_a_coordinator_must_decide(revoked, mentor, programme):
    eligibility = eligibility_evaluate(mentor=mentor, programme=programme, at=timezone.localdate())
    assert eligibility.revoked_without_decision
    assert not eligibility.qualifies
    first = eligibility.requirements[0]
    assert first.code == "recertification_allowed" and not first.met
    assert revoked.serial in first.detail and "coordinator" in first.detail


def test_allowing_recertification_needs_new_evidence(
    revoked, mentor, programme, coordinator, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decision = services.certificate_allow_recertification(
            certificate_id=revoked.pk, actor=coordinator, reason="Completed remedial supervision."
        )
    assert decision.decided_by == coordinator
    revoked.refresh_from_db()
    assert revoked.status == CertificateStatus.REVOKED  # the revocation itself stands
    assert list(revoked.events.values_list("kind", flat=True))[-1] == "recert_allowed"
    assert [m.to for m in mail.outbox] == [[mentor.email]]
    assert "again" in mail.outbox[0].subject

    # The evidence from before the decision no longer counts.
    eligibility = eligibility_evaluate(mentor=mentor, programme=programme, at=timezone.localdate())
    assert eligibility.evidence_since == decision.decided_at
    unmet = {item.code for item in eligibility.requirements if not item.met}
    assert {"practice_total", "endorsement"} <= unmet
    assert "recertification_allowed" not in unmet
    assert services.certificate_check(mentor_id=mentor.pk) == []

    new_evidence(mentor, programme, revoked.link.supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        (issued,) = services.certificate_check(mentor_id=mentor.pk)
    assert issued.status == CertificateStatus.ACTIVE and issued.pk != revoked.pk


@pytest.mark.parametrize("reason", ["", "   ", "x" * 2001])
def test_the_decision_needs_a_reason(revoked, coordinator, reason):
    with pytest.raises(services.CertificateError):
        services.certificate_allow_recertification(
            certificate_id=revoked.pk, actor=coordinator, reason=reason
        )
    assert not RecertificationDecision.objects.exists()


def test_the_decision_is_taken_once_and_only_for_a_revocation(
    revoked, mentor, programme, coordinator
):
    services.certificate_allow_recertification(
        certificate_id=revoked.pk, actor=coordinator, reason="Reviewed by the panel."
    )
    with pytest.raises(services.CertificateError, match="already"):
        services.certificate_allow_recertification(
            certificate_id=revoked.pk, actor=coordinator, reason="Again."
        )
    other = UserFactory(role="Mentors")
    qualify(other, programme)
    active = services.certificate_issue_if_eligible(mentor_id=other.pk, programme=programme)
    with pytest.raises(services.CertificateError, match="Only a revoked"):
        services.certificate_allow_recertification(
            certificate_id=active.pk, actor=coordinator, reason="Not revoked."
        )


def test_an_old_revocation_does_not_block_a_later_certificate(
    revoked, mentor, programme, coordinator
):
    services.certificate_allow_recertification(
        certificate_id=revoked.pk, actor=coordinator, reason="Panel decision."
    )
    new_evidence(mentor, programme, revoked.link.supervisor)
    issued = services.certificate_issue_if_eligible(mentor_id=mentor.pk, programme=programme)
    assert issued is not None
    later = timezone.now() + datetime.timedelta(days=1)
    eligibility = eligibility_evaluate(mentor=mentor, programme=programme, at=later.date())
    assert eligibility.certified and eligibility.evidence_since is None
