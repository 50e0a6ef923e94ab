"""Supervision links and supervised practice logs (their review history: ``events.py``)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from cms.reasons import REASON_MAX_LENGTH

MIN_DURATION_MINUTES = 5
MAX_DURATION_MINUTES = 720
REFLECTION_MAX_LENGTH = 4000
COMMENT_MAX_LENGTH = REASON_MAX_LENGTH


def active_member_q(role: str, prefix: str = "") -> Q:
    """ "An active member of ``role``", defined once for users (``prefix`` reaches them through a
    relation, e.g. ``"supervisor__"``): the account is active and holds the role's group. Who may
    be chosen as a supervisor or mentor, and whether a link is in force, are built from it."""
    return Q(**{f"{prefix}is_active": True, f"{prefix}groups__name": role})


class SupervisorProfile(models.Model):
    """A supervisor's credentials, shown with every review decision they make. A programme may
    require them recorded and in date (``selectors.supervisor_qualification_problems``)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="supervisor_profile",
        verbose_name=_("supervisor"),
    )
    qualification = models.CharField(
        _("qualification"),
        max_length=200,
        help_text=_(
            "The kind of qualification, e.g. \u201cClinical supervision certificate\u201d."
        ),
    )
    credential_id = models.CharField(
        _("credential id"),
        max_length=100,
        blank=True,
        help_text=_("The registration or certificate number that identifies the qualification."),
    )
    qualification_expires = models.DateField(
        _("qualification expires"),
        null=True,
        blank=True,
        help_text=_("The last day the qualification is valid. Leave empty if it does not expire."),
    )
    years_supervising = models.PositiveSmallIntegerField(_("years supervising peers"), default=0)

    panels = [
        FieldPanel("user"),
        FieldPanel("qualification"),
        FieldPanel("credential_id"),
        FieldPanel("qualification_expires"),
        FieldPanel("years_supervising"),
    ]

    class Meta:
        verbose_name = _("supervisor profile")
        verbose_name_plural = _("supervisor profiles")

    def __str__(self):
        return f"{self.user.public_name} ({self.qualification})"


class SupervisionLinkQuerySet(models.QuerySet):
    def in_force_on(self, day):
        """ "Active supervision on a day", defined once: the link covers ``day`` (start <= day,
        no end or end >= day) and its supervisor's account is active and holds the Supervisors
        role. A link to someone who left, was erased or lost the role supervises nobody."""
        from cms.roles import SUPERVISORS

        return self.filter(
            Q(end__isnull=True) | Q(end__gte=day),
            active_member_q(SUPERVISORS, "supervisor__"),
            start__lte=day,
        )

    def overlapping(self, *, start, end):
        """Links whose period shares at least one day with [start, end] (end None: open)."""
        queryset = self.filter(Q(end__isnull=True) | Q(end__gte=start))
        if end is not None:
            queryset = queryset.filter(start__lte=end)
        return queryset


class SupervisionLink(models.Model):
    """A supervisor supervises a mentor from ``start`` until ``end`` (open-ended if empty)."""

    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="supervision_links_as_supervisor",
        verbose_name=_("supervisor"),
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="supervision_links_as_mentor",
        verbose_name=_("mentor"),
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)

    objects = SupervisionLinkQuerySet.as_manager()

    panels = [
        FieldPanel("supervisor"),
        FieldPanel("mentor"),
        FieldPanel("start"),
        FieldPanel("end"),
    ]

    class Meta:
        ordering = ["-start"]
        verbose_name = _("supervision link")
        verbose_name_plural = _("supervision links")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="certification_supervisionlink_end_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=~Q(supervisor=F("mentor")),
                name="certification_supervisionlink_not_self",
                violation_error_message=_("A mentor cannot supervise themselves."),
            ),
        ]

    def __str__(self):
        return _("%(supervisor)s supervises %(mentor)s") % {
            "supervisor": self.supervisor,
            "mentor": self.mentor,
        }

    def period_display(self) -> str:
        start = date_format(self.start, "j F Y")
        if self.end is None:
            return _("from %(start)s, with no end date") % {"start": start}
        return _("from %(start)s to %(end)s") % {
            "start": start,
            "end": date_format(self.end, "j F Y"),
        }

    def clean(self):
        """Who a link names and when: the supervisor an active member of Supervisors, the mentor
        an active member of Mentors (checked when the link names them, so a coordinator can still
        end the link of someone who left), and no other link of the same mentor sharing a day.
        ``services.supervision_link_save`` runs this under the mentor's row lock."""
        from cms.models import User
        from cms.roles import MENTORS, SUPERVISORS

        errors = {}
        before = (
            SupervisionLink.objects.filter(pk=self.pk).values("supervisor_id", "mentor_id").first()
            if self.pk
            else None
        ) or {}
        checks = (("supervisor", SUPERVISORS), ("mentor", MENTORS))
        for field, role in checks:
            user_id = getattr(self, f"{field}_id")
            if user_id is None or before.get(f"{field}_id") == user_id:
                continue
            person = User.objects.filter(pk=user_id).first()
            if person is None:
                continue  # the field's own validation says the choice does not exist
            if not User.objects.filter(active_member_q(role), pk=user_id).exists():
                name = person.public_name
                errors[field] = _(
                    "%(name)s is not an active member of %(role)s. Choose someone who is, or ask "
                    "an administrator to give them that role first."
                ) % {"name": name, "role": role}
        if self.mentor_id and self.start and not (self.end and self.end < self.start):
            other = (
                SupervisionLink.objects.filter(mentor_id=self.mentor_id)
                .exclude(pk=self.pk)
                .overlapping(start=self.start, end=self.end)
                .select_related("supervisor")
                .order_by("start")
                .first()
            )
            if other is not None:
                errors.setdefault("start", []).append(
                    _(
                        "This mentor already has a supervision link to %(supervisor)s "
                        "%(period)s, which shares days with this one. End that link first, or "
                        "choose dates outside it."
                    )
                    % {"supervisor": other.supervisor.public_name, "period": other.period_display()}
                )
        if errors:
            raise ValidationError(errors)


