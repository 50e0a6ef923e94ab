import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from certification.models import PracticeLog, SupervisionLink
from certification.selectors import (
    practice_log_review_blocked,
    practice_minutes_by_competency,
    practice_minutes_total,
    programme_default,
    supervisor_qualification_problems,
)
from cms.models import User

pytestmark = pytest.mark.django_db
Status = PracticeLog.Status


@override_settings(DEBUG=True)
def test_demo_seeds_supervised_practice_once():
    call_command("seed_demo", verbosity=0)
    counts = (PracticeLog.objects.count(), SupervisionLink.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (PracticeLog.objects.count(), SupervisionLink.objects.count()) == counts
    certified = User.objects.get(username="certified")
    mentor = User.objects.get(username="mentor")
    assert practice_minutes_total(mentor=certified) >= 20 * 60
    assert all(row["minutes"] > 0 for row in practice_minutes_by_competency(mentor=certified))
    statuses = list(PracticeLog.objects.filter(mentor=mentor).values_list("status", flat=True))
    assert statuses.count(Status.SUBMITTED) == 1
    assert statuses.count(Status.CHANGES_REQUESTED) == 1
    assert practice_minutes_total(mentor=mentor) == 300
    assert PracticeLog.objects.get(status=Status.CHANGES_REQUESTED).review_comment
    assert set(SupervisionLink.objects.values_list("supervisor__username", "mentor__username")) == {
        ("supervisor", "mentor"),
        ("supervisor", "certified"),
    }
    # The demo programme asks for a qualified supervisor, and the demo supervisor is one: the
    # pending demo log can be signed off.
    programme = programme_default()
    assert programme.supervisor_qualification_required and programme.supervisor_min_years
    supervisor = User.objects.get(username="supervisor")
    today = timezone.localdate()
    assert not supervisor_qualification_problems(
        supervisor=supervisor, programme=programme, on=today
    )
    pending = PracticeLog.objects.get(mentor=mentor, status=Status.SUBMITTED)
    assert practice_log_review_blocked(log=pending, on=today) == []


@override_settings(DEBUG=True)
def test_demo_certified_holds_a_certificate_and_mentor_sees_what_is_left(client):
    from certification.models import Certificate, CertificationProgramme

    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)
    programme = CertificationProgramme.objects.get(slug="certified-peer-mentor")
    assert programme.is_default
    certificate = Certificate.objects.get(holder__username="certified", programme=programme)
    assert certificate.status == "active" and certificate.pdf_status == "ready"
    assert certificate.pdf.read().startswith(b"%PDF-")
    assert not Certificate.objects.filter(holder__username="mentor").exists()
    client.login(username="mentor", password="demo-mentor")
    html = client.get("/certification/").content.decode()
    assert "What is left" in html and "Peer Mentor Foundations" in html
    client.login(username="certified", password="demo-certified")
    html = client.get("/certification/").content.decode()
    assert certificate.serial in html and "Download the PDF" in html
    assert client.get(f"/verify/{certificate.verification_code}.json").json()["status"] == "valid"
