"""The certification app's part of a person's data (see cms/privacy.py).

Export: practice logs with their reflections and review history, supervision, endorsements,
certificates with their events. Other people appear only as far as the record needs: the
supervisor's display name on a log or an endorsement, never a supervisee's name.

Erasure keeps the certification audit trail, pseudonymised, and removes the rest:

* current certificates are revoked (a CertificateEvent says why), so verification, the
  credential status list and the gate stop treating the person as certified; every certificate
  of theirs keeps its serial, dates, status and events, loses the printed name, the hashed
  e-mail in its evidence and its PDF, and points at the tombstone account;
* decided practice logs (approved, rejected) stay as the evidence behind decisions, without
  their free text (reflection, review comments); undecided ones are deleted with their events;
* endorsements received stay, without their statement; the supervisor profile is deleted;
  open supervision links are ended today.
"""

from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from certification.models import (
    CURRENT_STATUSES,
    Certificate,
    Endorsement,
    PracticeLog,
    PracticeLogEvent,
    SupervisionLink,
    SupervisorProfile,
)
from certification.services import certificate_revoke
from cms.events import EventNotification

LABELS = {
    "certificates_revoked": gettext_lazy("Current certificates revoked"),
    "certificates_pseudonymised": gettext_lazy("Certificates kept without the holder's name"),
    "practice_logs_deleted": gettext_lazy("Undecided practice logs deleted"),
    "practice_logs_pseudonymised": gettext_lazy("Decided practice logs kept without their text"),
    "endorsements_pseudonymised": gettext_lazy("Endorsements kept without their statement"),
    "supervisor_profiles_deleted": gettext_lazy("Supervisor profiles deleted"),
    "supervision_links_ended": gettext_lazy("Open supervision links ended"),
    "supervisee_logs_handed_back": gettext_lazy(
        "Supervisees' logs waiting for review, handed back to be submitted again"
    ),
}


def _name(person, user) -> str:
    return _("you") if person.pk == user.pk else person.public_name


def export(user) -> dict[str, list[dict]]:
    logs = (
        PracticeLog.objects.filter(mentor=user)
        .select_related("supervisor", "reviewer")
        .prefetch_related(
            "competencies",
            Prefetch("events", queryset=PracticeLogEvent.objects.select_related("actor")),
        )
        .order_by("session_date", "pk")
    )
    practice_logs = [
        {
            "id": log.pk,
            "session_date": log.session_date,
            "duration_minutes": log.duration_minutes,
            "setting": log.setting,
            "competencies": sorted(competency.name for competency in log.competencies.all()),
            "reflection": log.reflection,
            "status": log.status,
            "supervisor": log.supervisor.public_name,
            "reviewer": log.reviewer.public_name if log.reviewer else None,
            "reviewed_at": log.reviewed_at,
            "review_comment": log.review_comment,
            "created_at": log.created_at,
            "history": [
                {
                    "at": event.at,
                    "from_status": event.from_status,
                    "to_status": event.to_status,
                    "by": _name(event.actor, user),
                    "comment": event.comment,
                }
                for event in log.events.all()
            ],
        }
        for log in logs
    ]
    # Decisions the person made on other people's logs: what and when, but neither the
    # supervisee's name nor the comment, which is about the supervisee (mixed data stays with
    # the record of the person it describes).
    reviews_given = [
        {"log": event.log_id, "at": event.at, "decision": event.to_status}
        for event in PracticeLogEvent.objects.filter(actor=user)
        .exclude(log__mentor=user)
        .order_by("at", "pk")
    ]
    supervision = [
        {
            "as": "mentor" if link.mentor_id == user.pk else "supervisor",
            "supervisor": link.supervisor.public_name if link.mentor_id == user.pk else None,
            "start": link.start,
            "end": link.end,
        }
        for link in SupervisionLink.objects.filter(Q(mentor=user) | Q(supervisor=user))
        .select_related("supervisor")
        .order_by("start", "pk")
    ]
    profiles = [
        {
            "qualification": profile.qualification,
            "credential_id": profile.credential_id,
            "qualification_expires": (
                profile.qualification_expires.isoformat() if profile.qualification_expires else None
            ),
            "years_supervising": profile.years_supervising,
        }
        for profile in SupervisorProfile.objects.filter(user=user)
    ]
    endorsements = [
        {
            "as": "mentor" if endorsement.mentor_id == user.pk else "supervisor",
            "programme": endorsement.programme.name,
            "supervisor": endorsement.supervisor.public_name
            if endorsement.mentor_id == user.pk
            else None,
            "endorsed_at": endorsement.endorsed_at,
            "statement": endorsement.statement if endorsement.mentor_id == user.pk else None,
        }
        for endorsement in Endorsement.objects.filter(Q(mentor=user) | Q(supervisor=user))
        .select_related("programme", "supervisor")
        .order_by("endorsed_at", "pk")
    ]
    certificates = [
        {
            "serial": certificate.serial,
            "verification_code": certificate.verification_code,
            "programme": certificate.programme.name,
            "name_as_printed": certificate.holder_name,
            "issued_at": certificate.issued_at,
            "valid_from": certificate.valid_from,
            "valid_until": certificate.valid_until,
            "counts_until": certificate.grace_until,
            "status": certificate.status,
            "status_changed_at": certificate.status_changed_at,
            "renews": certificate.previous.serial if certificate.previous_id else None,
            "evidence": certificate.evidence,
            "history": [
                {"at": event.at, "event": event.kind, "reason": event.reason}
                for event in certificate.events.all()
            ],
        }
        for certificate in Certificate.objects.filter(holder=user)
        .select_related("programme", "previous")
        .prefetch_related("events")
        .order_by("issued_at", "pk")
    ]
    return {
        "practice_logs": practice_logs,
        "reviews_given": reviews_given,
        "supervision": supervision,
        "supervisor_profile": profiles,
        "endorsements": endorsements,
        "certificates": certificates,
    }


