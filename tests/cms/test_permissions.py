"""Who may use the cms admin areas (cms.permissions), stated once: coordinators and superusers
manage personal data, failed and stuck work and sign-in lockouts; nobody else, and no inactive
account. The views, their menu items and their buttons ask these policies."""

import pytest
from django.test import RequestFactory

from cms.admin_views import PersonSearchView, ViewMenuItem
from cms.permissions import (
    can_manage_personal_data,
    personal_data_policy,
    sign_in_lockouts_policy,
    stuck_work_policy,
)
from cms.reports import StuckWorkReportView
from tests.factories.cms import UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["Mentors", "Trainers", "Supervisors", "Coordinators", "Lead trainers"]


def person(role):
    if role == "superuser":
        return UserFactory(is_superuser=True)
    return UserFactory(role=role)


@pytest.mark.parametrize("role", [*ROLES, "superuser"])
def test_only_coordinators_and_superusers_use_the_cms_admin_areas(role):
    user = person(role)
    allowed = role in ("Coordinators", "superuser")
    assert can_manage_personal_data(user) is allowed
    for action in ("export", "erase"):
        assert personal_data_policy.user_has_permission(user, action) is allowed
    for policy in (stuck_work_policy, sign_in_lockouts_policy):
        assert policy.user_has_permission(user, "view") is allowed


def test_an_inactive_coordinator_uses_none_of_them():
    user = UserFactory(role="Coordinators", is_active=False)
    assert not can_manage_personal_data(user)
    assert not stuck_work_policy.user_has_permission(user, "view")
    assert not sign_in_lockouts_policy.user_has_permission(user, "view")


@pytest.mark.parametrize("role", ["Trainers", "Coordinators"])
def test_a_menu_item_is_shown_to_those_its_view_lets_in(role):
    request = RequestFactory().get("/admin/")
    request.user = person(role)
    for view_class in (PersonSearchView, StuckWorkReportView):
        item = ViewMenuItem("Label", "/admin/x/", view_class=view_class)
        assert item.is_shown(request) is (role == "Coordinators")
