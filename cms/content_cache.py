"""Caching what every visitor sees alike, keyed by a content generation.

Learner pages are per person (progress, answers), but most of the work behind them is not: the
route to a course or module page, a course's outline, the rendered lesson blocks. Those are
cached under keys that carry the *content generation*, a number in one database row
(``cms.ContentGeneration``) that grows in the same transaction as any change to pages, view
restrictions, sites, snippets, images or documents (see ``cms.receivers``).

Why a number in the database rather than deleting keys: a deletion reaches only the cache it is
sent to, and a per-process cache (Django's LocMemCache, the default here) would keep serving the
old content in every other worker. The generation is read once per request (one primary-key
query), so every process sees a change the moment it commits, and old entries simply expire.
Nothing cached here may depend on who is asking, except under a key that names them (the
navigation's role facts, cms.roles, keyed by user: group changes start a new generation too).
"""

from contextvars import ContextVar

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import IntegrityError, transaction
from django.db.models import F
from django.dispatch import receiver
from django.utils.translation import get_language

# Entries outlive any realistic gap between changes; old generations expire on their own.
TIMEOUT = 60 * 60

# Within a request the generation is read once (a dict while a request runs, None outside one:
# a background task reads it afresh every time).
_request_scope: ContextVar[dict | None] = ContextVar("pma_content_generation", default=None)


@receiver(request_started, dispatch_uid="cms_content_generation_scope_open")
def _open_request_scope(**kwargs):
    _request_scope.set({})


@receiver(request_finished, dispatch_uid="cms_content_generation_scope_close")
def _close_request_scope(**kwargs):
    _request_scope.set(None)


def current_generation() -> int:
    """The content generation (0 before the first change): one primary-key query, at most once
    per request."""
    from cms.models import ContentGeneration  # cycle: cms.models caches page routes here

    scope = _request_scope.get()
    if scope is not None and "value" in scope:
        return scope["value"]
    value = ContentGeneration.objects.filter(pk=1).values_list("value", flat=True).first() or 0
    if scope is not None:
        scope["value"] = value
    return value


def bump_generation() -> None:
    """Start a new generation: every key made from here on (after commit) is new."""
    from cms.models import ContentGeneration  # cycle: cms.models caches page routes here

    scope = _request_scope.get()
    if scope is not None:  # this request made the change: read the new value next time
        scope.pop("value", None)
    if ContentGeneration.objects.filter(pk=1).update(value=F("value") + 1):
        return
    try:  # the row is created by a migration; a flushed test database may lack it
        with transaction.atomic():
            ContentGeneration.objects.create(pk=1, value=1)
    except IntegrityError:  # created concurrently: bump that one
        ContentGeneration.objects.filter(pk=1).update(value=F("value") + 1)


def content_key(*parts) -> str:
    """A cache key for shared content: the generation, the language and ``parts``."""
    return ":".join(
        ["pma-content", str(current_generation()), get_language() or "-", *map(str, parts)]
    )


def get_many(keys: list[str]) -> dict:
    return cache.get_many(keys) if keys else {}


def get(key: str):
    return cache.get(key)


def set_many(values: dict) -> None:
    if values:
        cache.set_many(values, TIMEOUT)


def set(key: str, value) -> None:  # noqa: A001 (mirrors the cache API)
    cache.set(key, value, TIMEOUT)
