"""Who may hold an API token, and who is told about assignments that need review."""

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from cms.errors import DomainError
from cms.models import User
from cms.roles import COORDINATORS, user_has_role

SERVICE_ACCOUNTS = "Service accounts"


def api_token_issue(*, user, rotate: bool = False) -> Token:
    """The API token of a coordinator or service account (a new key when ``rotate``).

    Only active coordinators, members of "Service accounts" and superusers may hold one.
    """
    if not user.is_active or not (
        user.is_superuser
        or user_has_role(user, COORDINATORS)
        or user.groups.filter(name=SERVICE_ACCOUNTS).exists()
    ):
        raise DomainError(
            _("Only active coordinators and service accounts may hold an API token."),
            code="api_token_refused",
        )
    with transaction.atomic():
        if rotate:
            Token.objects.filter(user=user).delete()
        token, _created = Token.objects.get_or_create(user=user)
    return token


def coordinators_to_notify():
    """Active coordinators with an e-mail address."""
    return (
        User.objects.filter(Q(groups__name=COORDINATORS), is_active=True)
        .exclude(email="")
        .distinct()
    )
