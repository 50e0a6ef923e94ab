from django import forms
from django.utils.translation import gettext_lazy as _

from courses.grading import SINGLE_ANSWER_KINDS


class AttemptForm(forms.Form):
    """The questions of one attempt, built from its snapshot: texts and opaque keys only.

    Nothing about which option is correct ever reaches this form or its HTML.
    """

    def __init__(self, *args, snapshot: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.snapshot = snapshot
        for number, question in enumerate(snapshot, start=1):
            choices = [(choice["key"], choice["text"]) for choice in question["choices"]]
            error_messages = {
                "required": _("Please answer this question."),
                "invalid_choice": _(
                    "That option was not one of the options shown for this question."
                ),
            }
            common = {
                "label": question["prompt"],
                "choices": choices,
                "error_messages": error_messages,
            }
            if question["kind"] in SINGLE_ANSWER_KINDS:
                field = forms.ChoiceField(widget=forms.RadioSelect, **common)
            else:
                field = forms.MultipleChoiceField(
                    widget=forms.CheckboxSelectMultiple,
                    help_text=_("Select all that apply."),
                    **common,
                )
            field.question = question
            field.number = number
            self.fields[self.field_name(question["key"])] = field

    def clean(self):
        cleaned = super().clean()
        served = set(self.fields)
        if any(name.startswith("q_") and name not in served for name in self.data):
            raise forms.ValidationError(
                _("The answers name questions that were not part of this attempt."),
                code="unknown_question",
            )
        return cleaned

    @staticmethod
    def field_name(key: str) -> str:
        return f"q_{key}"

    def answers(self) -> dict[str, list[str]]:
        result = {}
        for question in self.snapshot:
            value = self.cleaned_data.get(self.field_name(question["key"]))
            result[question["key"]] = value if isinstance(value, list) else [value]
        return result
