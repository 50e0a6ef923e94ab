"""The matching app's admin URLs (besides its viewsets'), in the ``matching_admin`` namespace;
the scheme is described in cms.admin_urls."""

from django.urls import path

from cms.reports import report_urls
from matching.admin_views import MentorEligibilityView
from matching.reports import NeedsReviewReportView, RosterReportView

app_name = "matching_admin"

urlpatterns = [
    *report_urls("matching/roster/", RosterReportView, "roster"),
    *report_urls("matching/needs-review/", NeedsReviewReportView, "needs_review"),
    path(
        "matching/mentors/<int:pk>/eligibility/",
        MentorEligibilityView.as_view(),
        name="mentor_eligibility",
    ),
]
