"""REST endpoints of courses, runs, enrolments, study time, progress and the hours ledger (thin)."""

import django_filters
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import generics, serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from courses import selectors, services
from courses.models import Course, CourseRun, Enrolment
from courses.serializers import (
    OBJECT_ID_MAX,
    CourseDetailOutput,
    CourseOutput,
    CourseRunOutput,
    EnrolmentOutput,
    HeartbeatInput,
    HeartbeatOutput,
    LedgerEntryOutput,
    ModuleProgressOutput,
    RecordedStatementOutput,
    ScoredResultOutput,
    StaffEnrolmentOutput,
    StatementsInput,
    TeamEnrolmentInput,
    TeamEnrolmentOutput,
)
from programs import selectors as programs_selectors
from programs.serializers import MembershipEndInput, MembershipOutput


def _throttles(*extra) -> list:
    """The default throttles (per token) and the endpoint's own."""
    return [*api_settings.DEFAULT_THROTTLE_CLASSES, *extra]


# --- Study time and results sent by the activity pages -------------------------------


class FromTheCoursePages(BasePermission):
    """Study time, completion and answers come from the person's own browser.

    A personal token could script heartbeats and earn "measured study time"
    without studying: these endpoints take the session of the course pages only.
    """

    message = gettext_lazy(
        "Study time, completions and answers are recorded from the course pages, "
        "not with API tokens."
    )

    def has_permission(self, request, view):
        return request.auth is None  # a session; a token's request carries its ApiToken


# The schema says so: these operations take the browser's session cookie only.
SESSION_ONLY = {"auth": [{"cookieAuth": []}]}


class HeartbeatApi(APIView):
    """Record active study time on an activity (sent by the activity page)."""

    permission_classes = [*api_settings.DEFAULT_PERMISSION_CLASSES, FromTheCoursePages]
    throttle_classes = _throttles(ScopedRateThrottle)
    throttle_scope = "heartbeat"
    # The page's beacon sends a form (navigator.sendBeacon cannot send JSON with CSRF).
    parser_classes = [*api_settings.DEFAULT_PARSER_CLASSES, FormParser, MultiPartParser]

    @extend_schema(
        request=HeartbeatInput, responses=HeartbeatOutput, tags=["study"], **SESSION_ONLY
    )
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

    permission_classes = [*api_settings.DEFAULT_PERMISSION_CLASSES, FromTheCoursePages]
    throttle_classes = _throttles(ScopedRateThrottle)
    throttle_scope = "scored_result"

    @extend_schema(
        request=inline_serializer(
            "ScoredResultInput", {"statement": serializers.JSONField(help_text="xAPI statement")}
        ),
        responses=ScoredResultOutput,
        tags=["study"],
        **SESSION_ONLY,
    )
    def post(self, request, course_run_id: int, activity_id: int):
        scored = services.scored_result_record(
            user=request.user,
            course_run_id=course_run_id,
            activity_id=activity_id,
            statement=request.data.get("statement") if isinstance(request.data, dict) else None,
        )
        return Response(ScoredResultOutput(scored).data)


class StatementsApi(APIView):
    """xAPI statement intake for a run, all or none.

    A learner's course pages send their own statements (the actor is always
    them). A system of the programme — with the token or session of one of its
    managers — reports statements about the run's learners, each statement's
    actor naming the learner by e-mail (mbox) or by Aula account.
    """

    throttle_classes = _throttles(ScopedRateThrottle)
    throttle_scope = "scored_result"

    @extend_schema(
        request=StatementsInput, responses=RecordedStatementOutput(many=True), tags=["study"]
    )
    def post(self, request, course_run_id: int):
        data = StatementsInput(data=request.data)
        data.is_valid(raise_exception=True)
        statements = data.validated_data["statements"]
        run = selectors.course_run_get_for_staff(request.user, course_run_id)
        if run is not None and programs_selectors.is_manager_of(request.user, run.programme_id):
            recorded = services.statements_record_for_learners(
                course_run=run, statements=statements
            )
        elif FromTheCoursePages().has_permission(request, self):
            recorded = services.statements_record(
                user=request.user, course_run_id=course_run_id, statements=statements
            )
        else:
            raise PermissionDenied(FromTheCoursePages.message)
        return Response(RecordedStatementOutput(recorded, many=True).data)


