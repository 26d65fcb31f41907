"""What `assessments` does when `courses` reports a result it cannot grade itself."""

from django.dispatch import receiver

from assessments.services import gradebook
from courses.signals import activity_scored


@receiver(activity_scored, dispatch_uid="assessments.scored_content_grade")
def scored_content_grade(*, enrolment, activity, best_scaled, pass_fraction, now, **kwargs):
    """Scored content's best result is its gradebook grade, released at once (it is automatic)."""
    item = gradebook.grade_item_ensure(activity=activity, pass_fraction=pass_fraction)
    gradebook.grade_record(
        item=item, enrolment=enrolment, fraction=best_scaled, release=True, what="scored", now=now
    )
