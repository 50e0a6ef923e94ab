"""Coordinator reports with CSV/XLSX export: the mentor roster and the needs-review queue."""

import datetime

import django_filters
from django.db.models import Count, IntegerField, Subquery, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from certification.models import CertificateStatus, CertificationProgramme
from cms.models import User
from matching import selectors
from matching.permissions import COORDINATE, coordinator_policy

NO_CERTIFICATE = "none"
STATUS_CHOICES = [
    *[(value, label) for value, label in CertificateStatus.choices],
    (NO_CERTIFICATE, _("No certificate")),
]


MAX_PAGE = 2**31  # a page number past this would overflow the database's OFFSET (a 500)


def programmes_for(request) -> list[CertificationProgramme]:
    """Every programme, default first: one query per request, shared by the view and filter."""
    if not hasattr(request, "_matching_programmes"):
        request._matching_programmes = list(
            CertificationProgramme.objects.order_by("-is_default", "name")
        )
    return request._matching_programmes


class CountInPagePaginator(WagtailPaginator):
    """One query per page: it picks the page's rows by id first, so the roster's per-mentor
    subqueries run for the rows shown only (not for every mentor before sorting, which SQLite
    did: 1.8 s for the first page of 10,000 mentors), and it counts every matching row in the
    same query instead of a separate COUNT. Falls back to Wagtail's paginator past the last
    page."""

    def get_page(self, number):
        try:
            number = min(max(int(number), 1), MAX_PAGE)
        except (TypeError, ValueError):
            number = 1
        bottom = (number - 1) * self.per_page
        # Only what the filters and the ordering need: .values() leaves the other annotations
        # out of these subqueries.
        page_ids = self.object_list.values("pk")[bottom : bottom + self.per_page]
        total = (
            self.object_list.order_by()
            .annotate(everything=Value(1))
            .values("everything")
            .annotate(rows=Count("pk"))
            .values("rows")
        )
        rows = list(
            self.object_list.filter(pk__in=page_ids).annotate(
                rows_total=Subquery(total, output_field=IntegerField())
            )
        )
        if not rows and number > 1:
            return super().get_page(number)
        self.__dict__["count"] = rows[0].rows_total if rows else 0
        return self._get_page(rows, number, self)