class ActivityDoneApi(APIView):
    """Mark an activity as done (refused before its minimum active time)."""

    permission_classes = [*api_settings.DEFAULT_PERMISSION_CLASSES, FromTheCoursePages]

    @extend_schema(request=None, responses=EnrolmentOutput, tags=["study"], **SESSION_ONLY)
    def post(self, request, course_run_id: int, activity_id: int):
        services.activity_mark_done(
            user=request.user, course_run_id=course_run_id, activity_id=activity_id
        )
        enrolment = selectors.enrolment_for_learner(request.user, course_run_id)
        return Response(EnrolmentOutput(enrolment).data)


# --- Courses and runs ---------------------------------------------------------------------


class CourseListApi(generics.ListAPIView):
    """Courses with a run the person follows as staff or studies in."""

    serializer_class = CourseOutput
    queryset = Course.objects.none()
    search_fields = ["code", "title"]
    ordering_fields = ["code", "title", "id"]
    ordering = ["code", "id"]
    filterset_fields = ["language"]

    def get_queryset(self):
        return selectors.courses_visible_to(self.request.user)


class CourseDetailApi(APIView):
    """A course with its modules and activities, each with its nominal time."""

    @extend_schema(responses=CourseDetailOutput, tags=["courses"])
    def get(self, request, course_id: int):
        course = selectors.courses_visible_to(request.user).filter(pk=course_id).first()
        if course is None:
            raise Http404
        course.modules_outline = selectors.course_editor_outline(course)
        return Response(CourseDetailOutput(course).data)


def id_filter(field_name: str) -> django_filters.NumberFilter:
    """A filter on an object's number: a whole number the database can hold, else 400."""
    number = django_filters.NumberFilter(
        field_name=field_name, min_value=1, max_value=OBJECT_ID_MAX, decimal_places=0
    )
    return extend_schema_field({"type": "integer", "minimum": 1, "maximum": OBJECT_ID_MAX})(number)


class CourseRunFilter(django_filters.FilterSet):
    programme = id_filter("programme")
    course = id_filter("course")
    starts_after = django_filters.DateFilter(field_name="starts_on", lookup_expr="gte")
    ends_before = django_filters.DateFilter(field_name="ends_on", lookup_expr="lte")

    class Meta:
        model = CourseRun
        fields = ["programme", "course", "starts_after", "ends_before"]


class CourseRunListApi(generics.ListAPIView):
    """Runs the person follows as tutor or manager, or studies in."""

    serializer_class = CourseRunOutput
    queryset = CourseRun.objects.none()
    filterset_class = CourseRunFilter
    search_fields = ["title", "course__code"]
    ordering_fields = ["starts_on", "ends_on", "title", "id"]
    ordering = ["-starts_on", "id"]

    def get_queryset(self):
        return selectors.course_runs_visible_to(self.request.user)


class CourseRunDetailApi(generics.RetrieveAPIView):
    serializer_class = CourseRunOutput
    queryset = CourseRun.objects.none()

    def get_object(self):
        run = (
            selectors.course_runs_visible_to(self.request.user)
            .filter(pk=self.kwargs["course_run_id"])
            .first()
        )
        if run is None:
            raise Http404
        return run


# --- Enrolments ---------------------------------------------------------------------------


