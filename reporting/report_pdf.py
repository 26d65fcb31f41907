"""The programme report for monitoring and evaluation: one PDF (reportlab), in one language.

What it holds: the overview's figures (municipalities, officials, hours,
certification, officials at risk), the distribution of credited hours, the
certifications by month, the counts by self-declared gender (aggregates only,
small groups withheld as on the page), the municipalities at H2 with the date
each reached it, and the municipality table. Figures come from the same
selectors as the pages (`programme_overview`, `municipality_rows`), so the
report and the dashboard agree.

`programme_report_pdf(programme, today=…, language=…)` renders it in `language`
(the manager's preferred language); the caller never needs to activate it.
"""

import datetime
import io
from collections.abc import Callable
from xml.sax.saxutils import escape

from django.utils import formats, translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from programs.models import Gender, Municipality, Programme
from reporting import selectors
from reporting.exports import hours, percent

_GRID = TableStyle(
    [
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8),
        ("FONT", (0, 1), (-1, -1), "Helvetica", 8),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#9aa7b4")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
    ]
)


def _number(value, decimals: int = 0) -> str:
    if value is None:
        return "—"
    return formats.number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def _day(value: datetime.date | None) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else "—"


def _fit(name: str, limit: int = 42) -> str:
    """A name as a plain table cell (far cheaper than a Paragraph at thousands of rows),
    shortened to fit its column."""
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _figures_table(rows: list[tuple[str, str]]) -> Table:
    table = Table([[_("Measure"), _("Value")], *rows], colWidths=[9 * cm, 4 * cm], hAlign="LEFT")
    table.setStyle(_GRID)
    return table


