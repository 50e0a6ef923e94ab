"""Admin forms for the question bank: a question's choices must make sense for its type."""

from django import forms
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm


class QuestionAdminForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("choices")
        if formset is None or not formset.is_valid():
            return cleaned
        choices = [
            form.cleaned_data
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        correct = sum(1 for choice in choices if choice.get("is_correct"))
        kind = cleaned.get("kind")
        if len(choices) < 2:
            raise forms.ValidationError(_("A question needs at least two choices."))
        if kind in {"single", "true_false"} and correct != 1:
            raise forms.ValidationError(_("Mark exactly one choice as correct for this type."))
        if kind == "true_false" and len(choices) != 2:
            raise forms.ValidationError(_("A true-or-false question has exactly two choices."))
        if kind == "multiple" and correct < 1:
            raise forms.ValidationError(_("Mark at least one choice as correct."))
        return cleaned
