"""Writes for certificates: issue, renew, suspend, reinstate, revoke, expire, remind, render.

Every change is one transaction that writes a CertificateEvent (actor, time, reason) and, for a
status change, the certificate's current status. The holder is e-mailed and, for lapses
(suspension, revocation, expiry), `certificate_lapsed` is sent so assignments can be reviewed;
both only once the transaction commits.
"""

import hashlib
import secrets
from dataclasses import asdict
from datetime import date, datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from certification import codes
from certification.credentials.status import COUNTER_KEY as STATUS_COUNTER_KEY
from certification.dates import add_months
from certification.eligibility import (
    ISSUING_PATHS,
    RENEWING_PATHS,
    Eligibility,
    Path,
    eligibility_evaluate,
    renewal_window_open,
)
from certification.models import (
    CURRENT_STATUSES,
    REMINDER_KINDS,
    Certificate,
    CertificateEvent,
    CertificateEventKind,
    CertificateStatus,
    CertificationProgramme,
    Endorsement,
    PdfStatus,
    RecertificationDecision,
    SerialCounter,
)
from certification.signals import (
    certificate_issued,
    certificate_lapsed,
    certificate_status_changed,
)
from cms.errors import DomainError
from cms.locks import user_lock
from cms.reasons import REASON_MAX_LENGTH, reason_clean
from cms.selectors import organisation_settings


class CertificateError(DomainError):
    """A lifecycle rule refused the change; the message is for the person who asked."""

    default_code = "certificate_refused"


def _today(at: datetime) -> date:
    return timezone.localdate(at)


def _next_serial(*, at: datetime) -> str:
    key = f"PMA-{at.year}"
    counter, _created = SerialCounter.objects.select_for_update().get_or_create(key=key)
    SerialCounter.objects.filter(pk=counter.pk).update(value=F("value") + 1)
    counter.refresh_from_db(fields=["value"])
    return f"{key}-{counter.value:06d}"


def status_indexes_reserve(*, count: int = 1) -> range:
    """The next ``count`` free indexes in the credential status lists; each is handed out once.

    Call inside the transaction that stores them. The counter row stays locked until it
    commits, so concurrent issues (for different mentors) queue here and never share an index;
    a unique constraint on the certificate backs this up.
    """
    counter, _created = SerialCounter.objects.select_for_update().get_or_create(
        key=STATUS_COUNTER_KEY
    )
    SerialCounter.objects.filter(pk=counter.pk).update(value=F("value") + count)
    counter.refresh_from_db(fields=["value"])
    return range(counter.value - count, counter.value)


def _recipient(holder) -> dict | None:
    """The holder's e-mail as a salted SHA-256 (Open Badges IdentityHash), never the address:
    someone who already knows the address can confirm it, nobody can read it off a credential."""
    email = (holder.email or "").strip().lower()
    if not email:
        return None
    salt = secrets.token_hex(16)
    digest = hashlib.sha256((email + salt).encode("utf-8")).hexdigest()
    return {"email_sha256": f"sha256${digest}", "salt": salt}


def _unique_code() -> str:
    while True:
        code = codes.generate_code()
        if not Certificate.objects.filter(verification_code=code).exists():
            return code


def _evidence(eligibility: Eligibility, *, holder) -> dict:
    endorsement = (
        Endorsement.objects.filter(mentor_id=eligibility.mentor_id, programme=eligibility.programme)
        .select_related("supervisor", "supervisor__supervisor_profile")
        .first()
    )
    endorser = None
    if endorsement is not None:
        profile = getattr(endorsement.supervisor, "supervisor_profile", None)
        endorser = {
            "name": endorsement.supervisor.public_name,
            "qualification": profile.qualification if profile else "",
            "endorsed_at": endorsement.endorsed_at.isoformat(),
        }
    programme = eligibility.programme
    competencies = [
        {"slug": item.competency.slug, "name": item.competency.name, "minutes": item.minutes}
        for item in programme.competency_requirements.select_related("competency")
    ]
    return {
        "evaluated_on": eligibility.at.isoformat(),
        "programme": {
            "slug": programme.slug,
            "name": programme.name,
            "description": programme.description,
        },
        "path": eligibility.path.value,
        "requirements": [asdict(item) for item in eligibility.requirements],
        "competencies": competencies,
        "renewal": asdict(eligibility.renewal) if eligibility.renewal else None,
        "endorser": endorser,
        "recipient": _recipient(holder),
    }


