"""Supervisor endorsements, certificates and their audit trail (programmes: programmes.py).

A certificate's issued content (serial, code, holder, dates, evidence) never changes. Its
``status`` is the current state of its lifecycle and changes only together with a new
``CertificateEvent`` row (``certification/models/events.py``), written by the lifecycle services
in one transaction: the events are the history, the status is their latest word.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from certification.models.programmes import CertificationProgramme


class Endorsement(models.Model):
    """A supervisor's statement that a mentor is ready. Append-only."""

    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="endorsements",
        verbose_name=_("mentor"),
    )
    programme = models.ForeignKey(
        CertificationProgramme,
        on_delete=models.PROTECT,
        related_name="endorsements",
        verbose_name=_("programme"),
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="endorsements_given",
        verbose_name=_("supervisor"),
    )
    endorsed_at = models.DateTimeField(_("endorsed"))
    statement = models.TextField(_("statement"), max_length=2000, blank=True)

    class Meta:
        ordering = ["-endorsed_at"]
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        constraints = [
            models.CheckConstraint(
                condition=~Q(mentor=models.F("supervisor")), name="endorsement_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.mentor} ← {self.supervisor} ({self.programme})"


class CertificateStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")
    EXPIRED = "expired", _("Expired")
    SUPERSEDED = "superseded", _("Renewed (replaced)")


CURRENT_STATUSES = (CertificateStatus.ACTIVE, CertificateStatus.SUSPENDED)


class CertificateQuerySet(models.QuerySet):
    """The certificate rules every path asks, defined once (ARCHITECTURE 11)."""

    def current(self):
        """Active or suspended: at most one per holder and programme (a constraint)."""
        return self.filter(status__in=CURRENT_STATUSES)

    def in_force_on(self, day):
        """The rule the gate trusts: active, and ``day`` falls between its start and the end
        of its grace period. ``Certificate.in_force_on`` says the same for one row."""
        return self.filter(
            status=CertificateStatus.ACTIVE, valid_from__lte=day, grace_until__gte=day
        )

    def current_first(self):
        """The current certificate first, then the most recent: "the holder's certificate"
        in a programme, as screens and the eligibility evaluation show it."""
        return self.order_by(
            models.Case(
                models.When(status__in=CURRENT_STATUSES, then=models.Value(0)),
                default=models.Value(1),
            ),
            "-issued_at",
        )


class PdfStatus(models.TextChoices):
    PENDING = "pending", _("PDF pending")
    READY = "ready", _("PDF ready")
    FAILED = "failed", _("PDF failed, retrying")


class Certificate(models.Model):
    serial = models.CharField(_("serial number"), max_length=32, unique=True)
    verification_code = models.CharField(_("verification code"), max_length=32, unique=True)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("holder"),
    )
    holder_name = models.CharField(_("holder's name as printed"), max_length=200)
    programme = models.ForeignKey(
        CertificationProgramme,
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("programme"),
    )
    issued_at = models.DateTimeField(_("issued"))
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    grace_until = models.DateField(_("counts until (with grace)"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CertificateStatus.choices,
        default=CertificateStatus.ACTIVE,
    )
    status_changed_at = models.DateTimeField(_("status changed"))
    previous = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="renewed_by",
        verbose_name=_("renews"),
    )
    evidence = models.JSONField(_("evidence at issue"), default=dict)
    status_index = models.PositiveIntegerField(
        _("status list index"),
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=_("This certificate's bit in the credential status lists; allocated once."),
    )
    pdf = models.FileField(_("PDF"), upload_to="certificates/", blank=True)
    pdf_sha256 = models.CharField(_("PDF SHA-256"), max_length=64, blank=True)
    pdf_status = models.CharField(
        _("PDF"), max_length=20, choices=PdfStatus.choices, default=PdfStatus.PENDING
    )
    pdf_rendered_at = models.DateTimeField(_("PDF rendered"), null=True, blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        permissions = [
            ("manage_certificate", _("Can suspend, reinstate, revoke and re-render certificates")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["holder", "programme"],
                condition=Q(status__in=["active", "suspended"]),
                name="one_current_certificate_per_holder_and_programme",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("valid_from"))
                & Q(grace_until__gte=models.F("valid_until")),
                name="certificate_dates_in_order",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "grace_until"], name="cert_status_grace_idx"),
            models.Index(fields=["holder", "programme", "status"], name="cert_holder_prog_idx"),
        ]

    def __str__(self):
        return f"{self.serial} · {self.holder_name} · {self.programme}"

    def in_force_on(self, day) -> bool:
        """Active, and the day falls between its start and the end of its grace period: the
        same rule as ``Certificate.objects.in_force_on`` (a property test proves they agree)."""
        return (
            self.status == CertificateStatus.ACTIVE and self.valid_from <= day <= self.grace_until
        )


class RecertificationDecision(models.Model):
    """A coordinator's recorded decision that a holder whose certificate was revoked may qualify
    again. Until one exists, no path issues that holder a certificate in that programme; after
    it, only evidence dated from the decision on counts. Append-only."""

    revoked_certificate = models.OneToOneField(
        Certificate,
        on_delete=models.PROTECT,
        related_name="recertification_decision",
        verbose_name=_("revoked certificate"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"))
    reason = models.TextField(_("reason"), max_length=2000)

    class Meta:
        ordering = ["-decided_at"]
        verbose_name = _("re-certification decision")
        verbose_name_plural = _("re-certification decisions")

    def __str__(self):
        return _("Re-certification allowed after %(serial)s") % {
            "serial": self.revoked_certificate.serial
        }


class SerialCounter(models.Model):
    """The last number handed out per key, locked while incremented: serial numbers per prefix
    and year, and the certificates' indexes in the credential status lists."""

    key = models.CharField(max_length=40, unique=True)
    value = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("serial counter")

    def __str__(self):
        return f"{self.key}: {self.value}"
