"""``{% module_body page %}``: a module's lesson, as ``{% include_block page.body %}`` renders it,
with the blocks that look the same to every learner taken from the content cache."""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from cms import content_cache

register = template.Library()

# Blocks whose HTML depends on who is reading: the learner's private reflection answer (and a
# form with their CSRF token), whether they passed the quiz. Everything else is cacheable.
PERSONAL_BLOCK_TYPES = frozenset({"reflection", "quiz"})


@register.simple_tag(takes_context=True)
def module_body(context, page):
    request = context.get("request")
    body = page.body
    parent_context = context.flatten()
    if getattr(request, "is_preview", False):  # a draft: never cached
        return body.render_as_block(context=parent_context)
    raw = list(body.raw_data)
    keys = {
        index: content_cache.content_key("module-block", page.pk, item.get("id"))
        for index, item in enumerate(raw)
        if item.get("type") not in PERSONAL_BLOCK_TYPES and item.get("id")
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
