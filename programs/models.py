"""Programmes, municipalities, people and their roles."""

import uuid

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programs.jobs import BackgroundJob


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
            # The few that ended: the programme overview's cache stamp reads them
            # without scanning every membership (reporting.selectors).
            models.Index(
                fields=["programme"],
                condition=Q(ended_on__isnull=False),
                name="membership_ended_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"

    @property
    def is_current(self) -> bool:
        return self.ended_on is None


# --- Milestones H1–H7 and the programme fee --------------------------------------
# H2 is computed from certificates (Municipality.h2_reached_on); the others are
# recorded by the programme's managers with their evidence. Rules live in
# programs/milestones.py; these are the tables.


class Milestone(models.TextChoices):
    H1 = "H1", _("H1 · Diagnostics documented")
    H2 = "H2", _("H2 · Ten officials certified")
    H3 = "H3", _("H3 · E-government strategy approved")
    H4 = "H4", _("H4 · MuniPortal implemented")
    H5 = "H5", _("H5 · MuniCompra implemented")
    H6 = "H6", _("H6 · MuniServi implemented")
    H7 = "H7", _("H7 · MuniParticipa implemented")


# The milestones a manager records by hand (H2 is computed).
RECORDED_MILESTONES = ("H1", "H3", "H4", "H5", "H6", "H7")


class Diagnostic(models.TextChoices):
    """The four diagnostics that together make H1."""

    ICT = "ict", _("ICT")
    TRANSPARENCY = "transparency", _("Transparency")
    EFFICIENCY = "efficiency", _("Efficiency")
    PARTICIPATION = "participation", _("Citizen participation")


def _milestone_evidence_path(instance: "MilestoneRecord", filename: str) -> str:
    return f"milestones/{instance.municipality_id}/{uuid.uuid4().hex}/{filename}"


class MilestoneRecordQuerySet(models.QuerySet):
    def current(self):
        return self.filter(withdrawn_at__isnull=True)


class MilestoneRecord(models.Model):
    """A milestone (or, for H1, one of its diagnostics) reached, with its evidence.

    Never deleted: a record entered by mistake is withdrawn with a reason, and
    every change is kept in MilestoneEvent.
    """

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="milestone_records"
    )
    milestone = models.CharField(_("milestone"), max_length=2, choices=Milestone.choices)
    part = models.CharField(_("diagnostic"), max_length=16, choices=Diagnostic.choices, blank=True)
    achieved_on = models.DateField(_("date reached"))
    evidence_file = models.FileField(
        _("evidence file"), upload_to=_milestone_evidence_path, blank=True, max_length=300
    )
    evidence_name = models.CharField(_("evidence file name"), max_length=255, blank=True)
    evidence_url = models.URLField(_("evidence link"), max_length=500, blank=True)
    # Where the evidence came from when another part of Aula supplied it
    # (e.g. "submission:42" for a team's graded final project); opaque here.
    evidence_source = models.CharField(max_length=100, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)

    objects = MilestoneRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("milestone record")
        verbose_name_plural = _("milestone records")
        ordering = ["municipality", "milestone", "part", "recorded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "milestone", "part"],
                condition=Q(withdrawn_at__isnull=True),
                name="milestone_record_one_current",
            ),
            models.CheckConstraint(
                condition=Q(milestone__in=RECORDED_MILESTONES), name="milestone_record_not_h2"
            ),
            models.CheckConstraint(
                condition=Q(milestone="H1", part__in=Diagnostic.values)
                | (~Q(milestone="H1") & Q(part="")),
                name="milestone_record_h1_has_part",
            ),
            models.CheckConstraint(
                condition=~Q(evidence_file="") | ~Q(evidence_url=""),
                name="milestone_record_has_evidence",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | ~Q(withdrawal_reason=""),
                name="milestone_record_withdrawal_has_reason",
            ),
        ]

    def __str__(self) -> str:
        label = self.get_milestone_display()
        return f"{label} ({self.get_part_display()})" if self.part else label

    @property
    def is_current(self) -> bool:
        return self.withdrawn_at is None


