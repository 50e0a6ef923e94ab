"""System checks for production (``manage.py check --deploy``)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.http.request import validate_host

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


@register(Tags.security, deploy=True)
def public_base_url_is_sound(app_configs=None, **kwargs):
    """pma.E002: WAGTAILADMIN_BASE_URL is the site's public https address, on the host the site
    answers to first. Every link and QR code in e-mails and PDFs, and the ids signed into each
    verifiable credential (its issuer did:web, key and status list URLs), are built on it, and
    a signed id cannot be changed afterwards (docs/credentials.md)."""
    base_url = (settings.WAGTAILADMIN_BASE_URL or "").strip()
    hint = "Set WAGTAILADMIN_BASE_URL to https://<the first ALLOWED_HOSTS entry>, with no path."
    if not base_url:
        problem = "WAGTAILADMIN_BASE_URL is not set."
    else:
        parts = urlsplit(base_url)
        first_host = (settings.ALLOWED_HOSTS or [""])[0]
        if parts.scheme != "https":
            problem = f"WAGTAILADMIN_BASE_URL ({base_url}) is not an https:// address."
        elif not parts.hostname or not validate_host(parts.hostname, [first_host]):
            problem = (
                f"WAGTAILADMIN_BASE_URL's host ({parts.hostname}) is not the first "
                f"ALLOWED_HOSTS entry ({first_host or 'none'})."
            )
        elif parts.path.strip("/") or parts.query or parts.fragment:
            problem = f"WAGTAILADMIN_BASE_URL ({base_url}) must be the root of its host."
        else:
            return []
    return [Error(problem, hint=hint, id="pma.E002")]
