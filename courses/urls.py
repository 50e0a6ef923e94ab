from django.urls import path

from courses import views

app_name = "courses"

urlpatterns = [
    path("quizzes/<int:quiz_id>/", views.quiz_detail, name="quiz_detail"),
    path("quizzes/<int:quiz_id>/start/", views.quiz_start, name="quiz_start"),
    path("quizzes/attempts/<int:attempt_id>/", views.quiz_attempt, name="quiz_attempt"),
    path(
        "quizzes/attempts/<int:attempt_id>/submit/",
        views.quiz_attempt_submit,
        name="quiz_attempt_submit",
    ),
]
