"""Milestones H1–H7 and the programme fee: the verbs that record them and the reads.

Storage and recording only. H2 is computed elsewhere (certification calls
`programs.services.municipality_h2_record`); whether a team has finished its
training (which makes the fee's second half due) needs certificates and course
runs, so it is worked out above, in `reporting.fees`. The one-click H3 evidence
from the team's graded final project is assembled in `reporting` too, which
reads `assessments` and then calls `milestone_record` here with the file.

Every verb is one transaction, validates before writing, raises
ValidationError with a message for people, and appends to the history.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from programs import uploads
from programs.models import (
    RECORDED_MILESTONES,
    Diagnostic,
    FeeEvent,
    FeeInstalment,
    Milestone,
    MilestoneEvent,
    MilestoneRecord,
    Municipality,
    Programme,
    User,
)

# --- Evidence --------------------------------------------------------------------

EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
# Accepted types of evidence file: PDF, images, and office documents (Microsoft
# and OpenDocument); programs.uploads checks their content matches their name.
EVIDENCE_EXTENSIONS = ("doc", "docx", "gif", "jpeg", "jpg", "odp", "ods", "odt", "pdf", "png",
                       "ppt", "pptx", "webp", "xls", "xlsx")  # fmt: skip


def evidence_file_name(upload: UploadedFile) -> str:
    return uploads.stored_name(upload, default="evidence")


def evidence_file_check(upload: UploadedFile) -> None:
    """Type (by name and by content) and size of an evidence file."""
    uploads.check_file(upload, allowed=EVIDENCE_EXTENSIONS, max_bytes=EVIDENCE_MAX_BYTES)


def evidence_url_check(url: str) -> str:
    url = url.strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError as error:
        raise ValidationError(
            _("The evidence link must be a full web address starting with http:// or https://.")
        ) from error
    return url


def _evidence_label(record: MilestoneRecord) -> str:
    parts = [record.evidence_name] if record.evidence_file else []
    if record.evidence_url:
        parts.append(record.evidence_url)
    return " · ".join(parts)[:600]


def _check_date(on: datetime.date) -> None:
    if on > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."))


def _log(record: MilestoneRecord, action: str, by: User, note: str = "") -> None:
    MilestoneEvent.objects.create(
        record=record,
        action=action,
        by=by,
        achieved_on=record.achieved_on,
        evidence=_evidence_label(record),
        note=note,
    )


# --- Recording milestones ----------------------------------------------------------


def _check_target(municipality: Municipality, milestone: str, part: str) -> str:
    if milestone == Milestone.H2:
        raise ValidationError(
            _("H2 is not recorded by hand: it follows the team's valid certificates.")
        )
    if milestone not in RECORDED_MILESTONES:
        raise ValidationError(_("Unknown milestone."))
    if milestone == Milestone.H1:
        if part not in Diagnostic.values:
            raise ValidationError(_("Say which of the four diagnostics is documented."))
    elif part:
        raise ValidationError(_("Only H1 is made of diagnostics."))
    if municipality.status != Municipality.Status.SELECTED:
        raise ValidationError(
            _("Milestones are recorded only for selected municipalities (%(name)s is %(status)s).")
            % {"name": municipality.name, "status": municipality.get_status_display().lower()}
        )
    return part


def milestone_record(
    *,
    municipality: Municipality,
    milestone: str,
    part: str = "",
    achieved_on: datetime.date,
    by: User,
    evidence_file: UploadedFile | None = None,
    evidence_url: str = "",
    note: str = "",
    evidence_source: str = "",
) -> MilestoneRecord:
    """Record that a municipality reached a milestone (or one H1 diagnostic), with evidence."""
    part = _check_target(municipality, milestone, part or "")
    _check_date(achieved_on)
    if evidence_file is None and not evidence_url.strip():
        raise ValidationError(_("Attach the evidence: a file or a link."))
    if evidence_file is not None:
        evidence_file_check(evidence_file)
    if evidence_url.strip():
        evidence_url = evidence_url_check(evidence_url)
    try:
        with transaction.atomic():
            # Serialise writers on this municipality's milestones.
            list(Municipality.objects.select_for_update().filter(pk=municipality.pk).values("pk"))
            current = MilestoneRecord.objects.current().filter(
                municipality=municipality, milestone=milestone, part=part
            )
            if current.exists():
                raise ValidationError(
                    _("This milestone is already recorded: edit or withdraw that record.")
                )
            record = MilestoneRecord(
                municipality=municipality,
                milestone=milestone,
                part=part,
                achieved_on=achieved_on,
                evidence_url=evidence_url,
                evidence_source=evidence_source[:100],
                note=note.strip(),
                recorded_by=by,
            )
            if evidence_file is not None:
                record.evidence_name = evidence_file_name(evidence_file)
                record.evidence_file.save(record.evidence_name, evidence_file, save=False)
            record.save()
            _log(record, MilestoneEvent.Action.RECORDED, by, record.note)
    except IntegrityError as error:
        raise ValidationError(
            _("This milestone is already recorded: edit or withdraw that record.")
        ) from error
    return record


def milestone_record_edit(
    *,
    record: MilestoneRecord,
    by: User,
    achieved_on: datetime.date,
    note: str = "",
    evidence_file: UploadedFile | None = None,
    evidence_url: str | None = None,
) -> MilestoneRecord:
    """Correct a record's date, evidence or note; the previous state stays in the history.

    `evidence_file` replaces the file when given; `evidence_url` replaces the
    link when not None ("" removes it). Some evidence must remain.
    """
    _check_date(achieved_on)
    if evidence_file is not None:
        evidence_file_check(evidence_file)
    if evidence_url:
        evidence_url = evidence_url_check(evidence_url)
    with transaction.atomic():
        record = MilestoneRecord.objects.select_for_update().get(pk=record.pk)
        if not record.is_current:
            raise ValidationError(_("This record was withdrawn and can no longer be edited."))
        new_url = record.evidence_url if evidence_url is None else evidence_url
        if evidence_file is None and not record.evidence_file and not new_url:
            raise ValidationError(_("Attach the evidence: a file or a link."))
        record.achieved_on = achieved_on
        record.note = note.strip()
        record.evidence_url = new_url
        if evidence_file is not None:
            # The previous file stays on disk: the history names it.
            record.evidence_name = evidence_file_name(evidence_file)
            record.evidence_file.save(record.evidence_name, evidence_file, save=False)
            record.evidence_source = ""
        record.save()
        _log(record, MilestoneEvent.Action.EDITED, by, record.note)
    return record


def milestone_record_withdraw(*, record: MilestoneRecord, by: User, reason: str) -> MilestoneRecord:
    """Withdraw a record entered by mistake (it stays in the history)."""
    if not reason.strip():
        raise ValidationError(_("Say why the record is withdrawn."))
    with transaction.atomic():
        record = MilestoneRecord.objects.select_for_update().get(pk=record.pk)
        if not record.is_current:
            raise ValidationError(_("This record was already withdrawn."))
        record.withdrawn_at = timezone.now()
        record.withdrawn_by = by
        record.withdrawal_reason = reason.strip()
        record.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
        _log(record, MilestoneEvent.Action.WITHDRAWN, by, record.withdrawal_reason)
    return record


# --- Reading milestones ------------------------------------------------------------


@dataclass
class MilestoneState:
    """Where a municipality stands on one milestone."""

    code: str
    label: str
    reached_on: datetime.date | None = None
    records: list[MilestoneRecord] = field(default_factory=list)
    # H1 only: each diagnostic and its current record (None when missing).
    parts: list[tuple[str, str, MilestoneRecord | None]] = field(default_factory=list)
    computed: bool = False

    @property
    def reached(self) -> bool:
        return self.reached_on is not None

    @property
    def parts_done(self) -> int:
        return sum(1 for _code, _label, record in self.parts if record is not None)


def milestone_record_get_for_municipality(
    municipality: Municipality, record_id: int
) -> MilestoneRecord | None:
    return (
        MilestoneRecord.objects.filter(municipality=municipality, pk=record_id)
        .select_related("recorded_by")
        .first()
    )


def milestone_states(municipality: Municipality) -> list[MilestoneState]:
    """H1–H7 for one municipality, in order (H2 from `h2_reached_on`)."""
    current = list(
        MilestoneRecord.objects.current()
        .filter(municipality=municipality)
        .select_related("recorded_by")
        .order_by("milestone", "part")
    )
    states = []
    for code, label in Milestone.choices:
        state = MilestoneState(code=code, label=label)
        if code == Milestone.H2:
            state.computed = True
            state.reached_on = municipality.h2_reached_on
        elif code == Milestone.H1:
            by_part = {record.part: record for record in current if record.milestone == code}
            state.parts = [
                (part, part_label, by_part.get(part)) for part, part_label in Diagnostic.choices
            ]
            state.records = list(by_part.values())
            if state.parts_done == len(Diagnostic.values):
                state.reached_on = max(record.achieved_on for record in state.records)
        else:
            state.records = [record for record in current if record.milestone == code]
            if state.records:
                state.reached_on = state.records[0].achieved_on
        states.append(state)
    return states


@dataclass
class TimelineEntry:
    on: datetime.date
    kind: str  # "milestone", "h2", "replacement", "replaces"
    title: str
    record: MilestoneRecord | None = None
    event: MilestoneEvent | None = None
    other: Municipality | None = None
    detail: str = ""


def milestone_timeline(municipality: Municipality) -> list[TimelineEntry]:
    """What happened to the municipality, newest first: milestones (with their changes),
    H2, and the replacement history (it replaced or was replaced by a reserve)."""
    entries: list[TimelineEntry] = []
    records = (
        MilestoneRecord.objects.filter(municipality=municipality)
        .select_related("recorded_by", "withdrawn_by")
        .prefetch_related(Prefetch("events", queryset=MilestoneEvent.objects.select_related("by")))
    )
    for record in records:
        for event in record.events.all():
            entries.append(
                TimelineEntry(
                    on=timezone.localdate(event.at)
                    if event.action != MilestoneEvent.Action.RECORDED
                    else event.achieved_on,
                    kind="milestone",
                    title=str(record),
                    record=record,
                    event=event,
                )
            )
    if municipality.h2_reached_on:
        entries.append(
            TimelineEntry(on=municipality.h2_reached_on, kind="h2", title=Milestone.H2.label)
        )
    if municipality.replaced_by_id and municipality.replaced_on:
        entries.append(
            TimelineEntry(
                on=municipality.replaced_on,
                kind="replacement",
                title=_("Replaced by a reserve"),
                other=municipality.replaced_by,
                detail=municipality.replacement_reason,
            )
        )
    for old in Municipality.objects.filter(replaced_by=municipality).order_by("replaced_on"):
        entries.append(
            TimelineEntry(
                on=old.replaced_on or municipality.programme.starts_on,
                kind="replaces",
                title=_("Takes the place of a municipality that left"),
                other=old,
                detail=old.replacement_reason,
            )
        )
    entries.sort(key=lambda entry: (entry.on, entry.event.pk if entry.event else 0), reverse=True)
    return entries


def _reached(milestone: str) -> Q:
    return Q(milestone_records__milestone=milestone, milestone_records__withdrawn_at__isnull=True)


def milestone_matrix(
    programme: Programme, *, status: str = "", milestone: str = "", reached: str = ""
) -> QuerySet[Municipality]:
    """The programme's municipalities with the date of each milestone, in one query.

    Annotates `h1_parts` (diagnostics documented, 0–4), `h1_last` (the date of
    the last one, meaningful when all four are), and `h3_on` … `h7_on`; H2 is
    the municipality's `h2_reached_on`. The municipalities a reserve replaced
    are prefetched (`replaces`), for the history. `milestone` + `reached` ("yes"/"no") keep
    the municipalities that have (or have not) reached that milestone.
    """
    annotations = {
        "h1_parts": Count("milestone_records", filter=_reached(Milestone.H1)),
        "h1_last": Max("milestone_records__achieved_on", filter=_reached(Milestone.H1)),
    }
    for code in RECORDED_MILESTONES[1:]:
        annotations[f"{code.lower()}_on"] = Max(
            "milestone_records__achieved_on", filter=_reached(code)
        )
    queryset = (
        Municipality.objects.filter(programme=programme)
        .select_related("replaced_by")
        .prefetch_related(
            Prefetch("replaces", queryset=Municipality.objects.order_by("replaced_on", "pk"))
        )
        .annotate(**annotations)
        .order_by("name", "pk")
    )
    if status:
        queryset = queryset.filter(status=status)
    if milestone in Milestone.values and reached in ("yes", "no"):
        if milestone == Milestone.H1:
            condition = Q(h1_parts__gte=len(Diagnostic.values))
        elif milestone == Milestone.H2:
            condition = Q(h2_reached_on__isnull=False)
        else:
            condition = Q(**{f"{milestone.lower()}_on__isnull": False})
        queryset = queryset.filter(condition) if reached == "yes" else queryset.exclude(condition)
    return queryset


# --- The programme fee ---------------------------------------------------------------


def fee_instalments_of(municipality: Municipality) -> list[FeeInstalment]:
    """Both halves, in order; a half never recorded is shown as an unsaved pending one."""
    stored = {
        instalment.half: instalment
        for instalment in FeeInstalment.objects.filter(municipality=municipality)
        .select_related("updated_by")
        .prefetch_related(Prefetch("events", queryset=FeeEvent.objects.select_related("by")))
    }
    return [
        stored.get(half) or FeeInstalment(municipality=municipality, half=half)
        for half in FeeInstalment.Half.values
    ]


def fee_instalment_set(
    *,
    municipality: Municipality,
    half: int,
    status: str,
    by: User,
    invoiced_on: datetime.date | None = None,
    paid_on: datetime.date | None = None,
    amount=None,
    currency: str = "",
    note: str = "",
) -> FeeInstalment:
    """Record one half's status (pending, invoiced, paid) with its dates; logged."""
    if half not in FeeInstalment.Half.values:
        raise ValidationError(_("Unknown instalment."))
    if status not in FeeInstalment.Status.values:
        raise ValidationError(_("Unknown status."))
    if status == FeeInstalment.Status.INVOICED and invoiced_on is None:
        raise ValidationError(_("Give the date of the invoice."))
    if status == FeeInstalment.Status.PAID and paid_on is None:
        raise ValidationError(_("Give the date of the payment."))
    if status == FeeInstalment.Status.PENDING:
        invoiced_on = paid_on = None
    elif status == FeeInstalment.Status.INVOICED:
        paid_on = None
    for day in (invoiced_on, paid_on):
        if day is not None:
            _check_date(day)
    if invoiced_on and paid_on and paid_on < invoiced_on:
        raise ValidationError(_("The payment cannot be dated before the invoice."))
    if amount is not None and amount < 0:
        raise ValidationError(_("The amount cannot be negative."))
    currency = currency.strip().upper()
    if currency and (len(currency) != 3 or not currency.isalpha()):
        raise ValidationError(_("The currency is a three-letter code such as USD or COP."))
    with transaction.atomic():
        list(Municipality.objects.select_for_update().filter(pk=municipality.pk).values("pk"))
        instalment, _created = FeeInstalment.objects.get_or_create(
            municipality=municipality, half=half
        )
        instalment.status = status
        instalment.invoiced_on = invoiced_on
        instalment.paid_on = paid_on
        instalment.amount = amount
        instalment.currency = currency
        instalment.note = note.strip()
        instalment.updated_by = by
        instalment.updated_at = timezone.now()
        instalment.save()
        FeeEvent.objects.create(
            instalment=instalment,
            by=by,
            status=status,
            amount=amount,
            invoiced_on=invoiced_on,
            paid_on=paid_on,
            note=instalment.note,
        )
    return instalment
