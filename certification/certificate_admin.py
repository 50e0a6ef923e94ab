"""Coordinators' certificate screens in the Wagtail admin: programmes, certificates (read-only,
with one "manage" view for suspend / reinstate / revoke / re-render, and a confirmation step to
allow re-certification after a revocation), the expiring and lapsed report; and the
supervisors' "endorse readiness" view. Every change goes through a service."""

import datetime

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton

from certification import selectors, services, tasks
from certification.models import (
    CURRENT_STATUSES,
    Certificate,
    CertificateEventKind,
    CertificateStatus,
    CertificationProgramme,
    RecertificationDecision,
)
from cms.admin_views import DeletionRefusedView, HistoryKeepingDeleteView
from cms.models import User
from cms.reasons import REASON_MAX_LENGTH

EXPIRING_CHOICES = [
    ("7", gettext_lazy("7 days")),
    ("30", gettext_lazy("30 days")),
    ("60", gettext_lazy("60 days")),
    ("90", gettext_lazy("90 days")),
]


class CertificateFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        choices=CertificateStatus.choices, label=gettext_lazy("Status")
    )
    programme = django_filters.ModelChoiceFilter(
        queryset=CertificationProgramme.objects.all(), label=gettext_lazy("Programme")
    )
    expiring_within = django_filters.ChoiceFilter(
        choices=EXPIRING_CHOICES, label=gettext_lazy("Expiring within"), method="filter_expiring"
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
                    _("Manage"),
                    reverse("certificate_manage", args=[instance.pk]),
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
    menu_label = gettext_lazy("Certificates")
    index_view_class = CertificateIndexView
    history_view_class = CertificateHistoryView
    filterset_class = CertificateFilterSet
    list_display = [
        TitleColumn("serial", label=gettext_lazy("Serial"), url_name="certificate_manage"),
        Column("holder_name", label=gettext_lazy("Holder")),
        Column("programme", label=gettext_lazy("Programme")),
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
        DateColumn("valid_until", label=gettext_lazy("Valid until"), sort_key="valid_until"),
        Column("pdf_status", label=gettext_lazy("PDF"), accessor="get_pdf_status_display"),
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
            path("new/", certificate_add_refused, name="add"),
            path("delete/<int:pk>/", certificate_delete_refused, name="delete"),
        ]


def certificate_add_refused(request):
    if not request.user.has_perm("certification.view_certificate"):
        raise PermissionDenied
    return DeletionRefusedView.as_view(
        status=403,
        page_title=_("Cannot add"),
        title=_("Certificates are not added by hand"),
        lead=_(
            "Certificates are issued by the certification rules when a mentor meets a "
            "programme's requirements, so that every certificate rests on recorded evidence."
        ),
        advice=[
            _(
                "To see what a mentor still needs, open their eligibility checklist from the "
                "mentor roster."
            )
        ],
        cancel_url=reverse("certificate:index"),
    )(request)


def certificate_delete_refused(request, pk):
    if not request.user.has_perm("certification.view_certificate"):
        raise PermissionDenied  # and no answer on whether the certificate exists
    get_object_or_404(Certificate, pk=pk)
    return DeletionRefusedView.as_view(
        status=403,
        title=_("Certificates are never deleted"),
        lead=_(
            "A certificate is a record the programme gave its holder and anyone who checks it; "
            "it is kept with its history."
        ),
        advice=[
            _(
                "To withdraw it, suspend or revoke it from Manage: the verification page and the "
                "credential then say so."
            )
        ],
        actions=[(_("Manage this certificate"), reverse("certificate_manage", args=[pk]))]
        if request.user.has_perm("certification.manage_certificate")
        else [],
        cancel_url=reverse("certificate:index"),
    )(request)


class ProgrammeViewSet(ModelViewSet):
    model = CertificationProgramme
    icon = "list-ul"
    delete_view_class = HistoryKeepingDeleteView  # refused once it has certificates, etc.
    menu_label = gettext_lazy("Programmes")
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
    menu_label = gettext_lazy("Certification")
    menu_icon = "tick-inverse"
    menu_order = 270
    items = (CertificateViewSet, ProgrammeViewSet)


class CertificateActionForm(forms.Form):
    ACTIONS = [
        ("suspend", gettext_lazy("Suspend (reversible)")),
        ("reinstate", gettext_lazy("Reinstate")),
        ("revoke", gettext_lazy("Revoke (final)")),
        ("rerender", gettext_lazy("Render the PDF again")),
    ]
    action = forms.ChoiceField(
        choices=ACTIONS, widget=forms.RadioSelect, label=gettext_lazy("What do you want to do?")
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=REASON_MAX_LENGTH,
        label=gettext_lazy("Reason"),
        help_text=gettext_lazy(
            "Required to suspend, reinstate or revoke. It is recorded in "
            "the audit trail and sent to the holder."
        ),
    )


LIFECYCLE = {
    "suspend": services.certificate_suspend,
    "reinstate": services.certificate_reinstate,
    "revoke": services.certificate_revoke,
}


class CertificateManageView(WagtailAdminTemplateMixin, FormView):
    """One certificate: its facts, its audit trail and the lifecycle actions."""

    template_name = "certification/admin/certificate_manage.html"
    form_class = CertificateActionForm
    page_title = gettext_lazy("Certificate")
    header_icon = "tick-inverse"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("certification.manage_certificate"):
            raise PermissionDenied
        self.certificate = get_object_or_404(
            Certificate.objects.select_related("programme", "holder"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.certificate.serial

    def get_context_data(self, **kwargs):
        certificate = self.certificate
        events = certificate.events.select_related("actor").order_by("at", "pk")
        status = selectors.verification_status(certificate, on=timezone.localdate())
        revoked = certificate.status == CertificateStatus.REVOKED
        decision = (
            RecertificationDecision.objects.filter(revoked_certificate=certificate)
            .select_related("decided_by")
            .first()
            if revoked
            else None
        )
        return super().get_context_data(
            certificate=certificate,
            events=events,
            verification_status=status,
            revoked=revoked,
            decision=decision,
            pdf_withheld=services.certificate_pdf_withheld(certificate),
            **kwargs,
        )

    def form_valid(self, form):
        action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
        if action == "rerender":
            refusal = services.certificate_pdf_rerender_refusal(self.certificate)
            if refusal:
                form.add_error(None, refusal)
                return self.render_to_response(self.get_context_data(form=form), status=400)
            tasks.enqueue_certificate_rerender(certificate_id=self.certificate.pk)
            messages.success(self.request, _("The PDF will be rendered again in a moment."))
            return redirect("certificate_manage", self.certificate.pk)
        try:
            LIFECYCLE[action](
                certificate_id=self.certificate.pk, actor=self.request.user, reason=reason
            )
        except services.CertificateError as error:
            for message in error.messages:
                form.add_error("reason" if "reason" in message.lower() else None, message)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(self.request, _("Done. The holder has been e-mailed."))
        return redirect("certificate_manage", self.certificate.pk)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class RecertificationForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "required": True}),
        required=False,  # the service refuses an empty reason, with its own message
        max_length=REASON_MAX_LENGTH,
        label=gettext_lazy("Reason"),
        help_text=gettext_lazy(
            "Why you allow it, for example the outcome of a review. It is recorded in the "
            "certificate's history and sent to the holder."
        ),
    )


