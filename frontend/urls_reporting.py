from django.urls import path

from frontend.views import reporting

urlpatterns = [
    path(
        "manage/programmes/<id:programme_id>/dashboard/",
        reporting.programme_dashboard,
        name="reporting_dashboard",
    ),
    path(
        "manage/programmes/<id:programme_id>/municipalities/table/",
        reporting.municipality_table,
        name="reporting_municipality_table",
    ),
    path(
        "manage/municipalities/<id:municipality_id>/team/",
        reporting.municipality_team,
        name="reporting_municipality_team",
    ),
    path("coordinator/", reporting.coordinator_home, name="coordinator_home"),
    path(
        "coordinator/municipalities/<id:municipality_id>/",
        reporting.coordinator_team,
        name="coordinator_team",
    ),
]
