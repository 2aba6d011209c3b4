"""Giao ước thi đua: draw up a cluster's compact for a year (a draft document with the usual clauses
and every member's signature block) and set who signs for each member."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from clusters.choices import MembershipRole
from clusters.models import Cluster
from common.errors import ServiceError
from emulation.models import Compact, CompactSignatory
from plans import policy
from plans.audit import record_change
from plans.choices import AuditAction, PlanKind, SectionBlock
from plans.services import RowInput, plan_create

COMPACT_EXISTS_MESSAGE = "Cụm đã có giao ước thi đua năm {year}."
UNSIGNED_MESSAGE = "Chưa ghi họ và tên người ký giao ước của: {units}."
NO_MEMBERS_MESSAGE = "Cụm chưa có đơn vị thành viên nào trong năm {year}."
SUBJECT = "Thực hiện phong trào thi đua năm {year} của {cluster}"
PREAMBLE = (
    "Thực hiện phong trào thi đua năm {year}, các đơn vị thành viên {cluster} thống nhất ký kết giao ước "
    "thi đua với những nội dung sau:"
)
# The usual clauses, for the drafter to adapt in the editor.
SECTIONS = (
    (
        "Mục đích, yêu cầu",
        "Tạo khí thế thi đua sôi nổi, rộng khắp giữa các đơn vị thành viên, góp phần hoàn thành thắng lợi "
        "các chỉ tiêu, nhiệm vụ năm {year}.\n"
        "Việc thi đua phải thiết thực, hiệu quả, công khai, minh bạch; đánh giá, bình xét đúng thực chất.",
    ),
    (
        "Nội dung giao ước",
        "- Thi đua hoàn thành toàn diện, vượt mức các chỉ tiêu, nhiệm vụ được giao năm {year};\n"
        "- Thực hiện tốt cải cách hành chính, chuyển đổi số, xây dựng chính quyền trong sạch, vững mạnh;\n"
        "- Phát hiện, bồi dưỡng, nhân rộng các điển hình tiên tiến;\n"
        "- Thực hiện nghiêm chế độ thông tin, báo cáo và các hoạt động chung của Cụm.",
    ),
    (
        "Tổ chức thực hiện",
        "Các đơn vị thành viên cụ thể hóa nội dung giao ước thành các chỉ tiêu thi đua của đơn vị; cuối năm "
        "tự chấm điểm theo bảng tiêu chí của Cụm làm cơ sở bình xét, suy tôn.",
    ),
)
CLOSING_TEXT = "Giao ước thi đua được các đơn vị thành viên thống nhất ký kết."


def _sections(names: dict) -> list[RowInput]:
    rows = [
        RowInput(key=f"s{index}", position=index, values={"heading": heading, "body": body.format(**names)})
        for index, (heading, body) in enumerate(SECTIONS, start=1)
    ]
    # The closing sentence takes "./." and the members' signatures follow it (plans.documents.elements).
    count = len(rows)
    rows.append(RowInput(key="s-end", position=count + 1, values={"body": CLOSING_TEXT}))
    rows.append(
        RowInput(key="s-signatures", position=count + 2, values={"block": SectionBlock.COMPACT_SIGNATURES})
    )
    return rows


@transaction.atomic
def compact_create(*, user, cluster: Cluster, year: int) -> Compact:
    """The cluster's draft compact for `year`; the head of that year signs it, the others below."""
    reason = policy.may_draft_for(user, organization=None, cluster=cluster, year=year)
    if reason is not None:
        raise PermissionDenied(reason)
    if Compact.objects.filter(cluster=cluster, year=year).exists():
        raise ServiceError(COMPACT_EXISTS_MESSAGE.format(year=year))
    memberships = list(
        cluster.memberships.filter(year=year).select_related("organization").order_by("organization__name")
    )
    if not memberships:
        raise ServiceError(NO_MEMBERS_MESSAGE.format(year=year))
    names = {"year": year, "cluster": cluster.name}
    document = plan_create(
        user=user,
        fields={
            "cluster": cluster,
            "document_type": "compact",
            "kind": PlanKind.OTHER,
            "year": year,
            "subject": SUBJECT.format(**names),
            "date_year": timezone.localdate().year,
            "preamble": PREAMBLE.format(**names),
            "signer_on_behalf_of": "CỤM THI ĐUA",
            "signer_title": "CỤM TRƯỞNG",
            "archive_note": "VT",
        },
        parts={
            "sections": _sections(names),
            "recipients": [RowInput(key="r1", position=1, values={"text": "Các đơn vị thành viên Cụm"})],
        },
    )
    compact = Compact.objects.create(cluster=cluster, year=year, document=document)
    members = [item.organization for item in memberships if item.role != MembershipRole.HEAD]
    CompactSignatory.objects.bulk_create(
        CompactSignatory(
            compact=compact,
            unit=unit,
            order=order,
            on_behalf_of="ỦY BAN NHÂN DÂN" if unit.is_collective else unit.name.upper(),
            title="CHỦ TỊCH" if unit.is_collective else "THỦ TRƯỞNG ĐƠN VỊ",
        )
        for order, unit in enumerate(members, start=1)
    )
    return compact


@transaction.atomic
def signatories_update(*, user, compact: Compact, values: dict[int, dict[str, str]]) -> None:
    """Set who signs for each member: `values` maps a signatory's id to its on_behalf_of, title, name."""
    policy.require(user, policy.Action.EDIT, compact.document)
    changed = []
    for signatory in compact.signatories.select_for_update():
        typed = values.get(signatory.pk)
        if typed is None:
            continue
        new = {
            field: " ".join(str(typed.get(field, "")).split()) for field in ("on_behalf_of", "title", "name")
        }
        if all(getattr(signatory, field) == value for field, value in new.items()):
            continue
        for field, value in new.items():
            setattr(signatory, field, value)
        try:
            signatory.full_clean()
        except ValidationError as error:
            raise ServiceError(rows={str(signatory.pk): error.message_dict}) from None
        signatory.save(update_fields=list(new))
        changed.append(str(signatory.unit))
    if changed:
        record_change(
            plan=compact.document,
            actor=user,
            action=AuditAction.UPDATED,
            note=f"Sửa người ký giao ước của: {', '.join(changed)}.",
        )


def issue_gate(plan) -> list[str]:
    """Why the compact `plan` may not be issued yet (plans.issue_gates): a member's signature block
    names nobody. Nothing for any other paper."""
    if plan.document_type != "compact":
        return []
    unsigned = CompactSignatory.objects.filter(compact__document=plan, name="").select_related("unit")
    units = [str(item.unit) for item in unsigned.order_by("order")]
    return [UNSIGNED_MESSAGE.format(units=", ".join(units))] if units else []
