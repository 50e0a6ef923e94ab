"""Certification programmes, supervisor endorsements, certificates and their audit trail.

A certificate's issued content (serial, code, holder, dates, evidence) never changes. Its
``status`` is the current state of its lifecycle and changes only together with a new
``CertificateEvent`` row (``certification/models/events.py``), written by the lifecycle services
in one transaction: the events are the history, the status is their latest word.
"""

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable


class CertificationProgramme(ClusterableModel):
    """What a mentor must achieve to be certified, for how long, and how to renew."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    required_courses = ParentalManyToManyField(
        "courses.CoursePage",
        blank=True,
        related_name="required_by_programmes",
        verbose_name=_("required courses"),
        help_text=_("Completed with their quizzes passed."),
    )
    required_minutes_total = models.PositiveIntegerField(
        _("approved practice minutes in total"), default=1200
    )
    endorsement_required = models.BooleanField(
        _("supervisor endorsement required"),
        default=True,
        help_text=_("A supervisor confirms the mentor is ready to mentor on their own."),
    )
    supervisor_qualification_required = models.BooleanField(
        _("supervisor qualification required"),
        default=False,
        help_text=_(
            "Practice sign-offs and endorsements count only from supervisors whose qualification "
            "is recorded (type and identifier) and in date."
        ),
    )
    supervisor_min_years = models.PositiveSmallIntegerField(
        _("minimum years supervising peers"),
        default=0,
        validators=[MaxValueValidator(60)],
        help_text=_("0 asks for no minimum."),
    )
    validity_months = models.PositiveSmallIntegerField(
        _("validity (months)"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    practice_recency_months = models.PositiveSmallIntegerField(
        _("practice counts for (months)"),
        default=24,
        validators=[MaxValueValidator(120)],
        help_text=_(
            "Toward a first certificate (and a re-qualification in full), only approved "
            "practice from this many months before the day counts. 0 means practice from any "
            "date counts."
        ),
    )
    endorsement_valid_months = models.PositiveSmallIntegerField(
        _("endorsement valid for (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_(
            "How long a supervisor's endorsement counts after it is given. Leave empty for one "
            "certification cycle (the validity period)."
        ),
    )
    renewal_minutes = models.PositiveIntegerField(
        _("approved practice minutes to renew"),
        default=600,
        help_text=_(
            "Approved practice with a session date within the current certificate's own period "
            "(from its start date) needed to renew."
        ),
    )
    renewal_window_days = models.PositiveSmallIntegerField(
        _("renewal opens (days before expiry)"), default=60
    )
    grace_days = models.PositiveSmallIntegerField(
        _("grace period (days)"),
        default=30,
        help_text=_("Days after the expiry date during which the certificate still counts."),
    )
    reentry_months = models.PositiveSmallIntegerField(
        _("renewal after a lapse (months)"),
        default=12,
        validators=[MaxValueValidator(120)],
        help_text=_(
            "For how many months after a certificate's grace period ends its holder may still "
            "renew it under the renewal rules (with a valid endorsement). After that, or with "
            "0, they re-qualify in full."
        ),
    )
    is_default = models.BooleanField(
        _("default programme"),
        default=False,
        help_text=_("Used when a request names no programme (e.g. the eligibility API)."),
    )
    is_active = models.BooleanField(_("open for certification"), default=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("required_courses", widget=forms.CheckboxSelectMultiple),
                FieldPanel("required_minutes_total"),
                FieldPanel("practice_recency_months"),
                FieldPanel("endorsement_required"),
                FieldPanel("endorsement_valid_months"),
                FieldPanel("supervisor_qualification_required"),
                FieldPanel("supervisor_min_years"),
            ],
            heading=_("Requirements"),
        ),
        InlinePanel("competency_requirements", label=_("Approved minutes per competency")),
        MultiFieldPanel(
            [
                FieldPanel("validity_months"),
                FieldPanel("renewal_minutes"),
                FieldPanel("renewal_window_days"),
                FieldPanel("grace_days"),
                FieldPanel("reentry_months"),
            ],
            heading=_("Validity and renewal"),
        ),
        FieldPanel("is_default"),
        FieldPanel("is_active"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("certification programme")
        verbose_name_plural = _("certification programmes")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="one_default_programme"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def endorsement_validity_months(self) -> int:
        """How long an endorsement counts: the months set, else one certification cycle."""
        return self.endorsement_valid_months or self.validity_months


class CompetencyRequirement(Orderable):
    programme = ParentalKey(
        CertificationProgramme, on_delete=models.CASCADE, related_name="competency_requirements"
    )
    competency = models.ForeignKey(
        "courses.Competency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("competency"),
    )
    minutes = models.PositiveIntegerField(_("approved minutes"), validators=[MinValueValidator(1)])

    panels = [FieldPanel("competency"), FieldPanel("minutes")]

    class Meta(Orderable.Meta):
        verbose_name = _("competency requirement")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "competency"], name="one_requirement_per_competency"
            ),
        ]


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
