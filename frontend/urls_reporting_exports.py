"""Exports of the programme dashboards: CSV / XLSX tables and the PDF report (managers)."""

from django.urls import path

from frontend.views import reporting_exports

urlpatterns = [
    path(
        "manage/programmes/<int:programme_id>/municipalities/export.<str:file_format>",
        reporting_exports.municipality_table_export,
        name="manage_municipality_table_export",
    ),
    path(
        "manage/municipalities/<int:municipality_id>/team/export.<str:file_format>",
        reporting_exports.team_export,
        name="manage_team_export",
    ),
    path(
        "manage/programmes/<int:programme_id>/report.pdf",
        reporting_exports.programme_report,
        name="manage_programme_report",
    ),
]
