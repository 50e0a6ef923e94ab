"""StreamField blocks shared by every page type.

Caching is opt-in per block (ARCHITECTURE.md, "Safe defaults"): a block whose HTML is the same
for every reader says so with ``cacheable = True`` in its ``Meta``, and only those are taken from
the content cache (``courses.templatetags.module_tags``). A block without the flag, such as one
that shows a learner's own answer or result, is rendered fresh for every request.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.embeds.embeds import get_embed
from wagtail.embeds.exceptions import EmbedException
from wagtail.images.blocks import ImageBlock

from cms.choices import ResourceCategory

RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
        label=_("Level"),
    )

    class Meta:
        cacheable = True  # the same for every reader
        icon = "title"
        template = "cms/blocks/heading.html"
        label = _("Heading")
        preview_value = {"text": "Listening before advising", "level": "h2"}


class CalloutBlock(blocks.StructBlock):
    """A highlighted note. Safety notes and content notes stand out for learners."""

    kind = blocks.ChoiceBlock(
        choices=[
            ("key_point", _("Key point")),
            ("safety", _("Safety note")),
            ("content_note", _("Content note (difficult material)")),
        ],
        default="key_point",
        label=_("Kind"),
    )
    title = blocks.CharBlock(required=False, max_length=200, label=_("Title"))
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"))

    class Meta:
        cacheable = True  # the same for every reader
        icon = "warning"
        template = "cms/blocks/callout.html"
        label = _("Callout")
        preview_value = {
            "kind": "safety",
            "title": "If someone is in immediate danger",
            "text": "<p>Call the emergency services, then tell your supervisor.</p>",
        }


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, max_length=250, label=_("Caption"))

    class Meta:
        cacheable = True  # the same for every reader
        icon = "image"
        template = "cms/blocks/image.html"
        label = _("Image")


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video URL"))
    transcript = blocks.RichTextBlock(
        required=False,
        features=RICH_TEXT_FEATURES,
        label=_("Transcript"),
        help_text=_("A transcript makes the video accessible to everyone."),
    )

    def get_context(self, value, parent_context=None):
        """The embed Wagtail fetched on the server when the editor added the video (its title
        and provider name the Play button); None if the provider no longer answers."""
        context = super().get_context(value, parent_context=parent_context)
        try:
            context["embed"] = get_embed(value["video"].url) if value["video"] else None
        except EmbedException:
            context["embed"] = None
        return context

    class Meta:
        cacheable = True  # the same for every reader
        icon = "media"
        template = "cms/blocks/video.html"
        label = _("Video")


class CacheableRichTextBlock(blocks.RichTextBlock):
    """Rich text, the same for every reader."""

    class Meta:
        cacheable = True


# The flag changes how a block is rendered, not what is stored: migrations keep naming Wagtail's
# own RichTextBlock, through the alias table Wagtail itself uses for its block paths (listed in
# cms.compat with the other framework internals we rely on).
DECONSTRUCT_ALIASES = {CacheableRichTextBlock: "wagtail.blocks.RichTextBlock"}


class BaseContentBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    rich_text = CacheableRichTextBlock(
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        label=_("Text"),
        template="cms/blocks/rich_text.html",
    )
    callout = CalloutBlock()
    image = CaptionedImageBlock()
    video = VideoBlock()


# The directory's categories, with the plural headings a list of resources shows.
RESOURCE_CATEGORY_HEADINGS = {
    ResourceCategory.CRISIS_LINE: _("Crisis lines"),
    ResourceCategory.EMERGENCY: _("Emergency services"),
    ResourceCategory.LOCAL_SERVICE: _("Local services"),
    ResourceCategory.ONLINE_SUPPORT: _("Online support"),
    ResourceCategory.PEER_SUPPORT_GROUP: _("Peer support groups"),
}
RESOURCE_CATEGORY_CHOICES = [
    (category.value, RESOURCE_CATEGORY_HEADINGS[category]) for category in ResourceCategory
]


class ResourceLinksBlock(blocks.StructBlock):
    """Resources from the referral directory, by category, with a link to the whole directory.

    Resources come from a cache (see ``cms.selectors.resources_in_categories``); a page may
    also put ``referral_resources`` (category -> resources) in the template context.
    """

    title = blocks.CharBlock(max_length=200, label=_("Title"))
    intro = blocks.TextBlock(required=False, max_length=500, label=_("Introduction"))
    categories = blocks.MultipleChoiceBlock(
        choices=RESOURCE_CATEGORY_CHOICES,
        label=_("Categories"),
        help_text=_("Resources in these categories are listed, real services first."),
    )

    class Meta:
        cacheable = True  # the same for every reader
        icon = "help"
        template = "cms/blocks/resource_links.html"
        label = _("Referral resources")
        preview_value = {
            "title": "Where to find more support",
            "intro": "Services a mentee can contact between meetings.",
            "categories": ["crisis_line", "peer_support_group"],
        }

    def get_context(self, value, parent_context=None):
        from cms.selectors import resources_in_categories  # cycle: cms.models uses these blocks

        context = super().get_context(value, parent_context=parent_context)
        categories = list(value.get("categories") or [])
        preloaded = (parent_context or {}).get("referral_resources")
        if preloaded is None or any(category not in preloaded for category in categories):
            preloaded = resources_in_categories(categories=categories)
        labels = dict(RESOURCE_CATEGORY_CHOICES)
        context["resource_groups"] = [
            {
                "category": category,
                "label": labels.get(category, category),
                "resources": preloaded[category],
            }
            for category in categories
            if preloaded.get(category)
        ]
        context["resource_directory_url"] = reverse("resource_directory")
        return context
