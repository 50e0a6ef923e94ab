"""Custom Wagtail admin views: supervisors review one log and see supervisees' progress;
coordinators reassign logs whose supervisor is gone."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permissions import policy_registry

from certification import selectors, services
from certification.forms import ReassignForm, ReviewForm
from certification.models import PracticeLog, SupervisorProfile
from cms.errors import add_service_errors
from cms.roles import COORDINATORS, SUPERVISORS, user_has_role

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
        self.policy = policy_registry.get_by_type(PracticeLog)
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
        if not (
            user_has_role(request.user, SUPERVISORS) or user_has_role(request.user, COORDINATORS)
        ):
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
        if not (request.user.is_superuser or user_has_role(request.user, COORDINATORS)):
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
