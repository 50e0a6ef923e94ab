"""A person's data: export it (GDPR articles 15 and 20) and erase it (article 17).

Every app that holds personal data says what it holds in its own ``<app>/personal_data.py``,
found here through the app registry (each installed app's submodule of that name): cms never
imports the apps to its right. Each of those modules offers three functions:

``export(user) -> dict[str, list[dict]]``
    Sections of plain JSON-able records: what the person wrote and what is about them, and no
    other person's personal data beyond what the record needs (a supervisor's display name on a
    review, never another mentor's name or a mentee's code name).
``preview(user) -> dict[str, int]``
    What erasing would do, as counts, for the confirmation step. Reads only.
``erase(user, *, actor, reason, at) -> dict[str, int]``
    Delete the personal content and pseudonymise what must stay; return counts. Runs inside
    ``person_erase``'s transaction with the user row locked.

Exports run in INSTALLED_APPS order (the account first). Erasure runs in reverse order, from
the apps furthest right (matching flags assignments, certification revokes certificates,
courses deletes progress) to cms, which turns the user row into a tombstone last.
"""

import io
import json
import logging
import zipfile
from collections.abc import Iterator
from importlib import import_module
from types import ModuleType

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext as _
from wagtail.log_actions import LogContext

from cms import audit
from cms.errors import DomainError
from cms.models import PersonErasure
from cms.reasons import reason_clean
from cms.selectors import organisation_name

logger = logging.getLogger(__name__)

MODULE = "personal_data"


class PersonErasureError(DomainError):
    """The erasure was refused; the message is for the person who asked."""

    default_code = "erasure_refused"


def contributors() -> list[tuple[str, ModuleType]]:
    """Every app's ``personal_data`` module, in INSTALLED_APPS order, with the app's label."""
    found = []
    for app_config in apps.get_app_configs():
        if module_has_submodule(app_config.module, MODULE):
            found.append((app_config.label, import_module(f"{app_config.name}.{MODULE}")))
    return found


def person_export(*, user) -> dict[str, dict[str, list[dict]]]:
    """Everything the apps hold about ``user``: {app label: {section: [records]}}.

    Each section costs a fixed number of queries, however many records it holds."""
    return {label: module.export(user) for label, module in contributors()}


def _json(data) -> str:
    return json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False, sort_keys=True)


def _sections(export: dict) -> Iterator[tuple[str, str, list[dict]]]:
    for label, sections in export.items():
        for name, records in sections.items():
            yield label, name, records


