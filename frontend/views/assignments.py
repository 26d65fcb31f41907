"""Assignment pages for officials (submissions) and tutors (grading)."""


def activity_panel(request, enrolment, activity) -> dict:
    """Context for frontend/assignment/panel.html inside the activity page."""
    return {}
