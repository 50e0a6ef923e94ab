"""Coordinator screens in the Wagtail admin that are not plain listings: the assignment form
(through the gate, showing every refusal reason), one assignment with its history and review
decision, and a mentor's eligibility checklist."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from cms.errors import add_service_errors
from matching import selectors, services
from matching.forms import AssignmentCreateForm, EligibilityProgrammeForm, ReviewDecisionForm
from matching.models import Assignment, AssignmentStatus
from matching.permissions import COORDINATE, coordinator_policy


class CoordinatorView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    permission_policy = coordinator_policy
    permission_required = COORDINATE

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("matching_assignment:index"), "label": _("Assignments")},
            {"url": "", "label": str(self.page_title)},
        ]


class AssignmentCreateView(CoordinatorView):
    """Assign a mentor to a mentee through the gate; a refusal lists every reason."""

    template_name = "matching/admin/assignment_create.html"
    page_title = gettext_lazy("New assignment")
    header_icon = "group"

    def get(self, request, *args, **kwargs):
        initial = {key: request.GET[key] for key in ("mentor", "mentee") if key in request.GET}
        return self.render_to_response(
            self.get_context_data(form=AssignmentCreateForm(initial=initial))
        )

    def post(self, request, *args, **kwargs):
        form = AssignmentCreateForm(request.POST)
        refusal = None
        if form.is_valid():
            try:
                assignment = services.assignment_create(
                    mentor=form.cleaned_data["mentor"],
                    mentee=form.cleaned_data["mentee"],
                    coordinator=request.user,
                    start=form.cleaned_data["start"],
                )
            except services.AssignmentRefused as refused:
                refusal = refused.reasons
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("%(mentor)s now mentors %(mentee)s.")
                    % {"mentor": assignment.mentor.public_name, "mentee": assignment.mentee},
                )
                return redirect("matching_assignment:edit", assignment.pk)
        context = self.get_context_data(form=form, refusal=refusal)
        return self.render_to_response(context, status=422 if refusal else 400)


class AssignmentDetailView(CoordinatorView):
    """One assignment with its history; end it, or resolve a review (continue or end)."""

    template_name = "matching/admin/assignment_detail.html"
    header_icon = "group"

    def dispatch(self, request, *args, pk, **kwargs):
        self.assignment = get_object_or_404(
            Assignment.objects.select_related("mentor", "mentee__programme", "coordinator"), pk=pk
        )
        return super().dispatch(request, *args, **kwargs)

    @property
    def page_title(self):
        return str(self.assignment)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", ReviewDecisionForm())
        return super().get_context_data(
            assignment=self.assignment,
            events=self.assignment.events.select_related("actor"),
            needs_review=self.assignment.status == AssignmentStatus.NEEDS_REVIEW,
            is_open=self.assignment.status != AssignmentStatus.ENDED,
            **kwargs,
        )

    def decide(self, decision: str, reason: str) -> None:
        if self.assignment.status == AssignmentStatus.NEEDS_REVIEW:
            services.assignment_review_resolve(
                assignment_id=self.assignment.pk,
                actor=self.request.user,
                decision=decision,
                reason=reason,
            )
        elif decision == "end":
            services.assignment_end(
                assignment_id=self.assignment.pk, actor=self.request.user, reason=reason
            )
        else:
            raise ValidationError({"decision": _("This assignment is already active.")})

    def post(self, request, *args, **kwargs):
        form = ReviewDecisionForm(request.POST)
        refusal = None
        if form.is_valid():
            try:
                self.decide(form.cleaned_data["decision"], form.cleaned_data["reason"])
            except services.AssignmentRefused as refused:
                refusal = refused.reasons
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Recorded."))
                return redirect("matching_assignment:edit", self.assignment.pk)
        context = self.get_context_data(form=form, refusal=refusal)
        return self.render_to_response(context, status=422 if refusal else 400)


class MentorEligibilityView(CoordinatorView):
    """Each requirement for one mentor and programme today: what the gate would say."""

    template_name = "matching/admin/mentor_eligibility.html"
    header_icon = "tick"

    def dispatch(self, request, *args, pk, **kwargs):
        self.mentor = get_user_model().objects.filter(pk=pk).first()
        if self.mentor is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @property
    def page_title(self):
        return _("Eligibility of %(mentor)s") % {"mentor": self.mentor.public_name}

    def get_breadcrumbs_items(self):
        return [
            *WagtailAdminTemplateMixin.get_breadcrumbs_items(self),
            {"url": reverse("matching_admin:roster"), "label": _("Mentor roster")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        form = EligibilityProgrammeForm(self.request.GET or None)
        chosen = form.cleaned_data.get("programme") if form.is_valid() else None
        today = timezone.localdate()
        programme = selectors.programme_for_mentor(
            slug=chosen.slug if chosen else None, mentor_id=self.mentor.pk, on=today
        )
        context = {"form": form, "mentor": self.mentor, "programme": programme, "today": today}
        if programme is not None:
            eligibility, unmet = selectors.mentor_eligibility(
                mentor_id=self.mentor.pk, programme=programme, on=today
            )
            context.update(eligibility=eligibility, unmet=unmet)
        return super().get_context_data(**context, **kwargs)
