from django.conf import settings
from django.utils import translation


class PreferredLanguageMiddleware:
    """Speak to a logged-in person in the language they chose.

    Runs after authentication; anonymous visitors keep what LocaleMiddleware
    found (the language cookie, then the browser's preference, then Spanish).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and translation.check_for_language(user.preferred_language)
            and user.preferred_language in dict(settings.LANGUAGES)
        ):
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
