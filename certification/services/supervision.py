"""Writes for supervision links: save (the rules re-checked under the mentor's row lock) and
delete (only a link made by mistake, with no history)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from certification.models import SupervisionLink
from certification.selectors import supervision_link_delete_refusal
from cms.models import User


def _lock_users(*user_ids) -> None:
    ids = sorted({pk for pk in user_ids if pk is not None})
    list(User.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk"))


@transaction.atomic
def supervision_link_save(*, link: SupervisionLink) -> SupervisionLink:
    """Save a new or edited supervision link if ``SupervisionLink.clean`` accepts it: an active
    supervisor, an active mentor, valid dates and no other link of the mentor sharing a day. The
    mentor's row is locked first (as the gate locks it), so two overlapping links saved at once
    end with one; the second is refused naming the first."""
    previous_mentor = (
        SupervisionLink.objects.filter(pk=link.pk).values_list("mentor_id", flat=True).first()
        if link.pk
        else None
    )
    _lock_users(link.mentor_id, previous_mentor)
    link.full_clean()
    link.save()
    return link


@transaction.atomic
def supervision_link_delete(*, link: SupervisionLink) -> None:
    """Delete a link made by mistake. A link with history (``selectors.supervision_link_history``:
    practice logs, endorsements, or something downstream relying on it) is refused: ending it
    keeps the history, so the coordinator sets an end date instead."""
    _lock_users(link.mentor_id)
    if refusal := supervision_link_delete_refusal(link=link):
        raise ValidationError(refusal)
    link.delete()
