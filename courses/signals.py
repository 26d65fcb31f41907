"""Signals `courses` sends so that higher apps can act without being imported.

`activity_scored` is sent inside the transaction that stored a scored result of
interactive content, with `enrolment`, `activity`, `best_scaled` (the person's
best score so far, 0–1), `pass_fraction` and `now`; `assessments` turns it into
the activity's gradebook grade.
"""

import django.dispatch

activity_scored = django.dispatch.Signal()
