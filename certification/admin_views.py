"""Custom Wagtail admin views. Practice: supervisors review one log, see supervisees' progress
and endorse their readiness; coordinators reassign logs whose supervisor is gone. Certificates:
coordinators manage one certificate (suspend, reinstate, revoke, re-render, and the
confirmation step to allow re-certification after a revocation); adding or deleting one is
refused with the reason. Every change goes through a service."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from certification import selectors, services, tasks
from certification.forms import (
    CertificateActionForm,
    EndorsementForm,
    ReassignForm,
    RecertificationForm,
    ReviewForm,
)
from certification.models import (
    Certificate,
    CertificateEventKind,
    CertificateStatus,
    PracticeLog,
    RecertificationDecision,
    SupervisorProfile,
)
from certification.permissions import practice_log_policy
from cms.admin_views import DeletionRefusedView
from cms.errors import add_service_errors
from cms.models import User

DECISION_SERVICES = {
    "approve": services.practice_log_approve,
    "request_changes": services.practice_log_request_changes,
    "reject": services.practice_log_reject,
}
DECISION_MESSAGES = {
    "approve": gettext_lazy("Approved. The mentor has been told."),
    "request_changes": gettext_lazy("Changes requested. The mentor has been told."),
    "reject": gettext_lazy("Rejected. The mentor has been told."),
}


class PracticeLogReviewView(WagtailAdminTemplateMixin, TemplateView):
    """One log with its history; its own supervisor decides here (POST through the services).

    Logs outside the user's view (another supervisor's supervisees) are a 404, not a 403.
    """

    template_name = "certification/admin/practice_log_review.html"
    page_title = gettext_lazy("Review practice log")
    header_icon = "tasks"

    def dispatch(self, request, *args, pk, **kwargs):
        self.policy = practice_log_policy()
        if not self.policy.user_has_permission(request.user, "view"):
            raise PermissionDenied
        self.log = (
            selectors.practice_logs_visible_to(user=request.user)
            .select_related("reviewer", "supervisor__supervisor_profile")
            .filter(pk=pk)
            .first()
        )
        if self.log is None:
            raise Http404
        self.form = ReviewForm(request.POST or None)
        return super().dispatch(request, *args, **kwargs)

    @property
    def can_review(self) -> bool:
        return (
            self.log.status == PracticeLog.Status.SUBMITTED
            and self.policy.user_has_permission_for_instance(self.request.user, "change", self.log)
        )

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("practice_logs:index"), "label": _("Practice logs")},
            {"url": "", "label": str(self.log)},
        ]

    def get_context_data(self, **kwargs):
        profile = SupervisorProfile.objects.filter(user_id=self.log.supervisor_id).first()
        return super().get_context_data(
            log=self.log,
            events=self.log.events.select_related("actor"),
            supervisor_profile=profile,
            can_review=self.can_review,
            form=self.form,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not self.can_review:
            raise PermissionDenied
        if self.form.is_valid():
            decision = self.form.cleaned_data["decision"]
            try:
                DECISION_SERVICES[decision](
                    log=self.log, reviewer=request.user, comment=self.form.cleaned_data["comment"]
                )
            except ValidationError as error:
                add_service_errors(self.form, error)
            else:
                messages.success(request, DECISION_MESSAGES[decision])
                return redirect("practice_logs:index")
        return self.render_to_response(self.get_context_data(), status=400)


class SuperviseeProgressView(WagtailAdminTemplateMixin, TemplateView):
    """A supervisor's supervisees: approved minutes per competency and logs waiting."""

    template_name = "certification/admin/supervisee_progress.html"
    page_title = gettext_lazy("Supervisee progress")
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not practice_log_policy().user_has_permission(request.user, "follow_supervisees"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        rows = selectors.supervisees_progress(supervisor=self.request.user)
        competencies = [cell["competency"] for cell in rows[0]["competencies"]] if rows else []
        return super().get_context_data(rows=rows, competencies=competencies, **kwargs)


class PracticeLogReassignView(WagtailAdminTemplateMixin, TemplateView):
    """Coordinators: submitted logs waiting for someone who is not the mentor's supervisor any
    more (``selectors.practice_logs_to_reassign``), each with a button that hands it to the
    mentor's current supervisor (``services.practice_log_reassign``)."""

    template_name = "certification/admin/practice_logs_reassign.html"
    page_title = gettext_lazy("Reassign practice logs")
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if not practice_log_policy().user_has_permission(request.user, "reassign"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        logs = selectors.practice_logs_to_reassign(on=timezone.localdate())
        return super().get_context_data(logs=logs, **kwargs)

    def post(self, request, *args, **kwargs):
        form = ReassignForm(request.POST)
        log = None
        if form.is_valid():
            log = PracticeLog.objects.filter(pk=form.cleaned_data["log"]).first()
        if log is None:
            messages.error(request, _("That practice log no longer exists; the list is updated."))
            return redirect("practice_logs:reassign")
        try:
            log = services.practice_log_reassign(log=log, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Reassigned %(mentor)s's log to %(supervisor)s, who has been e-mailed.")
                % {"mentor": log.mentor.public_name, "supervisor": log.supervisor.public_name},
            )
        return redirect("practice_logs:reassign")


# --- Certificates ---------------------------------------------------------------------------

LIFECYCLE = {
    "suspend": services.certificate_suspend,
    "reinstate": services.certificate_reinstate,
    "revoke": services.certificate_revoke,
}


class CertificateFormView(WagtailAdminTemplateMixin, FormView):
    """A coordinator's form on one certificate (``certification.manage_certificate``): the
    serial as subtitle, a service's refusal shown on the form with a 400, success back to the
    certificate's manage view."""

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

    def refused(self, form, error: ValidationError):
        add_service_errors(form, error)
        return self.form_invalid(form)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def done(self, message: str):
        messages.success(self.request, message)
        return redirect("certification_admin:certificate_manage", self.certificate.pk)


class CertificateManageView(CertificateFormView):
    """One certificate: its facts, its audit trail and the lifecycle actions."""

    template_name = "certification/admin/certificate_manage.html"
    form_class = CertificateActionForm
    page_title = gettext_lazy("Certificate")

    def get_context_data(self, **kwargs):
        certificate = self.certificate
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
            events=certificate.events.select_related("actor").order_by("at", "pk"),
            verification_status=selectors.verification_status(certificate, on=timezone.localdate()),
            revoked=revoked,
            decision=decision,
            pdf_withheld=services.certificate_pdf_withheld(certificate),
            pdf_downloadable=selectors.certificate_pdf_downloadable(
                user=self.request.user, certificate=certificate
            ),
            **kwargs,
        )

    def form_valid(self, form):
        action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
        if action == "rerender":
            refusal = services.certificate_pdf_rerender_refusal(self.certificate)
            if refusal:
                return self.refused(form, ValidationError(refusal))
            tasks.enqueue_certificate_rerender(certificate_id=self.certificate.pk)
            return self.done(_("The PDF will be rendered again in a moment."))
        try:
            LIFECYCLE[action](
                certificate_id=self.certificate.pk, actor=self.request.user, reason=reason
            )
        except services.CertificateError as error:
            return self.refused(form, error)
        return self.done(_("Done. The holder has been e-mailed."))


class AllowRecertificationView(CertificateFormView):
    """The confirmation step before a coordinator allows the holder of a revoked certificate to
    qualify again: what it means, a reason, then the service records the decision."""

    template_name = "certification/admin/allow_recertification.html"
    form_class = RecertificationForm
    page_title = gettext_lazy("Allow re-certification")

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
            return self.refused(form, error)
        return self.done(
            _(
                "Re-certification allowed. The holder has been e-mailed: from now on, only new "
                "practice and a new endorsement count towards a new certificate."
            )
        )


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
        actions=[
            (
                _("Manage this certificate"),
                reverse("certification_admin:certificate_manage", args=[pk]),
            )
        ]
        if request.user.has_perm("certification.manage_certificate")
        else [],
        cancel_url=reverse("certificate:index"),
    )(request)


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
            add_service_errors(form, error)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(
            self.request,
            _(
                "Endorsed. If every other requirement is met, the "
                "certificate is issued automatically."
            ),
        )
        return redirect(reverse("practice_logs:progress"))
