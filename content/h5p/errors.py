from django.core.exceptions import ValidationError


class H5PPackageError(ValidationError):
    """An H5P package was refused; `messages` names every problem found.

    A ValidationError, so views and forms that show those need nothing new.
    """

    def __init__(self, messages: list[str] | str):
        super().__init__([messages] if isinstance(messages, str) else list(messages))
