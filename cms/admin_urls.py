"""The cms app's admin URLs, all in the ``cms_admin`` namespace (registered once, in
cms.wagtail_hooks). Every app names its admin URLs the same way: ``<app>_admin:<name>``, with
``<name>_results`` for a report's results fragment (cms.reports.report_urls); a viewset's views
keep the viewset's own namespace, as Wagtail names them (``matching_assignment:edit``)."""

from django.urls import path

from cms import admin_views
from cms.reports import (
    SignInLockoutsClearView,
    SignInLockoutsReportView,
    StuckWorkReportView,
    StuckWorkRequeueView,
    report_urls,
)

app_name = "cms_admin"

urlpatterns = [
    path("personal-data/", admin_views.PersonSearchView.as_view(), name="person_search"),
    path("personal-data/<int:pk>/", admin_views.PersonDataView.as_view(), name="person"),
    path(
        "personal-data/<int:pk>/export/",
        admin_views.PersonExportView.as_view(),
        name="person_export",
    ),
    path(
        "personal-data/<int:pk>/erase/", admin_views.PersonEraseView.as_view(), name="person_erase"
    ),
    *report_urls("reports/stuck-work/", StuckWorkReportView, "stuck_work_report"),
    path("reports/stuck-work/requeue/", StuckWorkRequeueView.as_view(), name="stuck_work_requeue"),
    *report_urls("reports/sign-in-lockouts/", SignInLockoutsReportView, "sign_in_lockouts"),
    path(
        "reports/sign-in-lockouts/clear/",
        SignInLockoutsClearView.as_view(),
        name="sign_in_lockouts_clear",
    ),
]
