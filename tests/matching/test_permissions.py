"""Who may coordinate matching: one permission policy (matching/permissions.py) that every
coordinator screen, report, menu item and dashboard panel asks; the same people as before it."""

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.test import RequestFactory
from django.urls import reverse

from matching.permissions import can_coordinate
from matching.wagtail_hooks import CoordinatorMenuItem, add_matching_panel
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def people() -> dict:
    direct = UserFactory(role="Trainers")  # holds the permission itself, not through a group
    direct.user_permissions.add(Permission.objects.get(codename="add_assignment"))
    return {
        "coordinator": (UserFactory(role="Coordinators"), True),
        "superuser": (UserFactory(is_superuser=True, is_staff=True), True),
        "with the permission": (direct, True),
        "inactive coordinator": (UserFactory(role="Coordinators", is_active=False), False),
        "inactive superuser": (UserFactory(is_superuser=True, is_active=False), False),
        "mentor": (UserFactory(role="Mentors"), False),
        "supervisor": (UserFactory(role="Supervisors"), False),
        "trainer": (UserFactory(role="Trainers"), False),
        "anonymous": (AnonymousUser(), False),
    }


def the_rule_before_the_policy(user) -> bool:
    """matching.permissions.can_coordinate as it was written by hand."""
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_perm("matching.add_assignment"))
    )


def test_the_policy_lets_in_the_same_people_as_before():
    for name, (user, expected) in people().items():
        assert can_coordinate(user) is expected, name
        assert the_rule_before_the_policy(user) is expected, name


def test_the_menu_and_the_dashboard_panel_ask_the_policy():
    item = CoordinatorMenuItem("Roster", "/admin/matching/roster/")
    for name, (user, expected) in people().items():
        request = RequestFactory().get("/admin/")
        request.user = user
        panels = []
        add_matching_panel(request, panels)
        assert (item.is_shown(request), bool(panels)) == (expected, expected), name


def test_every_coordinator_screen_refuses_an_admin_user_without_the_permission(client, programme):
    trainer = UserFactory(role="Trainers")  # may use the Wagtail admin, not matching
    coordinator = UserFactory(role="Coordinators")
    screens = [
        reverse("matching_admin:roster"),
        reverse("matching_admin:roster_results"),
        reverse("matching_admin:needs_review"),
        reverse("matching_assignment:add"),
        reverse("matching_admin:mentor_eligibility", args=[trainer.pk]),
    ]
    client.force_login(coordinator)
    for url in screens:
        assert client.get(url).status_code == 200, url
    client.force_login(trainer)
    for url in screens:
        response = client.get(url)  # Wagtail turns the refusal into its dashboard and a message
        assert (response.status_code, response.url) == (302, "/admin/"), url
