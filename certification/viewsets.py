"""Wagtail admin viewsets: supervision links and profiles (coordinators), practice logs
(supervisors review their supervisees' logs; coordinators read all), certificates (read-only,
with a manage view per certificate) and programmes."""

import datetime

import django_filters
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import CreateView, DeleteView, EditView, IndexView
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton

from certification import admin_views, selectors, services
from certification.forms import SupervisionLinkForm, SupervisorProfileForm
from certification.models import (
    CURRENT_STATUSES,
    Certificate,
    CertificateStatus,
    CertificationProgramme,
    PracticeLog,
    SupervisionLink,
    SupervisorProfile,
)
from certification.selectors import practice_logs_visible_to
from cms.admin_views import HistoryKeepingDeleteView
from cms.errors import add_service_errors
from cms.models import User
from courses.models import Competency


def _mentors_for_filter(request):
    return User.objects.filter(
        pk__in=practice_logs_visible_to(user=request.user).values("mentor")
    ).order_by("first_name", "last_name")


class PracticeLogFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=PracticeLog.Status.choices, empty_label=_("Any status")
    )
    mentor = django_filters.ModelChoiceFilter(
        label=_("Mentor"), queryset=_mentors_for_filter, empty_label=_("Any mentor")
    )
    competencies = django_filters.ModelChoiceFilter(
        label=_("Competency"), queryset=Competency.objects.all(), empty_label=_("Any competency")
    )

    class Meta:
        model = PracticeLog
        fields = ["status", "mentor", "competencies"]


class PracticeLogIndexView(IndexView):
    """Only the logs the user may see: their supervisees' (supervisor) or all (coordinator)."""

    def get_base_queryset(self):
        return practice_logs_visible_to(user=self.request.user)

    def get_edit_url(self, instance):
        # Every row opens the review page; it shows decisions only to the log's supervisor.
        return self.get_review_url(instance)

    def get_review_url(self, instance):
        return reverse("practice_logs:edit", args=[instance.pk])

    def get_list_more_buttons(self, instance):
        return []


class PracticeLogViewSet(ModelViewSet):
    model = PracticeLog
    icon = "tasks"
    menu_label = _("Practice logs")
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = PracticeLogIndexView
    filterset_class = PracticeLogFilterSet
    search_fields = [
        "mentor__first_name",
        "mentor__last_name",
        "mentor__display_name",
        "mentor__username",
    ]
    search_backend_name = None
    list_display = [
        TitleColumn("mentor", label=_("Mentor"), url_name="practice_logs:edit"),
        "session_date",
        "duration_minutes",
        Column("get_setting_display", label=_("Setting")),
        Column("get_status_display", label=_("Status")),
        "supervisor",
    ]
    ordering = ["-session_date", "-pk"]

    def get_urlpatterns(self):
        # Logs are written by mentors on the site; the admin only lists and reviews them.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("review/<int:pk>/", admin_views.PracticeLogReviewView.as_view(), name="edit"),
            path("supervisees/", admin_views.SuperviseeProgressView.as_view(), name="progress"),
            path("reassign/", admin_views.PracticeLogReassignView.as_view(), name="reassign"),
        ]


class SupervisionLinkSaveMixin:
    """Create and edit save through ``services.supervision_link_save`` (the mentor's row lock,
    the rules re-checked under it); a refusal there becomes a form error, never a 500."""

    def save_instance(self):
        # Logged to Wagtail's audit log by certification.audit (create, edit or end).
        return services.supervision_link_save(link=self.form.instance)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)


class SupervisionLinkCreateView(SupervisionLinkSaveMixin, CreateView):
    pass


class SupervisionLinkEditView(SupervisionLinkSaveMixin, EditView):
    pass


class SupervisionLinkDeleteView(DeleteView):
    """Ending keeps history: a link with practice logs, endorsements or an assignment relying on
    it is not deleted (``services.supervision_link_delete``); the coordinator is sent to its edit
    form with the reason, to set an end date instead."""

    def _refused(self, message):
        messages.error(self.request, message)
        return redirect(reverse("supervisionlink:edit", args=[self.object.pk]))

    def get(self, request, *args, **kwargs):
        if refusal := selectors.supervision_link_delete_refusal(link=self.object):
            return self._refused(refusal)
        return super().get(request, *args, **kwargs)

    def delete_action(self):
        # Logged to Wagtail's audit log by certification.audit, in the service's transaction.
        services.supervision_link_delete(link=self.object)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            return self._refused(" ".join(error.messages))