def _record(
    certificate: Certificate,
    *,
    kind: str,
    actor=None,
    at: datetime,
    reason: str = "",
    data: dict | None = None,
) -> CertificateEvent:
    return CertificateEvent.objects.create(
        certificate=certificate, kind=kind, actor=actor, at=at, reason=reason, data=data or {}
    )


def _set_status(certificate: Certificate, status: str, *, at: datetime) -> None:
    certificate.status = status
    certificate.status_changed_at = at
    certificate.save(update_fields=["status", "status_changed_at"])
    certificate_status_changed.send(
        sender=Certificate,
        certificate_id=certificate.pk,
        holder_id=certificate.holder_id,
        programme_id=certificate.programme_id,
        status=status,
    )


def _after_commit(
    certificate: Certificate, event: CertificateEvent, *, lapsed: bool = False
) -> None:
    """Once committed: e-mail the holder, tell listeners, and render the PDF of a new one."""
    from certification import tasks

    kind = event.kind
    ids = {
        "certificate_id": certificate.pk,
        "holder_id": certificate.holder_id,
        "programme_id": certificate.programme_id,
        "kind": kind,
    }

    def notify():
        tasks.enqueue_certificate_email(event_id=event.pk)
        if lapsed:
            certificate_lapsed.send(sender=Certificate, **ids)
        if kind in (CertificateEventKind.ISSUED, CertificateEventKind.RENEWED):
            certificate_issued.send(sender=Certificate, **ids)
            tasks.enqueue_certificate_pdf(certificate_id=certificate.pk)

    transaction.on_commit(notify)


def _create(
    *,
    eligibility: Eligibility,
    at: datetime,
    valid_from: date,
    valid_until: date,
    previous: Certificate | None,
    kind: str,
    actor,
) -> Certificate:
    programme = eligibility.programme
    holder = get_user_model().objects.get(pk=eligibility.mentor_id)
    certificate = Certificate.objects.create(
        serial=_next_serial(at=at),
        verification_code=_unique_code(),
        holder=holder,
        holder_name=holder.public_name,
        programme=programme,
        issued_at=at,
        valid_from=valid_from,
        valid_until=valid_until,
        grace_until=date.fromordinal(valid_until.toordinal() + programme.grace_days),
        status=CertificateStatus.ACTIVE,
        status_changed_at=at,
        previous=previous,
        evidence=_evidence(eligibility, holder=holder),
        status_index=status_indexes_reserve()[0],
    )
    event = _record(
        certificate,
        kind=kind,
        actor=actor,
        at=at,
        data={"previous": previous.serial} if previous else {},
    )
    _after_commit(certificate, event)
    return certificate


# What an automatic check (approved log, passed quiz, endorsement) may do for a holder with
# no certificate in force: a first certificate, a re-qualification, or a late renewal.
AUTOMATIC_ISSUE_PATHS = (*ISSUING_PATHS, Path.REENTRY)


def _due(eligibility: Eligibility, paths) -> bool:
    return eligibility.path in paths and eligibility.programme.is_active and eligibility.qualifies


def certificate_issue_due(eligibility: Eligibility) -> bool:
    """Would an automatic check certify now? The path that applies is one an automatic check
    takes (never a revocation without a coordinator's decision, never an active or suspended
    certificate), the programme is active and that path's requirements are met. The issue
    path and the mentor's page ("your certificate will be issued in a moment") both ask this,
    so the page never promises what no trigger will do.
    """
    return _due(eligibility, AUTOMATIC_ISSUE_PATHS)


