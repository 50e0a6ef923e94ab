from django import template

from cms.roles import user_can_open_admin

register = template.Library()


@register.filter
def can_open_admin(user) -> bool:
    """Whether to offer the Wagtail admin (nav link, user bar). Shares one query per request
    with the role checks of the navigation (see cms.roles)."""
    return user_can_open_admin(user)
