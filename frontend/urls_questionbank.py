from django.urls import path

from frontend.views import questionbank

urlpatterns = [
    path("manage/courses/<id:course_id>/questions/", questionbank.bank, name="questionbank"),
    path(
        "manage/courses/<id:course_id>/questions/import/",
        questionbank.question_import,
        name="questionbank_import",
    ),
    path(
        "manage/courses/<id:course_id>/questions/export/",
        questionbank.question_export,
        name="questionbank_export",
    ),
]
