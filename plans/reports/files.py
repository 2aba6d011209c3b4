"""A plan's report as files (PDF, Word, Excel), prepared on the task queue.

The report page asks for the files of the report it shows: those already made are offered as they
are; each missing one is queued once (`prepare_plan_report_file`) and the page says it is being
prepared. The download links work whatever the queue does: a file not ready yet is made on request,
as before, and kept for the next one. Files are kept in the shared cache under the hash of the
report's document, so a report whose numbers change is a new file, never a stale one.
"""

import datetime
import functools
import hashlib
from pathlib import Path

from django.core.cache import cache

from common import spreadsheets
from common.tasks import background_task, enqueue_after
from plans.documents.context import context_hash
from plans.documents.render import CACHE_TIMEOUT, has_document, render_document
from plans.models import Plan
from plans.reports import tallies, workbook
from plans.reports.document import report_document_context
from plans.reports.tallies import Report
from plans.reports.workbook import report_workbook

# Format, and its name on the page.
REPORT_FORMATS = {"pdf": "PDF", "docx": "Word", "xlsx": "Excel"}
# A file queued this long ago and still missing is queued again (a worker was down, a task lost).
PENDING_TIMEOUT = 10 * 60


@functools.cache
def _workbook_fingerprint() -> str:
    """Changes with the code that lays the workbook out, so a kept workbook is never stale."""
    digest = hashlib.sha256()
    for module in (workbook, spreadsheets):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:12]


def _workbook_key(digest: str) -> str:
    return f"plans:report:xlsx:{_workbook_fingerprint()}:{digest}"


def _pending_key(digest: str, fmt: str) -> str:
    return f"plans:report-pending:{fmt}:{digest}"


def report_digest(report: Report) -> str:
    """Names this version of the report: the hash of its document, which holds every number."""
    return context_hash(report_document_context(report))


def report_file(report: Report, fmt: str) -> bytes:
    """The report in `fmt`, from the cache when this version was made before (else made and kept)."""
    context = report_document_context(report)
    digest = context_hash(context)
    if fmt != "xlsx":
        return render_document(context, fmt, digest=digest)
    content = cache.get(_workbook_key(digest))
    if content is None:
        content = report_workbook(report)
        cache.set(_workbook_key(digest), content, CACHE_TIMEOUT)
    return content


def is_ready(digest: str, fmt: str) -> bool:
    if fmt == "xlsx":
        return cache.has_key(_workbook_key(digest))
    return has_document(digest, fmt)


def prepared_files(report: Report) -> list[dict]:
    """The files of a plan's report as the page offers them ({fmt, name, ready}); those not made
    yet are put on the task queue, once per version of the report."""
    digest = report_digest(report)
    files = []
    for fmt, name in REPORT_FORMATS.items():
        ready = is_ready(digest, fmt)
        if not ready and cache.add(_pending_key(digest, fmt), True, PENDING_TIMEOUT):
            enqueue_after(
                prepare_plan_report_file, report.plan.pk, report.period.key, report.today.isoformat(), fmt
            )
        files.append({"fmt": fmt, "name": name, "ready": ready})
    return files


@background_task("Tạo tệp báo cáo sơ kết, tổng kết của kế hoạch")
def prepare_plan_report_file(plan_id: int, period_key: str, day: str, fmt: str) -> None:
    """Make one file of a plan's report as of `day`, so that its download is served from the cache."""
    plan = tallies.report_plans(Plan.objects.filter(pk=plan_id)).get()
    report = tallies.plan_report(plan, tallies.PERIODS[period_key], datetime.date.fromisoformat(day))
    report_file(report, fmt)
