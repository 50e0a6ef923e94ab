from django import template

from certification.permissions import practice_log_policy

register = template.Library()


@register.filter
def is_mentor(user) -> bool:
    """True for whoever keeps practice logs (mentors): they get the "My practice" link."""
    return practice_log_policy().user_has_permission(user, "write_own")
