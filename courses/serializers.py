from rest_framework import serializers

from courses.models import Enrolment, LedgerEntry


class HeartbeatInput(serializers.Serializer):
    course_run = serializers.IntegerField(min_value=1)
    activity = serializers.IntegerField(min_value=1)
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