def _certify(*, eligibility: Eligibility, at: datetime, actor) -> Certificate:
    """Issue or renew on the path ``eligibility`` found, which the caller checked is met.

    First certificate and re-qualification: a new certificate (ISSUED) from today. Renewal of
    an active certificate: the old one is replaced and the new one runs to one validity period
    after the old expiry date (no time is lost by renewing early). Renewal after a lapse: a
    RENEWED certificate naming the lapsed one, valid from today. A lapse the nightly sweep has
    not recorded yet is recorded first, as the sweep would.
    """
    programme = eligibility.programme
    today = _today(at)
    certificate = eligibility.certificate
    if certificate is not None and certificate.status in CURRENT_STATUSES:
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if eligibility.path == Path.RENEWAL:
            _set_status(certificate, CertificateStatus.SUPERSEDED, at=at)
            _record(certificate, kind=CertificateEventKind.SUPERSEDED, actor=actor, at=at)
        else:  # past its grace period: expired, whatever comes next
            _set_status(certificate, CertificateStatus.EXPIRED, at=at)
            event = _record(
                certificate,
                kind=CertificateEventKind.EXPIRED,
                at=at,
                reason=_("The validity period and its grace period have ended."),
            )
            _after_commit(certificate, event, lapsed=True)
    if eligibility.path == Path.RENEWAL:
        base = certificate.valid_until if today <= certificate.valid_until else today
        valid_until = add_months(base, programme.validity_months)
    else:
        valid_until = add_months(today, programme.validity_months)
    renewing = eligibility.path in RENEWING_PATHS
    return _create(
        eligibility=eligibility,
        at=at,
        valid_from=today,
        valid_until=valid_until,
        previous=certificate if renewing else None,
        kind=CertificateEventKind.RENEWED if renewing else CertificateEventKind.ISSUED,
        actor=actor,
    )


def _certify_if_qualified(
    *, mentor_id: int, programme: CertificationProgramme, at: datetime, actor, paths
) -> Certificate | None:
    locked = user_lock(mentor_id)  # serialises certificate decisions for one mentor and the gate
    if locked is None or locked.erased:
        return None  # an erased person is never certified again
    eligibility = eligibility_evaluate(mentor=mentor_id, programme=programme, at=_today(at))
    if not _due(eligibility, paths):
        return None  # includes a revocation without a coordinator's decision: final
    return _certify(eligibility=eligibility, at=at, actor=actor)


@transaction.atomic
def certificate_issue_if_eligible(
    *, mentor_id: int, programme: CertificationProgramme, at: datetime | None = None, actor=None
) -> Certificate | None:
    """Certify a mentor who holds no certificate in force, when the path that applies is met:
    a first certificate, a re-qualification in full, or a renewal after a lapse (within the
    programme's re-entry window). Exactly once.

    The mentor's row is locked and at most one current certificate per mentor and programme is
    also a database constraint, so concurrent triggers issue one certificate. Returns None when
    the path's requirements are not met, or the mentor holds an active or suspended certificate
    (renewing that is ``certificate_renew``'s), or a revoked one without a coordinator's
    decision.
    """
    return _certify_if_qualified(
        mentor_id=mentor_id,
        programme=programme,
        at=at or timezone.now(),
        actor=actor,
        paths=AUTOMATIC_ISSUE_PATHS,
    )


def renewal_open(certificate: Certificate, *, on: date) -> bool:
    """Renewal opens `renewal_window_days` before expiry and closes at the end of grace."""
    return renewal_window_open(certificate, programme=certificate.programme, on=on)


