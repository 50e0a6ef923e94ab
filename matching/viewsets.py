"""Wagtail admin viewsets for coordinators: mentees, mentors' matching details, assignments.

Assignments are created only through the gate (matching.admin_views.AssignmentCreateView calls
assignment_create); they are never edited as a form or deleted.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from cms.admin_views import HistoryKeepingDeleteView
from matching import admin_views
from matching.models import Assignment, Mentee, MentorProfile


class MenteeCreateView(generic.CreateView):
    def save_instance(self):
        instance = self.form.save(commit=False)
        instance.created_by = self.request.user
        instance.save()
        return instance


class CoordinatorViewSet(ModelViewSet):
    """What matching's viewsets share: no copy view (a copied mentee or profile would be a
    second record of one person) and a plain database search (these tables are not indexed)."""

    copy_view_enabled = False
    search_backend_name = None


class MenteeViewSet(CoordinatorViewSet):
    model = Mentee
    name = "matching_mentee"
    url_prefix = "matching/mentees"
    icon = "user"
    menu_label = _("Mentees")
    add_view_class = MenteeCreateView
    delete_view_class = HistoryKeepingDeleteView  # refused while assignments refer to it
    form_fields = ["code_name", "languages", "programme", "needs_crisis_trained", "is_active"]
    list_display = ["code_name", "programme", "languages", "needs_crisis_trained", "is_active"]
    list_filter = ["is_active", "needs_crisis_trained", "programme"]
    search_fields = ["code_name"]


class MentorProfileViewSet(CoordinatorViewSet):
    model = MentorProfile
    name = "matching_mentor_profile"
    url_prefix = "matching/mentor-details"
    icon = "user"
    menu_label = _("Mentor matching details")
    form_fields = ["user", "capacity", "languages", "accepting_new", "crisis_trained"]
    list_display = ["user", "capacity", "languages", "accepting_new", "crisis_trained"]
    list_filter = ["accepting_new", "crisis_trained"]
    search_fields = ["user__first_name", "user__last_name", "user__username"]


class AssignmentIndexView(generic.IndexView):
    def get_base_queryset(self):
        return Assignment.objects.select_related("mentor", "mentee", "coordinator")

    def get_list_more_buttons(self, instance):
        return []


class AssignmentViewSet(CoordinatorViewSet):
    model = Assignment
    name = "matching_assignment"
    url_prefix = "matching/assignments"
    icon = "group"
    menu_label = _("Assignments")
    index_view_class = AssignmentIndexView
    list_display = [
        TitleColumn("__str__", label=_("Assignment"), url_name="matching_assignment:edit"),
        Column("get_status_display", label=_("Status")),
        "start",
        "end",
        "coordinator",
    ]
    list_filter = ["status"]
    list_export = ["mentor.username", "mentee.code_name", "status", "start", "end"]
    search_fields = ["mentee__code_name", "mentor__last_name", "mentor__first_name"]
    ordering = ["-start", "-pk"]

    def get_urlpatterns(self):
        # No generic edit/delete: assignments change only through the services.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", admin_views.AssignmentCreateView.as_view(), name="add"),
            path("<int:pk>/", admin_views.AssignmentDetailView.as_view(), name="edit"),
        ]
