"""The criteria table on paper: as the body of its own document (a HƯỚNG DẪN issued, numbered and
frozen through the plan's workflow), as an appendix section of a plan, and the score table that
the minutes and the proposal print. The builders are registered in `plans.section_blocks`."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Q

from common.errors import ServiceError
from emulation import arithmetic
from emulation.choices import CriterionKind, PointsFormula, TableStatus
from emulation.criteria import locked_table, log_change, refuse
from emulation.documents import issuer_signer
from emulation.models.criteria import CriteriaTable
from emulation.scoring import criteria_of, group_maximum, ranking, table_in_force
from plans import section_blocks
from plans.choices import PlanKind, SectionBlock
from plans.documents.amounts import format_number
from plans.policy import scoring as policy
from plans.services.editing import plan_create
from plans.services.rows import RowInput

DOCUMENT_TYPE = "guidance"  # HƯỚNG DẪN (plans.document_types)
CRITERIA_COLUMNS = ["TT", "Tiêu chí", "Điểm tối đa", "Cách chấm điểm"]
SCORE_COLUMNS = ["Xếp hạng", "Đơn vị", "Điểm tự chấm", "Điểm thưởng", "Điểm trừ", "Tổng điểm"]
NO_TABLE_NOTE = "(Chưa có bảng tiêu chí gắn với văn bản này.)"
NO_SCORES_NOTE = "(Chưa có bảng tiêu chí đã ban hành của năm để tổng hợp điểm.)"
DOCUMENT_EXISTS_MESSAGE = "Bảng tiêu chí đã có văn bản ban hành."


def points_text(value: Decimal | None) -> str:
    return format_number(value) if value is not None else ""


def rule_text(criterion) -> str:
    """How a criterion is scored, in the words of the printed table."""
    top, each, measure = (
        points_text(criterion.max_points),
        points_text(criterion.points_per_unit),
        criterion.measure,
    )
    unit = measure or "đơn vị"
    if criterion.kind == CriterionKind.QUANTITATIVE:
        target = f"{points_text(criterion.target)} {measure}".strip()
        if criterion.formula == PointsFormula.PROPORTIONAL:
            text = f"Chỉ tiêu {target}; điểm tỷ lệ với kết quả, đạt chỉ tiêu được {top} điểm"
        elif criterion.formula == PointsFormula.THRESHOLD:
            text = f"Đạt chỉ tiêu {target} được {top} điểm; không đạt 0 điểm"
        else:
            base = criterion.base_points if criterion.base_points is not None else criterion.max_points
            text = f"Đạt chỉ tiêu {target} được {points_text(base)} điểm"
            if criterion.points_per_unit:
                text += f"; mỗi {unit} vượt cộng {each} điểm"
            if criterion.deduction_per_unit:
                text += f"; mỗi {unit} thiếu trừ {points_text(criterion.deduction_per_unit)} điểm"
            text += f"; tối đa {top} điểm"
    elif criterion.kind == CriterionKind.PER_OCCURRENCE:
        text = f"Mỗi lần {each} điểm, tối đa {top} điểm"
    elif criterion.kind == CriterionKind.QUALITATIVE:
        text = f"Chấm đến {top} điểm"
    elif criterion.kind in (CriterionKind.BONUS, CriterionKind.PENALTY):
        verb = "Cộng" if criterion.kind == CriterionKind.BONUS else "Trừ"
        text = f"{verb} mỗi lần {each} điểm, tối đa {top} điểm" if each else f"{verb} tối đa {top} điểm"
    else:
        return criterion.guidance
    return f"{text}\n{criterion.guidance}" if criterion.guidance else text


def _maximum_cell(criterion, criteria) -> str:
    if criterion.kind == CriterionKind.GROUP:
        return points_text(group_maximum(criteria, criterion))
    sign = {CriterionKind.BONUS: "+", CriterionKind.PENALTY: "−"}.get(criterion.kind, "")
    return sign + points_text(criterion.max_points)


def table_elements(table: CriteriaTable) -> list[dict]:
    """The printed table: every criterion with its number, maximum and rule; the total; the caps."""
    criteria = criteria_of(table)
    elements = [
        {
            "type": "table",
            "caption": f"{table.title.upper()}",
            "columns": CRITERIA_COLUMNS,
            "rows": [
                [criterion.number, criterion.title, _maximum_cell(criterion, criteria), rule_text(criterion)]
                for criterion in criteria
            ],
            "total": ["", "Tổng điểm tối đa", points_text(arithmetic.maximum(criteria)), ""],
            "align": ["center", "left", "center", "left"],
            "widths_mm": [12, 78, 20, 55],
        }
    ]
    caps = []
    if table.bonus_cap is not None:
        caps.append(f"tổng điểm thưởng không quá {points_text(table.bonus_cap)} điểm")
    if table.penalty_cap is not None:
        caps.append(f"tổng điểm trừ không quá {points_text(table.penalty_cap)} điểm")
    if caps:
        elements.append({"type": "note", "text": f"Ghi chú: {'; '.join(caps)}."})
    return elements


def table_for_document(plan) -> CriteriaTable | None:
    """The table a document prints: the one it issues, else the latest version of the table that
    measures the plan's activities (an appendix of the plan)."""
    tables = CriteriaTable.objects.filter(Q(document=plan) | Q(plan=plan)).exclude(
        status=TableStatus.SUPERSEDED
    )
    return tables.order_by("-year", "-version").first()