class MyEnrolmentsApi(generics.ListAPIView):
    """The person's own enrolments."""

    serializer_class = EnrolmentOutput
    queryset = Enrolment.objects.none()
    filterset_fields = ["status"]
    ordering_fields = ["enrolled_at", "credited_seconds", "id"]
    ordering = ["-enrolled_at", "id"]

    def get_queryset(self):
        return selectors.enrolments_for_learner(self.request.user)


class EnrolmentFilter(django_filters.FilterSet):
    municipality = id_filter("municipality")

    class Meta:
        model = Enrolment
        fields = ["status", "municipality"]


class CourseRunEnrolmentsApi(generics.ListAPIView):
    """GET: the enrolments of a run, for its tutors and its programme's managers.

    POST: enrol a municipality's current officials (managers of the run's
    programme); officials already enrolled stay as they are.
    """

    serializer_class = StaffEnrolmentOutput
    queryset = Enrolment.objects.none()
    filterset_class = EnrolmentFilter
    search_fields = ["user__full_name", "user__email", "municipality__name"]
    ordering_fields = [
        "user__full_name", "municipality__name", "credited_seconds", "active_seconds",
        "enrolled_at", "id",
    ]  # fmt: skip
    ordering = ["municipality__name", "user__full_name", "id"]

    def _run(self) -> CourseRun:
        run = selectors.course_run_get_for_staff(self.request.user, self.kwargs["course_run_id"])
        if run is None:
            raise Http404
        return run

    def get_queryset(self):
        return selectors.enrolments_in_run_for_staff(self._run())

    @extend_schema(request=TeamEnrolmentInput, responses=TeamEnrolmentOutput, tags=["enrolments"])
    def post(self, request, course_run_id: int):
        run = self._run()
        if not programs_selectors.is_manager_of(request.user, run.programme_id):
            raise Http404  # tutors follow a run; its programme's managers enrol
        data = TeamEnrolmentInput(data=request.data)
        data.is_valid(raise_exception=True)
        municipality = programs_selectors.municipality_get_for_manager(
            request.user, data.validated_data["municipality"]
        )
        if municipality is None:
            raise serializers.ValidationError(
                {"municipality": [_("No municipality of yours has this number.")]}
            )
        result = services.enrolment_create_for_team(course_run=run, municipality=municipality)
        return Response(TeamEnrolmentOutput(result).data)


class TeamMemberLeaveApi(APIView):
    """A person leaves the team (managers): the membership stays as history, and an
    official's enrolments of that municipality are withdrawn, as on the turnover page."""

    @extend_schema(request=MembershipEndInput, responses=MembershipOutput, tags=["programmes"])
    def post(self, request, membership_id: int):
        membership = programs_selectors.team_membership_get_for_manager(request.user, membership_id)
        if membership is None:
            raise Http404
        data = MembershipEndInput(data=request.data)
        data.is_valid(raise_exception=True)
        ended = services.team_member_leave(
            membership=membership,
            reason=data.validated_data["reason"],
            on_date=data.validated_data.get("ended_on"),
        )
        return Response(MembershipOutput(ended).data)


def _enrolment_for(request, enrolment_id: int):
    enrolment = selectors.enrolment_get_for_viewer(request.user, enrolment_id)
    if enrolment is None:
        raise Http404
    return enrolment


class EnrolmentProgressApi(APIView):
    """An enrolment's progress per module and activity: for its learner and the run's staff."""

    @extend_schema(
        responses=inline_serializer(
            "EnrolmentProgress",
            {
                "enrolment": EnrolmentOutput(),
                "percent": serializers.IntegerField(),
                "modules": ModuleProgressOutput(many=True),
            },
        ),
        tags=["enrolments"],
    )
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
    """The hours ledger: every credited second explained, with measured study time beside it."""

    @extend_schema(
        responses=inline_serializer(
            "HoursLedger",
            {
                "credited_seconds": serializers.IntegerField(),
                "active_seconds": serializers.IntegerField(),
                "entries": LedgerEntryOutput(many=True),
            },
        ),
        tags=["enrolments"],
    )
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
