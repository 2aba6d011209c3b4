"""The rows of a plan's parts as typed: checked together, then written in one go.

Rows refer to each other by their order number as the drafter sees it (a child section names the
number of its parent row; a participant group names the number of its class), because a row may be
new in the same submission and have no id yet. Every rule is checked before anything is written,
and every message is located on its row and field (`RowErrors`, raised as one `ServiceError`).
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models

from activities.choices import GroupKind
from common.errors import ServiceError
from plans.documents.amounts import format_vnd
from plans.models import BudgetContribution, BudgetLine, Plan, total_amount
from plans.parts import DELETE_ORDER, PARTS_BY_NAME, WRITE_ORDER, Part

ROW_GONE_MESSAGE = "Dòng này không còn trong kế hoạch (có thể vừa bị xoá ở nơi khác). Hãy tải lại trang."
SECTION_CYCLE_MESSAGE = "Mục không thể thuộc chính nó hoặc một mục con của nó."
BREAKDOWN_KIND_MESSAGE = "Chỉ nhóm định mức (mỗi đơn vị, hoặc theo loại đơn vị) mới có cơ cấu thành phần."
BREAKDOWN_GROUP_MESSAGE = "Chọn nhóm thành phần mà cơ cấu này thuộc về."
BREAKDOWN_SUM_MESSAGE = "Cơ cấu thành phần cộng lại {total} người, khác định mức {count} người của nhóm."
DUPLICATE_CONTRIBUTION_MESSAGE = "Đơn vị này đã có một dòng đóng góp khác; gộp lại thành một dòng."
# A row without an order number goes after the numbered ones, in the order it was given.
UNNUMBERED = 1_000_000


@dataclass
class RowInput:
    """One row of a part of the plan, as typed.

    key: names the row in error reports (the edit page uses its form prefix).
    pk: the row's id when it exists already; None for a new row.
    position: the order number the drafter gave the row (rows are sorted by it, then renumbered).
    values: model field values (foreign keys as objects); m2m: lists of objects.
    refs: order numbers of other rows, e.g. {"parent_number": 2} or {"session_number": 1}.
    """

    key: str
    pk: int | None = None
    position: int | None = None
    values: dict[str, Any] = field(default_factory=dict)
    m2m: dict[str, list] = field(default_factory=dict)
    refs: dict[str, int | None] = field(default_factory=dict)


class RowErrors:
    """Messages collected while checking a plan and its rows, raised at the end as one ServiceError."""

    def __init__(self):
        self.plan: dict[str | None, list[str]] = defaultdict(list)
        self.rows: dict[str, dict[str | None, list[str]]] = defaultdict(lambda: defaultdict(list))

    def __bool__(self):
        return bool(self.plan) or bool(self.rows)

    def add_plan(self, field_name: str | None, message: str) -> None:
        self.plan[field_name].append(message)

    def add_row(self, key: str, field_name: str | None, message: str) -> None:
        self.rows[key][field_name].append(message)

    def add_validation(self, error: ValidationError, add: Callable[[str | None, str], None]) -> None:
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                for message in messages:
                    add(None if name == NON_FIELD_ERRORS else name, message)
        else:
            for message in error.messages:
                add(None, message)

    def exception(self) -> ServiceError:
        return ServiceError(errors=self.plan, rows=self.rows)


@dataclass
class _Item:
    row: RowInput
    obj: models.Model
    index: int
    order: int = 0
    target: "_Item | None" = None


@dataclass
class PreparedPart:
    """A part's rows checked and put in order, with the stored rows they replace."""

    part: Part
    items: list[_Item]
    existing: dict[int, models.Model]
    removed: list[models.Model]
    # The part it refers to was not given (activities saved without their waves): each row keeps
    # the row it refers to.
    keep_refs: bool = False


