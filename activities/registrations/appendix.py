"""The list as an appendix of the plan (Phụ lục, Mẫu 2.1): a plain context for
`plans.documents.render_appendix`, one table per unit (and class, when there are several)."""

from activities.choices import PersonalDataUse
from activities.models import Registration
from activities.registrations.people import PERSON_FIELDS, registrations_of
from activities.registrations.personal_data import log_personal_data, mask
from activities.registrations.quotas import group_label, quota_groups
from plans import policy
from plans.documents import month_text, two_digits
from plans.models import Plan

APPENDIX_TITLE = "Danh sách cá nhân tham gia"
MASKED_NOTE = (
    "Số điện thoại và số căn cước công dân chỉ ghi 4 chữ số cuối; ngày cấp, nơi cấp không in "
    "(bảo vệ dữ liệu cá nhân)."
)
# The appendix's columns: header and alignment of each field.
APPENDIX_COLUMNS = {
    "number": ("TT", "center"),
    "full_name": ("Họ và tên", "left"),
    "position": ("Chức vụ", "left"),
    "phone": ("Số điện thoại", "center"),
    "citizen_id": ("Số CCCD", "center"),
    "id_issue_date": ("Ngày cấp", "center"),
    "id_issue_place": ("Nơi cấp", "left"),
    "note": ("Ghi chú", "left"),
}
# Which columns, and their widths in mm, by (personal data in full, some person has a note): the
# widths fill the 165 mm text width and keep a 12-digit ID, a 10-digit phone number and a date on
# one line at 13 pt with the cell padding; the note column is printed only when there are notes.
APPENDIX_WIDTHS = {
    (True, False): {
        "number": 10,
        "full_name": 30,
        "position": 22,
        "phone": 27,
        "citizen_id": 31,
        "id_issue_date": 25,
        "id_issue_place": 20,
    },
    (True, True): {
        "number": 10,
        "full_name": 25,
        "position": 17,
        "phone": 27,
        "citizen_id": 31,
        "id_issue_date": 25,
        "id_issue_place": 15,
        "note": 15,
    },
    (False, False): {"number": 10, "full_name": 47, "position": 47, "phone": 28, "citizen_id": 33},
    (False, True): {"number": 10, "full_name": 40, "position": 40, "phone": 28, "citizen_id": 33, "note": 14},
}


def appendix_subtitle(plan: Plan) -> str:
    """ "(Kèm theo Kế hoạch số 05/KH-CTĐ ngày 05 tháng 7 năm 2024 của Cụm thi đua 2)"."""
    parts = [f"Kèm theo Kế hoạch số {plan.full_symbol}"]
    if plan.document_date:
        day = plan.document_date
        parts.append(f"ngày {two_digits(day.day)} tháng {month_text(day.month)} năm {day.year}")
    if plan.issuer is not None:
        parts.append(f"của {plan.issuer.name}")
    return f"({' '.join(parts)})"


def _appendix_row(number: int, person: Registration, full: bool, columns) -> list[str]:
    values = {name: getattr(person, name) for name in PERSON_FIELDS}
    values["number"] = str(number)
    values["id_issue_date"] = f"{person.id_issue_date:%d/%m/%Y}" if person.id_issue_date else ""
    if not full:
        values["phone"], values["citizen_id"] = mask(person.phone), mask(person.citizen_id)
    return [values[name] for name in columns]


def _tables(rows: list[Registration], *, several: bool, full: bool) -> list[dict]:
    """One table per unit (and class, when the plan has several), in the order of the list."""
    widths = APPENDIX_WIDTHS[(full, any(row.note for row in rows))]
    groups: dict[tuple, list[Registration]] = {}
    for row in rows:
        groups.setdefault((row.organization_id, row.group_id if several else None), []).append(row)
    tables = []
    for index, people in enumerate(groups.values(), start=1):
        first = people[0]
        caption = f"{index}. {first.organization}"
        if several and first.group_id:
            caption += f" – {group_label(first.group)}"
        tables.append(
            {
                "kind": "table",
                "caption": f"{caption} ({two_digits(len(people))} người)",
                "columns": [APPENDIX_COLUMNS[name][0] for name in widths],
                "rows": [
                    _appendix_row(number, person, full, widths)
                    for number, person in enumerate(people, start=1)
                ],
                "widths_mm": list(widths.values()),
                "align": [APPENDIX_COLUMNS[name][1] for name in widths],
                "total": None,
            }
        )
    return tables


def registration_appendix(*, plan: Plan, user, full: bool = False) -> dict:
    """The list as the plan's appendix, personal data masked unless `full` is asked, which only the
    organiser may ask (and is logged)."""
    policy.require(user, policy.Action.ORGANISE, plan)
    rows = list(registrations_of(plan))
    body = _tables(rows, several=len(quota_groups(plan)) > 1, full=full)
    body.append({"kind": "note", "text": f"Tổng số: {two_digits(len(rows))} người."})
    if full:
        log_personal_data(user=user, plan=plan, use=PersonalDataUse.APPENDIX, rows=len(rows))
    else:
        body.append({"kind": "note", "text": MASKED_NOTE})
    subject = " ".join(plan.subject.split())
    return {
        "label": "Phụ lục",
        "title": f"{APPENDIX_TITLE} {subject[:1].lower()}{subject[1:]}".upper(),
        "subtitle": appendix_subtitle(plan),
        "body": body,
        "meta": {
            "symbol": plan.effective_symbol,
            "year": plan.year,
            "plan_id": plan.pk,
            "number": plan.number,
        },
    }
