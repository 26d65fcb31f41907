"""Programme managers: a new programme, and the imports of municipalities as background jobs."""

from django.urls import path

from frontend.views import imports, manage

urlpatterns = [
    path("manage/programmes/new/", manage.programme_create, name="manage_programme_create"),
    path("manage/imports/<id:import_id>/", imports.import_job, name="manage_import_job"),
    path(
        "manage/imports/<id:import_id>/progress.json",
        imports.import_job_progress,
        name="manage_import_job_progress",
    ),
    path(
        "manage/imports/<id:import_id>/import/",
        imports.import_job_apply,
        name="manage_import_job_apply",
    ),
]
