from django.urls import include, path

from assessments import api_gradebook
from certification import api as certification_api
from courses import api as courses_api

app_name = "api"

urlpatterns = [
    path("heartbeats/", courses_api.HeartbeatApi.as_view(), name="heartbeat"),
    path("enrolments/", courses_api.MyEnrolmentsApi.as_view(), name="my_enrolments"),
    path(
        "enrolments/<int:enrolment_id>/progress/",
        courses_api.EnrolmentProgressApi.as_view(),
        name="enrolment_progress",
    ),
    path(
        "enrolments/<int:enrolment_id>/ledger/",
        courses_api.EnrolmentLedgerApi.as_view(),
        name="enrolment_ledger",
    ),
    path(
        "course-runs/<int:course_run_id>/enrolments/",
        courses_api.CourseRunEnrolmentsApi.as_view(),
        name="course_run_enrolments",
    ),
    path(
        "course-runs/<int:course_run_id>/activities/<int:activity_id>/done/",
        courses_api.ActivityDoneApi.as_view(),
        name="activity_done",
    ),
    path(
        "course-runs/<int:course_run_id>/activities/<int:activity_id>/results/",
        courses_api.ScoredResultApi.as_view(),
        name="scored_result",
    ),
    path(
        "certificates/verify/",
        certification_api.CertificateVerifyApi.as_view(),
        name="certificate_verify",
    ),
    path("", include(api_gradebook.urlpatterns)),
]