class MilestoneEvent(models.Model):
    """The history of a milestone record: recorded, edited, withdrawn; by whom and when."""

    class Action(models.TextChoices):
        RECORDED = "recorded", _("Recorded")
        EDITED = "edited", _("Edited")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    record = models.ForeignKey(MilestoneRecord, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(max_length=16, choices=Action.choices)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    achieved_on = models.DateField()
    evidence = models.CharField(max_length=600, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("milestone event")
        verbose_name_plural = _("milestone events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.record} · {self.get_action_display()}"


class FeeInstalment(models.Model):
    """One half of a municipality's programme fee."""

    class Half(models.IntegerChoices):
        FIRST = 1, _("First half (on joining)")
        SECOND = 2, _("Second half (when the training stage ends)")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        INVOICED = "invoiced", _("Invoiced")
        PAID = "paid", _("Paid")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="fee_instalments"
    )
    half = models.PositiveSmallIntegerField(_("half"), choices=Half.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    amount = models.DecimalField(
        _("amount"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency (ISO 4217)"), max_length=3, blank=True)
    invoiced_on = models.DateField(_("invoiced on"), null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    updated_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("fee instalment")
        verbose_name_plural = _("fee instalments")
        ordering = ["municipality", "half"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "half"], name="fee_instalment_unique"),
            models.CheckConstraint(
                condition=~Q(status="invoiced") | Q(invoiced_on__isnull=False),
                name="fee_invoiced_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="paid") | Q(paid_on__isnull=False),
                name="fee_paid_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} · {self.get_half_display()}: {self.get_status_display()}"


class FeeEvent(models.Model):
    """Each change of an instalment's status or dates, for the audit."""

    instalment = models.ForeignKey(FeeInstalment, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=16, choices=FeeInstalment.Status.choices)
    amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    invoiced_on = models.DateField(null=True, blank=True)
    paid_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("fee event")
        verbose_name_plural = _("fee events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.instalment} · {self.status}"


# --- Personal API tokens ------------------------------------------------------------
# Created and revoked by their owner on the account page (programs/api_tokens.py);
# used by other systems (HR, national registries) to call the REST API as that person.


class ApiToken(models.Model):
    """A personal access token for the REST API, with a scope.

    Only the SHA-256 digest of the secret is stored: the secret is shown once,
    when the token is created. A read-only token may only read; a write token
    may also change what its owner may change. Revoked tokens are kept, so the
    owner sees what existed and when it was last used.
    """

    class Scope(models.TextChoices):
        READ = "read", _("Read only")
        WRITE = "write", _("Read and write")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    scope = models.CharField(_("scope"), max_length=8, choices=Scope.choices, default=Scope.READ)
    # The first characters of the secret, shown to tell tokens apart.
    prefix = models.CharField(max_length=16, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_usable(self, now) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)


# --- Imports of municipalities and teams, run in the background -----------------------
# Requested on the import page and run by a Celery task (programs/import_jobs.py).


def _import_upload_path(instance: "MunicipalityImport", filename: str) -> str:
    # A random folder: the file holds personal data and its name must not be guessable.
    # No URL serves the storage: the file is read by the task and deleted when done.
    return f"municipality-imports/{uuid.uuid4().hex}/{filename}"


class MunicipalityImport(BackgroundJob):
    """One spreadsheet of municipalities and teams, checked (and, unless a dry run,
    imported) in the background, with the progress and the report its pages show.

    All or nothing, like every import: the report and the status `done` are
    written in the same transaction as the import's rows, so a retried task
    finds the job finished and imports nothing twice.
    """

    class Phase(models.TextChoices):
        WAITING = "waiting", _("Waiting for its turn")
        READING = "reading", _("Reading the file")
        CHECKING = "checking", _("Checking the lines")
        SAVING = "saving", _("Saving")
        FINISHED = "finished", _("Finished")

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="municipality_imports"
    )
    requested_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The report is written in the language of the person who asked for it.
    language = models.CharField(max_length=8, default=Language.SPANISH)
    dry_run = models.BooleanField(_("check without importing"), default=False)
    file = models.FileField(upload_to=_import_upload_path, blank=True, max_length=300)
    file_name = models.CharField(_("file"), max_length=200)
    phase = models.CharField(max_length=16, choices=Phase.choices, default=Phase.WAITING)
    # The report: its counts (rows read, created, updated, unchanged…, errors), the
    # problems found ([line, column, message], every one) and the columns ignored.
    counts = models.JSONField(default=dict, blank=True)
    errors = models.JSONField(default=list, blank=True)
    ignored_columns = models.JSONField(default=list, blank=True)

    class Meta(BackgroundJob.Meta):
        verbose_name = _("import of municipalities")
        verbose_name_plural = _("imports of municipalities")
        indexes = [
            models.Index(fields=["programme", "-created_at"], name="municipality_import_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.file_name} · {self.programme_id} · {self.get_status_display()}"
