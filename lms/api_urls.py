"""Every endpoint of /api/v1/, from the apps' api modules (namespace `api`)."""

from django.urls import include, path

from assessments import api_gradebook
from certification import api as certification_api
from courses import api as courses_api
from programs import api as programs_api

app_name = "api"

urlpatterns = [
    # People, programmes, municipalities and teams
    path("me/", programs_api.MeApi.as_view(), name="me"),
    path("programmes/", programs_api.ProgrammeListApi.as_view(), name="programmes"),
    path(
        "programmes/<id:programme_id>/",
        programs_api.ProgrammeDetailApi.as_view(),
        name="programme",
    ),
    path(
        "programmes/<id:programme_id>/municipalities/",
        programs_api.MunicipalityListApi.as_view(),
        name="programme_municipalities",
    ),
    path(
        "municipalities/<id:municipality_id>/",
        programs_api.MunicipalityDetailApi.as_view(),
        name="municipality",
    ),
    path(
        "municipalities/<id:municipality_id>/team/",
        programs_api.TeamApi.as_view(),
        name="municipality_team",
    ),
    path(
        "memberships/<id:membership_id>/end/",
        courses_api.TeamMemberLeaveApi.as_view(),
        name="membership_end",
    ),
    # Courses, runs and enrolments
    path("courses/", courses_api.CourseListApi.as_view(), name="courses"),
    path("courses/<id:course_id>/", courses_api.CourseDetailApi.as_view(), name="course"),
    path("course-runs/", courses_api.CourseRunListApi.as_view(), name="course_runs"),
    path(
        "course-runs/<id:course_run_id>/",
        courses_api.CourseRunDetailApi.as_view(),
        name="course_run",
    ),
    path(
        "course-runs/<id:course_run_id>/enrolments/",
        courses_api.CourseRunEnrolmentsApi.as_view(),
        name="course_run_enrolments",
    ),
    path("enrolments/", courses_api.MyEnrolmentsApi.as_view(), name="my_enrolments"),
    path(
        "enrolments/<id:enrolment_id>/progress/",
        courses_api.EnrolmentProgressApi.as_view(),
        name="enrolment_progress",
    ),
    path(
        "enrolments/<id:enrolment_id>/ledger/",
        courses_api.EnrolmentLedgerApi.as_view(),
        name="enrolment_ledger",
    ),
    # Study: time, completion, results and xAPI statements
    path("heartbeats/", courses_api.HeartbeatApi.as_view(), name="heartbeat"),
    path(
        "course-runs/<id:course_run_id>/activities/<id:activity_id>/done/",
        courses_api.ActivityDoneApi.as_view(),
        name="activity_done",
    ),
    path(
        "course-runs/<id:course_run_id>/activities/<id:activity_id>/results/",
        courses_api.ScoredResultApi.as_view(),
        name="scored_result",
    ),
    path(
        "course-runs/<id:course_run_id>/xapi/statements/",
        courses_api.StatementsApi.as_view(),
        name="xapi_statements",
    ),
    # Certificates
    path("certificates/", certification_api.CertificateListApi.as_view(), name="certificates"),
    path(
        "certificates/verify/",
        certification_api.CertificateVerifyApi.as_view(),
        name="certificate_verify",
    ),
    path(
        "certificates/<id:certificate_id>/",
        certification_api.CertificateDetailApi.as_view(),
        name="certificate",
    ),
    path(
        "certificates/<id:certificate_id>/pdf/",
        certification_api.CertificatePdfApi.as_view(),
        name="certificate_pdf",
    ),
    path(
        "certificates/<id:certificate_id>/revoke/",
        certification_api.CertificateRevokeApi.as_view(),
        name="certificate_revoke",
    ),
    # Grades
    path("", include(api_gradebook.urlpatterns)),
]
