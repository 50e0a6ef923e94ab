"""Wagtail reports on supervised practice, with CSV/XLSX export.

Coordinators see everyone; a supervisor sees only their own supervisees (and their own queue).
"""

import datetime

from django.db.models import Count, Min, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from certification.models import PracticeLog, SupervisionLink
from cms.names import name_values, public_name_of_row
from cms.roles import COORDINATORS, user_has_role


def _sees_everyone(user) -> bool:
    return user.is_superuser or user_has_role(user, COORDINATORS)


class PracticeReportView(ReportView):
    model = PracticeLog  # the PracticeLog permission policy decides who may open the report
    permission_required = "view"
    header_icon = "table"

    def get_filename(self):
        return f"{self.filename_prefix}-{datetime.date.today():%Y-%m-%d}"


class ApprovedMinutesReportView(PracticeReportView):
    page_title = _("Approved practice minutes")
    filename_prefix = "approved-practice-minutes"
    index_url_name = "certification_reports:approved_minutes"
    index_results_url_name = "certification_reports:approved_minutes_results"
    list_export = ["mentor__username", "mentor_name", "competencies__name", "minutes", "logs"]
    export_headings = {
        "mentor__username": _("Username"),
        "mentor_name": _("Mentor"),
        "competencies__name": _("Competency"),
        "minutes": _("Approved minutes"),
        "logs": _("Approved logs"),
    }
    columns = [
        Column("mentor_name", label=_("Mentor")),
        Column("competencies__name", label=_("Competency")),
        Column("minutes", label=_("Approved minutes")),
        Column("logs", label=_("Approved logs")),
    ]

    def get_queryset(self) -> QuerySet:
        """One row per mentor and competency: approved minutes and the number of logs."""
        logs = PracticeLog.objects.filter(status=PracticeLog.Status.APPROVED)
        if not _sees_everyone(self.request.user):
            logs = logs.filter(
                mentor__in=SupervisionLink.objects.filter(supervisor=self.request.user).values(
                    "mentor"
                )
            )
        rows = (
            logs.values(
                "mentor_id",
                *name_values("mentor"),
                "competencies__name",
                "competencies__sort_order",
            )
            .annotate(minutes=Sum("duration_minutes"), logs=Count("pk"))
            .order_by(
                "mentor__last_name", "mentor__first_name", "mentor_id", "competencies__sort_order"
            )
        )
        return rows

    def decorate_paginated_queryset(self, object_list):
        return [_with_name(row, "mentor") for row in object_list]

    def to_row_dict(self, item):
        return super().to_row_dict(_with_name(item, "mentor"))


class PendingLogsReportView(PracticeReportView):
    page_title = _("Practice logs waiting for review")
    filename_prefix = "pending-practice-logs"
    index_url_name = "certification_reports:pending_logs"
    index_results_url_name = "certification_reports:pending_logs_results"
    list_export = ["supervisor__username", "supervisor_name", "pending", "oldest_session"]
    export_headings = {
        "supervisor__username": _("Username"),
        "supervisor_name": _("Supervisor"),
        "pending": _("Logs waiting"),
        "oldest_session": _("Oldest session date"),
    }
    columns = [
        Column("supervisor_name", label=_("Supervisor")),
        Column("pending", label=_("Logs waiting")),
        Column("oldest_session", label=_("Oldest session date")),
    ]

    def get_queryset(self) -> QuerySet:
        """One row per supervisor with submitted logs: how many wait and since when."""
        logs = PracticeLog.objects.filter(status=PracticeLog.Status.SUBMITTED)
        if not _sees_everyone(self.request.user):
            logs = logs.filter(supervisor=self.request.user)
        return (
            logs.values(
                "supervisor_id",
                *name_values("supervisor"),
            )
            .annotate(pending=Count("pk"), oldest_session=Min("session_date"))
            .filter(Q(pending__gt=0))
            .order_by("-pending", "supervisor__last_name")
        )

    def decorate_paginated_queryset(self, object_list):
        return [_with_name(row, "supervisor") for row in object_list]

    def to_row_dict(self, item):
        return super().to_row_dict(_with_name(item, "supervisor"))


def _with_name(row: dict, prefix: str) -> dict:
    """Add "<prefix>_name": the display name, else the full name, else the username."""
    return {**row, f"{prefix}_name": public_name_of_row(row, prefix)}
