"""A review report as an official "BÁO CÁO", in the shape of a plan's document context.

plans.documents lays it out as it lays out a plan (HTML, PDF, DOCX): the same header, signature
and recipients (those of the plan reported on, or of a cluster's latest plan of the year), with
the report's tables and chart in the body.
"""

from activities.choices import ActivityStatus
from plans.documents.context import CONTEXT_VERSION, issuer_header, recipients, signature
from plans.documents.elements import as_element, close_document, section_heading
from plans.documents.markup import paragraph, parse_markup
from plans.documents.wording import (
    BLANK_NUMBER,
    date_line,
    lower_first,
    month_text,
    normalise,
    roman,
    two_digits,
)
from plans.models import Plan
from plans.reports.chart import CHART_TITLE, report_chart_svg
from plans.reports.tables import line_rows, quarter_rows, unit_rows
from plans.reports.tallies import Report

REPORT_TITLE = "BÁO CÁO"
NOTHING_IN_PERIOD = "Không có nội dung công việc nào trong kỳ."
# Column widths (mm) of the count tables: a label column and eight narrow ones (165 mm in all).
COUNT_WIDTHS = [31.0, 14.0, 17.0, 17.0, 17.0, 15.0, 14.0, 15.0, 25.0]
COUNT_ALIGN = ["left", *["center"] * 8]
# Widths (mm) of the activity tables, 165 mm in all: (cluster report?, with the result column?).
LINE_LAYOUTS = {
    (False, True): (
        [10.0, 55.0, 22.0, 30.0, 22.0, 26.0],
        ["center", "left", "center", "left", "left", "left"],
    ),
    (False, False): ([10.0, 70.0, 25.0, 35.0, 25.0], ["center", "left", "center", "left", "left"]),
    (True, True): (
        [9.0, 20.0, 45.0, 20.0, 27.0, 20.0, 24.0],
        ["center", "center", "left", "center", "left", "left", "left"],
    ),
    (True, False): (
        [10.0, 22.0, 55.0, 22.0, 30.0, 26.0],
        ["center", "center", "left", "center", "left", "left"],
    ),
}


def report_document_context(report: Report) -> dict:
    """The report as an official "BÁO CÁO", in the shape of plans.documents.build_plan_context."""
    subject, preamble, closing = _framing(report)
    parts = [
        ("Kết quả thực hiện", _results(report)),
        ("Những nội dung chưa hoàn thành, quá hạn", _overdue(report)),
        (_next_heading(report), _paragraphs(_next_text(report))),
    ]
    body: list[dict] = []
    for index, (title, elements) in enumerate(parts, start=1):
        body += [section_heading(1, f"{roman(index)}.", title), *elements]
    closing_blocks = parse_markup(closing)
    close_document(body, closing_blocks)
    signing = _signing_plan(report)
    context = {
        "version": CONTEXT_VERSION,
        "meta": _meta(report),
        "header": _header(report, signing),
        "title": REPORT_TITLE,
        "subject": " ".join(subject.split()),
        "legal_bases": [],
        "preamble": parse_markup(preamble),
        "body": body,
        "closing": closing_blocks,
        "signature": signature(signing) if signing is not None else {"lines": [], "position": "", "name": ""},
        "recipients": recipients(signing) if signing is not None else {"heading": "Nơi nhận:", "lines": []},
    }
    return normalise(context)


def _meta(report: Report) -> dict:
    return {
        "plan_id": report.plan.pk if report.plan is not None else None,
        "cluster_id": report.cluster.pk if report.cluster is not None else None,
        "number": None,
        "symbol": report.symbol,
        "year": report.year,
        "date_year": report.today.year,
        "status": "report",
        "period": report.period.key,
    }


