"""The emulation year's reports: of a cluster (whoever sees the cluster's reports) and of every cluster
a province runs (its overseers); as a page, XLSX and an official BÁO CÁO (PDF, Word)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from clusters.models import Cluster, Organization
from common.downloads import file_response, filename_slug
from common.years import parse_year
from emulation import reports
from emulation.reports import UNIT_COLUMNS
from plans import policy
from plans.documents.render import render_document


def _year(request) -> int:
    return parse_year(request.GET.get("year")) or timezone.localdate().year


def _cluster_report(request, pk: int):
    cluster = get_object_or_404(Cluster, pk=pk)
    if not policy.may_see_cluster(request.user, cluster):
        raise Http404("Không tìm thấy cụm thi đua.")
    return reports.cluster_report(cluster, _year(request))


def _province_report(request, pk: int):
    province = get_object_or_404(Organization, pk=pk)
    if (reason := policy.province_report_denial(request.user, province)) is not None:
        raise PermissionDenied(reason)
    return reports.province_report(province, _year(request))


def _respond(request, report, fmt: str | None):
    if fmt is None:
        return render(request, "emulation/reports/report.html", {"report": report, "columns": UNIT_COLUMNS})
    filename = f"bao-cao-thi-dua-{report.year}-{filename_slug(report.issuer.name, words=6)}.{fmt}"
    if fmt == "xlsx":
        return file_response(reports.report_workbook(report), filename=filename, fmt="xlsx")
    content = render_document(reports.report_document_context(report), fmt)
    return file_response(content, filename=filename, fmt=fmt, as_attachment=fmt != "pdf")


@require_safe
@login_required
def cluster_report(request, pk: int, fmt: str | None = None):
    return _respond(request, _cluster_report(request, pk), fmt)


@require_safe
@login_required
def province_report(request, pk: int, fmt: str | None = None):
    return _respond(request, _province_report(request, pk), fmt)
