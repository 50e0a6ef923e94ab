"""The benchmark server: production settings, over plain HTTP on loopback, plus bench URLs."""

from .production import *  # noqa: F403
from .production import STORAGES

ROOT_URLCONF = "cms.bench_urls"  # adds /_bench/trivial/, the baseline view
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
