"""Writes of plans: create (blank or from a template), update with every part, copy.

Every function is keyword-only, takes the acting user and runs in one transaction. `plan_create`
and `plan_update` take plain values: the plan's fields and, for each part of the plan, a list of
`RowInput`. They validate everything first (each row with the model's own rules, then the rules
that span rows: a section's parent, a group's class, a breakdown's group, totals) and raise
`PlanInputError` with every message located on its row and field; nothing is written then.

Rows refer to each other by their order number as the drafter sees it (a child section names the
number of its parent row; a participant group names the number of its class), because a class may
be new in the same submission and has no id yet.

Each write records its change-log row (plans.audit) in the same transaction.
"""

import datetime
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Prefetch

from activities.choices import ActivityStatus, GroupKind
from activities.models import Activity, ParticipantBreakdown, ParticipantGroup, Session
from clusters.models import Cluster, Organization
from plans import plan_templates, policy
from plans.audit import describe_changes, plan_snapshot, record_change
from plans.choices import AuditAction, PlanKind, PlanStatus
from plans.documents.amounts import format_vnd
from plans.models import (
    AuditEntry,
    BudgetContribution,
    BudgetLine,
    Duty,
    LegalBasis,
    Plan,
    Recipient,
    Section,
    total_amount,
)

ISSUED_MESSAGE = "Kế hoạch đã ban hành nên không sửa được nữa. Hãy sao chép để soạn kế hoạch mới."
NOT_DRAFT_MESSAGE = "Kế hoạch đã được trình nên không sửa được. Hãy rút lại (hoặc đề nghị trả lại) để sửa."
STALE_MESSAGE = (
    "Không lưu được: trong lúc bạn sửa, kế hoạch đã được lưu bởi người khác (xem các thay đổi dưới "
    "đây). Nội dung bạn nhập vẫn còn trên trang; kiểm tra lại rồi bấm “Lưu” nếu muốn ghi đè."
)
SAVE_CONFLICT_MESSAGE = (
    "Không lưu được vì dữ liệu vừa bị thay đổi ở nơi khác (trùng số thứ tự hoặc trùng đơn vị). "
    "Hãy tải lại trang và thử lại."
)
ROW_GONE_MESSAGE = "Dòng này không còn trong kế hoạch (có thể vừa bị xoá ở nơi khác). Hãy tải lại trang."
KIND_INVALID_MESSAGE = "Loại kế hoạch không hợp lệ."
ONE_ISSUER_MESSAGE = "Chọn đúng một cơ quan hoặc một cụm thi đua ban hành."
SECTION_CYCLE_MESSAGE = "Mục không thể thuộc chính nó hoặc một mục con của nó."
BREAKDOWN_KIND_MESSAGE = "Chỉ nhóm định mức (mỗi đơn vị, hoặc theo loại đơn vị) mới có cơ cấu thành phần."
DUPLICATE_CONTRIBUTION_MESSAGE = "Đơn vị này đã có một dòng đóng góp khác; gộp lại thành một dòng."

# Plan fields that the edit page (and the services) may set; number and status belong to the workflow.
PLAN_FIELDS = (
    "organization",
    "cluster",
    "kind",
    "year",
    "subject",
    "symbol",
    "place_name",
    "date_day",
    "date_month",
    "date_year",
    "preamble",
    "closing",
    "activity_numbering",
    "clause_numbering",
    "signer_on_behalf_of",
    "signer_authority",
    "signer_authority_of",
    "signer_title",
    "signer_position",
    "signer_name",
    "archive_note",
    "budget_source",
    "budget_payer",
    "budget_payer_duty",
    "registration_deadline",
)
SIGNER_FIELDS = (
    "signer_on_behalf_of",
    "signer_authority",
    "signer_authority_of",
    "signer_title",
    "signer_position",
    "signer_name",
)
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


