from django.urls import path, re_path

from certification.codes import CODE_PATTERN
from certification.views import certificates, credentials, practice, verification

app_name = "certification"

urlpatterns = [
    path("practice/", practice.practice_log_list, name="practice_log_list"),
    path("practice/new/", practice.practice_log_create, name="practice_log_create"),
    path("practice/<int:pk>/", practice.practice_log_detail, name="practice_log_detail"),
    path("practice/<int:pk>/edit/", practice.practice_log_edit, name="practice_log_edit"),
    path("practice/<int:pk>/submit/", practice.practice_log_submit, name="practice_log_submit"),
    path(
        "practice/<int:pk>/withdraw/", practice.practice_log_withdraw, name="practice_log_withdraw"
    ),
    path("certification/", certificates.my_certification, name="my_certification"),
    path("certification/<slug:slug>/renew/", certificates.renew, name="renew"),
    path(
        "certification/certificates/<str:serial>/pdf/",
        certificates.download_pdf,
        name="certificate_pdf",
    ),
    path("verify/", verification.verify_form, name="verify_form"),
    re_path(
        rf"^verify/(?P<code>{CODE_PATTERN})\.json$", verification.verify_json, name="verify_json"
    ),
    re_path(rf"^verify/(?P<code>{CODE_PATTERN})/$", verification.verify_page, name="verify"),
    path("credentials/issuer.json", credentials.issuer, name="credential_issuer"),
    path(".well-known/did.json", credentials.did_document, name="credential_did"),
    re_path(
        r"^credentials/status/(?P<name>[a-z]{1,20}-[0-9]{1,9})\.json$",
        credentials.status_list,
        name="credential_status",
    ),
    path("credentials/badges/<slug:slug>.svg", credentials.badge, name="credential_badge"),
    re_path(
        rf"^credentials/(?P<code>{CODE_PATTERN})\.json$",
        credentials.credential,
        name="credential",
    ),
]
