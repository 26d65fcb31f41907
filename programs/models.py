"""Programmes, municipalities, people and their roles."""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    SPANISH = "es", _("Spanish")
    ENGLISH = "en", _("English")
    PORTUGUESE = "pt-br", _("Brazilian Portuguese")
    FRENCH = "fr", _("French")


class Gender(models.TextChoices):
    """Self-declared, optional, and only ever shown in aggregates."""

    UNDECLARED = "", _("Prefer not to say")
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with an e-mail address.

    `full_name` is the name exactly as it must appear on a certificate.
    """

    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=Language.choices, default=Language.SPANISH
    )
    gender = models.CharField(
        _("gender (self-declared)"), max_length=16, choices=Gender.choices, blank=True
    )
    is_staff = models.BooleanField(_("administrator"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    activation_sent_at = models.DateTimeField(_("activation e-mail sent"), null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}>"

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_activated(self) -> bool:
        return self.has_usable_password()


class Programme(models.Model):
    """A national programme: one country, its municipalities and its course runs."""

    class GradeScale(models.TextChoices):
        PERCENT = "percent", _("Percent (0–100)")
        TEN = "ten", _("0–10")
        TWENTY = "twenty", _("0–20")

    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country (ISO 3166 code)"), max_length=2)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default="America/Bogota")
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    grade_scale = models.CharField(
        _("grade scale shown"), max_length=16, choices=GradeScale.choices, default=GradeScale.TEN
    )

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="programme_dates_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    class Status(models.TextChoices):
        SELECTED = "selected", _("Selected")
        RESERVE = "reserve", _("Reserve")
        REPLACED = "replaced", _("Replaced")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="municipalities"
    )
    code = models.CharField(_("official code"), max_length=32)
    name = models.CharField(_("name"), max_length=200)
    region = models.CharField(_("region"), max_length=200, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    area_km2 = models.DecimalField(
        _("area (km²)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SELECTED
    )
    replaced_by = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name=_("replaced by"),
    )
    replaced_on = models.DateField(_("replaced on"), null=True, blank=True)
    replacement_reason = models.TextField(_("reason for replacement"), blank=True)
    # Milestone H2: ten officials of the current team hold valid certificates.
    h2_reached_on = models.DateField(_("H2 reached on"), null=True, blank=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="municipality_code_unique"),
            models.CheckConstraint(
                condition=Q(status="replaced", replaced_by__isnull=False)
                | (~Q(status="replaced") & Q(replaced_by__isnull=True)),
                name="municipality_replaced_has_replacement",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Role(models.TextChoices):
    OFFICIAL = "official", _("Official")
    COORDINATOR = "coordinator", _("Coordinator")
    TUTOR = "tutor", _("Tutor")
    MANAGER = "manager", _("Programme manager")


TEAM_ROLES = (Role.OFFICIAL, Role.COORDINATOR)
PROGRAMME_ROLES = (Role.TUTOR, Role.MANAGER)


class MembershipQuerySet(models.QuerySet):
    def current(self):
        return self.filter(ended_on__isnull=True)


class Membership(models.Model):
    """A person holding one role in a programme, for a period.

    Officials and coordinators belong to a municipality's team; tutors and
    managers hold a programme-wide role. Memberships are never deleted: an
    official who leaves gets `ended_on` and, where known, the membership of
    the person who replaced them.
    """

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="memberships")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="memberships")
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    started_on = models.DateField(_("started on"), default=timezone.localdate)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(_("reason for leaving"), max_length=300, blank=True)
    replaced_by = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name=_("replaced by"),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "programme", "role"],
                condition=Q(ended_on__isnull=True),
                name="membership_one_current_role",
            ),
            models.CheckConstraint(
                condition=(
                    Q(role__in=["official", "coordinator"], municipality__isnull=False)
                    | Q(role__in=["tutor", "manager"], municipality__isnull=True)
                ),
                name="membership_team_roles_have_municipality",
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "role", "ended_on"], name="membership_team_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"

    @property
    def is_current(self) -> bool:
        return self.ended_on is None
