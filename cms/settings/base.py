"""Settings shared by every environment.

Everything lives here; dev, test and production only override. Secrets and switches come from
the environment, never from this file.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from wagtail.embeds.oembed_providers import vimeo, youtube

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "cms",
    "courses",
    "certification",
    "matching",
    # Development tooling, never imported by the apps above: seed_demo and bench.
    "demo",
    "bench",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_q",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
    # Two-step sign-in for staff (docs/security.md): TOTP apps, recovery codes, passkeys.
    "cms.two_factor",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "cms.middleware.ContentSecurityPolicyMiddleware",  # CSP, by path (see the block below)
    "cms.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Issue 14 point 8 (bad input): NUL bytes and crafted form bodies answer 400, not 500.
    "cms.input_guard.BadInputMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cms.middleware.PrivateResponseMiddleware",  # no-store for anyone signed in
    # Two-step sign-in (docs/security.md): request.user.is_verified(), then hold sessions that
    # still owe a second factor at the verify or set-up page.
    "django_otp.middleware.OTPMiddleware",
    "cms.two_factor.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Issue 14 point 9 (timing): Wagtail's redirects, skipped for final 404s (cms/redirects.py).
    "cms.redirects.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite in the project folder unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the django-q2 worker writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "cms.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# --- Two-step sign-in (issue 14 point 2; docs/security.md "Two-factor sign-in for staff") ---
# On: superusers, Trainers, Supervisors, Coordinators (and anyone who opens the admin) must set
# up and use a second factor. Off here and in dev/test; production turns it on.
PMA_STAFF_2FA_REQUIRED = env_bool("PMA_STAFF_2FA_REQUIRED", False)
OTP_TOTP_ISSUER = os.environ.get("PMA_TOTP_ISSUER", "Peer Mentor Academy")  # shown in the app
OTP_TOTP_THROTTLE_FACTOR = 1  # each wrong code doubles the wait: 1 s, 2 s, 4 s ...
OTP_STATIC_THROTTLE_FACTOR = 1
# Passkeys belong to the site's public address (WAGTAILADMIN_BASE_URL) unless set explicitly;
# browsers allow them on https:// or on http://localhost only.
_PUBLIC = urlsplit(os.environ.get("WAGTAILADMIN_BASE_URL", "http://localhost:8000"))
_PUBLIC_HTTPS = _PUBLIC.scheme == "https"
OTP_WEBAUTHN_RP_ID = os.environ.get("PMA_WEBAUTHN_RP_ID") or (
    _PUBLIC.hostname if _PUBLIC_HTTPS else "localhost"
)
OTP_WEBAUTHN_RP_NAME = OTP_TOTP_ISSUER
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list("PMA_WEBAUTHN_ORIGINS") or (
    [f"https://{_PUBLIC.netloc}"] if _PUBLIC_HTTPS else ["http://localhost:8000"]
)
# Passkeys are a second factor after the password, never a way around it (or its throttle).
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    # Object storage for media (certificate PDFs, images) when a bucket is configured;
    # django-storages reads the AWS_* variables itself.
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }

# Sessions are read from the cache and written through to the database: a signed-in page
# costs no session query, and nothing is lost when the cache is cleared.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Peer Mentor Academy <no-reply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# django-q2 (docs/operations.md). The ORM broker keeps a task in the database until the worker
# acknowledges it and hands it out again `retry` seconds after it was taken: a task whose worker
# died, or that failed (ack_failures off), runs again, up to max_attempts in all. The Redis
# broker pops a task and loses it if the worker dies mid-task, so it is used only when
# Q_BROKER=redis says so; REDIS_URL alone moves the cache, not the queue.
# timeout < retry so a task that runs too long is killed before it is handed out again.
Q_BROKER = os.environ.get("Q_BROKER", "orm").strip().lower() or "orm"
if Q_BROKER not in ("orm", "redis"):
    raise ImproperlyConfigured("Q_BROKER must be 'orm' (the default) or 'redis'.")
if Q_BROKER == "redis" and not REDIS_URL:
    raise ImproperlyConfigured("Q_BROKER=redis needs REDIS_URL.")
Q_CLUSTER = {
    "name": "pma",
    "workers": int(os.environ.get("Q_WORKERS", "2")),
    "timeout": 120,
    "retry": 180,
    "max_attempts": 3,
    "ack_failures": False,
    "save_limit": 1000,
    "catch_up": False,
    "label": _("Background tasks"),
}
if Q_BROKER == "redis":
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"
    Q_CLUSTER["poll"] = 1

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "cms.errors.api_exception_handler",  # domain errors: 4xx with a code
    # Issue 14 point 8 (bad input): JSON with a depth and size limit (deep nesting was a 500).
    "DEFAULT_PARSER_CLASSES": [
        "cms.parsers.LimitedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.UserRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "user": "600/minute",
        "anon": "60/minute",
        "verify": "60/minute",
        "matching": "300/minute",
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Peer Mentor Academy API",
    "DESCRIPTION": "Eligibility and assignments for external matching systems.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["cms.openapi.public_api_only"],
}

WAGTAIL_SITE_NAME = "Peer Mentor Academy"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")

# Open Badges 3.0 / Verifiable Credentials (docs/credentials.md): the issuer's Ed25519 key as a
# multibase secret key (`manage.py credential_keygen`), and public keys of retired ones.
CREDENTIAL_SIGNING_KEY = os.environ.get("PMA_CREDENTIAL_SIGNING_KEY", "")
CREDENTIAL_RETIRED_PUBLIC_KEYS = env_list("PMA_CREDENTIAL_RETIRED_PUBLIC_KEYS")
CREDENTIAL_DEV_KEY_ALLOWED = False  # only dev/test may sign with the public development key
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAIL_I18N_ENABLED = False
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- Content-Security-Policy, headers and third parties (docs/security.md) -------------------
# Nothing a browser loads automatically comes from another host: no Gravatar (an MD5 of every
# staff e-mail), no update check calling out from the admin dashboard.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Video embeds: Wagtail fetches the oEmbed HTML on the server when an editor adds a video; the
# learner's browser loads the player only after they press "Play" (cms/blocks/video.html), from
# these providers alone. The wrapper is styled by site.css, not by an inline style attribute.
WAGTAILEMBEDS_RESPONSIVE_HTML = False
VIDEO_PLAYER_ORIGINS = ["https://www.youtube.com", "https://player.vimeo.com"]
WAGTAILEMBEDS_FINDERS = [{"class": "wagtail.embeds.finders.oembed", "providers": [youtube, vimeo]}]
# Extra origins for media when it is served from object storage on another host (S3).
MEDIA_ORIGINS = env_list("CSP_MEDIA_ORIGINS")
# django-csp 4 (Django 5.2 has no CSP of its own). The public and learner site: our own files,
# inline scripts only with the response's nonce (there are none today), no inline styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *MEDIA_ORIGINS],
        "media-src": [SELF, *MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": VIDEO_PLAYER_ORIGINS,
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The Wagtail admin (cms.middleware): Wagtail 8's widgets write inline <script>s (date pickers,
# inline panels) and style attributes, so scripts and styles may be inline there; everything
# else is as strict, and nothing comes from another host. Previews frame the site: frame-src.
ADMIN_CONTENT_SECURITY_POLICY = {
    "PATH_PREFIX": "/admin/",
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *MEDIA_ORIGINS],
        "frame-src": [SELF, *VIDEO_PLAYER_ORIGINS],
    },
}
# Browser features the site never uses (cms.middleware.PermissionsPolicyMiddleware).
_UNUSED_FEATURES = "accelerometer camera geolocation gyroscope magnetometer microphone payment usb"
PERMISSIONS_POLICY = {feature: [] for feature in _UNUSED_FEATURES.split()}
# Django's SecurityMiddleware, in every environment (production adds HSTS and HTTPS).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"  # keep verification codes out of referrers
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # and frame-ancestors 'none' for browsers that read CSP

# --- Throttling of sign-in, sign-up and password reset (cms/throttle.py, docs/security.md) ---
# The client's address: REMOTE_ADDR, or behind this many trusted proxies the X-Forwarded-For
# entry the outermost one wrote. 0 ignores X-Forwarded-For (anyone can send it).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
REST_FRAMEWORK["NUM_PROXIES"] = TRUSTED_PROXY_COUNT  # DRF's throttles: the same address
# Failed sign-ins an account may have, and an address may have (for all accounts together: an
# office behind one address), before sign-in is refused; counts end after a quiet window.
LOGIN_THROTTLE_ATTEMPTS = int(os.environ.get("LOGIN_THROTTLE_ATTEMPTS", "10"))
LOGIN_THROTTLE_ADDRESS_ATTEMPTS = int(os.environ.get("LOGIN_THROTTLE_ADDRESS_ATTEMPTS", "50"))
LOGIN_THROTTLE_WINDOW = int(os.environ.get("LOGIN_THROTTLE_WINDOW", "900"))
# Sign-up and password-reset requests per address and per e-mail/username in the window.
ACCOUNT_REQUESTS_PER_ADDRESS = int(os.environ.get("ACCOUNT_REQUESTS_PER_ADDRESS", "20"))
ACCOUNT_REQUESTS_PER_IDENTITY = int(os.environ.get("ACCOUNT_REQUESTS_PER_IDENTITY", "3"))
ACCOUNT_REQUESTS_WINDOW = int(os.environ.get("ACCOUNT_REQUESTS_WINDOW", "3600"))
# django-axes: failures as database rows (shared by every worker and host, listed in the admin).
INSTALLED_APPS += ["axes"]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]  # last: turns a lockout into its page
AUTHENTICATION_BACKENDS = [
    "cms.throttle.SignInBackend",  # first: refuses while locked, on every sign-in path
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "cms.throttle.SignInThrottleHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each counted on its own
AXES_FAILURE_LIMIT = "cms.throttle.account_failure_limit"
AXES_COOLOFF_TIME = "cms.throttle.cool_off"
AXES_CLIENT_IP_CALLABLE = "cms.throttle.client_address"
AXES_USERNAME_CALLABLE = "cms.throttle.attempted_username"  # never longer than a username
AXES_LOCKOUT_CALLABLE = "cms.throttle.lockout_response"
AXES_RESET_ON_SUCCESS = True  # the account's failures only (SignInThrottleHandler)
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # a lock ends on time, however often tried
AXES_DISABLE_ACCESS_LOG = True  # no log of every successful sign-in's address (personal data)
AXES_VERBOSE = False  # no start-up banner
LOGGING["loggers"]["axes"] = {"level": "WARNING"}  # failures and lockouts, not every sign-in
