"""The eligibility API, mounted under /api/v1/ by cms/urls.py."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from matching import api

app_name = "matching"

urlpatterns = [
    path("mentors/", api.MentorListView.as_view(), name="api_mentors"),
    path(
        "mentors/<int:pk>/eligibility/",
        api.MentorEligibilityView.as_view(),
        name="api_mentor_eligibility",
    ),
    path("assignments/", api.AssignmentCreateView.as_view(), name="api_assignments"),
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("docs/", api.ApiDocsView.as_view(), name="api_docs"),
]
