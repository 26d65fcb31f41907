from django.contrib import admin

from assessments.models import (
    Answer,
    Assignment,
    Grade,
    GradeCategory,
    GradeChange,
    GradeItem,
    Question,
    QuestionCategory,
    Quiz,
    QuizOverride,
    QuizSlot,
    Rubric,
    RubricCriterion,
    RubricLevel,
)


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0


@admin.register(QuestionCategory)
class QuestionCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "course", "parent"]
    list_filter = ["course"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "category", "default_mark"]
    list_filter = ["kind", "category__course"]
    search_fields = ["name", "text"]
    inlines = [AnswerInline]


class QuizSlotInline(admin.TabularInline):
    model = QuizSlot
    extra = 0
    raw_id_fields = ["question"]


@admin.register(Quiz)
class QuizAdmin(admin.ModelAdmin):
    list_display = ["activity", "attempts_allowed", "time_limit_seconds", "pass_fraction"]
    inlines = [QuizSlotInline]
    raw_id_fields = ["activity"]


@admin.register(QuizOverride)
class QuizOverrideAdmin(admin.ModelAdmin):
    list_display = ["quiz", "enrolment", "attempts_allowed", "time_limit_seconds", "closes_at"]
    raw_id_fields = ["enrolment", "created_by"]


class RubricLevelInline(admin.TabularInline):
    model = RubricLevel
    extra = 0


@admin.register(RubricCriterion)
class RubricCriterionAdmin(admin.ModelAdmin):
    list_display = ["rubric", "position", "description"]
    inlines = [RubricLevelInline]


class RubricCriterionInline(admin.TabularInline):
    model = RubricCriterion
    extra = 0
    show_change_link = True


@admin.register(Rubric)
class RubricAdmin(admin.ModelAdmin):
    list_display = ["name", "course"]
    inlines = [RubricCriterionInline]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["activity", "due_at", "team_submission", "rubric"]
    raw_id_fields = ["activity"]


@admin.register(GradeCategory)
class GradeCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "course", "weight", "position"]


@admin.register(GradeItem)
class GradeItemAdmin(admin.ModelAdmin):
    list_display = ["activity", "category", "weight", "pass_fraction"]


class GradeChangeInline(admin.TabularInline):
    model = GradeChange
    extra = 0
    can_delete = False
    readonly_fields = [
        "changed_by", "changed_at", "old_fraction", "new_fraction", "what", "reason",
    ]  # fmt: skip


@admin.register(Grade)
class GradeAdmin(admin.ModelAdmin):
    """Read-only: grades change through the grading pages, which audit every change."""

    list_display = ["item", "enrolment", "final_fraction", "released_at"]
    list_select_related = ["item__activity", "enrolment__user"]
    inlines = [GradeChangeInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
