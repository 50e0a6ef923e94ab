"""The certification app's admin URLs (besides its viewsets'), in the ``certification_admin``
namespace; the scheme is described in cms.admin_urls."""

from django.urls import path

from certification.admin_views import (
    AllowRecertificationView,
    CertificateManageView,
    EndorseView,
)
from certification.reports import (
    ApprovedMinutesReportView,
    CertificateExpiryReport,
    PendingLogsReportView,
)
from cms.reports import report_urls

app_name = "certification_admin"

urlpatterns = [
    *report_urls(
        "reports/practice/approved-minutes/", ApprovedMinutesReportView, "approved_minutes"
    ),
    *report_urls("reports/practice/pending-logs/", PendingLogsReportView, "pending_logs"),
    *report_urls("reports/certificates/", CertificateExpiryReport, "certificate_expiry"),
    path(
        "certification/certificates/<int:pk>/manage/",
        CertificateManageView.as_view(),
        name="certificate_manage",
    ),
    path(
        "certification/certificates/<int:pk>/allow-recertification/",
        AllowRecertificationView.as_view(),
        name="certificate_allow_recertification",
    ),
    path("certification/endorse/<int:mentor_id>/", EndorseView.as_view(), name="endorse"),
]
