"""Every lesson block has an icon, a template and a preview, and renders."""

import pytest
from django.template.loader import render_to_string

from courses.blocks import ModuleBodyBlock
from courses.models import ModulePage
from tests.factories.cms import PASSWORD
from tests.factories.courses import LESSON_BODY, ResourceFactory

pytestmark = pytest.mark.django_db

BODY = ModuleBodyBlock()
# The lesson blocks preview in the admin. Of the shared blocks from cms.blocks, plain text
# has no sample value, and images and videos need an upload or an oEmbed provider.
PREVIEWED = [name for name in BODY.child_blocks if name not in {"rich_text", "image", "video"}]


@pytest.mark.parametrize("name", list(BODY.child_blocks))
def test_every_block_has_an_icon_and_a_template(name):
    block = BODY.child_blocks[name]
    assert block.meta.icon not in ("", "placeholder"), name
    assert block.get_template(block.get_default()), name


@pytest.mark.parametrize("name", PREVIEWED)
def test_every_lesson_block_previews_in_the_admin(name, client, trainer):
    block = ModulePage._meta.get_field("body").stream_block.child_blocks[name]
    assert block.is_previewable
    ResourceFactory(category="crisis_line", name="Preview line")
    client.login(username=trainer.username, password=PASSWORD)
    response = client.get("/admin/block-preview/", {"id": block.definition_prefix})
    assert response.status_code == 200
    assert "cms/css/site.css" in response.content.decode()


@pytest.mark.parametrize("item", LESSON_BODY, ids=[item["type"] for item in LESSON_BODY])
def test_every_block_renders_its_value(item):
    ResourceFactory(category="crisis_line", name="Listening Line", is_example=False)
    block = BODY.child_blocks[item["type"]]
    value = block.to_python(item["value"])
    html = block.render(value, context={"id": "block-1"})
    assert html.strip()
    expected = {
        "heading": "Why listening comes first",
        "rich_text": "Attention the other person can notice.",
        "callout": "Safety note",
        "scenario": "To discuss",
        "role_play": "Debrief",
        "reflection": "Who listened to you well?",
        "resource_links": "Listening Line",
        "quiz": "This module has no quiz.",
    }[item["type"]]
    assert expected in html


def test_example_resources_carry_a_visible_badge():
    resource = ResourceFactory(is_example=True)
    html = render_to_string("cms/includes/resource_card.html", {"resource": resource})
    assert "Example listing" in html
    resource.is_example = False
    assert "Example listing" not in render_to_string(
        "cms/includes/resource_card.html", {"resource": resource}
    )


def test_reflection_block_shows_only_the_answer_it_is_given():
    block = BODY.child_blocks["reflection"]
    value = block.to_python({"prompt": "Who listened?", "guidance": ""})
    html = block.render(value, context={"id": "r1", "reflection_answers": {}})
    assert "Learners can save a private answer here." in html
