"""Programme dashboards: the overview with its charts, the municipality table,
a municipality's team (managers) and a coordinator's own team.

The figures come from reporting.selectors, computed by the database in a
fixed number of queries; "today" is the programme's own date (its time zone).
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from frontend.views import query_without_page
from programs import selectors as programs_selectors
from programs.models import Gender, Municipality, Programme
from reporting import charts, export_jobs, selectors

TABLE_PAGE_SIZE = 25


def _managed_programme(request, programme_id: int) -> Programme:
    programme = programs_selectors.programme_get_for_manager(request.user, programme_id)
    if programme is None:
        raise Http404
    return programme


def _hours(seconds) -> str:
    return number_format(round((seconds or 0) / 3600, 1), decimal_pos=1)


def _certifications_chart(overview: selectors.Overview):
    months = overview.certifications_by_month
    running, totals = 0, []
    for _month, count in months:
        running += count
        totals.append(running)
    bars = [(date_format(month, "M y"), count) for month, count in months]
    described = "; ".join(
        _("%(month)s: %(count)s (total %(total)s)")
        % {"month": date_format(month, "F Y"), "count": count, "total": total}
        for (month, count), total in zip(months, totals, strict=True)
    )
    chart = charts.bar_chart(
        bars,
        title=_("Officials certified per month"),
        description=described,
        value_label=number_format,
        line=totals,
        line_label=_("Total certified"),
    )
    rows = [
        (date_format(month, "F Y"), count, total)
        for (month, count), total in zip(months, totals, strict=True)
    ]
    return chart, rows


def _hours_chart(overview: selectors.Overview):
    bars = [(f"{label} h", count) for label, count in overview.distribution.items()]
    described = "; ".join(
        ngettext(
            "%(range)s hours: %(count)s official", "%(range)s hours: %(count)s officials", count
        )
        % {"range": label, "count": count}
        for label, count in overview.distribution.items()
    )
    chart = charts.bar_chart(
        bars,
        title=_("Officials by credited hours"),
        description=described,
        value_label=number_format,
    )
    return chart, list(overview.distribution.items())


def _gender_rows(overview: selectors.Overview) -> list[dict]:
    rows = []
    for code, label in Gender.choices:
        figures = overview.by_gender.get(code)
        if figures:
            rows.append({"label": label, **figures})
    return rows


@login_required
def programme_dashboard(request, programme_id: int):
    programme = _managed_programme(request, programme_id)
    today = programs_selectors.programme_today(programme)
    overview = selectors.programme_overview(programme, today=today)
    certifications_chart, certification_rows = _certifications_chart(overview)
    hours_chart, hours_rows = _hours_chart(overview)
    context = {
        "nav": "manage",
        "programme": programme,
        "today": today,
        "overview": overview,
        "median_hours": None
        if overview.median_seconds is None
        else _hours(overview.median_seconds),
        "certifications_chart": certifications_chart,
        "certification_rows": certification_rows,
        "hours_chart": hours_chart,
        "hours_rows": hours_rows,
        "gender_rows": _gender_rows(overview),
        "min_group_size": selectors.MIN_GROUP_SIZE,
        "active_days": selectors.ACTIVE_DAYS,
        "recent_exports": export_jobs.exports_recent(programme),
    }
    return render(request, "frontend/reporting/dashboard.html", context)


def _columns(request, order: str) -> list[dict]:
    """The table's columns, each with the address that sorts by it (the other way if sorted)."""
    labels = [
        ("name", _("Municipality"), False),
        ("status", _("Status"), False),
        ("team_size", _("Team"), True),
        ("enrolled", _("Enrolled"), True),
        ("hours_median", _("Median hours"), True),
        ("hours_min", _("Minimum hours"), True),
        ("progress_percent", _("Progress"), True),
        ("active_count", _("Active (7 days)"), True),
        ("certified", _("Certified"), True),
        ("at_risk_count", _("At risk"), True),
        ("h2_reached_on", _("H2 reached"), True),
    ]
    query = request.GET.copy()
    query.pop("page", None)
    columns = []
    for key, label, numeric in labels:
        current = order.lstrip("-") == key
        descending = current and order.startswith("-")
        # Numbers sort largest first on the first click; names A–Z.
        if current:
            next_order = key if descending else f"-{key}"
        else:
            next_order = f"-{key}" if numeric else key
        query["order"] = next_order
        columns.append(
            {
                "key": key,
                "label": label,
                "numeric": numeric,
                "href": f"?{query.urlencode()}",
                "sort": ("descending" if descending else "ascending") if current else "",
            }
        )
    return columns


@login_required
def municipality_table(request, programme_id: int):
    programme = _managed_programme(request, programme_id)
    today = programs_selectors.programme_today(programme)
    status = request.GET.get("status", "")
    if status not in Municipality.Status.values:
        status = ""
    h2 = request.GET.get("h2", "")
    if h2 not in ("yes", "no"):
        h2 = ""
    order = request.GET.get("order", "name")
    if order.lstrip("-") not in selectors.MUNICIPALITY_ORDERS:
        order = "name"
    search = request.GET.get("q", "").strip()[:100]
    only_at_risk = request.GET.get("at_risk") == "1"
    rows = selectors.municipality_rows(
        programme,
        today=today,
        search=search,
        status=status,
        only_at_risk=only_at_risk,
        order=order,
        h2=h2,
    )
    page = Paginator(rows, TABLE_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "nav": "manage",
        "programme": programme,
        "today": today,
        "page": page,
        "columns": _columns(request, order),
        "search": search,
        "status": status,
        "h2": h2,
        "only_at_risk": only_at_risk,
        "order": order,
        "statuses": Municipality.Status.choices,
        "query": query_without_page(request),
        "recent_exports": export_jobs.exports_recent(programme),
    }
    return render(request, "frontend/reporting/municipalities.html", context)


def _team_context(municipality: Municipality, *, for_manager: bool) -> dict:
    programme = municipality.programme
    today = programs_selectors.programme_today(programme)
    calendar = selectors.programme_calendar(programme, today=today)
    summary = (
        selectors.municipality_rows(programme, today=today, calendar=calendar)
        .filter(pk=municipality.pk)
        .first()
    )
    return {
        "programme": programme,
        "municipality": municipality,
        "today": today,
        "summary": summary,
        "members": selectors.municipality_team_rows(municipality, today=today, calendar=calendar),
        "for_manager": for_manager,
        "active_days": selectors.ACTIVE_DAYS,
    }


@login_required
def municipality_team(request, municipality_id: int):
    municipality = programs_selectors.municipality_get_for_manager(request.user, municipality_id)
    if municipality is None:
        raise Http404
    context = {"nav": "manage", **_team_context(municipality, for_manager=True)}
    return render(request, "frontend/reporting/team.html", context)


@login_required
def coordinator_home(request):
    """A coordinator's team; one who coordinates several municipalities chooses one."""
    municipalities = list(selectors.municipalities_coordinated_by(request.user))
    if not municipalities:
        raise Http404
    if len(municipalities) > 1:
        return render(
            request,
            "frontend/reporting/coordinator.html",
            {"nav": "coordinator", "municipalities": municipalities},
        )
    context = {"nav": "coordinator", **_team_context(municipalities[0], for_manager=False)}
    return render(request, "frontend/reporting/team.html", context)


@login_required
def coordinator_team(request, municipality_id: int):
    municipality = selectors.municipality_get_for_coordinator(request.user, municipality_id)
    if municipality is None:
        raise Http404
    context = {"nav": "coordinator", **_team_context(municipality, for_manager=False)}
    return render(request, "frontend/reporting/team.html", context)