class PlanInputError(Exception):
    """What is wrong with the input, located: plan field errors and row errors by row key."""

    def __init__(
        self,
        plan_errors: dict[str | None, list[str]] | None = None,
        row_errors: dict[str, dict[str | None, list[str]]] | None = None,
    ):
        self.plan_errors = plan_errors or {}
        self.row_errors = row_errors or {}
        super().__init__("; ".join(self.messages))

    @property
    def messages(self) -> list[str]:
        found = [message for messages in self.plan_errors.values() for message in messages]
        for fields in self.row_errors.values():
            found += [message for messages in fields.values() for message in messages]
        return found


class _Errors:
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

    def exception(self) -> PlanInputError:
        return PlanInputError(
            {key: list(value) for key, value in self.plan.items()},
            {
                key: {name: list(messages) for name, messages in value.items()}
                for key, value in self.rows.items()
            },
        )


# ---------------------------------------------------------------------------
# The parts of a plan
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Part:
    """How a part of the plan is stored: its model, what it refers to, its many-to-many fields."""

    name: str
    model: type[models.Model]
    ordered: bool = True
    # (key in RowInput.refs, model field, referenced part)
    ref: tuple[str, str, str] | None = None
    m2m: tuple[str, ...] = ()

    def existing(self, plan: Plan) -> list[models.Model]:
        if plan.pk is None:
            return []
        if self.model is ParticipantBreakdown:
            return list(ParticipantBreakdown.objects.filter(group__plan=plan))
        return list(self.model.objects.filter(plan=plan))

    def new(self, plan: Plan) -> models.Model:
        return self.model() if self.model is ParticipantBreakdown else self.model(plan=plan)

    @property
    def ref_field(self) -> str | None:
        return self.ref[1] if self.ref else None


PARTS: dict[str, Part] = {
    part.name: part
    for part in (
        Part("legal_bases", LegalBasis),
        Part("sections", Section, ref=("parent_number", "parent", "sections")),
        Part("activities", Activity, m2m=("lead_organizations", "coordinating_organizations")),
        Part("sessions", Session),
        Part("groups", ParticipantGroup, ref=("session_number", "session", "sessions"), m2m=("units",)),
        Part("breakdowns", ParticipantBreakdown, ref=("group_number", "group", "groups")),
        Part("budget_lines", BudgetLine),
        # Contributions are unique per unit and unordered: they are replaced as a whole.
        Part("contributions", BudgetContribution, ordered=False),
        Part("duties", Duty, m2m=("organizations",)),
        Part("recipients", Recipient),
    )
}
# Referenced parts are written before the parts that refer to them.
WRITE_ORDER = (
    "sessions",
    "groups",
    "breakdowns",
    "sections",
    "legal_bases",
    "activities",
    "budget_lines",
    "contributions",
    "duties",
    "recipients",
)
DELETE_ORDER = (
    "breakdowns",
    "groups",
    *(name for name in WRITE_ORDER if name not in ("breakdowns", "groups")),
)

MISSING_REF_MESSAGES = {
    "sections": "Không có mục số {number} trong danh sách các mục.",
    "sessions": "Không có lớp số {number} trong danh sách các lớp.",
    "groups": "Không có nhóm số {number} trong danh sách thành phần.",
}
AMBIGUOUS_REF_MESSAGE = "Có nhiều dòng cùng số thứ tự {number}; hãy đánh lại số thứ tự cho khác nhau."


@dataclass
class _Item:
    row: RowInput
    obj: models.Model
    index: int
    order: int = 0
    target: "_Item | None" = None


@dataclass
class _PreparedPart:
    part: Part
    items: list[_Item]
    existing: dict[int, models.Model]
    removed: list[models.Model]


