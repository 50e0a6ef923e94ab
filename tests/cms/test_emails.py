"""E-mail composition (cms.emails): the one place that renders, addresses and sends the
messages every app's tasks send about events."""

import pytest
from django.core import mail
from django.utils import timezone, translation

from certification.models import PracticeLogEvent
from cms.emails import deliverable_addresses, email_event_once, email_send
from tests.factories import PracticeLogFactory, UserFactory

pytestmark = pytest.mark.django_db

TEMPLATES = {
    "test/hello_subject.txt": (
        "{% load i18n %}{% get_current_language as lang %}Hello\n  {{ name }} ({{ lang }})\n"
    ),
    "test/hello.txt": "Dear {{ name }}, see {{ base_url }}/x. {{ event.to_status }}",
}


@pytest.fixture
def templates(settings):
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", TEMPLATES)]},
        }
    ]


def test_only_people_with_an_address_who_were_not_erased_receive_mail():
    kept = UserFactory(email="b@example.org")
    other = UserFactory(email="a@example.org")
    erased = UserFactory(erased_at=timezone.now())
    assert deliverable_addresses([kept, erased, other, kept]) == ["a@example.org", "b@example.org"]


def test_a_message_is_rendered_in_the_site_language_from_the_site_address(templates, settings):
    person = UserFactory()
    with translation.override("de"):
        assert email_send(template="test/hello", to=[person], context={"name": "Ana"}) is True
    [message] = mail.outbox
    assert message.subject == f"Hello Ana ({settings.LANGUAGE_CODE})"
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.to == [person.email]
    assert settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/x" in message.body


def test_nobody_to_send_to_sends_nothing(templates):
    erased = UserFactory(erased_at=timezone.now())
    assert email_send(template="test/hello", to=[erased], context={"name": "Ana"}) is False
    assert mail.outbox == []


def test_an_event_is_e_mailed_once(templates):
    log = PracticeLogFactory()
    event = PracticeLogEvent.objects.create(log=log, to_status="submitted", actor=log.mentor)
    for expected in (True, False):
        sent = email_event_once(
            event=event, template="test/hello", to=[log.supervisor], context={"name": "Sam"}
        )
        assert sent is expected
    [message] = mail.outbox
    assert message.body.endswith("submitted")