def criteria_block(plan, *, level: int, parent_number: str) -> list[dict]:
    table = table_for_document(plan)
    return table_elements(table) if table is not None else [{"type": "note", "text": NO_TABLE_NOTE}]


def scores_block(plan, *, level: int, parent_number: str) -> list[dict]:
    """The ranking on the issued table of the document's cluster (or body) and year."""
    table = table_in_force(cluster=plan.cluster, organization=plan.organization, year=plan.year)
    if table is None:
        return [{"type": "note", "text": NO_SCORES_NOTE}]
    return [
        {
            "type": "table",
            "caption": f"KẾT QUẢ CHẤM ĐIỂM THI ĐUA NĂM {table.year}",
            "columns": SCORE_COLUMNS,
            "rows": [
                [
                    str(row.rank),
                    row.unit.name,
                    points_text(row.self_totals.total),
                    points_text(row.final_totals.bonus),
                    points_text(row.final_totals.penalty),
                    points_text(row.final_totals.total),
                ]
                for row in ranking(table)
            ],
            "align": ["center", "left", "center", "center", "center", "center"],
            "widths_mm": [18, 62, 22, 20, 20, 23],
        }
    ]


def register_blocks() -> None:
    """Called from EmulationConfig.ready(): the criteria print in any document (an appendix of a
    plan, the table's own HƯỚNG DẪN); the scores in the minutes, the proposal and reports."""
    section_blocks.register(SectionBlock.CRITERIA, criteria_block)
    section_blocks.register(
        SectionBlock.SCORES, scores_block, document_types=("minutes", "proposal", "report")
    )


def _row(name: str, number: int, **values) -> RowInput:
    return RowInput(key=f"{name}-{number}", position=number, values=values)


@transaction.atomic
def table_document_create(*, actor, table: CriteriaTable | int):
    """A draft HƯỚNG DẪN of the table's owner that prints the table; the drafter completes it in the
    plan editor and it is submitted, approved and issued like a plan. The table's criteria are
    frozen once the document leaves draft, and the table is issued after it."""
    table = locked_table(table)
    refuse(policy.manage_denial(actor, table, editing=True))
    if table.document_id is not None:
        raise ServiceError(DOCUMENT_EXISTS_MESSAGE)
    owner = table.owner
    members = "Các đơn vị thành viên Cụm" if table.cluster_id else "Các đơn vị trực thuộc"
    fields = {
        "organization": table.organization,
        "cluster": table.cluster,
        "document_type": DOCUMENT_TYPE,
        "kind": PlanKind.OTHER,
        "year": table.year,
        "date_year": table.year,
        "subject": f"Tiêu chí chấm điểm thi đua năm {table.year}",
        "preamble": (
            f"{owner} hướng dẫn tiêu chí chấm điểm thi đua năm {table.year} để các đơn vị tự chấm điểm "
            "và làm căn cứ bình xét thi đua, như sau:"
        ),
        "archive_note": f"VT, {owner.abbreviation}".strip(", "),
        **issuer_signer(cluster=table.cluster, organization=table.organization),
    }
    parts = {
        "sections": [
            _row(
                "sections",
                1,
                heading="Bảng tiêu chí chấm điểm",
                body="",
                block=SectionBlock.CRITERIA,
                hint="",
            ),
            _row(
                "sections",
                2,
                heading="Tổ chức thực hiện",
                body=(
                    "Các đơn vị tự chấm điểm theo Bảng tiêu chí, kèm theo tài liệu kiểm chứng, và gửi bản "
                    "tự chấm đúng thời hạn; kết quả chấm điểm là căn cứ để bình xét thi đua cuối năm."
                ),
                block="",
                hint="",
            ),
        ],
        "recipients": [_row("recipients", 1, text=f"{members};")],
    }
    document = plan_create(user=actor, fields=fields, parts=parts)
    table.document = document
    table.save(update_fields=["document"])
    log_change(table=table, actor=actor, action="document", document=document.pk)
    return document
