"""Certification's history in Wagtail's audit log (see cms/audit.py for what an entry holds).

Receivers on the event models write the entry in the event's own transaction, whichever path
wrote the event (services, the erasure, the demo): certificate events, practice-log decisions,
endorsements, and supervision-link changes (create, edit, end, delete). The services stay as
they are. Bulk inserts (``seed_demo --scale``) send no signals and write no entries.
"""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from certification.models import (
    Certificate,
    CertificateEvent,
    CertificateEventKind,
    Endorsement,
    PracticeLog,
    PracticeLogEvent,
    SupervisionLink,
    SupervisorProfile,
)
from cms import audit

Kind = CertificateEventKind
Status = PracticeLog.Status

CERTIFICATE_ACTIONS = {
    Kind.ISSUED: "pma.certificate.issue",
    Kind.RENEWED: "pma.certificate.renew",
    Kind.SUSPENDED: "pma.certificate.suspend",
    Kind.REINSTATED: "pma.certificate.reinstate",
    Kind.REVOKED: "pma.certificate.revoke",
    Kind.RECERTIFICATION_ALLOWED: "pma.certificate.allow_recertification",
    Kind.EXPIRED: "pma.certificate.expire",
    Kind.SUPERSEDED: "pma.certificate.supersede",
    Kind.PDF_RENDERED: "pma.certificate.pdf_rendered",
    Kind.PDF_FAILED: "pma.certificate.pdf_failed",
    Kind.REMINDER_60: "pma.certificate.reminder",
    Kind.REMINDER_30: "pma.certificate.reminder",
    Kind.REMINDER_7: "pma.certificate.reminder",
}

# A practice-log event is named by the status it leads to, except where the same status is
# reached by different decisions (a new draft, a withdrawal, a reassignment).
PRACTICE_LOG_ACTIONS = {
    Status.DRAFT: "pma.practice_log.create",
    Status.SUBMITTED: "pma.practice_log.submit",
    Status.APPROVED: "pma.practice_log.approve",
    Status.CHANGES_REQUESTED: "pma.practice_log.request_changes",
    Status.REJECTED: "pma.practice_log.reject",
}
PRACTICE_LOG_TRANSITION_ACTIONS = {
    (Status.SUBMITTED, Status.DRAFT): "pma.practice_log.withdraw",
    (Status.SUBMITTED, Status.SUBMITTED): "pma.practice_log.reassign",
}

ENDORSEMENT_ACTION = "pma.endorsement.give"
SUPERVISION_LINK_ACTIONS = {
    "create": "pma.supervision_link.create",
    "edit": "pma.supervision_link.edit",
    "end": "pma.supervision_link.end",
    "delete": "pma.supervision_link.delete",
}
LINK_FIELDS = ("supervisor_id", "mentor_id", "start", "end")


def practice_log_action(*, from_status: str, to_status: str) -> str:
    return PRACTICE_LOG_TRANSITION_ACTIONS.get(
        (from_status, to_status), PRACTICE_LOG_ACTIONS[to_status]
    )


