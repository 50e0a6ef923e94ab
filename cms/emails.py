"""E-mail to people about what happened, composed in one place for every app's tasks.

A message is two templates, ``<template>_subject.txt`` (folded onto one line) and
``<template>.txt``, rendered in the site's language: tasks run in a worker, where no request
chose a language, so the language is set here rather than left to whatever the thread had. It
goes from ``DEFAULT_FROM_EMAIL`` to the people's addresses, leaving out anyone without one and
anyone whose data was erased (their address is a tombstone). ``email_event_once`` adds the
once-per-event rule of ``cms.notify``.
"""

from collections.abc import Iterable, Mapping

from django.conf import settings
from django.core.mail import send_mail
from django.db import models
from django.template.loader import render_to_string
from django.utils import translation

from cms.notify import EMAIL, notify_once


def deliverable_addresses(people: Iterable) -> list[str]:
    """The addresses a message may go to, sorted: people with one who were not erased."""
    return sorted({person.email for person in people if person.email and not person.erased_at})


def email_send(*, template: str, to: Iterable, context: Mapping) -> bool:
    """Render ``template`` for ``context`` and send it to the deliverable addresses among the
    people ``to``, as one message. Returns False when there was nobody to send it to."""
    addresses = deliverable_addresses(to)
    if not addresses:
        return False
    context = {"base_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/"), **context}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, addresses)
    return True


def email_event_once(*, event: models.Model, template: str, to: Iterable, context: Mapping) -> bool:
    """E-mail ``to`` about ``event`` (in the context as ``event``) at most once, however often
    the task runs. True when the message went out now."""
    return notify_once(
        event=event,
        purpose=EMAIL,
        send=lambda: email_send(template=template, to=to, context={"event": event, **context}),
    )
