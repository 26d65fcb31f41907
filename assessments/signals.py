"""Signals `assessments` sends so that higher apps can act without being imported.

`grade_changed` is sent inside the transaction that changed a released grade
(recorded, released or overridden), with `enrolment_id`: a final grade, and so
eligibility for a certificate, may have changed.
"""

import django.dispatch

grade_changed = django.dispatch.Signal()
