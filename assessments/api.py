"""REST endpoints of the assessments app (thin: validation → service / selector)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import APIException
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from assessments.selectors import quizzes as quiz_selectors
from assessments.serializers import (
    AttemptAnswerOutput,
    AttemptAnswerSaveInput,
    AttemptAnswerSaveOutput,
    AttemptDetailOutput,
    AttemptOutput,
)
from assessments.services import quizzes as quiz_services
from courses.api import SESSION_ONLY, FromTheCoursePages

# --- Quizzes ------------------------------------------------------------------------


class AttemptClosed(APIException):
    """409: the attempt is over (submitted, or its time ran out); the page reloads."""

    status_code = 409
    default_code = "attempt_closed"


def _own_attempt(request, attempt_id: int):
    """The person's own attempt (another's is as absent as a missing one: 404)."""
    attempt = quiz_selectors.attempt_get_for_owner(request.user, attempt_id)
    if attempt is None:
        raise Http404
    return attempt


def _attempt_data(attempt) -> dict:
    data = AttemptOutput(attempt).data
    review = quiz_selectors.attempt_review_options(attempt)
    if attempt.state == attempt.State.IN_PROGRESS or not review.marks:
        data["fraction"] = None
    return data


class AttemptDetailApi(APIView):
    """The person's attempt with every saved response (to resume elsewhere)."""

    @extend_schema(responses=AttemptDetailOutput, tags=["quizzes"])
    def get(self, request, attempt_id: int):
        attempt = _own_attempt(request, attempt_id)
        page = quiz_selectors.attempt_page(attempt)
        return Response(
            {
                **_attempt_data(attempt),
                "seconds_left": page.seconds_left,
                "answers": AttemptAnswerOutput([q.row for q in page.questions], many=True).data,
            }
        )


class AttemptAnswerSaveApi(APIView):
    """Autosave one answer: POST {"response": …}; answers {"position", "saved_at"}."""

    permission_classes = [*api_settings.DEFAULT_PERMISSION_CLASSES, FromTheCoursePages]

    @extend_schema(
        request=AttemptAnswerSaveInput,
        responses={
            200: AttemptAnswerSaveOutput,
            409: OpenApiResponse(
                description="The attempt is over (submitted, or its time ran out)."
            ),
        },
        tags=["quizzes"],
        **SESSION_ONLY,
    )
    def post(self, request, attempt_id: int, position: int):
        _own_attempt(request, attempt_id)
        data = AttemptAnswerSaveInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            saved_at = quiz_services.attempt_answer_save(
                user=request.user,
                attempt_id=attempt_id,
                position=position,
                response=data.validated_data["response"],
            )
        except PermissionDenied as error:
            raise Http404 from error
        except ValidationError as error:
            if getattr(error, "code", None) != quiz_services.CLOSED:
                raise
            raise AttemptClosed(" ".join(error.messages)) from error
        return Response(AttemptAnswerSaveOutput({"position": position, "saved_at": saved_at}).data)


class AttemptSubmitApi(APIView):
    """Submit the attempt; submitting again returns the same result."""

    permission_classes = [*api_settings.DEFAULT_PERMISSION_CLASSES, FromTheCoursePages]

    @extend_schema(request=None, responses=AttemptOutput, tags=["quizzes"], **SESSION_ONLY)
    def post(self, request, attempt_id: int):
        _own_attempt(request, attempt_id)
        try:
            attempt = quiz_services.attempt_submit(user=request.user, attempt_id=attempt_id)
        except PermissionDenied as error:
            raise Http404 from error
        return Response(_attempt_data(attempt))


# --- End of quizzes -----------------------------------------------------------------
