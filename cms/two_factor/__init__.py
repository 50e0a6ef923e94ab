"""Two-step sign-in (docs/security.md, "Two-factor sign-in for staff").

A second factor after the password: an authenticator app (TOTP, django-otp), a passkey
(WebAuthn, django-otp-webauthn) and single-use recovery codes (django-otp's static device).
Staff roles must use it when ``PMA_STAFF_2FA_REQUIRED`` is on; mentors may choose to.

Every sign-in path (the site's, Wagtail's admin login, page-privacy login) ends in an ordinary
Django session; ``middleware.TwoFactorMiddleware`` then holds that session at the verify or
set-up page until a second factor has verified it, so no sign-in path needs to know about it.
"""
