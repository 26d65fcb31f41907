from django.utils.functional import SimpleLazyObject

from programs import selectors as programs_selectors
from programs.models import Role


def _roles(request) -> dict[str, bool]:
    roles = programs_selectors.roles_of(request.user)
    return {
        "tutor": Role.TUTOR in roles or request.user.is_staff,
        "manager": Role.MANAGER in roles or request.user.is_staff,
    }


def navigation(request) -> dict:
    """The roles that decide which menu entries a person sees (one query, when used)."""
    return {"nav_roles": SimpleLazyObject(lambda: _roles(request))}
