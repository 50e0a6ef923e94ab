"""Wagtail admin views for a person's data: find a person, export their data, erase it.

Who may do what is ``cms.permissions.personal_data_policy``: coordinators hold
``cms.export_person`` and ``cms.erase_person`` (migration 0008); superusers hold everything.
Each view checks its own action; the erasure itself is ``cms.privacy.person_erase``, which
checks again.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.models import Page

from cms import deletion, privacy
from cms.errors import add_service_errors
from cms.forms import PersonEraseForm
from cms.models import PersonErasure
from cms.permissions import PERSONAL_DATA_ACTIONS, can_manage_personal_data, personal_data_policy
from cms.views import zip_response

SEARCH_LIMIT = 50


class PersonDataMixin(PermissionCheckedMixin, WagtailAdminTemplateMixin):
    permission_policy = personal_data_policy
    any_permission_required = PERSONAL_DATA_ACTIONS
    header_icon = "user"

    @cached_property
    def person(self):
        """The person in the URL, read after the permission check: a refused user learns
        nothing of who exists."""
        return get_object_or_404(get_user_model(), pk=self.kwargs["pk"])

    def get_breadcrumbs_items(self):
        items = [
            *super().get_breadcrumbs_items(),
            {"url": reverse("cms_admin:person_search"), "label": _("Personal data")},
        ]
        if "pk" in self.kwargs:
            items.append(
                {
                    "url": reverse("cms_admin:person", args=[self.person.pk]),
                    "label": self.person.username,
                }
            )
        return items


class PersonSearchView(PersonDataMixin, TemplateView):
    template_name = "cms/admin/person_search.html"
    page_title = gettext_lazy("Personal data")

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "").strip()
        people = []
        if query:
            people = list(
                get_user_model()
                .objects.filter(
                    Q(username__icontains=query)
                    | Q(email__icontains=query)
                    | Q(first_name__icontains=query)
                    | Q(last_name__icontains=query)
                    | Q(display_name__icontains=query)
                )
                .order_by("username")[:SEARCH_LIMIT]
            )
        return super().get_context_data(query=query, people=people, **kwargs)


class PersonDataView(PersonDataMixin, TemplateView):
    template_name = "cms/admin/person_data.html"
    page_title = gettext_lazy("Personal data")

    def get_page_subtitle(self):
        return self.person.username

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            person=self.person,
            erasure=PersonErasure.objects.filter(person=self.person)
            .select_related("actor")
            .first(),
            can_export=self.user_has_permission("export"),
            can_erase=self.user_has_permission("erase"),
            **kwargs,
        )


@method_decorator(never_cache, name="dispatch")
class PersonExportView(PersonDataMixin, View):
    permission_required = "export"
    any_permission_required = None

    def post(self, request, pk):
        return zip_response(
            privacy.person_export_archive(user=self.person, actor=request.user, via="admin"),
            filename=privacy.export_filename(self.person),
        )


class PersonEraseView(PersonDataMixin, TemplateView):
    template_name = "cms/admin/person_erase.html"
    page_title = gettext_lazy("Erase a person's data")
    permission_required = "erase"
    any_permission_required = None

    def get_page_subtitle(self):
        return self.person.username

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self._form()))

    def post(self, request, *args, **kwargs):
        form = self._form(request.POST)
        if form.is_valid():
            try:
                erasure = privacy.person_erase(
                    person_id=self.person.pk,
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except privacy.PersonErasureError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The data of this person was erased. The account is now %(username)s.")
                    % {"username": erasure.person.username},
                )
                return redirect("cms_admin:person", pk=self.person.pk)
        return self.render_to_response(self.get_context_data(form=form))

    def _form(self, data=None):
        return PersonEraseForm(data, person=self.person)

    def get_context_data(self, **kwargs):
        refusal = privacy.erasure_refusal(person=self.person, actor=self.request.user)
        return super().get_context_data(
            person=self.person,
            refusal=refusal,
            plan=privacy.counts_described(privacy.person_erasure_preview(user=self.person)),
            **kwargs,
        )


# Refusing a delete that would take history with it (issue 13, point 7). What a delete would
# take is cms.deletion's answer; these views only word the refusal for the person asking.

BULK_NAMING_LIMIT = 50  # a bulk delete names each blocked item up to this many selected


class DeletionRefusedView(WagtailAdminTemplateMixin, TemplateView):
    """Says why nothing was deleted and what to do instead. Answers 200 to a GET (the delete
    confirmation is replaced by this page) and 409 Conflict to a POST (nothing was deleted)."""

    template_name = "cms/admin/deletion_refused.html"
    header_icon = "warning"
    page_title = gettext_lazy("Cannot delete")
    title = ""
    lead = ""
    advice = ()
    blocked = ()
    actions = ()
    cancel_url = ""
    status = None  # 403 where the action is never allowed (certificates)

    def get_page_subtitle(self):
        return self.title

    def get_breadcrumbs_items(self):
        return []

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=self.title,
            lead=self.lead,
            advice=self.advice,
            blocked=self.blocked,
            actions=self.actions,
            cancel_url=self.cancel_url,
            **kwargs,
        )

    def dispatch(self, request, *args, **kwargs):
        status = self.status or (200 if request.method in ("GET", "HEAD") else 409)
        return self.render_to_response(self.get_context_data(), status=status)


def _blocked_items(objects) -> list[tuple[object, list]]:
    objects = list(objects)
    if len(objects) <= BULK_NAMING_LIMIT:
        return deletion.deletion_blockers_by_object(objects=objects)
    blockers = deletion.deletion_blockers(objects=objects)
    return [(None, blockers)] if blockers else []


def _page_refusal(request, blocked, cancel_url):
    pages = [page for page, _blockers in blocked if page is not None]
    actions = []
    if len(pages) == 1:
        page = pages[0]
        if page.live and page.permissions_for_user(request.user).can_unpublish():
            actions.append(
                (_("Unpublish this page"), reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
            )
        cancel_url = cancel_url or reverse("wagtailadmin_explore", args=[page.get_parent().pk])
    return {
        "title": ngettext(
            "This page cannot be deleted", "These pages cannot be deleted", len(blocked)
        ),
        "lead": ngettext(
            "Learners' records refer to this page or to pages below it. Deleting it would take "
            "that history with it, so it is kept.",
            "Learners' records refer to these pages or to pages below them. Deleting them would "
            "take that history with it, so they are kept.",
            len(blocked),
        ),
        "advice": [
            _(
                "Unpublish the page instead: it disappears from the site, learners keep their "
                "records, and it can be published again later."
            ),
            _("Pages that hold no learner history can still be deleted on their own."),
        ],
        "blocked": [(page and page.get_admin_display_title(), b) for page, b in blocked],
        "actions": actions,
        "cancel_url": cancel_url or reverse("wagtailadmin_home"),
    }


def _user_refusal(request, blocked, cancel_url):
    people = [person for person, _blockers in blocked if person is not None]
    actions = []
    if len(people) == 1:
        person = people[0]
        actions.append(
            (_("Edit this account"), reverse("wagtailusers_users:edit", args=[person.pk]))
        )
        if can_manage_personal_data(request.user):
            actions.append((_("Personal data"), reverse("cms_admin:person", args=[person.pk])))
    return {
        "title": ngettext(
            "This account cannot be deleted", "These accounts cannot be deleted", len(blocked)
        ),
        "lead": ngettext(
            "This account holds records that are kept as history: learning, practice, "
            "certification or assignment records and their audit trail.",
            "These accounts hold records that are kept as history: learning, practice, "
            "certification or assignment records and their audit trail.",
            len(blocked),
        ),
        "advice": [
            _(
                "To stop someone signing in, deactivate the account instead: edit it and clear "
                "“Active”."
            ),
            _(
                "To remove a person's data at their request, use Settings → Personal data: "
                "erasure deletes what can go and keeps the audit trail without their name."
            ),
            _("Accounts that hold no history can still be deleted on their own."),
        ],
        "blocked": [(person and person.get_username(), b) for person, b in blocked],
        "actions": actions,
        "cancel_url": cancel_url or reverse("wagtailusers_users:index"),
    }


def _object_refusal(request, blocked, cancel_url, model):
    opts = model._meta
    return {
        "title": ngettext(
            "This %(model)s cannot be deleted", "These %(models)s cannot be deleted", len(blocked)
        )
        % {"model": opts.verbose_name, "models": opts.verbose_name_plural},
        "lead": ngettext(
            "Other records depend on it, and some are history that is kept. Deleting it would "
            "take them with it.",
            "Other records depend on them, and some are history that is kept. Deleting them "
            "would take those records with them.",
            len(blocked),
        ),
        "advice": [
            _(
                "Keep it. If it should no longer be used, edit it instead, for example to mark it "
                "inactive where the form offers that."
            ),
        ],
        "blocked": [(obj and str(obj), b) for obj, b in blocked],
        "actions": [],
        "cancel_url": cancel_url or reverse("wagtailadmin_home"),
    }


def deletion_refusal(request, objects, *, cancel_url: str = ""):
    """The refusal page when deleting ``objects`` (of one model, or pages) would take history
    with it; None when they may be deleted."""
    objects = list(objects)
    if not objects:
        return None
    blocked = _blocked_items(objects)
    if not blocked:
        return None
    model = objects[0]._meta.model
    if isinstance(objects[0], Page):
        wording = _page_refusal(request, blocked, cancel_url)
    elif issubclass(model, get_user_model()):
        wording = _user_refusal(request, blocked, cancel_url)
    else:
        wording = _object_refusal(request, blocked, cancel_url, model)
    return DeletionRefusedView.as_view(**wording)(request)


class HistoryKeepingDeleteView(generic.DeleteView):
    """A ModelViewSet's delete view that refuses, with the explanation, when deleting the object
    would take history with it (snippets, pages and users get the same from cms.wagtail_hooks)."""

    def run_before_hook(self):
        return deletion_refusal(
            self.request, [self.object], cancel_url=reverse(self.index_url_name)
        )


class ViewMenuItem(MenuItem):
    """A menu item for one of our admin views, shown to exactly those the view lets in: it asks
    the view's own permission policy for the view's own required permissions, so the rule is
    stated once, on the view."""

    def __init__(self, label, url, *, view_class, **kwargs):
        super().__init__(label, url, **kwargs)
        self.view_class = view_class

    def is_shown(self, request):
        view = self.view_class()
        view.setup(request)
        required, any_required = view.permission_required, view.any_permission_required
        return (required is None or view.user_has_permission(required)) and (
            any_required is None or view.user_has_any_permission(any_required)
        )
