"""Logging in and out, activation, password reset and the language switch."""

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils.translation import check_for_language
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from frontend.forms import LoginForm, ResetOrActivateForm
from programs import services as programs_services


class LoginView(auth_views.LoginView):
    template_name = "frontend/auth/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class ActivationView(auth_views.PasswordResetConfirmView):
    """An imported official chooses a password from their activation link."""

    template_name = "frontend/auth/activate.html"
    post_reset_login = True
    success_url = reverse_lazy("home")


class PasswordResetView(auth_views.PasswordResetView):
    form_class = ResetOrActivateForm
    template_name = "frontend/auth/password_reset.html"
    email_template_name = "frontend/auth/email/password_reset_body.txt"
    subject_template_name = "frontend/auth/email/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "frontend/auth/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "frontend/auth/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "frontend/auth/password_reset_complete.html"


@require_POST
def language_set(request):
    """Switch the interface language; a logged-in person keeps it for next time."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and check_for_language(language):
        programs_services.user_language_set(user=request.user, language=language)
    return response
