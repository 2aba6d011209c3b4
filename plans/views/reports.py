"""Review reports of a plan or of a cluster's plans of a year: the page, its PDF, DOCX and XLSX.

The numbers, the document and the workbook are built in plans.reports; these views pick the period
(and the year of a cluster), check who may see what, and send the result in the format asked for.
A plan's report page queues its files (plans.reports.files); a download is served from what the
queue made, or made on request when it is not ready.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from clusters.models import Cluster
from common.downloads import file_response
from common.years import FIRST_YEAR, LAST_YEAR
from plans import policy
from plans.access import plan_view
from plans.choices import PlanStatus
from plans.documents.filenames import report_filename
from plans.models import Plan
from plans.reports import tallies
from plans.reports.chart import report_chart_svg
from plans.reports.document import summary_sentence
from plans.reports.files import prepared_files, report_file
from plans.reports.tables import line_rows, quarter_rows, unit_rows
from plans.reports.tallies import Report

PERIOD_INVALID_MESSAGE = "Kỳ báo cáo không hợp lệ; đang hiện báo cáo sơ kết 6 tháng đầu năm."
YEAR_INVALID_MESSAGE = "Năm không hợp lệ; đang hiện báo cáo năm {year}."


def _report_plans():
    return tallies.report_plans(Plan.objects.all())


def _period(request) -> tuple[tallies.Period, str | None]:
    """The period asked for (?period=h1|year), or the mid-year one and a message saying why."""
    period = tallies.period_of(request.GET.get("period"))
    if period is None:
        return tallies.PERIODS[tallies.DEFAULT_PERIOD], PERIOD_INVALID_MESSAGE
    return period, None


def _plan_report(request, plan: Plan) -> tuple[Report, str | None]:
    period, problem = _period(request)
    return tallies.plan_report(plan, period, timezone.localdate()), problem


def _file(report: Report, fmt: str) -> HttpResponse:
    """The report's file: the one the task queue prepared for this version, or made now."""
    return file_response(
        report_file(report, fmt), filename=report_filename(report, fmt), fmt=fmt, as_attachment=fmt != "pdf"
    )


def _page(request, report: Report, problems: list[str], urls: dict, extra: dict | None = None):
    for problem in problems:
        messages.warning(request, problem)
    quarter_columns, quarter_table, total = quarter_rows(report)
    unit_columns, unit_table = unit_rows(report)
    line_columns, line_table = line_rows(report, report.lines, with_result=True)
    overdue_columns, overdue_table = line_rows(report, report.overdue, with_result=False)
    return render(
        request,
        "plans/reports/report.html",
        {
            "report": report,
            # Drawn by plans.reports.chart from numbers and escaped labels: safe to put in the page.
            "chart": mark_safe(report_chart_svg(report)),  # noqa: S308
            "quarter_table": {"columns": quarter_columns, "rows": quarter_table, "total": total},
            "unit_table": {"columns": unit_columns, "rows": unit_table},
            "line_table": {"columns": line_columns, "rows": line_table},
            "overdue_table": {"columns": overdue_columns, "rows": overdue_table},
            "summary": summary_sentence(report),
            "periods": tallies.PERIODS.values(),
            "urls": urls,
            **(extra or {}),
        },
    )


# ---------------------------------------------------------------------------
# A plan's report
# ---------------------------------------------------------------------------
@require_safe
@plan_view(policy.Action.REPORT, _report_plans)
def plan_report(request, plan):
    report, problem = _plan_report(request, plan)
    files = prepared_files(report)
    return _page(
        request,
        report,
        [problem] if problem else [],
        {"pk": plan.pk, "query": ""},
        {"preparing": [file["name"] for file in files if not file["ready"]]},
    )


@require_safe
@plan_view(policy.Action.REPORT, _report_plans)
def plan_report_pdf(request, plan):
    return _file(_plan_report(request, plan)[0], "pdf")


@require_safe
@plan_view(policy.Action.REPORT, _report_plans)
def plan_report_docx(request, plan):
    return _file(_plan_report(request, plan)[0], "docx")


@require_safe
@plan_view(policy.Action.REPORT, _report_plans)
def plan_report_xlsx(request, plan):
    return _file(_plan_report(request, plan)[0], "xlsx")


# ---------------------------------------------------------------------------
# A cluster's report over its plans of a year
# ---------------------------------------------------------------------------
def _cluster(request, pk: int) -> Cluster:
    """The cluster, if the user is one of its people (a member unit's staff, its province's)."""
    cluster = get_object_or_404(Cluster.objects.select_related("organization"), pk=pk)
    if not policy.may_see_cluster(request.user, cluster):
        raise Http404("Không tìm thấy cụm thi đua.")
    return cluster


def _cluster_years(request, cluster: Cluster) -> list[int]:
    """Years in which the cluster has issued plans the user may see, newest first."""
    plans = policy.visible_plans(request.user, Plan.objects.filter(cluster=cluster, status=PlanStatus.ISSUED))
    return sorted(set(plans.values_list("year", flat=True)), reverse=True)


def _cluster_report(request, pk: int) -> tuple[Report, list[str], list[int]]:
    cluster = _cluster(request, pk)
    today = timezone.localdate()
    years = _cluster_years(request, cluster)
    default = next((year for year in years if year <= today.year), years[-1] if years else today.year)
    problems = []
    raw = request.GET.get("year", "").strip()
    year = default
    if raw:
        if raw.isdigit() and FIRST_YEAR <= int(raw) <= LAST_YEAR:
            year = int(raw)
        else:
            problems.append(YEAR_INVALID_MESSAGE.format(year=default))
    period, problem = _period(request)
    if problem:
        problems.append(problem)
    return tallies.cluster_report(request.user, cluster, year, period, today), problems, years


@require_safe
@login_required
def cluster_report(request, pk: int):
    report, problems, years = _cluster_report(request, pk)
    return _page(
        request,
        report,
        problems,
        {"pk": pk, "query": f"&year={report.year}"},
        {"years": years, "cluster": report.cluster},
    )


@require_safe
@login_required
def cluster_report_pdf(request, pk: int):
    return _file(_cluster_report(request, pk)[0], "pdf")


@require_safe
@login_required
def cluster_report_docx(request, pk: int):
    return _file(_cluster_report(request, pk)[0], "docx")


@require_safe
@login_required
def cluster_report_xlsx(request, pk: int):
    return _file(_cluster_report(request, pk)[0], "xlsx")