MISSING_REF_MESSAGES = {
    "sections": "Không có mục số {number} trong danh sách các mục.",
    "waves": "Không có đợt số {number} trong danh sách các đợt.",
    "sessions": "Không có lớp số {number} trong danh sách các lớp.",
    "groups": "Không có nhóm số {number} trong danh sách thành phần.",
}
AMBIGUOUS_REF_MESSAGE = "Có nhiều dòng cùng số thứ tự {number}; hãy đánh lại số thứ tự cho khác nhau."


def _prepare_part(plan: Plan, part: Part, rows: list[RowInput], errors: RowErrors) -> PreparedPart:
    stored = part.model.objects.filter(**{part.owner: plan}) if plan.pk is not None else []
    existing = {obj.pk: obj for obj in stored}
    kept: set[int] = set()
    items = []
    exclude = {"plan", "order", "search_text", *([part.ref.field] if part.ref else [])}
    for index, row in enumerate(rows):
        if row.pk is not None and (row.pk not in existing or row.pk in kept):
            errors.add_row(row.key, None, ROW_GONE_MESSAGE)
            continue
        if row.pk is not None and part.ordered:
            obj = existing[row.pk]
            kept.add(row.pk)
        else:
            # New rows, and every row of a part that is replaced as a whole, are inserted anew.
            obj = part.new_row(plan)
        for name, value in row.values.items():
            setattr(obj, name, value)
        try:
            obj.full_clean(exclude=exclude)
        except ValidationError as error:
            errors.add_validation(
                error, lambda name, message, key=row.key: errors.add_row(key, name, message)
            )
        items.append(_Item(row=row, obj=obj, index=index))
    items.sort(key=lambda item: (_position(item.row), item.index))
    for number, item in enumerate(items, start=1):
        item.order = number
    removed = [obj for pk, obj in existing.items() if pk not in kept]
    return PreparedPart(part=part, items=items, existing=existing, removed=removed)


def _position(row: RowInput) -> int:
    return row.position if row.position is not None else UNNUMBERED


def _saved_rows(plan: Plan, part: Part) -> list[_Item]:
    """The saved rows of a part that was not sent, each numbered by its place (its order)."""
    stored = part.model.objects.filter(**{part.owner: plan}) if plan.pk is not None else []
    return [
        _Item(row=RowInput(key=f"saved-{obj.pk}", pk=obj.pk, position=obj.order), obj=obj, index=index)
        for index, obj in enumerate(stored)
    ]


def _resolve_refs(plan: Plan, prepared: dict[str, PreparedPart], errors: RowErrors) -> None:
    for prepared_part in prepared.values():
        part = prepared_part.part
        if part.ref is None:
            continue
        ref_key, target_name = part.ref.key, part.ref.target
        if target_name in prepared:
            targets = prepared[target_name].items
        elif any(item.row.refs.get(ref_key) is not None for item in prepared_part.items):
            # The part referred to was not sent (the editor loads a folded part only when it is
            # opened): the numbers name its saved rows.
            targets = _saved_rows(plan, PARTS_BY_NAME[target_name])
        else:
            prepared_part.keep_refs = True
            continue
        by_number: dict[int, list[_Item]] = defaultdict(list)
        for item in targets:
            if item.row.position is not None:
                by_number[item.row.position].append(item)
        for item in prepared_part.items:
            number = item.row.refs.get(ref_key)
            if number is None:
                continue
            candidates = by_number.get(number, [])
            if not candidates:
                errors.add_row(item.row.key, ref_key, MISSING_REF_MESSAGES[target_name].format(number=number))
            elif len(candidates) > 1:
                errors.add_row(item.row.key, ref_key, AMBIGUOUS_REF_MESSAGE.format(number=number))
            else:
                item.target = candidates[0]


