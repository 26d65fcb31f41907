from django.utils.functional import SimpleLazyObject

from programs import selectors as programs_selectors
from programs.models import Role


def _roles(request) -> dict[str, bool]:
    roles = programs_selectors.roles_of(request.user)
    manager = Role.MANAGER in roles or request.user.is_staff
    return {
        "tutor": Role.TUTOR in roles or request.user.is_staff,
        "manager": manager,
        "coordinator": Role.COORDINATOR in roles,
        # The course editor: managers and administrators. Holders of the
        # `courses.change_course` permission reach it too (checking that
        # here would cost every page two queries), normally as staff.
        "editor": manager or request.user.is_superuser,
    }


def navigation(request) -> dict:
    """The roles that decide which menu entries a person sees (one query, when used)."""
    return {"nav_roles": SimpleLazyObject(lambda: _roles(request))}
