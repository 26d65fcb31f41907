from django.urls import path

from frontend.views import quizzes

urlpatterns = [
    # Officials
    path(
        "runs/<id:run_id>/activities/<id:activity_id>/quiz/start/",
        quizzes.quiz_start,
        name="quiz_start",
    ),
    path("attempts/<id:attempt_id>/", quizzes.attempt_detail, name="quiz_attempt"),
    path("attempts/<id:attempt_id>/finish/", quizzes.attempt_finish, name="quiz_attempt_finish"),
    path("attempts/<id:attempt_id>/review/", quizzes.attempt_review, name="quiz_review"),
    # Tutors
    path(
        "tutor/enrolments/<id:enrolment_id>/quizzes/",
        quizzes.tutor_enrolment_quizzes,
        name="tutor_enrolment_quizzes",
    ),
    path(
        "tutor/attempt-answers/<id:attempt_answer_id>/grade/",
        quizzes.tutor_attempt_answer_grade,
        name="tutor_attempt_answer_grade",
    ),
]
