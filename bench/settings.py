"""The benchmark server: production settings, over plain HTTP on loopback, plus bench URLs."""

import os

# The benchmark server publishes no credentials. Without a signing key in the environment it
# signs, as development does, with the public development key: production's refusal to start
# without a key is passed only to be replaced by exactly that below.
_SIGNING_KEY_GIVEN = bool(os.environ.get("PMA_CREDENTIAL_SIGNING_KEY"))
os.environ.setdefault("PMA_CREDENTIAL_SIGNING_KEY", "bench-uses-the-development-key")

from cms.settings.production import *  # noqa: E402, F403
from cms.settings.production import STORAGES  # noqa: E402

if not _SIGNING_KEY_GIVEN:
    CREDENTIAL_SIGNING_KEY = ""
    CREDENTIAL_DEV_KEY_ALLOWED = True

ROOT_URLCONF = "bench.urls"  # adds /_bench/trivial/, the baseline view
SECURE_SSL_REDIRECT = False  # the load client speaks plain HTTP to 127.0.0.1
SESSION_COOKIE_SECURE = False  # signed-in figures send the session cookie over plain HTTP
CSRF_COOKIE_SECURE = False  # the load client signs in through the login form over HTTP
SECURE_HSTS_SECONDS = 0  # no HSTS for a loopback server
STATIC_ROOT = None  # no collectstatic needed: WhiteNoise serves from the apps' static folders
WHITENOISE_USE_FINDERS = True  # ... which it finds through the staticfiles finders
STORAGES = {  # no manifest either: pages are measured, not their static files
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
