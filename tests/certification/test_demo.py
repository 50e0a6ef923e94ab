import pytest
from django.core.management import call_command
from django.test import override_settings

from certification.models import PracticeLog, SupervisionLink
from certification.selectors import practice_minutes_by_competency, practice_minutes_total
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
