"""System checks for production (``manage.py check --deploy``)."""

from django.conf import settings
from django.core.checks import Error, Tags, register

# Caches each process (or each host) keeps for itself: counts kept there are not shared, so
# every gunicorn worker would allow its own full set of tries.
PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.filebased.FileBasedCache",
}


@register(Tags.security, Tags.caches, deploy=True)
def throttle_store_is_shared(app_configs=None, **kwargs):
    """pma.E001: the throttles' cache (sign-up, password reset, look-ups, the API, and axes when
    its cache handler is chosen) must be shared by every worker and host."""
    aliases = {"default"}
    if settings.AXES_HANDLER == "axes.handlers.cache.AxesCacheHandler":
        aliases.add(getattr(settings, "AXES_CACHE", "default"))
    errors = []
    for alias in sorted(aliases):
        backend = settings.CACHES.get(alias, {}).get("BACKEND", "")
        if backend in PER_PROCESS_CACHES:
            errors.append(
                Error(
                    f"The throttles count in the '{alias}' cache, which is kept per process "
                    f"({backend}): every worker would allow its own set of tries.",
                    hint="Set REDIS_URL so every worker and host shares one cache.",
                    id="pma.E001",
                )
            )
    return errors