class PracticeLog(models.Model):
    """One supervised practice session a mentor logged; only approved minutes count."""

    class Setting(models.TextChoices):
        ROLE_PLAY = "role_play", _("Role-play")
        SHADOWING = "shadowing", _("Shadowing")
        CO_FACILITATED = "co_facilitated", _("Co-facilitated session")
        SUPERVISED_LIVE = "supervised_live", _("Supervised live session")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    EDITABLE_STATUSES = (Status.DRAFT, Status.CHANGES_REQUESTED)
    FINAL_STATUSES = (Status.APPROVED, Status.REJECTED)

    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="practice_logs",
        verbose_name=_("mentor"),
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="supervised_practice_logs",
        verbose_name=_("supervisor"),
    )
    session_date = models.DateField(_("session date"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    setting = models.CharField(_("setting"), max_length=20, choices=Setting.choices)
    competencies = models.ManyToManyField(
        "courses.Competency",
        through="PracticeLogCompetency",
        related_name="practice_logs",
        verbose_name=_("competencies"),
    )
    reflection = models.TextField(_("reflection"), max_length=REFLECTION_MAX_LENGTH)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviewed_practice_logs",
        verbose_name=_("reviewer"),
    )
    reviewed_at = models.DateTimeField(_("review time"), null=True, blank=True)
    review_comment = models.TextField(
        _("review comment"), blank=True, max_length=COMMENT_MAX_LENGTH
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-session_date", "-pk"]
        verbose_name = _("practice log")
        verbose_name_plural = _("practice logs")
        indexes = [models.Index(fields=["supervisor", "status"], name="cert_log_supervisor_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=MIN_DURATION_MINUTES)
                & Q(duration_minutes__lte=MAX_DURATION_MINUTES),
                name="certification_practicelog_duration_range",
            ),
            models.CheckConstraint(
                condition=~Q(supervisor=F("mentor")),
                name="certification_practicelog_not_self_supervised",
            ),
        ]

    def __str__(self):
        return _("%(mentor)s, %(date)s, %(minutes)s min") % {
            "mentor": self.mentor,
            "date": self.session_date,
            "minutes": self.duration_minutes,
        }

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATUSES

    @property
    def is_final(self) -> bool:
        return self.status in self.FINAL_STATUSES


class PracticeLogCompetency(models.Model):
    """A competency practised in a log (the table Django made for the many-to-many field).

    Explicit only so that the competency is protected: deleting it would silently take the
    minutes that logs, approved ones included, counted toward it."""

    practicelog = models.ForeignKey(
        PracticeLog, on_delete=models.CASCADE, verbose_name=_("practice log")
    )
    competency = models.ForeignKey(
        "courses.Competency", on_delete=models.PROTECT, verbose_name=_("competency")
    )

    class Meta:
        db_table = "certification_practicelog_competencies"
        unique_together = [("practicelog", "competency")]
        verbose_name = _("practice log entry")
        verbose_name_plural = _("practice log entries")

    def __str__(self):
        return f"{self.practicelog_id} · {self.competency_id}"
