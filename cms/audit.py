"""Wagtail's audit log: how the domain's history reaches Reports → Site history and each object's
History, and the person-related entries (data exports, erasures, lockouts, two-factor changes).

The domain event tables (CertificateEvent, PracticeLogEvent, AssignmentEvent, PersonErasure...)
stay the source of truth. Each app mirrors its events into Wagtail's log from one place, its
``audit.py`` (receivers on the event models, so every path is caught and the services stay as
they are), through ``log_entry`` below, in the same transaction as the event.

What an entry may hold: the actor (a user id), the object (content type and id), a label that
names the object without naming a person (``neutral_label``: "Practice log 12", a certificate's
serial), and ids or usernames in ``data``. Never free text (reasons, comments, statements): it is
read from the domain tables, where the erasure path redacts it. Person-related entries live on
the User object and are labelled with the username, which an erasure rewrites to the tombstone
name with every other label on the person's objects (``relabel``, called by ``person_erase``).
"""

from collections.abc import Iterable
from functools import wraps

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import require_admin_access
from wagtail.log_actions import LogFormatter, get_active_log_context
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry, Page
from wagtail.permissions import policy_registry

from cms.compat import unwrap_lazy
from cms.roles import COORDINATORS, SUPERVISORS, user_has_role

# Through which door a person's data export left the site.
EXPORT_CHANNELS = {
    "admin": _("from the admin"),
    "self": _("by the person, from \u201cYour data\u201d"),
    "command": _("with the export_person command"),
}

# Two-factor changes other parts of the site report through ``two_factor_changed``.
TWO_FACTOR_ACTIONS = {
    "device_added": "pma.two_factor.device_added",
    "device_removed": "pma.two_factor.device_removed",
    "recovery_codes_generated": "pma.two_factor.recovery_codes_generated",
    "recovery_code_used": "pma.two_factor.recovery_code_used",
    "reset": "pma.two_factor.reset",
}


class DataMessage(LogFormatter):
    """A message filled in from the entry's data (ids, dates, choices), falling back to the
    plain message when a key is missing. ``choices`` turns a stored code into readable text."""

    template = ""
    choices: dict[str, dict] = {}

    def format_message(self, log_entry):
        values = dict(log_entry.data or {})
        for key, choices in self.choices.items():
            if key in values:
                values[key] = choices.get(values[key], values[key])
        try:
            return self.template % values
        except (KeyError, TypeError, ValueError):
            return self.message


def register_actions(actions, table: dict) -> None:
    """Register ``{action: (label, message)}`` or ``{action: formatter class}`` with Wagtail."""
    for action, spec in table.items():
        if isinstance(spec, tuple):
            actions.register_action(action, *spec)
        else:
            actions.register_action(action)(spec)


def neutral_label(instance) -> str:
    """Names the object without naming anyone: "Practice log 12". Wagtail stores the label
    (by default ``str(instance)``, which often holds a person's name) and shows it for ever."""
    return f"{capfirst(instance._meta.verbose_name)} {instance.pk}"


def log_entry(
    instance: models.Model,
    action: str,
    *,
    actor,
    label: str | None = None,
    data: dict | None = None,
    timestamp=None,
    deleted: bool = False,
) -> ModelLogEntry:
    """Write one entry to Wagtail's log for ``instance``.

    Unlike ``wagtail.log_actions.log``, ``actor=None`` means the system: it never falls back to
    whoever is signed in (a coordinator's revocation may flag an assignment; the flag is the
    system's, as its domain event says). The request's log context still groups the entries of
    one action by its uuid. Costs at most three queries (the entry, and Wagtail's validation of
    its content type and user)."""
    kwargs = {"user": actor, "uuid": get_active_log_context().uuid, "deleted": deleted}
    if timestamp is not None:
        kwargs["timestamp"] = timestamp
    instance = unwrap_lazy(instance)  # request.user: Wagtail reads _wrapped unevaluated
    model = log_registry.get_log_model_for_instance(instance)
    return model.objects.log_action(
        instance,
        action,
        title=label or neutral_label(instance),
        data=data or {},
        **kwargs,
    )


def context_actor():
    """The user of the active Wagtail log context (admin views set it), or None: for changes
    whose rows do not record who made them (a supervision link)."""
    return get_active_log_context().user


# --- Person-related entries ------------------------------------------------------------------


def person_exported(*, person, actor, via: str) -> ModelLogEntry:
    """A person's full data export was downloaded or written (``via`` in EXPORT_CHANNELS)."""
    if via not in EXPORT_CHANNELS:
        raise ValueError(f"Unknown export channel {via!r}.")
    return log_entry(
        person, "pma.person.export", actor=actor, label=person.username, data={"via": via}
    )


