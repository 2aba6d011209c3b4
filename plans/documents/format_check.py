"""Checks of what the data can get wrong in a printed plan (Nghị định 30/2020/NĐ-CP and the law).

`check_plan_format(plan)` returns findings, each with a code, a message in Vietnamese for the
drafter and the field or part of the plan to fix. The layout itself is always right (the renderer
sees to it); these are things only the data can break: the signature block, the recipients, the
subject, empty sections, legal bases no longer in force, a missing place or date.
"""

import datetime
import functools
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from common.text import fold
from plans.documents.context import legal_basis_text, load_plan
from plans.models import Plan

SUPERSEDED_TEXTS_PATH = Path(__file__).resolve().parents[1] / "data" / "superseded_texts.json"
_ARCHIVE_CLERK = re.compile(r"(?<![A-Za-zĐđ])VT(?![A-Za-zĐđ])")


@dataclass(frozen=True)
class Finding:
    """One thing to fix before the plan is printed."""

    code: str
    message: str
    field: str

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class SupersededText:
    code: str
    title: str
    patterns: tuple[re.Pattern, ...]
    no_longer_applies_from: datetime.date
    replaced_by: str

    def cited_in(self, text: str) -> bool:
        folded = fold(text)
        return any(pattern.search(folded) for pattern in self.patterns)


@functools.cache
def superseded_texts() -> tuple[SupersededText, ...]:
    data = json.loads(SUPERSEDED_TEXTS_PATH.read_text(encoding="utf-8"))
    return tuple(
        SupersededText(
            code=item["code"],
            title=item["title"],
            patterns=tuple(re.compile(pattern) for pattern in item["patterns"]),
            no_longer_applies_from=datetime.date.fromisoformat(item["no_longer_applies_from"]),
            replaced_by=item["replaced_by"],
        )
        for item in data["texts"]
    )


def plan_reference_date(plan: Plan) -> datetime.date:
    """The plan's date; for a draft, the first day it can carry (month or year only)."""
    return plan.document_date or datetime.date(plan.date_year, plan.date_month or 1, 1)


def _is_collective(plan: Plan) -> bool:
    """UBND, HĐND, a Ban… and every emulation cluster sign through "TM." when the head signs."""
    if plan.cluster_id:
        return True
    return bool(plan.organization and plan.organization.is_collective)


def _signature_findings(plan: Plan) -> list[Finding]:
    findings = []
    if not plan.signer_name.strip():
        findings.append(Finding("signer_name_missing", "Chưa có họ và tên người ký.", "signer_name"))
    if not plan.signer_title.strip():
        findings.append(
            Finding("signer_title_missing", "Chưa có chức vụ của người ký (ví dụ: CHỦ TỊCH).", "signer_title")
        )
    on_behalf = plan.signer_on_behalf_of.strip()
    collective = _is_collective(plan)
    if collective and not on_behalf and not plan.signer_authority:
        findings.append(
            Finding(
                "collective_without_tm",
                "Cơ quan ban hành làm việc theo chế độ tập thể (UBND, cụm thi đua…): người đứng đầu ký "
                "thay mặt tập thể, cần dòng “TM.” trước tên tập thể (ví dụ: TM. ỦY BAN NHÂN DÂN).",
                "signer_on_behalf_of",
            )
        )
    if on_behalf and not collective:
        findings.append(
            Finding(
                "tm_for_non_collective",
                "“TM.” chỉ dùng cho tập thể (UBND, HĐND, Ban, cụm thi đua); cơ quan này không làm việc "
                "theo chế độ tập thể, nên bỏ dòng “TM.”.",
                "signer_on_behalf_of",
            )
        )
    if plan.signer_authority and not plan.signer_authority_of.strip():
        findings.append(
            Finding(
                "authority_without_head_title",
                f"Sau “{plan.signer_authority}” cần chức danh của người đứng đầu (ví dụ: "
                f"{plan.signer_authority} GIÁM ĐỐC).",
                "signer_authority_of",
            )
        )
    if plan.signer_authority_of.strip() and not plan.signer_authority:
        findings.append(
            Finding(
                "head_title_without_authority",
                "Đã nhập chức danh người đứng đầu nhưng chưa chọn thẩm quyền ký (KT., TL., TUQ., Q.).",
                "signer_authority",
            )
        )
    return findings


