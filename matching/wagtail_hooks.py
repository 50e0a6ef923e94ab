"""Registration only: the Matching menu, coordinator screens and dashboard panels."""

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component

from matching import admin_views, selectors
from matching.permissions import can_coordinate
from matching.reports import NeedsReviewReportView, RosterReportView
from matching.viewsets import AssignmentViewSet, MenteeViewSet, MentorProfileViewSet

mentee_viewset = MenteeViewSet()
mentor_profile_viewset = MentorProfileViewSet()
assignment_viewset = AssignmentViewSet()


@hooks.register("register_admin_viewset")
def register_matching_viewsets():
    return [mentee_viewset, mentor_profile_viewset, assignment_viewset]


@hooks.register("register_admin_urls")
def register_matching_urls():
    return [
        path("matching/roster/", RosterReportView.as_view(), name="matching_roster"),
        path(
            "matching/roster/results/",
            RosterReportView.as_view(results_only=True),
            name="matching_roster_results",
        ),
        path(
            "matching/needs-review/", NeedsReviewReportView.as_view(), name="matching_needs_review"
        ),
        path(
            "matching/needs-review/results/",
            NeedsReviewReportView.as_view(results_only=True),
            name="matching_needs_review_results",
        ),
        path(
            "matching/mentors/<int:pk>/eligibility/",
            admin_views.MentorEligibilityView.as_view(),
            name="matching_mentor_eligibility",
        ),
    ]


class CoordinatorMenuItem(MenuItem):
    def is_shown(self, request):
        return can_coordinate(request.user)


@hooks.register("register_admin_menu_item")
def register_matching_menu():
    items = [
        CoordinatorMenuItem(
            _("Mentor roster"),
            reverse("matching_roster"),
            name="matching-roster",
            icon_name="table",
            order=100,
        ),
        CoordinatorMenuItem(
            _("Needs review"),
            reverse("matching_needs_review"),
            name="matching-needs-review",
            icon_name="warning",
            order=110,
        ),
        CoordinatorMenuItem(
            _("Assignments"),
            reverse("matching_assignment:index"),
            name="matching-assignments",
            icon_name="group",
            order=120,
        ),
        CoordinatorMenuItem(
            _("Mentees"),
            reverse("matching_mentee:index"),
            name="matching-mentees",
            icon_name="user",
            order=130,
        ),
        CoordinatorMenuItem(
            _("Mentor matching details"),
            reverse("matching_mentor_profile:index"),
            name="matching-mentor-details",
            icon_name="cog",
            order=140,
        ),
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