def person_erased(*, person, actor, erasure) -> ModelLogEntry:
    """A person's data was erased; ``person`` is already the tombstone."""
    return log_entry(
        person,
        "pma.person.erase",
        actor=actor,
        label=person.username,
        data={"erasure": erasure.pk},
        timestamp=erasure.at,
    )


def account_locked(*, person, actor=None, data: dict | None = None) -> ModelLogEntry:
    """Sign-in to ``person``'s account was locked after repeated failures (the throttle calls
    this). ``data``: counts only, e.g. {"failures": 10}; never an address or a password."""
    return log_entry(person, "pma.account.lockout", actor=actor, label=person.username, data=data)


def account_unlocked(*, person, actor) -> ModelLogEntry:
    """Someone (``actor``: a coordinator, or None when the lock expired) cleared the lock."""
    return log_entry(person, "pma.account.unlock", actor=actor, label=person.username)


def two_factor_changed(*, person, actor, change: str, data: dict | None = None) -> ModelLogEntry:
    """A change to ``person``'s second factor (``change`` in TWO_FACTOR_ACTIONS), made by
    ``actor`` (themselves, or staff resetting it). ``data``: e.g. {"device": "totp"}; never a
    device's own name, a secret or a code."""
    if change not in TWO_FACTOR_ACTIONS:
        raise ValueError(f"Unknown two-factor change {change!r}.")
    return log_entry(
        person, TWO_FACTOR_ACTIONS[change], actor=actor, label=person.username, data=data
    )


def relabel(targets: Iterable[tuple[type[models.Model], Iterable]]) -> int:
    """Give the entries of these objects (model, ids) their neutral label again: entries
    Wagtail wrote itself (a generic create or edit view) carry ``str(instance)``, which may
    hold the name of a person whose data is being erased. Returns how many entries changed."""
    changed = 0
    for model, ids in targets:
        ids = [str(pk) for pk in ids]
        if not ids:
            continue
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        verbose_name = capfirst(model._meta.verbose_name)
        for entry in ModelLogEntry.objects.filter(
            content_type=content_type, object_id__in=ids
        ).only("pk", "object_id", "label"):
            label = f"{verbose_name} {entry.object_id}"
            if entry.label != label:
                ModelLogEntry.objects.filter(pk=entry.pk).update(label=label)
                changed += 1
    return changed


class ExportMessage(DataMessage):
    label = _("Export personal data")
    message = _("Personal data exported")
    template = _("Personal data exported %(via)s")
    choices = {"via": EXPORT_CHANNELS}


class LockoutMessage(DataMessage):
    label = _("Sign-in locked")
    message = _("Sign-in locked after repeated failed attempts")
    template = _("Sign-in locked after %(failures)s failed attempts")


ACTIONS = {
    "pma.person.export": ExportMessage,
    "pma.person.erase": (_("Erase personal data"), _("Personal data erased on request")),
    "pma.account.lockout": LockoutMessage,
    "pma.account.unlock": (_("Clear sign-in lock"), _("Sign-in lock cleared")),
    "pma.two_factor.device_added": (
        _("Add two-factor device"),
        _("Two-factor device added"),
    ),
    "pma.two_factor.device_removed": (
        _("Remove two-factor device"),
        _("Two-factor device removed"),
    ),
    "pma.two_factor.recovery_codes_generated": (
        _("Generate recovery codes"),
        _("New two-factor recovery codes generated"),
    ),
    "pma.two_factor.recovery_code_used": (
        _("Use recovery code"),
        _("Signed in with a two-factor recovery code"),
    ),
    "pma.two_factor.reset": (
        _("Reset two-factor sign-in"),
        _("Two-factor sign-in reset"),
    ),
}


def register_log_actions(actions) -> None:
    register_actions(actions, ACTIONS)


# --- Who reads Site history ------------------------------------------------------------------


def can_read_site_history(user) -> bool:
    """Superusers and coordinators; and those Wagtail itself shows it to (people who may
    explore pages), unless they supervise. Wagtail lists entries by object type, not by object:
    a supervisor would read every practice-log and endorsement entry there, with the names of
    mentors who are not theirs. Supervisors read their supervisees' logs on the logs' pages."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user_has_role(user, COORDINATORS):
        return True
    if user_has_role(user, SUPERVISORS):
        return False
    return policy_registry.get_by_type(Page).explorable_root_instance(user) is not None


def site_history_guard(view):
    """Wrap Wagtail's Site history view with ``can_read_site_history`` (cms/urls.py)."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not can_read_site_history(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return require_admin_access(guarded)
