from django.contrib.auth import views as auth_views
from django.urls import include, path

from frontend.views import account, auth, imports, learner, manage, tutor

urlpatterns = [
    path("", learner.home, name="home"),
    # Accounts
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("activate/<uidb64>/<token>/", auth.ActivationView.as_view(), name="activate"),
    path("password/reset/", auth.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", auth.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        auth.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("language/", auth.language_set, name="set_language"),
    path("account/", account.account, name="account"),
    path(
        "account/tokens/<id:token_id>/revoke/",
        account.token_revoke,
        name="account_token_revoke",
    ),
    # Officials
    path("my/courses/", learner.dashboard, name="dashboard"),
    path("runs/<id:run_id>/", learner.course_outline, name="course_outline"),
    path("runs/<id:run_id>/hours/", learner.my_hours, name="my_hours"),
    path("runs/<id:run_id>/certificate.pdf", learner.my_certificate_pdf, name="my_certificate_pdf"),
    path("runs/<id:run_id>/activities/<id:activity_id>/", learner.activity_detail, name="activity"),
    path(
        "runs/<id:run_id>/activities/<id:activity_id>/done/",
        learner.activity_done,
        name="activity_done",
    ),
    path(
        "runs/<id:run_id>/activities/<id:activity_id>/file/",
        learner.activity_file,
        name="activity_file",
    ),
    path(
        "runs/<id:run_id>/activities/<id:activity_id>/video/",
        learner.activity_video,
        name="activity_video",
    ),
    path(
        "runs/<id:run_id>/activities/<id:activity_id>/captions/",
        learner.activity_captions,
        name="activity_captions",
    ),
    # Tutors
    path("tutor/runs/", tutor.run_list, name="tutor_runs"),
    path("tutor/runs/<id:run_id>/", tutor.run_detail, name="tutor_run"),
    path("tutor/enrolments/<id:enrolment_id>/", tutor.enrolment_detail, name="tutor_enrolment"),
    path("tutor/enrolments/<id:enrolment_id>/signoff/", tutor.signoff, name="tutor_signoff"),
    # Programme managers
    path("manage/", manage.programme_list, name="manage_programmes"),
    path("manage/programmes/<id:programme_id>/", manage.programme_detail, name="manage_programme"),
    path(
        "manage/programmes/<id:programme_id>/runs/new/",
        manage.course_run_create,
        name="manage_course_run_create",
    ),
    path(
        "manage/programmes/<id:programme_id>/enrol/",
        manage.programme_enrol,
        name="manage_programme_enrol",
    ),
    path(
        "manage/programmes/<id:programme_id>/import/",
        imports.municipality_import,
        name="manage_import",
    ),
    path(
        "manage/programmes/<id:programme_id>/import/template.<str:file_format>",
        imports.import_template,
        name="manage_import_template",
    ),
    path(
        "manage/municipalities/<id:municipality_id>/",
        manage.municipality_detail,
        name="manage_municipality",
    ),
    path(
        "manage/municipalities/<id:municipality_id>/enrol/",
        manage.municipality_enrol,
        name="manage_municipality_enrol",
    ),
    path(
        "manage/municipalities/<id:municipality_id>/replace/",
        manage.municipality_replace,
        name="manage_municipality_replace",
    ),
    path(
        "manage/municipalities/<id:municipality_id>/turnover/",
        manage.official_replace,
        name="manage_official_replace",
    ),
    # Assessments: one URL module per area
    path("", include("frontend.urls_quizzes")),
    path("", include("frontend.urls_assignments")),
    path("", include("frontend.urls_questionbank")),
    path("", include("frontend.urls_gradebook")),
    path("", include("frontend.urls_packages")),
    path("", include("frontend.urls_editor")),
    path("", include("frontend.urls_h5p")),
    # Certification: the public verification page, published credentials, managers' pages
    path("", include("frontend.urls_verification")),
    path("", include("frontend.urls_credentials")),
    path("", include("frontend.urls_certificates")),
    path("", include("frontend.urls_reporting")),
    path("", include("frontend.urls_milestones")),
    path("", include("frontend.urls_reporting_exports")),
    path("", include("frontend.urls_programmes")),
]
