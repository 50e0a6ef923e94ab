"""A mentee with assignments is never deleted through the admin (issue 13, point 7): the
assignments and their events are the audit trail of the gate's decisions."""

import pytest
from django.urls import reverse

from matching import services
from matching.models import Mentee
from tests.factories import MenteeFactory, UserFactory
from tests.factories.cms import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.login(username=admin.username, password=PASSWORD)
    return client


def test_a_mentee_with_an_assignment_is_refused_not_a_500(
    superuser_client, certified, mentee, coordinator
):
    services.assignment_create(mentor=certified, mentee=mentee, coordinator=coordinator)
    url = reverse("matching_mentee:delete", args=[mentee.pk])
    response = superuser_client.post(url)
    assert response.status_code == 409
    text = response.content.decode()
    assert "cannot be deleted" in text and "1 assignment" in text
    assert Mentee.objects.filter(pk=mentee.pk).exists()


def test_a_mentee_without_assignments_can_still_be_deleted(superuser_client, programme):
    mentee = MenteeFactory(programme=programme)
    response = superuser_client.post(reverse("matching_mentee:delete", args=[mentee.pk]))
    assert response.status_code == 302
    assert not Mentee.objects.filter(pk=mentee.pk).exists()
