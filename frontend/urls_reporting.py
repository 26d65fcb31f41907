from django.urls import path

from frontend.views import reporting

urlpatterns = [
    path(
        "manage/programmes/<int:programme_id>/dashboard/",
        reporting.programme_dashboard,
        name="reporting_dashboard",
    ),
    path(
        "manage/programmes/<int:programme_id>/municipalities/table/",
        reporting.municipality_table,
        name="reporting_municipality_table",
    ),
    path(
        "manage/municipalities/<int:municipality_id>/team/",
        reporting.municipality_team,
        name="reporting_municipality_team",
    ),
    path("coordinator/", reporting.coordinator_home, name="coordinator_home"),
    path(
        "coordinator/municipalities/<int:municipality_id>/",
        reporting.coordinator_team,
        name="coordinator_team",
    ),
]
