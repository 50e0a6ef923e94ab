from django import template
from django.contrib.auth.models import Permission
from django.db.models import Q

register = template.Library()


@register.filter
def can_open_admin(user) -> bool:
    """Whether to offer the Wagtail admin (nav link, user bar): the wagtailadmin.access_admin
    permission, held directly or through a group. One query, remembered on the user, where
    ``user.has_perm`` would load every permission the user holds (two queries) on every page."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_can_open_admin", None)
    if cached is None:
        cached = Permission.objects.filter(
            Q(user=user) | Q(group__user=user),
            content_type__app_label="wagtailadmin",
            codename="access_admin",
        ).exists()
        user._can_open_admin = cached
    return cached
