"""A learner's progress: enrolments, module completions and private reflection answers.

Written only through ``courses.services``; read through ``courses.selectors``.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Enrolment(models.Model):
    """A learner taking a course. ``completed_at`` is set, in the same transaction as the last
    module completion, once every live module of the course is complete."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="enrolments",
        verbose_name=_("learner"),
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.PROTECT,
        related_name="enrolments",
        verbose_name=_("course"),
    )
    enrolled_at = models.DateTimeField(_("enrolled at"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    last_module = models.ForeignKey(
        "courses.ModulePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("last module opened"),
        help_text=_("Where “continue where you left off” takes the learner."),
    )

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-enrolled_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "course"], name="courses_enrolment_one_per_learner_course"
            ),
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True) | Q(completed_at__gte=F("enrolled_at")),
                name="courses_enrolment_completed_after_enrolled",
            ),
        ]

    def __str__(self):
        return f"{self.learner} · {self.course}"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


class ModuleCompletion(models.Model):
    """A learner has completed a module. Never updated or removed by application code."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="module_completions",
        verbose_name=_("learner"),
    )
    module = models.ForeignKey(
        "courses.ModulePage",
        on_delete=models.PROTECT,
        related_name="completions",
        verbose_name=_("module"),
    )
    completed_at = models.DateTimeField(_("completed at"), default=timezone.now)

    class Meta:
        verbose_name = _("module completion")
        verbose_name_plural = _("module completions")
        ordering = ["completed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "module"], name="courses_completion_one_per_learner_module"
            ),
        ]

    def __str__(self):
        return f"{self.learner} · {self.module}"


class ReflectionAnswer(models.Model):
    """A learner's private answer to one reflection prompt (a block of a module's body).
    Only its author ever sees it: every read filters by learner."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="reflection_answers",
        verbose_name=_("learner"),
    )
    module = models.ForeignKey(
        "courses.ModulePage",
        on_delete=models.PROTECT,
        related_name="reflection_answers",
        verbose_name=_("module"),
    )
    block_id = models.CharField(_("prompt block id"), max_length=64)
    text = models.TextField(_("answer"), max_length=5000)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("reflection answer")
        verbose_name_plural = _("reflection answers")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "module", "block_id"],
                name="courses_reflection_one_per_learner_prompt",
            ),
        ]

    def __str__(self):
        return f"{self.learner} · {self.module} · {self.block_id}"
