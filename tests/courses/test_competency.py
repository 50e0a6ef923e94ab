import pytest
from django.core.management import call_command
from django.test import override_settings

from courses.models import Competency
from tests.factories.cms import PASSWORD

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_demo_seeds_the_six_competencies_once():
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)
    assert list(Competency.objects.values_list("slug", flat=True)) == [
        "active-listening",
        "empathy-validation",
        "boundaries",
        "confidentiality",
        "crisis-intervention",
        "referral",
    ]


def test_trainers_manage_competencies_in_the_admin(trainer, client):
    assert trainer.has_perm("courses.add_competency")
    client.login(username=trainer.username, password=PASSWORD)
    response = client.post(
        "/admin/snippets/courses/competency/add/",
        {
            "name": "Group facilitation",
            "slug": "group-facilitation",
            "description": "",
            "sort_order": 7,
        },
    )
    assert response.status_code == 302
    assert Competency.objects.filter(slug="group-facilitation").exists()


def test_mentors_cannot_manage_competencies(mentor):
    assert not mentor.has_perm("courses.add_competency")
