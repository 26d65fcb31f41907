"""The gradebook's pages (docs/gradebook.md)."""

from django.urls import path

from frontend.views import gradebook

urlpatterns = [
    path("tutor/runs/<id:run_id>/grades/", gradebook.grade_table, name="gradebook_table"),
    path(
        "tutor/runs/<id:run_id>/grades/export.<str:file_format>",
        gradebook.grade_table_export,
        name="gradebook_export",
    ),
    # One grade with its history and the override form; the table's cells link here.
    path("tutor/grades/<id:grade_id>/", gradebook.grade_detail, name="grade_detail"),
    path("runs/<id:run_id>/grades/", gradebook.my_grades, name="my_grades"),
]
