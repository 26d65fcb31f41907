"""Eligibility is checked again, after the commit, whenever what it depends on changes."""

from django.db import transaction
from django.dispatch import receiver

from assessments.signals import grade_changed
from certification import tasks
from courses.signals import progress_changed


@receiver(progress_changed, dispatch_uid="certification.progress_changed")
@receiver(grade_changed, dispatch_uid="certification.grade_changed")
def eligibility_check_later(*, enrolment_id: int, **kwargs):
    transaction.on_commit(lambda: tasks.certificate_issue_if_eligible.delay(enrolment_id))
