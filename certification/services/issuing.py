"""Issuing and renewing certificates, exactly once, on the path ``eligibility_evaluate`` finds;
and the supervisor's endorsement that one of those paths asks for."""

import hashlib
import secrets
from dataclasses import asdict
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from certification import codes, tasks
from certification.credentials.allocation import status_indexes_allocate
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
    Certificate,
    CertificateEventKind,
    CertificateStatus,
    CertificationProgramme,
    Endorsement,
    SerialCounter,
)
from certification.privacy import contact_details_found, privacy_message
from certification.selectors import supervision_link_active, supervisor_qualification_problems
from certification.services.events import (
    CertificateError,
    after_commit,
    expire_locked,
    holder_lock,
    local_day,
    record_event,
    set_status,
)
from cms.reasons import REASON_MAX_LENGTH


def _next_serial(*, at: datetime) -> str:
    key = f"PMA-{at.year}"
    counter, _created = SerialCounter.objects.select_for_update().get_or_create(key=key)
    SerialCounter.objects.filter(pk=counter.pk).update(value=F("value") + 1)
    counter.refresh_from_db(fields=["value"])
    return f"{key}-{counter.value:06d}"


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
        status_index=status_indexes_allocate()[0],
    )
    event = record_event(
        certificate,
        kind=kind,
        actor=actor,
        at=at,
        data={"previous": previous.serial} if previous else {},
    )
    after_commit(certificate, event)
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
    today = local_day(at)
    certificate = eligibility.certificate
    if certificate is not None and certificate.status in CURRENT_STATUSES:
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if eligibility.path == Path.RENEWAL:
            set_status(certificate, CertificateStatus.SUPERSEDED, at=at)
            record_event(certificate, kind=CertificateEventKind.SUPERSEDED, actor=actor, at=at)
        else:  # past its grace period: expired, whatever comes next
            expire_locked(certificate, at=at)
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
    if not holder_lock(mentor_id):
        return None  # an erased person is never certified again
    eligibility = eligibility_evaluate(mentor=mentor_id, programme=programme, at=local_day(at))
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
    if not holder_lock(mentor_id):
        raise CertificateError(_("This person's data was erased; they cannot be certified."))
    eligibility = eligibility_evaluate(mentor=mentor_id, programme=programme, at=local_day(at))
    path = eligibility.path
    if path == Path.FIRST:
        raise CertificateError(_("There is no certificate to renew yet."))
    if path not in RENEWING_PATHS:
        if path == Path.REQUALIFY and eligibility.evidence_since is None:
            raise CertificateError(
                _("%(summary)s Renewal is no longer possible.") % {"summary": eligibility.summary}
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
    at = at or timezone.now()
    if mentor.pk == supervisor.pk:
        raise CertificateError(_("You cannot endorse yourself."))
    link = supervision_link_active(mentor=mentor, on=local_day(at))
    if link is None or link.supervisor_id != supervisor.pk:
        raise CertificateError(_("You can only endorse mentors you currently supervise."))
    if problems := supervisor_qualification_problems(
        supervisor=supervisor, programme=programme, on=local_day(at)
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
    transaction.on_commit(lambda: tasks.enqueue_certificate_check(mentor_id=mentor.pk))
    return endorsement
