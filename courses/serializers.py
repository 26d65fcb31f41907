from rest_framework import serializers

from courses.models import Activity, Course, CourseRun, Enrolment, LedgerEntry

# The largest object number the database holds (a larger one would fail the query).
OBJECT_ID_MAX = 2**63 - 1

# Module-level, for the schema's enum names (settings.SPECTACULAR_SETTINGS).
ENROLMENT_STATUSES = Enrolment.Status.choices
LEDGER_ENTRY_KINDS = LedgerEntry.Kind.choices


class HeartbeatInput(serializers.Serializer):
    course_run = serializers.IntegerField(min_value=1, max_value=OBJECT_ID_MAX)
    activity = serializers.IntegerField(min_value=1, max_value=OBJECT_ID_MAX)
    seconds = serializers.IntegerField(min_value=0, max_value=86_400)


class HeartbeatOutput(serializers.Serializer):
    credited_seconds = serializers.IntegerField()
    activity_active_seconds = serializers.IntegerField()
    completed = serializers.BooleanField()


class ActivityProgressOutput(serializers.Serializer):
    activity = serializers.IntegerField(source="activity.pk")
    title = serializers.CharField(source="activity.title")
    module = serializers.IntegerField(source="activity.module_id")
    nominal_seconds = serializers.IntegerField(source="activity.nominal_seconds")
    required = serializers.BooleanField(source="activity.required")
    active_seconds = serializers.IntegerField()
    min_active_seconds = serializers.IntegerField()
    completed = serializers.BooleanField(source="is_complete")
    completed_at = serializers.DateTimeField(source="progress.completed_at", allow_null=True)


class ModuleProgressOutput(serializers.Serializer):
    module = serializers.IntegerField(source="module.pk")
    position = serializers.IntegerField(source="module.position")
    title = serializers.CharField(source="module.title")
    nominal_seconds = serializers.IntegerField()
    target_on = serializers.DateField(allow_null=True)
    completed = serializers.BooleanField(source="is_complete")
    activities = ActivityProgressOutput(many=True)


class EnrolmentOutput(serializers.ModelSerializer):
    course_run = serializers.IntegerField(source="course_run.pk")
    course_run_title = serializers.CharField(source="course_run.title")
    course = serializers.CharField(source="course_run.course.code")
    required_seconds = serializers.IntegerField(source="course_run.course.required_seconds")
    user = serializers.IntegerField(source="user_id")

    class Meta:
        model = Enrolment
        fields = [
            "id",
            "user",
            "course_run",
            "course_run_title",
            "course",
            "status",
            "credited_seconds",
            "active_seconds",
            "required_seconds",
        ]


class LedgerEntryOutput(serializers.ModelSerializer):
    activity_title = serializers.CharField(source="activity.title", allow_null=True, default=None)
    recorded_by = serializers.CharField(
        source="recorded_by.full_name", allow_null=True, default=None
    )

    class Meta:
        model = LedgerEntry
        fields = [
            "id",
            "kind",
            "activity",
            "activity_title",
            "seconds",
            "reason",
            "recorded_by",
            "created_at",
        ]


class ScoredResultOutput(serializers.Serializer):
    stored = serializers.SerializerMethodField()
    scaled = serializers.DecimalField(
        source="result.scaled", max_digits=8, decimal_places=7, allow_null=True, default=None
    )
    best_scaled = serializers.DecimalField(max_digits=8, decimal_places=7, allow_null=True)
    pass_fraction = serializers.DecimalField(max_digits=4, decimal_places=3)
    completed = serializers.BooleanField()

    def get_stored(self, scored) -> bool:
        return scored.result is not None


# --- Courses and runs -------------------------------------------------------------------


class CourseOutput(serializers.ModelSerializer):
    nominal_seconds = serializers.IntegerField(
        help_text="The sum of the nominal time of the course's activities."
    )

    class Meta:
        model = Course
        fields = [
            "id", "code", "title", "description", "language", "required_seconds",
            "nominal_seconds", "pass_grade", "measured_share", "requires_tutor_signoff",
        ]  # fmt: skip


class ActivityOutline(serializers.ModelSerializer):
    class Meta:
        model = Activity
        fields = [
            "id", "position", "title", "kind", "nominal_seconds", "required", "completion_rule",
        ]  # fmt: skip


class ModuleOutline(serializers.Serializer):
    id = serializers.IntegerField(source="module.pk")
    position = serializers.IntegerField(source="module.position")
    title = serializers.CharField(source="module.title")
    nominal_seconds = serializers.IntegerField()
    activities = ActivityOutline(many=True)


class CourseDetailOutput(CourseOutput):
    modules = ModuleOutline(many=True, source="modules_outline")

    class Meta(CourseOutput.Meta):
        fields = [*CourseOutput.Meta.fields, "modules"]


class CourseRunOutput(serializers.ModelSerializer):
    course = serializers.IntegerField(source="course_id")
    course_code = serializers.CharField(source="course.code")
    programme = serializers.IntegerField(source="programme_id")

    class Meta:
        model = CourseRun
        fields = ["id", "course", "course_code", "programme", "title", "starts_on", "ends_on"]


class StaffEnrolmentOutput(EnrolmentOutput):
    """An enrolment as its run's staff see it: who, from which municipality."""

    full_name = serializers.CharField(source="user.full_name")
    email = serializers.CharField(source="user.email")
    municipality = serializers.IntegerField(source="municipality_id", allow_null=True)
    municipality_name = serializers.CharField(
        source="municipality.name", allow_null=True, default=None
    )

    class Meta(EnrolmentOutput.Meta):
        fields = [
            *EnrolmentOutput.Meta.fields, "full_name", "email", "municipality",
            "municipality_name", "enrolled_at", "withdrawn_at",
        ]  # fmt: skip


class TeamEnrolmentInput(serializers.Serializer):
    municipality = serializers.IntegerField(
        min_value=1,
        max_value=OBJECT_ID_MAX,
        help_text="Enrol the current officials of this municipality's team.",
    )


class TeamEnrolmentOutput(serializers.Serializer):
    created = serializers.IntegerField()
    reactivated = serializers.IntegerField()
    already_enrolled = serializers.IntegerField()


# --- xAPI statements ----------------------------------------------------------------------


class StatementsInput(serializers.Serializer):
    statements = serializers.JSONField(
        help_text=(
            "An xAPI 1.0.3 statement or a list of at most 50. Each names an activity of the "
            "run by its address (object.id, or a parent or grouping context activity): "
            "<site>/runs/<run>/activities/<activity>/. From a learner's course pages the "
            "actor is always the learner; from a manager of the run's programme, each "
            "statement's actor names an active learner of the run by e-mail (mbox) or by "
            "Aula account (homePage <site>, name: the person's number)."
        )
    )


class RecordedStatementOutput(serializers.Serializer):
    id = serializers.UUIDField(source="statement_id")
    learner = serializers.IntegerField(source="learner_id")
    activity = serializers.IntegerField(source="activity_id")
    stored = serializers.BooleanField(
        help_text="False for statements validated but not kept (no score of the whole content)."
    )
    best_scaled = serializers.DecimalField(max_digits=8, decimal_places=7, allow_null=True)
    completed = serializers.BooleanField()
