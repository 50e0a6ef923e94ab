"""Production: HTTPS only, secrets from the environment, static files through WhiteNoise."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, env_bool

DEBUG = False  # never show tracebacks to the public
SECRET_KEY = os.environ.get("SECRET_KEY", "")  # required: refuse to start without one
if not SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY in the environment (50+ random characters).")
if not os.environ.get("PMA_CREDENTIAL_SIGNING_KEY"):  # signs the verifiable credentials
    raise ImproperlyConfigured(
        "Set PMA_CREDENTIAL_SIGNING_KEY in the environment (run `manage.py credential_keygen`)."
    )

# No local fallback: links, QR codes and signed credential ids are built on it (pma.E002).
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "")

# Persistent connections: PostgreSQL without them served a third of the pages here.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DB_CONN_MAX_AGE", "600"))

STORAGES = {  # compressed, hashed static files served by WhiteNoise
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)  # HTTPS everywhere
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")  # behind a TLS-terminating proxy
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))  # one year
SECURE_HSTS_INCLUDE_SUBDOMAINS = True  # the whole domain is HTTPS
SECURE_HSTS_PRELOAD = True  # eligible for browser preload lists
SESSION_COOKIE_SECURE = True  # cookies only over HTTPS
CSRF_COOKIE_SECURE = True  # cookies only over HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True  # no MIME sniffing
SECURE_REFERRER_POLICY = "same-origin"  # keep verification codes out of referrers
X_FRAME_OPTIONS = "DENY"  # no framing
PMA_STAFF_2FA_REQUIRED = env_bool("PMA_STAFF_2FA_REQUIRED", True)  # staff sign in with 2 factors
