import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission

from cms import roles

pytestmark = pytest.mark.django_db


def test_the_four_roles_exist():
    names = set(Group.objects.values_list("name", flat=True))
    assert {roles.MENTORS, roles.TRAINERS, roles.SUPERVISORS, roles.COORDINATORS} <= names


@pytest.mark.parametrize("role", roles.STAFF_ROLES)
def test_staff_roles_can_open_the_admin(role, client):
    from tests.factories import UserFactory
    from tests.factories.cms import PASSWORD

    user = UserFactory(role=role)
    assert user.has_perm("wagtailadmin.access_admin")
    client.login(username=user.username, password=PASSWORD)
    assert client.get("/admin/").status_code == 200


def test_mentors_cannot_open_the_admin(mentor, client):
    from tests.factories.cms import PASSWORD

    assert not mentor.has_perm("wagtailadmin.access_admin")
    client.login(username=mentor.username, password=PASSWORD)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_trainers_draft_pages_but_do_not_publish(trainer):
    perms = set(
        GroupPagePermission.objects.filter(group__name=roles.TRAINERS).values_list(
            "permission__codename", flat=True
        )
    )
    assert {"add_page", "change_page"} <= perms
    assert "publish_page" not in perms
    assert trainer.has_perm("wagtailimages.add_image")
    assert trainer.has_perm("wagtailimages.choose_image")


def test_user_has_role_caches_group_names(mentor, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert roles.user_has_role(mentor, roles.MENTORS)
        assert not roles.user_has_role(mentor, roles.COORDINATORS)
