from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontendConfig(AppConfig):
    name = "frontend"
    verbose_name = _("Interface")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from frontend.middleware import remember_time_zone

        user_logged_in.connect(remember_time_zone, dispatch_uid="frontend.remember_time_zone")
