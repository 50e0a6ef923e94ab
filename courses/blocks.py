"""Lesson blocks for module bodies. Shared blocks (heading, text, callout, image, video,
referral resources) live in cms.blocks; the ones here only make sense inside a module."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from cms.blocks import RICH_TEXT_FEATURES, BaseContentBlock, ResourceLinksBlock


class ScenarioBlock(blocks.StructBlock):
    """A situation to think through, with prompts for discussion."""

    title = blocks.CharBlock(max_length=200, label=_("Title"))
    situation = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Situation"))
    prompts = blocks.ListBlock(
        blocks.CharBlock(max_length=500, label=_("Prompt")),
        min_num=1,
        label=_("Discussion prompts"),
    )

    class Meta:
        cacheable = True  # the same for every learner
        icon = "openquote"
        template = "courses/blocks/scenario.html"
        label = _("Scenario")
        preview_value = {
            "title": "A missed meeting",
            "situation": "<p>Your mentee misses a meeting and then texts late at night.</p>",
            "prompts": ["What might be going on?", "How would you reply, and when?"],
        }


class RoleBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=100, label=_("Role"))
    brief = blocks.TextBlock(max_length=1000, label=_("Brief for this role"))

    class Meta:
        icon = "user"
        label = _("Role")


class RolePlayBlock(blocks.StructBlock):
    """A practice exercise in pairs or threes: the roles, how to run it and a debrief."""

    title = blocks.CharBlock(max_length=200, label=_("Title"))
    roles = blocks.ListBlock(RoleBlock(), min_num=2, label=_("Roles"))
    brief = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("How to run it"))
    debrief_questions = blocks.ListBlock(
        blocks.CharBlock(max_length=500, label=_("Question")),
        min_num=1,
        label=_("Debrief questions"),
    )

    class Meta:
        cacheable = True  # the same for every learner
        icon = "group"
        template = "courses/blocks/role_play.html"
        label = _("Role-play")
        preview_value = {
            "title": "Open questions only",
            "roles": [
                {"name": "Mentor", "brief": "Ask only open questions for three minutes."},
                {"name": "Mentee", "brief": "Talk about a recent, low-stakes frustration."},
            ],
            "brief": "<p>Work in pairs, then swap.</p>",
            "debrief_questions": ["Which question opened the conversation up?"],
        }


class ReflectionBlock(blocks.StructBlock):
    """A prompt the learner answers privately. Answers are stored per learner and block id
    (courses.ReflectionAnswer) and shown only to their author."""

    prompt = blocks.TextBlock(max_length=1000, label=_("Prompt"))
    guidance = blocks.TextBlock(required=False, max_length=1000, label=_("Guidance"))

    class Meta:
        icon = "edit"
        template = "courses/blocks/reflection.html"
        label = _("Reflection prompt")
        preview_value = {
            "prompt": "When did someone listen to you well? What did they do?",
            "guidance": "A few private lines are enough.",
        }

    def get_context(self, value, parent_context=None):
        # The page loads the learner's answers for all its prompts in one query
        # (reflection_answers: block id -> answer); the block's own id comes from the stream.
        context = super().get_context(value, parent_context=parent_context)
        answers = context.get("reflection_answers") or {}
        context["answer"] = answers.get(context.get("id"))
        return context


class QuizBlock(blocks.StructBlock):
    """Where the module's quiz appears. It has no settings: the quiz itself is authored
    separately, and ``courses/blocks/quiz.html`` renders it for the page."""

    class Meta:
        icon = "tick"
        template = "courses/blocks/quiz.html"
        label = _("Quiz")
        help_text = _("Marks where this module's quiz appears in the lesson.")
        preview_value = {}


class ModuleBodyBlock(BaseContentBlock):
    scenario = ScenarioBlock()
    role_play = RolePlayBlock()
    reflection = ReflectionBlock()
    resource_links = ResourceLinksBlock()
    quiz = QuizBlock()

    class Meta:
        block_counts = {"quiz": {"max_num": 1}}
