"""Mentees, mentors' matching details, and assignments made through the gate.

Mentee records are deliberately minimal: a code name, languages and what kind of mentor they
need. No real names, contact details or clinical notes are stored here. An assignment's
``status`` changes only together with a new ``AssignmentEvent`` (a ``cms.events.Event``)
written by the services in ``matching.services``; the events are the history, the status is
their latest word.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cms.events import Event
from cms.models import normalise_language_codes

DEFAULT_CAPACITY = 3  # also what a mentor without a MentorProfile row counts as
MAX_CAPACITY = 20

languages_validator = RegexValidator(
    r"^\s*$|^\s*[a-zA-Z]{2}(\s*,\s*[a-zA-Z]{2})*\s*$",
    _("Enter two-letter language codes separated by commas, e.g. “en, cy”."),
)


def languages_of(value: str) -> set[str]:
    """The set of ISO 639-1 codes in a comma-separated field (empty: no preference)."""
    return {code for code in normalise_language_codes(value).split(",") if code}


def _default_programme_id():
    from certification.models import CertificationProgramme

    return (
        CertificationProgramme.objects.filter(is_default=True).values_list("pk", flat=True).first()
    )


class MentorProfile(models.Model):
    """How many mentees a mentor can take and what they offer; set by coordinators."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mentor_profile",
        verbose_name=_("mentor"),
    )
    capacity = models.PositiveSmallIntegerField(
        _("capacity"),
        default=DEFAULT_CAPACITY,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)],
        help_text=_("The most mentees this mentor may have at once (active or under review)."),
    )
    languages = models.CharField(
        _("languages"),
        max_length=100,
        blank=True,
        validators=[languages_validator],
        help_text=_("Two-letter codes separated by commas, e.g. “en, cy”."),
    )
    accepting_new = models.BooleanField(_("accepting new mentees"), default=True)
    crisis_trained = models.BooleanField(
        _("crisis-trained"),
        default=False,
        help_text=_("Set by a coordinator when the mentor may support mentees in crisis."),
    )

    class Meta:
        verbose_name = _("mentor matching details")
        verbose_name_plural = _("mentor matching details")
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=1) & Q(capacity__lte=MAX_CAPACITY),
                name="matching_mentorprofile_capacity_range",
                violation_error_message=_("Capacity must be between 1 and 20."),
            ),
        ]

    def __str__(self):
        return str(self.user)


class Mentee(models.Model):
    """A person waiting for or receiving peer support, known only by a code name."""

    code_name = models.CharField(
        _("code name"),
        max_length=40,
        unique=True,
        help_text=_("A code, not the person's name. Never enter names or contact details."),
    )
    languages = models.CharField(
        _("languages"),
        max_length=100,
        blank=True,
        validators=[languages_validator],
        help_text=_("Two-letter codes separated by commas, e.g. “en, cy”. Empty: any."),
    )
    programme = models.ForeignKey(
        "certification.CertificationProgramme",
        on_delete=models.PROTECT,
        related_name="+",
        default=_default_programme_id,
        verbose_name=_("programme the mentor must hold"),
    )
    needs_crisis_trained = models.BooleanField(_("needs a crisis-trained mentor"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["code_name"]
        verbose_name = _("mentee")
        verbose_name_plural = _("mentees")

    def __str__(self):
        return self.code_name


class AssignmentStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    NEEDS_REVIEW = "needs_review", _("Needs review")
    ENDED = "ended", _("Ended")


OPEN_STATUSES = (AssignmentStatus.ACTIVE, AssignmentStatus.NEEDS_REVIEW)


class AssignmentQuerySet(models.QuerySet):
    def open(self):
        """Active or needing review: what counts against a mentor's capacity and a mentee."""
        return self.filter(status__in=OPEN_STATUSES)


class Assignment(models.Model):
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="assignments_as_mentor",
        verbose_name=_("mentor"),
    )
    mentee = models.ForeignKey(
        Mentee, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("mentee")
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments_made",
        verbose_name=_("coordinator"),
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.ACTIVE,
    )
    review_reason = models.TextField(_("review reason"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "-pk"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["mentee"],
                condition=Q(status__in=["active", "needs_review"]),
                name="matching_one_open_assignment_per_mentee",
                violation_error_message=_("This mentee already has a mentor."),
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="matching_assignment_end_after_start",
            ),
        ]
        indexes = [models.Index(fields=["mentor", "status"], name="matching_mentor_status_idx")]

    def __str__(self):
        return f"{self.mentor} → {self.mentee}"


class AssignmentEventKind(models.TextChoices):
    CREATED = "created", _("Created")
    FLAGGED = "flagged", _("Flagged for review")
    REVIEW_CLEARED = "review_cleared", _("Review cleared: continues")
    REACTIVATED = "reactivated", _("Reactivated")
    ENDED = "ended", _("Ended")


class AssignmentEvent(Event):
    """One thing that happened to an assignment (created, flagged, review cleared, ended)."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.PROTECT, related_name="events", verbose_name=_("assignment")
    )
    kind = models.CharField(_("event"), max_length=20, choices=AssignmentEventKind.choices)

    class Meta(Event.Meta):
        verbose_name = _("assignment event")
        verbose_name_plural = _("assignment events")

    def __str__(self):
        return f"{self.assignment_id}: {self.get_kind_display()}"