def person_export_archive(*, user, actor, via: str) -> bytes:
    """The export as a zip: one JSON file per section (``<app>/<section>.json``), a manifest
    with the record counts and a README that explains the files in plain words.

    Every export is recorded in Wagtail's audit log: who (``actor``; None for the command
    line) exported whose data, and through which door (``via``, see ``audit.EXPORT_CHANNELS``).
    Both are required, so no caller can forget to say."""
    export = person_export(user=user)
    generated_at = timezone.now()
    manifest = {
        "generated_at": generated_at,
        "person": {"id": user.pk, "username": user.username},
        "sections": {
            f"{label}/{name}.json": len(records) for label, name, records in _sections(export)
        },
    }
    readme = render_to_string(
        "cms/privacy/export_readme.txt",
        {"user": user, "generated_at": generated_at, "files": manifest["sections"]},
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", readme)
        archive.writestr("manifest.json", _json(manifest))
        for label, name, records in _sections(export):
            archive.writestr(f"{label}/{name}.json", _json(records))
    audit.person_exported(person=user, actor=actor, via=via)
    return buffer.getvalue()


def export_filename(user) -> str:
    return f"personal-data-{user.username}-{timezone.localdate():%Y-%m-%d}.zip"


def person_erasure_preview(*, user) -> dict[str, dict[str, int]]:
    """What ``person_erase`` would delete or pseudonymise: {app label: {what: count}}."""
    return {label: module.preview(user) for label, module in contributors()}


def erasure_refusal(*, person, actor) -> str | None:
    """Why ``actor`` may not erase ``person`` (a sentence for them), or None when they may."""
    if person.pk == actor.pk:
        return _("You cannot erase your own account here. Ask another coordinator to do it.")
    if person.is_superuser:
        return _(
            "This is a superuser account. Remove its superuser status first, so that an "
            "erasure can never lock the platform's administrators out."
        )
    if person.erased_at is not None:
        return _(
            "This person's data was already erased on %(date)s. There is nothing left to do."
        ) % {"date": timezone.localdate(person.erased_at).isoformat()}
    if not actor.is_active or not actor.has_perm("cms.erase_person"):
        return _("You do not have permission to erase a person's data.")
    return None


def _send_final_notice(*, email: str, name: str) -> None:
    """Tell the person, once the erasure has committed, at the address that is now gone.

    Sent directly rather than through the task queue: django-q keeps a task's arguments in its
    queue and results tables, which would keep the erased address after the erasure."""
    context = {
        "name": name,
        "organisation": organisation_name(),
    }
    subject = render_to_string("cms/privacy/email/erased_subject.txt", context)
    body = render_to_string("cms/privacy/email/erased.txt", context)
    try:
        send_mail(" ".join(subject.split()), body, None, [email])
    except Exception:  # the erasure stands whatever the mail server says
        logger.exception("The erasure notice could not be sent.")


@transaction.atomic
def person_erase(*, person_id: int, actor, reason: str, at=None) -> PersonErasure:
    """Erase a person's data on request, in one transaction with their user row locked.

    Rules: the actor holds ``cms.erase_person`` and is not the person; superusers and people
    already erased are refused (an erasure happens once; PersonErasure.person is unique); a
    reason is required. Each app's ``personal_data.erase`` deletes the personal content and
    pseudonymises what history keeps (certificates and their events, assignment events, decided
    practice logs). The same row lock the gate takes means an assignment being created for the
    person either commits first (and is then flagged for review) or sees an inactive account
    and is refused. The person is told by e-mail once the erasure commits, if they had an
    address. Returns the PersonErasure record (counts, no personal data)."""
    at = at or timezone.now()
    reason = reason_clean(
        reason,
        missing=_("Please give a reason, such as the request's reference: it is recorded."),
        error=PersonErasureError,
    )
    person = get_user_model().objects.select_for_update().filter(pk=person_id).first()
    if person is None:
        raise PersonErasureError(_("There is no such person."))
    refusal = erasure_refusal(person=person, actor=actor)
    if refusal:
        raise PersonErasureError(refusal)
    email, name = person.email, person.public_name

    # Wagtail's log names objects by the label they had when an entry was written; collect the
    # person's objects now (the erasure deletes some) and give their entries neutral labels.
    logged_objects = _person_log_objects(person)
    counts: dict[str, dict[str, int]] = {}
    # Entries that the erasure's own changes cause (a supervision link ended) name its actor.
    with LogContext(user=actor):
        for label, module in reversed(contributors()):
            counts[label] = module.erase(person, actor=actor, reason=reason, at=at)
        erasure = PersonErasure.objects.create(
            person=person, actor=actor, at=at, reason=reason, counts=counts
        )
        audit.relabel(logged_objects)
        audit.person_erased(person=person, actor=actor, erasure=erasure)
    if email:
        transaction.on_commit(lambda: _send_final_notice(email=email, name=name))
    return erasure


def _person_log_objects(person) -> list[tuple[type, list]]:
    """Every app's ``audit.person_log_objects(person)``: the objects about the person whose
    entries in Wagtail's log must not keep their name (found as ``personal_data`` modules are)."""
    found = []
    for app_config in apps.get_app_configs():
        if module_has_submodule(app_config.module, "audit"):
            module = import_module(f"{app_config.name}.audit")
            if hasattr(module, "person_log_objects"):
                found.extend(module.person_log_objects(person))
    return found


def counts_described(counts: dict[str, dict[str, int]]) -> list[tuple[str, int]]:
    """Preview or erasure counts as (label, count) rows, labelled by each app's ``LABELS``."""
    labels = {}
    for _label, module in contributors():
        labels.update(getattr(module, "LABELS", {}))
    return [
        (str(labels.get(key, key.replace("_", " ").capitalize())), count)
        for app_counts in counts.values()
        for key, count in app_counts.items()
    ]
