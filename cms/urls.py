"""The composition root: every app's URLs meet here; Wagtail's catch-all comes last."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import views
from cms.forms import ThrottledAuthenticationForm

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("help/", views.get_help, name="get_help"),
    path("help/directory/", views.resource_directory, name="resource_directory"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=ThrottledAuthenticationForm),
        name="login",
    ),
    path("accounts/signup/", views.SignUpView.as_view(), name="signup"),
    path("accounts/data/", views.my_data, name="my_data"),
    # Two-step sign-in (docs/security.md): our pages, and django-otp-webauthn's passkey endpoints.
    path("accounts/two-factor/", include("cms.two_factor.urls")),
    path("accounts/two-factor/webauthn/", include("django_otp_webauthn.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("courses.urls")),
    path("", include("certification.urls")),
    path("api/v1/", include("matching.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "cms.views.page_not_found"
handler500 = "cms.views.server_error"
