"""Helpers for data migrations: roles and permissions, and moving notification records."""

from django.contrib.auth.management import create_permissions


def ensure_permissions(apps) -> None:
    """Create the permission rows of every installed app now, not at post_migrate."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def grant_permissions(apps, group_name: str, perms: list[str]) -> None:
    """Add model permissions ("app_label.codename") to a group, creating the group if needed."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=group_name)
    for perm in perms:
        app_label, codename = perm.split(".", 1)
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        group.permissions.add(permission)


NOTIFICATION_BATCH = 1000


def _event_content_type(apps, event: str):
    app_label, model_name = event.split(".")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _created = ContentType.objects.get_or_create(
        app_label=app_label, model=model_name.lower()
    )
    return content_type


def notifications_to_cms(apps, *, old: str, event: str, purpose: str) -> int:
    """Copy every row of an app's own "sent once" table (``old``, "app.Model" with a one-to-one
    ``event`` and a ``sent_at``) into ``cms.EventNotification`` for events of the model ``event``,
    keeping ``sent_at``; refuse to go on if a row is missing. Returns how many were copied."""
    Old = apps.get_model(old)
    EventNotification = apps.get_model("cms", "EventNotification")
    content_type = _event_content_type(apps, event)
    rows = Old.objects.order_by("pk").values_list("event_id", "sent_at")
    EventNotification.objects.bulk_create(
        (
            EventNotification(
                content_type=content_type, object_id=event_id, purpose=purpose, sent_at=sent_at
            )
            for event_id, sent_at in rows.iterator(chunk_size=NOTIFICATION_BATCH)
        ),
        batch_size=NOTIFICATION_BATCH,
    )
    copied = EventNotification.objects.filter(content_type=content_type, purpose=purpose).count()
    if copied != Old.objects.count():
        raise RuntimeError(f"{old}: {Old.objects.count()} rows, {copied} copied; nothing done.")
    return copied


def notifications_from_cms(apps, *, old: str, event: str, purpose: str) -> None:
    """The reverse of ``notifications_to_cms``: the rows go back to the app's own table (with
    their ``sent_at``, which the old field's ``auto_now_add`` would overwrite on insert)."""
    Old = apps.get_model(old)
    EventNotification = apps.get_model("cms", "EventNotification")
    moved = EventNotification.objects.filter(
        content_type=_event_content_type(apps, event), purpose=purpose
    )
    sent = dict(moved.values_list("object_id", "sent_at"))
    restored = Old.objects.bulk_create(
        [Old(event_id=event_id) for event_id in sent], batch_size=NOTIFICATION_BATCH
    )
    for row in restored:
        row.sent_at = sent[row.event_id]
    Old.objects.bulk_update(restored, ["sent_at"], batch_size=NOTIFICATION_BATCH)
    moved.delete()
