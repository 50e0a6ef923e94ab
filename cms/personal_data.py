"""The site app's part of a person's data (see cms/privacy.py): the account itself, its roles,
its admin preferences and its sign-in sessions. Erasing turns the user row into a pseudonymous
tombstone instead of deleting it, so the audit history that points at it still resolves."""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

TOMBSTONE_EMAIL_DOMAIN = "erased.invalid"  # RFC 2606: never deliverable


LABELS = {
    "account_pseudonymised": _("Account turned into a pseudonymous tombstone"),
    "roles_removed": _("Roles removed"),
    "sessions_deleted": _("Sign-in sessions ended"),
    "admin_preferences_deleted": _("Admin preferences deleted"),
}


def tombstone_username(user) -> str:
    return f"erased-{user.pk}"


def _session_keys(user) -> list[str]:
    """Keys of the person's unexpired sessions. Session data is signed and encoded, so each
    row is decoded; erasures are rare and this runs once per erasure."""
    keys = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            keys.append(session.session_key)
    return keys


def _log_entries(user):
    content_type = ContentType.objects.get_for_model(get_user_model())
    return ModelLogEntry.objects.filter(content_type=content_type, object_id=str(user.pk))


def export(user) -> dict[str, list[dict]]:
    roles = sorted(user.groups.values_list("name", flat=True))
    account = {
        "id": user.pk,
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "display_name": user.display_name,
        "name_shown_to_others": user.public_name,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "is_active": user.is_active,
        "roles": roles,
        "erased_at": user.erased_at,
    }
    preferences = [
        {
            "preferred_language": profile.preferred_language,
            "current_time_zone": profile.current_time_zone,
            "has_avatar": bool(profile.avatar),
        }
        for profile in UserProfile.objects.filter(user=user)
    ]
    return {"account": [account], "admin_preferences": preferences}


def preview(user) -> dict[str, int]:
    return {
        "account_pseudonymised": 1,
        "roles_removed": user.groups.count(),
        "sessions_deleted": len(_session_keys(user)),
        "admin_preferences_deleted": UserProfile.objects.filter(user=user).count(),
    }


def erase(user, *, actor, reason: str, at) -> dict[str, int]:
    """Sign the person out everywhere, drop their roles, preferences and avatar, and turn the
    row into ``erased-<id>``: no name, no usable address, no usable password, inactive."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = _session_keys(user)
    for key in keys:
        store(session_key=key).delete()
    roles = user.groups.count()
    user.groups.clear()
    user.user_permissions.clear()
    profiles = list(UserProfile.objects.filter(user=user))
    for profile in profiles:
        if profile.avatar:
            avatar = profile.avatar
            transaction.on_commit(lambda avatar=avatar: avatar.delete(save=False))
        profile.delete()
    username = tombstone_username(user)
    # The admin's history names objects by their label at the time: relabel this account's.
    _log_entries(user).update(label=username)
    user.username = username
    user.email = f"{username}@{TOMBSTONE_EMAIL_DOMAIN}"
    user.first_name = user.last_name = user.display_name = ""
    user.set_unusable_password()
    user.is_active = False
    user.is_staff = False
    user.last_login = None
    user.erased_at = at
    user.save()
    return {
        "account_pseudonymised": 1,
        "roles_removed": roles,
        "sessions_deleted": len(keys),
        "admin_preferences_deleted": len(profiles),
    }