@transaction.atomic
def certificate_renew(
    *, mentor_id: int, programme: CertificationProgramme, at: datetime | None = None, actor=None
) -> Certificate:
    """The mentor's "Renew now": renew an active certificate once its renewal window is open,
    or a lapsed one within the re-entry window, when the renewal rules are met (practice
    within the certificate's own period; after a lapse also the required courses and a valid
    endorsement). Raises CertificateError with what to do otherwise.
    """
    at = at or timezone.now()
    locked = user_lock(mentor_id)
    if locked is None or locked.erased:
        raise CertificateError(_("This person's data was erased; they cannot be certified."))
    eligibility = eligibility_evaluate(mentor=mentor_id, programme=programme, at=_today(at))
    path = eligibility.path
    if path == Path.FIRST:
        raise CertificateError(_("There is no certificate to renew yet."))
    if path not in RENEWING_PATHS:
        if path == Path.REQUALIFY and eligibility.evidence_since is None:
            raise CertificateError(
                " ".join((eligibility.summary, _("Renewal is no longer possible.")))
            )
        raise CertificateError(eligibility.summary)
    unmet = [item for item in eligibility.requirements if not item.met]
    if unmet:
        raise CertificateError(unmet[0].detail)
    if not programme.is_active:
        raise CertificateError(_("This programme is closed for certification."))
    return _certify(eligibility=eligibility, at=at, actor=actor)


@transaction.atomic
def certificate_check(*, mentor_id: int, at: datetime | None = None) -> list[Certificate]:
    """The automatic check (after an approved log, a passed quiz, an endorsement): issue or
    renew in every active programme where the path that applies to the mentor is met, exactly
    as ``eligibility_evaluate`` says (``qualifies``)."""
    at = at or timezone.now()
    changed = []
    for programme in CertificationProgramme.objects.filter(is_active=True):
        certificate = _certify_if_qualified(
            mentor_id=mentor_id,
            programme=programme,
            at=at,
            actor=None,
            paths=(*ISSUING_PATHS, *RENEWING_PATHS),
        )
        if certificate is not None:
            changed.append(certificate)
    return changed


def _clean_reason(reason: str) -> str:
    return reason_clean(
        reason,
        missing=_("Please give a reason: it is recorded and sent to the holder."),
        error=CertificateError,
    )


def _locked(certificate_id: int) -> Certificate:
    certificate = Certificate.objects.select_related("programme").get(pk=certificate_id)
    user_lock(certificate.holder_id)
    return (
        Certificate.objects.select_for_update().select_related("programme").get(pk=certificate_id)
    )


@transaction.atomic
def certificate_suspend(
    *, certificate_id: int, actor, reason: str, at: datetime | None = None
) -> Certificate:
    """Suspend an active certificate (reversible). A reason is required."""
    at = at or timezone.now()
    reason = _clean_reason(reason)
    certificate = _locked(certificate_id)
    if certificate.status != CertificateStatus.ACTIVE:
        raise CertificateError(
            _("Only an active certificate can be suspended; this one is %(status)s.")
            % {"status": certificate.get_status_display().lower()}
        )
    _set_status(certificate, CertificateStatus.SUSPENDED, at=at)
    event = _record(
        certificate, kind=CertificateEventKind.SUSPENDED, actor=actor, at=at, reason=reason
    )
    _after_commit(certificate, event, lapsed=True)
    return certificate


@transaction.atomic
def certificate_reinstate(
    *, certificate_id: int, actor, reason: str, at: datetime | None = None
) -> Certificate:
    """Lift a suspension, if the certificate's validity (with grace) has not ended meanwhile."""
    at = at or timezone.now()
    reason = _clean_reason(reason)
    certificate = _locked(certificate_id)
    if certificate.status != CertificateStatus.SUSPENDED:
        raise CertificateError(_("Only a suspended certificate can be reinstated."))
    if _today(at) > certificate.grace_until:
        raise CertificateError(
            _(
                "This certificate's validity ended while it was suspended; it cannot be "
                "reinstated. The holder can certify again."
            )
        )
    _set_status(certificate, CertificateStatus.ACTIVE, at=at)
    event = _record(
        certificate, kind=CertificateEventKind.REINSTATED, actor=actor, at=at, reason=reason
    )
    _after_commit(certificate, event)
    return certificate


