"""Mounted at /accounts/two-factor/ by cms/urls.py (passkey endpoints under webauthn/)."""

from django.urls import path

from cms.two_factor import views

app_name = "two_factor"

urlpatterns = [
    path("", views.manage, name="manage"),
    path("setup/", views.setup, name="setup"),
    path("setup/passkey-added/", views.passkey_added, name="passkey_added"),
    path("verify/", views.verify, name="verify"),
    path("recovery/", views.recovery, name="recovery"),
    path("recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path(
        "recovery-codes/download/",
        views.recovery_codes_download,
        name="recovery_codes_download",
    ),
    path(
        "recovery-codes/renew/",
        views.recovery_codes_regenerate,
        name="recovery_codes_regenerate",
    ),
    path("methods/<str:kind>/<int:pk>/remove/", views.remove, name="remove"),
]