def _check_section_tree(prepared: PreparedPart, errors: RowErrors) -> None:
    for item in prepared.items:
        seen = {id(item)}
        node = item.target
        while node is not None:
            if id(node) in seen:
                errors.add_row(item.row.key, "parent_number", SECTION_CYCLE_MESSAGE)
                item.target = None
                break
            seen.add(id(node))
            node = node.target
    # Each parent numbers its children from 1, in the order of the rows.
    counters: dict[int | None, int] = defaultdict(int)
    for item in prepared.items:
        parent_key = id(item.target) if item.target else None
        counters[parent_key] += 1
        item.order = counters[parent_key]


def _check_groups(prepared: dict[str, PreparedPart], errors: RowErrors) -> None:
    """A breakdown belongs to a quota group, and its counts add up to the group's quota."""
    breakdowns = prepared.get("breakdowns")
    if breakdowns is None:
        return
    sums: dict[int, int] = defaultdict(int)
    groups: dict[int, _Item] = {}
    for item in breakdowns.items:
        group = item.target
        if group is None:
            if item.row.refs.get("group_number") is None:
                errors.add_row(item.row.key, "group_number", BREAKDOWN_GROUP_MESSAGE)
            continue
        if group.obj.kind not in (GroupKind.PER_UNIT, GroupKind.PER_UNIT_TYPE):
            errors.add_row(item.row.key, "group_number", BREAKDOWN_KIND_MESSAGE)
            continue
        groups[id(group)] = group
        sums[id(group)] += item.obj.count or 0
    # Each group numbers its breakdown rows from 1, in the order of the rows.
    counters: dict[int, int] = defaultdict(int)
    for item in breakdowns.items:
        if item.target is not None:
            counters[id(item.target)] += 1
            item.order = counters[id(item.target)]
    for key, group in groups.items():
        count = group.obj.count
        if count is not None and sums[key] != count:
            errors.add_row(
                group.row.key,
                "count",
                BREAKDOWN_SUM_MESSAGE.format(total=sums[key], count=count),
            )


CONTRIBUTIONS_MISMATCH_MESSAGE = (
    "Tổng đóng góp của các đơn vị là {contributed}, {direction} {difference} so với tổng kinh phí dự toán "
    "{estimate}. Tổng đóng góp phải bằng tổng dự toán: sửa số tiền đóng góp hoặc các dòng dự toán."
)


def _check_contributions(
    prepared: PreparedPart | None, errors: RowErrors, *, plan: Plan, budget_lines: PreparedPart | None = None
) -> None:
    """One contribution per unit; and when a plan has both cost lines and contributions, the
    contributions add up to the estimate exactly.

    A plan that lists contributions without cost lines (a pooled fund, no itemised estimate) has
    nothing to add up to and is let through. The parts not being saved are read as they are stored.
    """
    items = prepared.items if prepared is not None else []
    seen: set[int] = set()
    for item in items:
        organization_id = item.obj.organization_id
        if organization_id is None:
            continue
        if organization_id in seen:
            errors.add_row(item.row.key, "organization", DUPLICATE_CONTRIBUTION_MESSAGE)
        seen.add(organization_id)
    typed = [*items, *(budget_lines.items if budget_lines is not None else [])]
    if any(item.row.key in errors.rows for item in typed):
        return  # a row with a bad amount is already reported; a sum over it would mean nothing
    stored = plan.pk is not None
    if prepared is not None:
        contributions = [item.obj for item in items]
    else:
        contributions = list(BudgetContribution.objects.filter(plan=plan)) if stored else []
    if budget_lines is not None:
        lines = [item.obj for item in budget_lines.items]
    else:
        lines = list(BudgetLine.objects.filter(plan=plan)) if stored else []
    if not contributions or not lines:
        return
    contributed, estimate = total_amount(contributions), total_amount(lines)
    if contributed == estimate:
        return
    message = CONTRIBUTIONS_MISMATCH_MESSAGE.format(
        contributed=format_vnd(contributed),
        estimate=format_vnd(estimate),
        direction="thiếu" if contributed < estimate else "thừa",
        difference=format_vnd(abs(estimate - contributed)),
    )
    if items:
        # Shown on the contributions part of the edit page, at the amount of its last row.
        errors.add_row(items[-1].row.key, "amount", message)
    else:
        errors.add_plan(None, message)