class AllowRecertificationView(WagtailAdminTemplateMixin, FormView):
    """The confirmation step before a coordinator allows the holder of a revoked certificate to
    qualify again: what it means, a reason, then the service records the decision."""

    template_name = "certification/admin/allow_recertification.html"
    form_class = RecertificationForm
    page_title = gettext_lazy("Allow re-certification")
    header_icon = "tick-inverse"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("certification.manage_certificate"):
            raise PermissionDenied
        self.certificate = get_object_or_404(
            Certificate.objects.select_related("programme", "holder"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.certificate.serial

    def get_context_data(self, **kwargs):
        certificate = self.certificate
        return super().get_context_data(
            certificate=certificate,
            revoked_on=timezone.localdate(certificate.status_changed_at),
            revocation_reason=selectors.certificate_event_reason(
                certificate, kind=CertificateEventKind.REVOKED
            ),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.certificate_allow_recertification(
                certificate_id=self.certificate.pk,
                actor=self.request.user,
                reason=form.cleaned_data["reason"],
            )
        except services.CertificateError as error:
            for message in error.messages:
                form.add_error("reason" if "reason" in message.lower() else None, message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "Re-certification allowed. The holder has been e-mailed: from now on, only new "
                "practice and a new endorsement count towards a new certificate."
            ),
        )
        return redirect("certificate_manage", self.certificate.pk)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ExpiryReportFilterSet(WagtailFilterSet):
    view = django_filters.ChoiceFilter(
        choices=[
            ("expiring", gettext_lazy("Expiring within 60 days")),
            ("lapsed", gettext_lazy("Lapsed (expired, suspended or revoked)")),
        ],
        label=gettext_lazy("Show"),
        method="filter_view",
        empty_label=gettext_lazy("Both"),
    )
    programme = django_filters.ModelChoiceFilter(
        queryset=CertificationProgramme.objects.all(), label=gettext_lazy("Programme")
    )

    class Meta:
        model = Certificate
        fields = ["programme"]

    def filter_view(self, queryset, name, value):
        return queryset.filter(_expiring() if value == "expiring" else _lapsed())


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


class CertificateExpiryReport(ReportView):
    """Certificates expiring in the next 60 days and those that lapsed, with CSV/XLSX."""

    page_title = gettext_lazy("Expiring and lapsed certificates")
    header_icon = "warning"
    model = Certificate
    any_permission_required = ["view"]
    filterset_class = ExpiryReportFilterSet
    index_url_name = "certificate_expiry_report"
    index_results_url_name = "certificate_expiry_report_results"
    columns = [
        Column("serial", label=gettext_lazy("Serial")),
        Column("holder_name", label=gettext_lazy("Holder")),
        Column("programme", label=gettext_lazy("Programme")),
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
        DateColumn("valid_until", label=gettext_lazy("Valid until"), sort_key="valid_until"),
        DateColumn("grace_until", label=gettext_lazy("Counts until")),
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
        "holder.email": gettext_lazy("E-mail"),
        "programme.name": gettext_lazy("Programme"),
    }
    export_filename = "certificates-expiring-and-lapsed"

    def get_queryset(self):
        self.queryset = Certificate.objects.filter(_expiring() | _lapsed()).select_related(
            "programme", "holder"
        )
        return super().get_queryset()


class EndorsementForm(forms.Form):
    programme = forms.ModelChoiceField(
        queryset=CertificationProgramme.objects.none(), label=gettext_lazy("Programme")
    )
    statement = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=REASON_MAX_LENGTH,
        label=gettext_lazy("Statement"),
        help_text=gettext_lazy(
            "What you have seen that shows this mentor is ready. Part of "
            "the certificate's evidence."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = selectors.programmes_open()


class EndorseView(WagtailAdminTemplateMixin, FormView):
    """A supervisor endorses a current supervisee's readiness (others: 404)."""

    template_name = "certification/admin/endorse.html"
    form_class = EndorsementForm
    page_title = gettext_lazy("Endorse readiness")
    header_icon = "tick"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("certification.add_endorsement"):
            raise PermissionDenied
        self.mentor = get_object_or_404(User, pk=kwargs["mentor_id"])
        link = selectors.supervision_link_active(mentor=self.mentor, on=timezone.localdate())
        if link is None or link.supervisor_id != request.user.pk:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.mentor.public_name

    def get_context_data(self, **kwargs):
        return super().get_context_data(mentor=self.mentor, **kwargs)

    def form_valid(self, form):
        try:
            services.endorsement_give(
                mentor=self.mentor,
                programme=form.cleaned_data["programme"],
                supervisor=self.request.user,
                statement=form.cleaned_data["statement"],
            )
        except services.CertificateError as error:
            form.add_error(None, error)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(
            self.request,
            _(
                "Endorsed. If every other requirement is met, the "
                "certificate is issued automatically."
            ),
        )
        return redirect(reverse("practice_logs:progress"))


def admin_urls() -> list:
    return [
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
        path(
            "certification/endorse/<int:mentor_id>/",
            EndorseView.as_view(),
            name="certificate_endorse",
        ),
        path(
            "reports/certificates/",
            CertificateExpiryReport.as_view(),
            name="certificate_expiry_report",
        ),
        path(
            "reports/certificates/results/",
            CertificateExpiryReport.as_view(results_only=True),
            name="certificate_expiry_report_results",
        ),
    ]
