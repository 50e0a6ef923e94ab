"""Local development: debug on, a throwaway key, e-mail to the console."""

import os

from .base import *  # noqa: F403

DEBUG = True  # show errors and serve media while developing
SECRET_KEY = (
    os.environ.get("SECRET_KEY") or "dev-only-insecure-key-never-use-in-production"
)  # local only
CREDENTIAL_DEV_KEY_ALLOWED = True  # no key set: sign with the public, worthless dev key
