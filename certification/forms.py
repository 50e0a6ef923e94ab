"""Forms, on the site and in the admin: parse input only; the rules live in services (errors are
mapped back to fields)."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from certification import selectors
from certification.models import (
    COMMENT_MAX_LENGTH,
    MAX_DURATION_MINUTES,
    MIN_DURATION_MINUTES,
    REFLECTION_MAX_LENGTH,
    CertificationProgramme,
    PracticeLog,
)
from cms.models import User
from cms.reasons import REASON_MAX_LENGTH
from courses.models import Competency


class PracticeLogForm(forms.Form):
    session_date = forms.DateField(
        label=_("Session date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration in minutes"),
        min_value=MIN_DURATION_MINUTES,
        max_value=MAX_DURATION_MINUTES,
        help_text=_("Between %(min)s and %(max)s minutes.")
        % {"min": MIN_DURATION_MINUTES, "max": MAX_DURATION_MINUTES},
    )
    setting = forms.ChoiceField(label=_("Setting"), choices=PracticeLog.Setting.choices)
    competencies = forms.ModelMultipleChoiceField(
        label=_("Competencies practised"),
        queryset=Competency.objects.order_by("sort_order", "name"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one competency you practised.")},
    )
    reflection = forms.CharField(
        label=_("Reflection"),
        max_length=REFLECTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Up to %(max)s characters. What did you practise, what went well, what will you do "
            "differently? Refer to the people you support by initials or as \u201cmy mentee\u201d."
        )
        % {"max": REFLECTION_MAX_LENGTH},
    )

    @classmethod
    def initial_from(cls, log: PracticeLog) -> dict:
        return {
            "session_date": log.session_date,
            "duration_minutes": log.duration_minutes,
            "setting": log.setting,
            "competencies": list(log.competencies.all()),
            "reflection": log.reflection,
        }


class ReviewForm(forms.Form):
    DECISIONS = (
        ("approve", _("Approve")),
        ("request_changes", _("Request changes")),
        ("reject", _("Reject")),
    )

    decision = forms.ChoiceField(choices=DECISIONS, widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("Comment to the mentor"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Required when you request changes or reject. Up to %(max)s characters.")
        % {"max": COMMENT_MAX_LENGTH},
    )


class RoleChoiceForm(WagtailAdminModelForm):
    """An admin model form whose user choosers offer only the people a role allows
    (``role_fields``: field name -> selector name), plus whoever the object already names, so an
    existing record of someone who left can still be edited (a link ended, a profile updated)."""

    role_fields: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, selector in self.role_fields.items():
            if name not in self.fields:
                continue
            queryset = getattr(selectors, selector)()
            current = getattr(self.instance, f"{name}_id", None)
            if current is not None:
                queryset = User.objects.filter(
                    Q(pk__in=queryset.values("pk")) | Q(pk=current)
                ).order_by("first_name", "last_name", "username")
            self.fields[name].queryset = queryset


class SupervisionLinkForm(RoleChoiceForm):
    """The coordinator's supervision-link form: active supervisors and active mentors to choose
    from. The rules themselves are ``SupervisionLink.clean``, run by the form and again by
    ``services.supervision_link_save`` under the mentor's row lock."""

    role_fields = {"supervisor": "supervisors_available", "mentor": "mentors_available"}


class SupervisorProfileForm(RoleChoiceForm):
    """A supervisor profile belongs to an active member of Supervisors."""

    role_fields = {"user": "supervisors_available"}


class ReassignForm(forms.Form):
    """One practice log id, posted from the reassign screen's button."""

    log = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


def reason_field(*, help_text, label=None, rows: int = 3, attrs=None) -> forms.CharField:
    """A coordinator's or supervisor's free text recorded with a certificate decision. Optional
    on the form: the service refuses an empty or too long one, with its own message."""
    return forms.CharField(
        widget=forms.Textarea(attrs={"rows": rows, **(attrs or {})}),
        required=False,
        max_length=REASON_MAX_LENGTH,
        label=label or _("Reason"),
        help_text=help_text,
    )


class CertificateActionForm(forms.Form):
    """A coordinator's lifecycle action on one certificate, with the reason the holder is sent."""

    ACTIONS = [
        ("suspend", _("Suspend (reversible)")),
        ("reinstate", _("Reinstate")),
        ("revoke", _("Revoke (final)")),
        ("rerender", _("Render the PDF again")),
    ]
    action = forms.ChoiceField(
        choices=ACTIONS, widget=forms.RadioSelect, label=_("What do you want to do?")
    )
    reason = reason_field(
        help_text=_(
            "Required to suspend, reinstate or revoke. It is recorded in "
            "the audit trail and sent to the holder."
        )
    )


class RecertificationForm(forms.Form):
    reason = reason_field(
        help_text=_(
            "Why you allow it, for example the outcome of a review. It is recorded in the "
            "certificate's history and sent to the holder."
        ),
        attrs={"required": True},
    )


class EndorsementForm(forms.Form):
    programme = forms.ModelChoiceField(
        queryset=CertificationProgramme.objects.none(), label=_("Programme")
    )
    statement = reason_field(
        label=_("Statement"),
        help_text=_(
            "What you have seen that shows this mentor is ready. Part of "
            "the certificate's evidence."
        ),
        rows=4,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = selectors.programmes_open()
