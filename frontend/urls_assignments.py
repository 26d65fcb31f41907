from django.urls import path

from frontend.views import assignments, grading

urlpatterns = [
    # Officials
    path(
        "runs/<id:run_id>/activities/<id:activity_id>/submit/",
        assignments.submit,
        name="assignment_submit",
    ),
    path("assignments/files/<id:file_id>/", assignments.submission_file, name="submission_file"),
    path(
        "assignments/feedback/<id:grade_id>/",
        assignments.feedback_file,
        name="assignment_feedback_file",
    ),
    # Tutors: the grading queue and the SpeedGrader
    path(
        "tutor/enrolments/<id:enrolment_id>/assignments/",
        assignments.tutor_enrolment_assignments,
        name="tutor_enrolment_assignments",
    ),
    path("tutor/runs/<id:run_id>/grading/", grading.queue, name="grading_queue"),
    path("tutor/runs/<id:run_id>/grading/release/", grading.release, name="grading_release"),
    path(
        "tutor/runs/<id:run_id>/grading/submission/<id:submission_id>/",
        grading.submission,
        name="grading_submission",
    ),
    path(
        "tutor/runs/<id:run_id>/grading/essay/<id:answer_id>/",
        grading.essay,
        name="grading_essay",
    ),
]
