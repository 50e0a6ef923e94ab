"""The recorded reason every consequential decision takes (an erasure, a certificate's
suspension or revocation, an assignment's review or end): one length limit, one check."""

from django.utils.translation import gettext as _

from cms.errors import DomainError

REASON_MAX_LENGTH = 2000


def reason_clean(
    reason: str,
    *,
    required: bool = True,
    missing: str | None = None,
    error: type[DomainError] = DomainError,
    field: str = "reason",
) -> str:
    """``reason`` stripped; raises ``error`` on ``field`` when it is missing (and ``required``;
    ``missing`` says what a reason is for) or longer than ``REASON_MAX_LENGTH``."""
    reason = (reason or "").strip()
    if required and not reason:
        raise error(
            {field: missing or _("Please give a reason: it is recorded.")}, code="reason_missing"
        )
    if len(reason) > REASON_MAX_LENGTH:
        raise error(
            {
                field: _("Please keep the reason under %(max)d characters.")
                % {"max": REASON_MAX_LENGTH}
            },
            code="reason_too_long",
        )
    return reason