@transaction.atomic
def certificate_revoke(
    *, certificate_id: int, actor, reason: str, at: datetime | None = None
) -> Certificate:
    """Revoke an active or suspended certificate, for good. A reason is required."""
    at = at or timezone.now()
    reason = _clean_reason(reason)
    certificate = _locked(certificate_id)
    if certificate.status not in CURRENT_STATUSES:
        raise CertificateError(
            _("This certificate is already %(status)s and cannot be revoked.")
            % {"status": certificate.get_status_display().lower()}
        )
    _set_status(certificate, CertificateStatus.REVOKED, at=at)
    event = _record(
        certificate, kind=CertificateEventKind.REVOKED, actor=actor, at=at, reason=reason
    )
    _after_commit(certificate, event, lapsed=True)
    return certificate


@transaction.atomic
def certificate_allow_recertification(
    *, certificate_id: int, actor, reason: str, at: datetime | None = None
) -> RecertificationDecision:
    """A coordinator's explicit decision that the holder of a revoked certificate may qualify
    again in its programme. The certificate stays revoked; from this moment on the holder must
    meet every requirement again with new evidence (practice and endorsement dated from the
    decision). Recorded with its reason as a certificate event; the holder is e-mailed.
    """
    at = at or timezone.now()
    reason = _clean_reason(reason)
    certificate = _locked(certificate_id)
    if certificate.status != CertificateStatus.REVOKED:
        raise CertificateError(_("Only a revoked certificate needs this decision."))
    if RecertificationDecision.objects.filter(revoked_certificate=certificate).exists():
        raise CertificateError(_("Re-certification was already allowed for this certificate."))
    later = Certificate.objects.filter(
        holder_id=certificate.holder_id,
        programme_id=certificate.programme_id,
        issued_at__gt=certificate.issued_at,
    )
    if later.exists():
        raise CertificateError(_("The holder has been certified again since this revocation."))
    decision = RecertificationDecision.objects.create(
        revoked_certificate=certificate, decided_by=actor, decided_at=at, reason=reason
    )
    event = _record(
        certificate,
        kind=CertificateEventKind.RECERTIFICATION_ALLOWED,
        actor=actor,
        at=at,
        reason=reason,
    )
    _after_commit(certificate, event)
    return decision


def certificate_expire_due(*, at: datetime | None = None) -> list[int]:
    """The daily sweep: expire every current certificate whose grace period has ended."""
    at = at or timezone.now()
    expired = []
    due = Certificate.objects.filter(status__in=CURRENT_STATUSES, grace_until__lt=_today(at))
    for certificate_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            certificate = _locked(certificate_id)
            if certificate.status not in CURRENT_STATUSES or certificate.grace_until >= _today(at):
                continue  # changed meanwhile
            _set_status(certificate, CertificateStatus.EXPIRED, at=at)
            event = _record(
                certificate,
                kind=CertificateEventKind.EXPIRED,
                at=at,
                reason=_("The validity period and its grace period have ended."),
            )
            _after_commit(certificate, event, lapsed=True)
            expired.append(certificate_id)
    return expired


def certificate_send_reminders(*, at: datetime | None = None) -> list[tuple[int, int]]:
    """Remind holders 60, 30 and 7 days before expiry; each reminder at most once.

    When a run was missed, only the nearest reminder due is sent.
    """
    at = at or timezone.now()
    today = _today(at)
    horizon = date.fromordinal(today.toordinal() + max(REMINDER_KINDS))
    sent = []
    due = Certificate.objects.filter(
        status=CertificateStatus.ACTIVE, valid_until__gte=today, valid_until__lte=horizon
    )
    for certificate_id, valid_until in due.values_list("pk", "valid_until"):
        days_left = (valid_until - today).days
        threshold = min(days for days in REMINDER_KINDS if days_left <= days)
        kind = REMINDER_KINDS[threshold]
        with transaction.atomic():
            certificate = Certificate.objects.select_for_update().get(pk=certificate_id)
            if certificate.events.filter(kind=kind).exists():
                continue
            event = _record(certificate, kind=kind, at=at, data={"days_left": days_left})
            _after_commit(certificate, event)
            sent.append((certificate_id, threshold))
    return sent


