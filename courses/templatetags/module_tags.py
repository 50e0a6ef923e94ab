"""``{% module_body page %}``: a module's lesson, as ``{% include_block page.body %}`` renders it,
with the blocks that look the same to every learner taken from the content cache.

Caching is opt-in (ARCHITECTURE.md, "Safe defaults"): only a block whose class says
``cacheable = True`` in its ``Meta`` is cached; every other block, including any block added
later without the flag, is rendered fresh for each request, so per-learner content (a reflection
answer, a quiz result, a CSRF token) never reaches another learner.
"""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from cms import content_cache

register = template.Library()


def block_is_cacheable(block) -> bool:
    """Whether ``block`` (a block definition) declared its HTML the same for every reader."""
    return block is not None and bool(getattr(block.meta, "cacheable", False))


@register.simple_tag(takes_context=True)
def module_body(context, page):
    request = context.get("request")
    body = page.body
    parent_context = context.flatten()
    if getattr(request, "is_preview", False):  # a draft: never cached
        return body.render_as_block(context=parent_context)
    # Types and ids come from the raw data: a cached block's value is never converted (an image
    # block would cost a query).
    raw = list(body.raw_data)
    child_blocks = body.stream_block.child_blocks
    keys = {
        index: content_cache.content_key("module-block", page.pk, item["id"])
        for index, item in enumerate(raw)
        if item.get("id") and block_is_cacheable(child_blocks.get(item.get("type")))
    }
    cached = content_cache.get_many(list(keys.values()))
    rendered, fresh = [], {}
    for index, item in enumerate(raw):
        key = keys.get(index)
        html = cached.get(key) if key else None
        if html is None:
            html = body[index].render(context=parent_context)
            if key:
                fresh[key] = str(html)
        rendered.append((mark_safe(html), item.get("type")))  # noqa: S308 (block output)
    content_cache.set_many(fresh)
    # The same wrapper as StreamBlock.render_basic, so the page is unchanged.
    return format_html_join(
        "\n", '<div class="w-block-{1} block-{1}">{0}</div>', ((h, t) for h, t in rendered)
    )
