from django.urls import path

from certification import views

app_name = "certification"

urlpatterns = [
    path("", views.practice_log_list, name="practice_log_list"),
    path("new/", views.practice_log_create, name="practice_log_create"),
    path("<int:pk>/", views.practice_log_detail, name="practice_log_detail"),
    path("<int:pk>/edit/", views.practice_log_edit, name="practice_log_edit"),
    path("<int:pk>/submit/", views.practice_log_submit, name="practice_log_submit"),
]
