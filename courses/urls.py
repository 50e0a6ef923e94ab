from django.urls import path

from courses import views

app_name = "courses"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("learn/", views.catalogue, name="catalogue"),
    path("learn/courses/<int:course_id>/enrol/", views.enrol, name="enrol"),
    path("learn/modules/<int:module_id>/complete/", views.complete, name="complete"),
    path(
        "learn/modules/<int:module_id>/reflections/<str:block_id>/",
        views.reflection_save,
        name="reflection_save",
    ),
    path("learn/reflections/", views.reflection_list, name="reflections"),
    path("learn/reflections/<int:pk>/", views.reflection_detail, name="reflection"),
]
