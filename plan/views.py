"""The staff report (figures, tables, charts; CSV; printable) and the public transparency
page (headline figures, cached; CSV). Thin: read the filters, call plan.figures or
plan.services, render."""

from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core import csv_export
from plan import figures, present, services


def _filters(request):
    """(year, commune) from the query string; anything unknown falls back to the default
    (this year, the whole district)."""
    this_year = figures.current_year()
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and 2000 <= int(year) <= this_year + 1 else this_year
    commune = request.GET.get("commune", "").strip()
    if commune and commune not in figures.commune_choices():
        commune = ""
    return year, commune


def _csv(filename, rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # spreadsheets read UTF-8 (Vietnamese names) with a BOM
    csv_export.writer(response).writerows(rows)
    return response


def _report_context(request, report):
    query = request.GET.copy()
    query.pop("format", None)
    sections = []
    for section in report.sections:
        tables = [{"table": table, "chart": present.chart_svg(table)} for table in section.tables]
        sections.append({"section": section, "tables": tables})
    title = _("Progress against the district plan")
    if report.commune:
        title = f"{title}: {report.commune}"
    return {
        "report": report,
        "sections": sections,
        "title": title,
        "query": query.urlencode(),
        "targets_url": reverse("admin:plan_plantarget_changelist"),
    }


@staff_member_required
@require_safe
def staff_report(request):
    year, commune = _filters(request)
    report = figures.compute_report(year, commune)
    if request.GET.get("format") == "csv":
        suffix = f"-{commune}" if commune else ""
        return _csv(f"plan-progress-{year}{suffix}.csv", present.csv_rows(report))
    return render(request, "plan/staff_report.html", _report_context(request, report))


@staff_member_required
@require_safe
def staff_report_print(request):
    year, commune = _filters(request)
    report = figures.compute_report(year, commune)
    return render(request, "plan/report_print.html", _report_context(request, report))


# --------------------------------------------------------------------------- public


def _public_figures(summary):
    rows = []
    for key in figures.PUBLIC_KEYS:
        definition = figures.DEFINITIONS[key]
        target = summary["targets"].get(key)
        rows.append(
            {
                "key": key,
                "label": definition.label,
                "method": definition.method,
                "unit": definition.unit,
                "value": summary["values"].get(key),
                "display": present.format_value(summary["values"].get(key), definition.unit),
                "target": target,
                "target_display": present.format_value(target["value"], definition.unit)
                if target
                else "",
            }
        )
    return rows


def public_csv_rows(summary):
    yield [
        _("figure"),
        _("value"),
        _("unit"),
        _("year"),
        _("target"),
        _("target year"),
        _("computed at"),
        _("definition"),
    ]
    computed = timezone.localtime(summary["computed_at"], figures.site_zone()).isoformat(
        timespec="seconds"
    )
    for row in _public_figures(summary):
        target = row["target"]
        yield [
            str(row["label"]),
            present.plain(row["value"]),
            present.unit_label(row["unit"]) or row["unit"],
            summary["year"],
            present.plain(target["value"]) if target else "",
            target["year"] if target else "",
            computed,
            str(row["method"]),
        ]


@require_safe
def transparency(request):
    summary = services.get_public_summary()
    if request.GET.get("format") == "csv":
        return _csv(f"transparency-{summary['year']}.csv", public_csv_rows(summary))
    return render(
        request,
        "plan/transparency.html",
        {
            "summary": summary,
            "rows": _public_figures(summary),
            "area_ha": summary["values"].get("area_ha"),
            "area_ha_display": present.format_value(summary["values"].get("area_ha"), "ha"),
        },
    )