def _header(report: Report, signing: Plan | None) -> dict:
    """The plan's header with a blank number and the report's day, at the signing plan's place."""
    issuer, today = report.issuer, report.today
    place = signing.effective_place_name if signing is not None else (getattr(issuer, "place_name", "") or "")
    return issuer_header(
        issuer,
        f"Số:{BLANK_NUMBER}/{report.symbol}",
        date_line(place, two_digits(today.day), month_text(today.month), today.year),
    )


def _signing_plan(report: Report) -> Plan | None:
    """Whose signer signs the report: the plan's, or the cluster's latest plan of the year."""
    if report.plan is not None:
        return report.plan
    return report.plans[-1] if report.plans else None


def plan_reference(plan: Plan, *, with_issuer: bool = False) -> str:
    """ "Kế hoạch số 01/KH-CTĐ ngày 05/4/2022 [của …] về …"."""
    parts = [f"Kế hoạch số {plan.full_symbol}" if plan.number else "Kế hoạch"]
    if plan.document_date:
        parts.append(
            f"ngày {plan.document_date.day:02d}/{plan.document_date.month}/{plan.document_date.year}"
        )
    if with_issuer and plan.issuer is not None:
        parts.append(f"của {plan.issuer.name}")
    parts.append(f"về {lower_first(' '.join(plan.subject.split()))}")
    return " ".join(parts)


def _framing(report: Report) -> tuple[str, str, str]:
    """(subject, preamble, closing): what the report is about, its first and its last sentence."""
    issuer, title = report.issuer, lower_first(report.title)
    if report.plan is not None:
        return (
            f"{report.title} thực hiện {plan_reference(report.plan)}",
            f"Thực hiện {plan_reference(report.plan, with_issuer=True)}, {issuer.name} báo cáo kết quả "
            f"{title} như sau:",
            f"Trên đây là báo cáo {title} thực hiện Kế hoạch số {report.plan.full_symbol} của {issuer.name}",
        )
    references = "; ".join(plan_reference(each) for each in report.plans)
    lead = f"Thực hiện {references}, {issuer.name}" if report.plans else issuer.name
    return (
        f"{report.title} thực hiện các kế hoạch thi đua, khen thưởng của {issuer.name}",
        f"{lead} báo cáo kết quả {title} như sau:",
        f"Trên đây là báo cáo {title} của {issuer.name}",
    )


def summary_sentence(report: Report) -> str:
    total = report.total
    if report.plan is None and not report.plans:
        return f"Năm {report.year}, {report.issuer.name} chưa có kế hoạch nào đã ban hành để báo cáo."
    scope = "Kế hoạch" if report.plan is not None else f"{len(report.plans)} kế hoạch của Cụm"
    if not total.total:
        return (
            f"Trong {report.period.short} {report.year} ({report.period.quarter_names}), {scope} "
            "không có nội dung công việc nào."
        )
    status = total.by_status
    return (
        f"Trong {report.period.short} {report.year} ({report.period.quarter_names}), {scope} có "
        f"{total.total} nội dung công việc; đã hoàn thành {total.done} nội dung, đạt {total.percent}"
        f"{_rate_note(total)}; "
        f"đang thực hiện {status[ActivityStatus.IN_PROGRESS]}; "
        f"chưa triển khai {status[ActivityStatus.NOT_STARTED]}; "
        f"tạm hoãn {status[ActivityStatus.POSTPONED]}; hủy bỏ {status[ActivityStatus.CANCELLED]}. "
        f"Số nội dung quá hạn chưa hoàn thành: {total.overdue}."
    )


def _rate_note(total) -> str:
    cancelled = total.by_status[ActivityStatus.CANCELLED]
    return f" (không tính {cancelled} nội dung hủy bỏ)" if cancelled else ""


