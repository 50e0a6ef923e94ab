"""Signal receivers of the site app."""

from functools import cache

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.dispatch import receiver
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import post_page_move
from wagtail.snippets.models import get_snippet_models

from cms import throttle
from cms.content_cache import bump_generation
from cms.models import Resource
from cms.selectors import resources_cache_clear


@receiver([post_save, post_delete], sender=Resource, dispatch_uid="cms_resources_cache_clear")
def clear_resource_cache(sender, **kwargs):
    # Now, and again after commit so that no reader caches the rows from before it.
    resources_cache_clear()
    transaction.on_commit(resources_cache_clear)


@cache
def _content_models() -> tuple[type, ...]:
    """What published pages are made of: pages, their view restrictions, sites, images,
    documents and every snippet (quizzes, competencies, resources...), and the groups that
    decide what the navigation offers (cms.roles)."""
    return (
        Page,
        PageViewRestriction,
        Site,
        get_image_model(),
        get_document_model(),
        *get_snippet_models(),
        Group,
    )


@cache
def _access_relations() -> tuple[type, ...]:
    """Who is in which group and what a group may do: the role facts depend on them."""
    return (get_user_model().groups.through, Group.permissions.through)


@receiver([post_save, post_delete], dispatch_uid="cms_content_generation_on_change")
def new_content_generation(sender, instance, raw=False, **kwargs):
    """Any saved or deleted piece of content starts a new generation (cms.content_cache)."""
    if not raw and isinstance(instance, _content_models()):
        bump_generation()


@receiver(m2m_changed, dispatch_uid="cms_content_generation_on_relation_change")
def new_content_generation_on_relation(sender, instance, action, **kwargs):
    # A view restriction's groups, a page's competencies, a person's roles: relations count too.
    if not action.startswith("post_"):
        return
    if isinstance(instance, _content_models()) or sender in _access_relations():
        bump_generation()


@receiver(post_page_move, dispatch_uid="cms_content_generation_on_move")
def new_content_generation_on_move(sender, **kwargs):
    # A move rewrites the URL paths of the page's descendants with one UPDATE (no save signal).
    bump_generation()


@receiver(post_migrate, dispatch_uid="cms_sqlite_statistics_after_migrate")
def refresh_sqlite_statistics(sender, using="default", **kwargs):
    """SQLite rebuilds a table to alter it and drops the table's planner statistics with it;
    without them it chose a scan of every active certificate per mentor for the roster (0.26 s
    instead of a few ms at 10,000 mentors). A database that had statistics gets them again."""
    if sender.label != "cms":  # once per migrate, not once per app
        return
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'")
        if cursor.fetchone():
            cursor.execute("ANALYZE")


@receiver(user_locked_out, dispatch_uid="cms_audit_account_lockout")
def audit_account_lockout(sender, *, request, username, ip_address, **kwargs) -> None:
    """An account that ran out of sign-in attempts reaches Wagtail's audit log, once per lock."""
    at = getattr(request, "axes_attempt_time", None) or timezone.now()
    throttle.lockout_audit(username=username or "", address=ip_address or "", at=at)
