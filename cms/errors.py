"""One domain error type, and the two places it becomes something a person or a client sees.

Every service that refuses raises ``DomainError`` (or a subclass named for its app, such as
``CertificateError`` or ``AssignmentRefused``): messages for the person who asked, optionally
per field, and a machine-readable ``code``. It is a Django ``ValidationError``, so a model's
``clean()`` and a service speak the same language and every ``except ValidationError`` keeps
working.

- ``add_service_errors`` puts one on a Django form: field errors on the fields the form has,
  everything else above the form.
- ``api_exception_handler`` (DRF's ``EXCEPTION_HANDLER``) answers one with a 4xx whose JSON body
  carries ``detail``, ``code`` and the field errors (DRF's own shape: one key per field).
"""

from collections.abc import Callable

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler, set_rollback


class DomainError(ValidationError):
    """A rule refused the request. ``message`` is what ``ValidationError`` takes: a message, a
    list of messages, or {field: message(s)} for field errors; ``code`` says which rule, for
    programs (``default_code`` of the class when not given). ``http_status`` is the API's
    answer; ``detail`` the one-sentence summary an API client shows."""

    default_code = "invalid"
    http_status = 400

    def __init__(self, message, code: str | None = None, params: dict | None = None):
        code = code or self.default_code
        if isinstance(message, dict):
            message = {
                field: text
                if isinstance(text, list | ValidationError)
                else ValidationError(text, code)
                for field, text in message.items()
            }
        super().__init__(message, code, params)
        self.code = code  # a single message has it already; a list or a dict gets it here

    @property
    def field_errors(self) -> dict[str, list[str]]:
        """{field: [messages]} for the errors that name a field (non-field ones left out)."""
        if not hasattr(self, "error_dict"):
            return {}
        return {
            field: messages
            for field, messages in self.message_dict.items()
            if field != NON_FIELD_ERRORS
        }

    @property
    def detail(self) -> str:
        return " ".join(self.messages)

    def api_body(self) -> dict:
        """The JSON body of the API's answer (a subclass may add what a client needs)."""
        return {"detail": self.detail, "code": self.code, **self.field_errors}

    def __str__(self) -> str:
        return self.detail


def add_service_errors(
    form: forms.Form, error: ValidationError, *, field_name: Callable[[str], str] = str
) -> None:
    """Show a service's error on ``form``: each field error on its field where the form has one
    (``field_name`` maps the service's name for it to the form's), the rest above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, messages in error.message_dict.items():
        name = None if field == NON_FIELD_ERRORS else field_name(field)
        form.add_error(name if name in form.fields else None, messages)


def api_exception_handler(exc, context):
    """DRF's handler, and a domain error (or a model's ValidationError) as a 4xx with its code."""
    if isinstance(exc, ValidationError) and not isinstance(exc, DomainError):
        exc = DomainError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    if isinstance(exc, DomainError):
        set_rollback()  # as DRF does for the errors it answers
        return Response(exc.api_body(), status=exc.http_status)
    return exception_handler(exc, context)
