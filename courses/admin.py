from django.contrib import admin

from courses.models import (
    Activity,
    Course,
    CourseRun,
    Enrolment,
    LedgerEntry,
    Module,
    ModuleTarget,
)


class ModuleInline(admin.TabularInline):
    model = Module
    extra = 0


class ActivityInline(admin.TabularInline):
    model = Activity
    extra = 0
    fields = ["position", "title", "kind", "nominal_seconds", "required", "completion_rule"]
    show_change_link = True


class ModuleTargetInline(admin.TabularInline):
    model = ModuleTarget
    extra = 0


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "language", "required_seconds"]
    inlines = [ModuleInline]


@admin.register(Module)
class ModuleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "course"]
    list_filter = ["course"]
    inlines = [ActivityInline]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "module", "kind", "nominal_seconds", "required", "completion_rule"]
    list_filter = ["kind", "module__course"]
    list_select_related = ["module"]
    raw_id_fields = ["page", "file", "video"]


@admin.register(CourseRun)
class CourseRunAdmin(admin.ModelAdmin):
    list_display = ["title", "course", "programme", "starts_on", "ends_on"]
    filter_horizontal = ["tutors"]
    inlines = [ModuleTargetInline]


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ["user", "course_run", "municipality", "status", "credited_seconds"]
    list_filter = ["course_run", "status"]
    search_fields = ["user__full_name", "user__email"]
    list_select_related = ["user", "course_run", "municipality"]
    raw_id_fields = ["user", "municipality"]
    readonly_fields = ["credited_seconds", "active_seconds"]


@admin.register(LedgerEntry)
class LedgerEntryAdmin(admin.ModelAdmin):
    """Read-only: the ledger changes only through services (completion, tutor adjustment)."""

    list_display = ["enrolment", "kind", "activity", "seconds", "recorded_by", "created_at"]
    list_filter = ["kind"]
    list_select_related = ["enrolment__user", "enrolment__course_run", "activity", "recorded_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
