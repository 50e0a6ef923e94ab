"""Certification records are history (issue 13, point 7): a programme that issued certificates
is never deleted through the admin, and certificates are never added or deleted there at all
(they are issued by the lifecycle services and kept), for superusers too. Each refusal is a
page with an explanation, never a 500."""

import pytest
from django.urls import reverse

from certification import services
from certification.models import Certificate, CertificationProgramme
from tests.factories import UserFactory
from tests.factories.certificates import ProgrammeFactory, qualify
from tests.factories.cms import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.login(username=admin.username, password=PASSWORD)
    return client


@pytest.fixture
def certificate(mentor, django_capture_on_commit_callbacks):
    programme = ProgrammeFactory(name="Certified Peer Mentor")
    qualify(mentor, programme)
    with django_capture_on_commit_callbacks(execute=True):
        return services.certificate_issue_if_eligible(mentor_id=mentor.pk, programme=programme)


def test_a_programme_with_certificates_is_refused_not_a_500(superuser_client, certificate):
    url = reverse("certificationprogramme:delete", args=[certificate.programme_id])
    response = superuser_client.get(url)
    assert response.status_code == 200
    assert "1 certificate" in response.content.decode()
    response = superuser_client.post(url)
    assert response.status_code == 409
    text = response.content.decode()
    assert "cannot be deleted" in text and "1 endorsement" in text
    assert CertificationProgramme.objects.filter(pk=certificate.programme_id).exists()


def test_an_unused_programme_can_still_be_deleted(superuser_client):
    programme = ProgrammeFactory()
    response = superuser_client.post(reverse("certificationprogramme:delete", args=[programme.pk]))
    assert response.status_code == 302
    assert not CertificationProgramme.objects.filter(pk=programme.pk).exists()


def test_nobody_deletes_a_certificate_in_the_admin(superuser_client, certificate):
    url = reverse("certificate:delete", args=[certificate.pk])
    for response in (superuser_client.get(url), superuser_client.post(url)):
        assert response.status_code == 403
        text = response.content.decode()
        assert "Certificates are never deleted" in text
        manage = reverse("certification_admin:certificate_manage", args=[certificate.pk])
        assert manage in text  # revoke instead
    assert Certificate.objects.filter(pk=certificate.pk).exists()


def test_nobody_adds_a_certificate_in_the_admin(superuser_client, certificate):
    url = reverse("certificate:add")
    for response in (superuser_client.get(url), superuser_client.post(url, {})):
        assert response.status_code == 403
        assert "issued by the certification rules" in response.content.decode()
    assert Certificate.objects.count() == 1


def test_the_refusals_are_only_for_those_who_see_certificates(client, trainer, certificate):
    client.login(username=trainer.username, password=PASSWORD)
    for url in (reverse("certificate:add"), reverse("certificate:delete", args=[certificate.pk])):
        response = client.get(url)
        assert response.status_code == 302  # Wagtail's "no permission" redirect
        assert "never deleted" not in response.content.decode()


def test_the_certificate_screens_offer_no_add_or_delete(superuser_client, certificate):
    listing = superuser_client.get(reverse("certificate:index")).content.decode()
    inspect = superuser_client.get(reverse("certificate:inspect", args=[certificate.pk]))
    for text in (listing, inspect.content.decode()):
        assert reverse("certificate:add") not in text
        assert reverse("certificate:delete", args=[certificate.pk]) not in text