def _prepare_part(plan: Plan, part: Part, rows: list[RowInput], errors: _Errors) -> _PreparedPart:
    existing = {obj.pk: obj for obj in part.existing(plan)}
    kept: set[int] = set()
    items = []
    exclude = {"plan", "order", "search_text", *([part.ref_field] if part.ref_field else [])}
    for index, row in enumerate(rows):
        if row.pk is not None and (row.pk not in existing or row.pk in kept):
            errors.add_row(row.key, None, ROW_GONE_MESSAGE)
            continue
        if row.pk is not None and part.ordered:
            obj = existing[row.pk]
            kept.add(row.pk)
        else:
            # New rows, and every row of a part that is replaced as a whole, are inserted anew.
            obj = part.new(plan)
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
    return _PreparedPart(part=part, items=items, existing=existing, removed=removed)


def _position(row: RowInput) -> int:
    return row.position if row.position is not None else UNNUMBERED


def _resolve_refs(prepared: dict[str, _PreparedPart], errors: _Errors) -> None:
    for prepared_part in prepared.values():
        part = prepared_part.part
        if part.ref is None:
            continue
        ref_key, _field_name, target_name = part.ref
        if target_name not in prepared:
            raise ValueError(f"The part {part.name} refers to {target_name}, which must be given too.")
        by_number: dict[int, list[_Item]] = defaultdict(list)
        for item in prepared[target_name].items:
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


def _check_section_tree(prepared: _PreparedPart, errors: _Errors) -> None:
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


def _check_groups(prepared: dict[str, _PreparedPart], errors: _Errors) -> None:
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
                errors.add_row(item.row.key, "group_number", "Chọn nhóm thành phần mà cơ cấu này thuộc về.")
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
                f"Cơ cấu thành phần cộng lại {sums[key]} người, khác định mức {count} người của nhóm.",
            )


CONTRIBUTIONS_MISMATCH_MESSAGE = (
    "Tổng đóng góp của các đơn vị là {contributed}, {direction} {difference} so với tổng kinh phí dự toán "
    "{estimate}. Tổng đóng góp phải bằng tổng dự toán: sửa số tiền đóng góp hoặc các dòng dự toán."
)


