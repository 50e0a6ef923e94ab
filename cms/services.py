"""Writes owned by the site app: accounts (sign-up that never says who has one)."""

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from cms import roles
from cms.locks import user_lock
from cms.models import User


class AccountConfirmationTokenGenerator(PasswordResetTokenGenerator):
    """One-use links that confirm a new account's e-mail address: the hash covers ``is_active``,
    so a link stops working once its account is open."""

    key_salt = "cms.services.AccountConfirmationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


account_confirmation_token = AccountConfirmationTokenGenerator()


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _mail(template: str, *, to: str, context: dict) -> None:
    """Send one of the sign-up e-mails once the transaction has committed."""
    context = {"site_name": settings.WAGTAIL_SITE_NAME, **context}
    subject = " ".join(render_to_string(f"registration/{template}_subject.txt", context).split())
    body = render_to_string(f"registration/{template}_email.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, None, [to]))


def account_confirmation_url(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = account_confirmation_token.make_token(user)
    return _absolute(reverse("signup_confirm", args=[uid, token]))


def _awaiting_confirmation(user: User) -> bool:
    return not user.is_active and user.last_login is None and user.erased_at is None


@transaction.atomic
def mentor_sign_up(
    *, username: str, email: str, password: str, first_name: str = "", last_name: str = ""
) -> User | None:
    """Ask for a prospective mentor's account without saying whether one exists.

    Whatever the outcome the person sees the same "check your e-mail" page, and exactly one
    e-mail goes out: to a new address, a confirmation link (the account stays inactive, so it
    cannot sign in, until the link is followed: nobody can learn from a sign-in whether the
    address was free); to an address that has an account, a note to its holder (with the
    confirmation link again while that account still waits for it); when only the username is
    taken, a note asking for another. The password is hashed on every path, so the answer
    takes as long either way. Returns the new, unconfirmed account, or None."""
    email = email.strip()
    hashed = make_password(password)
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        waiting = _awaiting_confirmation(existing)
        _mail(
            "signup_existing",
            to=existing.email,
            context={
                "user": existing,
                "login_url": _absolute(reverse("login")),
                "reset_url": _absolute(reverse("password_reset")),
                "confirm_url": account_confirmation_url(existing) if waiting else "",
            },
        )
        return None
    if User.objects.filter(username__iexact=username).exists():
        _mail(
            "signup_username_taken",
            to=email,
            context={"username": username, "signup_url": _absolute(reverse("signup"))},
        )
        return None
    try:
        with transaction.atomic():
            user = User.objects.create(
                username=username,
                email=email,
                password=hashed,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
                is_active=False,
            )
    except IntegrityError:  # the same address or username, signed up a moment ago
        return None
    user.groups.add(Group.objects.get(name=roles.MENTORS))
    _mail(
        "signup_confirm",
        to=email,
        context={"user": user, "confirm_url": account_confirmation_url(user)},
    )
    return user


def mentor_sign_up_confirm(*, uidb64: str, token: str) -> User | None:
    """Open the account a confirmation link names, once; None when the link is not valid."""
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (TypeError, ValueError, OverflowError, UnicodeDecodeError):
        return None
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=pk).first()
        if user is None or not _awaiting_confirmation(user):
            return None
        if not account_confirmation_token.check_token(user, token):
            return None
        user.is_active = True
        user.save(update_fields=["is_active"])
    return user


def password_reset_unknown_address(*, email: str) -> None:
    """The reset e-mail's twin for an address no account can reset with: the same flow, so the
    reset page tells nobody whether an address has an account."""
    _mail(
        "password_reset_unknown",
        to=email.strip(),
        context={
            "email": email.strip(),
            "signup_url": _absolute(reverse("signup")),
        },
    )


def account_lock_open(*, user) -> bool:
    """Lock the person's row for the rest of this transaction, as erasure does (cms.privacy),
    and say whether their account is still open. Every write of someone's personal data calls
    it first: a write racing an erasure waits for it, then finds the account closed instead of
    storing data against the erased person's tombstone."""
    locked = user_lock(user.pk)
    return locked is not None and locked.is_active
