"""Signals `courses` sends so that higher apps can act without being imported.

`activity_scored` is sent inside the transaction that stored a scored result of
interactive content, with `enrolment`, `activity`, `best_scaled` (the person's
best score so far, 0–1), `pass_fraction` and `now`; `assessments` turns it into
the activity's gradebook grade. `progress_changed` tells `certification`
to check eligibility again.
"""

import django.dispatch

activity_scored = django.dispatch.Signal()

# Sent inside the transaction that completed an activity or adjusted credited
# hours, with `enrolment_id`: what a certificate depends on may have changed.
progress_changed = django.dispatch.Signal()
