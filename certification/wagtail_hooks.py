"""Registration only: the practice-log admin, supervision management and practice reports.

The PracticeLog permission policy is registered in CertificationConfig.ready().
"""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import policy_registry

from certification import certificate_admin
from certification.certificate_admin import CertificationViewSetGroup
from certification.models import PracticeLog
from certification.reports import ApprovedMinutesReportView, PendingLogsReportView
from certification.viewsets import SupervisionViewSetGroup, practice_log_viewset
from cms.roles import COORDINATORS, SUPERVISORS, user_has_role


@hooks.register("register_admin_viewset")
def register_practice_log_viewset():
    return practice_log_viewset


@hooks.register("register_admin_viewset")
def register_supervision_viewsets():
    return SupervisionViewSetGroup()


report_urls = [
    path("approved-minutes/", ApprovedMinutesReportView.as_view(), name="approved_minutes"),
    path(
        "approved-minutes/results/",
        ApprovedMinutesReportView.as_view(results_only=True),
        name="approved_minutes_results",
    ),
    path("pending-logs/", PendingLogsReportView.as_view(), name="pending_logs"),
    path(
        "pending-logs/results/",
        PendingLogsReportView.as_view(results_only=True),
        name="pending_logs_results",
    ),
]


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "reports/practice/",
            include((report_urls, "certification_reports"), namespace="certification_reports"),
        )
    ]


class PracticeReportMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(PracticeLog).user_has_permission(request.user, "view")


class SuperviseeProgressMenuItem(MenuItem):
    def is_shown(self, request):
        return user_has_role(request.user, SUPERVISORS) or user_has_role(request.user, COORDINATORS)


@hooks.register("register_reports_menu_item")
def register_approved_minutes_report():
    return PracticeReportMenuItem(
        _("Approved practice minutes"),
        reverse("certification_reports:approved_minutes"),
        name="approved-practice-minutes",
        icon_name="table",
        order=300,
    )


@hooks.register("register_reports_menu_item")
def register_pending_logs_report():
    return PracticeReportMenuItem(
        _("Practice logs waiting"),
        reverse("certification_reports:pending_logs"),
        name="pending-practice-logs",
        icon_name="table",
        order=310,
    )


@hooks.register("register_admin_menu_item")
def register_supervisee_progress_menu_item():
    return SuperviseeProgressMenuItem(
        _("Supervisee progress"),
        reverse("practice_logs:progress"),
        name="supervisee-progress",
        icon_name="group",
        order=255,
    )


class CoordinatorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser or user_has_role(request.user, COORDINATORS)


@hooks.register("register_admin_menu_item")
def register_reassign_menu_item():
    return CoordinatorMenuItem(
        _("Reassign practice logs"),
        reverse("practice_logs:reassign"),
        name="reassign-practice-logs",
        icon_name="tasks",
        order=256,
    )


@hooks.register("register_admin_viewset")
def register_certification_viewsets():
    return CertificationViewSetGroup()


@hooks.register("register_admin_urls")
def register_certificate_admin_urls():
    return certificate_admin.admin_urls()


class CertificateReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("certification.view_certificate")


@hooks.register("register_reports_menu_item")
def register_certificate_expiry_report():
    return CertificateReportMenuItem(
        _("Expiring and lapsed certificates"),
        reverse("certificate_expiry_report"),
        name="certificate-expiry",
        icon_name="warning",
        order=320,
    )


# --- Audit log: certification's actions in Wagtail's log (written by certification/audit.py) ---


@hooks.register("register_log_actions")
def register_certification_log_actions(actions):
    from certification import audit

    audit.register_log_actions(actions)
