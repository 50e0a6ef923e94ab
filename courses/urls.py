from django.urls import path

from courses.views import learning, quizzes

app_name = "courses"

urlpatterns = [
    path("dashboard/", learning.dashboard, name="dashboard"),
    path("learn/", learning.catalogue, name="catalogue"),
    path("learn/courses/<int:course_id>/enrol/", learning.enrol, name="enrol"),
    path("learn/modules/<int:module_id>/complete/", learning.complete, name="complete"),
    path(
        "learn/modules/<int:module_id>/reflections/<str:block_id>/",
        learning.reflection_save,
        name="reflection_save",
    ),
    path("learn/reflections/", learning.reflection_list, name="reflections"),
    path("learn/reflections/<int:pk>/", learning.reflection_detail, name="reflection"),
    path("learn/quizzes/<int:quiz_id>/", quizzes.quiz_detail, name="quiz_detail"),
    path("learn/quizzes/<int:quiz_id>/start/", quizzes.quiz_start, name="quiz_start"),
    path("learn/quizzes/attempts/<int:attempt_id>/", quizzes.quiz_attempt, name="quiz_attempt"),
    path(
        "learn/quizzes/attempts/<int:attempt_id>/submit/",
        quizzes.quiz_attempt_submit,
        name="quiz_attempt_submit",
    ),
]
