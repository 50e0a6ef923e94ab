"""Quizzes: the question bank, quiz rules and learners' attempts with their snapshots."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, RevisionMixin
from wagtail.search import index

from courses.models.competency import Competency


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice (select all that apply)")
    TRUE_FALSE = "true_false", _("True or false")


class Question(RevisionMixin, index.Indexed, ClusterableModel):
    """A question in the bank. A vignette makes it a scenario-based judgement question.

    Attempts copy what they served into their snapshot, so editing or deleting a question never
    changes an attempt's review.
    """

    kind = models.CharField(_("type"), max_length=20, choices=QuestionKind.choices)
    prompt = models.TextField(_("question"), max_length=2000)
    vignette = models.TextField(
        _("scenario vignette"),
        blank=True,
        max_length=4000,
        help_text=_("Optional: a short situation the learner must judge."),
    )
    competency = models.ForeignKey(
        Competency,
        on_delete=models.PROTECT,
        related_name="questions",
        verbose_name=_("competency"),
    )
    points = models.PositiveSmallIntegerField(
        _("points"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    critical = models.BooleanField(
        _("safety-critical"),
        default=False,
        help_text=_("A wrong answer fails the attempt whatever the score."),
    )
    explanation = models.TextField(
        _("explanation"), blank=True, max_length=2000, help_text=_("Shown after grading.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    panels = [
        FieldPanel("kind"),
        FieldPanel("competency"),
        FieldPanel("vignette"),
        FieldPanel("prompt"),
        InlinePanel("choices", label=_("Choices"), min_num=2, max_num=8),
        FieldPanel("explanation"),
        FieldPanel("points"),
        FieldPanel("critical"),
    ]
    search_fields = [
        index.SearchField("prompt"),
        index.SearchField("vignette"),
        index.AutocompleteField("prompt"),
        index.FilterField("competency"),
        index.FilterField("kind"),
    ]

    class Meta:
        ordering = ["competency__sort_order", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(points__gte=1, points__lte=10), name="question_points_1_10"
            ),
        ]

    def __str__(self):
        return Truncator(self.prompt).chars(90)


class QuestionChoice(Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("choice"), max_length=500)
    is_correct = models.BooleanField(_("correct"), default=False)
    feedback = models.CharField(_("feedback"), max_length=500, blank=True)

    panels = [FieldPanel("text"), FieldPanel("is_correct"), FieldPanel("feedback")]

    class Meta(Orderable.Meta):
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self):
        return self.text


class FeedbackPolicy(models.TextChoices):
    NEVER = "never", _("Never: score only")
    AFTER_EACH = "after_each", _("After each attempt")
    AFTER_PASS = "after_pass", _("Only after passing")
    AFTER_LAST = "after_last", _("After the last allowed attempt")


class Quiz(RevisionMixin, index.Indexed, ClusterableModel):
    """A quiz's rules. The highest score of a learner's attempts is the one that counts."""

    title = models.CharField(_("title"), max_length=200)
    instructions = models.TextField(_("instructions"), blank=True, max_length=2000)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=80, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    attempt_limit = models.PositiveSmallIntegerField(
        _("attempt limit"), default=3, help_text=_("0 means unlimited.")
    )
    cooldown_minutes = models.PositiveIntegerField(
        _("cooldown between attempts (minutes)"), default=0
    )
    time_limit_minutes = models.PositiveIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no time limit."),
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=True)
    shuffle_options = models.BooleanField(_("shuffle options"), default=True)
    feedback_policy = models.CharField(
        _("show answers and explanations"),
        max_length=20,
        choices=FeedbackPolicy.choices,
        default=FeedbackPolicy.AFTER_EACH,
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("instructions"),
        MultiFieldPanel(
            [
                FieldPanel("pass_mark"),
                FieldPanel("attempt_limit"),
                FieldPanel("cooldown_minutes"),
                FieldPanel("time_limit_minutes"),
            ],
            heading=_("Rules"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("shuffle_questions"),
                FieldPanel("shuffle_options"),
                FieldPanel("feedback_policy"),
            ],
            heading=_("Presentation and feedback"),
        ),
        InlinePanel("quiz_questions", label=_("Questions, in order")),
        InlinePanel("draw_rules", label=_("Questions drawn at random from the bank")),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        ordering = ["title"]
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pass_mark__gte=1, pass_mark__lte=100),
                name="quiz_pass_mark_1_100",
            ),
        ]

    def __str__(self):
        return self.title


class QuizQuestion(Orderable):
    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="quiz_questions")
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="+", verbose_name=_("question")
    )

    panels = [FieldPanel("question")]

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        constraints = [
            models.UniqueConstraint(fields=["quiz", "question"], name="quiz_question_once"),
        ]


class QuizDrawRule(Orderable):
    """Serve `count` questions drawn at random from the bank's questions on one competency."""

    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="draw_rules")
    competency = models.ForeignKey(
        Competency, on_delete=models.PROTECT, related_name="+", verbose_name=_("competency")
    )
    count = models.PositiveSmallIntegerField(
        _("number of questions"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )

    panels = [FieldPanel("competency"), FieldPanel("count")]

    class Meta(Orderable.Meta):
        verbose_name = _("random draw")


class AttemptStatus(models.TextChoices):
    OPEN = "open", _("In progress")
    SUBMITTED = "submitted", _("Submitted")
    EXPIRED = "expired", _("Time ran out")


class QuizAttempt(models.Model):
    """One learner's attempt. Append-only once closed: a closed attempt is never rewritten.

    `snapshot` holds exactly what was served (texts, choice keys, the correct keys), so grading
    and review never depend on the live question bank.
    """

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="quiz_attempts",
        verbose_name=_("learner"),
    )
    quiz = models.ForeignKey(
        Quiz, on_delete=models.PROTECT, related_name="attempts", verbose_name=_("quiz")
    )
    number = models.PositiveSmallIntegerField(_("attempt number"))
    status = models.CharField(
        _("status"), max_length=20, choices=AttemptStatus.choices, default=AttemptStatus.OPEN
    )
    started_at = models.DateTimeField(_("started"))
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (%)"))
    feedback_policy = models.CharField(max_length=20, choices=FeedbackPolicy.choices)
    snapshot = models.JSONField(_("questions served"))
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    score = models.DecimalField(
        _("score (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    points_earned = models.PositiveIntegerField(null=True, blank=True)
    points_possible = models.PositiveIntegerField(null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    critical_failures = models.JSONField(
        _("skills to revisit"),
        default=list,
        blank=True,
        help_text=_("Competencies of safety-critical questions answered wrongly."),
    )

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "quiz"],
                condition=models.Q(status="open"),
                name="one_open_attempt_per_learner_and_quiz",
            ),
            models.UniqueConstraint(
                fields=["learner", "quiz", "number"], name="attempt_number_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=0, score__lte=100),
                name="attempt_score_0_100",
            ),
            models.CheckConstraint(
                condition=models.Q(status="open")
                | models.Q(submitted_at__isnull=False, score__isnull=False, passed__isnull=False),
                name="closed_attempt_is_graded",
            ),
        ]
        indexes = [models.Index(fields=["quiz", "status"], name="attempt_quiz_status_idx")]

    def __str__(self):
        return f"{self.quiz} #{self.number} ({self.learner})"

    @property
    def is_open(self) -> bool:
        return self.status == AttemptStatus.OPEN

    @property
    def ran_out_of_time(self) -> bool:
        """Closed without a score: expired, or open on its result page (the result view shows
        an open attempt only once it is past its deadline; the next start or submit closes it)."""
        return self.status != AttemptStatus.SUBMITTED
