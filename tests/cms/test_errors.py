"""The one domain error type (cms/errors.py): what it carries, how a form shows it, how the API
answers it; and the shared reason check and account lock built on it."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from certification.services import CertificateError
from cms.errors import DomainError, add_service_errors, api_exception_handler
from cms.locks import user_lock
from cms.privacy import PersonErasureError
from cms.reasons import REASON_MAX_LENGTH, reason_clean
from cms.two_factor.services import TwoFactorError
from courses.services import AnswersInvalidError, LearningError, QuizError
from matching.services import AssignmentRefused
from tests.factories import UserFactory


class ReasonForm(forms.Form):
    reason = forms.CharField(required=False)


def raising(error):
    class View(APIView):
        authentication_classes = []
        permission_classes = []

        def get(self, request):
            raise error

    return View.as_view()(APIRequestFactory().get("/"))


@pytest.mark.parametrize(
    "error_class",
    [
        CertificateError,
        QuizError,
        AnswersInvalidError,
        LearningError,
        AssignmentRefused,
        PersonErasureError,
        TwoFactorError,
    ],
)
def test_every_service_error_is_the_domain_error(error_class):
    assert issubclass(error_class, DomainError)
    assert issubclass(error_class, ValidationError)  # `except ValidationError` still catches it


def test_a_domain_error_carries_messages_field_errors_and_a_code():
    plain = DomainError("No.")
    assert (str(plain), plain.messages, plain.code, plain.field_errors) == (
        "No.",
        ["No."],
        "invalid",
        {},
    )
    coded = LearningError("Closed.", code="closed")
    assert (coded.message, coded.code) == ("Closed.", "closed")
    fields = DomainError({"reason": "Give one.", "__all__": "And this."}, code="reason_missing")
    assert fields.code == "reason_missing"
    assert fields.field_errors == {"reason": ["Give one."]}
    assert str(fields) == "Give one. And this."
    assert CertificateError("x").code == "certificate_refused"


def test_the_form_helper_puts_field_errors_on_their_fields_and_the_rest_above():
    form = ReasonForm({"reason": ""})
    assert form.is_valid()
    add_service_errors(form, DomainError({"reason": "Give one.", "unknown": "Other."}))
    assert form.errors == {"reason": ["Give one."], "__all__": ["Other."]}

    form = ReasonForm({"reason": ""})
    form.is_valid()
    add_service_errors(form, DomainError(["One.", "Two."]))
    assert form.non_field_errors() == ["One.", "Two."]


def test_the_form_helper_maps_the_services_names_onto_the_forms():
    form = ReasonForm({"reason": ""})
    form.is_valid()
    error = AnswersInvalidError({"son": "Pick one.", "__all__": "Not served."})
    add_service_errors(form, error, field_name=lambda key: f"rea{key}")
    assert form.errors == {"reason": ["Pick one."], "__all__": ["Not served."]}


def test_the_api_answers_a_domain_error_with_its_status_code_and_field_errors():
    response = raising(DomainError({"start": "Too early."}, code="start_past"))
    assert response.status_code == 400
    assert response.data == {"detail": "Too early.", "code": "start_past", "start": ["Too early."]}

    response = raising(QuizError("This quiz is closed."))
    assert (response.status_code, response.data["code"]) == (400, "quiz_refused")
    assert response.data["detail"] == "This quiz is closed."


def test_the_api_answers_a_refusal_with_422_and_every_reason():
    reasons = [{"requirement": "capacity", "detail": "Full."}]
    response = raising(AssignmentRefused(reasons))
    assert response.status_code == 422
    assert response.data["code"] == "assignment_refused"
    assert response.data["unmet"] == reasons
    assert response.data["detail"]


def test_the_api_answers_a_models_validation_error_as_a_domain_error_and_leaves_the_rest_to_drf():
    response = raising(ValidationError({"mentee": "There is no such mentee."}))
    assert (response.status_code, response.data["code"]) == (400, "invalid")
    assert response.data["mentee"] == ["There is no such mentee."]
    assert api_exception_handler(KeyError("x"), {}) is None  # an unexpected error stays a 500


def test_the_reason_check():
    assert reason_clean("  why  ") == "why"
    assert reason_clean("", required=False) == ""
    with pytest.raises(DomainError) as missing:
        reason_clean(" ", missing="Say why.")
    assert (missing.value.code, missing.value.field_errors) == (
        "reason_missing",
        {"reason": ["Say why."]},
    )
    assert reason_clean("x" * REASON_MAX_LENGTH) == "x" * REASON_MAX_LENGTH
    with pytest.raises(CertificateError, match="under 2000 characters") as too_long:
        reason_clean("x" * (REASON_MAX_LENGTH + 1), error=CertificateError)
    assert too_long.value.code == "reason_too_long"


@pytest.mark.django_db
def test_the_account_lock_says_whether_the_account_exists_is_active_and_was_erased():
    user = UserFactory(is_active=False)
    with transaction.atomic():
        locked = user_lock(user.pk)
        assert (locked.pk, locked.is_active, locked.erased) == (user.pk, False, False)
        assert user_lock(user.pk + 1000) is None