class SupervisionLinkViewSet(ModelViewSet):
    model = SupervisionLink
    icon = "link"
    menu_label = _("Supervision links")
    list_display = ["supervisor", "mentor", "start", "end"]
    list_filter = ["start"]
    search_fields = ["supervisor__last_name", "mentor__last_name", "mentor__first_name"]
    search_backend_name = None
    inspect_view_enabled = True
    copy_view_enabled = False
    add_view_class = SupervisionLinkCreateView
    edit_view_class = SupervisionLinkEditView
    delete_view_class = SupervisionLinkDeleteView
    edit_handler = ObjectList(
        [FieldPanel("supervisor"), FieldPanel("mentor"), FieldPanel("start"), FieldPanel("end")],
        base_form_class=SupervisionLinkForm,
    )


class SupervisorProfileViewSet(ModelViewSet):
    model = SupervisorProfile
    icon = "user"
    menu_label = _("Supervisor profiles")
    list_display = [
        "user",
        "qualification",
        "credential_id",
        "qualification_expires",
        "years_supervising",
    ]
    search_fields = ["user__last_name", "user__first_name", "qualification"]
    search_backend_name = None
    inspect_view_enabled = True
    copy_view_enabled = False
    edit_handler = ObjectList(SupervisorProfile.panels, base_form_class=SupervisorProfileForm)


class SupervisionViewSetGroup(ViewSetGroup):
    menu_label = _("Supervision")
    menu_icon = "group"
    menu_order = 260
    items = (SupervisionLinkViewSet, SupervisorProfileViewSet)


EXPIRING_CHOICES = [
    ("7", _("7 days")),
    ("30", _("30 days")),
    ("60", _("60 days")),
    ("90", _("90 days")),
]


class CertificateFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=CertificateStatus.choices, label=_("Status"))
    programme = django_filters.ModelChoiceFilter(
        queryset=CertificationProgramme.objects.all(), label=_("Programme")
    )
    expiring_within = django_filters.ChoiceFilter(
        choices=EXPIRING_CHOICES, label=_("Expiring within"), method="filter_expiring"
    )

    class Meta:
        model = Certificate
        fields = ["status", "programme"]

    def filter_expiring(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.filter(
            status__in=CURRENT_STATUSES,
            valid_until__gte=today,
            valid_until__lte=today + datetime.timedelta(days=int(value)),
        )


class CertificateIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("programme")

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if self.request.user.has_perm("certification.manage_certificate"):
            buttons.append(
                ListingButton(
                    gettext_now("Manage"),
                    reverse("certification_admin:certificate_manage", args=[instance.pk]),
                    icon_name="cog",
                    priority=5,
                )
            )
        return buttons


class CertificateHistoryView(HistoryView):
    """A certificate's history (its events in Wagtail's audit log) is for whoever may see the
    certificate: nobody may add, change or delete one, the permissions Wagtail asks by default."""

    any_permission_required = ["view"]


class CertificateViewSet(ModelViewSet):
    """Certificates are issued by the rules, never typed in: no add or edit for anyone
    (coordinators hold view + manage, not add/change)."""

    model = Certificate
    icon = "tick-inverse"
    menu_label = _("Certificates")
    index_view_class = CertificateIndexView
    history_view_class = CertificateHistoryView
    filterset_class = CertificateFilterSet
    list_display = [
        TitleColumn("serial", label=_("Serial"), url_name="certification_admin:certificate_manage"),
        Column("holder_name", label=_("Holder")),
        Column("programme", label=_("Programme")),
        Column("status", label=_("Status"), accessor="get_status_display"),
        DateColumn("valid_until", label=_("Valid until"), sort_key="valid_until"),
        Column("pdf_status", label=_("PDF"), accessor="get_pdf_status_display"),
    ]
    list_export = [
        "serial",
        "holder_name",
        "programme.name",
        "status",
        "valid_from",
        "valid_until",
        "grace_until",
        "pdf_status",
    ]
    search_fields = ["serial", "holder_name", "verification_code"]
    search_backend_name = None
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = []

    def get_urlpatterns(self):
        # Never offered (CertificatePermissionPolicy), and answered with the reason if typed in.
        # The index stays first: the menu links to the first pattern.
        return [
            *(p for p in super().get_urlpatterns() if p.name not in ("add", "delete")),
            path("new/", admin_views.certificate_add_refused, name="add"),
            path("delete/<int:pk>/", admin_views.certificate_delete_refused, name="delete"),
        ]


class ProgrammeViewSet(ModelViewSet):
    model = CertificationProgramme
    icon = "list-ul"
    delete_view_class = HistoryKeepingDeleteView  # refused once it has certificates, etc.
    menu_label = _("Programmes")
    list_display = [
        "name",
        "slug",
        "required_minutes_total",
        "validity_months",
        "is_default",
        "is_active",
    ]
    copy_view_enabled = False


class CertificationViewSetGroup(ViewSetGroup):
    menu_label = _("Certification")
    menu_icon = "tick-inverse"
    menu_order = 270
    items = (CertificateViewSet, ProgrammeViewSet)


practice_log_viewset = PracticeLogViewSet("practice_logs")
