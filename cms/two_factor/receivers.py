"""Sign-in remembers whether the person has a second factor (see selectors.SESSION_ENROLLED);
a passkey added through django-otp-webauthn's endpoints is logged like any other change."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save
from django.dispatch import receiver
from django_otp_webauthn.models import WebAuthnCredential

from cms.two_factor import audit, selectors


@receiver(user_logged_in, dispatch_uid="two_factor_remember_enrolment")
def remember_enrolment(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[selectors.SESSION_ENROLLED] = selectors.has_second_factor(user=user)


@receiver(post_save, sender=WebAuthnCredential, dispatch_uid="two_factor_log_passkey")
def log_passkey_added(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        # The library saves it with request.user, a lazy wrapper Wagtail's log cannot file.
        user = get_user_model().objects.get(pk=instance.user_id)
        audit.log_second_factor_added(user=user, kind="passkey", name=instance.name)
