"""Checks of what the data can get wrong in a printed plan (Nghị định 30/2020/NĐ-CP and the law).

`check_plan_format(plan)` returns findings, each with a code, a message in Vietnamese for the
drafter and the field or part of the plan to fix. The layout itself is always right (the renderer
sees to it); these are things only the data can break: the signature block, the recipients, the
subject, empty sections, legal bases no longer in force, a missing place or date.
"""

import datetime
import re
from dataclasses import asdict, dataclass

from plans import co_signers
from plans.document_types import facts_of
from plans.documents.context import legal_basis_text, load_plan
from plans.legal import all_texts, plan_dates, replacements_on, texts_cited
from plans.models import LegalText, Plan

_ARCHIVE_CLERK = re.compile(r"(?<![A-Za-zĐđ])VT(?![A-Za-zĐđ])")


@dataclass(frozen=True)
class Finding:
    """One thing to fix before the plan is printed."""

    code: str
    message: str
    field: str

    def as_dict(self) -> dict:
        return asdict(self)


def _is_collective(plan: Plan) -> bool:
    """UBND, HĐND, a Ban… and every emulation cluster sign through "TM." when the head signs; the
    minutes are signed in person whoever issues them."""
    if facts_of(plan.document_type).signed_in_person:
        return False
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
        why = (
            "biên bản do người chủ trì và thư ký ký, ghi rõ họ tên"
            if facts_of(plan.document_type).signed_in_person
            else "cơ quan này không làm việc theo chế độ tập thể"
        )
        findings.append(
            Finding(
                "tm_for_non_collective",
                f"“TM.” chỉ dùng cho tập thể (UBND, HĐND, Ban, cụm thi đua); {why}, nên bỏ dòng “TM.”.",
                "signer_on_behalf_of",
            )
        )
    co_signer = facts_of(plan.document_type).co_signer
    if co_signer and not co_signers.name_of(plan):
        findings.append(
            Finding(
                "co_signer_name_missing",
                f"Chưa có họ và tên người ký ở khối “{co_signer}”. Tên thư ký lấy từ cuộc họp bình xét "
                "mà biên bản ghi lại: hãy lập biên bản từ trang cuộc họp và ghi thư ký ở đó.",
                "co_signer",
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
    if not plan.document_facts.has_recipients:
        return []
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


def _replacement_text(text: LegalText, day: datetime.date, by_pk: dict) -> str:
    replacements = replacements_on(text, day, by_pk)
    if not replacements:
        return "dẫn văn bản đang có hiệu lực thay thế"
    return "thay bằng " + "; ".join(
        f"{other.citation}"
        + (f" (có hiệu lực từ ngày {other.in_force_from:%d/%m/%Y})" if other.in_force_from else "")
        for other in replacements
    )


def _legal_basis_findings(plan: Plan) -> list[Finding]:
    """Texts not in force on the plan's date (read from the list of texts on every check, so an
    administrator's change applies at once), named by number even in a basis typed as free text."""
    bases = list(plan.legal_bases.all())
    if not bases:
        return []
    first, last = plan_dates(plan)
    texts = all_texts()
    by_pk = {text.pk: text for text in texts}
    findings = []
    for index, basis in enumerate(bases, start=1):
        for text in texts_cited(basis, legal_basis_text(basis), texts):
            text = by_pk.get(text.pk, text)
            field = f"legal_bases[{basis.pk}]"
            if text.in_force_until is not None and text.in_force_until < first:
                ended = text.in_force_until + datetime.timedelta(days=1)
                findings.append(
                    Finding(
                        "legal_basis_superseded",
                        f"Căn cứ thứ {index} dẫn {text.short_citation}, văn bản không còn áp dụng từ ngày "
                        f"{ended:%d/%m/%Y}; {_replacement_text(text, last, by_pk)}.",
                        field,
                    )
                )
            elif text.in_force_from is not None and text.in_force_from > last:
                findings.append(
                    Finding(
                        "legal_basis_not_yet_in_force",
                        f"Căn cứ thứ {index} dẫn {text.short_citation}, văn bản chỉ có hiệu lực từ ngày "
                        f"{text.in_force_from:%d/%m/%Y}, sau ngày của kế hoạch.",
                        field,
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
