import pytest
from django.core import mail
from django.test import override_settings

from cms import roles
from cms.models import User
from tests.factories import UserFactory
from tests.factories.cms import PASSWORD

pytestmark = pytest.mark.django_db

GOOD = {
    "username": "newmentor",
    "first_name": "Ana",
    "last_name": "Silva",
    "email": "ana@example.org",
    "password1": "quiet-harbour-lantern-42",
    "password2": "quiet-harbour-lantern-42",
}


def test_sign_up_creates_a_mentor_and_signs_them_in(client):
    response = client.post("/accounts/signup/", GOOD)
    assert response.status_code == 302
    user = User.objects.get(username="newmentor")
    assert roles.user_has_role(user, roles.MENTORS)
    assert not user.is_staff
    assert client.get("/help/").context["user"] == user


def test_sign_up_rejects_a_duplicate_email_whatever_its_case(client):
    UserFactory(email="Ana@Example.org")
    response = client.post("/accounts/signup/", GOOD)
    assert response.status_code == 200
    assert "An account with this e-mail address already exists" in response.content.decode()
    assert not User.objects.filter(username="newmentor").exists()


@pytest.mark.parametrize(
    "password, message",
    [
        ("short1", "too short"),
        ("password1234", "too common"),
        ("8402751938462", "entirely numeric"),
        ("newmentor-x1", "too similar"),
    ],
)
def test_sign_up_rejects_weak_passwords_with_a_message(client, password, message):
    response = client.post(
        "/accounts/signup/", {**GOOD, "password1": password, "password2": password}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.filter(username="newmentor").exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {**GOOD, "email": "not-an-email"},
        {**GOOD, "username": "x" * 500},
        {**GOOD, "first_name": "y" * 5000},
        {**GOOD, "password2": "something-else-entirely"},
        {**GOOD, "username": "bad name!"},
    ],
)
def test_bad_sign_up_input_gets_field_errors_not_a_500(client, data):
    response = client.post("/accounts/signup/", data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not User.objects.exists()


def test_html_in_names_is_escaped_on_output(client):
    client.post("/accounts/signup/", {**GOOD, "first_name": "<script>alert(1)</script>"})
    html = client.get("/help/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_login_and_logout(client):
    user = UserFactory()
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    response = client.post("/accounts/logout/")
    assert response.status_code in (200, 302)
    assert client.get("/help/").context["user"].is_anonymous


@override_settings(LOGIN_THROTTLE_ATTEMPTS=3)
def test_sign_in_is_throttled_after_repeated_failures(client):
    from django.core.cache import cache

    cache.clear()
    user = UserFactory()
    for _ in range(3):
        response = client.post("/accounts/login/", {"username": user.username, "password": "nope"})
        assert "Please enter a correct username and password" in response.content.decode()
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 200
    assert "Too many unsuccessful sign-in attempts" in response.content.decode()
    cache.clear()


def test_password_reset_sends_a_mail(client):
    UserFactory(email="reset@example.org")
    response = client.post("/accounts/password_reset/", {"email": "reset@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1


def test_password_change_needs_sign_in(client):
    response = client.get("/accounts/password_change/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
