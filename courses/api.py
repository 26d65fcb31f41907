"""REST endpoints for study time, progress and the hours ledger (thin)."""

from django.http import Http404
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from courses import selectors, services
from courses.serializers import (
    EnrolmentOutput,
    HeartbeatInput,
    HeartbeatOutput,
    LedgerEntryOutput,
    ModuleProgressOutput,
    ScoredResultOutput,
)


class HeartbeatApi(APIView):
    """Record active study time on an activity (sent by the activity page)."""

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "heartbeat"

    def post(self, request):
        data = HeartbeatInput(data=request.data)
        data.is_valid(raise_exception=True)
        heartbeat = services.study_time_record(
            user=request.user,
            course_run_id=data.validated_data["course_run"],
            activity_id=data.validated_data["activity"],
            seconds=data.validated_data["seconds"],
        )
        return Response(HeartbeatOutput(heartbeat).data)


class ScoredResultApi(APIView):
    """Keep a scored result (an xAPI statement) of interactive content the person is playing."""

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "scored_result"

    def post(self, request, course_run_id: int, activity_id: int):
        scored = services.scored_result_record(
            user=request.user,
            course_run_id=course_run_id,
            activity_id=activity_id,
            statement=request.data.get("statement"),
        )
        return Response(ScoredResultOutput(scored).data)


class ActivityDoneApi(APIView):
    def post(self, request, course_run_id: int, activity_id: int):
        services.activity_mark_done(
            user=request.user, course_run_id=course_run_id, activity_id=activity_id
        )
        enrolment = selectors.enrolment_for_learner(request.user, course_run_id)
        return Response(EnrolmentOutput(enrolment).data)


class MyEnrolmentsApi(generics.ListAPIView):
    serializer_class = EnrolmentOutput

    def get_queryset(self):
        return selectors.enrolments_for_learner(self.request.user)


class CourseRunEnrolmentsApi(generics.ListAPIView):
    """Enrolments of a run, for its tutors and its programme's managers."""

    serializer_class = EnrolmentOutput

    def get_queryset(self):
        run = selectors.course_run_get_for_staff(self.request.user, self.kwargs["course_run_id"])
        if run is None:
            raise Http404
        return selectors.enrolments_in_run(run).select_related("course_run__course")


def _enrolment_for(request, enrolment_id: int):
    enrolment = selectors.enrolment_get_for_viewer(request.user, enrolment_id)
    if enrolment is None:
        raise Http404
    return enrolment


class EnrolmentProgressApi(APIView):
    def get(self, request, enrolment_id: int):
        enrolment = _enrolment_for(request, enrolment_id)
        outline = selectors.course_outline(enrolment)
        return Response(
            {
                "enrolment": EnrolmentOutput(enrolment).data,
                "percent": outline.percent,
                "modules": ModuleProgressOutput(outline.modules, many=True).data,
            }
        )


class EnrolmentLedgerApi(APIView):
    def get(self, request, enrolment_id: int):
        enrolment = _enrolment_for(request, enrolment_id)
        statement = selectors.hours_statement(enrolment)
        return Response(
            {
                "credited_seconds": statement.credited_seconds,
                "active_seconds": statement.active_seconds,
                "entries": LedgerEntryOutput(statement.entries, many=True).data,
            }
        )
