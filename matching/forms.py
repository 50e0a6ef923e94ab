"""Admin forms: they parse input; the gate and the review decisions are services."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from certification.models import CertificationProgramme
from cms.reasons import REASON_MAX_LENGTH
from cms.roles import MENTORS
from matching.models import Mentee


class MentorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.public_name


class AssignmentCreateForm(forms.Form):
    mentor = MentorChoiceField(
        label=_("Mentor"),
        queryset=get_user_model()
        .objects.filter(groups__name=MENTORS, is_active=True)
        .order_by("first_name", "last_name", "username"),
    )
    mentee = forms.ModelChoiceField(
        label=_("Mentee"),
        queryset=Mentee.objects.filter(is_active=True).order_by("code_name"),
        help_text=_("Mentees are listed by code name only."),
    )
    start = forms.DateField(
        label=_("Start date"), initial=timezone.localdate, widget=AdminDateInput
    )


class ReviewDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("continue", _("Continue the assignment")), ("end", _("End the assignment"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded in the assignment's history."),
    )


class EligibilityProgrammeForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=CertificationProgramme.objects.order_by("-is_default", "name"),
        required=False,
        empty_label=_("Default programme"),
    )
