"""The person's account page: who they are, and their personal API tokens.

A new token's secret is shown once: kept in the session only until the page
that follows the form shows it (so that reloading that page neither creates a
second token nor shows the secret again), and the page is never cached.
"""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from programs import api_tokens
from programs.models import ApiToken


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy("Where the token is used, e.g. “Human resources system”."),
    )
    scope = forms.ChoiceField(
        label=gettext_lazy("What it may do"),
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
        widget=forms.RadioSelect,
    )
    expires_on = forms.DateField(
        label=gettext_lazy("Expires on (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("After this day the token stops working."),
    )

    def expires_at(self) -> datetime.datetime | None:
        day = self.cleaned_data.get("expires_on")
        if day is None:
            return None
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


SESSION_SLOT = "account_new_api_token"  # the session key holding it


def _page(request, form: ApiTokenForm, *, new_secret: str = "", status: int = 200):
    context = {
        "nav": "account",
        "form": form,
        "tokens": api_tokens.api_tokens_listed(request.user),
        "new_secret": new_secret,
        "now": timezone.now(),
    }
    return render(request, "frontend/account/account.html", context, status=status)


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def account(request):
    if request.method != "POST":
        return _page(request, ApiTokenForm(), new_secret=request.session.pop(SESSION_SLOT, ""))
    form = ApiTokenForm(request.POST)
    if form.is_valid():
        try:
            new = api_tokens.api_token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                expires_at=form.expires_at(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.session[SESSION_SLOT] = new.secret
            return redirect("account")
    return _page(request, form, status=400)


@login_required
@require_POST
def token_revoke(request, token_id: int):
    token = api_tokens.api_tokens_of(request.user).filter(pk=token_id).first()
    if token is None:
        raise Http404
    api_tokens.api_token_revoke(token=token)
    messages.success(request, _("The token “%(name)s” no longer works.") % {"name": token.name})
    return redirect("account")
