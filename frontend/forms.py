from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The e-mail address or the password is not right. Note that the password "
            "tells capital letters from small ones."
        ),
    }


class ResetOrActivateForm(PasswordResetForm):
    """Password reset that also reaches people who never activated their account.

    An official who lost the activation e-mail can ask for a new link here;
    Django's own form skips accounts without a usable password.
    """

    def get_users(self, email):
        return get_user_model()._default_manager.filter(email__iexact=email, is_active=True)


class HoursAdjustmentForm(forms.Form):
    hours = forms.DecimalField(
        label=_("Hours to add (negative to remove)"),
        max_digits=5,
        decimal_places=1,
        min_value=Decimal("-100"),
        max_value=Decimal("100"),
        localize=True,
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    activity = forms.ModelChoiceField(
        label=_("Activity (optional)"),
        queryset=None,
        required=False,
        empty_label=_("None: the course as a whole"),
    )

    def __init__(self, *args, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = activities

    @property
    def seconds(self) -> int:
        return int(self.cleaned_data["hours"] * 3600)


CHOOSE = _("Choose…")


class TeamEnrolmentForm(forms.Form):
    prefix = "enrol"
    course_run = forms.ModelChoiceField(label=_("Course run"), queryset=None, empty_label=CHOOSE)

    def __init__(self, *args, course_runs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course_run"].queryset = course_runs


class ReserveReplacementForm(forms.Form):
    prefix = "reserve"
    reserve = forms.ModelChoiceField(
        label=_("Reserve municipality"), queryset=None, empty_label=CHOOSE
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    confirm = forms.BooleanField(
        label=_(
            "I confirm: this municipality leaves the programme and the reserve takes its place."
        )
    )

    def __init__(self, *args, reserves, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reserve"].queryset = reserves


class OfficialReplacementForm(forms.Form):
    prefix = "turnover"
    leaving = forms.ModelChoiceField(
        label=_("Official who leaves"), queryset=None, empty_label=CHOOSE
    )
    email = forms.EmailField(label=_("E-mail of the new official"))
    full_name = forms.CharField(
        label=_("Full name of the new official"),
        max_length=200,
        help_text=_("As it must appear on the certificate."),
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    confirm = forms.BooleanField(
        label=_("I confirm: the official leaves the team; their history is kept.")
    )

    def __init__(self, *args, officials, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leaving"].queryset = officials
        self.fields["leaving"].label_from_instance = lambda membership: membership.user.full_name
