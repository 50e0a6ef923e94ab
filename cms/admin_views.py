"""Wagtail admin views for a person's data: find a person, export their data, erase it.

Coordinators hold ``cms.export_person`` and ``cms.erase_person`` (migration 0008); superusers
hold everything. Each view checks its own permission; the erasure itself is
``cms.privacy.person_erase``, which checks again.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms import privacy
from cms.forms import PersonEraseForm
from cms.models import PersonErasure
from cms.views import zip_response

SEARCH_LIMIT = 50
PERMISSIONS = ("cms.export_person", "cms.erase_person")


def can_manage_personal_data(user) -> bool:
    return any(user.has_perm(permission) for permission in PERMISSIONS)


class PersonDataMixin(WagtailAdminTemplateMixin):
    permission = None
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        allowed = (
            request.user.has_perm(self.permission)
            if self.permission
            else can_manage_personal_data(request.user)
        )
        if not allowed:
            raise PermissionDenied
        if "pk" in kwargs:
            self.person = get_object_or_404(get_user_model(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        items = [
            *super().get_breadcrumbs_items(),
            {"url": reverse("person_data:index"), "label": _("Personal data")},
        ]
        if hasattr(self, "person"):
            items.append(
                {
                    "url": reverse("person_data:person", args=[self.person.pk]),
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
            can_export=self.request.user.has_perm("cms.export_person"),
            can_erase=self.request.user.has_perm("cms.erase_person"),
            **kwargs,
        )


@method_decorator(never_cache, name="dispatch")
class PersonExportView(PersonDataMixin, View):
    permission = "cms.export_person"

    def post(self, request, pk):
        return zip_response(
            privacy.person_export_archive(user=self.person, actor=request.user, via="admin"),
            filename=privacy.export_filename(self.person),
        )


class PersonEraseView(PersonDataMixin, TemplateView):
    template_name = "cms/admin/person_erase.html"
    page_title = gettext_lazy("Erase a person's data")
    permission = "cms.erase_person"

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
                if hasattr(error, "error_dict"):
                    for field, errors in error.message_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, error.messages)
            else:
                messages.success(
                    request,
                    _("The data of this person was erased. The account is now %(username)s.")
                    % {"username": erasure.person.username},
                )
                return redirect("person_data:person", pk=self.person.pk)
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
