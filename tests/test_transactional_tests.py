"""Transactional tests (live server, browser, row locks) start from the migrated data.

They flush every table when they end; tests/conftest.py gives each one serialized rollback, so
the next one still finds the roles and Wagtail's tree, whatever order they run in.
"""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, Site

from cms import roles

MIGRATED_ROLES = {roles.MENTORS, roles.TRAINERS, roles.SUPERVISORS, roles.COORDINATORS}


@pytest.mark.parametrize("run", ["first", "after a flush"])
@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_sees_the_roles_and_the_page_tree(run):
    assert set(Group.objects.values_list("name", flat=True)) >= MIGRATED_ROLES
    assert (
        Group.objects.get(name=roles.TRAINERS).permissions.filter(codename="access_admin").exists()
    )
    assert Page.get_first_root_node() is not None
    assert Site.objects.filter(is_default_site=True).exists()
    Group.objects.all().delete()  # what a flush would do; the next run must not notice


def test_a_live_server_test_sees_the_roles(live_server):
    assert set(Group.objects.values_list("name", flat=True)) >= MIGRATED_ROLES
