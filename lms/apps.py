from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = _("MuNet Aula")

    def ready(self):
        from django.urls import register_converter

        from lms.converters import ObjectIdConverter

        register_converter(ObjectIdConverter, "id")