def _grid(header: list[str], rows: list[list[str]], widths, *, long: bool = False) -> Table:
    kind = LongTable if long else Table
    table = kind([header, *rows], colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(_GRID)
    return table


def _overview_story(overview: selectors.Overview, styles) -> list:
    share = (
        _number(100 * overview.certified / overview.officials_enrolled)
        if overview.officials_enrolled
        else "—"
    )
    figures = [
        (_("Municipalities selected"), _number(overview.municipalities_selected)),
        (_("Municipalities active (last 7 days)"), _number(overview.municipalities_active)),
        (_("Municipalities at H2"), _number(overview.municipalities_h2)),
        (_("Reserve municipalities"), _number(overview.municipalities_reserve)),
        (_("Officials enrolled"), _number(overview.officials_enrolled)),
        (_("Officials active in the last 7 days"), _number(overview.active_7_days)),
        (_("Median credited hours"), _number(hours(overview.median_seconds), 1)),
        (_("Officials certified"), _number(overview.certified)),
        (_("Officials certified (%)"), share),
        (_("Officials at risk"), _number(overview.at_risk)),
    ]
    story = [Paragraph(_("Overview"), styles["Heading2"]), _figures_table(figures)]
    story += [
        Spacer(1, 0.4 * cm),
        Paragraph(_("Credited hours: officials per range"), styles["Heading3"]),
        _grid(
            [_("Hours"), _("Officials")],
            [[label, _number(count)] for label, count in overview.distribution.items()],
            [4 * cm, 3 * cm],
        ),
    ]
    months = [(month, count) for month, count in overview.certifications_by_month if count]
    story += [
        Spacer(1, 0.4 * cm),
        Paragraph(_("Officials certified by month"), styles["Heading3"]),
        _grid(
            [_("Month"), _("Officials")],
            [[formats.date_format(m, "YEAR_MONTH_FORMAT"), _number(c)] for m, c in months]
            or [["—", "0"]],
            [5 * cm, 3 * cm],
        ),
    ]
    labels = dict(Gender.choices)
    story += [
        Spacer(1, 0.4 * cm),
        Paragraph(_("By self-declared gender (aggregates only)"), styles["Heading3"]),
        _grid(
            [_("Gender"), _("Enrolled"), _("Certified"), _("Median credited hours")],
            [
                [
                    str(labels.get(code, code)),
                    _number(group["enrolled"]),
                    _number(group["certified"]),
                    _number(group["median_hours"], 1),
                ]
                for code, group in sorted(overview.by_gender.items())
            ],
            [5 * cm, 3 * cm, 3 * cm, 4 * cm],
        ),
        Paragraph(
            _("Groups of fewer than %(count)s people show their head count only.")
            % {"count": selectors.MIN_GROUP_SIZE},
            styles["Italic"],
        ),
    ]
    return story


def _municipality_story(rows: list[Municipality], styles) -> list:
    status = dict(Municipality.Status.choices)
    at_h2 = sorted(
        (m for m in rows if m.h2_reached_on and m.status == Municipality.Status.SELECTED),
        key=lambda m: (m.h2_reached_on, m.name),
    )
    story = [
        Paragraph(_("Municipalities at H2"), styles["Heading2"]),
        Paragraph(
            _("%(count)s municipalities have ten officials holding a valid certificate.")
            % {"count": _number(len(at_h2))},
            styles["BodyText"],
        ),
    ]
    if at_h2:
        story.append(
            _grid(
                [_("Municipality"), _("Code"), _("Certified"), _("H2 reached on")],
                [
                    [
                        _fit(m.name, 55),
                        m.code,
                        _number(m.certified),
                        _day(m.h2_reached_on),
                    ]
                    for m in at_h2
                ],
                [8 * cm, 2.5 * cm, 2.5 * cm, 3.5 * cm],
                long=True,
            )
        )
    header = [
        _("Municipality"), _("Code"), _("Status"), _("Team size"), _("Median hours"),
        _("Minimum hours"), _("Progress (%)"), _("Certified"), _("At risk"), _("H2 reached on"),
    ]  # fmt: skip
    body = [
        [
            _fit(m.name), m.code, str(status.get(m.status, m.status)),
            _number(m.team_size), _number(hours(m.hours_median), 1),
            _number(hours(m.hours_min), 1), _number(percent(m.progress_percent)),
            _number(m.certified), _number(m.at_risk_count), _day(m.h2_reached_on),
        ]
        for m in rows
    ]  # fmt: skip
    story += [
        Spacer(1, 0.4 * cm),
        Paragraph(_("Municipality table"), styles["Heading2"]),
        _grid(
            header,
            body,
            [
                6.5 * cm,
                1.8 * cm,
                2.2 * cm,
                1.8 * cm,
                2.2 * cm,
                2.2 * cm,
                2.2 * cm,
                1.9 * cm,
                1.8 * cm,
                2.6 * cm,
            ],
            long=True,
        ),
    ]
    return story


# Rows of the municipality tables on a landscape A4 page, to foresee the page count
# (measured: 5,000 selected and 2,500 reserve municipalities, 717 at H2, make 276 pages).
_ROWS_PER_PAGE = 30


def programme_report_pdf(
    programme: Programme,
    *,
    today: datetime.date,
    language: str,
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """The report as PDF bytes, in `language`.

    `progress(pages laid out, pages foreseen)`, if given, is told as each page is
    finished; the count foreseen is an estimate, raised if the pages outrun it.
    """
    with translation.override(language):
        styles = getSampleStyleSheet()
        overview = selectors.programme_overview(programme, today=today)
        rows = list(selectors.municipality_rows(programme, today=today).iterator(chunk_size=2000))
        at_h2 = sum(1 for m in rows if m.h2_reached_on and m.status == Municipality.Status.SELECTED)
        foreseen = 2 + (len(rows) + at_h2) // _ROWS_PER_PAGE
        buffer = io.BytesIO()
        title = _("Programme report: %(programme)s") % {"programme": programme.name}
        document = SimpleDocTemplate(
            buffer,
            pagesize=landscape(A4),
            leftMargin=1.5 * cm,
            rightMargin=1.5 * cm,
            topMargin=1.5 * cm,
            bottomMargin=1.5 * cm,
            title=title,
            author="MuNet Aula",
        )
        story = [
            Paragraph(escape(title), styles["Title"]),
            Paragraph(
                escape(_("Figures as of %(date)s.") % {"date": _day(today)}), styles["BodyText"]
            ),
            Spacer(1, 0.3 * cm),
            *_overview_story(overview, styles),
            Spacer(1, 0.5 * cm),
            *_municipality_story(rows, styles),
        ]

        def footer(canvas, doc):
            canvas.saveState()
            canvas.setFont("Helvetica", 7)
            canvas.drawString(
                1.5 * cm,
                1 * cm,
                _("%(programme)s · page %(page)s")
                % {"programme": programme.name, "page": doc.page},
            )
            canvas.restoreState()
            if progress is not None:
                progress(doc.page, max(foreseen, doc.page + 1))

        document.build(story, onFirstPage=footer, onLaterPages=footer)
        return buffer.getvalue()