def verification_url(certificate: Certificate) -> str:
    path = reverse("certification:verify", kwargs={"code": certificate.verification_code})
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def evidence_competency_names(evidence: dict) -> list[str]:
    """The competencies a certificate was issued for, as snapshotted at issue.

    Certificates issued before the snapshot named them only in their (translated) requirement
    labels, so for those the name is read back from the label, the one place it was kept.
    """
    if "competencies" in evidence:
        return [item["name"] for item in evidence["competencies"]]
    return [
        item["label"].split(" practising ", 1)[-1]
        for item in evidence.get("requirements", [])
        if item["code"].startswith("competency:")
    ]


def certificate_document(certificate: Certificate):
    """What the certificate's PDF prints, from its evidence snapshot and the organisation's
    settings. The one place that decides it: the worker's render and the benchmark both use it."""
    from certification.pdf import CertificateDocument

    organisation = organisation_settings()
    evidence = certificate.evidence or {}
    return CertificateDocument(
        organisation_name=organisation.organisation_name,
        holder_name=certificate.holder_name,
        programme_name=certificate.programme.name,
        serial=certificate.serial,
        verification_code=certificate.verification_code,
        verification_url=verification_url(certificate),
        issued_on=timezone.localdate(certificate.issued_at),
        valid_until=certificate.valid_until,
        competencies=evidence_competency_names(evidence),
        endorsed_by=(evidence.get("endorser") or {}).get("name", ""),
        logo_path=organisation.logo.file.path if organisation.logo_id else "",
    )


def certificate_pdf_withheld(certificate: Certificate) -> str:
    """Why the certificate's PDF is not handed out, or "" when it is.

    A suspended or revoked certificate's PDF would look valid to anyone shown it, so neither
    the holder nor a coordinator downloads it while that status stands. An expired or
    replaced certificate's PDF is still served: it prints its own validity dates, and the
    verification page it links to says it expired or was replaced.
    """
    if certificate.status == CertificateStatus.SUSPENDED:
        return _(
            "Certificate %(serial)s is suspended, so its PDF is not available: a printed copy "
            "would look valid. It can be downloaded again if the suspension is lifted."
        ) % {"serial": certificate.serial}
    if certificate.status == CertificateStatus.REVOKED:
        return _(
            "Certificate %(serial)s was revoked on %(date)s, so its PDF is no longer available."
        ) % {
            "serial": certificate.serial,
            "date": date_format(timezone.localdate(certificate.status_changed_at)),
        }
    return ""


def certificate_pdf_rerender_refusal(certificate: Certificate) -> str:
    """Why the certificate's PDF may not be rendered again, or "" when it may: a revoked
    certificate is never printed again, so no new copy of it can look valid."""
    if certificate.status == CertificateStatus.REVOKED:
        return _(
            "Certificate %(serial)s was revoked, so its PDF is not rendered again: a new copy "
            "would look valid."
        ) % {"serial": certificate.serial}
    return ""


