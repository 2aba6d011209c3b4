"""The structured data a section prints after its text: activities, participants, classes, budget, duties.

Each function takes the plan loaded by plans.documents.context.load_plan and returns printed elements;
those that number their items below the section (classes, duties) take the plan's numbering.
"""

from activities.choices import GroupKind
from activities.models import (
    ROMAN_QUARTERS,
    Activity,
    ParticipantGroup,
    Session,
    activities_by_quarter,
    participant_total,
)
from plans.documents.amounts import format_number, format_vnd
from plans.documents.elements import as_element, attach, ended, heading, numbered_paragraph, section_heading
from plans.documents.markup import Block, BlockKind, Run, block, paragraph, parse_markup, plain_text, run
from plans.documents.outline import Numbering
from plans.documents.wording import (
    date_span,
    money_sentence,
    sentence,
    strip_end,
    two_digits,
    vietnamese_letter,
)
from plans.models import Plan, total_amount

ACTIVITY_COLUMNS = ["TT", "Nội dung công việc", "Đơn vị thực hiện"]
BUDGET_COLUMNS = ["Nội dung", "Số lượng", "Đơn vị tính", "Đơn giá (đồng)", "Thành tiền (đồng)"]


# ---------------------------------------------------------------------------
# Activities
# ---------------------------------------------------------------------------
def activities(plan: Plan) -> dict:
    groups = []
    for quarter, numbered in activities_by_quarter(plan.activities.all(), numbering=plan.activity_numbering):
        rows = [
            {
                "number": str(number),
                "content": parse_markup(activity.content),
                "units": activity_units(activity),
            }
            for number, activity in numbered
        ]
        groups.append({"label": f"Quý {ROMAN_QUARTERS[quarter]}/{plan.year}", "rows": rows})
    return {"type": "activities", "columns": ACTIVITY_COLUMNS, "groups": groups}


def in_brackets(text: str) -> str:
    """`text` in one pair of brackets: a pair around the whole text is kept, and an inner pair
    ending the text ("sáng ngày 15/3 (1/2 ngày)") keeps its ")" (it was stripped once)."""
    depth = 0
    for index, character in enumerate(text):
        depth += {"(": 1, ")": -1}.get(character, 0)
        if depth <= 0:
            # Where the first bracket closes: the text is bracketed as a whole only if that is its end.
            if text.startswith("(") and depth == 0 and index == len(text) - 1:
                return text
            break
    return f"({text})"


def activity_units(activity: Activity) -> list[Block]:
    units = parse_markup(activity.implementers_text)
    if not units:
        leads = [organization.name for organization in activity.lead_organizations.all()]
        partners = [organization.name for organization in activity.coordinating_organizations.all()]
        units = [paragraph(name) for name in leads]
        if partners:
            units.append(paragraph(f"Phối hợp: {', '.join(partners)}"))
    if activity.timing_text.strip():
        units.append(paragraph(in_brackets(activity.timing_text.strip())))
    if activity.place.strip():
        units.append(paragraph(f"Địa điểm: {activity.place.strip()}"))
    return units


# ---------------------------------------------------------------------------
# Participants
# ---------------------------------------------------------------------------
def group_blocks(group: ParticipantGroup, *, with_count: bool = True) -> list[Block]:
    """A group as printed: "Mời Ông …, …."; "…: 01 người."; "… 15 người gồm: 01 …; 13 …".

    A description typed on several lines keeps its lines; the count follows the last one.
    Inside a class that has a single group the count is left out: "Số lượng" says it.
    """
    if group.kind == GroupKind.NAMED:
        who = " ".join(part for part in (group.honorific.strip(), group.full_name.strip()) if part)
        position = strip_end(group.position)
        return [paragraph(sentence(f"Mời {who}, {position}" if position else f"Mời {who}"))]
    blocks = parse_markup(group.description) or [paragraph("")]
    runs = list(blocks[-1]["runs"])
    text = strip_end(runs[-1]["text"]) if runs else ""
    if with_count:
        text = _with_count(group, text)
    text = sentence(text)
    if runs:
        runs[-1] = run(text, bold=runs[-1]["bold"], italic=runs[-1]["italic"])
    else:
        runs = [run(text)]
    blocks[-1] = block(blocks[-1]["kind"], runs, blocks[-1]["marker"])
    return [item for item in blocks if plain_text(item["runs"]).strip()]


def _with_count(group: ParticipantGroup, text: str) -> str:
    """ "…: 01 người" for a fixed group; "… 15 người gồm: 01 …; 13 …" for a counted one."""
    noun = f" {group.noun.strip()}" if group.noun.strip() else ""
    count = f"{two_digits(group.count)}{noun}"
    if group.kind == GroupKind.FIXED:
        return f"{text}: {count}" if text else count
    text = f"{text} {count}".strip()
    parts = [f"{two_digits(part.count)} {part.description.strip()}" for part in group.breakdown.all()]
    if parts:
        text += " gồm: " + "; ".join(parts)
    return text


def as_bullets(blocks: list[Block], kind: BlockKind) -> list[dict]:
    """Group lines as bullets; lines typed with their own "-"/"+" keep their marker."""
    return [as_element(block(kind, item["runs"], item["marker"] or "-")) for item in blocks]


