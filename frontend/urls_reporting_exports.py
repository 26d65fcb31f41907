"""Exports of the programme dashboards: CSV / XLSX tables and the PDF report (managers).

The table and the report are asked for with a POST and made in the background;
each export has a page (progress, then the link to its file), its progress as
JSON, and its download. A team's file is a plain GET download.
"""

from django.urls import path

from frontend.views import reporting_exports

urlpatterns = [
    path(
        "manage/programmes/<id:programme_id>/municipalities/export.<str:file_format>",
        reporting_exports.municipality_table_export,
        name="manage_municipality_table_export",
    ),
    path(
        "manage/municipalities/<id:municipality_id>/team/export.<str:file_format>",
        reporting_exports.team_export,
        name="manage_team_export",
    ),
    path(
        "manage/programmes/<id:programme_id>/report.pdf",
        reporting_exports.programme_report,
        name="manage_programme_report",
    ),
    path(
        "manage/exports/<id:export_id>/",
        reporting_exports.export_detail,
        name="manage_report_export",
    ),
    path(
        "manage/exports/<id:export_id>/progress.json",
        reporting_exports.export_progress,
        name="manage_report_export_progress",
    ),
    path(
        "manage/exports/<id:export_id>/download/",
        reporting_exports.export_download,
        name="manage_report_export_download",
    ),
]
