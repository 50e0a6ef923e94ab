from django import template

from cms.roles import MENTORS, user_has_role

register = template.Library()


@register.filter
def is_mentor(user) -> bool:
    """True for signed-in mentors: they get the "My practice" link."""
    return user_has_role(user, MENTORS)