@receiver(post_save, sender=CertificateEvent, dispatch_uid="audit_certificate_event")
def certificate_event_logged(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    certificate = instance.certificate
    data = {"event": instance.pk, "kind": instance.kind}
    if "days_left" in (instance.data or {}):
        data["days_left"] = instance.data["days_left"]
    audit.log_entry(
        certificate,
        CERTIFICATE_ACTIONS[instance.kind],
        actor=instance.actor,
        label=certificate.serial,
        data=data,
        timestamp=instance.at,
    )


@receiver(post_save, sender=PracticeLogEvent, dispatch_uid="audit_practice_log_event")
def practice_log_event_logged(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    # Only the id is needed: the log itself may not be loaded, and the entry is about it.
    log = PracticeLog(pk=instance.log_id)
    audit.log_entry(
        log,
        practice_log_action(from_status=instance.from_status, to_status=instance.to_status),
        actor=instance.actor,
        data={"event": instance.pk, "from": instance.from_status, "to": instance.to_status},
        timestamp=instance.at,
    )


@receiver(post_save, sender=Endorsement, dispatch_uid="audit_endorsement")
def endorsement_logged(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    audit.log_entry(
        instance,
        ENDORSEMENT_ACTION,
        actor=instance.supervisor,
        data={"mentor": instance.mentor_id, "programme": instance.programme_id},
        timestamp=instance.endorsed_at,
    )


def _link_data(link: SupervisionLink) -> dict:
    return {
        "supervisor": link.supervisor_id,
        "mentor": link.mentor_id,
        "start": link.start,
        "end": link.end,
    }


@receiver(pre_save, sender=SupervisionLink, dispatch_uid="audit_supervision_link_before")
def supervision_link_before(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    instance._audit_before = (
        SupervisionLink.objects.filter(pk=instance.pk).values(*LINK_FIELDS).first()
    )


@receiver(post_save, sender=SupervisionLink, dispatch_uid="audit_supervision_link")
def supervision_link_logged(sender, instance, created, raw=False, **kwargs):
    """A link's row does not record who changed it: the actor is the admin user of the
    request (Wagtail's log context), or None for the system."""
    if raw:
        return
    data = _link_data(instance)
    before = getattr(instance, "_audit_before", None)
    if created or before is None:
        action = "create"
    else:
        changed = [field for field in LINK_FIELDS if before[field] != getattr(instance, field)]
        if not changed:
            return
        data["changed"] = [field.removesuffix("_id") for field in changed]
        ended = changed == ["end"] and instance.end is not None
        action = "end" if ended else "edit"
    audit.log_entry(
        instance, SUPERVISION_LINK_ACTIONS[action], actor=audit.context_actor(), data=data
    )


@receiver(post_delete, sender=SupervisionLink, dispatch_uid="audit_supervision_link_delete")
def supervision_link_deleted(sender, instance, **kwargs):
    audit.log_entry(
        instance,
        SUPERVISION_LINK_ACTIONS["delete"],
        actor=audit.context_actor(),
        data=_link_data(instance),
        deleted=True,
    )


def person_log_objects(user) -> list[tuple[type, list]]:
    """The objects about ``user`` whose log entries an erasure relabels (cms.privacy)."""
    return [
        (Certificate, list(Certificate.objects.filter(holder=user).values_list("pk", flat=True))),
        (PracticeLog, list(PracticeLog.objects.filter(mentor=user).values_list("pk", flat=True))),
        (
            Endorsement,
            list(
                Endorsement.objects.filter(Q(mentor=user) | Q(supervisor=user)).values_list(
                    "pk", flat=True
                )
            ),
        ),
        (
            SupervisionLink,
            list(
                SupervisionLink.objects.filter(Q(mentor=user) | Q(supervisor=user)).values_list(
                    "pk", flat=True
                )
            ),
        ),
        (
            SupervisorProfile,
            list(SupervisorProfile.objects.filter(user=user).values_list("pk", flat=True)),
        ),
    ]


# --- Registration (certification/wagtail_hooks.py) ---------------------------------------------


class ReminderMessage(audit.DataMessage):
    label = _("Expiry reminder")
    message = _("Expiry reminder sent")
    template = _("Expiry reminder sent: %(days_left)s days left")


class LinkEditMessage(audit.DataMessage):
    label = _("Edit supervision link")
    message = _("Supervision link changed")
    template = _("Supervision link changed (%(changed)s)")

    def format_message(self, log_entry):
        changed = (log_entry.data or {}).get("changed")
        if not changed:
            return self.message
        names = {
            "supervisor": _("supervisor"),
            "mentor": _("mentor"),
            "start": _("start"),
            "end": _("end"),
        }
        return self.template % {"changed": ", ".join(str(names.get(f, f)) for f in changed)}


class LinkEndMessage(audit.DataMessage):
    label = _("End supervision link")
    message = _("Supervision link ended")
    template = _("Supervision link ended on %(end)s")


ACTIONS = {
    "pma.certificate.issue": (_("Issue certificate"), _("Certificate issued")),
    "pma.certificate.renew": (_("Renew certificate"), _("Certificate renewed")),
    "pma.certificate.suspend": (_("Suspend certificate"), _("Certificate suspended")),
    "pma.certificate.reinstate": (_("Reinstate certificate"), _("Certificate reinstated")),
    "pma.certificate.revoke": (_("Revoke certificate"), _("Certificate revoked")),
    "pma.certificate.allow_recertification": (
        _("Allow re-certification"),
        _("Re-certification allowed after the revocation"),
    ),
    "pma.certificate.expire": (_("Expire certificate"), _("Certificate expired")),
    "pma.certificate.supersede": (
        _("Replace certificate by renewal"),
        _("Certificate replaced by its renewal"),
    ),
    "pma.certificate.pdf_rendered": (_("Render certificate PDF"), _("Certificate PDF rendered")),
    "pma.certificate.pdf_failed": (
        _("Certificate PDF failed"),
        _("Certificate PDF rendering failed; it will be retried"),
    ),
    "pma.certificate.reminder": ReminderMessage,
    "pma.practice_log.create": (_("Create practice log"), _("Practice log drafted")),
    "pma.practice_log.submit": (_("Submit practice log"), _("Practice log submitted for review")),
    "pma.practice_log.approve": (_("Approve practice log"), _("Practice log approved")),
    "pma.practice_log.request_changes": (
        _("Request changes to practice log"),
        _("Changes requested to practice log"),
    ),
    "pma.practice_log.reject": (_("Reject practice log"), _("Practice log rejected")),
    "pma.practice_log.withdraw": (
        _("Withdraw practice log"),
        _("Practice log withdrawn by its mentor: nobody could review it"),
    ),
    "pma.practice_log.reassign": (
        _("Reassign practice log"),
        _("Practice log reassigned to the mentor's current supervisor"),
    ),
    ENDORSEMENT_ACTION: (_("Endorse mentor"), _("Mentor endorsed by their supervisor")),
    "pma.supervision_link.create": (_("Create supervision link"), _("Supervision link created")),
    "pma.supervision_link.edit": LinkEditMessage,
    "pma.supervision_link.end": LinkEndMessage,
    "pma.supervision_link.delete": (_("Delete supervision link"), _("Supervision link deleted")),
}


def register_log_actions(actions) -> None:
    audit.register_actions(actions, ACTIONS)