def _undecided_logs(user):
    return PracticeLog.objects.filter(mentor=user).exclude(status__in=PracticeLog.FINAL_STATUSES)


def _decided_logs(user):
    return PracticeLog.objects.filter(mentor=user, status__in=PracticeLog.FINAL_STATUSES)


def _open_links(user, today):
    return SupervisionLink.objects.filter(Q(mentor=user) | Q(supervisor=user)).filter(
        Q(end__isnull=True) | Q(end__gt=today)
    )


def preview(user) -> dict[str, int]:
    today = timezone.localdate()
    return {
        "certificates_revoked": Certificate.objects.filter(
            holder=user, status__in=CURRENT_STATUSES
        ).count(),
        "certificates_pseudonymised": Certificate.objects.filter(holder=user).count(),
        "practice_logs_deleted": _undecided_logs(user).count(),
        "practice_logs_pseudonymised": _decided_logs(user).count(),
        "endorsements_pseudonymised": Endorsement.objects.filter(mentor=user).count(),
        "supervisor_profiles_deleted": SupervisorProfile.objects.filter(user=user).count(),
        "supervision_links_ended": _open_links(user, today).count(),
        "supervisee_logs_handed_back": PracticeLog.objects.filter(
            supervisor=user, status=PracticeLog.Status.SUBMITTED
        ).count(),
    }


def erase(user, *, actor, reason: str, at) -> dict[str, int]:
    """Revoke, then pseudonymise the certification record; delete what decided nothing."""
    today = timezone.localdate(at)
    revoked = 0
    for certificate_id in Certificate.objects.filter(
        holder=user, status__in=CURRENT_STATUSES
    ).values_list("pk", flat=True):
        certificate_revoke(
            certificate_id=certificate_id,
            actor=actor,
            reason=_("The holder's personal data was erased at their request."),
            at=at,
        )
        revoked += 1

    pseudonymised = 0
    for certificate in Certificate.objects.filter(holder=user).select_for_update():
        evidence = dict(certificate.evidence or {})
        evidence["recipient"] = None
        if certificate.pdf:
            stored = certificate.pdf
            transaction.on_commit(lambda stored=stored: stored.delete(save=False))
        certificate.holder_name = ""
        certificate.evidence = evidence
        certificate.pdf = ""
        certificate.pdf_sha256 = ""
        certificate.save(update_fields=["holder_name", "evidence", "pdf", "pdf_sha256"])
        pseudonymised += 1

    undecided = list(_undecided_logs(user).values_list("pk", flat=True))
    events = PracticeLogEvent.objects.filter(log_id__in=undecided)
    EventNotification.objects.for_events(events).delete()
    events.delete()
    PracticeLog.competencies.through.objects.filter(practicelog_id__in=undecided).delete()
    PracticeLog.objects.filter(pk__in=undecided).delete()
    # Supervisees' logs waiting for this supervisor would wait for ever: they go back to their
    # mentors, who submit them again once a coordinator links a new supervisor.
    handed_back = 0
    for log in PracticeLog.objects.filter(
        supervisor=user, status=PracticeLog.Status.SUBMITTED
    ).select_for_update():
        PracticeLogEvent.objects.create(
            log=log,
            from_status=log.status,
            to_status=PracticeLog.Status.CHANGES_REQUESTED,
            actor=actor,
            comment=_(
                "Your supervisor is no longer available. Submit this log again when your "
                "coordinator has linked you to a new supervisor."
            ),
        )
        log.status = PracticeLog.Status.CHANGES_REQUESTED
        log.save(update_fields=["status", "updated_at"])
        handed_back += 1
    decided = _decided_logs(user)
    PracticeLogEvent.objects.filter(log__in=decided).update(comment="")
    redacted_logs = decided.update(reflection="", review_comment="")

    endorsements = Endorsement.objects.filter(mentor=user).update(statement="")
    profiles, _by_model = SupervisorProfile.objects.filter(user=user).delete()
    links = 0
    for link in _open_links(user, today):
        link.end = max(today, link.start)
        link.save(update_fields=["end"])
        links += 1
    # Certificate events stay as they are: who decided what, when and why. Where this person
    # was the actor, the event now points at the tombstone account.
    return {
        "certificates_revoked": revoked,
        "certificates_pseudonymised": pseudonymised,
        "practice_logs_deleted": len(undecided),
        "practice_logs_pseudonymised": redacted_logs,
        "endorsements_pseudonymised": endorsements,
        "supervisor_profiles_deleted": profiles,
        "supervision_links_ended": links,
        "supervisee_logs_handed_back": handed_back,
    }
