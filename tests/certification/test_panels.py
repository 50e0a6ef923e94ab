"""The dashboard's certification panel says "Certified" only while the certificate is in force."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from certification import services
from certification.models import Certificate
from certification.panels import certification_panel
from tests.factories import UserFactory
from tests.factories.certificates import ProgrammeFactory, qualify

pytestmark = pytest.mark.django_db


def panel_text(user) -> str:
    request = RequestFactory().get("/dashboard/")
    request.user = user
    panel = certification_panel(request)
    return " ".join(render_to_string(panel["template"], panel["context"]).split())


@pytest.fixture
def certificate(mentor):
    programme = ProgrammeFactory(name="Core")
    qualify(mentor, programme)
    return services.certificate_issue_if_eligible(mentor_id=mentor.pk, programme=programme)


def test_in_force(mentor, certificate):
    assert "Certified" in panel_text(mentor)


def test_past_its_grace_before_the_nightly_sweep(mentor, certificate):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Certificate.objects.filter(pk=certificate.pk).update(
        valid_from=yesterday - datetime.timedelta(days=30),
        valid_until=yesterday,
        grace_until=yesterday,
    )
    text = panel_text(mentor)
    assert "Certified" not in text and "ended on" in text


def test_revoked(mentor, certificate):
    services.certificate_revoke(
        certificate_id=certificate.pk, actor=UserFactory(role="Coordinators"), reason="Breach."
    )
    text = panel_text(mentor)
    assert "Certified" not in text and "was revoked" in text


def test_no_certificate_yet(mentor):
    assert "working towards certification" in panel_text(mentor)
