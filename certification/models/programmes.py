"""Certification programmes: what a mentor must achieve to be certified, for how long, how to
renew, and what the certificate says."""

from django import forms
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
    certificate_title = models.CharField(
        _("certificate title"),
        max_length=80,
        default=_("Certificate"),
        help_text=_("The heading printed on the certificate, such as “Certificate”."),
    )
    certificate_designation = models.CharField(
        _("title awarded"),
        max_length=120,
        default=_("Certified Peer Mentor"),
        help_text=_(
            "What the certificate says its holder is, printed under their name: “… is awarded "
            "the title Certified Peer Mentor”."
        ),
    )

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
        MultiFieldPanel(
            [FieldPanel("certificate_title"), FieldPanel("certificate_designation")],
            heading=_("The printed certificate"),
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
