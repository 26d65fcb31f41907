"""Milestones H1–H7 and the programme fee (programme managers)."""

from django.urls import path

from frontend.views import milestones

_MUNICIPALITY = "manage/municipalities/<id:municipality_id>"

urlpatterns = [
    path(
        "manage/programmes/<id:programme_id>/milestones/",
        milestones.programme_matrix,
        name="manage_milestone_matrix",
    ),
    path(
        "manage/programmes/<id:programme_id>/fees/",
        milestones.programme_fees,
        name="manage_programme_fees",
    ),
    path(
        f"{_MUNICIPALITY}/milestones/",
        milestones.municipality_milestones,
        name="manage_milestones",
    ),
    path(
        f"{_MUNICIPALITY}/milestones/record/<str:milestone>/",
        milestones.milestone_record,
        name="manage_milestone_record",
    ),
    path(
        f"{_MUNICIPALITY}/milestones/record/<str:milestone>/<str:part>/",
        milestones.milestone_record,
        name="manage_milestone_record_part",
    ),
    path(
        f"{_MUNICIPALITY}/milestones/h3-from-final-project/",
        milestones.milestone_h3_from_project,
        name="manage_milestone_h3_from_project",
    ),
    path(
        f"{_MUNICIPALITY}/milestones/<id:record_id>/edit/",
        milestones.milestone_record_edit,
        name="manage_milestone_edit",
    ),
    path(
        f"{_MUNICIPALITY}/milestones/<id:record_id>/withdraw/",
        milestones.milestone_record_withdraw,
        name="manage_milestone_withdraw",
    ),
    path(
        f"{_MUNICIPALITY}/milestones/<id:record_id>/evidence/",
        milestones.milestone_evidence_file,
        name="manage_milestone_evidence",
    ),
    path(f"{_MUNICIPALITY}/fees/", milestones.municipality_fees, name="manage_fees"),
    path(
        f"{_MUNICIPALITY}/fees/<id:half>/",
        milestones.municipality_fee_set,
        name="manage_fee_set",
    ),
]
