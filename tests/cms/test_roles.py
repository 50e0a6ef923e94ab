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
    with django_assert_num_queries(2):  # the content generation, then the groups
        assert roles.user_has_role(mentor, roles.MENTORS)
        assert not roles.user_has_role(mentor, roles.COORDINATORS)
    fresh = type(mentor).objects.get(pk=mentor.pk)  # as the next request loads the user
    with django_assert_num_queries(1):  # only the generation: the groups come from the cache
        assert roles.user_has_role(fresh, roles.MENTORS)


def test_a_new_role_is_seen_on_the_next_request(mentor):
    from django.contrib.auth.models import Group

    assert not roles.user_can_open_admin(mentor)
    mentor.groups.add(Group.objects.get(name=roles.COORDINATORS))
    fresh = type(mentor).objects.get(pk=mentor.pk)
    assert roles.user_has_role(fresh, roles.COORDINATORS)
    assert roles.user_can_open_admin(fresh)
    fresh.groups.remove(Group.objects.get(name=roles.COORDINATORS))
    again = type(mentor).objects.get(pk=mentor.pk)
    assert not roles.user_has_role(again, roles.COORDINATORS)


def test_a_group_losing_admin_access_is_seen_on_the_next_request(mentor):
    from django.contrib.auth.models import Group, Permission

    coordinators = Group.objects.get(name=roles.COORDINATORS)
    mentor.groups.add(coordinators)
    assert roles.user_can_open_admin(type(mentor).objects.get(pk=mentor.pk))
    coordinators.permissions.remove(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    assert not roles.user_can_open_admin(type(mentor).objects.get(pk=mentor.pk))
