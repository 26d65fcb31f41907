"""Reads for the package pages and commands."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from assessments.models import Question
from courses.models import Activity, Course, Module


@dataclass(frozen=True)
class CourseSummary:
    modules: int
    activities: int
    hours: Decimal  # 101.5, not 1.015E+2: templates show it localized
    questions: int


def course_summary(course: Course) -> CourseSummary:
    """How big a course is: its modules, activities, nominal hours and bank questions."""
    activities = Activity.objects.filter(module__course=course, archived_at__isnull=True)
    seconds = activities.aggregate(total=Sum("nominal_seconds"))["total"] or 0
    return CourseSummary(
        modules=Module.objects.filter(course=course, archived_at__isnull=True).count(),
        activities=activities.count(),
        hours=Decimal(f"{(Decimal(seconds) / 3600).normalize():f}"),
        questions=Question.objects.filter(category__course=course).count(),
    )
