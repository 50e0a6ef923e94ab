"""The shape every domain event table shares, and the record that an event's notice went out.

Practice-log reviews, certificate lifecycles and assignment flags each keep their history as
rows of an ``Event`` subclass: who (``actor``, empty for the system), when (``at``) and why
(``reason``), plus the subject and whatever the app needs (a kind, a status change, data). A
subject's ``status`` is the latest word of its events, written in the same transaction.

History is append-only because it is evidence: a certificate's verifier, a coordinator looking
back at a flag and a supervisor's sign-off all rely on the rows saying what happened then. So an
event row is never saved a second time nor deleted one by one; a change is a new event. The
only edits are deliberate bulk ones a person asked for (an erasure redacts free text and drops
undecided drafts, through querysets in each app's ``personal_data.py``).

``EventNotification`` says that the notice with a given purpose (an e-mail) for one event was
handled, whatever the event's table: ``cms.notify.notify_once`` writes it so that a retried or
duplicated task never sends twice.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.reasons import REASON_MAX_LENGTH


class Event(models.Model):
    """One thing that happened to a subject: who, when, why. Append-only (see the module)."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
        help_text=_("Empty for the system (scheduled jobs, automatic changes)."),
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    reason = models.TextField(_("reason"), blank=True, max_length=REASON_MAX_LENGTH)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError(f"{self._meta.label} is append-only: record a new event instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError(f"{self._meta.label} is append-only: its rows are never deleted.")


class EventNotificationQuerySet(models.QuerySet):
    def for_events(self, events: models.QuerySet):
        """The notices recorded for the events of a queryset (any purpose)."""
        return self.filter(
            content_type=ContentType.objects.get_for_model(events.model),
            object_id__in=events.values("pk"),
        )

    def handled(self, *, model: type[models.Model], purpose: str) -> Exists:
        """``Exists`` for an outer event query: its ``purpose`` notice was handled."""
        return Exists(
            self.filter(
                content_type=ContentType.objects.get_for_model(model),
                object_id=OuterRef("pk"),
                purpose=purpose,
            )
        )


class EventNotification(models.Model):
    """The notice for one event and purpose was handled (sent, or found to have nobody to go
    to). The unique key is what makes it once: a second worker's insert fails or waits."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("event type")
    )
    object_id = models.PositiveBigIntegerField(_("event id"))
    event = GenericForeignKey("content_type", "object_id")
    purpose = models.CharField(_("purpose"), max_length=40)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    objects = EventNotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("event notification")
        verbose_name_plural = _("event notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "purpose"],
                name="cms_one_notification_per_event_and_purpose",
            ),
        ]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id} {self.purpose} @ {self.sent_at}"