def _check_contributions(
    prepared: _PreparedPart | None, errors: _Errors, *, plan: Plan, budget_lines: _PreparedPart | None = None
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


def _validate_plan(plan: Plan, fields: dict[str, Any], errors: _Errors) -> None:
    for name, value in fields.items():
        if name not in PLAN_FIELDS:
            raise ValueError(f"{name} is not a field that plans.services may set.")
        setattr(plan, name, value)
    exclude = {"search_text"}
    if (plan.organization is None) == (plan.cluster is None):
        errors.add_plan("organization", ONE_ISSUER_MESSAGE)
        exclude |= {"organization", "cluster"}  # said once, not again by the constraint
    try:
        plan.full_clean(exclude=exclude)
    except ValidationError as error:
        errors.add_validation(error, errors.add_plan)
    except OverflowError:  # a day or year far out of range, before its own validator said so
        errors.add_plan("date_day", "Ngày, tháng, năm không hợp lệ.")


def _save_plan(plan: Plan, fields: dict[str, Any], parts: dict[str, list[RowInput]] | None) -> Plan:
    errors = _Errors()
    _validate_plan(plan, fields, errors)
    prepared: dict[str, _PreparedPart] = {}
    for name in WRITE_ORDER:
        if parts and name in parts:
            prepared[name] = _prepare_part(plan, PARTS[name], parts[name], errors)
    unknown = set(parts or {}) - set(PARTS)
    if unknown:
        raise ValueError(f"Unknown parts of a plan: {sorted(unknown)}")
    _resolve_refs(prepared, errors)
    if "sections" in prepared:
        _check_section_tree(prepared["sections"], errors)
    _check_groups(prepared, errors)
    if "contributions" in prepared or "budget_lines" in prepared:
        _check_contributions(
            prepared.get("contributions"), errors, plan=plan, budget_lines=prepared.get("budget_lines")
        )
    if errors:
        raise errors.exception()
    try:
        with transaction.atomic():
            plan.save()
            _write_parts(prepared)
    except IntegrityError as error:
        raise PlanInputError({None: [SAVE_CONFLICT_MESSAGE]}) from error
    return plan


def _write_parts(prepared: dict[str, _PreparedPart]) -> None:
    # 1. Move the kept rows out of the way of the final order numbers (unique per plan or parent),
    #    and detach them from parents and classes that may be deleted below.
    for prepared_part in prepared.values():
        part = prepared_part.part
        kept = [item.obj for item in prepared_part.items if not item.obj._state.adding]
        if not part.ordered or not kept:
            continue
        base = max(obj.order for obj in prepared_part.existing.values()) + 1
        update_fields = ["order"]
        nullable_ref = part.ref_field and part.model._meta.get_field(part.ref_field).null
        for offset, obj in enumerate(kept):
            obj.order = base + offset
            if nullable_ref:
                setattr(obj, part.ref_field, None)
        if nullable_ref:
            update_fields.append(part.ref_field)
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
            _save_item(prepared_part.part, item)


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


def _save_item(part: Part, item: _Item) -> None:
    obj = item.obj
    if part.ordered:
        obj.order = item.order
    if part.ref_field:
        setattr(obj, part.ref_field, item.target.obj if item.target else None)
    obj.save()
    for name in part.m2m:
        if name in item.row.m2m:
            getattr(obj, name).set(item.row.m2m[name])


# ---------------------------------------------------------------------------
# Create and update
# ---------------------------------------------------------------------------
@transaction.atomic
def plan_create(*, user, fields: dict[str, Any], parts: dict[str, list[RowInput]] | None = None) -> Plan:
    """A new draft plan with the given fields and parts (validated as a whole)."""
    _check_issuer(user, fields)
    plan = _save_plan(Plan(status=PlanStatus.DRAFT), fields, parts)
    record_change(plan=plan, actor=user, action=AuditAction.CREATED)
    return plan


class StalePlanError(PlanInputError):
    """The plan was saved by someone else after the editor was opened; `entries` say what changed."""

    def __init__(self, *, current_version: int, entries: list[AuditEntry]):
        super().__init__({None: [STALE_MESSAGE]})
        self.current_version = current_version
        self.entries = entries


@transaction.atomic
def plan_update(
    *,
    plan: Plan,
    user,
    fields: dict[str, Any],
    parts: dict[str, list[RowInput]] | None = None,
    expected_version: int | None = None,
) -> Plan:
    """Save the plan's fields and every part given (a part not given is left as it is).

    In a given part, an existing row that is not in the list is deleted, and rows are renumbered
    1, 2, 3… in the order of their position numbers. With `expected_version` (the version the
    editor was opened on), a plan saved by anyone since is refused with `StalePlanError`.
    """
    # Lock the row: between this check and the save, no other save may slip in.
    current = Plan.objects.select_for_update().only("status", "version").get(pk=plan.pk)
    if expected_version is not None and current.version != expected_version:
        entries = list(
            AuditEntry.objects.filter(plan=plan, version__gt=expected_version)
            .select_related("actor")
            .defer("snapshot")
            .order_by("at", "pk")
        )
        for entry in entries:
            entry.described = describe_changes(entry.changes)
        raise StalePlanError(current_version=current.version, entries=entries)
    if current.status != PlanStatus.DRAFT:
        raise PlanInputError(
            {None: [ISSUED_MESSAGE if current.status == PlanStatus.ISSUED else NOT_DRAFT_MESSAGE]}
        )
    # The issuer the plan will have: the one given, else the one it has.
    current_issuer = {"organization": plan.organization, "cluster": plan.cluster, "year": plan.year}
    _check_issuer(user, {**current_issuer, **fields})
    before = plan_snapshot(plan)
    plan.version = current.version + 1
    _save_plan(plan, fields, parts)
    record_change(plan=plan, actor=user, action=AuditAction.UPDATED, before=before)
    return plan


def _check_issuer(user, fields: dict[str, Any]) -> None:
    """The user drafts for the plan's issuer (for a cluster, the head unit of the plan's year)."""
    organization, cluster = fields.get("organization"), fields.get("cluster")
    if (organization is None) == (cluster is None) or not isinstance(fields.get("year"), int):
        return  # the plan's own validation says what is wrong
    reason = policy.may_draft_for(user, organization=organization, cluster=cluster, year=fields["year"])
    if reason is not None:
        raise PlanInputError({"organization": [reason]})


def plan_is_editable(plan: Plan) -> bool:
    return plan.status == PlanStatus.DRAFT


# ---------------------------------------------------------------------------
# From a template
# ---------------------------------------------------------------------------
def _latest_plan_of(issuer: Organization | Cluster) -> Plan | None:
    issuer_field = "cluster" if isinstance(issuer, Cluster) else "organization"
    return Plan.objects.filter(**{issuer_field: issuer}).order_by("-year", "-created_at", "-pk").first()


def _template_text(text: str, context: dict[str, Any]) -> str:
    return text.format(**context)


def _section_rows(sections: Iterable[dict], context: dict, *, counter: list[int], parent: int | None) -> list:
    rows = []
    for section in sections:
        counter[0] += 1
        number = counter[0]
        rows.append(
            RowInput(
                key=f"sections-{number}",
                position=number,
                values={
                    "heading": _template_text(section.get("heading", ""), context),
                    "body": _template_text(section.get("body", ""), context),
                    "block": section.get("block", ""),
                },
                refs={"parent_number": parent},
            )
        )
        rows += _section_rows(section.get("children", ()), context, counter=counter, parent=number)
    return rows


def _rows(name: str, items: Iterable[dict], context: dict) -> list[RowInput]:
    return [
        RowInput(
            key=f"{name}-{number}",
            position=number,
            values={
                key: _template_text(value, context) if isinstance(value, str) else value
                for key, value in item.items()
            },
        )
        for number, item in enumerate(items, start=1)
    ]


@transaction.atomic
def plan_create_from_template(
    *,
    user,
    kind: str,
    organization: Organization | None = None,
    cluster: Cluster | None = None,
    year: int,
) -> Plan:
    """A draft plan of `kind` for `year` with the template's sections, texts, rows and signer.

    The signer is the one of the issuer's most recent plan (people sign many plans a year).
    """
    if kind not in PlanKind.values:
        raise PlanInputError({"kind": [KIND_INVALID_MESSAGE]})
    if (organization is None) == (cluster is None):
        raise PlanInputError({"organization": [ONE_ISSUER_MESSAGE]})
    issuer = organization or cluster
    template = plan_templates.TEMPLATES[kind]
    parent = organization.parent if organization is not None else cluster.organization
    context = {
        "year": year,
        "previous_year": year - 1,
        "next_year": year + 1,
        "issuer": str(issuer),
        "parent": str(parent) if parent else "",
    }
    fields: dict[str, Any] = {
        "organization": organization,
        "cluster": cluster,
        "kind": kind,
        "year": year,
        "date_year": year,
        "subject": _template_text(template["subject"], context),
        "preamble": _template_text(template["preamble"], context),
        "closing": _template_text(template["closing"], context),
        "budget_source": _template_text(
            template.get("budget_source", plan_templates.DEFAULT_BUDGET_SOURCE), context
        ),
        "archive_note": f"VT, {issuer.abbreviation}".strip(", "),
    }
    latest = _latest_plan_of(issuer)
    if latest is not None:
        fields.update({name: getattr(latest, name) for name in SIGNER_FIELDS})
    bases = plan_templates.CURRENT_LEGAL_BASES if year >= plan_templates.CURRENT_LAW_FROM_YEAR else []
    recipients = [{"text": text} for text in plan_templates.DEFAULT_RECIPIENTS]
    parts = {
        "legal_bases": _rows("legal_bases", bases, context),
        "sections": _section_rows(template["sections"], context, counter=[0], parent=None),
        "activities": _rows("activities", template.get("activities", ()), context),
        "duties": _rows("duties", plan_templates.DEFAULT_DUTIES, context),
        "recipients": [row for row in _rows("recipients", recipients, context) if row.values["text"].strip()],
    }
    return plan_create(user=user, fields=fields, parts=parts)


# ---------------------------------------------------------------------------
# Copy
# ---------------------------------------------------------------------------
# Texts moved to the next year along with the plan. Legal bases are not: they cite real documents
# by number and date, which the drafter replaces with the new ones.
SHIFTED_TEXTS: dict[type[models.Model], tuple[str, ...]] = {
    Plan: ("subject", "preamble", "closing", "budget_source", "budget_payer_duty"),
    Section: ("heading", "body"),
    Activity: ("content", "timing_text", "implementers_text", "place"),
    Session: ("name", "duration", "timing_text", "place"),
    ParticipantGroup: ("description", "noun"),
    ParticipantBreakdown: ("description",),
    BudgetLine: ("item",),
    BudgetContribution: ("note",),
    Duty: ("title", "body"),
    Recipient: ("text",),
}
SHIFTED_DATES: dict[type[models.Model], tuple[str, ...]] = {
    Plan: ("registration_deadline",),
    Activity: ("start_date", "end_date"),
    Session: ("start_date", "end_date"),
}


def shift_year_in_text(text: str, year: int) -> str:
    """The plan's year, where the text names it as a year, moved on by one.

    "năm 2024" -> "năm 2025", "31/8/2024" -> "31/8/2025", "7/2024" -> "7/2025",
    "Quý II/2024" -> "Quý II/2025"; other numbers ("2023", "giai đoạn 2021-2025") and document
    numbers ("98/2024/NĐ-CP") stay.
    """
    pattern = re.compile(
        rf"(?P<lead>\bnăm\s+|(?<![\d/])\d{{1,2}}/(?:\d{{1,2}}/)?|\bquý\s+[ivx]+\s*/\s*){year}(?![\d/])",
        re.IGNORECASE,
    )
    return pattern.sub(lambda match: f"{match['lead']}{year + 1}", text or "")


def next_year_date(day: datetime.date | None) -> datetime.date | None:
    """The same day a year later; 29 February becomes 28 February."""
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def _copy_queryset():
    return Plan.objects.prefetch_related(
        "legal_bases",
        Prefetch("sections", queryset=Section.objects.order_by("order", "pk")),
        Prefetch(
            "activities",
            queryset=Activity.objects.prefetch_related("lead_organizations", "coordinating_organizations"),
        ),
        "sessions",
        Prefetch(
            "participant_groups", queryset=ParticipantGroup.objects.prefetch_related("units", "breakdown")
        ),
        "budget_lines",
        "contributions",
        Prefetch("duties", queryset=Duty.objects.prefetch_related("organizations")),
        "recipients",
    )


@transaction.atomic
def plan_copy(*, plan: Plan, user, to_next_year: bool = False, as_correction: bool = False) -> Plan:
    """A new draft with a deep copy of every part of `plan` (registrations are not copied).

    The copy has no number and no day (the records clerk sets them on issue). With `to_next_year`,
    the year, the signing year and every date move on one year, and so does the plan's year where
    the texts name it. `as_correction` makes it the new version of an issued plan, linked to it.
    """
    source = _copy_queryset().get(pk=plan.pk)
    year = source.year

    def moved(obj: models.Model) -> None:
        if not to_next_year:
            return
        for name in SHIFTED_TEXTS.get(type(obj), ()):
            setattr(obj, name, shift_year_in_text(getattr(obj, name), year))
        for name in SHIFTED_DATES.get(type(obj), ()):
            setattr(obj, name, next_year_date(getattr(obj, name)))

    def cloned(obj: models.Model, **values) -> models.Model:
        obj.pk = None
        obj._state.adding = True
        for name, value in values.items():
            setattr(obj, name, value)
        moved(obj)
        obj.save()
        return obj

    legal_bases = list(source.legal_bases.all())
    sections = list(source.sections.all())
    activities = [
        (item, list(item.lead_organizations.all()), list(item.coordinating_organizations.all()))
        for item in source.activities.all()
    ]
    sessions = list(source.sessions.all())
    groups = [
        (group, list(group.units.all()), list(group.breakdown.all()))
        for group in source.participant_groups.all()
    ]
    budget_lines = list(source.budget_lines.all())
    contributions = list(source.contributions.all())
    duties = [(duty, list(duty.organizations.all())) for duty in source.duties.all()]
    recipients = list(source.recipients.all())

    copy = Plan.objects.get(pk=plan.pk)
    copy.pk = None
    copy._state.adding = True
    copy.number = None
    copy.date_day = None
    copy.status = PlanStatus.DRAFT
    copy.version = 1
    copy.consultation_deadline = None
    copy.corrects = source if as_correction else None
    if to_next_year:
        copy.year += 1
        copy.date_year += 1
    moved(copy)
    _check_issuer(user, {"organization": copy.organization, "cluster": copy.cluster, "year": copy.year})
    try:
        copy.full_clean(exclude={"search_text"})
    except ValidationError as error:
        errors = _Errors()
        errors.add_validation(error, errors.add_plan)
        raise errors.exception() from error
    copy.save()

    for basis in legal_bases:
        cloned(basis, plan=copy)
    new_sections: dict[int, Section] = {}
    pending = sections
    while pending:
        # Parents first: a pass saves every section whose parent is already copied (or has none).
        waiting = []
        for section in pending:
            if section.parent_id is None or section.parent_id in new_sections:
                old_pk = section.pk
                parent = new_sections.get(section.parent_id)
                new_sections[old_pk] = cloned(section, plan=copy, parent=parent)
            else:
                waiting.append(section)
        if len(waiting) == len(pending):
            break  # an orphan (cannot happen with the foreign key), never loop forever
        pending = waiting
    for activity, leads, partners in activities:
        # A copy is a new plan: nothing of it has been carried out yet.
        cloned(activity, plan=copy, status=ActivityStatus.NOT_STARTED, completed_on=None, result_note="")
        activity.lead_organizations.set(leads)
        activity.coordinating_organizations.set(partners)
    new_sessions: dict[int, Session] = {}
    for session in sessions:
        old_pk = session.pk
        new_sessions[old_pk] = cloned(session, plan=copy)
    for group, units, breakdown in groups:
        cloned(group, plan=copy, session=new_sessions.get(group.session_id))
        group.units.set(units)
        for part in breakdown:
            cloned(part, group=group)
    for line in budget_lines:
        cloned(line, plan=copy)
    for contribution in contributions:
        cloned(contribution, plan=copy)
    for duty, organizations in duties:
        cloned(duty, plan=copy)
        duty.organizations.set(organizations)
    for recipient in recipients:
        cloned(recipient, plan=copy)
    if as_correction:
        note = f"Bản sửa đổi, thay thế kế hoạch số {source.full_symbol} ngày {source.short_date}"
        record_change(plan=source, actor=user, action=AuditAction.CORRECTION_STARTED, note=note)
    record_change(
        plan=copy,
        actor=user,
        action=AuditAction.COPIED,
        note=f"Sao chép từ kế hoạch {source.full_symbol} (#{source.pk})",
    )
    return copy


__all__ = [
    "PLAN_FIELDS",
    "PlanInputError",
    "RowInput",
    "StalePlanError",
    "next_year_date",
    "plan_copy",
    "plan_create",
    "plan_create_from_template",
    "plan_is_editable",
    "plan_update",
    "shift_year_in_text",
]
