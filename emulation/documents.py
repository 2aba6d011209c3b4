"""What the emulation year prints inside its papers: the section blocks registered with
plans.section_blocks in EmulationConfig.ready(). Each reads its rows by the document (a constant
number of queries) and returns the printed elements the plan renderers lay out."""

from emulation.choices import AwardRecipient
from emulation.models import CompactSignatory, RegistrationLine
from plans.documents.elements import as_element
from plans.documents.markup import paragraph
from plans.models import Plan

COLLECTIVE_COLUMNS = ["TT", "Danh hiệu thi đua, hình thức khen thưởng"]
INDIVIDUAL_COLUMNS = [
    "TT",
    "Họ và tên",
    "Chức vụ, đơn vị công tác",
    "Danh hiệu thi đua, hình thức khen thưởng",
]
NOTHING_REGISTERED = "(Chưa đăng ký danh hiệu nào.)"


def issuer_signer(*, cluster, organization) -> dict[str, str]:
    """Who signs a paper the cluster (its head, "TM. CỤM THI ĐUA / CỤM TRƯỞNG") or a body (its head,
    for the collective when the body works as one) issues: the plan fields of the signature block."""
    if cluster is not None:
        return {"signer_on_behalf_of": "CỤM THI ĐUA", "signer_title": "CỤM TRƯỞNG"}
    if organization.is_collective:
        return {"signer_on_behalf_of": "ỦY BAN NHÂN DÂN", "signer_title": "CHỦ TỊCH"}
    return {"signer_on_behalf_of": "", "signer_title": "THỦ TRƯỞNG ĐƠN VỊ"}


def registered_awards(plan: Plan, *, level: int, parent_number: str) -> list[dict]:
    """The unit's registration: a table for the unit itself, then one for its people."""
    lines = list(
        RegistrationLine.objects.filter(registration__document=plan)
        .select_related("award")
        .order_by("award__rank", "person_name", "pk")
    )
    collective = [line for line in lines if line.award.recipient != AwardRecipient.INDIVIDUAL]
    individual = [line for line in lines if line.award.recipient == AwardRecipient.INDIVIDUAL]
    elements = []
    if collective:
        elements.append(
            {
                "type": "table",
                "caption": "I. DANH HIỆU, HÌNH THỨC KHEN THƯỞNG TẬP THỂ",
                "columns": COLLECTIVE_COLUMNS,
                "rows": [[str(number), line.award.name] for number, line in enumerate(collective, start=1)],
                "align": ["center", "left"],
                "widths_mm": [12, 153],
            }
        )
    if individual:
        elements.append(
            {
                "type": "table",
                "caption": f"{'II' if collective else 'I'}. DANH HIỆU, HÌNH THỨC KHEN THƯỞNG CÁ NHÂN",
                "columns": INDIVIDUAL_COLUMNS,
                "rows": [
                    [str(number), line.person_name, line.position, line.award.name]
                    for number, line in enumerate(individual, start=1)
                ],
                "align": ["center", "left", "left", "left"],
                "widths_mm": [12, 45, 55, 53],
            }
        )
    return elements or [as_element(paragraph(NOTHING_REGISTERED))]


def compact_signatures(plan: Plan, *, level: int, parent_number: str) -> list[dict]:
    """Every member's signature block but the head's (the head signs the document itself)."""
    signatories = CompactSignatory.objects.filter(compact__document=plan).order_by("order")
    signers = [{"lines": item.lines, "position": "", "name": item.name} for item in signatories]
    return [{"type": "signatures", "signers": signers}] if signers else []
