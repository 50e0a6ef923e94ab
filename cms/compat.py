"""Every place this project leans on a Django, Wagtail or treebeard internal, in one module.

Each helper names the internal it uses, why there is no public way, and what to check when
upgrading Django or Wagtail (the test that fails if the internal changes is named too). Code in
cms and courses calls these helpers instead of touching the internal itself.

Also relied on, but necessarily declared where the framework looks for it:

- ``cms.blocks.DECONSTRUCT_ALIASES``: Wagtail reads a block module's alias table when it writes
  a block's import path into migrations (``Block.canonical_module_path``); it lets
  ``CacheableRichTextBlock`` keep the migration state of Wagtail's own ``RichTextBlock``.
  Checked by ``manage.py makemigrations --check``.
- ``cms.services`` overrides ``PasswordResetTokenGenerator._make_hash_value``, the extension
  point Django's own documentation of token generators uses (tests/cms/test_accounts.py).
"""

from django.db.models.deletion import get_candidate_relations_to_delete
from django.utils.functional import LazyObject, empty
from wagtail.admin.views.mixins import SpreadsheetExportMixin


def relations_to_delete(model) -> list:
    """The reverse relations Django's ``Collector`` follows when it deletes rows of ``model``
    (one-to-one and one-to-many, auto-created, including hidden ones). Django's private
    ``django.db.models.deletion.get_candidate_relations_to_delete``: the only way to see the
    relations exactly as a deletion will (cms.deletion; tests/cms/test_deletion.py)."""
    return list(get_candidate_relations_to_delete(model._meta))


def unwrap_lazy(instance):
    """The object behind a ``LazyObject`` such as ``request.user``, evaluated if need be.
    Wagtail's log registry looks up the model of the instance it is given and reads the private
    ``_wrapped`` attribute of a lazy object without evaluating it (cms.audit;
    tests/cms/test_audit.py)."""
    if isinstance(instance, LazyObject):
        if instance._wrapped is empty:
            instance._setup()
        return instance._wrapped
    return instance


def remember_parent_page(child, parent) -> None:
    """Tell treebeard/Wagtail that ``parent`` is ``child``'s parent, so ``get_parent()`` costs
    no query. The private ``_cached_parent_obj`` cache that Wagtail's own ``Page.route`` and
    ``get_children`` fill the same way (courses.models.pages; the module page query budget in
    tests/courses/test_queries.py)."""
    child._cached_parent_obj = parent


def install_csv_export_patch(write_csv_row) -> None:
    """Replace ``SpreadsheetExportMixin.write_csv_row`` for every Wagtail export view, including
    Wagtail's own report views that ``wagtail.admin.urls`` mounts and we cannot subclass
    (cms.exports; tests/cms/test_exports.py). A monkeypatch: check the method's signature when
    upgrading Wagtail. Idempotent."""
    SpreadsheetExportMixin.write_csv_row = write_csv_row
