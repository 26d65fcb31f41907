"""Quiz pages for officials (attempts) and tutors (overrides)."""


def activity_panel(request, enrolment, activity) -> dict:
    """Context for frontend/quiz/panel.html inside the activity page."""
    return {}
