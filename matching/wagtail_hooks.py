"""Registration only: the Matching menu, coordinator screens and dashboard panels."""

from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component

from matching import audit, selectors
from matching.permissions import can_coordinate
from matching.viewsets import AssignmentViewSet, MenteeViewSet, MentorProfileViewSet

mentee_viewset = MenteeViewSet()
mentor_profile_viewset = MentorProfileViewSet()
assignment_viewset = AssignmentViewSet()


@hooks.register("register_admin_viewset")
def register_matching_viewsets():
    return [mentee_viewset, mentor_profile_viewset, assignment_viewset]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("", include("matching.admin_urls"))]


class CoordinatorMenuItem(MenuItem):
    def is_shown(self, request):
        return can_coordinate(request.user)


@hooks.register("register_admin_menu_item")
def register_matching_menu():
    entries = [
        (_("Mentor roster"), "matching_admin:roster", "matching-roster", "table"),
        (_("Needs review"), "matching_admin:needs_review", "matching-needs-review", "warning"),
        (_("Assignments"), "matching_assignment:index", "matching-assignments", "group"),
        (_("Mentees"), "matching_mentee:index", "matching-mentees", "user"),
        (
            _("Mentor matching details"),
            "matching_mentor_profile:index",
            "matching-mentor-details",
            "cog",
        ),
    ]
    items = [
        CoordinatorMenuItem(label, reverse(url), name=name, icon_name=icon, order=100 + 10 * i)
        for i, (label, url, name, icon) in enumerate(entries)
    ]
    return SubmenuMenuItem(
        _("Matching"), Menu(items=items), name="matching", icon_name="group", order=260
    )


class MatchingSummaryPanel(Component):
    """Coordinators' dashboard: certified, in training, expiring in 30 days, needing review."""

    name = "matching_summary"
    template_name = "matching/admin/dashboard_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["counts"] = selectors.matching_dashboard_counts(on=timezone.localdate())
        return context


@hooks.register("construct_homepage_panels")
def add_matching_panel(request, panels):
    if can_coordinate(request.user):
        panels.append(MatchingSummaryPanel())


# --- Audit log: assignment decisions in Wagtail's log (written by matching/audit.py) ---


@hooks.register("register_log_actions")
def register_matching_log_actions(actions):
    audit.register_log_actions(actions)
