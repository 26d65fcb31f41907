"""Verbs that change programmes, municipalities, people and memberships."""

import datetime

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from programs.models import TEAM_ROLES, Membership, Municipality, Programme, Role, User


def user_get_or_create(
    *,
    email: str,
    full_name: str,
    preferred_language: str = "es",
    gender: str = "",
) -> tuple[User, bool]:
    """Find a person by e-mail (case-insensitive) or create one who must activate."""
    email = User.objects.normalize_email(email.strip()).lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user, False
    user = User(
        email=email,
        full_name=full_name.strip(),
        preferred_language=preferred_language,
        gender=gender,
    )
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    return user, True


@transaction.atomic
def membership_add(
    *,
    user: User,
    programme: Programme,
    role: str,
    municipality: Municipality | None = None,
    started_on: datetime.date | None = None,
) -> tuple[Membership, bool]:
    """Give a person a role in a programme; a no-op when they already hold it there."""
    if role in TEAM_ROLES and municipality is None:
        raise ValidationError(_("Officials and coordinators belong to a municipality."))
    if role not in TEAM_ROLES:
        municipality = None
    if municipality is not None and municipality.programme_id != programme.id:
        raise ValidationError(_("The municipality belongs to another programme."))
    current = (
        Membership.objects.current()
        .select_for_update()
        .filter(user=user, programme=programme, role=role)
        .first()
    )
    if current is not None:
        if current.municipality_id != (municipality.id if municipality else None):
            raise ValidationError(
                _("%(person)s is already %(role)s in %(municipality)s.")
                % {
                    "person": user.full_name,
                    "role": current.get_role_display().lower(),
                    "municipality": current.municipality.name,
                }
            )
        return current, False
    membership = Membership.objects.create(
        user=user,
        programme=programme,
        municipality=municipality,
        role=role,
        started_on=started_on or timezone.localdate(),
    )
    return membership, True


@transaction.atomic
def membership_end(
    *, membership: Membership, ended_on: datetime.date | None = None, reason: str
) -> Membership:
    if membership.ended_on is not None:
        raise ValidationError(_("This membership has already ended."))
    if not reason.strip():
        raise ValidationError(_("Say why the person leaves the team."))
    membership.ended_on = ended_on or timezone.localdate()
    membership.end_reason = reason.strip()
    membership.full_clean()
    membership.save(update_fields=["ended_on", "end_reason"])
    return membership


@transaction.atomic
def official_replace(
    *,
    leaving: Membership,
    newcomer: User,
    reason: str,
    on_date: datetime.date | None = None,
) -> Membership:
    """An official leaves the team and a new one takes their place; history stays."""
    if leaving.role != Role.OFFICIAL:
        raise ValidationError(_("Only an official can be replaced in a team."))
    on_date = on_date or timezone.localdate()
    membership_end(membership=leaving, ended_on=on_date, reason=reason)
    replacement, _created = membership_add(
        user=newcomer,
        programme=leaving.programme,
        role=Role.OFFICIAL,
        municipality=leaving.municipality,
        started_on=on_date,
    )
    leaving.replaced_by = replacement
    leaving.save(update_fields=["replaced_by"])
    return replacement


@transaction.atomic
def municipality_replace_with_reserve(
    *,
    selected: Municipality,
    reserve: Municipality,
    reason: str,
    on_date: datetime.date | None = None,
) -> Municipality:
    """A reserve municipality takes the place of a selected one that dropped out."""
    selected = Municipality.objects.select_for_update().get(pk=selected.pk)
    reserve = Municipality.objects.select_for_update().get(pk=reserve.pk)
    if selected.programme_id != reserve.programme_id:
        raise ValidationError(_("Both municipalities must belong to the same programme."))
    if selected.status != Municipality.Status.SELECTED:
        raise ValidationError(
            _("%(name)s is not a selected municipality.") % {"name": selected.name}
        )
    if reserve.status != Municipality.Status.RESERVE:
        raise ValidationError(_("%(name)s is not a reserve.") % {"name": reserve.name})
    if not reason.strip():
        raise ValidationError(_("Say why the municipality is replaced."))
    selected.status = Municipality.Status.REPLACED
    selected.replaced_by = reserve
    selected.replaced_on = on_date or timezone.localdate()
    selected.replacement_reason = reason.strip()
    selected.save(update_fields=["status", "replaced_by", "replaced_on", "replacement_reason"])
    reserve.status = Municipality.Status.SELECTED
    reserve.save(update_fields=["status"])
    return reserve


def activation_path(user: User) -> str:
    """The path of the page where a person chooses a password and activates."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("activate", kwargs={"uidb64": uid, "token": token})


def activation_link(user: User) -> str:
    return settings.SITE_URL + activation_path(user)


def activation_email_send(*, user_id: int) -> bool:
    """Send one person their activation link, once.

    Returns False (and sends nothing) when the person is already active or was
    already sent the link, so a retried task never e-mails twice.
    """
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=user_id).first()
        if user is None or user.has_usable_password() or user.activation_sent_at is not None:
            return False
        with translation.override(user.preferred_language):
            context = {
                "user": user,
                "link": activation_link(user),
                "site_url": settings.SITE_URL,
                "valid_days": settings.PASSWORD_RESET_TIMEOUT // 86400,
            }
            subject = render_to_string("programs/email/activation_subject.txt", context).strip()
            body = render_to_string("programs/email/activation_body.txt", context)
        user.activation_sent_at = timezone.now()
        user.save(update_fields=["activation_sent_at"])
        # Sent inside the transaction: if sending fails the mark is rolled back
        # and a retry sends again.
        send_mail(subject, body, None, [user.email])
    return True


def activation_emails_queue(user_ids: list[int]) -> None:
    """Queue activation e-mails once the surrounding transaction has committed."""
    if not user_ids:
        return
    from programs.tasks import send_activation_emails

    ids = list(user_ids)
    transaction.on_commit(lambda: send_activation_emails.delay(ids))


def user_language_set(*, user: User, language: str) -> User:
    """Remember the language a person chose for the interface, e-mails and PDFs."""
    valid = {code for code, _name in settings.LANGUAGES}
    if language not in valid:
        raise ValidationError(_("Unknown language."))
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    return user