def _recipient_findings(plan: Plan) -> list[Finding]:
    archive = plan.archive_note.strip()
    if not archive:
        return [
            Finding(
                "archive_missing",
                "Nơi nhận chưa có dòng lưu văn bản, ví dụ: “- Lưu: VT, VP.”.",
                "archive_note",
            )
        ]
    if not _ARCHIVE_CLERK.search(archive):
        return [
            Finding(
                "archive_without_vt",
                f"Dòng “Lưu: {archive}” thiếu “VT” (văn thư cơ quan), ví dụ: “Lưu: VT, {archive}”.",
                "archive_note",
            )
        ]
    return []


def _subject_findings(plan: Plan) -> list[Finding]:
    subject = plan.subject.strip()
    if subject and subject == subject.upper() and subject != subject.lower():
        return [
            Finding(
                "subject_upper_case",
                "Trích yếu đang viết in hoa toàn bộ; Nghị định 30/2020/NĐ-CP (Phụ lục I) khuyến nghị viết "
                "chữ thường, chỉ viết hoa chữ cái đầu và tên riêng. Bấm “Chuyển trích yếu sang chữ "
                "thường” trong trang soạn thảo nếu muốn đổi.",
                "subject",
            )
        ]
    return []


def _section_findings(plan: Plan) -> list[Finding]:
    sections = list(plan.sections.all())
    parents = {section.parent_id for section in sections}
    findings = []
    for section in sections:
        if section.heading.strip() or section.body.strip() or section.block or section.pk in parents:
            continue
        findings.append(
            Finding(
                "section_empty",
                f"Có một mục trống (thứ tự {section.order}): không tiêu đề, không nội dung, không dữ "
                "liệu kèm theo. Xóa mục này hoặc nhập nội dung.",
                f"sections[{section.pk}]",
            )
        )
    return findings


def _legal_basis_findings(plan: Plan) -> list[Finding]:
    day = plan_reference_date(plan)
    findings = []
    for index, basis in enumerate(plan.legal_bases.all(), start=1):
        text = legal_basis_text(basis)
        for superseded in superseded_texts():
            if day >= superseded.no_longer_applies_from and superseded.cited_in(text):
                findings.append(
                    Finding(
                        "legal_basis_superseded",
                        f"Căn cứ thứ {index} dẫn {superseded.title}, văn bản không còn áp dụng từ ngày "
                        f"{superseded.no_longer_applies_from:%d/%m/%Y}; thay bằng {superseded.replaced_by}.",
                        f"legal_bases[{basis.pk}]",
                    )
                )
    return findings


def _header_findings(plan: Plan) -> list[Finding]:
    findings = []
    if not plan.effective_place_name.strip():
        findings.append(
            Finding(
                "place_name_missing",
                "Chưa có địa danh ở dòng “…, ngày … tháng … năm …”: nhập địa danh của kế hoạch hoặc "
                "của cơ quan ban hành.",
                "place_name",
            )
        )
    if plan.number and plan.document_date is None:
        findings.append(
            Finding(
                "numbered_without_date",
                "Kế hoạch đã có số phải ghi đủ ngày, tháng, năm ban hành.",
                "date_day",
            )
        )
    return findings


def check_plan_format(plan: Plan | int) -> list[Finding]:
    """Every finding for the plan, in the order the parts appear on paper."""
    plan = load_plan(plan)
    return [
        *_header_findings(plan),
        *_subject_findings(plan),
        *_legal_basis_findings(plan),
        *_section_findings(plan),
        *_signature_findings(plan),
        *_recipient_findings(plan),
    ]


# ---------------------------------------------------------------------------
# Issuing: which findings refuse the issue and where each is fixed
# ---------------------------------------------------------------------------
# What a document cannot go out without; every other finding asks the clerk to confirm.
ISSUE_BLOCKING_CODES = frozenset(
    {"signer_name_missing", "signer_title_missing", "section_empty", "place_name_missing"}
)


def issue_findings(plan: Plan | int) -> tuple[list[Finding], list[Finding]]:
    """(errors that refuse the issue, warnings the clerk confirms) of the plan's format check."""
    findings = check_plan_format(plan)
    errors = [finding for finding in findings if finding.code in ISSUE_BLOCKING_CODES]
    return errors, [finding for finding in findings if finding.code not in ISSUE_BLOCKING_CODES]


def finding_anchor(finding: Finding) -> str:
    """The id of the editor's field (or card) where the finding is fixed."""
    part, _, _ = finding.field.partition("[")
    return {"sections": "s-sections", "legal_bases": "s-bases"}.get(part, f"id_{finding.field}")