def check_rows(plan: Plan, parts: dict[str, list[RowInput]], errors: RowErrors) -> dict[str, PreparedPart]:
    """Every given part's rows checked, alone and across rows; messages go to `errors`."""
    unknown = set(parts) - set(PARTS_BY_NAME)
    if unknown:
        raise ValueError(f"Unknown parts of a plan: {sorted(unknown)}")
    prepared = {
        name: _prepare_part(plan, PARTS_BY_NAME[name], parts[name], errors)
        for name in WRITE_ORDER
        if name in parts
    }
    _resolve_refs(plan, prepared, errors)
    if "sections" in prepared:
        _check_section_tree(prepared["sections"], errors)
    _check_groups(prepared, errors)
    if "contributions" in prepared or "budget_lines" in prepared:
        _check_contributions(
            prepared.get("contributions"), errors, plan=plan, budget_lines=prepared.get("budget_lines")
        )
    return prepared


def write_rows(prepared: dict[str, PreparedPart]) -> None:
    """Write checked rows: kept rows updated, gone rows deleted, new rows inserted, in order."""
    # 1. Move the kept rows out of the way of the final order numbers (unique per plan or parent),
    #    and detach them from parents and classes that may be deleted below.
    for prepared_part in prepared.values():
        part = prepared_part.part
        kept = [item.obj for item in prepared_part.items if not item.obj._state.adding]
        if not part.ordered or not kept:
            continue
        base = max(obj.order for obj in prepared_part.existing.values()) + 1
        update_fields = ["order"]
        ref_field = part.ref.field if part.ref and not prepared_part.keep_refs else None
        nullable_ref = ref_field and part.model._meta.get_field(ref_field).null
        for offset, obj in enumerate(kept):
            obj.order = base + offset
            if nullable_ref:
                setattr(obj, ref_field, None)
        if nullable_ref:
            update_fields.append(ref_field)
        part.model.objects.bulk_update(kept, update_fields)
    # A kept breakdown row whose group is deleted would go with it: it is inserted again instead.
    removed_groups = {obj.pk for obj in prepared["groups"].removed} if "groups" in prepared else set()
    if "breakdowns" in prepared:
        for item in prepared["breakdowns"].items:
            if not item.obj._state.adding and item.obj.group_id in removed_groups:
                item.obj.pk = None
                item.obj._state.adding = True
    # 2. Delete the rows that are gone.
    for name in DELETE_ORDER:
        if name in prepared and prepared[name].removed:
            part = prepared[name].part
            part.model.objects.filter(pk__in=[obj.pk for obj in prepared[name].removed]).delete()
    # 3. Save every row with its final order and references, parents before children.
    for name in WRITE_ORDER:
        if name not in prepared:
            continue
        prepared_part = prepared[name]
        items = _parents_first(prepared_part.items) if name == "sections" else prepared_part.items
        for item in items:
            _save_item(prepared_part.part, item, keep_ref=prepared_part.keep_refs)


def _parents_first(items: list[_Item]) -> list[_Item]:
    children: dict[int | None, list[_Item]] = defaultdict(list)
    for item in items:
        children[id(item.target) if item.target else None].append(item)
    ordered, queue = [], list(children[None])
    while queue:
        item = queue.pop(0)
        ordered.append(item)
        queue.extend(children[id(item)])
    return ordered


def _save_item(part: Part, item: _Item, *, keep_ref: bool = False) -> None:
    obj = item.obj
    if part.ordered:
        obj.order = item.order
    if part.ref and not keep_ref:
        setattr(obj, part.ref.field, item.target.obj if item.target else None)
    obj.save()
    for name in part.m2m:
        if name in item.row.m2m:
            getattr(obj, name).set(item.row.m2m[name])
