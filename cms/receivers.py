"""Signal receivers of the site app."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from cms.models import Resource
from cms.selectors import resources_cache_clear


@receiver([post_save, post_delete], sender=Resource, dispatch_uid="cms_resources_cache_clear")
def clear_resource_cache(sender, **kwargs):
    # Now, and again after commit so that no reader caches the rows from before it.
    resources_cache_clear()
    transaction.on_commit(resources_cache_clear)
