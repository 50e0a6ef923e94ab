"""The composition root: every app's URLs meet here; Wagtail's catch-all comes last."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib.staticfiles.urls import staticfiles_urlpatterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.documents import urls as wagtaildocs_urls

from cms import audit, views

# --- Audit trail (issue 14 point 7): Wagtail's Site history, for those who may read it ------
# Same paths as Wagtail's, matched first, so its URL names still reverse to them.
audit_urls = [
    path(
        "admin/reports/site-history/",
        audit.site_history_guard(LogEntriesView.as_view()),
    ),
    path(
        "admin/reports/site-history/results/",
        audit.site_history_guard(LogEntriesView.as_view(results_only=True)),
    ),
]
# --- end audit trail ---

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("help/", views.get_help, name="get_help"),
    path("help/directory/", views.resource_directory, name="resource_directory"),
    # Sign-up and password reset: same answer whoever has an account; throttled (cms/throttle.py).
    # Sign-in on every path is throttled by django-axes' backend, not by a view.
    path("accounts/signup/", views.SignUpView.as_view(), name="signup"),
    path("accounts/signup/done/", views.SignUpDoneView.as_view(), name="signup_done"),
    path(
        "accounts/signup/confirm/<uidb64>/<token>/",
        views.SignUpConfirmView.as_view(),
        name="signup_confirm",
    ),
    path("accounts/password_reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("accounts/data/", views.my_data, name="my_data"),
    # Two-step sign-in (docs/security.md): our pages, and django-otp-webauthn's passkey endpoints.
    path("accounts/two-factor/", include("cms.two_factor.urls")),
    path("accounts/two-factor/webauthn/", include("django_otp_webauthn.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    *audit_urls,
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("courses.urls")),
    path("", include("certification.urls")),
    path("api/v1/", include("matching.urls")),
]

if settings.DEBUG:
    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "cms.views.page_not_found"
handler500 = "cms.views.server_error"
