"""Personal API tokens: created, revoked and checked.

A token's secret is `mna_` followed by 43 URL-safe characters (256 random
bits). Only its SHA-256 digest is stored: the secret is high-entropy, so a
fast hash is enough, and a look-up is a single indexed query.
"""

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from programs.models import ApiToken, User

SECRET_PREFIX = "mna_"  # noqa: S105 - marks our tokens in logs and secret scanners
SHOWN_PREFIX_LENGTH = 8
# A token used again within this time does not rewrite its last use.
LAST_USE_PRECISION = datetime.timedelta(minutes=5)
MAX_LIVE_TOKENS = 20
REVOKED_SHOWN_FOR = datetime.timedelta(days=90)


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # shown once, never stored


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def api_tokens_listed(user: User, *, now: datetime.datetime | None = None) -> QuerySet[ApiToken]:
    """The person's tokens to show: those that work, and those revoked in the last 90 days."""
    since = (now or timezone.now()) - REVOKED_SHOWN_FOR
    return api_tokens_of(user).filter(Q(revoked_at__isnull=True) | Q(revoked_at__gte=since))


@transaction.atomic
def api_token_create(
    *,
    user: User,
    name: str,
    scope: str,
    expires_at: datetime.datetime | None = None,
    now: datetime.datetime | None = None,
) -> NewToken:
    """A new token for the person; the returned secret is the only copy there will be."""
    now = now or timezone.now()
    name = name.strip()
    if not name:
        raise ValidationError(_("Give the token a name that says where it is used."))
    if scope not in ApiToken.Scope.values:
        raise ValidationError(_("Choose what the token may do."))
    if expires_at is not None and expires_at <= now:
        raise ValidationError(_("The expiry date must be in the future."))
    User.objects.select_for_update().filter(pk=user.pk).first()  # one creation at a time
    live = api_tokens_of(user).filter(revoked_at__isnull=True).count()
    if live >= MAX_LIVE_TOKENS:
        raise ValidationError(
            _("You already have %(count)d tokens: revoke one you no longer use first.")
            % {"count": live}
        )
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        scope=scope,
        prefix=secret[: len(SECRET_PREFIX) + SHOWN_PREFIX_LENGTH],
        digest=_digest(secret),
        created_at=now,
        expires_at=expires_at,
    )
    return NewToken(token=token, secret=secret)


@transaction.atomic
def api_token_revoke(*, token: ApiToken, now: datetime.datetime | None = None) -> ApiToken:
    """Stop a token from working, at once; revoking twice changes nothing."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = now or timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_authenticate(secret: str, *, now: datetime.datetime | None = None) -> ApiToken | None:
    """The usable token with this secret (its owner active), else None; notes its use."""
    if not secret.startswith(SECRET_PREFIX) or len(secret) > 200:
        return None
    now = now or timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(secret), user__is_active=True)
        .first()
    )
    if token is None or not token.is_usable(now):
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USE_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
