"""Tests: fast hashing, in-memory e-mail, tasks run in-process unless a test starts a worker."""

import os

from .base import *  # noqa: F403
from .base import Q_CLUSTER

SECRET_KEY = os.environ.get("SECRET_KEY") or "test-only-insecure-key"  # tests only
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # assert on mail.outbox
Q_CLUSTER = {**Q_CLUSTER, "sync": True}  # enqueued tasks run at once, in the test's process
STORAGES = {  # no hashed-manifest step needed to render templates
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CREDENTIAL_DEV_KEY_ALLOWED = True  # no key set: sign with the public, worthless dev key