# ---------------------------------------------------------------------------
# The parts of the body
# ---------------------------------------------------------------------------
def _results(report: Report) -> list[dict]:
    """I. The summary, the chart, the tables by quarter and by unit, every activity."""
    columns, rows, total = quarter_rows(report)
    quarter_table = _table(columns, rows, total=total, widths=COUNT_WIDTHS, align=COUNT_ALIGN)
    elements = [section_heading(2, "1.", "Tình hình chung"), *_paragraphs(summary_sentence(report))]
    if report.total.total:
        elements.append(
            {
                "type": "figure",
                "kind": "figure",
                "svg": report_chart_svg(report, element_id="bc-chart"),
                "caption": f"{CHART_TITLE} ({report.period.quarter_names} năm {report.year})",
                "table": {**quarter_table, "caption": CHART_TITLE},
            }
        )
    elements += [section_heading(2, "2.", "Kết quả theo quý"), quarter_table]
    elements.append(section_heading(2, "3.", "Kết quả theo đơn vị chủ trì"))
    columns, rows = unit_rows(report)
    elements.append(
        _table(columns, rows, widths=COUNT_WIDTHS, align=COUNT_ALIGN)
        if rows
        else as_element(paragraph(NOTHING_IN_PERIOD))
    )
    elements.append(section_heading(2, "4.", "Kết quả thực hiện từng nội dung"))
    if report.lines:
        columns, rows = line_rows(report, report.lines, with_result=True)
        elements.append(_table(columns, rows, **_line_layout(report, with_result=True)))
    else:
        elements.append(as_element(paragraph(NOTHING_IN_PERIOD)))
    return elements


def _overdue(report: Report) -> list[dict]:
    """II. What is overdue on the report's day, as a table."""
    overdue = report.overdue
    if not overdue:
        return _paragraphs(
            f"Đến ngày {report.today:%d/%m/%Y}, không có nội dung nào quá hạn chưa hoàn thành."
        )
    columns, rows = line_rows(report, overdue, with_result=False)
    return [
        *_paragraphs(
            f"Đến ngày {report.today:%d/%m/%Y}, còn {len(overdue)} nội dung đã hết thời gian thực hiện "
            "theo kế hoạch nhưng chưa hoàn thành:"
        ),
        _table(columns, rows, **_line_layout(report, with_result=False)),
    ]


def _next_heading(report: Report) -> str:
    if report.period.key == "h1":
        return "Nhiệm vụ 6 tháng cuối năm"
    return f"Phương hướng năm {report.year + 1}"


def _next_text(report: Report) -> str:
    """III. What comes next: the rest of the year, or the next year."""
    overdue = len(report.overdue)
    catch_up = f" khẩn trương hoàn thành {overdue} nội dung quá hạn nêu tại mục II;" if overdue else ""
    if report.period.key == "h1":
        remaining = sum(
            1
            for each in report.plans
            for activity in each.activities.all()
            if activity.effective_quarter in (3, 4)
        )
        return (
            f"Tiếp tục triển khai {remaining} nội dung công việc của Quý III, Quý IV theo kế hoạch;"
            f"{catch_up} các đơn vị thực hiện chế độ báo cáo đúng thời gian quy định."
        )
    return (
        f"Phát huy kết quả đạt được năm {report.year};{catch_up} xây dựng kế hoạch công tác thi đua, "
        f"khen thưởng năm {report.year + 1} phù hợp với tình hình thực tế."
    )


def _paragraphs(text: str) -> list[dict]:
    return [as_element(item) for item in parse_markup(text)]


def _table(columns, rows, *, total=None, caption=None, widths=None, align=None) -> dict:
    return {
        "type": "table",  # plans.documents.elements.close_document reads "type", the renderer either
        "kind": "table",
        "columns": [str(column) for column in columns],
        "rows": [[str(value) for value in row] for row in rows],
        "widths_mm": widths,
        "align": align,
        "total": [str(value) for value in total] if total is not None else None,
        "caption": caption,
    }


def _line_layout(report: Report, *, with_result: bool) -> dict:
    widths, align = LINE_LAYOUTS[(report.plan is None, with_result)]
    return {"widths": list(widths), "align": list(align)}