class RosterFilterSet(WagtailFilterSet):
    programme = django_filters.ChoiceFilter(
        label=_("Programme"),
        empty_label=_("Default programme"),
        method="filter_nothing",  # the view annotates for the chosen programme
    )

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.filters["programme"].extra["choices"] = [
            (str(programme.pk), programme.name) for programme in programmes_for(request)
        ]

    status = django_filters.ChoiceFilter(
        label=_("Certificate status"),
        choices=STATUS_CHOICES,
        empty_label=_("Any status"),
        method="filter_status",
    )
    expiring_within = django_filters.NumberFilter(
        label=_("Expiring within (days)"), min_value=0, max_value=3650, method="filter_expiring"
    )
    accepting = django_filters.BooleanFilter(
        label=_("Accepting new mentees"), method="filter_accepting"
    )

    class Meta:
        model = User
        fields = []

    def filter_nothing(self, queryset, name, value):
        return queryset

    def filter_status(self, queryset, name, value):
        if value == NO_CERTIFICATE:
            return queryset.filter(certificate_status__isnull=True)
        return queryset.filter(certificate_status=value)

    def filter_expiring(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.filter(
            certificate_status=CertificateStatus.ACTIVE,
            certificate_valid_until__gte=today,
            certificate_valid_until__lte=today + datetime.timedelta(days=int(value)),
        )

    def filter_accepting(self, queryset, name, value):
        return queryset.filter(accepting_value=value)


def _status_label(row) -> str:
    if row.certificate_status is None:
        return str(_("No certificate"))
    return str(CertificateStatus(row.certificate_status).label)


def _hours(row) -> str:
    return f"{row.approved_minutes / 60:.1f}"


def _load(row) -> str:
    return f"{row.open_assignments} / {row.capacity_value}"


def _name_link(row):
    return format_html(
        '<a href="{}">{}</a>',
        reverse("matching_admin:mentor_eligibility", args=[row.pk]),
        row.public_name,
    )


class CoordinatorReportView(ReportView):
    header_icon = "table"
    permission_policy = coordinator_policy
    permission_required = COORDINATE

    def get_filename(self):
        return f"{self.filename_prefix}-{datetime.date.today():%Y-%m-%d}"


class RosterReportView(CoordinatorReportView):
    """Every mentor with their certificate in a programme, hours, load and supervisor."""

    page_title = _("Mentor roster")
    filename_prefix = "mentor-roster"
    index_url_name = "matching_admin:roster"
    index_results_url_name = "matching_admin:roster_results"
    filterset_class = RosterFilterSet
    default_ordering = "last_name"
    columns = [
        Column("name", label=_("Mentor"), accessor=_name_link),
        Column("programme", label=_("Programme"), accessor=lambda row: row.programme_name),
        Column("status", label=_("Certificate status"), accessor=_status_label),
        Column(
            "certificate_valid_until",
            label=_("Expires"),
            accessor=lambda row: (
                date_format(row.certificate_valid_until) if row.certificate_valid_until else ""
            ),
        ),
        Column("hours", label=_("Approved hours"), accessor=_hours),
        Column("load", label=_("Active assignments / capacity"), accessor=_load),
        Column("supervisor_name", label=_("Supervisor")),
    ]
    list_export = [
        "username",
        "name",
        "programme",
        "status",
        "certificate_valid_until",
        "approved_hours",
        "open_assignments",
        "capacity",
        "accepting",
        "supervisor",
    ]
    export_headings = {
        "username": _("Username"),
        "name": _("Mentor"),
        "programme": _("Programme"),
        "status": _("Certificate status"),
        "certificate_valid_until": _("Expires"),
        "approved_hours": _("Approved hours"),
        "open_assignments": _("Active assignments"),
        "capacity": _("Capacity"),
        "accepting": _("Accepting new mentees"),
        "supervisor": _("Supervisor"),
    }

    paginator_class = CountInPagePaginator

    def get_programme(self) -> CertificationProgramme | None:
        """The programme chosen in the filter, else the default one."""
        chosen = self.request.GET.get("programme", "")
        programmes = programmes_for(self.request)
        for programme in programmes:
            if str(programme.pk) == chosen:
                return programme
        return next((programme for programme in programmes if programme.is_default), None)

    def get_queryset(self):
        programme = self.get_programme()
        if programme is None:
            self.queryset = User.objects.none()
        else:
            self.queryset = selectors.roster(programme=programme, on=timezone.localdate()).order_by(
                "last_name", "first_name", "pk"
            )
        return super().get_queryset()

    def decorate_paginated_queryset(self, object_list):
        name = self.get_programme().name if self.get_programme() else ""
        for row in object_list:
            row.programme_name = name
        return object_list

    def to_row_dict(self, item):
        return {
            "username": item.username,
            "name": item.public_name,
            "programme": self.get_programme().name,
            "status": _status_label(item),
            "certificate_valid_until": item.certificate_valid_until,
            "approved_hours": round(item.approved_minutes / 60, 1),
            "open_assignments": item.open_assignments,
            "capacity": item.capacity_value,
            "accepting": item.accepting_value,
            "supervisor": item.supervisor_name or "",
        }


def _assignment_link(row):
    return format_html(
        '<a href="{}">{}</a>', reverse("matching_assignment:edit", args=[row.pk]), str(row)
    )


class NeedsReviewReportView(CoordinatorReportView):
    """Assignments flagged for review (a lapsed certificate, a lost supervision link)."""

    page_title = _("Assignments needing review")
    filename_prefix = "assignments-needing-review"
    index_url_name = "matching_admin:needs_review"
    index_results_url_name = "matching_admin:needs_review_results"
    columns = [
        Column("assignment", label=_("Assignment"), accessor=_assignment_link),
        Column("start", label=_("Start")),
        Column("review_reason", label=_("Reason")),
    ]
    list_export = [
        "mentor.username",
        "mentor.public_name",
        "mentee.code_name",
        "start",
        "review_reason",
    ]
    export_headings = {
        "mentor.username": _("Username"),
        "mentor.public_name": _("Mentor"),
        "mentee.code_name": _("Mentee"),
        "start": _("Start"),
        "review_reason": _("Reason"),
    }

    def get_queryset(self):
        self.queryset = selectors.assignments_needing_review()
        return super().get_queryset()