@transaction.atomic
def certificate_pdf_store(
    *, certificate_id: int, force: bool = False, at: datetime | None = None
) -> Certificate:
    """Render the certificate's PDF and store it with its SHA-256. Idempotent unless forced.

    Runs in the worker. If rendering raises, the failure is recorded (the certificate stays
    valid and shows "PDF pending") and the error propagates so django-q2 retries the task.

    A revoked certificate is never printed again, so no fresh copy can look valid: a forced
    re-render is refused with CertificateError, and the first render, if it runs only after
    the revocation, prints nothing (it is not a failure, so nothing retries it).
    """
    from certification import pdf  # WeasyPrint is imported by workers only

    at = at or timezone.now()
    certificate = (
        Certificate.objects.select_for_update(of=("self",))
        .select_related("programme", "holder")
        .get(pk=certificate_id)
    )
    if certificate.holder.erased_at is not None:
        return certificate  # the printed name was erased on request: nothing to print
    refusal = certificate_pdf_rerender_refusal(certificate)
    if refusal:
        if force:
            raise CertificateError(refusal)
        return certificate
    if certificate.pdf_status == PdfStatus.READY and certificate.pdf and not force:
        return certificate
    document = certificate_document(certificate)
    data = pdf.certificate_pdf_render(document=document)
    digest = pdf.sha256_hex(data)
    old_name = certificate.pdf.name if certificate.pdf else ""
    if digest != certificate.pdf_sha256 or not certificate.pdf:
        certificate.pdf.save(
            f"{certificate.serial}-{digest[:12]}.pdf", ContentFile(data), save=False
        )
    certificate.pdf_sha256 = digest
    certificate.pdf_status = PdfStatus.READY
    certificate.pdf_rendered_at = at
    certificate.save(update_fields=["pdf", "pdf_sha256", "pdf_status", "pdf_rendered_at"])
    _record(
        certificate,
        kind=CertificateEventKind.PDF_RENDERED,
        at=at,
        data={"sha256": digest, "bytes": len(data), "replaced": old_name},
    )
    return certificate


@transaction.atomic
def certificate_pdf_failed(*, certificate_id: int, error: str, at: datetime | None = None) -> None:
    """Record a failed render: the certificate stays valid, its PDF shows as pending."""
    at = at or timezone.now()
    certificate = Certificate.objects.select_for_update().get(pk=certificate_id)
    if certificate.pdf_status != PdfStatus.READY:
        certificate.pdf_status = PdfStatus.FAILED
        certificate.save(update_fields=["pdf_status"])
    _record(certificate, kind=CertificateEventKind.PDF_FAILED, at=at, data={"error": error[:500]})


@transaction.atomic
def endorsement_give(
    *,
    mentor,
    programme: CertificationProgramme,
    supervisor,
    statement: str = "",
    at: datetime | None = None,
) -> Endorsement:
    """A supervisor endorses a supervisee's readiness (their own supervisees only).

    The supervisor must meet the programme's supervisor qualification on the day
    (``selectors.supervisor_qualification_problems``), and the statement passes the same privacy
    guard as reflections: it becomes part of the certificate's evidence."""
    from certification.privacy import contact_details_found, privacy_message
    from certification.selectors import supervision_link_active, supervisor_qualification_problems

    at = at or timezone.now()
    if mentor.pk == supervisor.pk:
        raise CertificateError(_("You cannot endorse yourself."))
    link = supervision_link_active(mentor=mentor, on=_today(at))
    if link is None or link.supervisor_id != supervisor.pk:
        raise CertificateError(_("You can only endorse mentors you currently supervise."))
    if problems := supervisor_qualification_problems(
        supervisor=supervisor, programme=programme, on=_today(at)
    ):
        raise CertificateError(
            _(
                "You cannot endorse for %(programme)s: %(problems)s Ask a coordinator to update "
                "your supervisor profile."
            )
            % {"programme": programme.name, "problems": " ".join(problems)}
        )
    if len(statement) > REASON_MAX_LENGTH:
        raise CertificateError(
            _("Please keep the statement under %(max)d characters.") % {"max": REASON_MAX_LENGTH}
        )
    if kinds := contact_details_found(statement):
        raise CertificateError(privacy_message(kinds, about="comment"))
    endorsement = Endorsement.objects.create(
        mentor=mentor,
        programme=programme,
        supervisor=supervisor,
        endorsed_at=at,
        statement=statement.strip(),
    )
    from certification import tasks

    transaction.on_commit(lambda: tasks.enqueue_certificate_check(mentor_id=mentor.pk))
    return endorsement
