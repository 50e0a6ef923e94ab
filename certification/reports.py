"""Wagtail reports with CSV/XLSX export: supervised practice, and expiring and lapsed
certificates.

Who sees which practice logs is ``selectors.practice_logs_visible_to``: coordinators see
everyone's, a supervisor only their own supervisees'.
"""

import datetime

import django_filters
from django.db.models import Count, Min, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView

from certification.models import (
    Certificate,
    CertificateStatus,
    CertificationProgramme,
    PracticeLog,
)
from certification.selectors import practice_logs_visible_to
from cms.names import name_values, public_name_of_row


class PracticeReportView(ReportView):
    """One row per person (``person``: the mentor or the supervisor) over the logs in
    ``status`` the user may see, with the aggregates of ``get_rows``."""

    model = PracticeLog  # the PracticeLog permission policy decides who may open the report
    permission_required = "view"
    header_icon = "table"
    status: str
    person: str
    group_by: tuple[str, ...] = ()

    def get_filename(self):
        return f"{self.filename_prefix}-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self) -> QuerySet:
        logs = practice_logs_visible_to(user=self.request.user).filter(status=self.status)
        logs = logs.prefetch_related(None)  # rows are aggregates, not log objects
        person = self.person
        return self.get_rows(logs.values(f"{person}_id", *name_values(person), *self.group_by))

    def get_rows(self, rows: QuerySet) -> QuerySet:
        raise NotImplementedError

    def decorate_paginated_queryset(self, object_list):
        return [_with_name(row, self.person) for row in object_list]

    def to_row_dict(self, item):
        return super().to_row_dict(_with_name(item, self.person))


class ApprovedMinutesReportView(PracticeReportView):
    page_title = _("Approved practice minutes")
    filename_prefix = "approved-practice-minutes"
    index_url_name = "certification_admin:approved_minutes"
    index_results_url_name = "certification_admin:approved_minutes_results"
    status = PracticeLog.Status.APPROVED
    person = "mentor"
    group_by = ("competencies__name", "competencies__sort_order")
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

    def get_rows(self, rows: QuerySet) -> QuerySet:
        """One row per mentor and competency: approved minutes and the number of logs."""
        return rows.annotate(minutes=Sum("duration_minutes"), logs=Count("pk")).order_by(
            "mentor__last_name", "mentor__first_name", "mentor_id", "competencies__sort_order"
        )


class PendingLogsReportView(PracticeReportView):
    page_title = _("Practice logs waiting for review")
    filename_prefix = "pending-practice-logs"
    index_url_name = "certification_admin:pending_logs"
    index_results_url_name = "certification_admin:pending_logs_results"
    status = PracticeLog.Status.SUBMITTED
    person = "supervisor"
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

    def get_rows(self, rows: QuerySet) -> QuerySet:
        """One row per supervisor with submitted logs: how many wait and since when."""
        return (
            rows.annotate(pending=Count("pk"), oldest_session=Min("session_date"))
            .filter(Q(pending__gt=0))
            .order_by("-pending", "supervisor__last_name")
        )


def _with_name(row: dict, prefix: str) -> dict:
    """Add "<prefix>_name": the person's public name (``cms.names``)."""
    return {**row, f"{prefix}_name": public_name_of_row(row, prefix)}


# --- Certificates ---------------------------------------------------------------------------


def _expiring() -> Q:
    today = timezone.localdate()
    return Q(status=CertificateStatus.ACTIVE, valid_until__lte=today + datetime.timedelta(days=60))


def _lapsed() -> Q:
    return Q(
        status__in=[
            CertificateStatus.EXPIRED,
            CertificateStatus.SUSPENDED,
            CertificateStatus.REVOKED,
        ]
    )


class ExpiryReportFilterSet(WagtailFilterSet):
    view = django_filters.ChoiceFilter(
        choices=[
            ("expiring", _("Expiring within 60 days")),
            ("lapsed", _("Lapsed (expired, suspended or revoked)")),
        ],
        label=_("Show"),
        method="filter_view",
        empty_label=_("Both"),
    )
    programme = django_filters.ModelChoiceFilter(
        queryset=CertificationProgramme.objects.all(), label=_("Programme")
    )

    class Meta:
        model = Certificate
        fields = ["programme"]

    def filter_view(self, queryset, name, value):
        return queryset.filter(_expiring() if value == "expiring" else _lapsed())


class CertificateExpiryReport(ReportView):
    """Certificates expiring in the next 60 days and those that lapsed, with CSV/XLSX."""

    page_title = _("Expiring and lapsed certificates")
    header_icon = "warning"
    model = Certificate
    any_permission_required = ["view"]
    filterset_class = ExpiryReportFilterSet
    index_url_name = "certification_admin:certificate_expiry"
    index_results_url_name = "certification_admin:certificate_expiry_results"
    columns = [
        Column("serial", label=_("Serial")),
        Column("holder_name", label=_("Holder")),
        Column("programme", label=_("Programme")),
        Column("status", label=_("Status"), accessor="get_status_display"),
        DateColumn("valid_until", label=_("Valid until"), sort_key="valid_until"),
        DateColumn("grace_until", label=_("Counts until")),
    ]
    default_ordering = "valid_until"
    list_export = [
        "serial",
        "holder_name",
        "holder.email",
        "programme.name",
        "status",
        "valid_until",
        "grace_until",
    ]
    export_headings = {
        "holder.email": _("E-mail"),
        "programme.name": _("Programme"),
    }
    export_filename = "certificates-expiring-and-lapsed"

    def get_queryset(self):
        self.queryset = Certificate.objects.filter(_expiring() | _lapsed()).select_related(
            "programme", "holder"
        )
        return super().get_queryset()