def participants(groups: list[ParticipantGroup]) -> list[dict]:
    """The plan's groups outside any class: bullets, led by the total when every group is counted."""
    groups = [group for group in groups if group.session_id is None]
    if not groups:
        return []
    total = participant_total(groups)
    blocks = [item for group in groups for item in group_blocks(group)]
    if total is None:
        return as_bullets(blocks, "bullet")
    lead = as_element(block("bullet", [run(f"Số lượng, thành phần: {total} người.")], "-"))
    return [lead, *as_bullets(blocks, "sub_bullet")]


# ---------------------------------------------------------------------------
# Sessions (classes)
# ---------------------------------------------------------------------------
def sessions(
    plan: Plan, groups: list[ParticipantGroup], *, numbering: Numbering, level: int, parent_number: str
) -> list[dict]:
    """Each class under a numbered heading (plans.documents.outline counts them for what follows)."""
    elements: list[dict] = []
    items = list(plan.sessions.all())
    for index, session in enumerate(items, start=1):
        number = numbering.numeral(level, index, parent_number)
        elements.append(section_heading(level, number, session.name))
        elements += session_parts(session, [group for group in groups if group.session_id == session.pk])
    return elements


def session_parts(session: Session, groups: list[ParticipantGroup]) -> list[dict]:
    """ "a) Thành phần: …", "b) Số lượng: 70 người.", "c) Thời gian: …", "d) Địa điểm: …"."""
    parts: list[tuple[str, list[Run], list[dict]]] = []
    blocks = [item for group in groups for item in group_blocks(group, with_count=len(groups) > 1)]
    if len(blocks) == 1 and blocks[0]["kind"] == "paragraph":
        parts.append(("Thành phần:", [run(" "), *blocks[0]["runs"]], []))
    elif blocks:
        parts.append(("Thành phần:", [], as_bullets(blocks, "bullet")))
    total = participant_total(groups) if groups else None
    if total is not None:
        parts.append(("Số lượng:", [run(f" {total} người.")], []))
    timing = [session.duration.strip(), session.timing_text.strip()]
    if not session.timing_text.strip() and session.start_date:
        timing.append(date_span(session.start_date, session.end_date))
    timing_text = ", ".join(part for part in timing if part)
    if timing_text:
        parts.append(("Thời gian:", [run(" " + sentence(timing_text))], []))
    if session.place.strip():
        parts.append(("Địa điểm:", [run(" " + sentence(session.place.strip()))], []))
    elements = []
    for index, (label, runs, following) in enumerate(parts, start=1):
        lead = run(f"{vietnamese_letter(index)}) {label}", italic=True)
        elements.append(as_element(block("paragraph", [lead, *runs])))
        elements += following
    return elements


# ---------------------------------------------------------------------------
# Budget
# ---------------------------------------------------------------------------
def budget(plan: Plan) -> list[dict]:
    """Where the money comes from, the estimate's table and total, and the units' contributions."""
    blocks = [ended(item) for item in parse_markup(plan.budget_source)]
    if plan.budget_payer:
        kind, marker = (blocks[-1]["kind"], blocks[-1]["marker"]) if blocks else ("paragraph", "")
        text = sentence(f"{plan.budget_payer.name} {plan.budget_payer_duty.strip()}".strip())
        blocks.append(block(kind, [run(text)], marker))
    return [as_element(item) for item in blocks] + _budget_table(plan) + _contributions(plan)


def _budget_table(plan: Plan) -> list[dict]:
    lines = list(plan.budget_lines.all())
    if not lines:
        return []
    total = total_amount(lines)
    table = {
        "type": "budget",
        "columns": BUDGET_COLUMNS,
        "rows": [
            {
                "item": line.item,
                "quantity": format_number(line.quantity),
                "unit": line.unit,
                "unit_price": format_number(line.unit_price),
                "amount": format_number(line.amount),
            }
            for line in lines
        ],
        "total_label": "Tổng cộng",
        "total": format_number(total),
    }
    return [table, as_element(paragraph(money_sentence("Tổng kinh phí dự kiến", total)))]


def _contributions(plan: Plan) -> list[dict]:
    contributions = list(plan.contributions.all())
    if not contributions:
        return []
    elements = [as_element(paragraph("Đóng góp của các đơn vị:"))]
    for index, item in enumerate(contributions):
        note = f" ({strip_end(item.note)})" if item.note.strip() else ""
        end = "." if index == len(contributions) - 1 else ";"
        text = f"{item.organization.name}: {format_vnd(item.amount)}{note}{end}"
        elements.append(as_element(block("bullet", [run(text)], "-")))
    if len(contributions) > 1:
        total = total_amount(contributions)
        elements.append(as_element(paragraph(money_sentence("Tổng số tiền đóng góp", total))))
    return elements


# ---------------------------------------------------------------------------
# Duties
# ---------------------------------------------------------------------------
def duties(plan: Plan, *, numbering: Numbering, level: int, parent_number: str) -> list[dict]:
    """Each unit's duties, numbered below the section (plans.documents.outline counts them)."""
    elements: list[dict] = []
    items = list(plan.duties.all())
    for index, duty in enumerate(items, start=1):
        number = numbering.numeral(level, index, parent_number)
        body = parse_markup(duty.body)
        if duty.title.strip():
            elements += attach(heading(level, number, duty.title.strip(), bold=True), body)
        else:
            elements += numbered_paragraph(number, body)
    return elements
