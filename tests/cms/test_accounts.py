import re

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

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


@pytest.fixture
def sign_up(django_capture_on_commit_callbacks):
    """POST the sign-up form; its e-mails go once the request's transaction commits."""

    def post(client, data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/accounts/signup/", data)

    return post


def confirmation_link(message) -> str:
    return re.search(r"https?://\S+/accounts/signup/confirm/\S+/", message.body).group(0)


def test_sign_up_creates_an_unconfirmed_mentor_and_mails_the_link(client, sign_up):
    response = sign_up(client, GOOD)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/signup/done/"
    user = User.objects.get(username="newmentor")
    assert roles.user_has_role(user, roles.MENTORS)
    assert not user.is_staff
    assert not user.is_active  # cannot sign in before the address is confirmed
    assert client.get("/help/").context["user"].is_anonymous
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]
    response = client.post(
        "/accounts/login/", {"username": "newmentor", "password": GOOD["password1"]}
    )
    assert "Please enter a correct username and password" in response.content.decode()


def test_the_confirmation_link_opens_the_account_once_and_signs_in(client, sign_up):
    sign_up(client, GOOD)
    link = confirmation_link(mail.outbox[0])
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.get(f"/{path}")
    assert response.status_code == 200  # a button: mail scanners following links open nothing
    assert not User.objects.get(username="newmentor").is_active
    response = client.post(f"/{path}")
    assert response.status_code == 302
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == ["Welcome, Ana Silva. Your account is ready."]
    user = User.objects.get(username="newmentor")
    assert user.is_active
    assert client.get("/help/").context["user"] == user
    client.post("/accounts/logout/")
    response = client.post(f"/{path}")
    assert response.status_code == 400
    assert "This link no longer works" in response.content.decode()


def test_a_forged_confirmation_link_opens_nothing(client, sign_up):
    sign_up(client, GOOD)
    user = User.objects.get(username="newmentor")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    for path in [f"/accounts/signup/confirm/{uid}/abc-123/", "/accounts/signup/confirm/!!/x-y/"]:
        assert client.post(path).status_code == 400
    assert not User.objects.get(pk=user.pk).is_active


def outcome(client, sign_up, data):
    """What a person (or an attacker) can see of a sign-up: the redirect and the page after it."""
    mail.outbox.clear()
    response = sign_up(client, data)
    assert response.status_code == 302, response.context["form"].errors
    page = client.get(response["Location"]).content.decode()
    return response.status_code, response["Location"], page


def test_sign_up_never_says_whether_an_address_or_username_has_an_account(client, sign_up):
    UserFactory(email="Ana@Example.org", username="ana-existing")
    UserFactory(email="other@example.org", username="taken")
    new = outcome(client, sign_up, {**GOOD, "username": "fresh", "email": "fresh@example.org"})
    assert [m.to for m in mail.outbox] == [["fresh@example.org"]]
    assert "Confirm your account" in mail.outbox[0].subject
    existing_address = outcome(client, sign_up, GOOD)
    assert [m.to for m in mail.outbox] == [["Ana@Example.org"]]
    assert "Someone tried to sign up" in mail.outbox[0].subject
    assert "ana-existing" in mail.outbox[0].body
    assert "/accounts/password_reset/" in mail.outbox[0].body
    taken_username = outcome(
        client, sign_up, {**GOOD, "username": "TAKEN", "email": "new2@example.org"}
    )
    assert [m.to for m in mail.outbox] == [["new2@example.org"]]
    assert "Choose another username" in mail.outbox[0].subject
    assert new == existing_address == taken_username
    assert not User.objects.filter(username__in=["newmentor", "TAKEN"]).exists()
    assert User.objects.get(email__iexact="ana@example.org").username == "ana-existing"


def test_signing_up_again_while_unconfirmed_mails_the_link_again(client, sign_up):
    sign_up(client, GOOD)
    mail.outbox.clear()
    sign_up(client, {**GOOD, "username": "someone-else"})
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]
    assert "/accounts/signup/confirm/" in mail.outbox[0].body


@pytest.mark.parametrize(
    "password, message",
    [
        ("short1", "too short"),
        ("password1234", "too common"),
        ("8402751938462", "entirely numeric"),
        ("newmentor-x1", "too similar"),
    ],
)
def test_sign_up_rejects_weak_passwords_with_a_message(client, password, message, sign_up):
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
def test_bad_sign_up_input_gets_field_errors_not_a_500(client, data, sign_up):
    response = sign_up(client, data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not User.objects.exists()


def test_html_in_names_is_escaped_on_output(client, sign_up):
    sign_up(client, {**GOOD, "first_name": "<script>alert(1)</script>"})
    User.objects.filter(username="newmentor").update(is_active=True)
    client.login(username="newmentor", password=GOOD["password1"])
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


def test_password_reset_sends_a_mail(client):
    UserFactory(email="reset@example.org")
    response = client.post("/accounts/password_reset/", {"email": "reset@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


def test_password_reset_never_says_whether_an_address_has_an_account(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="reset@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post("/accounts/password_reset/", {"email": "reset@example.org"})
        unknown = client.post("/accounts/password_reset/", {"email": "nobody@example.org"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    # The same e-mail flow: one message to the address given, either way.
    assert [m.to for m in mail.outbox] == [["reset@example.org"], ["nobody@example.org"]]
    assert "no account that can be reset uses it" in mail.outbox[1].body


def test_password_change_needs_sign_in(client):
    response = client.get("/accounts/password_change/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
