"""What the status lists remember beyond each certificate's current index (docs/credentials.md).

Imported by ``certification.models`` so that Django registers it in the certification app.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SpentStatusIndex(models.Model):
    """A status list index a certificate gave up when it was reinstated. The credential handed
    out while it was suspended names this index, so its revocation bit stays set for good, and
    the index is never handed out again; the reinstated certificate has a fresh one."""

    index = models.PositiveIntegerField(_("status list index"), unique=True, editable=False)
    certificate = models.ForeignKey(
        "certification.Certificate",
        on_delete=models.PROTECT,
        related_name="spent_status_indexes",
        verbose_name=_("certificate"),
    )
    spent_at = models.DateTimeField(_("spent at"))

    class Meta:
        app_label = "certification"
        verbose_name = _("spent status list index")
        verbose_name_plural = _("spent status list indexes")

    def __str__(self):
        return str(self.index)
