"""Choices that both models and blocks name (blocks cannot import models: models import blocks)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ResourceCategory(models.TextChoices):
    """The kinds of service in the referral directory (``Resource.category``)."""

    CRISIS_LINE = "crisis_line", _("Crisis line")
    EMERGENCY = "emergency", _("Emergency services")
    LOCAL_SERVICE = "local_service", _("Local service")
    ONLINE_SUPPORT = "online_support", _("Online support")
    PEER_SUPPORT_GROUP = "peer_support_group", _("Peer support group")
