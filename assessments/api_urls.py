"""Routes of the assessments API, included under /api/v1/ (namespace `assessments_api`)."""

from django.urls import path

from assessments import api

app_name = "assessments_api"

urlpatterns = [
    path("attempts/<id:attempt_id>/", api.AttemptDetailApi.as_view(), name="attempt_detail"),
    path(
        "attempts/<id:attempt_id>/answers/<id:position>/",
        api.AttemptAnswerSaveApi.as_view(),
        name="attempt_answer_save",
    ),
    path(
        "attempts/<id:attempt_id>/submit/",
        api.AttemptSubmitApi.as_view(),
        name="attempt_submit",
    ),
]
